#include "store/fault_store.h"

#include <cassert>

namespace ordo::store {

FaultInjectingStore::FaultInjectingStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {
  assert(inner_ != nullptr);
}

void FaultInjectingStore::FailNthCommit(int64_t n) {
  std::lock_guard lock(mu_);
  plan_ = Plan::kNth;
  countdown_ = n < 1 ? 1 : n;
}

void FaultInjectingStore::FailEveryCommit() {
  std::lock_guard lock(mu_);
  plan_ = Plan::kEvery;
}

void FaultInjectingStore::FailFraction(double fraction, uint64_t seed) {
  std::lock_guard lock(mu_);
  plan_ = Plan::kFraction;
  fraction_ = fraction;
  random_.seed(seed);
}

void FaultInjectingStore::Heal() {
  std::lock_guard lock(mu_);
  plan_ = Plan::kNone;
}

int64_t FaultInjectingStore::commits_attempted() const {
  std::lock_guard lock(mu_);
  return attempted_;
}

int64_t FaultInjectingStore::commits_failed() const {
  std::lock_guard lock(mu_);
  return failed_;
}

bool FaultInjectingStore::ShouldFail() {
  switch (plan_) {
    case Plan::kNone:
      return false;
    case Plan::kNth:
      if (--countdown_ > 0) return false;
      plan_ = Plan::kNone;
      return true;
    case Plan::kEvery:
      return true;
    case Plan::kFraction:
      // Uniform in [0, 1): a fraction of 1 always fails, 0 never does.
      return std::uniform_real_distribution<double>(0.0, 1.0)(random_) < fraction_;
  }
  return false;
}

Status FaultInjectingStore::Commit(const Transaction& txn) {
  {
    std::lock_guard lock(mu_);
    ++attempted_;
    if (ShouldFail()) {
      ++failed_;
      return Unavailable("injected commit failure (commit " + std::to_string(attempted_) + ")");
    }
  }
  return inner_->Commit(txn);
}

std::string FaultInjectingStore::Describe() const {
  std::lock_guard lock(mu_);
  const char* plan = "none";
  switch (plan_) {
    case Plan::kNone: break;
    case Plan::kNth: plan = "nth commit"; break;
    case Plan::kEvery: plan = "every commit"; break;
    case Plan::kFraction: plan = "random fraction"; break;
  }
  return std::string("faults(") + plan + ") over " + inner_->Describe();
}

}  // namespace ordo::store
