// The journal: records read back exactly; a torn last line is discarded, corruption elsewhere is not.
#include <filesystem>
#include <fstream>
#include <limits>

#include <catch2/catch.hpp>

#include "experiments/journal.hpp"

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

TEST_CASE("a damaged record that is not the last line is reported as corruption with its line") {
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
  CHECK_THROWS_WITH(ex::read_journal(path), Catch::Contains("journal-1-of-4.txt:2: corrupt journal record"));
}

TEST_CASE("shards split the runs by index: every run belongs to exactly one") {
  std::vector<int> owners(50, 0);
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t r = 0; r < 50; ++r) owners[r] += ex::Shard{i, 4}.owns(r) ? 1 : 0;
  }
  for (const int o : owners) CHECK(o == 1);
}
