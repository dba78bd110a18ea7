#include "engine/file_calls.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>

namespace gcmsim {
namespace {

ssize_t kernel_write(int fd, const void* data, std::size_t size) { return ::write(fd, data, size); }
int kernel_fsync(int fd) { return ::fsync(fd); }

std::atomic<ssize_t (*)(int, const void*, std::size_t)> g_write{&kernel_write};
std::atomic<int (*)(int)> g_fsync{&kernel_fsync};

}  // namespace

FileCalls file_calls() { return {g_write.load(), g_fsync.load()}; }

int write_fully(int fd, std::string_view text) {
  const auto write = g_write.load();
  while (!text.empty()) {
    const ssize_t n = write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

int sync_file(int fd) { return g_fsync.load()(fd) == 0 ? 0 : errno; }

FileCallsForTesting::FileCallsForTesting(FileCalls replacement) : previous_(file_calls()) {
  g_write = replacement.write;
  g_fsync = replacement.fsync;
}

FileCallsForTesting::~FileCallsForTesting() {
  g_write = previous_.write;
  g_fsync = previous_.fsync;
}

}  // namespace gcmsim
