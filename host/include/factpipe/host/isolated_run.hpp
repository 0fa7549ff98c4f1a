#pragma once
// `--isolate`: each document runs through the stages in a child process (fork), so that a plugin that
// crashes (segfault, abort) or never returns fails that one document, named with the stage it was in, and
// the batch goes on. The child sends the finished document back as JSON over a pipe and says which stage
// it is in as it goes; the parent kills it when it runs past the per-document timeout.
#include <cstddef>

#include <factpipe/document.hpp>
#include <factpipe/host/pipeline.hpp>

namespace factpipe::host {

struct IsolationOptions {
  bool enabled = false;
  double timeout_seconds = 300;  // --document-timeout: per document, all stages [from, to) together
};

// Runs stages [from, to) of `pipeline` on `doc` in a child process and replaces `doc` with its result.
// Throws StageError (stage and document id) when the child fails, dies of a signal or times out.
void process_isolated(const Pipeline& pipeline, Document& doc, std::size_t worker, double* stage_seconds,
                      std::size_t from, std::size_t to, const IsolationOptions& options);

}  // namespace factpipe::host
