#include <factpipe/host/isolated_run.hpp>

#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include <factpipe/document_json.hpp>
#include <factpipe/host/errors.hpp>

namespace factpipe::host {

// The protocol, one line each way (JSON text has no raw newline):
//   parent -> worker   "run <from> <to> <document JSON>"
//   worker -> parent   "stage <i>" before each stage, then "done <document JSON>",
//                      "failed <i> <message>" (a StageError in stage i) or "error <message>"
// The last "stage" line says which stage a worker that dies or hangs was in.

namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Everything goes out, or false (the other side is gone). MSG_NOSIGNAL: a dead peer is an error, not SIGPIPE.
bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

std::size_t parse_index(std::string_view text) {
  std::size_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// Threads of this process, from /proc (0 when it cannot be read: then nothing is known).
std::size_t thread_count() {
  DIR* dir = ::opendir("/proc/self/task");
  if (!dir) return 0;
  std::size_t count = 0;
  while (const dirent* entry = ::readdir(dir))
    if (entry->d_name[0] != '.') ++count;
  ::closedir(dir);
  return count;
}

// A worker: reads a document, runs the stages, answers; exits when the parent closes its end (or dies: the
// kernel kills it then, PR_SET_PDEATHSIG). It only ever leaves by _exit: no atexit handlers, no destructors of
// the parent's objects.
[[noreturn]] void worker_loop(int fd, const Pipeline& pipeline, std::size_t worker) {
  std::string pending;
  char buf[65536];
  while (true) {
    std::size_t nl;
    std::size_t searched = 0;
    while ((nl = pending.find('\n', searched)) == std::string::npos) {
      searched = pending.size();
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) ::_exit(0);
      pending.append(buf, static_cast<std::size_t>(n));
    }
    std::string_view request(pending.data(), nl);
    // "run <from> <to> <json>"
    request.remove_prefix(4);
    std::size_t from = parse_index(request);
    request.remove_prefix(request.find(' ') + 1);
    std::size_t to = parse_index(request);
    request.remove_prefix(request.find(' ') + 1);

    std::string answer;
    std::size_t stage = from;
    try {
      Document doc = document_from_json(Json::parse(request));
      for (; stage < to; ++stage) {
        if (!send_all(fd, "stage " + std::to_string(stage) + "\n")) ::_exit(1);
        pipeline.process(doc, worker, nullptr, stage, stage + 1);
      }
      answer = "done " + to_json_text(doc, 0, pipeline.max_json_depth()) + "\n";
    } catch (const StageError& e) {
      answer = "failed " + std::to_string(stage) + " " + one_line(e.what()) + "\n";
    } catch (const std::exception& e) {
      answer = "error " + one_line(e.what()) + "\n";
    }
    pending.erase(0, nl + 1);
    if (!send_all(fd, answer)) ::_exit(1);
  }
}

std::string describe_status(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    return "the worker process died of signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
  }
  if (WIFEXITED(status)) return "the worker process exited with status " + std::to_string(WEXITSTATUS(status));
  return "the worker process ended abnormally";
}

int reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

IsolatedWorkers::IsolatedWorkers(const Pipeline& pipeline, std::size_t workers, IsolationOptions options)
    : pipeline_(pipeline), options_(options), slots_(std::max<std::size_t>(workers, 1)) {}

IsolatedWorkers::~IsolatedWorkers() { restart(); }

void IsolatedWorkers::restart() {
  for (auto& slot : slots_) end(slot);
}

// Kills (an idle worker has nothing to lose) and reaps the worker of `slot`.
void IsolatedWorkers::end(Slot& slot) {
  if (slot.fd >= 0) ::close(slot.fd);
  if (slot.pid > 0) {
    ::kill(slot.pid, SIGKILL);
    reap(slot.pid);
  }
  slot.fd = -1;
  slot.pid = -1;
  slot.job = nullptr;
  slot.received.clear();
}

// fork() from the process's only thread: the child is a copy of a process in which no lock was held by anyone
// else, so it can allocate, log and run the stages. Workers are never exec'd: they are the configured pipeline.
void IsolatedWorkers::start(std::size_t worker) {
  if (std::size_t threads = thread_count(); threads > 1)
    throw HostError(
        fmt::format("--isolate: cannot start a worker process: {} threads are running in this process "
                    "(a worker is forked, which is safe only from the only thread)",
                    threads));
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    throw HostError(std::string("--isolate: cannot create a socket for a worker process: ") + std::strerror(errno));
  // What the parent has buffered for stdout would be written twice if a worker's stage flushed its copy.
  std::cout.flush();
  std::fflush(nullptr);
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw HostError(std::string("--isolate: cannot start a worker process: ") + std::strerror(error));
  }
  if (pid == 0) {
    // Dies with the parent, even in an endless loop; the parent may already be gone before prctl.
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent) ::_exit(1);
    ::close(fds[0]);
    // The other workers' sockets: held here, they would not close when those workers die.
    for (const auto& other : slots_)
      if (other.fd >= 0) ::close(other.fd);
    worker_loop(fds[1], pipeline_, worker);
  }
  ::close(fds[1]);
  Slot& slot = slots_[worker];
  slot.pid = pid;
  slot.fd = fds[0];
  ++forks_;
}

void IsolatedWorkers::fail(Slot& slot, const std::string& stage, const std::string& error) {
  slot.job->stage = stage;
  slot.job->error = error;
  slot.job = nullptr;
}

// The worker's socket closed (it crashed or exited): its document fails with how it ended.
void IsolatedWorkers::died(Slot& slot, const std::string& what) {
  IsolatedJob* job = slot.job;
  const std::string& stage = pipeline_.stage_name(slot.stage);
  std::string error = StageError(stage, job->doc->id(), what).what();
  fail(slot, stage, error);
  end(slot);
}

bool IsolatedWorkers::send(std::size_t worker, IsolatedJob& job, std::size_t from, std::size_t to, double now) {
  std::string request = "run " + std::to_string(from) + " " + std::to_string(to) + " ";
  try {
    write_json_text(*job.doc, request, 0, pipeline_.max_json_depth());
  } catch (const std::exception& e) {
    job.stage = pipeline_.stage_name(from);
    job.error =
        StageError(job.stage, job.doc->id(), std::string("cannot send it to a worker process: ") + e.what()).what();
    return false;
  }
  request += '\n';
  Slot& slot = slots_[worker];
  // A worker that died while idle (killed from outside) cannot take it: a new one gets it, once.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (slot.pid < 0) start(worker);
    if (send_all(slot.fd, request)) {
      slot.job = &job;
      slot.stage = from;
      slot.deadline = now + options_.timeout_seconds;
      return true;
    }
    end(slot);
  }
  job.stage = pipeline_.stage_name(from);
  job.error = StageError(job.stage, job.doc->id(), "cannot send it to a worker process: the worker ended").what();
  return false;
}

void IsolatedWorkers::receive(Slot& slot, std::size_t from, std::size_t to, double* stage_seconds) {
  char buf[65536];
  ssize_t n = ::read(slot.fd, buf, sizeof buf);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (n <= 0) {
    const int status = reap(slot.pid);
    slot.pid = -1;  // reaped: its id may be reused, end() must not kill it
    died(slot, describe_status(status));
    return;
  }
  const std::size_t searched = slot.received.size();
  slot.received.append(buf, static_cast<std::size_t>(n));
  std::size_t start = 0;
  for (std::size_t nl = slot.received.find('\n', searched); nl != std::string::npos && slot.job;
       nl = slot.received.find('\n', start)) {
    std::string_view line(slot.received.data() + start, nl - start);
    start = nl + 1;
    IsolatedJob& job = *slot.job;
    if (line.starts_with("stage ")) {
      slot.stage = std::min(parse_index(line.substr(6)), pipeline_.stage_count() - 1);
    } else if (line.starts_with("done ")) {
      try {
        Document result = document_from_json(Json::parse(line.substr(5)));
        if (stage_seconds)
          for (const auto& s : result.provenance.stages)
            for (std::size_t i = from; i < to; ++i)
              if (pipeline_.stage_name(i) == s.stage) stage_seconds[i] += s.seconds;
        *job.doc = std::move(result);
        slot.job = nullptr;
      } catch (const std::exception& e) {
        const std::string& stage = pipeline_.stage_name(slot.stage);
        fail(slot, stage,
             StageError(stage, job.doc->id(),
                        std::string("its worker process sent back what is not a document: ") + e.what())
                 .what());
      }
    } else if (line.starts_with("failed ")) {
      line.remove_prefix(7);
      std::size_t stage = std::min(parse_index(line), pipeline_.stage_count() - 1);
      line.remove_prefix(std::min(line.size(), line.find(' ') + 1));
      fail(slot, pipeline_.stage_name(stage), std::string(line));
    } else if (line.starts_with("error ")) {
      fail(slot, "", std::string(line.substr(6)));  // names stage and document already when it is about one
    }
  }
  slot.received.erase(0, start);
  if (!slot.job) slot.received.clear();  // nothing more is expected before the next document
}

void IsolatedWorkers::run(std::vector<IsolatedJob>& jobs, std::size_t from, std::size_t to, double* stage_seconds) {
  std::size_t next = 0;
  std::vector<pollfd> polled;
  std::vector<Slot*> polled_slots;
  while (true) {
    // Every idle worker gets the next document; a slot whose worker died gets a new worker first.
    for (std::size_t w = 0; w < slots_.size(); ++w)
      while (!slots_[w].job && next < jobs.size()) send(w, jobs[next++], from, to, now_seconds());

    polled.clear();
    polled_slots.clear();
    double first_deadline = 0;
    for (auto& slot : slots_)
      if (slot.job) {
        if (polled.empty() || slot.deadline < first_deadline) first_deadline = slot.deadline;
        polled.push_back({slot.fd, POLLIN, 0});
        polled_slots.push_back(&slot);
      }
    if (polled.empty()) return;  // every document is done

    double wait = std::max(0.0, first_deadline - now_seconds());
    int ready = ::poll(polled.data(), polled.size(), static_cast<int>(std::min(std::ceil(wait * 1000), 1e6)));
    if (ready < 0 && errno != EINTR)
      throw HostError(std::string("--isolate: cannot wait for the worker processes: ") + std::strerror(errno));
    for (std::size_t k = 0; ready > 0 && k < polled.size(); ++k)
      if (polled[k].revents && polled_slots[k]->job) receive(*polled_slots[k], from, to, stage_seconds);

    // Workers past their document's deadline are killed; the document fails in the stage it was in.
    const double now = now_seconds();
    for (auto& slot : slots_)
      if (slot.job && now >= slot.deadline)
        died(slot, fmt::format("did not finish within {:g} s (--document-timeout); its worker process was killed",
                               options_.timeout_seconds));
  }
}

}  // namespace factpipe::host
