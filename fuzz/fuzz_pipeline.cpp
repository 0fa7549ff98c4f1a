// Any text through the whole pipeline, as `factpipe run` takes a document: the batch runner of `factpipe run`
// hands it to the real plugins (loaded from the fuzz build's plugin folder), the host checks each stage's output
// (spans inside the text, on code points, well formed), and the document must write as JSON the same way by the
// direct writer and the tree writer and read back to the same JSON. Text that is not UTF-8 is refused at the
// door, as the reader refuses it; anything a stage throws on valid text is a bug here. Each input is a run of
// its own (Pipeline::start_run), so a crash reproduces from its input alone.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <factpipe/document_json.hpp>
#include <factpipe/host/batch_runner.hpp>
#include <factpipe/host/pipeline.hpp>
#include <factpipe/host/pipeline_loader.hpp>
#include <factpipe/utf8.hpp>

namespace {

std::unique_ptr<factpipe::host::LoadedPipeline> loaded;
std::unique_ptr<factpipe::host::Pipeline> pipeline;
std::unique_ptr<factpipe::host::BatchRunner> runner;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz_pipeline: %s\n", what.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // FACTPIPE_FUZZ_PIPELINE picks another pipeline file (e.g. one with dense vectors off, or a custom stage).
  const char* file = std::getenv("FACTPIPE_FUZZ_PIPELINE");
  std::string config = file ? file : FACTPIPE_FUZZ_DEFAULT_PIPELINE;
  try {
    loaded = std::make_unique<factpipe::host::LoadedPipeline>(factpipe::host::load_pipeline(config, {}));
    if (!loaded->validated.issues.empty()) fail(factpipe::host::issues_text(loaded->validated));
    pipeline = std::make_unique<factpipe::host::Pipeline>(loaded->validated, 1);
    factpipe::host::RunOptions options;
    options.render = [](const factpipe::Document& d) { return factpipe::to_json_text(d); };  // as --format jsonl
    runner = std::make_unique<factpipe::host::BatchRunner>(*pipeline, options);
  } catch (const std::exception& e) {
    fail(config + ": " + e.what());
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (factpipe::utf8::find_invalid(text)) return -1;  // the reader refuses it; not worth keeping
  factpipe::host::InputItem item;
  item.id = "fuzz";
  item.origin = "fuzz input";
  item.bytes = text.size();
  item.document = factpipe::document_from_text("fuzz", std::move(text));
  bool given = false;
  std::optional<factpipe::host::DocumentResult> result;
  try {
    pipeline->start_run();
    runner->run(
        [&]() -> std::optional<factpipe::host::InputItem> {
          if (given) return std::nullopt;
          given = true;
          return std::move(item);
        },
        [&](factpipe::host::DocumentResult& r) { result = std::move(r); });
  } catch (const std::exception& e) {
    fail(std::string("the run failed: ") + e.what());
  }
  if (!result) fail("the runner handed out no result");
  if (result->failed()) fail("stage '" + result->stage + "' failed on valid text: " + result->error);
  const factpipe::Document& doc = *result->document;
  const std::string& direct = result->rendered;
  const factpipe::Json tree = factpipe::to_json(doc);
  if (direct != tree.dump()) fail("the direct JSON writer and the tree writer disagree");
  if (factpipe::to_json(factpipe::document_from_json(tree)) != tree) fail("the document does not read back the same");
  return 0;
}
