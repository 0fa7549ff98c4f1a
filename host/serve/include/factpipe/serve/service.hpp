#pragma once
// The service behind `factpipe serve`, without HTTP: a loaded pipeline, its workers, the limits and the
// metrics. check() takes a request body (one document or a JSON array of them) and answers what
// `factpipe run --format FORMAT -o -` would write for those documents, through the host's own writers.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <factpipe/document.hpp>
#include <factpipe/host/pipeline.hpp>
#include <factpipe/host/pipeline_config.hpp>
#include <factpipe/host/pipeline_validator.hpp>
#include <factpipe/serve/metrics.hpp>
#include <factpipe/serve/worker_pool.hpp>

namespace factpipe::serve {

struct Limits {
  std::size_t max_body_bytes = 8'000'000;  // larger bodies: 413
  std::size_t max_documents = 64;          // documents in one request; more: 400
  std::size_t max_queue = 128;             // requests waiting for a worker beyond those running; more: 503
  double timeout_seconds = 60;             // a request not answered by then: 504 (<= 0: none)
};

struct ServiceOptions {
  std::size_t workers = 1;  // pipeline workers: documents of different requests processed at once
  Limits limits;
};

// An HTTP answer: status, content type, body (a JSON error object for every status >= 400).
struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// {"error": message, "status": status} plus any extra fields (id, stage, limit ...).
Reply error_reply(int status, const std::string& message, Json extra = Json::object());

// A long-running service must not carry one client's documents into another's results, nor remember every
// document it ever saw: a stage that links the documents of a run (crossref's link_documents) is told not
// to, unless the pipeline file or --set turned it on explicitly. Returns the stages changed.
std::vector<std::string> isolate_requests(host::ValidatedPipeline& validated, const host::PipelineFile& file);

class Service {
 public:
  // Configures every stage (PluginError when one fails); `validated` must be ok().
  Service(const host::ValidatedPipeline& validated, ServiceOptions options);
  ~Service();

  // POST /v1/check: `format` is json (default), html, md or claimreview. A body of Content-Type text/html
  // (or application/xhtml+xml) is one web page, gzip-compressed or not, in any charset: its article is
  // extracted as `factpipe run` reads a .html file, into the document `page_id` ("page" when empty).
  Reply check(const std::string& body, std::string_view format, std::string_view content_type = "application/json",
              std::string_view page_id = {});
  // GET /v1/plugins: the pipeline's stages and their plugins.
  Json plugins() const;
  const std::string& pipeline_name() const { return pipeline_name_; }
  const Limits& limits() const { return options_.limits; }
  std::size_t workers() const { return pool_.workers(); }
  Metrics& metrics() { return metrics_; }

  struct Request;  // one request's documents (service.cpp)

 private:
  void process(Request& request, std::size_t worker, const std::atomic<bool>& cancelled);
  Reply render(Request& request, const std::string& format);

  ServiceOptions options_;
  std::string pipeline_name_, pipeline_file_;
  Json report_settings_, plugins_;
  host::Pipeline pipeline_;
  Metrics metrics_;
  WorkerPool pool_;  // last: its threads stop before the pipeline goes
};

}  // namespace factpipe::serve
