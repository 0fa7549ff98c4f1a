#pragma once
// HTTP for the service (Debian's cpp-httplib): the routes, the body size limit, the bearer token.
//   GET  /              the page where a fact-checker pastes an article (check_page.hpp)
//   POST /v1/check      one document or an array; ?format=json|html|md|claimreview (Service::check)
//   GET  /v1/plugins    the pipeline's stages and plugins
//   GET  /healthz       {"status": "ok", ...}
//   GET  /metrics       Prometheus text
// Every error is a JSON object {"error", "status"}. With a token, /v1/* and /metrics need
// `Authorization: Bearer TOKEN` (401 otherwise); / and /healthz stay open (the page holds no data).
// Each connection has a thread of its own from a pool larger than the workers and their queue, and a read
// timeout: a client that sends slowly, or too much, holds only its own connection.
#include <memory>
#include <string>

#include <factpipe/serve/service.hpp>

namespace httplib {
class Server;
}

namespace factpipe::serve {

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                  // 0: any free port (see HttpServer::port())
  std::size_t connections = 0;      // connection threads; 0: workers + max_queue + 16
  double read_timeout_seconds = 5;  // a client silent for longer while sending is disconnected
  std::string token;                // empty: no authentication
};

class HttpServer {
 public:
  HttpServer(Service& service, HttpOptions options);
  ~HttpServer();
  // Binds the socket (throws std::runtime_error naming host and port when it cannot); returns the port.
  int bind();
  void serve();  // blocks until stop()
  void stop();
  bool running() const;  // serve() is accepting connections
  int port() const { return port_; }

 private:
  void routes();
  Service& service_;
  HttpOptions options_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
};

// Reads a bearer token from a file: its first line, surrounding whitespace removed. Throws
// std::runtime_error when the file cannot be read or holds no token.
std::string read_token_file(const std::string& path);

}  // namespace factpipe::serve
