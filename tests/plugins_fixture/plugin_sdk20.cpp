// A plugin built against a copy of the API 2.0 SDK headers (sdk-2.0/, as they were before the layers were typed and
// the layout fingerprint existed): what a plugin compiled for the previous release looks like to this host.
#include <factpipe/plugin.hpp>

namespace factpipe::fixture {

class Sdk20Stage : public Stage {
 public:
  static PluginInfo describe() {
    PluginInfo info;
    info.name = "fx_sdk20";
    info.version = "0.1.0";
    info.description = "test fixture: built against the API 2.0 headers";
    info.provides_layers = {"fixture"};  // a string: API 2.0 had no typed layers
    return info;
  }
  void configure(const Json&, const Context&) override {}
  void process(Document&) override {}
};

}  // namespace factpipe::fixture

FACTPIPE_PLUGIN(factpipe::fixture::Sdk20Stage)
