#include "store/sqlite/connection_pool.h"

namespace ordo::store::sqlite {

ConnectionPool::ConnectionPool(Opener opener, int max_size)
    : opener_(std::move(opener)), max_size_(max_size < 1 ? 1 : max_size) {}

ConnectionPool::Lease::~Lease() {
  if (db_ != nullptr) pool_->Return(std::move(db_));
}

Result<ConnectionPool::Lease> ConnectionPool::Acquire() {
  {
    std::unique_lock lock(mu_);
    returned_.wait(lock, [this] { return !idle_.empty() || open_ < max_size_; });
    if (!idle_.empty()) {
      std::unique_ptr<Database> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
    ++open_;  // reserve the slot, then open outside the lock
  }
  Result<std::unique_ptr<Database>> opened = opener_();
  if (!opened.ok()) {
    std::lock_guard lock(mu_);
    --open_;
    returned_.notify_one();
    return opened.status();
  }
  return Lease(this, std::move(opened).value());
}

void ConnectionPool::Return(std::unique_ptr<Database> db) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(db));
  }
  returned_.notify_one();
}

}  // namespace ordo::store::sqlite
