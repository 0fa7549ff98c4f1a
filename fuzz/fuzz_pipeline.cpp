// Any text through the whole pipeline, as `factpipe run` takes a document: the real plugins (loaded from the
// fuzz build's plugin folder) run on it one after another, the host checks each stage's output (spans inside
// the text, on code points, well formed), and the document must write as JSON the same way by the direct
// writer and the tree writer and read back to the same JSON. Text that is not UTF-8 is refused at the door,
// as the reader refuses it; anything a stage throws on valid text is a bug here.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include <factpipe/document_json.hpp>
#include <factpipe/host/pipeline.hpp>
#include <factpipe/host/pipeline_loader.hpp>
#include <factpipe/utf8.hpp>

namespace {

std::unique_ptr<factpipe::host::LoadedPipeline> loaded;
std::unique_ptr<factpipe::host::Pipeline> pipeline;

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
  } catch (const std::exception& e) {
    fail(config + ": " + e.what());
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (factpipe::utf8::find_invalid(text)) return -1;  // the reader refuses it; not worth keeping
  factpipe::Document doc = factpipe::document_from_text("fuzz", std::move(text));
  try {
    if (pipeline->has_batch_stage()) {
      // As the batch runner does: a stage that prepares the batch sees it before it processes the document.
      for (std::size_t s = 0; s < pipeline->stage_count(); ++s) {
        if (pipeline->prepares_batch(s)) pipeline->prepare_batch(s, {&doc});
        pipeline->process(doc, 0, nullptr, s, s + 1);
      }
    } else {
      pipeline->process(doc, 0);
    }
  } catch (const std::exception& e) {
    fail(std::string("a stage failed on valid text: ") + e.what());
  }
  const std::string direct = factpipe::to_json_text(doc);
  const factpipe::Json tree = factpipe::to_json(doc);
  if (direct != tree.dump()) fail("the direct JSON writer and the tree writer disagree");
  if (factpipe::to_json(factpipe::document_from_json(tree)) != tree) fail("the document does not read back the same");
  return 0;
}
