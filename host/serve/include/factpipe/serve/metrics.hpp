#pragma once
// What /metrics reports, in Prometheus' text format (version 0.0.4): requests by route and status,
// a latency histogram of /v1/check, documents checked and failed, failures per stage, requests refused.
#include <array>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace factpipe::serve {

class Metrics {
 public:
  // Upper bounds of the latency histogram's buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 14> kLatencyBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                          0.25,  0.5,    1.0,   2.5,  5.0,   10.0, 30.0};

  // seconds < 0: unknown (the request was refused before a handler ran); counted, not timed.
  void request(const std::string& route, int status, double seconds);
  void document(bool ok);
  void stage_failure(const std::string& stage);  // "input" for a document that could not be read
  void refused(const std::string& reason);       // busy, timeout, too_large, unauthorized ...
  void in_flight(int delta);

  std::string text() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::size_t> requests_;
  std::array<std::size_t, kLatencyBuckets.size()> latency_counts_{};  // not cumulative; summed in text()
  std::size_t latency_count_ = 0;
  double latency_sum_ = 0;
  std::size_t documents_ok_ = 0, documents_failed_ = 0;
  std::map<std::string, std::size_t> stage_failures_, refused_;
  long in_flight_ = 0;
};

}  // namespace factpipe::serve
