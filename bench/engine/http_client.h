// A minimal blocking HTTP/1.1 client for benchmarks: one keep-alive TCP connection, one request at
// a time, Content-Length bodies only (what Ordo's server sends). Kept deliberately small so the
// client side costs little CPU next to the server it measures.
// Thread-safety: none; use one HttpConnection per thread.
#pragma once

#include <string>
#include <string_view>

namespace ordo::bench {

struct HttpResponse {
  int status = 0;  // 0: transport error (see HttpConnection::error())
  std::string body;
};

class HttpConnection {
 public:
  HttpConnection(std::string host, int port);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // Sends one request and reads its response. Reconnects once if the kept-alive connection was
  // closed by the server before the request was written.
  HttpResponse Request(std::string_view method, std::string_view path, std::string_view body = {},
                       std::string_view content_type = "application/json");
  HttpResponse Get(std::string_view path) { return Request("GET", path); }
  HttpResponse Post(std::string_view path, std::string_view body,
                    std::string_view content_type = "application/json") {
    return Request("POST", path, body, content_type);
  }

  const std::string& error() const { return error_; }

 private:
  bool Connect();
  void Close();
  bool SendAll(const std::string& data);
  bool ReadResponse(HttpResponse& out);
  bool Fill();  // reads more bytes into buf_; false on EOF or error

  std::string host_;
  int port_;
  int fd_ = -1;
  std::string request_;  // reused to avoid an allocation per request
  std::string buf_;      // bytes read but not yet consumed
  std::string error_;
};

// The value of a top-level string or number member, e.g. JsonField(body, "id") for {"id":"42"}.
// Only for the flat, known documents the benchmark reads; empty when absent.
std::string_view JsonField(std::string_view body, std::string_view name);

}  // namespace ordo::bench
