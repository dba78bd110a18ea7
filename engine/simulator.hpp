#pragma once
// The simulator: a clock, the pending events and the loop that fires them in order.
//
// Events fire in order of (time, priority, insertion): lower priority values first at equal times,
// then first scheduled first. A simulator owns all its state (no globals), so any number of them can
// run in one process, one per thread.
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/event_observer.hpp"
#include "engine/event_queue.hpp"
#include "engine/handler_slots.hpp"
#include "engine/ladder_queue.hpp"
#include "engine/sim_time.hpp"

namespace gcmsim {

enum class StopReason { queue_empty, time_bound, stopped };

struct SimulatorOptions {
  // Sequences restart from zero (keeping the order of what is pending) when they reach this limit.
  // Only tests lower it, to exercise the renumbering.
  std::uint64_t sequence_limit = event_key::kSequenceLimit;
  // Events pending at once, at most 2^24 (the slot field of the key). Tests lower it.
  std::uint32_t max_pending = event_key::kMaxSlots;
  // Touch the next event's handler slot while the current handler runs (see docs/engine.md).
  bool prefetch = true;
};

template <PendingSet Queue>
class BasicSimulator {
 public:
  BasicSimulator() = default;
  explicit BasicSimulator(SimulatorOptions options) : options_(options), slots_(options.max_pending) {
    if (options_.sequence_limit < 2 || options_.sequence_limit > event_key::kSequenceLimit) {
      throw std::invalid_argument("sequence_limit must be in [2, 2^32]");
    }
    if (options_.max_pending < 1 || options_.max_pending > event_key::kMaxSlots) {
      throw std::invalid_argument("max_pending must be in [1, 2^24]");
    }
  }
  BasicSimulator(const BasicSimulator&) = delete;
  BasicSimulator& operator=(const BasicSimulator&) = delete;

  SimTime now() const { return now_; }
  std::uint64_t events_processed() const { return events_; }
  std::size_t pending_events() const { return queue_.size() - cancelled_pending_; }

  // Inlined into the caller (usually a handler scheduling its successor): the error paths are out
  // of line, so what remains is a few compares, the slot and the ladder's rung-0 append.
  template <class F>
  [[gnu::always_inline]] EventHandle schedule_at(SimTime when, F&& handler, EventTag tag = {}, std::int8_t priority = 0) {
    if (when < now_) [[unlikely]] throw_before_now(when);
    if (tag.kind > EventTag::kMaxKind || tag.target > EventTag::kMaxTarget) [[unlikely]] throw_bad_tag(tag);
    if (next_sequence_ >= options_.sequence_limit) [[unlikely]] renumber();
    const std::uint32_t slot = slots_.emplace(std::forward<F>(handler), tag);
    queue_.push(QueueEntry{when, event_key::make(priority, next_sequence_++, slot)});
    return EventHandle{slot, slots_.generation(slot)};
  }

  template <class F>
  [[gnu::always_inline]] EventHandle schedule_after(SimTime delay, F&& handler, EventTag tag = {}, std::int8_t priority = 0) {
    if (delay < 0) [[unlikely]] throw_negative_delay();
    return schedule_at(now_ + delay, std::forward<F>(handler), tag, priority);
  }

  // True if the event was pending and will now never fire.
  bool cancel(EventHandle h) {
    if (!slots_.cancel(h)) return false;
    ++cancelled_pending_;
    // Lazy deletion keeps cancel O(1); purge once the dead outnumber the living.
    if (cancelled_pending_ > 4096 && cancelled_pending_ > queue_.size() / 2) renumber();
    return true;
  }

  bool is_pending(EventHandle h) const { return slots_.is_live(h); }

  // Fires the next event, if any. False when nothing is pending.
  bool step() {
    const QueueEntry* next = live_top();
    if (next == nullptr) return false;
    fire_top<true>(*next);
    return true;
  }

  // Fires every event with time <= bound, then advances the clock to the bound (unless stopped).
  StopReason run_until(SimTime bound) {
    stop_requested_ = false;
    const StopReason why = observers_.empty() ? loop<false>(bound) : loop<true>(bound);
    if (why != StopReason::stopped) now_ = std::max(now_, bound);
    return why;
  }

  // Fires events until none is pending or stop() is called.
  StopReason run() {
    stop_requested_ = false;
    return observers_.empty() ? loop<false>(kNever) : loop<true>(kNever);
  }

  // Asks the running loop to return after the current event.
  void stop() { stop_requested_ = true; }

  void add_observer(EventObserver& o) { observers_.push_back(&o); }
  void remove_observer(EventObserver& o) { std::erase(observers_, &o); }

  // Bytes of kernel bookkeeping per pending event: the queue entry, the slot header and the tag. The
  // handler's captured state comes on top (inline up to HandlerSlots::kInlineBytes).
  static constexpr std::size_t overhead_bytes_per_event() {
    return sizeof(QueueEntry) + HandlerSlots::bookkeeping_bytes();
  }
  std::size_t slot_capacity() const { return slots_.capacity(); }

 private:
  static constexpr SimTime kNever = INT64_MAX;

  template <bool Observed>
  StopReason loop(SimTime bound) {
    while (const QueueEntry* next = live_top()) {
      if (next->time > bound) return StopReason::time_bound;
      fire_top<Observed>(*next);
      if (stop_requested_) return StopReason::stopped;
    }
    return StopReason::queue_empty;
  }

  // Drops cancelled entries from the top; the live event on top, or null if none is pending.
  // (Looking the top up once per event matters: for the ladder it is a few branches each time.)
  const QueueEntry* live_top() {
    while (!queue_.empty()) {
      const QueueEntry& top = queue_.top();
      const std::uint32_t slot = event_key::slot_of(top.key);
      if (!slots_.is_cancelled(slot)) return &top;
      queue_.pop();
      slots_.release_cancelled(slot);
      --cancelled_pending_;
    }
    return nullptr;
  }

  // `top` is the queue's top entry (valid until the pop).
  template <bool Observed>
  void fire_top(const QueueEntry& top) {
    const QueueEntry e = top;
    queue_.pop();
    // The next event's slot is a random line in a large set: start loading it now, so that it has
    // arrived by the time this handler has run.
    if (options_.prefetch) {
      if (const QueueEntry* after = queue_.peek()) slots_.prefetch(event_key::slot_of(after->key));
    }
    const std::uint32_t slot = event_key::slot_of(e.key);
    now_ = e.time;
    ++events_;
    if constexpr (Observed) {
      const EventTag tag = slots_.tag(slot);
      for (EventObserver* o : observers_) o->on_event(e.time, tag);
    }
    slots_.fire(slot);  // frees the slot before the handler runs: its successor may reuse it
  }

  [[noreturn, gnu::cold, gnu::noinline]] void throw_before_now(SimTime when) const {
    throw std::logic_error("cannot schedule an event at tick " + std::to_string(when) +
                           ", before the current time " + std::to_string(now_));
  }
  [[noreturn, gnu::cold, gnu::noinline]] static void throw_bad_tag(EventTag tag) {
    throw std::invalid_argument("event tag out of range: kind " + std::to_string(tag.kind) +
                                " (max 255), target " + std::to_string(tag.target) + " (max 16777215)");
  }
  [[noreturn, gnu::cold, gnu::noinline]] static void throw_negative_delay() {
    throw std::logic_error("cannot schedule an event with a negative delay");
  }

  // Rebuilds the queue without cancelled entries and with sequences 0..n-1 in the same order.
  [[gnu::noinline]] void renumber() {
    std::vector<QueueEntry> live = queue_.take_all();
    std::erase_if(live, [this](const QueueEntry& e) {
      const std::uint32_t slot = event_key::slot_of(e.key);
      if (!slots_.is_cancelled(slot)) return false;
      slots_.release_cancelled(slot);
      return true;
    });
    std::sort(live.begin(), live.end());
    for (std::size_t i = 0; i < live.size(); ++i) live[i].key = event_key::with_sequence(live[i].key, i);
    cancelled_pending_ = 0;
    next_sequence_ = live.size();
    queue_.assign(std::move(live));
    if (next_sequence_ >= options_.sequence_limit) {
      throw std::length_error("more events pending than the sequence limit allows");
    }
  }

  SimulatorOptions options_;
  Queue queue_;
  HandlerSlots slots_;
  std::vector<EventObserver*> observers_;
  SimTime now_ = 0;
  std::uint64_t events_ = 0;
  std::uint64_t next_sequence_ = 0;
  std::size_t cancelled_pending_ = 0;
  bool stop_requested_ = false;
};

// The simulator models use: the ladder queue, measured faster than the 4-ary heap at every size of
// bench phold's grid and in the hold model (docs/engine.md gives the figures).
using Simulator = BasicSimulator<LadderQueue>;

}  // namespace gcmsim
