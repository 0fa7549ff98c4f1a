#pragma once
// Helpers for the service tests: a service on a loopback port in this process, pipelines to put in it,
// and an HTTP client.
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>

#include <factpipe/host/pipeline_config.hpp>
#include <factpipe/host/pipeline_validator.hpp>
#include <factpipe/host/plugin_registry.hpp>
#include <factpipe/serve/http_server.hpp>
#include <factpipe/serve/service.hpp>

#include "test_paths.hpp"

namespace factpipe::test {

// A pipeline file made real, with the plugins it names (kept alive with it).
struct TestPipeline {
  host::PipelineFile file;
  std::unique_ptr<host::PluginRegistry> registry;
  host::ValidatedPipeline validated;
};
// A pipeline file found in `plugin_dirs` (empty: the host's usual search, which includes the build tree).
TestPipeline load_test_pipeline(const std::filesystem::path& yaml_file,
                                const std::vector<std::filesystem::path>& plugin_dirs = {});

// A service listening on 127.0.0.1:<free port> until destroyed.
class LoopbackServer {
 public:
  LoopbackServer(TestPipeline& pipeline, serve::ServiceOptions options, serve::HttpOptions http = {});
  ~LoopbackServer();
  int port() const { return port_; }
  serve::Service& service() { return *service_; }
  // A client of this server (connection and read timeouts of 30 s unless given).
  std::unique_ptr<httplib::Client> client(double timeout_seconds = 30) const;

 private:
  std::unique_ptr<serve::Service> service_;
  std::unique_ptr<serve::HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

// A document's JSON without what differs between two runs of it: each stage's time, and the file `run` read.
inline Json comparable(Json j) {
  if (j.contains("provenance"))
    for (auto& s : j["provenance"]["stages"]) s.erase("seconds");
  if (j.contains("metadata")) j["metadata"].erase("source_file");
  return j;
}

// Every plugin config/default.yaml names is built (tests of the default pipeline skip otherwise).
inline bool default_pipeline_built() {
  for (const char* stage : {"segmenter", "entities", "quotes", "claims", "crossref"})
    if (!std::filesystem::exists(plugin_dir() / (std::string("factpipe-") + stage + ".so"))) return false;
  return true;
}

// The fixture plugins' pipeline: greeter (fx_good), exploder (fx_boom: fails on BOOM), sleeper (fx_slow).
std::filesystem::path write_fixture_pipeline(const std::filesystem::path& dir);

}  // namespace factpipe::test
