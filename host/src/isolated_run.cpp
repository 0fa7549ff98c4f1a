#include <factpipe/host/isolated_run.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include <factpipe/document_json.hpp>
#include <factpipe/host/errors.hpp>

namespace factpipe::host {

namespace {

// Everything goes out, or the child gives up (the parent then sees a short message).
bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// The child: "stage I" before each stage, then "done <json>" or "error <message>", one line each.
[[noreturn]] void run_child(int fd, const Pipeline& pipeline, Document& doc, std::size_t worker, std::size_t from,
                            std::size_t to) {
  std::string message;
  try {
    for (std::size_t s = from; s < to; ++s) {
      write_all(fd, "stage " + std::to_string(s) + "\n");
      pipeline.process(doc, worker, nullptr, s, s + 1);
    }
    message = "done " + to_json_text(doc, 0, pipeline.max_json_depth()) + "\n";
  } catch (const std::exception& e) {
    message = std::string("error ") + e.what();
    for (char& c : message)
      if (c == '\n') c = ' ';
    message += "\n";
  }
  bool ok = write_all(fd, message);
  ::_exit(ok ? 0 : 1);  // no atexit handlers, no destructors of the parent's objects
}

std::string describe_status(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    return "the worker process died of signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
  }
  if (WIFEXITED(status)) return "the worker process exited with status " + std::to_string(WEXITSTATUS(status));
  return "the worker process ended abnormally";
}

}  // namespace

void process_isolated(const Pipeline& pipeline, Document& doc, std::size_t worker, double* stage_seconds,
                      std::size_t from, std::size_t to, const IsolationOptions& options) {
  using Clock = std::chrono::steady_clock;
  const std::string id = doc.id();
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw StageError(pipeline.stage_name(from), id, std::string("cannot create a pipe: ") + std::strerror(errno));
  pid_t pid = ::fork();
  if (pid < 0) {
    int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw StageError(pipeline.stage_name(from), id, std::string("cannot start a worker process: ") + std::strerror(error));
  }
  if (pid == 0) {
    ::close(fds[0]);
    run_child(fds[1], pipeline, doc, worker, from, to);
  }
  ::close(fds[1]);

  // Read until the child closes the pipe, or the time is up.
  std::string received;
  bool timed_out = false;
  const auto deadline = Clock::now() + std::chrono::duration<double>(options.timeout_seconds);
  char buf[65536];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1'000'000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;  // the loop notices the deadline
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    received.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }

  // The last stage the child announced is the one it was in.
  std::size_t stage = from;
  std::string_view rest = received;
  std::string_view done, error;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (line.starts_with("stage ")) stage = std::stoul(std::string(line.substr(6)));
    else if (line.starts_with("done ")) done = line.substr(5);
    else if (line.starts_with("error ")) error = line.substr(6);
  }
  if (timed_out)
    throw StageError(pipeline.stage_name(stage), id,
                     fmt::format("did not finish within {:g} s (--document-timeout); its worker process was killed",
                                 options.timeout_seconds));
  if (!error.empty()) throw HostError(std::string(error));  // already names stage and document
  if (done.empty() || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw StageError(pipeline.stage_name(stage), id, describe_status(status));
  Document result = document_from_json(Json::parse(done));
  if (stage_seconds)
    for (const auto& s : result.provenance.stages)
      for (std::size_t i = from; i < to; ++i)
        if (pipeline.stage_name(i) == s.stage) stage_seconds[i] += s.seconds;
  doc = std::move(result);
}

}  // namespace factpipe::host
