#pragma once
// Runs the built gcmsim in a shell and captures what a user would see.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace gcmsim::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// An empty folder for a test's outputs under the test build's temporary folder.
inline std::string out_dir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(GCMSIM_TEST_TMP) / name;
  std::filesystem::remove_all(dir);
  return dir.string();
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `args` is appended to the binary's path as shell words; stdin is closed (</dev/null), as in CI,
// unless `input` is given: then it reaches gcmsim through a pipe, as `printf ... | gcmsim` would.
inline CommandResult run_gcmsim(const std::string& args, const std::string* input = nullptr) {
  static int counter = 0;
  // ctest runs test cases as parallel processes: the pid keeps their files apart.
  const std::string stem = std::string(GCMSIM_TEST_TMP) + "/" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
  const std::string err_path = stem + ".stderr";
  std::string stdin_source = " </dev/null";
  std::string pipe_in;
  if (input != nullptr) {
    std::ofstream(stem + ".stdin", std::ios::binary) << *input;
    pipe_in = "cat '" + stem + ".stdin' | ";
    stdin_source.clear();
  }
  const std::string command = std::string("cd '") + GCMSIM_SOURCE_DIR + "' && " + pipe_in + "'" + GCMSIM_BINARY +
                              "' " + args + stdin_source + " 2>'" + err_path + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
  CommandResult result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = read_text(err_path);
  std::remove(err_path.c_str());
  if (input != nullptr) std::remove((stem + ".stdin").c_str());
  return result;
}

}  // namespace gcmsim::testing
