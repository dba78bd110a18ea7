#pragma once
// Storage for the handlers of pending events.
//
// Each pending event owns one 24-byte slot: the handler's type (a 32-bit index into the table of
// handler types: how to call and destroy it) (4), a generation for handle checks (4) and a 16-byte
// inline buffer for the handler's captured state (`[this, i]` fits); a handler that does not fit is
// moved to the heap and the buffer keeps a pointer. The event's tag (what observers see) lives in a
// dense side array of 4 bytes per slot: it is written when the event is scheduled and read only when
// an observer is attached, so firing an unobserved event touches the slot alone. Kernel bookkeeping
// is therefore 16 (queue entry) + 8 (slot header) + 4 (tag) = 28 bytes per pending event.
//
// The table is one ReservedArray: its address range is reserved for the simulator's whole limit of
// pending events and committed as it fills, so slots never move (a handler's state is never
// relocated, whatever its type) and reaching a slot is one load from one base pointer.
//
// Firing moves the handler onto the stack and frees the slot *before* calling it. So a handler that
// schedules its successor (the common case) reuses the slot it came from, whose cache line is hot,
// and the table never needs one slot more than the events pending (the 2^24 limit is exact).
// Freed slots are reused last-in first-out for the same reason; the stack of free slots is linked
// through their (then unused) inline buffers.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "engine/event_queue.hpp"
#include "engine/reserved_array.hpp"

namespace gcmsim {

// What the fingerprint and the trace see of an event: a model-defined kind and target.
struct EventTag {
  std::uint32_t kind = 0;    // below 256
  std::uint32_t target = 0;  // below 2^24

  static constexpr std::uint32_t kMaxKind = 255;
  static constexpr std::uint32_t kMaxTarget = (1u << 24) - 1;
};

// Refers to one scheduled event; stays safe to use after the event fired or was cancelled.
struct EventHandle {
  std::uint32_t slot = UINT32_MAX;
  std::uint32_t generation = 0;
};

class HandlerSlots;

// How to call or destroy one type of handler, by a 32-bit index shared by every simulator in the
// process. The table is written once per handler type, at the first schedule of that type (under the
// guard of a function-local static, so concurrently from several threads too), and only read after.
// Index 0 means "no handler": a free, cancelled or firing slot.
class HandlerTypes {
 public:
  enum class Op { invoke, destroy };
  using Ops = void(Op, std::byte*, HandlerSlots*, std::uint32_t);

  // Handler types a process can use (each lambda type counts once, twice if it is also too big for
  // the inline buffer somewhere): 256 KB of table, resident only as far as it is used.
  static constexpr std::uint32_t kMaxTypes = 32768;

  template <Ops* F>
  static std::uint32_t index_of() {
    static const std::uint32_t index = add(F);
    return index;
  }
  static Ops* at(std::uint32_t index) { return table_[index]; }

 private:
  static std::uint32_t add(Ops* ops) {
    const std::uint32_t index = count_.fetch_add(1, std::memory_order_relaxed);
    if (index >= kMaxTypes) {
      throw std::length_error("more than " + std::to_string(kMaxTypes - 1) + " event handler types");
    }
    table_[index] = ops;
    return index;
  }

  static inline Ops* table_[kMaxTypes] = {};
  static inline std::atomic<std::uint32_t> count_{1};
};

class HandlerSlots {
 public:
  static constexpr std::size_t kInlineBytes = 16;

  explicit HandlerSlots(std::uint32_t max_slots = event_key::kMaxSlots)
      : slots_(max_slots), tags_(max_slots), max_slots_(max_slots) {}
  HandlerSlots(const HandlerSlots&) = delete;
  HandlerSlots& operator=(const HandlerSlots&) = delete;
  ~HandlerSlots() { clear(); }

  template <class F>
  std::uint32_t emplace(F&& handler, EventTag tag) {
    using Fn = std::decay_t<F>;
    static_assert(std::is_invocable_r_v<void, Fn&>, "an event handler is callable as void()");
    const std::uint32_t index = acquire();
    Slot& s = at(index);
    tags_[index] = tag.kind << 24 | tag.target;
    if constexpr (fits_inline<Fn>()) {
      ::new (static_cast<void*>(s.storage)) Fn(std::forward<F>(handler));
      s.type = HandlerTypes::index_of<&inline_ops<Fn>>();
    } else {
      ::new (static_cast<void*>(s.storage)) Fn*(new Fn(std::forward<F>(handler)));
      s.type = HandlerTypes::index_of<&heap_ops<Fn>>();
    }
    return index;
  }

  // Calls the handler of a live slot. The slot is freed (and its generation advanced) before the
  // call, so a handler that cancels its own event finds it no longer pending.
  void fire(std::uint32_t index) {
    Slot& s = at(index);
    const std::uint32_t type = s.type;
    s.type = kNoType;
    HandlerTypes::at(type)(Op::invoke, s.storage, this, index);
  }

  // Destroys the handler without calling it. False if the handle is stale (fired, cancelled, reused).
  // The slot stays taken until its queue entry is dropped (release_cancelled).
  bool cancel(EventHandle h) {
    if (!is_live(h)) return false;
    Slot& s = at(h.slot);
    const std::uint32_t type = s.type;
    s.type = kNoType;
    HandlerTypes::at(type)(Op::destroy, s.storage, this, h.slot);
    ++s.generation;
    return true;
  }

  bool is_live(EventHandle h) const {
    if (h.slot >= count_) return false;
    const Slot& s = at(h.slot);
    return s.generation == h.generation && s.type != kNoType;
  }
  bool is_cancelled(std::uint32_t index) const { return at(index).type == kNoType; }

  // Frees the slot of a cancelled event once its queue entry is gone.
  void release_cancelled(std::uint32_t index) { push_free(index); }

  // Brings the slot's lines into cache ahead of its use (the next event to fire). A 24-byte slot
  // straddles two lines one time in four: asking for its last byte too covers that case and costs
  // nothing more in the other three (the same line is asked for twice).
  void prefetch(std::uint32_t index) const {
    const auto* first = reinterpret_cast<const char*>(&at(index));
    __builtin_prefetch(first);
    __builtin_prefetch(first + sizeof(Slot) - 1);
  }

  std::uint32_t generation(std::uint32_t index) const { return at(index).generation; }
  EventTag tag(std::uint32_t index) const {
    const std::uint32_t t = tags_[index];
    return EventTag{t >> 24, t & EventTag::kMaxTarget};
  }

  // Slots ever allocated (the high-water mark of pending events).
  std::size_t capacity() const { return count_; }
  std::size_t max_slots() const { return max_slots_; }
  static constexpr std::size_t slot_bytes() { return sizeof(Slot); }
  // Per pending event, without the handler's state: the slot header and the tag.
  static constexpr std::size_t bookkeeping_bytes() { return sizeof(Slot) - kInlineBytes + sizeof(std::uint32_t); }

  void clear() {
    for (std::uint32_t i = 0; i < count_; ++i) {
      Slot& s = at(i);
      if (s.type != kNoType) {
        HandlerTypes::at(s.type)(Op::destroy, s.storage, this, i);
        ++s.generation;  // the slots stay: a handle from before must not match a later event
      }
      s.type = kNoType;
    }
    free_ = kNoSlot;
    count_ = 0;
  }

 private:
  using Op = HandlerTypes::Op;
  static constexpr std::uint32_t kNoType = 0;

  struct Slot {
    std::uint32_t type = kNoType;  // HandlerTypes index; kNoType when free, cancelled or firing
    std::uint32_t generation = 0;
    // The handler's state; when the slot is free, its first 4 bytes link to the next free slot.
    alignas(void*) std::byte storage[kInlineBytes];
  };
  static_assert(sizeof(Slot) == 24, "an 8-byte header and the inline buffer");

  // Slots committed at a time (48 KB).
  static constexpr std::uint32_t kChunkSize = 2048;

  template <class Fn>
  static constexpr bool fits_inline() {
    return sizeof(Fn) <= kInlineBytes && alignof(Fn) <= alignof(void*) &&
           std::is_nothrow_move_constructible_v<Fn>;
  }

  static constexpr std::uint32_t kNoSlot = UINT32_MAX;

  void release(std::uint32_t index) {
    ++at(index).generation;
    push_free(index);
  }
  // The free slots form a stack linked through their inline buffers: no side table, and taking a
  // slot touches only the line that is about to be written anyway.
  void push_free(std::uint32_t index) {
    std::memcpy(at(index).storage, &free_, sizeof free_);
    free_ = index;
  }

  template <class Fn>
  static void inline_ops(Op op, std::byte* storage, HandlerSlots* self, std::uint32_t index) {
    Fn* fn = std::launder(reinterpret_cast<Fn*>(storage));
    if (op == Op::invoke) {
      Fn local(std::move(*fn));
      fn->~Fn();
      self->release(index);
      local();
    } else {
      fn->~Fn();
    }
  }

  template <class Fn>
  static void heap_ops(Op op, std::byte* storage, HandlerSlots* self, std::uint32_t index) {
    std::unique_ptr<Fn> fn(*std::launder(reinterpret_cast<Fn**>(storage)));
    if (op == Op::invoke) {
      self->release(index);
      (*fn)();
    }
  }

  Slot& at(std::uint32_t i) { return slots_[i]; }
  const Slot& at(std::uint32_t i) const { return slots_[i]; }

  std::uint32_t acquire() {
    if (free_ != kNoSlot) [[likely]] {
      const std::uint32_t i = free_;
      std::memcpy(&free_, at(i).storage, sizeof free_);
      return i;
    }
    return grow();
  }

  // A slot never used before; the table's only allocation, kept out of the inlined fast path.
  [[gnu::noinline]] std::uint32_t grow() {
    if (count_ >= max_slots_) {
      throw std::length_error("more than " + std::to_string(max_slots_) + " events pending at once");
    }
    slots_.commit(count_ + std::size_t{1}, kChunkSize);
    tags_.commit(count_ + std::size_t{1}, kChunkSize);
    return count_++;
  }

  ReservedArray<Slot> slots_;
  ReservedArray<std::uint32_t> tags_;  // kind (8 bits) | target (24 bits), by slot
  std::uint32_t free_ = kNoSlot;  // top of the stack of free slots
  std::uint32_t count_ = 0;
  std::uint32_t max_slots_;
};

}  // namespace gcmsim
