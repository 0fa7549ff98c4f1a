#include <factpipe/host/atomic_file.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <factpipe/host/errors.hpp>

namespace factpipe::host {

namespace fs = std::filesystem;

std::string cannot_write(const fs::path& path, int error, const std::string& what) {
  return path.string() + ": " + what + ": " + std::strerror(error) + " (errno " + std::to_string(error) + ")";
}

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)) {
  partial_ = target_;
  partial_ += ".partial";
  ::unlink(partial_.c_str());  // a stale one from an interrupted run (a symlink is removed, not followed)
  fd_ = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd_ < 0) throw OutputError(cannot_write(partial_, errno, "cannot create"));
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0 && ::ftruncate(fd_, static_cast<off_t>(complete_bytes_)) != 0) {
    // nothing more to do: the partial file holds a torn last record
  }
  close_fd();
}

void AtomicFile::close_fd() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void AtomicFile::fail(const std::string& what, int error) {
  std::string message = cannot_write(target_, error, what);
  if (fd_ >= 0) {
    // Keep what was complete, under the name asked for.
    bool kept = ::ftruncate(fd_, static_cast<off_t>(complete_bytes_)) == 0;
    close_fd();
    kept = kept && ::rename(partial_.c_str(), target_.c_str()) == 0;
    message += kept ? "; kept the " + std::to_string(records_) + " complete record(s) written before"
                    : "; what was complete is in " + partial_.string();
  }
  throw OutputError(message);
}

void AtomicFile::write_record(std::string_view data) {
  if (fd_ < 0) throw OutputError(target_.string() + ": cannot write: the file is closed");
  const std::size_t size = data.size();
  while (!data.empty()) {
    ssize_t n = ::write(fd_, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("cannot write", n < 0 ? errno : ENOSPC);  // cut back to complete_bytes_
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  complete_bytes_ += size;
  ++records_;
}

void AtomicFile::commit() {
  if (fd_ < 0) return;
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    int error = errno;
    ::unlink(partial_.c_str());
    throw OutputError(cannot_write(target_, error));
  }
  if (::rename(partial_.c_str(), target_.c_str()) != 0)
    throw OutputError(cannot_write(target_, errno, "cannot rename " + partial_.filename().string() + " to it"));
}

void AtomicFile::discard() {
  close_fd();
  ::unlink(partial_.c_str());
}

}  // namespace factpipe::host
