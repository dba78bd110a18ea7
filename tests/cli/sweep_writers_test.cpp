// One writer per sweep folder, a corrupt journal record skipped and redone, and a merge that
// checks its journals' headers (issue 25). End to end on the classroom grid.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "tests/cli/run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

const std::string kGrid = "tests/experiments/fixtures/classroom-grid.yaml";

void write_text(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// Runs `command` in a shell from the source folder; returns its exit status.
int shell(const std::string& command) {
  const int status = std::system(fmt::format("cd '{}' && {}", GCMSIM_SOURCE_DIR, command).c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("a second writer into a sweep folder is refused with exit 2, naming the holder's pid") {
  const std::string dir = out_dir("held");
  REQUIRE(run_gcmsim(fmt::format("sweep {} -o {} -j 1 -r 1", kGrid, dir)).exit_code == 0);
  // This test holds the folder's lock as a running gcmsim would.
  const int fd = ::open((dir + "/.gcmsim.lock").c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  for (const std::string& command : {fmt::format("sweep {} -o {} -j 1 -r 1", kGrid, dir), "sweep merge " + dir,
                                     fmt::format("run -q -o {}", dir)}) {
    const auto r = run_gcmsim(command);
    INFO(command << "\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("another gcmsim is writing"));
    CHECK_THAT(r.err, Contains(fmt::format("pid {}", ::getpid())));
  }
  ::close(fd);
  CHECK(run_gcmsim(fmt::format("sweep {} -o {} -j 1 -r 1", kGrid, dir)).exit_code == 0);
}

TEST_CASE("two sweep -j2 into one folder at once: one runs, the other is refused, and the folder stays sound") {
  const std::string reference = out_dir("two-reference");
  REQUIRE(run_gcmsim(fmt::format("sweep {} -o {} -j 2 -r 40", kGrid, reference)).exit_code == 0);
  const std::string dir = out_dir("two");
  const std::string bin = GCMSIM_BINARY;
  const std::string one = fmt::format("'{}' sweep {} -o {} -j 2 -r 40 >/dev/null 2>{}", bin, kGrid, dir, dir + ".a.err");
  const std::string two = fmt::format("'{}' sweep {} -o {} -j 2 -r 40 >/dev/null 2>{}", bin, kGrid, dir, dir + ".b.err");
  // Both started together; their exit codes are written where the test reads them.
  REQUIRE(shell(fmt::format("{{ ({}; echo $? >{}.a) & ({}; echo $? >{}.b) & wait; }}", one, dir, two, dir)) == 0);
  const std::string a = read_text(dir + ".a"), b = read_text(dir + ".b");
  INFO("exit codes " << a << b << read_text(dir + ".a.err") << read_text(dir + ".b.err"));
  // Never a failure: each one either ran (alone, or after the other had finished) or was refused.
  CHECK((a == "0\n" || a == "2\n"));
  CHECK((b == "0\n" || b == "2\n"));
  CHECK((a == "0\n" || b == "0\n"));
  if (a == "2\n") CHECK_THAT(read_text(dir + ".a.err"), Contains("another gcmsim is writing"));
  if (b == "2\n") CHECK_THAT(read_text(dir + ".b.err"), Contains("another gcmsim is writing"));
  // And the folder resumes, and its tables are those of a sweep run alone.
  const auto resumed = run_gcmsim(fmt::format("sweep {} -o {} -j 2 -r 40 --resume", kGrid, dir));
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(read_text(dir + "/runs.csv") == read_text(reference + "/runs.csv"));
  CHECK(read_text(dir + "/points.csv") == read_text(reference + "/points.csv"));
}

TEST_CASE("a flipped bit in a journal record is skipped with a message and its run is redone") {
  const std::string reference = out_dir("flip-reference");
  REQUIRE(run_gcmsim(fmt::format("sweep {} -o {} -j 1 -r 3", kGrid, reference)).exit_code == 0);
  const std::string dir = out_dir("flip");
  REQUIRE(run_gcmsim(fmt::format("sweep {} -o {} -j 1 -r 3", kGrid, dir)).exit_code == 0);
  const std::string journal = dir + "/journal-0-of-1.txt";
  std::string text = read_text(journal);
  // The third record (line 4), a digit of its seed field turned into another.
  std::size_t at = 0;
  for (int line = 0; line < 3; ++line) at = text.find('\n', at) + 1;
  const std::size_t field = text.find(' ', text.find(' ', text.find(' ', at) + 1) + 1) + 1;
  text[field] ^= 0x01;
  write_text(journal, text);

  const auto merged = run_gcmsim("sweep merge " + dir);
  CHECK(merged.exit_code != 0);
  CHECK_THAT(merged.err, Contains("journal-0-of-1.txt:4: corrupt journal record"));

  const auto rerun = run_gcmsim(fmt::format("sweep {} -o {} -j 1 -r 3", kGrid, dir));
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK_THAT(rerun.err, Contains("journal-0-of-1.txt:4: corrupt journal record"));
  CHECK_THAT(rerun.err, Contains("skipped"));
  CHECK_THAT(rerun.out, Contains("1 run now"));
  CHECK(read_text(dir + "/runs.csv") == read_text(reference + "/runs.csv"));
  // Still recoverable the next time.
  REQUIRE(run_gcmsim(fmt::format("sweep {} -o {} -j 1 -r 3 --resume", kGrid, dir)).exit_code == 0);
  CHECK(read_text(dir + "/runs.csv") == read_text(reference + "/runs.csv"));
}

TEST_CASE("sweep merge refuses a journal header whose shard is out of range, without crashing") {
  const std::string dir = out_dir("bad-header");
  REQUIRE(run_gcmsim(fmt::format("sweep {} -o {} -j 1 -r 1 --shard 0/2", kGrid, dir)).exit_code == 0);
  REQUIRE(run_gcmsim(fmt::format("sweep {} -o {} -j 1 -r 1 --shard 1/2", kGrid, dir)).exit_code == 0);
  const std::string journal = dir + "/journal-1-of-2.txt";
  std::string text = read_text(journal);
  const std::size_t at = text.find("shard 1 of 2");
  REQUIRE(at != std::string::npos);
  text.replace(at, 12, "shard 9999999 of 2");
  write_text(journal, text);
  const auto r = run_gcmsim("sweep merge " + dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("journal-1-of-2.txt:1:"));
  CHECK_THAT(r.err, Contains("shard 9999999 of 2"));
}

TEST_CASE("a shard count beyond the sweep's runs is refused before it runs, and merge never crashes on one") {
  const std::string dir = out_dir("huge-shard");
  const auto r = run_gcmsim(fmt::format("sweep {} -o {} -j 1 -r 1 --shard 1/18446744073709551615", kGrid, dir));
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--shard"));
  const auto too_big = run_gcmsim(fmt::format("sweep {} -o {} -j 1 -r 1 --shard 1/18446744073709551616", kGrid, dir));
  CHECK(too_big.exit_code == 2);
  const auto merged = run_gcmsim("sweep merge " + dir);
  CHECK(merged.exit_code == 2);  // nothing ran: not a sweep folder gcmsim finished claiming
}
