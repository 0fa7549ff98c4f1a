#include <factpipe/host/batch_runner.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <system_error>
#include <thread>

#include <factpipe/host/errors.hpp>

namespace factpipe::host {

// A fixed set of threads that run one round of work at a time; the calling thread is worker 0, so
// `-j 1` runs everything on the calling thread with no synchronisation at all.
class BatchRunner::Pool {
 public:
  using Task = std::function<void(std::size_t worker, std::size_t index)>;

  explicit Pool(std::size_t workers) {
    try {
      for (std::size_t w = 1; w < workers; ++w) threads_.emplace_back([this, w] { loop(w); });
    } catch (const std::system_error& e) {
      // The threads already started must be stopped and joined, or their destructors end the process.
      std::size_t started = threads_.size() + 1;
      stop();
      throw ConfigError("cannot start " + std::to_string(workers) + " worker threads (started " +
                        std::to_string(started) + "): " + e.what() + "; give a smaller -j");
    }
  }
  ~Pool() { stop(); }

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

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const Task* task_ = nullptr;
  std::size_t count_ = 0, finished_ = 0, round_ = 0;
  std::atomic<std::size_t> next_{0};
  bool stop_ = false;
};

namespace {
std::size_t worker_count(const Pipeline& pipeline, const RunOptions& options) {
  return options.threads ? std::min(options.threads, pipeline.workers()) : pipeline.workers();
}
}  // namespace

// With --isolate the documents are processed by worker processes and the pool has no threads: the calling
// thread stays the only one, the one point from which forking a worker is safe (isolated_run.hpp).
BatchRunner::BatchRunner(const Pipeline& pipeline, RunOptions options)
    : pipeline_(pipeline),
      options_(options),
      pool_(std::make_unique<Pool>(options.isolation.enabled ? 1 : worker_count(pipeline, options))) {
  if (options_.isolation.enabled)
    isolated_ = std::make_unique<IsolatedWorkers>(pipeline, worker_count(pipeline, options), options.isolation);
  // A stage that prepares on the whole batch needs every document at once; otherwise memory stays
  // bounded by a small chunk.
  if (options_.chunk_size == 0)
    options_.chunk_size =
        pipeline.has_batch_stage() ? std::numeric_limits<std::size_t>::max() : 32 * pipeline.workers();
}

BatchRunner::~BatchRunner() = default;

RunSummary BatchRunner::run(InputReader& input, const std::function<void(DocumentResult&)>& sink) {
  return run([&input] { return input.next(); }, sink);
}

RunSummary BatchRunner::run(const InputSource& input, const std::function<void(DocumentResult&)>& sink) {
  using Clock = std::chrono::steady_clock;
  const std::size_t stages = pipeline_.stage_count();
  RunSummary summary;
  summary.stage_seconds.assign(stages, 0.0);
  // One row of stage times per worker: no sharing on the hot path.
  std::vector<std::vector<double>> times(pipeline_.workers(), std::vector<double>(stages, 0.0));
  auto start = Clock::now();

  // The stages run in segments that end where a stage wants the whole batch first (prepare_batch).
  std::vector<std::size_t> cuts{0};
  for (std::size_t s = 1; s < stages; ++s)
    if (pipeline_.prepares_batch(s)) cuts.push_back(s);
  cuts.push_back(stages);

  // Workers forked before now may hold stages as they were before an earlier run or start_run().
  if (isolated_) isolated_->restart();

  std::vector<InputItem> chunk;
  std::vector<DocumentResult> results;
  while (true) {
    // Read a chunk, process it in parallel, hand it out in order: memory stays bounded by the chunk.
    chunk.clear();
    while (chunk.size() < options_.chunk_size) {
      auto item = input();
      if (!item) break;
      chunk.push_back(std::move(*item));
    }
    if (chunk.empty()) break;
    results.assign(chunk.size(), DocumentResult{});
    auto alive = [&](std::size_t i) { return chunk[i].document && results[i].error.empty(); };
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
      const std::size_t from = cuts[k], to = cuts[k + 1];
      const bool first = k == 0, last = k + 2 == cuts.size();
      if (!first || (stages > 0 && pipeline_.prepares_batch(0))) {
        if (first) pool_->run(chunk.size(), [&](std::size_t, std::size_t i) { chunk[i].parse(); });
        std::vector<const Document*> batch;
        for (std::size_t i = 0; i < chunk.size(); ++i)
          if (alive(i)) batch.push_back(&*chunk[i].document);
        try {
          pipeline_.prepare_batch(from, batch);
        } catch (const std::exception& e) {
          // Nothing of this batch can go through that stage: every document in it fails, with the reason.
          for (std::size_t i = 0; i < chunk.size(); ++i)
            if (alive(i)) {
              results[i].error = e.what();
              results[i].stage = pipeline_.stage_name(from);
            }
        }
        if (isolated_) isolated_->restart();  // the workers must see the batch as the parent's stages do
      }
      auto start_item = [&](std::size_t i) {
        InputItem& item = chunk[i];
        DocumentResult& result = results[i];
        item.parse();  // a deferred JSON line is parsed here: by the worker threads, in parallel, without --isolate
        result.id = item.id;
        result.origin = item.origin;
        if (!item.document) result.error = item.error;
      };
      auto finish_item = [&](std::size_t i) {
        if (options_.render) results[i].rendered = options_.render(*chunk[i].document);
        results[i].document = std::move(chunk[i].document);
      };
      if (isolated_) {
        std::vector<IsolatedJob> jobs;
        std::vector<std::size_t> job_items;
        for (std::size_t i = 0; i < chunk.size(); ++i) {
          if (first) start_item(i);
          if (alive(i)) {
            jobs.push_back({&*chunk[i].document, {}, {}});
            job_items.push_back(i);
          }
        }
        isolated_->run(jobs, from, to, times[0].data());
        for (std::size_t k = 0; k < jobs.size(); ++k) {
          DocumentResult& result = results[job_items[k]];
          result.error = jobs[k].error;
          result.stage = jobs[k].stage;
          if (!last || !result.error.empty()) continue;
          try {
            finish_item(job_items[k]);
          } catch (const std::exception& e) {
            result.error = e.what();
          }
        }
        continue;
      }
      pool_->run(chunk.size(), [&](std::size_t worker, std::size_t i) {
        DocumentResult& result = results[i];
        if (first) start_item(i);
        if (!alive(i)) return;
        try {
          pipeline_.process(*chunk[i].document, worker, times[worker].data(), from, to);
          if (last) finish_item(i);
        } catch (const StageError& e) {
          result.error = e.what();
          result.stage = e.stage;
        } catch (const std::exception& e) {
          result.error = e.what();
        } catch (...) {
          result.error = "unknown error";
        }
      });
    }
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      ++summary.documents;
      if (chunk[i].document) summary.bytes += chunk[i].bytes;  // throughput: only what was read and processed
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
