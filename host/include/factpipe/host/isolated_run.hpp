#pragma once
// `--isolate`: documents run through the stages in long-lived worker processes, so that a plugin that crashes
// (segfault, abort) or never returns fails that one document, named with the stage it was in, and the batch
// goes on with a new worker in place of the dead one. A worker keeps its stages' caches from one document to
// the next (a process per document rebuilt them every time: 4.7x the CPU, docs/limits.md).
//
// The workers are fork()ed from the calling thread, which must be the only thread of the process: the batch
// runner runs no threads of its own with --isolate (the work is in the workers), and fork() refuses to run
// otherwise (a child forked while another thread held a lock, malloc's or a stage's, could wait for it for ever).
// The workers are forked after the parent's stages have seen the batch (prepare_batch), so they hold what the
// parent holds: restart() ends them when that changes, and the next documents go to new ones.
#include <cstddef>
#include <string>
#include <vector>

#include <sys/types.h>

#include <factpipe/document.hpp>
#include <factpipe/host/pipeline.hpp>

namespace factpipe::host {

struct IsolationOptions {
  bool enabled = false;
  double timeout_seconds = 300;  // --document-timeout: per document, all stages [from, to) together
};

// One document for the workers, and what became of it.
struct IsolatedJob {
  Document* doc = nullptr;  // replaced by the worker's result when it succeeds
  std::string error;        // why it failed ("stage 'x' failed on document 'y': ..."); empty when it succeeded
  std::string stage;        // the stage it failed in, when it failed in one
};

class IsolatedWorkers {
 public:
  // Starts nothing yet: run() forks the workers when it first needs them.
  IsolatedWorkers(const Pipeline& pipeline, std::size_t workers, IsolationOptions options);
  ~IsolatedWorkers();  // ends every worker
  IsolatedWorkers(const IsolatedWorkers&) = delete;
  IsolatedWorkers& operator=(const IsolatedWorkers&) = delete;

  // Runs stages [from, to) on every job's document, `workers` documents at a time, and returns when all are done.
  // A worker that dies or runs past the timeout fails its document (by id and stage) and is replaced. Adds the
  // seconds per stage to `stage_seconds` when given. Throws HostError when a worker cannot be started (fork
  // failed, or the process has other threads).
  void run(std::vector<IsolatedJob>& jobs, std::size_t from, std::size_t to, double* stage_seconds);

  // The parent's stages changed (prepare_batch, start_run): ends the workers, so that the next documents go to
  // workers forked from the parent as it is now.
  void restart();

  std::size_t workers() const { return slots_.size(); }
  // Worker processes forked so far (the first ones and their replacements), for tests and measurements.
  std::size_t forks() const { return forks_; }

 private:
  struct Slot {
    pid_t pid = -1;              // -1: no worker in this slot (not started yet, or ended)
    int fd = -1;                 // the parent's end of the socket to the worker
    IsolatedJob* job = nullptr;  // the document it works on; nullptr when idle
    std::size_t stage = 0;       // the last stage it said it entered
    double deadline = 0;         // steady-clock seconds by which the document must be done
    std::string received;        // read from the worker, not yet a whole line
  };
  void start(std::size_t worker);
  void end(Slot& slot);
  bool send(std::size_t worker, IsolatedJob& job, std::size_t from, std::size_t to, double now);
  void receive(Slot& slot, std::size_t from, std::size_t to, double* stage_seconds);
  void fail(Slot& slot, const std::string& stage, const std::string& error);
  void died(Slot& slot, const std::string& what);

  const Pipeline& pipeline_;
  IsolationOptions options_;
  std::vector<Slot> slots_;
  std::size_t forks_ = 0;
};

}  // namespace factpipe::host
