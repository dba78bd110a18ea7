// Nothing of the user's is deleted or overwritten (issue 25): run, compare, sweep and calibrate
// replace or remove only what their folder's ledger says gcmsim wrote, never through a symbolic
// link, and refuse (exit 2, naming it) a folder holding the user's files where the outputs go.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;
using Catch::Contains;
namespace fs = std::filesystem;

TEST_CASE("a rerun keeps a user's rep-2024/ and gantt.png in the output folder and names them", "[cli][user-files]") {
  const std::string dir = out_dir("user-rep-folder");
  REQUIRE(run_gcmsim("run -q -r 2 -j 1 -o " + dir).exit_code == 0);
  fs::create_directories(dir + "/rep-2024");
  std::ofstream(dir + "/rep-2024/notes.txt") << "my notes\n";
  std::ofstream(dir + "/gantt.png") << "my drawing";

  for (const std::string force : {"", " --force"}) {
    const auto again = run_gcmsim("run -q -r 2 -j 1 -o " + dir + force);
    INFO(again.err);
    REQUIRE(again.exit_code == 2);
    REQUIRE_THAT(again.err, Contains("gcmsim did not write"));
    REQUIRE_THAT(again.err, Contains("rep-2024"));
    REQUIRE_THAT(again.err, Contains("gantt.png"));
  }
  REQUIRE(read_text(dir + "/rep-2024/notes.txt") == "my notes\n");
  REQUIRE(read_text(dir + "/gantt.png") == "my drawing");
  REQUIRE(fs::exists(dir + "/rep-0001/manifest.json"));

  // Once they are moved away, the same run goes ahead.
  fs::remove_all(dir + "/rep-2024");
  fs::remove(dir + "/gantt.png");
  REQUIRE(run_gcmsim("run -q -r 2 -j 1 -o " + dir).exit_code == 0);
}

TEST_CASE("a file of the user's inside a replication folder stops --force from removing that folder", "[cli][user-files]") {
  const std::string dir = out_dir("user-file-in-rep");
  REQUIRE(run_gcmsim("run -q -r 2 -j 1 -o " + dir).exit_code == 0);
  std::ofstream(dir + "/rep-0001/analysis.R") << "mine\n";
  const auto forced = run_gcmsim("run -q -r 3 -j 1 --force -o " + dir);
  REQUIRE(forced.exit_code == 2);
  REQUIRE_THAT(forced.err, Contains("rep-0001/analysis.R"));
  REQUIRE(read_text(dir + "/rep-0001/analysis.R") == "mine\n");
}

TEST_CASE("a run with --force never follows a symbolic link named like a replication folder", "[cli][user-files]") {
  const std::string dir = out_dir("symlinked-rep");
  const std::string elsewhere = out_dir("symlinked-rep-target");
  fs::create_directories(elsewhere);
  std::ofstream(elsewhere + "/precious.txt") << "keep\n";
  std::ofstream(elsewhere + "/.timeline.csv.1.2.tmp") << "looks like a leftover\n";
  REQUIRE(run_gcmsim("run -q -r 2 -j 1 -o " + dir).exit_code == 0);
  fs::remove_all(dir + "/rep-0000");
  fs::create_directory_symlink(elsewhere, dir + "/rep-0000");

  const auto forced = run_gcmsim("run -q -r 2 -j 1 --force -o " + dir);
  INFO(forced.err);
  REQUIRE(forced.exit_code == 2);
  REQUIRE_THAT(forced.err, Contains("rep-0000"));
  REQUIRE(fs::is_symlink(dir + "/rep-0000"));
  REQUIRE(read_text(elsewhere + "/precious.txt") == "keep\n");
  REQUIRE(read_text(elsewhere + "/.timeline.csv.1.2.tmp") == "looks like a leftover\n");
}

TEST_CASE("a folder that holds the user's timeline.csv is refused before anything runs", "[cli][user-files]") {
  const std::string dir = out_dir("user-timeline");
  fs::create_directories(dir);
  std::ofstream(dir + "/timeline.csv") << "my,own,table\n";
  const auto r = run_gcmsim("run -q -o " + dir);
  REQUIRE(r.exit_code == 2);
  REQUIRE_THAT(r.err, Contains("timeline.csv"));
  REQUIRE(read_text(dir + "/timeline.csv") == "my,own,table\n");
  REQUIRE_FALSE(fs::exists(dir + "/manifest.json"));
}

TEST_CASE("compare never replaces a compare.csv it did not write", "[cli][user-files]") {
  const std::string dir = out_dir("user-compare");
  fs::create_directories(dir);
  std::ofstream(dir + "/compare.csv") << "mine\n";
  const auto r = run_gcmsim("compare -r 2 -q -o " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 2);
  REQUIRE_THAT(r.err, Contains("compare.csv"));
  REQUIRE(read_text(dir + "/compare.csv") == "mine\n");
}

TEST_CASE("sweep -o refuses a folder that is not a sweep folder, and a file", "[cli][user-files]") {
  const std::string dir = out_dir("user-design");
  fs::create_directories(dir);
  std::ofstream(dir + "/design.csv") << "my design\n";
  const auto r = run_gcmsim("sweep tests/experiments/fixtures/classroom-grid.yaml -r 1 -j 1 -o " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 2);
  REQUIRE_THAT(r.err, Contains("design.csv"));
  REQUIRE(read_text(dir + "/design.csv") == "my design\n");
  REQUIRE_FALSE(fs::exists(dir + "/sweep.json"));

  const std::string file = out_dir("sweep-out-is-a-file");
  std::ofstream(file) << "not a folder\n";
  const auto f = run_gcmsim("sweep tests/experiments/fixtures/classroom-grid.yaml -r 1 -j 1 -o " + file);
  REQUIRE(f.exit_code == 2);
  REQUIRE_THAT(f.err, Contains("is a file, not a folder"));
  REQUIRE(read_text(file) == "not a folder\n");
}
