#include "http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace ordo::bench {

HttpConnection::HttpConnection(std::string host, int port) : host_(std::move(host)), port_(port) {
  request_.reserve(1024);
  buf_.reserve(16384);
}

HttpConnection::~HttpConnection() { Close(); }

void HttpConnection::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buf_.clear();
}

bool HttpConnection::Connect() {
  Close();
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    error_ = std::string("socket: ") + std::strerror(errno);
    return false;
  }
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port_));
  if (::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr) != 1) {
    error_ = "bad IPv4 address " + host_;
    Close();
    return false;
  }
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    error_ = std::string("connect: ") + std::strerror(errno);
    Close();
    return false;
  }
  return true;
}

bool HttpConnection::SendAll(const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = std::string("send: ") + std::strerror(errno);
      return false;
    }
    off += static_cast<size_t>(n);
  }
  return true;
}

bool HttpConnection::Fill() {
  char tmp[16384];
  while (true) {
    ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = n == 0 ? "connection closed by server" : std::string("recv: ") + std::strerror(errno);
      return false;
    }
    buf_.append(tmp, static_cast<size_t>(n));
    return true;
  }
}

namespace {

bool HeaderIs(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char a = line[i], b = name[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

}  // namespace

bool HttpConnection::ReadResponse(HttpResponse& out) {
  size_t end;
  while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill()) return false;
  }
  std::string_view head(buf_.data(), end);
  // "HTTP/1.1 201 Created"
  if (head.size() < 12 || head.substr(0, 5) != "HTTP/") {
    error_ = "malformed status line";
    return false;
  }
  out.status = std::atoi(std::string(head.substr(9, 3)).c_str());
  size_t content_length = 0;
  bool close_after = false;
  size_t pos = head.find("\r\n");
  while (pos != std::string_view::npos && pos < head.size()) {
    size_t next = head.find("\r\n", pos + 2);
    std::string_view line = head.substr(pos + 2, (next == std::string_view::npos ? head.size() : next) - pos - 2);
    if (HeaderIs(line, "content-length")) {
      content_length = std::strtoull(std::string(line.substr(15)).c_str(), nullptr, 10);
    } else if (HeaderIs(line, "connection") && line.find("close") != std::string_view::npos) {
      close_after = true;
    } else if (HeaderIs(line, "transfer-encoding")) {
      error_ = "chunked responses are not supported by this client";
      return false;
    }
    pos = next;
  }
  size_t body_start = end + 4;
  while (buf_.size() < body_start + content_length) {
    if (!Fill()) return false;
  }
  out.body.assign(buf_, body_start, content_length);
  buf_.erase(0, body_start + content_length);
  if (close_after) Close();
  return true;
}

HttpResponse HttpConnection::Request(std::string_view method, std::string_view path, std::string_view body,
                                     std::string_view content_type) {
  request_.clear();
  request_.append(method).append(" ").append(path).append(" HTTP/1.1\r\nHost: ").append(host_);
  request_.append("\r\nConnection: keep-alive\r\n");
  if (method != "GET") {
    request_.append("Content-Type: ").append(content_type).append("\r\nContent-Length: ");
    request_.append(std::to_string(body.size())).append("\r\n");
  }
  request_.append("\r\n").append(body);
  HttpResponse resp;
  for (int attempt = 0; attempt < 2; ++attempt) {
    bool fresh = fd_ < 0;
    if (fresh && !Connect()) return resp;
    if (SendAll(request_) && ReadResponse(resp)) return resp;
    Close();
    // Retry only on a reused connection (the server may have closed it while it was idle).
    if (fresh) break;
    resp = HttpResponse{};
  }
  resp.status = 0;
  return resp;
}

std::string_view JsonField(std::string_view body, std::string_view name) {
  std::string key;
  key.reserve(name.size() + 3);
  key.push_back('"');
  key.append(name);
  key.append("\":");
  size_t p = body.find(key);
  if (p == std::string_view::npos) return {};
  p += key.size();
  while (p < body.size() && body[p] == ' ') ++p;
  if (p >= body.size()) return {};
  if (body[p] == '"') {
    size_t q = body.find('"', p + 1);
    if (q == std::string_view::npos) return {};
    return body.substr(p + 1, q - p - 1);
  }
  size_t q = p;
  while (q < body.size() && body[q] != ',' && body[q] != '}' && body[q] != ']') ++q;
  return body.substr(p, q - p);
}

}  // namespace ordo::bench
