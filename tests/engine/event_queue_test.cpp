#include "engine/event_queue.hpp"
#include "engine/ladder_queue.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

using namespace gcmsim;

// Every pending-event set must pass this suite.
#define PENDING_SETS DaryHeap<4>, DaryHeap<2>, DaryHeap<8>, BinaryHeap, LadderQueue

namespace {
std::vector<QueueEntry> drain(auto& q) {
  std::vector<QueueEntry> out;
  while (!q.empty()) {
    out.push_back(q.top());
    q.pop();
  }
  return out;
}
}  // namespace

TEMPLATE_TEST_CASE("a pending set pops in (time, priority, sequence) order", "[event_queue]",
                   PENDING_SETS) {
  TestType q;
  std::mt19937_64 gen(7);
  std::vector<QueueEntry> pushed;
  for (std::uint32_t i = 0; i < 5000; ++i) {
    const auto time = static_cast<SimTime>(gen() % 50);  // many ties on purpose
    const auto priority = static_cast<std::int8_t>(static_cast<int>(gen() % 5) - 2);
    const QueueEntry e{time, event_key::make(priority, i, i)};
    q.push(e);
    pushed.push_back(e);
  }
  std::sort(pushed.begin(), pushed.end());
  const auto popped = drain(q);
  REQUIRE(popped.size() == pushed.size());
  for (std::size_t i = 0; i < popped.size(); ++i) {
    REQUIRE(popped[i].time == pushed[i].time);
    REQUIRE(popped[i].key == pushed[i].key);
  }
}

TEMPLATE_TEST_CASE("equal times and priorities pop in insertion order", "[event_queue]", PENDING_SETS) {
  TestType q;
  for (std::uint32_t i = 0; i < 100; ++i) q.push({42, event_key::make(0, i, 99 - i)});
  std::uint32_t expected_slot = 99;
  for (const auto& e : drain(q)) REQUIRE(event_key::slot_of(e.key) == expected_slot--);
}

TEMPLATE_TEST_CASE("a lower priority value fires first at equal times", "[event_queue]", PENDING_SETS) {
  TestType q;
  q.push({10, event_key::make(5, 0, 1)});
  q.push({10, event_key::make(-5, 1, 2)});
  q.push({10, event_key::make(0, 2, 3)});
  q.push({9, event_key::make(127, 3, 4)});
  const auto out = drain(q);
  REQUIRE(event_key::slot_of(out[0].key) == 4);
  REQUIRE(event_key::slot_of(out[1].key) == 2);
  REQUIRE(event_key::slot_of(out[2].key) == 3);
  REQUIRE(event_key::slot_of(out[3].key) == 1);
}

TEMPLATE_TEST_CASE("interleaved pushes and pops keep the heap order", "[event_queue]", PENDING_SETS) {
  TestType q;
  std::mt19937_64 gen(11);
  std::uint32_t seq = 0;
  SimTime last = -1;
  for (int round = 0; round < 20000; ++round) {
    if (q.empty() || gen() % 3 != 0) {
      // Like a simulation: never schedule before the last popped time.
      q.push({std::max<SimTime>(last, 0) + static_cast<SimTime>(gen() % 100), event_key::make(0, seq, seq)});
      ++seq;
    } else {
      REQUIRE(q.top().time >= last);
      last = q.top().time;
      q.pop();
    }
  }
}

TEMPLATE_TEST_CASE("assign rebuilds a valid set from entries in any order", "[event_queue]", PENDING_SETS) {
  TestType q;
  std::vector<QueueEntry> entries;
  for (std::uint32_t i = 0; i < 300; ++i) entries.push_back({static_cast<SimTime>((i * 7919) % 101), event_key::make(0, i, i)});
  q.assign(entries);
  REQUIRE(q.size() == entries.size());
  std::sort(entries.begin(), entries.end());
  const auto out = drain(q);
  for (std::size_t i = 0; i < out.size(); ++i) REQUIRE(out[i].key == entries[i].key);
}

TEMPLATE_TEST_CASE("take_all empties the set and returns every entry", "[event_queue]", PENDING_SETS) {
  TestType q;
  std::mt19937_64 gen(5);
  std::vector<QueueEntry> pushed;
  for (std::uint32_t i = 0; i < 3000; ++i) {
    const QueueEntry e{static_cast<SimTime>(gen() % 100000), event_key::make(0, i, i)};
    q.push(e);
    pushed.push_back(e);
    if (i % 7 == 0) {  // some pops, so that every part of a ladder holds something
      pushed.erase(std::find_if(pushed.begin(), pushed.end(),
                                [&](const QueueEntry& p) { return p.key == q.top().key; }));
      q.pop();
    }
  }
  auto all = q.take_all();
  REQUIRE(q.empty());
  REQUIRE(q.size() == 0);
  std::sort(all.begin(), all.end());
  std::sort(pushed.begin(), pushed.end());
  REQUIRE(all.size() == pushed.size());
  for (std::size_t i = 0; i < all.size(); ++i) REQUIRE(all[i].key == pushed[i].key);
  q.push({3, event_key::make(0, 0, 1)});  // still usable
  REQUIRE(q.top().time == 3);
}

TEMPLATE_TEST_CASE("times at both ends of SimTime keep their order", "[event_queue]", PENDING_SETS) {
  TestType q;
  const SimTime lo = INT64_MIN;
  const SimTime hi = INT64_MAX;
  const std::vector<SimTime> times{hi, 0, lo, hi - 1, lo + 1, -5, 5, hi, lo};
  for (std::uint32_t i = 0; i < times.size(); ++i) q.push({times[i], event_key::make(0, i, i)});
  std::vector<SimTime> out;
  for (const auto& e : drain(q)) out.push_back(e.time);
  REQUIRE(out == std::vector<SimTime>{lo, lo, lo + 1, -5, 0, 5, hi - 1, hi, hi});
}

TEST_CASE("a large spread-out ladder refines crowded buckets into rungs", "[event_queue]") {
  LadderQueue q;
  std::mt19937_64 gen(3);
  std::uint32_t seq = 0;
  // Exponentially crowded near the front: one rung cannot spread them evenly.
  for (; seq < 200000; ++seq) {
    const auto t = static_cast<SimTime>(std::exp(static_cast<double>(gen() % 20000) / 1000.0));
    q.push({t, event_key::make(0, seq, seq)});
  }
  q.pop();
  REQUIRE(q.rungs() >= 2);
  SimTime last = q.top().time;
  while (!q.empty()) {
    REQUIRE(q.top().time >= last);
    last = q.top().time;
    q.pop();
  }
  REQUIRE(q.rungs() == 0);
}

TEST_CASE("the ladder's rung 0 keeps the full order on both sides of its density switch", "[event_queue]") {
  // Up to kFineRungUpTo events rung 0 gets one bucket per event, beyond it one per kBucketTarget:
  // the same ties and priorities must come out in (time, priority, sequence) order either way.
  for (const std::size_t n : {LadderQueue::kFineRungUpTo, LadderQueue::kFineRungUpTo + 1}) {
    LadderQueue q;
    std::vector<QueueEntry> expected;
    std::mt19937_64 gen(n);
    for (std::uint32_t seq = 0; seq < n; ++seq) {
      const auto t = static_cast<SimTime>(gen() % 5000);  // about three events per time: ties
      const auto priority = static_cast<std::int8_t>(static_cast<int>(gen() % 3) - 1);
      const QueueEntry e{t, event_key::make(priority, seq, seq)};
      q.push(e);
      expected.push_back(e);
    }
    std::sort(expected.begin(), expected.end());
    std::vector<QueueEntry> popped;
    while (!q.empty()) {
      popped.push_back(q.top());
      q.pop();
    }
    REQUIRE(popped.size() == expected.size());
    for (std::size_t i = 0; i < popped.size(); ++i) {
      REQUIRE(popped[i].time == expected[i].time);
      REQUIRE(popped[i].key == expected[i].key);
    }
  }
}

TEST_CASE("the event key packs priority, sequence and slot without overlap", "[event_queue]") {
  const auto k = event_key::make(-3, 123456, 0xABCDEF);
  REQUIRE(event_key::slot_of(k) == 0xABCDEF);
  const auto renumbered = event_key::with_sequence(k, 7);
  REQUIRE(event_key::slot_of(renumbered) == 0xABCDEF);
  REQUIRE(renumbered < k);  // same priority, smaller sequence
  REQUIRE(event_key::make(-128, event_key::kSequenceLimit - 1, 0) < event_key::make(127, 0, 0));
}
