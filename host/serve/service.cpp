#include <factpipe/serve/service.hpp>

#include <cctype>
#include <optional>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include <factpipe/document_json.hpp>
#include <factpipe/host/errors.hpp>
#include <factpipe/host/input_reader.hpp>
#include <factpipe/host/output_writer.hpp>

namespace factpipe::serve {

namespace {

std::string content_type(std::string_view format) {
  if (format == "html") return "text/html; charset=utf-8";
  if (format == "md") return "text/markdown; charset=utf-8";
  if (format == "claimreview") return "application/ld+json";
  return "application/json";
}

host::OutputOptions output_options(const std::string& format, const Json& report_settings,
                                   const std::string& pipeline_file) {
  host::OutputOptions o;
  o.target = "-";
  o.formats = {format};
  o.report_settings = report_settings;
  o.pipeline_file = pipeline_file;
  return o;
}

}  // namespace

Reply error_reply(int status, const std::string& message, Json extra) {
  Json j{{"error", message}, {"status", status}};
  for (auto it = extra.begin(); it != extra.end(); ++it) j[it.key()] = it.value();
  Reply r;
  r.status = status;
  r.body = j.dump(2) + "\n";
  return r;
}

std::vector<std::string> isolate_requests(host::ValidatedPipeline& validated, const host::PipelineFile& file) {
  std::vector<std::string> changed;
  for (auto& stage : validated.stages) {
    const PluginInfo& info = stage.plugin->info();
    const Json& properties = info.config_schema.contains("properties") ? info.config_schema["properties"] : Json();
    if (!info.prepare_batch || !properties.is_object() || !properties.contains("link_documents")) continue;
    bool explicit_setting = false;
    if (file.root.contains("stages") && file.root["stages"].is_array())
      for (const auto& s : file.root["stages"])
        if (s.is_object() && s.value("name", "") == stage.name && s.contains("config") && s["config"].is_object() &&
            s["config"].contains("link_documents"))
          explicit_setting = true;
    if (explicit_setting) continue;
    stage.config["link_documents"] = false;
    changed.push_back(stage.name);
  }
  return changed;
}

// One request's documents, shared by the handler and the worker (which may outlive a timed-out handler).
struct Service::Request {
  struct Item {
    std::string id;
    std::optional<Document> document;
    std::string error, stage;  // stage: which stage failed; "input" when the document could not be read
    int status = 400;
  };
  std::vector<Item> items;
  bool array = false;
  bool completed = false;  // every document went through (or failed); false when cancelled
};

Service::Service(const host::ValidatedPipeline& validated, ServiceOptions options)
    : options_(std::move(options)),
      pipeline_name_(validated.name),
      pipeline_file_(validated.file.string()),
      report_settings_(validated.report),
      pipeline_(validated, options_.workers),
      pool_(options_.workers, options_.limits.max_queue) {
  Json stages = Json::array();
  for (const auto& s : validated.stages) {
    const PluginInfo& info = s.plugin->info();
    stages.push_back({{"stage", s.name},
                      {"plugin", info.name},
                      {"version", info.version},
                      {"description", info.description},
                      {"license", info.license},
                      {"requires", layer_names(info.requires_layers)},
                      {"provides", layer_names(info.provides_layers)},
                      {"thread_safe", info.thread_safe},
                      {"api_version", s.plugin->api_version().str()},
                      {"file", s.plugin->path().string()}});
  }
  plugins_ = {{"pipeline", pipeline_name_}, {"stages", std::move(stages)}};
}

Service::~Service() = default;

Json Service::plugins() const { return plugins_; }

namespace {

// One element of the body as a document, or why it is not one. `index` names it in messages.
Service::Request::Item read_item(Json j, std::size_t index, bool in_array) {
  Service::Request::Item item;
  std::string where = in_array ? "document " + std::to_string(index + 1) + " of the array" : "the document";
  item.id = in_array ? "document-" + std::to_string(index + 1) : "document";
  item.stage = "input";
  if (!j.is_object()) {
    item.error = where + ": expected a JSON object {\"id\", \"text\", \"meta\"}";
    return item;
  }
  if (j.contains("id") && j["id"].is_string() && !j["id"].get<std::string>().empty()) item.id = j["id"];
  where += " ('" + item.id + "')";
  if (!j.contains("text") && j.contains("url")) {
    item.error = where +
                 ": has a 'url' but no 'text': this service never fetches pages; send the article's "
                 "text in 'text' (a 'url' beside it is kept as metadata)";
    return item;
  }
  if (!j.contains("text")) {
    item.error = where + ": no 'text'";
    return item;
  }
  // "meta" is the short name the service documents; the document format calls it "metadata".
  if (j.contains("meta")) {
    if (j.contains("metadata")) {
      item.error = where + ": give 'meta' or 'metadata', not both";
      return item;
    }
    j["metadata"] = std::move(j["meta"]);
    j.erase("meta");
  }
  try {
    Document doc = document_from_json(j);
    if (doc.id().empty()) doc.metadata.id = item.id;
    item.document = std::move(doc);
    item.stage.clear();
  } catch (const JsonError& e) {
    item.error = where + ": " + (e.path.empty() ? "" : e.path + ": ") + e.what();
  } catch (const std::exception& e) {
    item.error = where + ": " + e.what();
  }
  return item;
}

bool is_web_page(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type == "text/html" || type == "application/xhtml+xml";
}

// A web page sent as the body: the same reader as `factpipe run page.html`, the body limit as the page's.
Service::Request::Item read_page(const std::string& body, std::string_view page_id, std::size_t max_bytes) {
  Service::Request::Item item;
  item.id = page_id.empty() ? "page" : std::string(page_id);
  try {
    item.document = host::web_page_document(body, item.id, max_bytes ? max_bytes : body.size() + 1);
    if (item.document->text.empty()) {
      item.document.reset();
      item.error = "the web page ('" + item.id + "'): no article text was found in it";
      item.stage = "input";
    }
  } catch (const std::length_error& e) {
    item.error = "the web page ('" + item.id + "'): " + e.what();
    item.status = 413;
    item.stage = "input";
  } catch (const std::exception& e) {
    item.error = "the web page ('" + item.id + "'): " + e.what();
    item.stage = "input";
  }
  return item;
}

}  // namespace

void Service::process(Request& request, std::size_t worker, const std::atomic<bool>& cancelled) {
  for (auto& item : request.items) {
    if (!item.document) continue;
    try {
      // Stage by stage, so that a request past its deadline stops at the next boundary.
      for (std::size_t s = 0; s < pipeline_.stage_count(); ++s) {
        if (cancelled) return;
        pipeline_.process(*item.document, worker, nullptr, s, s + 1);
      }
    } catch (const host::StageError& e) {
      item.error = e.what();
      item.stage = e.stage;
    } catch (const std::exception& e) {
      item.error = e.what();
      item.stage = "unknown";
    }
    if (!item.error.empty()) {
      item.document.reset();
      item.status = 500;
    }
  }
  request.completed = true;
}

Reply Service::check(const std::string& body, std::string_view format_view, std::string_view content_type,
                     std::string_view page_id) {
  std::string format = format_view.empty() ? "json" : std::string(format_view);
  try {
    host::check_output_options(output_options(format, report_settings_, pipeline_file_));
  } catch (const host::ConfigError& e) {
    std::string message = e.what();
    if (message.starts_with("--format")) message = "format" + message.substr(8);
    return error_reply(400, message);
  }
  const Limits& limits = options_.limits;
  if (limits.max_body_bytes && body.size() > limits.max_body_bytes) {
    metrics_.refused("too_large");
    return error_reply(413,
                       "the request body is " + std::to_string(body.size()) + " bytes, over the limit of " +
                           std::to_string(limits.max_body_bytes),
                       {{"limit", limits.max_body_bytes}});
  }
  auto request = std::make_shared<Request>();
  if (is_web_page(content_type)) {
    request->items.push_back(read_page(body, page_id, limits.max_body_bytes));
  } else {
    Json parsed;
    try {
      parsed = Json::parse(body);
    } catch (const Json::exception& e) {
      return error_reply(400, std::string("the body is not JSON: ") + e.what());
    }
    request->array = parsed.is_array();
    if (request->array) {
      if (parsed.empty()) return error_reply(400, "an empty array: nothing to check");
      if (parsed.size() > limits.max_documents) {
        metrics_.refused("too_many_documents");
        return error_reply(400,
                           std::to_string(parsed.size()) + " documents in one request, over the limit of " +
                               std::to_string(limits.max_documents) + "; split the batch",
                           {{"limit", limits.max_documents}});
      }
      if (format != "json")
        return error_reply(400, "format=" + format + " makes one report: send one document, not an array");
      for (std::size_t i = 0; i < parsed.size(); ++i)
        request->items.push_back(read_item(std::move(parsed[i]), i, true));
    } else {
      request->items.push_back(read_item(std::move(parsed), 0, false));
    }
  }
  if (!request->array && !request->items[0].document) {
    const auto& item = request->items[0];
    metrics_.document(false);
    metrics_.stage_failure("input");
    if (item.status == 413) metrics_.refused("too_large");
    return error_reply(item.status, item.error, {{"id", item.id}});
  }

  metrics_.in_flight(+1);
  auto outcome = pool_.run(
      [this, request](std::size_t worker, const std::atomic<bool>& cancelled) { process(*request, worker, cancelled); },
      limits.timeout_seconds);
  metrics_.in_flight(-1);
  if (outcome == WorkerPool::Outcome::busy) {
    metrics_.refused("busy");
    Reply r = error_reply(503, "every worker is busy and " + std::to_string(limits.max_queue) +
                                   " requests are waiting; try again shortly");
    r.headers.emplace_back("Retry-After", "1");
    return r;
  }
  if (outcome == WorkerPool::Outcome::timed_out) {
    metrics_.refused("timeout");
    return error_reply(504, "the request was not done within " + fmt::format("{:g} s", limits.timeout_seconds),
                       {{"limit_seconds", limits.timeout_seconds}});
  }
  if (!request->completed) return error_reply(503, "the service is shutting down");
  return render(*request, format);
}

Reply Service::render(Request& request, const std::string& format) {
  std::size_t failed = 0;
  for (const auto& item : request.items) {
    metrics_.document(item.document.has_value());
    if (item.document) continue;
    ++failed;
    metrics_.stage_failure(item.stage.empty() ? "unknown" : item.stage);
  }
  Reply r;
  r.content_type = content_type(format);
  if (!request.array) {
    auto& item = request.items[0];
    if (!item.document) {
      Json extra{{"id", item.id}};
      if (!item.stage.empty()) extra["stage"] = item.stage;
      return error_reply(item.status, item.error, extra);
    }
    // Exactly what `factpipe run --format FORMAT -o -` writes for this document.
    std::ostringstream out;
    host::OutputWriter writer(output_options(format, report_settings_, pipeline_file_), out);
    writer.write(*item.document);
    writer.finish();
    r.body = out.str();
    return r;
  }
  // An array answers an array, in request order; a document that failed stands as {"id", "error", "stage"}.
  // Documents are written by the direct writer (no JSON tree), each indented as a document of its own.
  std::string body = "[";
  for (const auto& item : request.items) {
    body += body.size() == 1 ? "\n" : ",\n";
    if (item.document) {
      write_json_text(*item.document, body, 2);
    } else {
      Json e{{"id", item.id}, {"error", item.error}, {"status", item.status}};
      if (!item.stage.empty()) e["stage"] = item.stage;
      body += e.dump(2);
    }
  }
  r.body = body + "\n]\n";
  r.headers.emplace_back("X-Factpipe-Failed", std::to_string(failed));
  return r;
}

}  // namespace factpipe::serve
