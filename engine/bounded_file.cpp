#include "engine/bounded_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace gcmsim {
namespace {

std::string kind_name(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string not_regular(const std::string& path, mode_t mode, std::string_view what) {
  return "'" + path + "' is " + kind_name(mode) + ", not a regular file; expected " + std::string(what);
}

}  // namespace

std::optional<int> open_regular_file(const std::string& path, std::string_view what, std::string& error) {
  struct stat before {};
  if (::stat(path.c_str(), &before) != 0) {
    error = "cannot read '" + path + "': " + std::generic_category().message(errno) + "; expected " + std::string(what);
    return std::nullopt;
  }
  if (!S_ISREG(before.st_mode)) {
    error = not_regular(path, before.st_mode, what);
    return std::nullopt;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot read '" + path + "': " + std::generic_category().message(errno);
    return std::nullopt;
  }
  struct stat after {};
  if (::fstat(fd, &after) != 0 || !S_ISREG(after.st_mode) || after.st_ino != before.st_ino || after.st_dev != before.st_dev) {
    ::close(fd);
    error = "'" + path + "' changed while it was opened (no longer the regular file it was); expected " + std::string(what);
    return std::nullopt;
  }
  // Regular files never block; clear O_NONBLOCK anyway so reads behave as usual.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  error.clear();
  return fd;
}

BoundedRead read_bounded_file(const std::string& path, std::size_t max_bytes, std::string_view what) {
  BoundedRead out;
  const std::optional<int> fd = open_regular_file(path, what, out.error);
  if (!fd) return out;
  char buffer[65536];
  while (out.content.size() <= max_bytes) {
    const ssize_t n = ::read(*fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.error = "cannot read '" + path + "': " + std::generic_category().message(errno);
      break;
    }
    if (n == 0) break;
    out.content.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(*fd);
  if (out.ok() && out.content.size() > max_bytes) {
    out.error = "'" + path + "' is more than " + std::to_string(max_bytes) + " bytes; expected " + std::string(what) +
                " of at most " + std::to_string(max_bytes) + " bytes (docs/limits.md)";
  }
  if (!out.ok()) out.content.clear();
  return out;
}

}  // namespace gcmsim
