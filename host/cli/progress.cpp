#include "progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace factpipe::cli {

Progress::Progress(bool wanted, std::size_t total)
    : enabled_(wanted && isatty(STDERR_FILENO)), total_(total), start_(std::chrono::steady_clock::now()) {}

void Progress::update(std::size_t done, std::size_t failed, std::size_t bytes) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done != total_) return;
  last_ = now;
  drawn_ = true;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double mbps = seconds > 0 ? bytes / 1e6 / seconds : 0.0;
  std::string bar;
  if (total_ > 0) {
    constexpr int width = 30;
    int filled = static_cast<int>(width * std::min<std::size_t>(done, total_) / total_);
    bar.reserve(width + 3);
    bar += '[';
    bar.append(filled, '#');
    bar.append(width - filled, '.');
    bar += "] ";
  }
  std::string of_total;
  if (total_ > 0) {
    of_total = '/';
    of_total += std::to_string(total_);
  }
  std::fprintf(stderr, "\r%s%zu%s documents, %zu failed, %.1f MB/s   ", bar.c_str(), done, of_total.c_str(), failed,
               mbps);
  std::fflush(stderr);
}

void Progress::finish() {
  if (enabled_ && drawn_) std::fprintf(stderr, "\n");
}

}  // namespace factpipe::cli
