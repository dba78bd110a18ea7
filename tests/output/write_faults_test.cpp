// Faults a disk produces, injected through engine/file_calls.hpp (issue 25): short writes are
// continued to the last byte; an EIO on a write or a failing fsync leaves the previous file whole
// and no temporary file; a replication written while the disk fails is complete or absent, and the
// next write into the same folder succeeds.
#include <catch2/catch.hpp>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "engine/file_calls.hpp"
#include "models/run/simulate.hpp"
#include "output/atomic_file.hpp"
#include "output/manifest.hpp"
#include "output/run_folder.hpp"
#include "output/run_writer.hpp"

namespace fs = std::filesystem;
using gcmsim::FileCalls;
using gcmsim::FileCallsForTesting;

namespace {

fs::path fresh_folder(const std::string& name) {
  const fs::path dir = fs::path(GCMSIM_TEST_TMP) / "write_faults" / name;
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

std::size_t temporaries(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.path().extension() == ".tmp";
  return n;
}

// The injected calls: at most 3 bytes per write; or EIO from the write numbered `fail_at` on.
int g_writes = 0;
int g_fail_at = 0;
ssize_t three_bytes(int fd, const void* data, std::size_t size) { return ::write(fd, data, std::min<std::size_t>(size, 3)); }
ssize_t eio_from(int fd, const void* data, std::size_t size) {
  if (++g_writes >= g_fail_at) {
    errno = EIO;
    return -1;
  }
  return ::write(fd, data, size);
}
int fsync_fails(int) {
  errno = EIO;
  return -1;
}
int fsync_ok(int fd) { return ::fsync(fd); }

}  // namespace

TEST_CASE("short writes are continued to the last byte", "[output][faults]") {
  const fs::path dir = fresh_folder("short");
  std::string content;
  for (int i = 0; i < 2000; ++i) content += "line " + std::to_string(i) + ",é,\n";
  {
    FileCallsForTesting faults(FileCalls{&three_bytes, &fsync_ok});
    gcmsim::output::write_file_atomically(dir / "t.csv", content);
  }
  CHECK(read(dir / "t.csv") == content);
  CHECK(temporaries(dir) == 0);
}

TEST_CASE("EIO on a write or on fsync keeps the previous file whole and leaves no temporary file", "[output][faults]") {
  const fs::path dir = fresh_folder("eio");
  gcmsim::output::write_file_atomically(dir / "t.csv", "the previous content\n");
  g_writes = 0;
  g_fail_at = 1;
  {
    FileCallsForTesting faults(FileCalls{&eio_from, &fsync_ok});
    REQUIRE_THROWS_WITH(gcmsim::output::write_file_atomically(dir / "t.csv", "new"),
                        Catch::Contains("cannot write the temporary file") && Catch::Contains("Input/output error"));
  }
  {
    FileCallsForTesting faults(FileCalls{&three_bytes, &fsync_fails});
    REQUIRE_THROWS_WITH(gcmsim::output::write_file_atomically(dir / "t.csv", "new"), Catch::Contains("cannot flush"));
  }
  CHECK(read(dir / "t.csv") == "the previous content\n");
  CHECK(temporaries(dir) == 0);
}

TEST_CASE("a replication written while the disk fails is complete or absent, and the next write succeeds", "[output][faults]") {
  auto prepared = gcmsim::sim::prepare({std::string(GCMSIM_SOURCE_DIR) + "/scenarios/classroom.yaml", {}, {}});
  REQUIRE(prepared.ok());
  const auto& p = *prepared.scenario;
  const auto results = gcmsim::sim::simulate(p, gcmsim::sim::RunSpec{2018, 0, nullptr, nullptr, nullptr});
  const auto manifest = gcmsim::output::manifest_info(p, results, 2, 0.0);
  // EIO at each write in turn (until one replication needs fewer writes than the fault's number):
  // never a rep-0000/ without every file.
  int faults = 0;
  for (int fail_at = 1;; ++fail_at) {
    const fs::path dir = fresh_folder("replication-" + std::to_string(fail_at));
    g_writes = 0;
    g_fail_at = fail_at;
    bool failed = false;
    {
      FileCallsForTesting faults_on(FileCalls{&eio_from, &fsync_ok});
      gcmsim::output::ReplicationWriter writer(dir, 1);
      try {
        writer.write(p, results, manifest);
        writer.finish();
      } catch (const std::runtime_error& e) {
        failed = true;
        CHECK_THAT(e.what(), Catch::Contains("Input/output error"));
      }
    }
    INFO("EIO at write " << fail_at);
    if (!failed) {
      CHECK(fs::exists(dir / "rep-0000" / "manifest.json"));  // every write done before the fault
      break;
    }
    ++faults;
    CHECK_FALSE(fs::exists(dir / "rep-0000"));
    // The disk is well again: the same replication writes in full into the same folder.
    gcmsim::output::ReplicationWriter writer(dir, 1);
    writer.write(p, results, manifest);
    writer.finish();
    CHECK(fs::exists(dir / "rep-0000" / "manifest.json"));
    CHECK(temporaries(dir) == 0);
  }
  CHECK(faults >= 8);  // a replication is a manifest and its tables: each write was a fault once
}
