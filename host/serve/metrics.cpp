#include <factpipe/serve/metrics.hpp>

#include <fmt/format.h>

namespace factpipe::serve {

namespace {

// Label values escape backslash, quote and newline.
std::string label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::request(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  if (route != "/v1/check" || seconds < 0) return;
  ++latency_count_;
  latency_sum_ += seconds;
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i)
    if (seconds <= kLatencyBuckets[i]) {
      ++latency_counts_[i];
      break;
    }
}

void Metrics::document(bool ok) {
  std::lock_guard lock(mutex_);
  ++(ok ? documents_ok_ : documents_failed_);
}

void Metrics::stage_failure(const std::string& stage) {
  std::lock_guard lock(mutex_);
  ++stage_failures_[stage];
}

void Metrics::refused(const std::string& reason) {
  std::lock_guard lock(mutex_);
  ++refused_[reason];
}

void Metrics::in_flight(int delta) {
  std::lock_guard lock(mutex_);
  in_flight_ += delta;
}

std::string Metrics::text() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out +=
      "# HELP factpipe_http_requests_total HTTP requests answered, by route and status code.\n"
      "# TYPE factpipe_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out +=
        fmt::format("factpipe_http_requests_total{{route=\"{}\",code=\"{}\"}} {}\n", label(key.first), key.second, n);
  out +=
      "# HELP factpipe_check_duration_seconds Time to answer POST /v1/check, from request to response.\n"
      "# TYPE factpipe_check_duration_seconds histogram\n";
  std::size_t cumulative = 0;
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    cumulative += latency_counts_[i];
    out += fmt::format("factpipe_check_duration_seconds_bucket{{le=\"{}\"}} {}\n", kLatencyBuckets[i], cumulative);
  }
  out += fmt::format("factpipe_check_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", latency_count_);
  out += fmt::format("factpipe_check_duration_seconds_sum {}\n", latency_sum_);
  out += fmt::format("factpipe_check_duration_seconds_count {}\n", latency_count_);
  out +=
      "# HELP factpipe_documents_total Documents checked, by result.\n"
      "# TYPE factpipe_documents_total counter\n";
  out += fmt::format("factpipe_documents_total{{result=\"ok\"}} {}\n", documents_ok_);
  out += fmt::format("factpipe_documents_total{{result=\"failed\"}} {}\n", documents_failed_);
  out +=
      "# HELP factpipe_stage_failures_total Documents that failed, by the stage that failed (input: not readable).\n"
      "# TYPE factpipe_stage_failures_total counter\n";
  for (const auto& [stage, n] : stage_failures_)
    out += fmt::format("factpipe_stage_failures_total{{stage=\"{}\"}} {}\n", label(stage), n);
  out +=
      "# HELP factpipe_requests_refused_total Requests refused by a limit, by reason.\n"
      "# TYPE factpipe_requests_refused_total counter\n";
  for (const auto& [reason, n] : refused_)
    out += fmt::format("factpipe_requests_refused_total{{reason=\"{}\"}} {}\n", label(reason), n);
  out +=
      "# HELP factpipe_checks_in_flight Check requests being processed or waiting for a worker.\n"
      "# TYPE factpipe_checks_in_flight gauge\n";
  out += fmt::format("factpipe_checks_in_flight {}\n", in_flight_);
  return out;
}

}  // namespace factpipe::serve
