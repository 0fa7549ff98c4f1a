#pragma once
// Stages for testing the host: each one exercises one thing the host must handle.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include <factpipe/plugin.hpp>

namespace factpipe::fixture {

// A well-behaved stage with a config of every kind: records what it was configured with.
class GoodStage : public Stage {
 public:
  static PluginInfo describe() {
    PluginInfo info;
    info.name = "fx_good";
    info.version = "1.2.3";
    info.description = "test fixture: records its config in doc.extra";
    info.license = "MIT";
    info.provides_layers = {Layer::custom("fixture")};
    info.config_schema = Json::parse(R"({
      "type": "object", "additionalProperties": false,
      "properties": {
        "greeting": {"type": "string", "default": "hello", "description": "a string"},
        "count": {"type": "integer", "minimum": 0, "default": 1, "description": "an integer >= 0"},
        "ratio": {"type": "number", "default": 0.5, "description": "a number"},
        "flag": {"type": "boolean", "default": false, "description": "a boolean"},
        "mode": {"enum": ["fast", "exact"], "default": "fast", "description": "an enum"},
        "fail_configure": {"type": "boolean", "default": false, "description": "throw in configure"},
        "nested": {"type": "object", "additionalProperties": false, "default": {"depth": 2},
                   "description": "an object",
                   "properties": {"depth": {"type": "integer", "default": 2, "description": "nested int"}}}
      }})");
    return info;
  }
  void configure(const Json& config, const Context& ctx) override {
    if (config.value("fail_configure", false)) throw std::runtime_error("configure refused: fail_configure is set");
    config_ = config;
    config_["_stage_name"] = ctx.stage_name();
    config_["_config_dir"] = ctx.config_dir().string();
    ctx.info("configured");
  }
  void process(Document& doc) override { doc.extra["fx_good"] = config_; }

 private:
  Json config_;
};

// Needs a layer nobody in the fixture set provides.
class NeedsQuotesStage : public Stage {
 public:
  static PluginInfo describe() {
    PluginInfo info;
    info.name = "fx_needs_quotes";
    info.version = "0.1.0";
    info.description = "test fixture: requires quotes";
    info.requires_layers = {Layer::custom("fixture"), Layer::quotes};
    info.provides_layers = {Layer::claims};
    return info;
  }
  void configure(const Json&, const Context&) override {}
  void process(Document&) override {}
};

// Throws on any document whose text contains "BOOM".
class BoomStage : public Stage {
 public:
  static PluginInfo describe() {
    PluginInfo info;
    info.name = "fx_boom";
    info.version = "0.1.0";
    info.description = "test fixture: throws on BOOM";
    info.thread_safe = true;
    return info;
  }
  void configure(const Json&, const Context&) override {}
  void process(Document& doc) override {
    if (doc.text.find("BOOM") != std::string::npos) throw std::runtime_error("found BOOM in the text");
    doc.extra["fx_boom"] = "survived";
  }
};

// Sleeps N milliseconds on a document whose text holds "SLEEP:N" (tests of deadlines and busy workers).
class SlowStage : public Stage {
 public:
  static PluginInfo describe() {
    PluginInfo info;
    info.name = "fx_slow";
    info.version = "0.1.0";
    info.description = "test fixture: sleeps on SLEEP:N";
    info.thread_safe = true;
    info.config_schema = Json::parse(R"({
      "type": "object", "additionalProperties": false,
      "properties": {
        "terminate_in_configure": {"type": "boolean", "default": false,
                                   "description": "send SIGTERM to its own process while being configured"}
      }})");
    return info;
  }
  void configure(const Json& config, const Context&) override {
    // A stop request that comes while the service is still starting (`factpipe serve` must not lose it).
    if (config.at("terminate_in_configure").get<bool>()) ::kill(::getpid(), SIGTERM);
  }
  void process(Document& doc) override {
    auto at = doc.text.find("SLEEP:");
    if (at == std::string::npos) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(doc.text.substr(at + 6))));
  }
};

// describe() itself fails.
class DescribeThrowsStage : public Stage {
 public:
  static PluginInfo describe() { throw std::runtime_error("describe exploded"); }
  void configure(const Json&, const Context&) override {}
  void process(Document&) override {}
};

// Does nothing: measures the host's own cost per stage (bench/host).
class EmptyStage : public Stage {
 public:
  static PluginInfo describe() {
    PluginInfo info;
    info.name = "fx_empty";
    info.version = "0.1.0";
    info.description = "test fixture: does nothing";
    info.thread_safe = true;
    return info;
  }
  void configure(const Json&, const Context&) override {}
  void process(Document&) override {}
};

// Looks at the whole batch first (API 1.1 prepare_batch): writes into each document the ids of every
// document of its batch, so a test can see that order and worker count do not matter. Not thread safe,
// so every per-worker instance must be prepared. Refuses a batch holding a document that says PREPARE-FAIL.
class BatchStage : public Stage {
 public:
  static PluginInfo describe() {
    PluginInfo info;
    info.name = "fx_batch";
    info.version = "0.1.0";
    info.description = "test fixture: sees the whole batch before any document";
    info.prepare_batch = true;
    return info;
  }
  void configure(const Json&, const Context&) override {}
  void prepare_batch(const std::vector<const Document*>& documents) override {
    batch_ = Json::array();
    for (const Document* d : documents) {
      if (d->text.find("PREPARE-FAIL") != std::string::npos) throw std::runtime_error("refused batch with " + d->id());
      batch_.push_back(d->id());
    }
    ++calls_;
  }
  void process(Document& doc) override { doc.extra["fx_batch"] = Json{{"batch", batch_}, {"calls", calls_}}; }
  void start_run() override {
    batch_ = Json::array();
    calls_ = 0;
  }

 private:
  Json batch_ = Json::array();
  int calls_ = 0;
};

#ifdef FIXTURE_PLUGIN_NAME
// An empty stage that claims another API version (built with -DFACTPIPE_PLUGIN_API_MAJOR/MINOR).
class OtherVersionStage : public EmptyStage {
 public:
  static PluginInfo describe() {
    PluginInfo info = EmptyStage::describe();
    info.name = FIXTURE_PLUGIN_NAME;
    return info;
  }
};
#endif

}  // namespace factpipe::fixture
