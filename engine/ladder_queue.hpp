#pragma once
// A ladder queue (Tang, Goh and Thng, ACM TOMACS 15(3), 2005): a pending-event set whose push and
// pop cost O(1) amortised whatever the number of events and, unlike a calendar queue, whatever the
// distribution of their times, because it never resizes: it refines only where events crowd.
//
//   top     unsorted events beyond the ladder's range (the far future): push is an append
//   rungs   each rung splits a time range into equal buckets (unsorted); rung 0 spans what `top`
//           held when it was last emptied, each deeper rung spans one bucket of the rung above
//   bottom  the events of the nearest bucket, sorted, plus a small heap of the events pushed into
//           its range since: pops come from here
//
// When `bottom` is empty at the next top() or pop(), the deepest rung's first non-empty bucket moves there, or, if it holds more
// than kThreshold events, is split over a new, finer rung; when the ladder is exhausted `top`
// becomes rung 0. An event is pushed to wherever its time falls, so order is exact: `bottom` holds
// times before the deepest rung's unconsumed buckets, each rung times before the unconsumed buckets
// of the rung above, `top` times after them all. Events with equal times always land together, and
// `bottom` orders by the full (time, priority, sequence) rank, so ties break as in every other set.
//
// Differences from the paper: `bottom` is a sorted array plus a heap rather than a sorted list (a
// burst of events into the current bucket costs O(log k) each, not O(k)); above kFineRungUpTo
// events rung 0 has one bucket per kBucketTarget events rather than one per event, which keeps the
// bucket headers and partly filled blocks small at 16 million events.
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "engine/bin_sort.hpp"
#include "engine/bucket_pool.hpp"
#include "engine/event_queue.hpp"
#include "engine/mapped_buffer.hpp"

namespace gcmsim {

class LadderQueue {
 public:
  LadderQueue() = default;
  // Not copied or moved: the read position may point into the queue's own sorted run.
  LadderQueue(const LadderQueue&) = delete;
  LadderQueue& operator=(const LadderQueue&) = delete;

  // Inlined: in a steady state nearly every push lands in rung 0, a shift and an append.
  [[gnu::always_inline]] void push(QueueEntry e) {
    ++size_;
    if (e.time < rung0_end_ && e.time >= rung0_from_) [[likely]] {
      rungs_[0].insert(pool_, e);
    } else {
      push_elsewhere(e);
    }
  }

  // Both reorganise the ladder when `bottom` is empty: only then is it known how the pending
  // events spread, so a burst of pushes into an empty set lands in `top` and is split once.
  // The fast paths read the sorted run while no late arrival is pending (nearly always).
  [[gnu::always_inline]] const QueueEntry& top() {
    if (in_fast_run()) [[likely]] return *next_;
    return top_slow();
  }

  [[gnu::always_inline]] void pop() {
    if (in_fast_run()) [[likely]] {
      ++next_;
    } else {
      pop_slow();
    }
    if (--size_ == 0) clear();  // the next pushes start a new epoch
  }

  // The next entry of the sorted run (the late arrivals are rare enough to ignore for a hint).
  const QueueEntry* peek() const { return next_ != run_end_ ? next_ : nullptr; }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  void clear() {
    top_ = BucketPool::Bucket{};
    reset_top_range();
    top_start_ = kEarliest;
    for (std::size_t r = 0; r < rungs_used_; ++r) rungs_[r].clear();
    rungs_used_ = 0;
    pool_.clear();
    run_.clear();
    next_ = run_end_ = fast_end_ = run_.data();
    late_.clear();
    size_ = 0;
    update_rung0_range();
  }

  void assign(std::vector<QueueEntry> entries) {
    clear();
    for (const QueueEntry& e : entries) push(e);
  }

  std::vector<QueueEntry> take_all() {
    std::vector<QueueEntry> out;
    out.reserve(size_);
    pool_.for_each(top_, [&](QueueEntry e) { out.push_back(e); });
    for (std::size_t r = 0; r < rungs_used_; ++r) {
      for (const auto& bucket : rungs_[r].buckets) pool_.for_each(bucket, [&](QueueEntry e) { out.push_back(e); });
    }
    out.insert(out.end(), next_, run_end_);
    const std::vector<QueueEntry> late = late_.take_all();
    out.insert(out.end(), late.begin(), late.end());
    clear();
    return out;
  }

  // Rungs in use (for tests: a large, spread-out set must actually climb the ladder).
  std::size_t rungs() const { return rungs_used_; }

  static constexpr std::size_t kThreshold = 48;     // a bucket larger than this is split, not sorted
  static constexpr std::size_t kBucketTarget = 16;  // events per bucket when `top` becomes rung 0
  // ... except for small sets, where rung 0 gets two buckets per event (one to two, widths being
  // powers of two): the nearest buckets then hold few enough events to be sorted at once instead of
  // split over a child rung (measured in PHOLD: one per event was 4-5% faster than one per 16 up to
  // 16,384 pending events, 6-10% slower from 65,536, where the headers and the partly filled blocks
  // no longer fit in cache; two per event take another 3% of the kernel's instructions off at
  // 16,384, because pending times crowd near the present and the nearest buckets sort faster).
  static constexpr std::size_t kFineRungUpTo = 16384;
  static constexpr std::size_t kFineBucketsPerEvent = 2;
  static constexpr std::size_t kChildTarget = 4;    // events per bucket when a bucket is split
  static constexpr std::size_t kMaxRungs = 8;       // then a crowded bucket goes to `bottom` as is
  // Buckets are taken into `bottom` until it holds this many: each refill costs a few mispredicted
  // branches whatever its length, and the bin sort's cost per entry does not grow with it (measured
  // at 1,024 x 16: 24 takes 10 instructions and 0.1 mispredicted branches per event off 8; 16 takes
  // 8 instructions off, 32 takes 11 but mispredicts a little more than 24).
  static constexpr std::size_t kMinRun = 24;

 private:
  static constexpr SimTime kEarliest = std::numeric_limits<SimTime>::min();
  static constexpr SimTime kLatest = std::numeric_limits<SimTime>::max();

  // Bucket bounds may pass the end of SimTime (a rung whose range ends at the last tick), so they
  // are kept in 128 bits; an event time converts to it exactly.
  __extension__ using Bound = __int128;

  // Bucket widths are powers of two, so that finding an event's bucket is a shift, not a division
  // (a 64-bit divide costs tens of cycles, more than the rest of a push).
  struct Rung {
    SimTime start = 0;        // time of bucket 0
    unsigned shift = 0;       // log2 of the ticks per bucket
    std::size_t current = 0;  // first bucket not yet consumed
    std::size_t bucket_count = 0;
    Bound current_start = 0;  // times from here on belong to this rung, earlier ones further down
    std::vector<BucketPool::Bucket> buckets;

    std::uint64_t width() const { return std::uint64_t{1} << shift; }
    Bound end() const { return start + (static_cast<Bound>(bucket_count) << shift); }
    void insert(BucketPool& pool, QueueEntry e) {
      const std::uint64_t offset = static_cast<std::uint64_t>(e.time) - static_cast<std::uint64_t>(start);
      pool.append(buckets[static_cast<std::size_t>(offset >> shift)], e);
    }
    void advance() {
      ++current;
      current_start += width();
    }

    // Spans [lo, hi] with at most `count` buckets (at least half as many), all empty.
    void reset(SimTime lo, SimTime hi, std::size_t count) {
      const auto last = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);  // span - 1
      const std::uint64_t per_bucket = last / count + 1;  // ceil(span / count), without overflow
      shift = std::min(63u, static_cast<unsigned>(std::bit_width(per_bucket - 1)));
      start = lo;
      bucket_count = static_cast<std::size_t>((last >> shift) + 1);
      current = 0;
      current_start = lo;
      buckets.assign(bucket_count, BucketPool::Bucket{});
    }
    // Forgets the buckets (their blocks are the pool's business).
    void clear() {
      buckets.clear();
      current = bucket_count = 0;
      current_start = start;
    }
  };

  // One compare for "the run has a next entry and no late arrival is pending": fast_end_ is the
  // run's end while the late arrivals are empty, else null, below every entry's address.
  bool in_fast_run() const { return std::less<>{}(next_, fast_end_); }
  void update_fast_end() { fast_end_ = late_.empty() ? run_end_ : nullptr; }

  bool bottom_empty() const { return next_ == run_end_ && late_.empty(); }
  // Whether the next event comes from the sorted run rather than from the late arrivals.
  bool from_run() const { return next_ != run_end_ && (late_.empty() || *next_ < late_.top()); }

  [[gnu::noinline]] const QueueEntry& top_slow() {
    if (bottom_empty()) refill();
    return from_run() ? *next_ : late_.top();
  }
  [[gnu::noinline]] void pop_slow() {
    if (bottom_empty()) refill();
    if (from_run()) {
      ++next_;
    } else {
      late_.pop();
      update_fast_end();
    }
  }

  // The fast path of push() compares 64-bit times against [rung0_from_, rung0_end_), a part of the
  // range rung 0 takes (the 128-bit bounds cut to SimTime; empty while there is no ladder); what
  // falls outside goes through push_elsewhere's exact comparisons. Updated whenever rung 0's first
  // unconsumed bucket, `top`'s start or the number of rungs changes: at the end of refill and clear.
  void update_rung0_range() {
    if (rungs_used_ == 0 || rungs_[0].current_start > kLatest) {
      rung0_from_ = kLatest;
      rung0_end_ = kEarliest;
      return;
    }
    rung0_from_ = static_cast<SimTime>(rungs_[0].current_start);
    rung0_end_ = static_cast<SimTime>(std::min<Bound>(top_start_, kLatest));
  }

  void reset_top_range() {
    top_min_ = kLatest;
    top_max_ = kEarliest;
  }

  [[gnu::noinline]] void push_elsewhere(QueueEntry e) {
    if (e.time >= top_start_) {
      pool_.append(top_, e);
      top_min_ = std::min(top_min_, e.time);
      top_max_ = std::max(top_max_, e.time);
    } else {
      std::size_t r = 0;
      while (r < rungs_used_ && e.time < rungs_[r].current_start) ++r;
      if (r < rungs_used_) {
        rungs_[r].insert(pool_, e);
      } else {
        late_.push(e);
        update_fast_end();
      }
    }
  }

  // Moves events until `bottom` is non-empty (or the set is). Out of line: top() and pop() are on
  // the simulator's hottest path and must stay small enough to inline.
  [[gnu::noinline]] void refill() {
    run_.clear();
    while (run_.empty() && late_.empty()) {
      if (rungs_used_ == 0) {
        if (top_.empty()) break;
        top_to_rung();
      }
      Rung& r = rungs_[rungs_used_ - 1];
      while (r.current < r.bucket_count && r.buckets[r.current].empty()) r.advance();
      if (r.current == r.bucket_count) {
        r.clear();
        --rungs_used_;
        continue;
      }
      BucketPool::Bucket& bucket = r.buckets[r.current];
      const bool crowded = bucket.size > kThreshold && r.shift > 0 && rungs_used_ < kMaxRungs;
      if (crowded) {
        // Spread the bucket over a finer rung that spans exactly this bucket.
        const auto bucket_start = static_cast<SimTime>(r.current_start);
        const Bound bucket_last = std::min<Bound>(r.current_start + r.width() - 1, kLatest);
        r.advance();
        Rung& child = rungs_[rungs_used_++];
        child.reset(bucket_start, static_cast<SimTime>(bucket_last),
                    std::max<std::size_t>(2, bucket.size / kChildTarget));
        pool_.drain(bucket, [&](QueueEntry e) { child.insert(pool_, e); });
        continue;
      }
      // This bucket and, while the run is shorter than kMinRun, the rung's next buckets (those that
      // need no split): sorting a few more entries at once costs less than a refill per bucket, and
      // the run then holds the next events for the prefetch to see. Consumed buckets are behind
      // the rung's current_start, so later pushes into their range go to the late arrivals.
      const Bound run_start = r.current_start;
      const std::size_t first = r.current;
      std::size_t taken = 0;
      do {
        taken += r.buckets[r.current].size;
        r.advance();
      } while (taken < kMinRun && r.current < r.bucket_count && r.buckets[r.current].size <= kThreshold);
      run_.resize_for_overwrite(taken + BucketPool::kBlockEntries - 1);  // take() copies whole blocks
      QueueEntry* out = run_.data();
      for (std::size_t i = first; i < r.current; ++i) out = pool_.take(r.buckets[i], out);
      if (taken <= BinSort::kMaxEntries) {
        // Times lie in the taken buckets' range (which may end past the last tick).
        const auto run_last = static_cast<std::uint64_t>(std::min<Bound>(r.current_start - 1, kLatest));
        BinSort sorter(static_cast<SimTime>(run_start), run_last - static_cast<std::uint64_t>(run_start));
        for (std::size_t i = 0; i < taken; ++i) sorter.count(run_[i]);
        sorter.sort(run_.data(), taken, sorted_.data());
        next_ = sorted_.data();
      } else {
        std::sort(run_.data(), run_.data() + taken);
        next_ = run_.data();
      }
      run_end_ = next_ + taken;
    }
    if (run_.empty()) next_ = run_end_ = run_.data();
    update_fast_end();
    update_rung0_range();
  }

  // The ladder is exhausted: `top` becomes rung 0 and later pushes beyond its range go to `top`.
  void top_to_rung() {
    Rung& r = rungs_[0];
    const std::size_t buckets = top_.size <= kFineRungUpTo ? top_.size * kFineBucketsPerEvent : top_.size / kBucketTarget;
    r.reset(top_min_, top_max_, std::max<std::size_t>(1, buckets));
    // Block by block: the blocks `top` frees are the next ones the rung's buckets take, so the
    // transfer needs no memory beyond the events'.
    pool_.drain(top_, [&](QueueEntry e) { r.insert(pool_, e); });
    rungs_used_ = 1;
    top_start_ = r.end();
    reset_top_range();
  }

  BucketPool::Bucket top_;  // in the pool like every bucket, so it can become rung 0 in place
  SimTime top_min_ = kLatest;
  SimTime top_max_ = kEarliest;
  Bound top_start_ = kEarliest;  // pushes at or after this time go to `top`
  std::array<Rung, kMaxRungs> rungs_;
  std::size_t rungs_used_ = 0;
  BucketPool pool_;
  // `bottom`: the bucket being consumed, sorted once, read front to back; and a heap for the events
  // pushed into its range meanwhile (rare: only delays shorter than the bucket get there).
  MappedBuffer<QueueEntry> run_;  // the run as taken from the buckets; sorted in place if long
  std::array<QueueEntry, BinSort::kMaxEntries> sorted_;  // the run sorted, if short (nearly always)
  const QueueEntry* next_ = nullptr;     // the run's next entry
  const QueueEntry* run_end_ = nullptr;  // past its last
  const QueueEntry* fast_end_ = nullptr;  // see in_fast_run
  // The part of rung 0's range that push() tests with 64-bit compares (see update_rung0_range).
  SimTime rung0_from_ = kLatest;
  SimTime rung0_end_ = kEarliest;
  DaryHeap<4> late_;
  std::size_t size_ = 0;
};

static_assert(PendingSet<LadderQueue>);

}  // namespace gcmsim
