// A stage that misbehaves on purpose, chosen by a word in the document's text, for the host's hardening
// tests: the host must fail that document alone, by id and stage, and go on.
//   DEEP-EXTRA   an `extra` value 50,000 arrays deep
//   BAD-OFFSET   a sentence ending past the text
//   START-AFTER-END  a sentence whose start is after its end
//   SEGFAULT, ABORT, ENDLESS-LOOP  (for --isolate)
//   WHO-AM-I     writes the process id and how many documents this stage has seen in it (--isolate's workers)
//                instead of "passed"
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>

#include "fixture_stages.hpp"

namespace factpipe::fixture {

class HostileStage : public Stage {
 public:
  static PluginInfo describe() {
    PluginInfo info;
    info.name = "fx_hostile";
    info.version = "0.1.0";
    info.description = "test fixture: misbehaves when the text says so";
    info.thread_safe = true;
    info.provides_layers = {Layer::sentences, Layer::custom("deep")};
    return info;
  }
  void configure(const Json&, const Context&) override {}
  void process(Document& doc) override {
    auto says = [&](const char* word) { return doc.text.find(word) != std::string::npos; };
    const int seen = ++seen_;
    if (says("DEEP-EXTRA")) {
      Json j = Json::array();
      for (int i = 1; i < 50'000; ++i) {
        Json outer = Json::array();
        outer.push_back(std::move(j));
        j = std::move(outer);
      }
      doc.extra["deep"] = std::move(j);
    }
    if (says("BAD-OFFSET")) doc.sentences.push_back({Span{0, doc.text.size() + 10}, -1, std::nullopt, Json::object()});
    if (says("START-AFTER-END")) doc.sentences.push_back({Span{3, 1}, -1, std::nullopt, Json::object()});
    if (says("SEGFAULT")) std::raise(SIGSEGV);
    if (says("ABORT")) std::abort();
    if (says("ENDLESS-LOOP"))
      for (volatile bool forever = true; forever;) {
      }
    doc.extra["fx_hostile"] = says("WHO-AM-I") ? Json{{"pid", ::getpid()}, {"seen", seen}} : Json("passed");
  }

 private:
  std::atomic<int> seen_{0};
};

}  // namespace factpipe::fixture

FACTPIPE_PLUGIN(factpipe::fixture::HostileStage)
