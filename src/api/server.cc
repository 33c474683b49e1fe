#include "api/server.h"

#include <civetweb.h>

#include <cstring>

#include "api/problem.h"
#include "api/router.h"
#include "api/routes.h"
#include "base/log.h"

namespace ordo::api {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string UrlDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

void ParseQuery(std::string_view q, std::map<std::string, std::string>& out) {
  size_t i = 0;
  while (i < q.size()) {
    size_t amp = q.find('&', i);
    if (amp == std::string_view::npos) amp = q.size();
    std::string_view pair = q.substr(i, amp - i);
    size_t eq = pair.find('=');
    if (!pair.empty()) {
      if (eq == std::string_view::npos) out[UrlDecode(pair)] = "";
      else out[UrlDecode(pair.substr(0, eq))] = UrlDecode(pair.substr(eq + 1));
    }
    i = amp + 1;
  }
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

}  // namespace

class Server::Impl {
 public:
  Impl(runtime::Runtime& runtime, const ServerOptions& options) : runtime_(runtime), options_(options) {
    RegisterRoutes(router_, runtime_);
  }
  ~Impl() {
    if (ctx_ != nullptr) mg_stop(ctx_);
  }

  Status Start(int& port) {
    std::string threads = std::to_string(options_.threads);
    const char* config[] = {"listening_ports", options_.listen.c_str(),
                            "num_threads", threads.c_str(),
                            "listen_backlog", "1024",
                            "tcp_nodelay", "1",
                            "enable_keep_alive", "yes",
                            "request_timeout_ms", "60000",
                            "keep_alive_timeout_ms", "60000",
                            nullptr};
    mg_callbacks callbacks{};
    ctx_ = mg_start(&callbacks, this, config);
    if (ctx_ == nullptr) {
      return Unavailable("cannot listen on " + options_.listen + " (is the address in use or invalid?)");
    }
    mg_set_request_handler(ctx_, "/", &Impl::Handle, this);
    mg_server_port ports[4];
    int n = mg_get_server_ports(ctx_, 4, ports);
    port = n > 0 ? ports[0].port : 0;
    return Status::Ok();
  }

 private:
  static int Handle(mg_connection* conn, void* data) {
    return static_cast<Impl*>(data)->Serve(conn);
  }

  int Serve(mg_connection* conn) {
    const mg_request_info* info = mg_get_request_info(conn);
    Request req;
    req.method = info->request_method ? info->request_method : "";
    req.path = info->local_uri ? info->local_uri : "/";
    if (info->query_string) ParseQuery(info->query_string, req.query);
    for (int i = 0; i < info->num_headers; ++i) {
      req.headers[Lower(info->http_headers[i].name)] = info->http_headers[i].value;
    }
    Response resp;
    if (info->content_length > static_cast<long long>(options_.max_body_bytes)) {
      resp = Problem(413, "too-large", "Request too large",
                     "the body has " + std::to_string(info->content_length) + " bytes; the limit is " +
                         std::to_string(options_.max_body_bytes));
    } else if (!ReadBody(conn, req.body)) {
      resp = Problem(413, "too-large", "Request too large",
                     "the body is over the limit of " + std::to_string(options_.max_body_bytes) + " bytes");
    } else {
      resp = router_.Dispatch(req);
    }
    Send(conn, resp);
    return static_cast<int>(resp.status);
  }

  bool ReadBody(mg_connection* conn, std::string& body) {
    char buf[16384];
    while (true) {
      int n = mg_read(conn, buf, sizeof buf);
      if (n <= 0) return true;
      body.append(buf, static_cast<size_t>(n));
      if (body.size() > options_.max_body_bytes) return false;
    }
  }

  static void Send(mg_connection* conn, const Response& resp) {
    // One write per response: headers and body together.
    std::string out = "HTTP/1.1 " + std::to_string(resp.status) + " " + ReasonPhrase(resp.status) + "\r\n";
    out += "Content-Type: " + resp.content_type + "\r\n";
    out += "Content-Length: " + std::to_string(resp.body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\n";
    for (const auto& [name, value] : resp.headers) out += name + ": " + value + "\r\n";
    out += "\r\n";
    out += resp.body;
    mg_write(conn, out.data(), out.size());
  }

  runtime::Runtime& runtime_;
  ServerOptions options_;
  Router router_;
  mg_context* ctx_ = nullptr;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Start(runtime::Runtime& runtime, const ServerOptions& options) {
  static bool initialised = [] {
    mg_init_library(0);
    return true;
  }();
  (void)initialised;
  auto impl = std::make_unique<Impl>(runtime, options);
  int port = 0;
  RETURN_IF_ERROR(impl->Start(port));
  std::unique_ptr<Server> server(new Server(std::move(impl)));
  server->port_ = port;
  return server;
}

}  // namespace ordo::api
