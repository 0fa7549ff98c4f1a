#include <factpipe/host/batch_runner.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace factpipe::host {

// A fixed set of threads that run one round of work at a time; the calling thread is worker 0, so
// `-j 1` runs everything on the calling thread with no synchronisation at all.
class BatchRunner::Pool {
 public:
  using Task = std::function<void(std::size_t worker, std::size_t index)>;

  explicit Pool(std::size_t workers) {
    for (std::size_t w = 1; w < workers; ++w) threads_.emplace_back([this, w] { loop(w); });
  }
  ~Pool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }

  // Runs task(worker, i) for every i < count and returns when all are done. The task must not throw.
  void run(std::size_t count, const Task& task) {
    {
      std::lock_guard lock(mutex_);
      task_ = &task;
      count_ = count;
      next_.store(0);
      finished_ = 0;
      ++round_;
    }
    wake_.notify_all();
    work(0);
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return finished_ == threads_.size(); });
  }

 private:
  void work(std::size_t worker) {
    for (std::size_t i = next_.fetch_add(1); i < count_; i = next_.fetch_add(1)) (*task_)(worker, i);
  }
  void loop(std::size_t worker) {
    std::size_t seen = 0;
    while (true) {
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || round_ != seen; });
        if (stop_) return;
        seen = round_;
      }
      work(worker);
      {
        std::lock_guard lock(mutex_);
        ++finished_;
      }
      done_.notify_one();
    }
  }

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const Task* task_ = nullptr;
  std::size_t count_ = 0, finished_ = 0, round_ = 0;
  std::atomic<std::size_t> next_{0};
  bool stop_ = false;
};

BatchRunner::BatchRunner(const Pipeline& pipeline, RunOptions options)
    : pipeline_(pipeline), options_(options), pool_(std::make_unique<Pool>(pipeline.workers())) {
  if (options_.chunk_size == 0) options_.chunk_size = 32 * pipeline.workers();
}

BatchRunner::~BatchRunner() = default;

RunSummary BatchRunner::run(InputReader& input, const std::function<void(DocumentResult&)>& sink) {
  using Clock = std::chrono::steady_clock;
  const std::size_t stages = pipeline_.stage_count();
  RunSummary summary;
  summary.stage_seconds.assign(stages, 0.0);
  // One row of stage times per worker: no sharing on the hot path.
  std::vector<std::vector<double>> times(pipeline_.workers(), std::vector<double>(stages, 0.0));
  auto start = Clock::now();

  std::vector<InputItem> chunk;
  std::vector<DocumentResult> results;
  while (true) {
    // Read a chunk, process it in parallel, hand it out in order: memory stays bounded by the chunk.
    chunk.clear();
    while (chunk.size() < options_.chunk_size) {
      auto item = input.next();
      if (!item) break;
      chunk.push_back(std::move(*item));
    }
    if (chunk.empty()) break;
    results.assign(chunk.size(), DocumentResult{});
    pool_->run(chunk.size(), [&](std::size_t worker, std::size_t i) {
      InputItem& item = chunk[i];
      DocumentResult& result = results[i];
      item.parse();  // a deferred JSON line is parsed here, in parallel
      result.id = item.id;
      result.origin = item.origin;
      if (!item.document) {
        result.error = item.error;
        return;
      }
      try {
        pipeline_.process(*item.document, worker, times[worker].data());
        if (options_.render) result.rendered = options_.render(*item.document);
        result.document = std::move(item.document);
      } catch (const std::exception& e) {
        result.error = e.what();
      } catch (...) {
        result.error = "unknown error";
      }
    });
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      ++summary.documents;
      summary.bytes += chunk[i].bytes;
      if (results[i].failed()) ++summary.failed;
      sink(results[i]);
    }
  }
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (const auto& row : times)
    for (std::size_t s = 0; s < stages; ++s) summary.stage_seconds[s] += row[s];
  return summary;
}

}  // namespace factpipe::host
