#pragma once
// Reproducible random numbers: one independent stream per (seed, replication, name[, index]).
//
// A stream's state is derived by hashing its key, never by drawing from a parent generator, so the
// numbers a stream yields do not depend on which other streams exist, in which order they were
// created, or on how many threads run the simulation. The generator (xoshiro256**) and every
// distribution are written here rather than taken from <random>, whose distributions are
// implementation-defined: the same key gives the same integers on every platform, and the same
// doubles wherever the C library's log/exp/sqrt agree (sqrt is exact by IEEE 754; glibc's log,
// log1p and exp are correctly rounded in practice, other libms may differ in the last bit).
#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <string_view>

namespace gcmsim {

// A xoshiro256** generator with the distributions the models need. 32 bytes of state, cheap to
// copy; benchmarks keep one per logical process. Satisfies std::uniform_random_bit_generator.
class RandomStream {
 public:
  using result_type = std::uint64_t;
  using State = std::array<std::uint64_t, 4>;

  // Expands a 64-bit key into the four state words with SplitMix64, as the xoshiro authors advise;
  // the words are never all zero, which is xoshiro's one forbidden state.
  explicit RandomStream(std::uint64_t key) noexcept;

  // Starts from an explicit state, for checking against the published reference sequence.
  // Precondition: not all four words are zero.
  static RandomStream from_state(const State& state) noexcept;

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  result_type operator()() noexcept {
    const std::uint64_t result = std::rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = std::rotl(s_[3], 45);
    return result;
  }

  // In [0, 1), a multiple of 2^-53: the top 53 bits, because the low bits of the output are the
  // weakest and a double holds exactly 53.
  double uniform01() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

  // In [a, b) for a < b (rounding can yield b itself when b - a is not representable exactly).
  double uniform(double a, double b) noexcept { return a + (b - a) * uniform01(); }

  // Unbiased integer in [0, n), Lemire's multiply-and-reject method. n == 0 means the full 2^64.
  std::uint64_t uniform_index(std::uint64_t n) noexcept;

  // Unbiased integer in [lo, hi], both ends included. Precondition: lo <= hi.
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi) noexcept;

  // True with probability p; p <= 0 is never, p >= 1 always.
  bool bernoulli(double p) noexcept { return uniform01() < p; }

  // Exponential with the given mean (not rate), by inverse CDF: -mean * log(1 - U), computed with
  // log1p so that small U keep their precision. Finite for every draw since 1 - U > 0.
  double exponential(double mean) noexcept;

  // Normal by Marsaglia's polar method. The method yields two deviates; the second is dropped so
  // that the stream stays 32 bytes and a draw never depends on an earlier call's leftovers.
  double normal(double mean, double sd) noexcept;

  // exp(N(mu, sigma)): mu and sigma are the mean and standard deviation of the logarithm.
  double lognormal(double mu, double sigma) noexcept;

  // Triangular on [min, max] with the given mode, by inverse CDF.
  // Precondition: min <= mode <= max and min < max.
  double triangular(double min, double mode, double max) noexcept;

  // Gamma(shape, scale), mean shape * scale, by Marsaglia and Tsang's squeeze method (shape < 1 is
  // boosted to shape + 1 and scaled by U^(1/shape)). Precondition: shape > 0, scale > 0.
  double gamma(double shape, double scale) noexcept;

  // Beta(a, b) on [0, 1] as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). Precondition: a, b > 0.
  double beta(double a, double b) noexcept;

  // PERT on [min, max]: a beta scaled to the range, shaped 1 + 4 (mode - min) / (max - min) and
  // 1 + 4 (max - mode) / (max - min), so its mean is (min + 4 mode + max) / 6. The usual model for
  // "optimistic, most likely, pessimistic" durations. Precondition: min <= mode <= max, min < max.
  double pert(double min, double mode, double max) noexcept;

  const State& state() const noexcept { return s_; }
  friend bool operator==(const RandomStream&, const RandomStream&) = default;

 private:
  RandomStream() = default;
  State s_{};
};

static_assert(sizeof(RandomStream) == 32, "one RandomStream per logical process: keep it small");

// The streams of one name, indexed by an integer (one per agent, say). The name is hashed once
// when the family is made, so at(i) costs two SplitMix64 rounds and no allocation.
class StreamFamily {
 public:
  RandomStream at(std::uint64_t index) const noexcept;

 private:
  friend class RandomStreams;
  explicit StreamFamily(std::uint64_t key) noexcept : key_(key) {}
  std::uint64_t key_;
};

// Hands out the streams of one replication. Holds only (seed, replication) and derives every stream
// from them on request, so one instance can be shared by any number of threads.
class RandomStreams {
 public:
  RandomStreams(std::uint64_t seed, std::uint64_t replication) noexcept;

  std::uint64_t seed() const noexcept { return seed_; }
  std::uint64_t replication() const noexcept { return replication_; }

  // stream(name) and stream(name, i) are distinct streams for every i.
  RandomStream stream(std::string_view name) const noexcept;
  RandomStream stream(std::string_view name, std::uint64_t index) const noexcept;
  StreamFamily family(std::string_view name) const noexcept;

 private:
  std::uint64_t seed_;
  std::uint64_t replication_;
  std::uint64_t base_;  // the (seed, replication) part of every key, mixed once
};

}  // namespace gcmsim
