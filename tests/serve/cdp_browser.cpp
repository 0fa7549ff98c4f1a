#include "cdp_browser.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace factpipe::test {

namespace {

using Clock = std::chrono::steady_clock;

bool truthy(const Json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>() != 0;
  if (v.is_string()) return !v.get<std::string>().empty();
  return !v.is_null();
}

}  // namespace

CdpBrowser::CdpBrowser(const std::filesystem::path& log) {
  std::string profile = (std::filesystem::temp_directory_path() / "factpipe-cdp-XXXXXX").string();
  if (!mkdtemp(profile.data())) return;
  profile_ = profile;
  int commands[2], answers[2];
  if (pipe(commands) != 0 || pipe(answers) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    // Out of the way of 3 and 4 first, then onto them.
    int in = fcntl(commands[0], F_DUPFD, 10), out = fcntl(answers[1], F_DUPFD, 10);
    dup2(in, 3);
    dup2(out, 4);
    int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (log_fd >= 0) {
      dup2(log_fd, STDOUT_FILENO);
      dup2(log_fd, STDERR_FILENO);
    }
    for (int fd = 5; fd < 1024; ++fd) close(fd);
    std::string user_data = "--user-data-dir=" + profile;
    execl(kChromium, kChromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--remote-debugging-pipe",
          "--window-size=1280,2000", user_data.c_str(), "about:blank", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(commands[0]);
  close(answers[1]);
  to_browser_ = commands[1];
  from_browser_ = answers[0];
}

CdpBrowser::~CdpBrowser() {
  if (pid_ > 0) {
    try {
      call("Browser.close", Json::object(), false);
    } catch (const std::exception&) {
    }
    int status = 0;
    for (int i = 0; i < 100 && waitpid(pid_, &status, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (waitpid(pid_, &status, WNOHANG) == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
  }
  if (to_browser_ >= 0) close(to_browser_);
  if (from_browser_ >= 0) close(from_browser_);
  std::error_code ec;
  if (!profile_.empty()) std::filesystem::remove_all(profile_, ec);
}

Json CdpBrowser::read_message() {
  auto deadline = Clock::now() + std::chrono::seconds(60);
  while (true) {
    auto end = buffer_.find('\0');
    if (end != std::string::npos) {
      Json j = Json::parse(buffer_.substr(0, end));
      buffer_.erase(0, end + 1);
      return j;
    }
    if (Clock::now() > deadline) throw std::runtime_error("chromium: no answer within 60 s");
    pollfd p{from_browser_, POLLIN, 0};
    if (poll(&p, 1, 1000) <= 0) continue;
    char buf[65536];
    ssize_t n = read(from_browser_, buf, sizeof buf);
    if (n <= 0) throw std::runtime_error("chromium closed the DevTools pipe");
    buffer_.append(buf, static_cast<std::size_t>(n));
  }
}

Json CdpBrowser::call(const std::string& method, const Json& params, bool page) {
  int id = next_id_++;
  Json message{{"id", id}, {"method", method}, {"params", params}};
  if (page) message["sessionId"] = session_;
  std::string text = message.dump();
  text.push_back('\0');
  for (std::size_t sent = 0; sent < text.size();) {
    ssize_t n = write(to_browser_, text.data() + sent, text.size() - sent);
    if (n <= 0) throw std::runtime_error("chromium: cannot write to the DevTools pipe");
    sent += static_cast<std::size_t>(n);
  }
  while (true) {
    Json answer = read_message();
    if (!answer.contains("id") || answer["id"] != id) continue;  // events, or answers to nobody
    if (answer.contains("error")) throw std::runtime_error(method + ": " + answer["error"].dump());
    return answer.value("result", Json::object());
  }
}

std::string CdpBrowser::start_failure() {
  if (pid_ <= 0) return "chromium could not be run";
  try {
    call("Browser.getVersion", Json::object(), false);
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

void CdpBrowser::open(const std::string& url) {
  Json target = call("Target.createTarget", {{"url", url}}, false);
  Json attached = call("Target.attachToTarget", {{"targetId", target["targetId"]}, {"flatten", true}}, false);
  session_ = attached["sessionId"];
}

Json CdpBrowser::eval(const std::string& expression) {
  Json r = call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}});
  if (r.contains("exceptionDetails")) throw std::runtime_error("javascript: " + r["exceptionDetails"].dump());
  return r["result"].value("value", Json());
}

Json CdpBrowser::wait_for(const std::string& expression, double limit_seconds) {
  auto deadline = Clock::now() + std::chrono::duration<double>(limit_seconds);
  Json v;
  while (Clock::now() < deadline) {
    v = eval(expression);
    if (truthy(v)) return v;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return v;
}

void CdpBrowser::click(const std::string& selector) {
  Json box = eval("(() => { const r = document.querySelector(" + Json(selector).dump() +
                  ").getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
  for (const char* type : {"mousePressed", "mouseReleased"})
    call("Input.dispatchMouseEvent",
         {{"type", type}, {"x", box["x"]}, {"y", box["y"]}, {"button", "left"}, {"clickCount", 1}});
}

}  // namespace factpipe::test
