#pragma once
// Simulation time: an integer count of ticks since the scenario epoch. One tick is one second, so
// every date and duration is exact and runs are bit-for-bit reproducible (no floating-point drift).
#include <cstdint>

namespace gcmsim {

using SimTime = std::int64_t;

inline constexpr SimTime kSecond = 1;
inline constexpr SimTime kMinute = 60 * kSecond;
inline constexpr SimTime kHour = 60 * kMinute;
inline constexpr SimTime kDay = 24 * kHour;
inline constexpr SimTime kWeek = 7 * kDay;

}  // namespace gcmsim
