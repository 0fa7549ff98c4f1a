#pragma once
// Runs documents through a pipeline on a pool of worker threads, in chunks (bounded memory), handing the
// results to a sink in input order. A failed document is a result with an error; the batch goes on.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <factpipe/document.hpp>
#include <factpipe/host/input_reader.hpp>
#include <factpipe/host/isolated_run.hpp>
#include <factpipe/host/pipeline.hpp>

namespace factpipe::host {

struct DocumentResult {
  std::string id, origin;
  std::optional<Document> document;  // set when processing succeeded
  std::string error;                 // why it failed
  std::string stage;                 // the stage that failed, when one did (empty for input errors)
  std::string rendered;              // set by RunOptions::render, in the worker thread
  bool failed() const { return !document.has_value(); }
};

struct RunSummary {
  std::size_t documents = 0, failed = 0, bytes = 0;
  double seconds = 0.0;
  std::vector<double> stage_seconds;  // summed over documents, per stage
  double megabytes_per_second() const { return seconds > 0 ? bytes / 1e6 / seconds : 0.0; }
};

struct RunOptions {
  std::size_t chunk_size = 0;  // documents read ahead per round; 0 = 32 per worker
  // Serialises a processed document in the worker thread (into DocumentResult::rendered), so that output
  // formatting runs in parallel too; the sink then only writes.
  std::function<std::string(const Document&)> render;
  IsolationOptions isolation;  // --isolate: the stages run in worker processes (isolated_run.hpp)
  std::size_t threads = 0;     // threads of the pool, at most the pipeline's workers; 0 = the pipeline's workers
};

// Hands out the next input, or nullopt at the end (InputReader::next, or documents from memory).
using InputSource = std::function<std::optional<InputItem>()>;

class BatchRunner {
 public:
  BatchRunner(const Pipeline& pipeline, RunOptions options = {});
  ~BatchRunner();

  // Calls `sink` once per document, in input order, from the calling thread.
  RunSummary run(InputReader& input, const std::function<void(DocumentResult&)>& sink);
  RunSummary run(const InputSource& input, const std::function<void(DocumentResult&)>& sink);

 private:
  class Pool;
  const Pipeline& pipeline_;
  RunOptions options_;
  std::unique_ptr<Pool> pool_;
  std::unique_ptr<IsolatedWorkers> isolated_;  // with --isolate
};

}  // namespace factpipe::host
