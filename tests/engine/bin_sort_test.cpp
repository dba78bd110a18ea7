#include "engine/bin_sort.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "engine/ladder_queue.hpp"

using namespace gcmsim;

namespace {
// Sorts with BinSort over [lo, lo + max_offset] and checks the result against std::sort.
void check_sorts(std::vector<QueueEntry> in, SimTime lo, std::uint64_t max_offset) {
  std::vector<QueueEntry> out(in.size());
  BinSort::sort(in.data(), in.size(), lo, max_offset, out.data());
  std::sort(in.begin(), in.end());
  for (std::size_t i = 0; i < in.size(); ++i) {
    REQUIRE(out[i].time == in[i].time);
    REQUIRE(out[i].key == in[i].key);
  }
}

std::int8_t random_priority(std::mt19937_64& gen) { return static_cast<std::int8_t>(static_cast<int>(gen() % 5) - 2); }
}  // namespace

TEST_CASE("bin sort orders random runs with ties and priorities exactly", "[bin_sort]") {
  std::mt19937_64 gen(11);
  for (int round = 0; round < 2000; ++round) {
    const std::size_t n = gen() % (BinSort::kMaxEntries + 1);
    const auto lo = static_cast<SimTime>(gen() % 1000000) - 500000;
    const std::uint64_t max_offset = gen() % 3 == 0 ? gen() % 8 : gen() % 100000;  // narrow: many ties
    std::vector<QueueEntry> in;
    for (std::uint32_t i = 0; i < n; ++i) {
      const auto t = lo + static_cast<SimTime>(gen() % (max_offset + 1));
      in.push_back({t, event_key::make(random_priority(gen), gen() % 1000, i)});
    }
    check_sorts(in, lo, max_offset);
  }
}

TEST_CASE("bin sort handles equal times: the priority and then the sequence decide", "[bin_sort]") {
  std::vector<QueueEntry> in;
  for (std::uint32_t i = 0; i < BinSort::kMaxEntries; ++i) {
    in.push_back({7, event_key::make(static_cast<std::int8_t>(i % 3), BinSort::kMaxEntries - i, i)});
  }
  check_sorts(in, 7, 0);   // a range of one tick
  check_sorts(in, 0, 63);  // all in one of 64 bins
}

TEST_CASE("bin sort orders times at both ends of SimTime", "[bin_sort]") {
  const SimTime lo = INT64_MIN;
  const SimTime hi = INT64_MAX;
  const std::vector<SimTime> times{hi, 0, lo, hi - 1, lo + 1, -5, 5, hi, lo, -1};
  std::vector<QueueEntry> in;
  for (std::uint32_t i = 0; i < times.size(); ++i) in.push_back({times[i], event_key::make(0, i, i)});
  check_sorts(in, lo, UINT64_MAX);
  // A range at the top end only.
  std::vector<QueueEntry> top;
  for (std::uint32_t i = 0; i < 40; ++i) top.push_back({hi - static_cast<SimTime>(i % 7), event_key::make(0, i, i)});
  check_sorts(top, hi - 6, 6);
}

TEST_CASE("bin sort takes empty and single-entry runs", "[bin_sort]") {
  check_sorts({}, 0, 0);
  check_sorts({{5, event_key::make(0, 0, 0)}}, 5, 0);
}

TEST_CASE("the ladder's bottom keeps the order either side of the bin sort's limit", "[bin_sort]") {
  // Equal times make one bucket that cannot be split (a width of one tick), so the whole bucket
  // becomes the sorted run: bin-sorted up to kMaxEntries entries, std::sort beyond.
  for (const std::size_t n : {BinSort::kMaxEntries - 1, BinSort::kMaxEntries, BinSort::kMaxEntries + 1}) {
    LadderQueue q;
    std::mt19937_64 gen(n);
    std::vector<QueueEntry> expected;
    std::vector<std::uint32_t> order(n);
    for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), gen);
    for (std::uint32_t i = 0; i < n; ++i) {
      const QueueEntry e{1000, event_key::make(random_priority(gen), order[i], i)};
      q.push(e);
      expected.push_back(e);
    }
    std::sort(expected.begin(), expected.end());
    for (const QueueEntry& want : expected) {
      REQUIRE(q.top().time == want.time);
      REQUIRE(q.top().key == want.key);
      q.pop();
    }
    REQUIRE(q.empty());
  }
}
