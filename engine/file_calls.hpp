#pragma once
// The system calls through which gcmsim writes its outputs (the atomic writer, the sweep journal,
// the streamed sweep tables), in one place so that a test can replace them and inject the faults a
// real disk produces: EIO on the n-th write, short writes, a failing fsync. In a run they are the
// kernel's own; nothing but a test ever replaces them.
#include <sys/types.h>

#include <cstddef>
#include <string_view>

namespace gcmsim {

struct FileCalls {
  ssize_t (*write)(int fd, const void* data, std::size_t size);
  int (*fsync)(int fd);
};

// The calls in use.
FileCalls file_calls();

// Writes all of `text`: short writes are continued and EINTR retried. 0, or the errno that stopped it.
int write_fully(int fd, std::string_view text);
// fsync through file_calls(): 0, or the errno.
int sync_file(int fd);

// For tests: the calls are `replacement` until this guard is destroyed. Not for concurrent use with
// another guard; the writers may run on any thread meanwhile.
class FileCallsForTesting {
 public:
  explicit FileCallsForTesting(FileCalls replacement);
  ~FileCallsForTesting();
  FileCallsForTesting(const FileCallsForTesting&) = delete;
  FileCallsForTesting& operator=(const FileCallsForTesting&) = delete;

 private:
  FileCalls previous_;
};

}  // namespace gcmsim
