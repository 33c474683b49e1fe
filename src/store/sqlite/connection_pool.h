// A pool of SQLite connections for readers. WAL mode lets each reader connection see the last
// committed snapshot while the writer connection commits, so reads never wait for a group commit.
// Connections are opened on first need, up to a maximum; a caller beyond the maximum waits for a
// returned one.
//
// Ownership: the pool owns idle connections; a Lease owns its connection until it is destroyed,
// which hands it back. REQUIRES: every Lease is destroyed before its pool.
// Thread-safety: Acquire and Lease destruction may be called from any thread.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "base/status.h"
#include "store/sqlite/database.h"

namespace ordo::store::sqlite {

class ConnectionPool {
 public:
  using Opener = std::function<Result<std::unique_ptr<Database>>()>;

  // REQUIRES: max_size >= 1.
  ConnectionPool(Opener opener, int max_size);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Database> db) : pool_(pool), db_(std::move(db)) {}
    ~Lease();
    Lease(Lease&& other) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;

    Database& operator*() const { return *db_; }
    Database* operator->() const { return db_.get(); }

   private:
    ConnectionPool* pool_;  // outlives the lease
    std::unique_ptr<Database> db_;
  };

  Result<Lease> Acquire();

 private:
  void Return(std::unique_ptr<Database> db);

  Opener opener_;
  const int max_size_;
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Database>> idle_;  // guarded by mu_
  int open_ = 0;                                 // guarded by mu_; idle plus leased
};

}  // namespace ordo::store::sqlite
