#include <factpipe/serve/worker_pool.hpp>

#include <chrono>

namespace factpipe::serve {

WorkerPool::WorkerPool(std::size_t workers, std::size_t max_queue) : max_queue_(max_queue) {
  if (workers == 0) workers = 1;
  for (std::size_t w = 0; w < workers; ++w) threads_.emplace_back([this, w] { loop(w); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    for (auto& job : queue_) job->cancelled = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

WorkerPool::Outcome WorkerPool::run(Work work, double timeout_seconds) {
  auto job = std::make_shared<Job>();
  job->work = std::move(work);
  {
    std::lock_guard lock(mutex_);
    // Requests beyond the free workers wait in the queue, up to max_queue of them.
    if (stop_ || (busy_ >= threads_.size() && queue_.size() >= max_queue_)) return Outcome::busy;
    queue_.push_back(job);
  }
  wake_.notify_one();
  std::unique_lock lock(job->mutex);
  auto finished = [&] { return job->finished; };
  if (timeout_seconds <= 0) {
    job->finished_cv.wait(lock, finished);
    return Outcome::done;
  }
  if (job->finished_cv.wait_for(lock, std::chrono::duration<double>(timeout_seconds), finished)) return Outcome::done;
  // The worker (when it started) still owns its share of the job; it sees the flag and stops early.
  job->cancelled = true;
  return Outcome::timed_out;
}

void WorkerPool::loop(std::size_t worker) {
  while (true) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping
      job = std::move(queue_.front());
      queue_.pop_front();
      ++busy_;
    }
    if (!job->cancelled) job->work(worker, job->cancelled);
    {
      std::lock_guard lock(mutex_);
      --busy_;
    }
    {
      std::lock_guard lock(job->mutex);
      job->finished = true;
    }
    job->finished_cv.notify_all();
  }
}

}  // namespace factpipe::serve
