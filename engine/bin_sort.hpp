#pragma once
// Sorting the ladder's `bottom`: a few dozen queue entries whose times lie in a known range.
//
// One counting pass on the time's offset in the range (64 bins, the top six significant bits of the
// offset), then an insertion pass over the result. Entries in different bins are already in order,
// so the insertion pass only reorders entries that share a bin (equal or very close times): it
// compares each entry with its predecessor and nearly always moves on. Plain insertion sort, which
// this replaces, moved every entry past half of those before it, with a mispredicted branch at
// nearly every entry (the profile's largest cost of refilling `bottom`; docs/engine.md gives the
// figures). The order is exact whatever the bins: the insertion pass compares full (time, priority,
// sequence) ranks.
//
// The 64 counters are bytes, so clearing them is one 64-byte store and their prefix sum eight
// multiplications (a byte-wise running sum within each 64-bit word, plus the words before): hence
// at most kMaxEntries entries, whose sum fits a byte.
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "engine/event_queue.hpp"

namespace gcmsim {

class BinSort {
 public:
  static constexpr std::size_t kBins = 64;
  // The ladder's runs hold fewer than kMinRun + kThreshold = 72 entries unless a bucket cannot be
  // split (equal times, or the ladder at its deepest); beyond this they go to std::sort.
  static constexpr std::size_t kMaxEntries = 128;

  // For entries whose times t satisfy lo <= t and t - lo <= max_offset (as unsigned 64-bit offsets,
  // so any range of SimTime works).
  BinSort(SimTime lo, std::uint64_t max_offset)
      : base_(static_cast<std::uint64_t>(lo)), shift_(shift_for(max_offset)) {}

  // Counts an entry in: every entry to sort, once, before sort().
  void count(const QueueEntry& e) { ++next_[bin(e)]; }

  // Sorts the counted entries in[0, n) into out[0, n) by (time, key), n <= kMaxEntries. Once.
  void sort(const QueueEntry* in, std::size_t n, QueueEntry* out) {
    exclusive_prefix_sum();
    for (std::size_t i = 0; i < n; ++i) out[next_[bin(in[i])]++] = in[i];
    // Within a bin the entries keep their input order; put them in rank order.
    for (std::size_t i = 1; i < n; ++i) {
      const QueueEntry v = out[i];
      if (v.time > out[i - 1].time) [[likely]] continue;  // the common case, in one 64-bit compare
      if (!(v < out[i - 1])) continue;
      std::size_t j = i;
      do {
        out[j] = out[j - 1];
        --j;
      } while (j > 0 && v < out[j - 1]);
      out[j] = v;
    }
  }

  // The whole of it, for entries not yet counted.
  static void sort(const QueueEntry* in, std::size_t n, SimTime lo, std::uint64_t max_offset, QueueEntry* out) {
    BinSort s(lo, max_offset);
    for (std::size_t i = 0; i < n; ++i) s.count(in[i]);
    s.sort(in, n, out);
  }

 private:
  static constexpr int kBinBits = 6;
  static_assert(kBins == std::size_t{1} << kBinBits);
  static_assert(kMaxEntries <= 255, "prefix sums are bytes");
  static_assert(std::endian::native == std::endian::little, "bin b is byte b % 8 of word b / 8");

  // The offset's top six significant bits (of the largest offset's width).
  static int shift_for(std::uint64_t max_offset) {
    const auto width = static_cast<int>(std::bit_width(max_offset));
    return width > kBinBits ? width - kBinBits : 0;
  }
  std::size_t bin(const QueueEntry& e) const {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(e.time) - base_) >> shift_);
  }

  // next_[b] becomes the number of entries in bins before b. Eight bytes at a time: multiplying a
  // word by 0x0101...01 sets each byte to the sum of it and the bytes below it (no byte carries,
  // since every sum is at most kMaxEntries).
  void exclusive_prefix_sum() {
    std::array<std::uint8_t, kBins>& counts = next_;
    constexpr std::uint64_t kOnes = 0x0101010101010101;
    std::uint64_t before = 0;  // entries in the words already done
    for (std::size_t w = 0; w < kBins; w += 8) {
      std::uint64_t word;
      std::memcpy(&word, counts.data() + w, 8);
      const std::uint64_t inclusive = word * kOnes;
      const std::uint64_t exclusive = inclusive - word + before * kOnes;
      before += inclusive >> 56;
      std::memcpy(counts.data() + w, &exclusive, 8);
    }
  }

  std::uint64_t base_;
  int shift_;
  // Entries per bin while counting; then the position of the bin's next entry in the output.
  alignas(8) std::array<std::uint8_t, kBins> next_{};
};

}  // namespace gcmsim
