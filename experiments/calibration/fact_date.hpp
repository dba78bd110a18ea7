#pragma once
// The date of an observed fact, as calibration and hold-out files write it (YYYY-MM-DD), and the
// rule that splits facts at a cutoff: a calibration target is dated on or before the cutoff its file
// declares, a hold-out fact after it (docs/validation.md).
#include <chrono>
#include <optional>
#include <string>

namespace gcmsim::calibration {

// A calendar date "YYYY-MM-DD" (a real day: 2018-02-30 is not one); nothing otherwise.
std::optional<std::chrono::sys_days> parse_fact_date(const std::string& text);

// "YYYY-MM-DD".
std::string format_fact_date(std::chrono::sys_days day);

}  // namespace gcmsim::calibration
