#include "engine/random_streams.hpp"

#include <cassert>
#include <cmath>

namespace gcmsim {
namespace {

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15;  // 2^64 / golden ratio, SplitMix64's step

// SplitMix64's output function: a bijection on 64 bits whose every output bit depends on every
// input bit, so nearby keys (replication 3 and 4, agent 17 and 18) give unrelated results.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
  return z ^ (z >> 31);
}

// 64-bit FNV-1a over the bytes of the name. Weak on its own, hence mixed again before use.
constexpr std::uint64_t fnv1a64(std::string_view text) noexcept {
  std::uint64_t hash = 0xCBF29CE484222325;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x00000100000001B3;
  }
  return hash;
}

// Domain tags keep the three kinds of key apart: a seed can never be confused with an index.
constexpr std::uint64_t kSeedTag = 0x5EED5EED5EED5EED;
constexpr std::uint64_t kReplicationTag = 0x4E504C4943415445;
constexpr std::uint64_t kIndexTag = 0x1D1D1D1D1D1D1D1D;

constexpr std::uint64_t name_key(std::uint64_t base, std::string_view name) noexcept {
  return mix64(base ^ fnv1a64(name));
}

constexpr std::uint64_t indexed_key(std::uint64_t key, std::uint64_t index) noexcept {
  return mix64(key ^ mix64(index + kIndexTag));
}

struct Product128 {
  std::uint64_t high;
  std::uint64_t low;
};

// The full 128-bit product of two 64-bit words. Both branches give the same bits; the portable one
// is for compilers without a 128-bit integer.
Product128 multiply_full(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__SIZEOF_INT128__)
  __extension__ typedef unsigned __int128 Uint128;
  const Uint128 product = static_cast<Uint128>(a) * b;
  return {static_cast<std::uint64_t>(product >> 64), static_cast<std::uint64_t>(product)};
#else
  constexpr std::uint64_t kLow32 = 0xFFFFFFFF;
  const std::uint64_t a_low = a & kLow32;
  const std::uint64_t a_high = a >> 32;
  const std::uint64_t b_low = b & kLow32;
  const std::uint64_t b_high = b >> 32;
  const std::uint64_t low_low = a_low * b_low;
  const std::uint64_t low_high = a_low * b_high;
  const std::uint64_t high_low = a_high * b_low;
  const std::uint64_t high_high = a_high * b_high;
  const std::uint64_t middle = (low_low >> 32) + (low_high & kLow32) + (high_low & kLow32);
  return {high_high + (low_high >> 32) + (high_low >> 32) + (middle >> 32),
          (middle << 32) | (low_low & kLow32)};
#endif
}

}  // namespace

RandomStream::RandomStream(std::uint64_t key) noexcept {
  // Four consecutive SplitMix64 outputs: distinct, because mix64 is a bijection on distinct inputs,
  // so at most one word is zero.
  for (std::uint64_t& word : s_) {
    key += kGolden;
    word = mix64(key);
  }
}

RandomStream RandomStream::from_state(const State& state) noexcept {
  assert((state[0] | state[1] | state[2] | state[3]) != 0 && "xoshiro256** state must not be zero");
  RandomStream stream;
  stream.s_ = state;
  return stream;
}

std::uint64_t RandomStream::uniform_index(std::uint64_t n) noexcept {
  if (n == 0) return (*this)();
  // The high word of x * n is in [0, n). It is biased only when the low word falls below
  // 2^64 mod n, and those draws are rejected; the modulo (a division) is needed only when the low
  // word is below n, which is rare for small n.
  Product128 product = multiply_full((*this)(), n);
  if (product.low < n) {
    const std::uint64_t threshold = (std::uint64_t{0} - n) % n;
    while (product.low < threshold) product = multiply_full((*this)(), n);
  }
  return product.high;
}

std::int64_t RandomStream::uniform_int(std::int64_t lo, std::int64_t hi) noexcept {
  assert(lo <= hi);
  // Unsigned arithmetic wraps, so hi - lo + 1 is the width even across zero, and 0 for the full
  // 64-bit range, which uniform_index reads as 2^64. The conversion back is modular in C++20.
  const auto low = static_cast<std::uint64_t>(lo);
  const std::uint64_t width = static_cast<std::uint64_t>(hi) - low + 1;
  return static_cast<std::int64_t>(low + uniform_index(width));
}

double RandomStream::exponential(double mean) noexcept {
  return -mean * std::log1p(-uniform01());
}

double RandomStream::normal(double mean, double sd) noexcept {
  // Each draw is its own statement: the order of evaluation inside one expression is unspecified,
  // and a different order would give different numbers on another compiler.
  double u = 0.0;
  double s = 0.0;
  do {
    u = 2.0 * uniform01() - 1.0;
    const double v = 2.0 * uniform01() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  return mean + sd * u * std::sqrt(-2.0 * std::log(s) / s);
}

double RandomStream::lognormal(double mu, double sigma) noexcept {
  return std::exp(normal(mu, sigma));
}

double RandomStream::triangular(double min, double mode, double max) noexcept {
  assert(min <= mode && mode <= max && min < max);
  const double u = uniform01();
  const double range = max - min;
  if (u * range < mode - min) return min + std::sqrt(u * range * (mode - min));
  return max - std::sqrt((1.0 - u) * range * (max - mode));
}

double RandomStream::gamma(double shape, double scale) noexcept {
  assert(shape > 0.0 && scale > 0.0);
  if (shape < 1.0) {
    // If G ~ Gamma(shape + 1) and U ~ U(0, 1], G * U^(1/shape) ~ Gamma(shape).
    const double boosted = gamma(shape + 1.0, scale);
    const double u = 1.0 - uniform01();
    return boosted * std::pow(u, 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = normal(0.0, 1.0);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform01();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v * scale;  // the squeeze: no logarithm needed
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v * scale;
  }
}

double RandomStream::beta(double a, double b) noexcept {
  assert(a > 0.0 && b > 0.0);
  const double x = gamma(a, 1.0);
  const double y = gamma(b, 1.0);
  const double total = x + y;
  // Both gammas underflow to zero only for tiny shapes, where the beta is all but a coin toss
  // between 0 and 1 weighted by the means.
  if (total == 0.0) return uniform01() * (a + b) < a ? 1.0 : 0.0;
  return x / total;
}

double RandomStream::pert(double min, double mode, double max) noexcept {
  assert(min <= mode && mode <= max && min < max);
  const double range = max - min;
  const double a = 1.0 + 4.0 * (mode - min) / range;
  const double b = 1.0 + 4.0 * (max - mode) / range;
  return min + range * beta(a, b);
}

RandomStream StreamFamily::at(std::uint64_t index) const noexcept {
  return RandomStream(indexed_key(key_, index));
}

RandomStreams::RandomStreams(std::uint64_t seed, std::uint64_t replication) noexcept
    : seed_(seed),
      replication_(replication),
      // Chained rather than combined symmetrically: for one seed, distinct replications are
      // guaranteed distinct bases because mix64 is a bijection.
      base_(mix64(mix64(seed ^ kSeedTag) ^ (replication + kReplicationTag))) {}

RandomStream RandomStreams::stream(std::string_view name) const noexcept {
  return RandomStream(name_key(base_, name));
}

RandomStream RandomStreams::stream(std::string_view name, std::uint64_t index) const noexcept {
  return RandomStream(indexed_key(name_key(base_, name), index));
}

StreamFamily RandomStreams::family(std::string_view name) const noexcept {
  return StreamFamily(name_key(base_, name));
}

}  // namespace gcmsim
