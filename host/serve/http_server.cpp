#include <factpipe/serve/http_server.hpp>

#include <chrono>
#include <fstream>
#include <stdexcept>

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <factpipe/serve/check_page.hpp>

namespace factpipe::serve {

namespace {

using Clock = std::chrono::steady_clock;

void send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  for (const auto& [k, v] : reply.headers) res.set_header(k, v);
  res.set_content(reply.body, reply.content_type.c_str());
}

// The same time for equal strings of equal length whatever the first difference: no timing oracle.
bool same_token(const std::string& given, const std::string& expected) {
  if (given.size() != expected.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ expected[i]);
  return diff == 0;
}

bool needs_token(const std::string& path) { return path.starts_with("/v1/") || path == "/metrics"; }

// Known routes by name; anything else is "other", so a scan of random paths cannot grow the metrics.
std::string route_label(const std::string& path) {
  for (const char* known : {"/", "/v1/check", "/v1/plugins", "/healthz", "/metrics"})
    if (path == known) return path;
  return "other";
}

const char* reason(int status) {
  switch (status) {
    case 400:
      return "the request could not be read: malformed, or the client stopped sending (read timeout)";
    case 401:
      return "a bearer token is required";
    case 404:
      return "no such route";
    case 405:
      return "method not allowed";
    case 413:
      return "the request body is over the size limit";
    case 414:
      return "the request line is too long";
    default:
      return "error";
  }
}

}  // namespace

std::string read_token_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("--token-file " + path + ": cannot read");
  std::string line;
  std::getline(in, line);
  auto first = line.find_first_not_of(" \t\r\n");
  auto last = line.find_last_not_of(" \t\r\n");
  if (first == std::string::npos) throw std::runtime_error("--token-file " + path + ": the first line holds no token");
  return line.substr(first, last - first + 1);
}

HttpServer::HttpServer(Service& service, HttpOptions options)
    : service_(service), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {
  const Limits& limits = service_.limits();
  std::size_t connections = options_.connections ? options_.connections : service_.workers() + limits.max_queue + 16;
  server_->new_task_queue = [connections] { return new httplib::ThreadPool(connections); };
  if (limits.max_body_bytes) server_->set_payload_max_length(limits.max_body_bytes);
  auto timeout = std::chrono::duration<double>(options_.read_timeout_seconds);
  server_->set_read_timeout(std::chrono::duration_cast<std::chrono::microseconds>(timeout));
  server_->set_write_timeout(std::chrono::duration_cast<std::chrono::microseconds>(timeout));
  server_->set_keep_alive_max_count(1000);
  server_->set_tcp_nodelay(true);
  routes();
}

HttpServer::~HttpServer() = default;

void HttpServer::routes() {
  auto& s = *server_;
  // Each answer is counted before it is sent, so that a client reading /metrics next sees its own request.
  auto counted = [this](const char* route, auto handler) {
    return [this, route, handler](const httplib::Request& req, httplib::Response& res) {
      auto start = Clock::now();
      handler(req, res);
      if (res.status == -1) res.status = 200;
      service_.metrics().request(route, res.status, std::chrono::duration<double>(Clock::now() - start).count());
    };
  };
  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (options_.token.empty() || !needs_token(req.path)) return httplib::Server::HandlerResponse::Unhandled;
    std::string auth = req.get_header_value("Authorization");
    if (auth.starts_with("Bearer ") && same_token(auth.substr(7), options_.token))
      return httplib::Server::HandlerResponse::Unhandled;
    service_.metrics().refused("unauthorized");
    send(res, error_reply(401, "this service needs `Authorization: Bearer TOKEN`"));
    res.set_header("WWW-Authenticate", "Bearer");
    res.set_header("Connection", "close");  // the body was not read: the connection cannot go on
    service_.metrics().request(route_label(req.path), 401, -1);
    return httplib::Server::HandlerResponse::Handled;
  });
  s.Get("/", counted("/", [](const httplib::Request&, httplib::Response& res) {
          res.set_content(check_page_html(), "text/html; charset=utf-8");
        }));
  s.Get("/healthz", counted("/healthz", [this](const httplib::Request&, httplib::Response& res) {
          res.set_content(Json{{"status", "ok"}, {"pipeline", service_.pipeline_name()}}.dump() + "\n",
                          "application/json");
        }));
  s.Get("/metrics", counted("/metrics", [this](const httplib::Request&, httplib::Response& res) {
          res.set_content(service_.metrics().text(), "text/plain; version=0.0.4; charset=utf-8");
        }));
  s.Get("/v1/plugins", counted("/v1/plugins", [this](const httplib::Request&, httplib::Response& res) {
          res.set_content(service_.plugins().dump(2) + "\n", "application/json");
        }));
  s.Post("/v1/check", counted("/v1/check", [this](const httplib::Request& req, httplib::Response& res) {
           send(res, service_.check(req.body, req.get_param_value("format"), req.get_header_value("Content-Type"),
                                    req.get_param_value("id")));
         }));
  // Errors httplib answers itself (404, 413 ...) get a JSON body too, and are counted here.
  s.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler's own error, counted with its route
    service_.metrics().request(route_label(req.path), res.status, -1);
    if (res.status == 413) service_.metrics().refused("too_large");
    Json extra = Json::object();
    if (res.status == 413) extra["limit"] = service_.limits().max_body_bytes;
    send(res, error_reply(res.status, reason(res.status), extra));
  });
  s.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    spdlog::error("{} {}: {}", req.method, req.path, what);
    service_.metrics().request(route_label(req.path), 500, -1);
    send(res, error_reply(500, what));
  });
  s.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    spdlog::debug("{} {} {}", req.method, req.path, res.status);
  });
}

int HttpServer::bind() {
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host);
    if (port_ < 0) throw std::runtime_error("cannot listen on " + options_.host + " (any port)");
  } else {
    if (!server_->bind_to_port(options_.host, options_.port))
      throw std::runtime_error("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                               " (in use, or not an address of this machine)");
    port_ = options_.port;
  }
  return port_;
}

void HttpServer::serve() { server_->listen_after_bind(); }

void HttpServer::stop() { server_->stop(); }

bool HttpServer::running() const { return server_->is_running(); }

}  // namespace factpipe::serve
