#include "output/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "engine/file_calls.hpp"

namespace gcmsim::output {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& path, std::string_view what, int error) {
  throw std::runtime_error(fmt::format("cannot write {}: {}: {}", path.string(), what,
                                       std::generic_category().message(error)));
}

// Closes the descriptor and removes the temporary file unless the write got as far as the rename.
class TemporaryFile {
 public:
  TemporaryFile(fs::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlink(path_.c_str());
  }

  const fs::path& path() const { return path_; }
  int fd() const { return fd_; }
  // close() reports write-back errors some file systems only detect then (NFS), so it is checked.
  int close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }
  void mark_renamed() { renamed_ = true; }

 private:
  fs::path path_;
  int fd_;
  bool renamed_ = false;
};

// A name no other writer uses: the process id tells processes apart (a sweep's workers may write
// into one folder), the counter tells threads and calls apart; O_EXCL catches what is left.
TemporaryFile create_temporary(const fs::path& path) {
  static std::atomic<unsigned long> counter{0};
  const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  for (int attempt = 0;; ++attempt) {
    const fs::path candidate =
        folder / fmt::format(".{}.{}.{}.tmp", path.filename().string(), ::getpid(), counter++);
    // Mode 0666 lets the umask decide, as for any file the user creates (mkstemp would give 0600).
    const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return TemporaryFile(candidate, fd);
    if (errno != EEXIST || attempt == 100) fail(path, "cannot create a temporary file", errno);
  }
}

void write_all(const fs::path& path, int fd, std::string_view content) {
  if (const int error = write_fully(fd, content); error != 0) fail(path, "cannot write the temporary file", error);
}

}  // namespace

// The file's content is already safe when this runs, so a refusal is not an error.
void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void sync_file_system(const fs::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(folder, "cannot open the folder to flush it", errno);
  const int rc = ::syncfs(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) fail(folder, "cannot flush the file system", error);
}

void write_file_atomically(const fs::path& path, std::string_view content, Durability durability) {
  if (path.filename().empty()) fail(path, "not a file name", EISDIR);
  if (const fs::path parent = path.parent_path(); !parent.empty()) {
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) fail(path, fmt::format("cannot create folder {}", parent.string()), ec.value());
  }
  TemporaryFile tmp = create_temporary(path);
  write_all(path, tmp.fd(), content);
  const bool synced = durability == Durability::synced;
  if (synced) {
    if (const int error = sync_file(tmp.fd()); error != 0) fail(path, "cannot flush the temporary file", error);
  }
  if (tmp.close() != 0) fail(path, "cannot close the temporary file", errno);
  if (::rename(tmp.path().c_str(), path.c_str()) != 0) fail(path, "cannot replace the file", errno);
  tmp.mark_renamed();
  if (synced) sync_folder(path.parent_path());
}

}  // namespace gcmsim::output
