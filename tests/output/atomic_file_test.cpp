#include "output/atomic_file.hpp"

#include <signal.h>
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

namespace fs = std::filesystem;
using gcmsim::output::write_file_atomically;

namespace {

// A fresh, empty folder per test, so leftovers of one test cannot hide or fake another's.
fs::path fresh_folder(const std::string& name) {
  const fs::path dir = fs::path(GCMSIM_TEST_TMP) / "atomic_file" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> entries(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

// Files may grow to `bytes` only while it lives; SIGXFSZ is ignored so a write fails with EFBIG
// instead of killing the test.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    old_handler_ = ::signal(SIGXFSZ, SIG_IGN);
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    ::signal(SIGXFSZ, old_handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit saved_{};
  sighandler_t old_handler_;
};

}  // namespace

TEST_CASE("an atomic write replaces the content and leaves no temporary file", "[output]") {
  const fs::path dir = fresh_folder("replace");
  const fs::path file = dir / "timeline.csv";
  write_file_atomically(file, "first version, longer than the second\n");
  write_file_atomically(file, "second\n");
  CHECK(read(file) == "second\n");
  CHECK(entries(dir) == std::set<std::string>{"timeline.csv"});
}

TEST_CASE("an atomic write creates missing parent folders", "[output]") {
  const fs::path dir = fresh_folder("parents");
  const fs::path file = dir / "runs" / "r0001" / "manifest.json";
  write_file_atomically(file, "{}\n");
  CHECK(read(file) == "{}\n");
}

TEST_CASE("an atomic write under a regular file fails with a message naming the path", "[output]") {
  const fs::path dir = fresh_folder("under_file");
  write_file_atomically(dir / "plain", "not a folder\n");
  const fs::path file = dir / "plain" / "out.csv";
  try {
    write_file_atomically(file, "x\n");
    FAIL("expected std::runtime_error");
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    CHECK_THAT(message, Catch::Contains(file.string()));
    CHECK_THAT(message, Catch::Contains("Not a directory") || Catch::Contains("File exists"));
  }
  CHECK(read(dir / "plain") == "not a folder\n");
}

TEST_CASE("a failed atomic write keeps the old file and removes its temporary file", "[output]") {
  const fs::path dir = fresh_folder("failed");
  const fs::path file = dir / "participation.csv";
  write_file_atomically(file, "old\n");
  const std::string big(4096, 'x');
  try {
    const FileSizeLimit limit(100);
    write_file_atomically(file, big);
    FAIL("expected std::runtime_error");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains(file.string()) && Catch::Contains("File too large"));
  }
  CHECK(read(file) == "old\n");
  CHECK(entries(dir) == std::set<std::string>{"participation.csv"});
}

TEST_CASE("an atomic write over a folder fails and leaves the folder alone", "[output]") {
  const fs::path dir = fresh_folder("over_folder");
  fs::create_directories(dir / "taken" / "inside");
  CHECK_THROWS_AS(write_file_atomically(dir / "taken", "x\n"), std::runtime_error);
  CHECK(fs::is_directory(dir / "taken" / "inside"));
  CHECK(entries(dir) == std::set<std::string>{"taken"});
}

TEST_CASE("a deferred atomic write replaces the content and leaves no temporary file, and a file system sync flushes it", "[output]") {
  const fs::path dir = fresh_folder("deferred");
  const fs::path file = dir / "table.csv";
  gcmsim::output::write_file_atomically(file, "first\n", gcmsim::output::Durability::deferred);
  gcmsim::output::write_file_atomically(file, "second\n", gcmsim::output::Durability::deferred);
  gcmsim::output::sync_file_system(dir);
  CHECK(read(file) == "second\n");
  CHECK(entries(dir) == std::set<std::string>{"table.csv"});
  CHECK_THROWS_AS(gcmsim::output::sync_file_system(dir / "absent"), std::runtime_error);
}
