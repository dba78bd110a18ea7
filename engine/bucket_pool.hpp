#pragma once
// Unsorted buckets of queue entries for the ladder queue, stored as chains of 64-byte blocks drawn
// from one pool.
//
// A ladder keeps hundreds of thousands of buckets of a few dozen entries each, filled one entry at a
// time and emptied all at once. A std::vector per bucket would cost a 24-byte header, an allocation
// and up to half its capacity unused (8 bytes per event on average, 150 measured at a million events
// once capacities are kept); here a bucket is 8 bytes (its newest block, its size) and wastes at most
// one partly filled block, and a block is one cache line of four entries, so appending touches one
// line and draining reads whole lines. Blocks freed by a drained bucket are reused first (LIFO), while
// they are still in cache; the pool is a MappedBuffer, so its memory follows the blocks in use.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "engine/event_queue.hpp"
#include "engine/mapped_buffer.hpp"

namespace gcmsim {

class BucketPool {
 public:
  static constexpr std::uint32_t kBlockEntries = 4;
  static constexpr std::uint32_t kNone = UINT32_MAX;

  // A chain of blocks, newest first; every block but the newest is full.
  struct Bucket {
    std::uint32_t head = kNone;
    std::uint32_t size = 0;
    bool empty() const { return size == 0; }
  };

  void append(Bucket& b, QueueEntry e) {
    std::uint32_t fill = b.size % kBlockEntries;
    if (fill == 0) {
      const std::uint32_t block = allocate();
      next_[block] = b.head;
      b.head = block;
    }
    blocks_[b.head].entries[fill] = e;
    ++b.size;
  }

  // Calls f(entry) for every entry of the bucket and empties it; f may append to other buckets.
  template <class F>
  void drain(Bucket& b, F&& f) {
    std::uint32_t block = b.head;
    std::uint32_t count = b.size % kBlockEntries == 0 ? kBlockEntries : b.size % kBlockEntries;
    b = Bucket{};
    // The links are dense and hot, the blocks were written long ago and are not: ask for all of the
    // chain's lines at once instead of missing on them one after the other.
    for (std::uint32_t k = block; k != kNone; k = next_[k]) __builtin_prefetch(&blocks_[k]);
    while (block != kNone) {
      // Freed only once read: f may append elsewhere, and must not be handed this block meanwhile.
      const std::uint32_t next = next_[block];
      for (std::uint32_t i = 0; i < count; ++i) f(blocks_[block].entries[i]);
      release(block);
      block = next;
      count = kBlockEntries;
    }
  }

  // Moves the bucket's entries to `out` and empties it; returns past the last entry. Copies whole
  // blocks (64 bytes, no loop on how many entries a block holds), so `out` needs room for
  // kBlockEntries - 1 entries more than the bucket holds.
  QueueEntry* take(Bucket& b, QueueEntry* out) {
    std::uint32_t block = b.head;
    std::uint32_t count = (b.size - 1) % kBlockEntries + 1;  // in the newest block (unused if empty)
    b = Bucket{};
    for (std::uint32_t k = block; k != kNone; k = next_[k]) __builtin_prefetch(&blocks_[k]);
    while (block != kNone) {
      const std::uint32_t next = next_[block];
      std::memcpy(out, blocks_[block].entries, sizeof(Block));
      out += count;
      release(block);
      block = next;
      count = kBlockEntries;
    }
    return out;
  }

  template <class F>
  void for_each(const Bucket& b, F&& f) const {
    std::uint32_t block = b.head;
    std::uint32_t count = b.size % kBlockEntries == 0 ? kBlockEntries : b.size % kBlockEntries;
    for (; block != kNone; block = next_[block], count = kBlockEntries) {
      for (std::uint32_t i = 0; i < count; ++i) f(blocks_[block].entries[i]);
    }
  }

  // Forgets every block (the buckets that referred to them must be reset too).
  void clear() {
    blocks_.clear();
    next_.clear();
    free_ = kNone;
  }

 private:
  struct alignas(64) Block {
    QueueEntry entries[kBlockEntries];
  };

  std::uint32_t allocate() {
    if (free_ != kNone) {
      const std::uint32_t block = free_;
      free_ = next_[block];
      return block;
    }
    blocks_.push_back(Block{});
    next_.push_back(kNone);
    return static_cast<std::uint32_t>(blocks_.size() - 1);
  }
  void release(std::uint32_t block) {
    next_[block] = free_;
    free_ = block;
  }

  MappedBuffer<Block> blocks_;
  MappedBuffer<std::uint32_t> next_;  // the chain of a bucket, or of the free blocks
  std::uint32_t free_ = kNone;
};

}  // namespace gcmsim
