#pragma once
// Debian's chromium, headless, driven through the DevTools protocol over a pipe (--remote-debugging-pipe:
// NUL-terminated JSON messages on file descriptors 3 and 4), so a test can type, click and read the DOM the
// way a person's browser does, with no driver or websocket library.
#include <sys/types.h>

#include <filesystem>
#include <string>

#include <factpipe/document.hpp>

namespace factpipe::test {

class CdpBrowser {
 public:
  static constexpr const char* kChromium = "/usr/bin/chromium";
  // Starts chromium with a fresh profile; chromium's own output goes to `log`.
  explicit CdpBrowser(const std::filesystem::path& log);
  ~CdpBrowser();
  bool running() const { return pid_ > 0; }
  // "" when chromium answers over the DevTools pipe; else why not (it could not be run, or it exited or
  // stayed silent for 60 s: see the log).
  std::string start_failure();

  // Opens a tab on `url` and attaches to it; later calls with `page` = true go to that tab.
  void open(const std::string& url);
  // Sends a command and returns its "result" (throws std::runtime_error on an error answer or after 60 s).
  Json call(const std::string& method, const Json& params = Json::object(), bool page = true);
  // Evaluates a JavaScript expression in the tab and returns its value.
  Json eval(const std::string& expression);
  // Evaluates `expression` until it is truthy or `limit_seconds` pass; returns the last value.
  Json wait_for(const std::string& expression, double limit_seconds);
  // A real mouse click in the middle of the element `selector` matches.
  void click(const std::string& selector);

 private:
  Json read_message();
  pid_t pid_ = -1;
  int to_browser_ = -1, from_browser_ = -1;
  std::string buffer_, session_;
  int next_id_ = 1;
  std::filesystem::path profile_;
};

}  // namespace factpipe::test
