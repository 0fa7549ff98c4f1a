#pragma once
// The pipeline's workers for the service: one thread per pipeline worker slot (a stage that is not thread
// safe has one instance per slot, so a slot is never used by two requests at once), a bounded queue of
// requests waiting for a slot, and a deadline per request. A request past its deadline is answered at once
// (504) and cancelled: it leaves the queue unstarted, or stops at the next stage boundary.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace factpipe::serve {

class WorkerPool {
 public:
  // work(worker slot, cancelled): runs on a pool thread; should return early once `cancelled` is set.
  using Work = std::function<void(std::size_t worker, const std::atomic<bool>& cancelled)>;
  enum class Outcome { done, busy, timed_out };

  WorkerPool(std::size_t workers, std::size_t max_queue);
  ~WorkerPool();  // finishes the requests that are running, drops the queued ones

  // Runs `work` and waits for it until `timeout_seconds` (<= 0: no deadline). busy: every worker is taken
  // and max_queue requests already wait. `work` must not throw.
  Outcome run(Work work, double timeout_seconds);

  std::size_t workers() const { return threads_.size(); }

 private:
  struct Job {
    Work work;
    std::atomic<bool> cancelled{false};
    std::mutex mutex;
    std::condition_variable finished_cv;
    bool finished = false;
  };
  void loop(std::size_t worker);

  std::size_t max_queue_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::size_t busy_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace factpipe::serve
