// Faults leave nothing behind (issue 25): a full disk (a small tmpfs this test mounts; CI runs as
// root, and the test fails if it cannot mount), a read-only folder, kill -9 at random moments, and
// the temporary files of a killed table writer. After each, the folder holds complete outputs or
// none, and the same command again succeeds without --force.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

// A tmpfs of `size` mounted on a fresh folder, unmounted when the test ends.
class SmallDisk {
 public:
  SmallDisk(const std::string& name, const std::string& size) : dir_(out_dir(name)) {
    fs::create_directories(dir_);
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, ("size=" + size).c_str()) != 0) {
      FAIL("cannot mount a tmpfs on " << dir_ << " (" << std::strerror(errno) << "): this test needs root, as CI has");
    }
  }
  ~SmallDisk() { ::umount2(dir_.c_str(), MNT_DETACH); }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  const std::string& path() const { return dir_; }
  void remount(const std::string& options) {
    REQUIRE(::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT | (options == "ro" ? MS_RDONLY : 0),
                    options == "ro" ? nullptr : options.c_str()) == 0);
  }

 private:
  std::string dir_;
};

// What a failed or killed command may not leave: temporary files, partial folders, a run's files
// without their manifest.
std::vector<std::string> remains(const fs::path& dir) {
  std::vector<std::string> found;
  if (!fs::exists(dir)) return found;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.find(".tmp") != std::string::npos || name.find(".partial") != std::string::npos) found.push_back(name);
  }
  const bool manifest = fs::exists(dir / "manifest.json");
  for (const char* csv : {"timeline.csv", "participation.csv", "positions.csv"}) {
    if (!manifest && fs::exists(dir / csv)) found.push_back(std::string(csv) + " without manifest.json");
  }
  return found;
}

// The bytes one replication of the baseline writes, measured (outputs change size as the writers
// change: 4 MB, then 1.35 MB, then 0.35 MB), so that the small disks below are sized in
// replications rather than in a figure that goes stale.
std::uintmax_t replication_bytes() {
  const std::string out = out_dir("enospc-measure");
  fs::remove_all(out);
  const auto r = run_gcmsim("run -q -r 1 -o " + out);
  REQUIRE(r.exit_code == 0);
  std::uintmax_t bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (e.is_regular_file()) bytes += e.file_size();
  }
  REQUIRE(bytes > 100000);
  return bytes;
}

// A tmpfs size, in KiB, of `replications` times one replication's bytes.
std::string kib(double replications) {
  return fmt::format("{}k", static_cast<std::uintmax_t>(replications * static_cast<double>(replication_bytes()) / 1024.0));
}

int start(const std::string& args) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::chdir(GCMSIM_SOURCE_DIR);
    const std::string command = fmt::format("exec '{}' {} >/dev/null 2>&1 </dev/null", GCMSIM_BINARY, args);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

}  // namespace

TEST_CASE("after ENOSPC a run leaves a complete replication or nothing, and the rerun needs no --force", "[cli][faults]") {
  SmallDisk disk("enospc", kib(0.5));  // half a replication of the baseline
  const std::string out = disk.path() + "/out";
  const auto full = run_gcmsim("run -q -r 1 -o " + out);
  INFO(full.err);
  CHECK(full.exit_code == 1);
  CHECK_THAT(full.err, Contains("No space left on device"));
  CHECK(remains(out).empty());
  CHECK_FALSE(fs::exists(out + "/timeline.csv"));

  disk.remount("size=64m");
  const auto again = run_gcmsim("run -q -r 1 -o " + out);
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK(fs::exists(out + "/manifest.json"));
  CHECK(remains(out).empty());
}

TEST_CASE("after ENOSPC during replications the folder keeps complete replications only and resumes", "[cli][faults]") {
  SmallDisk disk("enospc-reps", kib(2.5));  // two replications fit, not four
  const std::string out = disk.path() + "/out";
  const auto full = run_gcmsim("run -q -r 4 -j 1 -o " + out);
  CHECK(full.exit_code == 1);
  for (const auto& e : fs::directory_iterator(out)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("rep-", 0) == 0) CHECK(fs::exists(e.path() / "manifest.json"));
  }
  disk.remount("size=64m");
  const auto again = run_gcmsim("run -q -r 4 -j 1 -o " + out);
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK(fs::exists(out + "/summary.csv"));
  CHECK(remains(out).empty());
}

TEST_CASE("a read-only folder is refused before the run, with exit 2", "[cli][faults]") {
  SmallDisk disk("read-only", "4m");
  fs::create_directories(disk.path() + "/out");
  disk.remount("ro");
  const auto r = run_gcmsim("run -q -o " + disk.path() + "/out");
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("cannot write into the folder"));
}

TEST_CASE("kill -9 at random moments of run -r 6 leaves nothing the rerun needs --force for", "[cli][faults]") {
  const std::string out = out_dir("kill-run");
  std::mt19937 rng(25);
  for (int trial = 0; trial < 4; ++trial) {
    const int pid = start("run -q -r 6 -j 2 -o " + out);
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(200, 2500)(rng)));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  const auto again = run_gcmsim("run -q -r 6 -j 2 -o " + out);
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK(remains(out).empty());
  CHECK(fs::exists(out + "/summary.csv"));
}

TEST_CASE("the temporary files of a table writer killed mid-way are removed by the next command on the folder", "[cli][faults]") {
  const std::string out = out_dir("kill-tables");
  const std::string grid = "tests/experiments/fixtures/classroom-grid.yaml";
  REQUIRE(run_gcmsim(fmt::format("sweep {} -o {} -j 1 -r 1", grid, out)).exit_code == 0);
  // What kill -9 while runs.csv and points.csv are streamed leaves (StreamedFile's names).
  std::ofstream(out + "/.runs.csv.4242.tmp") << std::string(100000, 'x');
  std::ofstream(out + "/.points.csv.4242.tmp") << "half a table";
  std::ofstream(out + "/.mine.csv.4242.tmp") << "not gcmsim's";  // not a name gcmsim wrote: kept
  const auto merged = run_gcmsim("sweep merge " + out);
  INFO(merged.err);
  CHECK(merged.exit_code == 0);
  CHECK_FALSE(fs::exists(out + "/.runs.csv.4242.tmp"));
  CHECK_FALSE(fs::exists(out + "/.points.csv.4242.tmp"));
  CHECK(fs::exists(out + "/.mine.csv.4242.tmp"));
}
