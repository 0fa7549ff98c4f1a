#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <factpipe/serve/http_server.hpp>
#include <factpipe/serve/service.hpp>

#include "cli.hpp"

namespace factpipe::cli {

namespace {

struct ServeArgs {
  std::string config, host = "127.0.0.1", token_file;
  int port = 8080;
  unsigned threads = 0;
  std::vector<std::string> overrides;
  double max_body_mb = 8, timeout = 60, read_timeout = 5;
  std::size_t max_documents = 64, max_queue = 128, connections = 0;
  bool allow_plugin_override = false;
};

int serve_command(const ServeArgs& args) {
  std::string config = resolve_config(args.config);
  auto loaded = load_pipeline(config, args.overrides, {}, args.allow_plugin_override);
  if (!loaded.validated.ok()) return print_issues(loaded.validated);
  for (const auto& stage : serve::isolate_requests(loaded.validated, loaded.file))
    spdlog::info(
        "stage '{}': link_documents off, each request is checked on its own (set it in the pipeline "
        "file to link documents across requests)",
        stage);

  serve::ServiceOptions options;
  options.workers = args.threads ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  options.limits.max_body_bytes = static_cast<std::size_t>(args.max_body_mb * 1e6);
  options.limits.max_documents = args.max_documents;
  options.limits.max_queue = args.max_queue;
  options.limits.timeout_seconds = args.timeout;
  serve::HttpOptions http;
  http.host = args.host;
  http.port = args.port;
  http.connections = args.connections;
  http.read_timeout_seconds = args.read_timeout;
  if (!args.token_file.empty()) {
    try {
      http.token = serve::read_token_file(args.token_file);
    } catch (const std::exception& e) {
      throw host::ConfigError(e.what());
    }
  }

  // SIGINT/SIGTERM stop the server from a thread of their own; every other thread has them blocked.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  serve::Service service(loaded.validated, options);  // configures every stage: PluginError on failure
  serve::HttpServer server(service, http);
  int port;
  try {
    port = server.bind();
  } catch (const std::exception& e) {
    throw host::ConfigError(e.what());
  }
  std::atomic<bool> served{false};
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    // cpp-httplib's stop() does nothing before serve() has begun listening: a signal that comes right after the
    // port is printed would be lost and the service would never stop. Wait for it to run (or to have ended).
    while (!served.load() && !server.running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (!served.load()) server.stop();
  });
  spdlog::info("pipeline '{}' from {}: {} worker(s), at most {} waiting, {:g} s per request{}", service.pipeline_name(),
               config, service.workers(), options.limits.max_queue, options.limits.timeout_seconds,
               http.token.empty() ? "" : ", bearer token required");
  // On stdout, for scripts that start the service on --port 0.
  std::printf("listening on http://%s:%d/\n", args.host.c_str(), port);
  std::fflush(stdout);
  server.serve();
  served = true;
  pthread_kill(stopper.native_handle(), SIGTERM);  // when serve() ended on its own
  stopper.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

std::function<int()> add_serve_command(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "an HTTP service that keeps the pipeline loaded");
  cmd->add_option("-c,--config", args->config, "pipeline file (default: the installed config/default.yaml)");
  cmd->add_option("--host", args->host, "address to listen on; 0.0.0.0 for every interface")->capture_default_str();
  cmd->add_option("--port", args->port, "TCP port; 0 picks a free one (printed on stdout)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--threads", args->threads, "pipeline workers: documents checked at once (default: all cores)");
  cmd->add_option("--set", args->overrides, "override a stage's config: STAGE.KEY=VALUE (repeatable)");
  add_plugin_override_flag(cmd, args->allow_plugin_override);
  cmd->add_option("--token-file", args->token_file,
                  "require `Authorization: Bearer TOKEN` on /v1/* and /metrics, TOKEN being the file's first line")
      ->check(CLI::ExistingFile);
  cmd->add_option("--max-body-mb", args->max_body_mb, "larger request bodies are refused (413)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-documents", args->max_documents, "documents per request; more are refused (400)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-queue", args->max_queue,
                  "requests waiting for a worker; more are refused (503 with Retry-After)")
      ->capture_default_str();
  cmd->add_option("--timeout", args->timeout, "seconds per request; later answers are 504 (0: no limit)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--read-timeout", args->read_timeout, "seconds a client may stay silent while sending")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--connections", args->connections, "connection threads (default: threads + max-queue + 16)");
  cmd->footer(
      "\nEndpoints: POST /v1/check (one {\"id\",\"text\",\"meta\"} document or an array, or a web page as "
      "Content-Type: text/html\nand ?id=NAME; ?format=json|html|md|claimreview), GET /v1/plugins, GET /healthz, GET "
      "/metrics (Prometheus),\nGET / (a page to paste an article or drop a saved web page).\n\n"
      "Examples:\n"
      "  factpipe serve --port 8080 --threads 4 &\n"
      "  curl -s localhost:8080/v1/check -d '{\"id\": \"a1\", \"text\": \"The mayor said the bridge cost $2 "
      "billion.\"}'\n"
      "  curl -s 'localhost:8080/v1/check?format=md&id=story' -H 'Content-Type: text/html' --data-binary @story.html");
  cmd->fallthrough();
  return [cmd, args]() -> int { return *cmd ? serve_command(*args) : -1; };
}

}  // namespace factpipe::cli
