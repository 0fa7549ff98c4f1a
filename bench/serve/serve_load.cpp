// Load test of `factpipe serve`: starts the service (default pipeline unless -c), then N clients at once,
// each on its own keep-alive connection, POST the same article to /v1/check. For each concurrency level:
// requests/s, p50/p99/max latency and failed requests (anything but 200). Then many more requests while
// the service's resident memory is sampled: it must stay flat. Prints one JSON object.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include <factpipe/document.hpp>

#include "serve_process.hpp"

using namespace factpipe;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Resident memory of a process, in MB (VmRSS).
double rss_mb(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return -1;
}

struct Level {
  int clients = 0;
  std::size_t requests = 0, failed = 0;
  double seconds = 0, p50_ms = 0, p99_ms = 0, max_ms = 0;
};

// `clients` threads send `requests` requests in all; `on_done(n)` is called after each (for RSS samples).
Level load(int port, const std::string& body, int clients, std::size_t requests,
           const std::function<void(std::size_t)>& on_done = {}) {
  std::atomic<std::size_t> next{0}, done{0}, failed{0};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(clients));
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_read_timeout(std::chrono::seconds(300));
      while (next.fetch_add(1) < requests) {
        auto t = Clock::now();
        auto res = client.Post("/v1/check", body, "application/json");
        latencies[static_cast<std::size_t>(c)].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - t).count());
        if (!res || res->status != 200 || res->body.size() < 100) ++failed;
        std::size_t n = ++done;
        if (on_done && c == 0) on_done(n);
      }
    });
  for (auto& t : threads) t.join();
  Level l;
  l.clients = clients;
  l.requests = requests;
  l.failed = failed;
  l.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& v : latencies) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<std::size_t>(p * all.size()))];
  };
  l.p50_ms = pct(0.50);
  l.p99_ms = pct(0.99);
  l.max_ms = all.empty() ? 0 : all.back();
  return l;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path source = FACTPIPE_SOURCE_DIR;
  fs::path article = source / "../shared/samples/putin-kim-2024-06-19.txt";
  if (!fs::exists(article)) article = source / "examples/articles/harbor-bridge-2026.txt";
  std::string config = (source / "config/default.yaml").string(), threads = "0";
  std::vector<int> levels{1, 8, 64};
  std::size_t requests = 300, rss_requests = 10000;
  const char* usage =
      "usage: serve_load [--article FILE] [-c CONFIG] [--threads N] [--levels 1,8,64] [--requests N] "
      "[--rss-requests N]\n"
      "Starts `factpipe serve`, sends N requests at each concurrency level, then RSS_N requests in a row,\n"
      "and prints requests/s, p50/p99 latency and the service's RSS as JSON, e.g.\n"
      "  serve_load --levels 1,8,64 --requests 300 --rss-requests 10000\n";
  for (int i = 1; i < argc; i += 2) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::cout << usage;
      return 0;
    }
    if (i + 1 >= argc) {
      std::cerr << "serve_load: " << a << " needs a value\n" << usage;
      return 2;
    }
    std::string v = argv[i + 1];
    if (a == "--article") article = v;
    else if (a == "-c" || a == "--config") config = v;
    else if (a == "--threads") threads = v;
    else if (a == "--requests") requests = std::stoul(v);
    else if (a == "--rss-requests") rss_requests = std::stoul(v);
    else if (a == "--levels") {
      levels.clear();
      std::stringstream s(v);
      for (std::string x; std::getline(s, x, ',');) levels.push_back(std::stoi(x));
    } else {
      std::cerr << "serve_load: unknown option " << a << "\n" << usage;
      return 2;
    }
  }
  std::string body = Json{{"id", article.stem().string()}, {"text", read_file(article)}}.dump();
  fs::path scratch = fs::temp_directory_path() / ("factpipe-serve-load-" + std::to_string(getpid()));
  fs::create_directories(scratch);
  std::vector<std::string> args{"-c", config, "--max-queue", "256"};
  if (threads != "0") args.insert(args.end(), {"--threads", threads});
  test::ServeProcess serve(FACTPIPE_EXE, args, {{"XDG_CACHE_HOME", (scratch / "cache").string()}},
                           scratch / "serve.log");
  if (!serve.started()) {
    std::cerr << "serve_load: the service did not start; see " << (scratch / "serve.log").string() << "\n";
    return 1;
  }
  Json out{{"article", article.string()}, {"article_bytes", body.size()}, {"levels", Json::array()}};
  load(serve.port(), body, 2, 20);  // warm up: the index is opened, caches filled
  for (int clients : levels) {
    Level l = load(serve.port(), body, clients, std::max<std::size_t>(requests, static_cast<std::size_t>(clients) * 4));
    out["levels"].push_back({{"clients", l.clients},
                             {"requests", l.requests},
                             {"failed", l.failed},
                             {"requests_per_second", l.requests / l.seconds},
                             {"p50_ms", l.p50_ms},
                             {"p99_ms", l.p99_ms},
                             {"max_ms", l.max_ms}});
    std::cerr << out["levels"].back().dump() << "\n";
  }
  if (rss_requests > 0) {
    int pid = serve.pid();
    Json samples = Json::array();
    std::size_t every = std::max<std::size_t>(1, rss_requests / 20);
    samples.push_back({{"requests", 0}, {"rss_mb", rss_mb(pid)}});
    std::atomic<std::size_t> last{0};
    Level l = load(serve.port(), body, 8, rss_requests, [&](std::size_t n) {
      if (n / every > last) {
        last = n / every;
        samples.push_back({{"requests", n}, {"rss_mb", rss_mb(pid)}});
        std::cerr << samples.back().dump() << "\n";  // progress, for a long run
      }
    });
    samples.push_back({{"requests", rss_requests}, {"rss_mb", rss_mb(pid)}});
    out["rss"] = {{"requests", rss_requests},
                  {"failed", l.failed},
                  {"clients", 8},
                  {"requests_per_second", rss_requests / l.seconds},
                  {"samples", samples},
                  // After the first tenth (caches warm), what the rest added.
                  {"growth_mb_after_first_tenth",
                   samples.back()["rss_mb"].get<double>() -
                       samples[std::min<std::size_t>(2, samples.size() - 1)]["rss_mb"].get<double>()}};
  }
  int code = serve.stop();
  out["service_exit_code"] = code;
  std::cout << out.dump(2) << "\n";
  std::error_code ec;
  fs::remove_all(scratch, ec);
  bool ok = code == 0;
  for (const auto& l : out["levels"]) ok = ok && l["failed"] == 0;
  if (out.contains("rss")) ok = ok && out["rss"]["failed"] == 0;
  return ok ? 0 : 1;
}
