#pragma once
// An output file written under TARGET.partial and renamed over TARGET once complete: a reader never sees half
// a file, an interrupted run leaves the previous TARGET as it was and what was complete in TARGET.partial.
// Records are written straight to the kernel (no user-space buffer), so a killed process loses at most
// the record it was writing. The partial file is created anew with O_EXCL | O_NOFOLLOW, so a symlink planted
// there is never followed, and the rename replaces a symlink at TARGET instead of writing through it.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace factpipe::host {

class AtomicFile {
 public:
  // Throws OutputError ("TARGET: cannot write: <strerror> (errno N)").
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();  // not committed: the partial file stays, cut back to the last complete record
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Writes one record whole. On failure (a full disk) the file is cut back to the last complete record,
  // renamed to TARGET, and OutputError says why (errno) and how many records were kept.
  void write_record(std::string_view data);
  void commit();   // renames TARGET.partial to TARGET; throws OutputError
  void discard();  // removes TARGET.partial (a half-written single document is of no use)

  const std::filesystem::path& target() const { return target_; }
  std::size_t records() const { return records_; }

 private:
  [[noreturn]] void fail(const std::string& what, int error);
  void close_fd();
  std::filesystem::path target_, partial_;
  int fd_ = -1;
  std::size_t complete_bytes_ = 0, records_ = 0;
};

// "PATH: cannot write: No space left on device (errno 28)"
std::string cannot_write(const std::filesystem::path& path, int error, const std::string& what = "cannot write");

}  // namespace factpipe::host
