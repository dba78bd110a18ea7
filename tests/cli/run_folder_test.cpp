#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

// What a kill can leave that no run may keep: temporary files and partial replication folders.
std::vector<std::string> leftovers(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.find(".tmp") != std::string::npos || name.find(".partial") != std::string::npos) found.push_back(name);
    if (e.is_directory() && name.rfind("rep-", 0) == 0 && !fs::exists(e.path() / "manifest.json")) found.push_back(name);
  }
  return found;
}
}  // namespace

TEST_CASE("a run into a folder holding another run's outputs refuses, and --force removes exactly those", "[cli][run]") {
  const std::string dir = out_dir("stale");
  REQUIRE(run_gcmsim("run -q -r 4 -j 2 -o " + dir).exit_code == 0);
  REQUIRE(fs::exists(dir + "/rep-0003/manifest.json"));
  std::ofstream(dir + "/notes.txt") << "mine\n";  // not a run's file: never touched

  const auto refused = run_gcmsim("run -q -r 2 -o " + dir);
  REQUIRE(refused.exit_code == 2);
  REQUIRE_THAT(refused.err, Contains("holds another run's outputs"));
  REQUIRE_THAT(refused.err, Contains("--force"));
  REQUIRE(fs::exists(dir + "/rep-0003"));

  // The same run again is not another run: it rewrites the same files.
  REQUIRE(run_gcmsim("run -q -r 4 -j 2 -o " + dir).exit_code == 0);

  const auto forced = run_gcmsim("run -q -r 2 --force -o " + dir);
  INFO(forced.err);
  REQUIRE(forced.exit_code == 0);
  REQUIRE(fs::exists(dir + "/rep-0000/manifest.json"));
  REQUIRE(fs::exists(dir + "/rep-0001/manifest.json"));
  REQUIRE_FALSE(fs::exists(dir + "/rep-0002"));
  REQUIRE_FALSE(fs::exists(dir + "/rep-0003"));
  REQUIRE(read_text(dir + "/notes.txt") == "mine\n");

  // From many replications to one: the summary and the replication folders go too.
  REQUIRE(run_gcmsim("run -q --force -o " + dir).exit_code == 0);
  REQUIRE_FALSE(fs::exists(dir + "/summary.csv"));
  REQUIRE_FALSE(fs::exists(dir + "/rep-0000"));
  REQUIRE(fs::exists(dir + "/manifest.json"));
}

TEST_CASE("the output folder given by --out is checked before the run: empty or a file", "[cli][run]") {
  const auto empty = run_gcmsim("run -q -o ''");
  REQUIRE(empty.exit_code == 2);
  REQUIRE_THAT(empty.err, Contains("--out: the output folder is empty"));
  const std::string file = out_dir("out-is-a-file");
  std::ofstream(file) << "x";
  const auto is_file = run_gcmsim("run -q -o " + file);
  REQUIRE(is_file.exit_code == 2);
  REQUIRE_THAT(is_file.err, Contains("is a file, not a folder"));
  const auto zero = run_gcmsim("run -q -r 0 -o " + out_dir("zero"));
  REQUIRE(zero.exit_code == 2);
  REQUIRE_THAT(zero.err, Contains("--replications 0: a run needs at least one replication"));
}

TEST_CASE("kill -9 at any moment leaves no temporary file and no incomplete replication once the next run is done",
          "[cli][run][kill]") {
  const std::string dir = out_dir("killed");
  // The moments scale with this machine's speed (as the sweep's kill test does): a complete run of
  // the same command is timed first, and the kills fall early (first folders), a quarter and half
  // way through it, so the run is still going when killed on a fast machine and a slow one alike.
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(run_gcmsim("run -q -r 200 -j 2 --force -o " + out_dir("killed-timed")).exit_code == 0);
  const auto full = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  // A moment is tried again at half the delay when the run had already finished (the timed run
  // was slowed by a busy machine and this one was not): each moment must end in a kill.
  const auto run_killed_after = [&](std::chrono::milliseconds delay) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::chdir(GCMSIM_SOURCE_DIR);
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, 0);
      ::dup2(null, 1);
      ::dup2(null, 2);
      ::execl(GCMSIM_BINARY, GCMSIM_BINARY, "run", "-q", "-r", "200", "-j", "2", "--force", "-o", dir.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status)) REQUIRE(WEXITSTATUS(status) == 0);  // finished before the kill: a complete run
    return WIFSIGNALED(status);
  };
  for (const double share : {0.05, 0.25, 0.5}) {
    auto delay = std::chrono::milliseconds(static_cast<long>(share * static_cast<double>(full.count())));
    bool killed = run_killed_after(delay);
    for (int attempt = 1; !killed && attempt < 6; ++attempt) {
      delay /= 2;
      killed = run_killed_after(delay);
    }
    INFO("share " << share << ", last delay " << delay.count() << " ms");
    REQUIRE(killed);
  }
  // The same command again cleans what the killed run left (its own leftovers) and completes.
  const auto again = run_gcmsim("run -q -r 3 --force -o " + dir);
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  REQUIRE(leftovers(dir).empty());
  REQUIRE(fs::exists(dir + "/summary.csv"));
  REQUIRE_FALSE(fs::exists(dir + "/rep-0003"));
}
