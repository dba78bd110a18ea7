#pragma once
// Runs the built gcmsim in a given folder, in a child process whose address space is capped with
// setrlimit, and reports what a user would see plus the wall time. The hostile-input tests use it to
// show that an input fails fast, cleanly and within a memory bound; ctest's TIMEOUT bounds the time.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace gcmsim::testing {

struct LimitedResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
  double seconds = 0.0;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `args` are shell words after the binary; stdin is /dev/null. `memory_bytes` caps the child's
// address space (0: no cap).
inline LimitedResult run_limited(const std::string& folder, const std::string& args, std::size_t memory_bytes = 0) {
  static int counter = 0;
  const std::string stem = std::string(GCMSIM_TEST_TMP) + "/limited-" + std::to_string(::getpid()) + "-" +
                           std::to_string(++counter);
  const std::string command = "cd '" + folder + "' && exec '" + GCMSIM_BINARY + "' " + args + " </dev/null >'" +
                              stem + ".out' 2>'" + stem + ".err'";
  const auto start = std::chrono::steady_clock::now();
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    if (memory_bytes > 0) {
      const rlimit cap{memory_bytes, memory_bytes};
      ::setrlimit(RLIMIT_AS, &cap);
    }
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  LimitedResult r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = slurp(stem + ".out");
  r.err = slurp(stem + ".err");
  std::remove((stem + ".out").c_str());
  std::remove((stem + ".err").c_str());
  return r;
}

// A fresh, empty folder under the test build folder.
inline std::string fresh_folder(const std::string& name) {
  const std::string path = std::string(GCMSIM_TEST_TMP) + "/" + name + "-" + std::to_string(::getpid());
  std::system(("rm -rf '" + path + "' && mkdir -p '" + path + "'").c_str());
  return path;
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace gcmsim::testing
