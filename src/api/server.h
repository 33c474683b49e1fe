// The HTTP server: civetweb underneath, Ordo's routes on top. Binds to 127.0.0.1 by default.
// Each request runs on one of civetweb's worker threads and blocks until its command is durable.
// Ownership: the Server references the Runtime, which must outlive it. Thread-safety: Start/Stop
// from one thread; requests are served concurrently.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "runtime/runtime.h"

namespace ordo::api {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";
  int threads = 128;                          // concurrent connections served
  size_t max_body_bytes = size_t{16} << 20;   // 16 MiB; larger bodies get 413
};

class Server {
 public:
  static Result<std::unique_ptr<Server>> Start(runtime::Runtime& runtime, const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port actually bound (useful with "127.0.0.1:0").
  int port() const { return port_; }

 private:
  class Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace ordo::api
