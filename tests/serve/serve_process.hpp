#pragma once
// `factpipe serve` as a child process: started with --port 0, its port read from the line it prints on
// stdout, stopped with SIGTERM.
#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace factpipe::test {

class ServeProcess {
 public:
  // Runs `exe serve ARGS... --port 0`, with `env` added to the environment and stderr to `log`.
  ServeProcess(const std::string& exe, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env, const std::filesystem::path& log);
  ~ServeProcess();
  bool started() const { return port_ > 0; }
  int port() const { return port_; }
  int pid() const { return static_cast<int>(pid_); }
  // SIGTERM, then the exit code (-1 when it did not exit within `limit_seconds` and had to be killed).
  int stop(double limit_seconds = 10);
  // Waits for it to exit by itself: the exit code (-1 when it had to be killed after `limit_seconds`).
  int wait_exit(double limit_seconds);

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace factpipe::test
