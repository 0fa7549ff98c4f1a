// A plugin whose library runs code as soon as it is loaded (a global constructor), as any .so can: it creates
// the file named by FACTPIPE_TEST_LOAD_MARKER. The host's trust tests use it to show that a library is loaded
// only when a valid pipeline names it.
#include <cstdio>
#include <cstdlib>

#include "fixture_stages.hpp"

namespace factpipe::fixture {
namespace {

struct MarkOnLoad {
  MarkOnLoad() {
    if (const char* path = std::getenv("FACTPIPE_TEST_LOAD_MARKER")) {
      if (std::FILE* f = std::fopen(path, "a")) {
        std::fputs("loaded\n", f);
        std::fclose(f);
      }
    }
  }
} mark_on_load;

}  // namespace

class MarkerStage : public Stage {
 public:
  static PluginInfo describe() {
    PluginInfo info;
    info.name = "fx_marker";
    info.version = "0.1.0";
    info.description = "test fixture: leaves a mark when its library is loaded";
    info.thread_safe = true;
    return info;
  }
  void configure(const Json&, const Context&) override {}
  void process(Document&) override {}
};

}  // namespace factpipe::fixture

FACTPIPE_PLUGIN(factpipe::fixture::MarkerStage)
