#include "engine/fingerprint.hpp"

#include <cstdio>
#include <ostream>

namespace gcmsim {
namespace {

// SplitMix64's finaliser: every input bit affects every output bit.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

void Fingerprint::on_event(SimTime time, EventTag tag) {
  // Chained so that order matters: swapping two events changes the result.
  state_ = mix(state_ ^ static_cast<std::uint64_t>(time));
  state_ = mix(state_ ^ (std::uint64_t{tag.kind} << 32 | tag.target));
  ++events_;
}

std::string Fingerprint::hex() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(state_));
  return buf;
}

void EventTrace::on_event(SimTime time, EventTag tag) {
  out_ << time << ' ' << tag.kind << ' ' << tag.target << '\n';
}

}  // namespace gcmsim
