#pragma once
// A progress line on stderr, only when stderr is a terminal (never in logs or pipes).
#include <chrono>
#include <cstddef>

namespace factpipe::cli {

class Progress {
 public:
  // total = expected number of documents, 0 when unknown (streams, JSON lines).
  Progress(bool wanted, std::size_t total);
  void update(std::size_t done, std::size_t failed, std::size_t bytes);
  void finish();

 private:
  bool enabled_ = false, drawn_ = false;
  std::size_t total_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace factpipe::cli
