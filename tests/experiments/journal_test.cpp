// The journal: records read back exactly; a torn last line is discarded, a corrupt record elsewhere
// is skipped and named (its run is then run again).
#include <atomic>
#include <filesystem>
#include <fstream>
#include <limits>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include "engine/file_calls.hpp"
#include "experiments/journal.hpp"
#include "experiments/run_series.hpp"

namespace ex = gcmsim::experiments;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("gcmsim-journal-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

ex::JournalRecord record(std::size_t run) {
  return {run, run % 3, run / 3, 2017, {0.1 * static_cast<double>(run), std::nullopt, 1.0 / 3.0}};
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("a journal record reads back the same doubles, missing values included") {
  const ex::JournalRecord r{7, 1, 2, 99, {std::numeric_limits<double>::denorm_min(), std::nullopt, -1e300, 0.1 + 0.2}};
  const std::string line = ex::format_record(r);
  const auto back = ex::parse_record(std::string_view(line).substr(0, line.size() - 1), 4);
  REQUIRE(back);
  CHECK(back->run == 7);
  CHECK(back->values == r.values);
  CHECK_FALSE(ex::parse_record(std::string_view(line).substr(0, line.size() - 3), 4));  // cut short
  std::string flipped = line.substr(0, line.size() - 1);
  flipped[2] = '8';
  CHECK_FALSE(ex::parse_record(flipped, 4));  // a changed digit fails the checksum
}

TEST_CASE("a torn last line is discarded and cut off before the journal is appended again") {
  const fs::path dir = fresh_dir("torn");
  const ex::Shard shard{0, 1};
  const fs::path path = ex::journal_path(dir, shard);
  const ex::JournalHeader header{"abc", shard, 9, 3};
  {
    ex::JournalWriter w(path, header, nullptr, 2);
    for (std::size_t r = 0; r < 4; ++r) w.append(record(r));
  }
  const std::string whole = read(path);
  // A kill in the middle of writing the fifth record.
  std::ofstream(path, std::ios::app | std::ios::binary) << ex::format_record(record(4)).substr(0, 9);
  ex::JournalContents c = ex::read_journal(path);
  CHECK(c.torn_tail);
  CHECK(c.records.size() == 4);
  CHECK(c.intact_bytes == whole.size());
  {
    ex::JournalWriter w(path, header, &c, 2);
    w.append(record(4));
  }
  c = ex::read_journal(path);
  CHECK_FALSE(c.torn_tail);
  REQUIRE(c.records.size() == 5);
  CHECK(read(path) == whole + ex::format_record(record(4)));
}

TEST_CASE("a damaged record that is not the last line is skipped and reported with its line") {
  const fs::path dir = fresh_dir("corrupt");
  const ex::Shard shard{1, 4};
  const fs::path path = ex::journal_path(dir, shard);
  {
    ex::JournalWriter w(path, {"abc", shard, 9, 3}, nullptr);
    for (std::size_t r = 1; r < 9; r += 4) w.append(record(r));
  }
  std::string text = read(path);
  const std::size_t second = text.find('\n') + 1;
  text[second] = '3';
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  const ex::JournalContents c = ex::read_journal(path);
  REQUIRE(c.skipped.size() == 1);
  CHECK_THAT(c.skipped[0], Catch::Contains("journal-1-of-4.txt:2: corrupt journal record"));
  REQUIRE(c.records.size() == 1);
  CHECK(c.records[0].run == 5);
  CHECK(c.intact_bytes == text.size());
  CHECK_FALSE(c.torn_tail);
}

TEST_CASE("a journal header with a shard out of range or a number that does not fit is refused, not wrapped") {
  for (const std::string header : {"gcmsim-sweep-journal 1 abc shard 9999999 of 2 runs 4 metrics 1",
                                   "gcmsim-sweep-journal 1 abc shard 0 of 18446744073709551616 runs 4 metrics 1",
                                   "gcmsim-sweep-journal 1 abc shard -1 of 2 runs 4 metrics 1",
                                   "gcmsim-sweep-journal 1 abc shard 0 of 2 runs 4 metrics 1 extra"}) {
    INFO(header);
    CHECK_THROWS_AS(ex::parse_header(header, "j.txt"), std::invalid_argument);
  }
  CHECK(ex::parse_header("gcmsim-sweep-journal 1 abc shard 1 of 2 runs 4 metrics 1", "j.txt").shard.index == 1);
}

TEST_CASE("shards split the runs by index: every run belongs to exactly one") {
  std::vector<int> owners(50, 0);
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t r = 0; r < 50; ++r) owners[r] += ex::Shard{i, 4}.owns(r) ? 1 : 0;
  }
  for (const int o : owners) CHECK(o == 1);
}

TEST_CASE("a record's value texts are the journal's own, for the tables to copy") {
  const ex::JournalRecord r{3, 0, 1, 5, {0.1, std::nullopt, 1e-7, 12345678901234567.0}};
  const std::string line = ex::format_record(r);
  std::vector<std::string_view> texts;
  const auto back = ex::parse_record(std::string_view(line).substr(0, line.size() - 1), 4, &texts);
  REQUIRE(back);
  REQUIRE(texts.size() == 4);
  CHECK(texts[0] == "0.1");
  CHECK(texts[1] == "-");
  CHECK(texts[2] == fmt::format("{}", 1e-7));
  CHECK(texts[3] == fmt::format("{}", 12345678901234567.0));
  // One value too many or too few is not a record of 4 values.
  CHECK_FALSE(ex::parse_record(std::string_view(line).substr(0, line.size() - 1), 3));
  CHECK_FALSE(ex::parse_record(std::string_view(line).substr(0, line.size() - 1), 5));
}

TEST_CASE("the journal syncs in batches on its own thread, after what the records point to") {
  const fs::path dir = fresh_dir("batches");
  const ex::Shard shard{0, 1};
  const fs::path path = ex::journal_path(dir, shard);
  std::atomic<int> hooks{0};
  std::atomic<std::uint64_t> seen_bytes{0};
  {
    // The hook sees the journal as it stands when a batch is synced: whole records, at least one batch.
    ex::JournalWriter w(path, {"abc", shard, 9, 3}, nullptr, 3, [&] {
      ++hooks;
      seen_bytes = fs::file_size(path);
    });
    for (std::size_t r = 0; r < 7; ++r) w.append(record(r));
    w.sync();
    const int after_sync = hooks.load();
    CHECK(after_sync >= 1);   // batches may coalesce while the disk is busy, but sync() waits for one
    CHECK(after_sync <= 3);   // 7 records in batches of 3, and the final sync
    CHECK(seen_bytes.load() == fs::file_size(path));  // the last hook ran after the 7th record was written
    w.sync();  // nothing new: returns without another batch
    CHECK(hooks.load() == after_sync);
  }
  const ex::JournalContents c = ex::read_journal(path);
  CHECK(c.records.size() == 7);
  CHECK_FALSE(c.torn_tail);
}

TEST_CASE("a failed sync is reported by the next append or sync, not lost") {
  const fs::path dir = fresh_dir("failed-sync");
  const ex::Shard shard{0, 1};
  const fs::path path = ex::journal_path(dir, shard);
  ex::JournalWriter w(path, {"abc", shard, 9, 3}, nullptr, 1, [] { throw std::runtime_error("the kept runs' disk is full"); });
  w.append(record(0));  // wakes the syncing thread, which fails
  CHECK_THROWS_WITH(w.sync(), Catch::Contains("the kept runs' disk is full"));
  CHECK_THROWS_WITH(w.append(record(1)), Catch::Contains("the kept runs' disk is full"));
}

TEST_CASE("a record's series follow its metrics after '|', checksummed with them, and read back exactly") {
  ex::JournalRecord r{4, 1, 0, 7, {0.5, std::nullopt}};
  r.series = {2, 0.25, 1.0 / 3.0, 1.5, 7e-9, 0};  // two series: one of two points, one empty
  const std::string line = ex::format_record(r);
  CHECK(line.find(" | 2 0.25 ") != std::string::npos);
  const std::string body = line.substr(0, line.size() - 1);
  const auto back = ex::parse_record(body, 2, nullptr, true);
  REQUIRE(back);
  CHECK(back->series == r.series);
  CHECK_FALSE(back->values[1]);
  const auto without = ex::parse_record(body, 2);
  REQUIRE(without);
  CHECK(without->series.empty());  // the tables do not need them
  std::string torn = body;
  torn[torn.find(" | 2") + 3] = '3';  // a changed series fails the checksum
  CHECK_FALSE(ex::parse_record(torn, 2, nullptr, true));
  const auto parts = ex::split_series(r.series, 2);
  REQUIRE(parts);
  CHECK((*parts)[0].size() == 2);
  CHECK((*parts)[0][1].day == 1.5);
  CHECK((*parts)[1].empty());
  CHECK_FALSE(ex::split_series(r.series, 3));
}

namespace {
ssize_t at_most_five_bytes(int fd, const void* data, std::size_t size) { return ::write(fd, data, std::min<std::size_t>(size, 5)); }
int plain_fsync(int fd) { return ::fsync(fd); }
}  // namespace

TEST_CASE("journal records written through short writes read back whole (issue 25, injected)", "[experiments][journal][faults]") {
  const fs::path dir = fs::path(GCMSIM_TEST_TMP) / "journal-short-writes";
  fs::remove_all(dir);
  fs::create_directories(dir);
  ex::JournalHeader header{"abc123", {0, 1}, 40, 2, 0};
  {
    gcmsim::FileCallsForTesting faults({&at_most_five_bytes, &plain_fsync});
    ex::JournalWriter writer(ex::journal_path(dir, header.shard), header, nullptr, 8);
    for (std::size_t r = 0; r < 40; ++r) writer.append({r, r / 4, r % 4, 1000 + r, {0.5 + static_cast<double>(r), std::nullopt}});
    writer.sync();
  }
  const ex::JournalContents read = ex::read_journal(ex::journal_path(dir, header.shard));
  CHECK(read.records.size() == 40);
  CHECK(read.skipped.empty());
  CHECK_FALSE(read.torn_tail);
}
