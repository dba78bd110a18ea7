#pragma once
// Pending-event set: the order in which scheduled events fire.
//
// An entry is 16 bytes: the event time and a 64-bit key that packs, from the most significant bit,
// the priority (8 bits), the insertion sequence (32 bits) and the handler's slot (24 bits). Comparing
// (time, key) therefore orders by time, then priority, then insertion: equal times fire in a fixed,
// reproducible order, and the slot never decides because sequences are unique.
//
// Two heaps here, interchangeable with the ladder queue (engine/ladder_queue.hpp, the models'
// default: `Simulator` in engine/simulator.hpp, measured faster than the 4-ary heap at every size
// bench/phold tries), tested by one suite (tests/engine/event_queue_test.cpp) and measured by
// bench/phold (--queue ladder|heap4|binary):
//   | type         | push     | pop      | notes                                            |
//   |--------------|----------|----------|--------------------------------------------------|
//   | DaryHeap<4>  | O(log n) | O(log n) | half the depth of a binary heap, a node's        |
//   |              |          |          | children share one or two cache lines            |
//   | BinaryHeap   | O(log n) | O(log n) | std::push_heap/pop_heap; the reference           |
// Cancellation is not the set's business: the simulator marks a cancelled handler's slot and skips
// the entry when it reaches the top (lazy deletion), so both sets stay minimal.
#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/mapped_buffer.hpp"
#include "engine/sim_time.hpp"

namespace gcmsim {

__extension__ using Uint128 = unsigned __int128;  // GCC and Clang; silences -Wpedantic

struct QueueEntry {
  SimTime time;
  std::uint64_t key;

  // One 128-bit unsigned comparison (time biased to sort as unsigned, then key): branch-free,
  // which matters because the heap's comparisons are the kernel's hottest instructions.
  friend bool operator<(const QueueEntry& a, const QueueEntry& b) { return a.rank() < b.rank(); }

  Uint128 rank() const {
    const auto biased = static_cast<std::uint64_t>(time) ^ (std::uint64_t{1} << 63);
    return static_cast<Uint128>(biased) << 64 | key;
  }
};

// Layout of QueueEntry::key.
namespace event_key {
inline constexpr unsigned kSlotBits = 24;
inline constexpr unsigned kSequenceBits = 32;
inline constexpr std::uint64_t kSlotMask = (std::uint64_t{1} << kSlotBits) - 1;
inline constexpr std::uint64_t kSequenceLimit = std::uint64_t{1} << kSequenceBits;
inline constexpr std::uint32_t kMaxSlots = std::uint32_t{1} << kSlotBits;

// Priority is signed (lower fires first); it is biased so that it sorts as an unsigned field.
constexpr std::uint64_t make(std::int8_t priority, std::uint64_t sequence, std::uint32_t slot) {
  const auto biased = static_cast<std::uint64_t>(static_cast<std::uint8_t>(priority ^ 0x80));
  return biased << (kSequenceBits + kSlotBits) | sequence << kSlotBits | slot;
}
constexpr std::uint32_t slot_of(std::uint64_t key) { return static_cast<std::uint32_t>(key & kSlotMask); }
constexpr std::uint64_t with_sequence(std::uint64_t key, std::uint64_t sequence) {
  const std::uint64_t keep = key & ~(((kSequenceLimit - 1)) << kSlotBits);
  return keep | sequence << kSlotBits;
}
}  // namespace event_key

// What a pending-event set offers the simulator.
// top() is not const: a set may reorganise itself when asked for its first entry (the ladder does).
template <class Q>
concept PendingSet = requires(Q q, const Q cq, QueueEntry e) {
  q.push(e);
  { q.top() } -> std::convertible_to<QueueEntry>;
  q.pop();
  // The entry that will probably come out next, found without reorganising the set (null if none
  // is at hand): a hint for prefetching, which may be wrong.
  { cq.peek() } -> std::same_as<const QueueEntry*>;
  { cq.size() } -> std::convertible_to<std::size_t>;
  { cq.empty() } -> std::convertible_to<bool>;
  q.clear();
  // Rebuilds the set from entries in any order, and empties it returning its entries in any
  // order: together they renumber sequences and purge cancellations.
  q.assign(std::vector<QueueEntry>{});
  { q.take_all() } -> std::same_as<std::vector<QueueEntry>>;
};

// A D-ary min-heap in one contiguous array, laid out as LaMarca and Ladner suggest: D-1 unused
// entries come first, so the D children of every node start on a multiple of D; with D = 4 and
// 16-byte entries each family fills exactly one 64-byte cache line. Sifting moves a hole instead of
// swapping. Pop walks the hole down to a leaf along the smallest children without comparing against
// the element being re-inserted, then sifts that element up (it came from the bottom, so it rarely
// climbs): fewer comparisons than the textbook sift-down. The array is a MappedBuffer (page-aligned,
// so families are line-aligned; grown without copying, so memory follows the size).
template <unsigned D>
class DaryHeap {
  static_assert(D >= 2);
  static constexpr std::size_t kPad = D - 1;

 public:
  DaryHeap() { buf_.resize(kPad); }

  void push(QueueEntry e) {
    buf_.push_back(e);
    sift_up(size() - 1, e);
  }

  const QueueEntry& top() const { return buf_[kPad]; }
  const QueueEntry* peek() const { return empty() ? nullptr : &top(); }

  void pop() {
    const QueueEntry last = buf_.back();
    buf_.pop_back();
    const std::size_t n = size();
    if (n == 0) return;
    QueueEntry* h = buf_.data() + kPad;
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first = hole * D + 1;
      std::size_t best = first;
      if (first + D <= n) {
        // A full family: a fixed trip count the compiler unrolls into conditional moves.
        for (std::size_t c = first + 1; c < first + D; ++c) best = h[c] < h[best] ? c : best;
      } else {
        if (first >= n) break;
        for (std::size_t c = first + 1; c < n; ++c) best = h[c] < h[best] ? c : best;
      }
      h[hole] = h[best];
      hole = best;
    }
    sift_up(hole, last);
  }

  std::size_t size() const { return buf_.size() - kPad; }
  bool empty() const { return buf_.size() == kPad; }
  void clear() { buf_.resize(kPad); }
  void reserve(std::size_t n) { buf_.reserve(n + kPad); }

  void assign(std::vector<QueueEntry> entries) {
    // A sorted array is a valid heap of any arity.
    std::sort(entries.begin(), entries.end());
    buf_.resize(kPad);
    buf_.append(entries.begin(), entries.end());
  }
  std::vector<QueueEntry> take_all() {
    std::vector<QueueEntry> out(buf_.begin() + kPad, buf_.end());
    clear();
    return out;
  }

 private:
  void sift_up(std::size_t hole, QueueEntry e) {
    QueueEntry* h = buf_.data() + kPad;
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / D;
      if (!(e < h[parent])) break;
      h[hole] = h[parent];
      hole = parent;
    }
    h[hole] = e;
  }

  MappedBuffer<QueueEntry> buf_;
};

// The standard library's binary heap: the reference implementation.
class BinaryHeap {
 public:
  void push(QueueEntry e) {
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), later);
  }
  const QueueEntry& top() const { return heap_.front(); }
  const QueueEntry* peek() const { return empty() ? nullptr : &top(); }
  void pop() {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    heap_.pop_back();
  }
  std::size_t size() const { return heap_.size(); }
  bool empty() const { return heap_.empty(); }
  void clear() { heap_.clear(); }
  void reserve(std::size_t n) { heap_.reserve(n); }
  void assign(std::vector<QueueEntry> entries) {
    heap_ = std::move(entries);
    std::make_heap(heap_.begin(), heap_.end(), later);
  }
  std::vector<QueueEntry> take_all() { return std::exchange(heap_, {}); }

 private:
  static bool later(const QueueEntry& a, const QueueEntry& b) { return b < a; }
  std::vector<QueueEntry> heap_;
};

static_assert(sizeof(QueueEntry) == 16);
static_assert(PendingSet<DaryHeap<4>>);
static_assert(PendingSet<BinaryHeap>);

}  // namespace gcmsim
