#pragma once
// The pipeline of `factpipe run` (the default pipeline file, or -c FILE, with --set overrides) loaded through
// the host, run up to and including its quotes stage: the quote tools score what the product writes.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::quotes::tools {

class ProductPipeline {
 public:
  // `config` empty: the default pipeline (the one `factpipe run` uses without -c). Throws with every
  // configuration issue when the pipeline does not validate, or when it has no quotes stage.
  ProductPipeline(const std::string& config, const std::vector<std::string>& overrides);
  ~ProductPipeline();

  // Runs the stages up to the quotes stage on a document made from `text`. `entities_quotes_seconds`
  // (optional) receives the time spent in the stages from entities to quotes.
  Document run(const std::string& id, const std::string& text, double* entities_quotes_seconds = nullptr) const;

  const std::string& config_file() const { return config_file_; }
  // The quotes stage's validated configuration (defaults filled).
  const Json& quotes_config() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string config_file_;
};

}  // namespace factpipe::quotes::tools
