#include "serve_test_util.hpp"

#include <fstream>

namespace factpipe::test {

TestPipeline load_test_pipeline(const std::filesystem::path& yaml_file,
                                const std::vector<std::filesystem::path>& plugin_dirs) {
  TestPipeline p;
  p.file = host::load_pipeline_file(yaml_file);
  p.registry = std::make_unique<host::PluginRegistry>(
      plugin_dirs.empty() ? host::plugin_search_dirs(host::config_plugin_paths(p.file)) : plugin_dirs);
  p.validated = host::validate_pipeline(p.file, *p.registry);
  if (!p.validated.ok()) throw std::runtime_error(p.validated.issues[0].str());
  return p;
}

LoopbackServer::LoopbackServer(TestPipeline& pipeline, serve::ServiceOptions options, serve::HttpOptions http) {
  serve::isolate_requests(pipeline.validated, pipeline.file);
  service_ = std::make_unique<serve::Service>(pipeline.validated, options);
  http.host = "127.0.0.1";
  http.port = 0;
  server_ = std::make_unique<serve::HttpServer>(*service_, http);
  port_ = server_->bind();
  thread_ = std::thread([this] { server_->serve(); });
}

LoopbackServer::~LoopbackServer() {
  // stop() before serve() has started would be lost, and serve() would never return.
  for (int i = 0; i < 10000 && !server_->running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server_->stop();
  thread_.join();
}

std::unique_ptr<httplib::Client> LoopbackServer::client(double timeout_seconds) const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
  auto t = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::duration<double>(timeout_seconds));
  c->set_connection_timeout(t);
  c->set_read_timeout(t);
  c->set_write_timeout(t);
  return c;
}

std::filesystem::path write_fixture_pipeline(const std::filesystem::path& dir) {
  auto path = dir / "serve-fixture.yaml";
  std::ofstream(path) << "pipeline: serve-test\n"
                         "stages:\n"
                         "  - {name: greeter, plugin: fx_good, config: {greeting: hi}}\n"
                         "  - {name: exploder, plugin: fx_boom}\n"
                         "  - {name: sleeper, plugin: fx_slow}\n"
                         "report: {organisation: Test Desk, date: 2026-12-01}\n";
  return path;
}

}  // namespace factpipe::test
