#include "models/process/document_timing.hpp"

#include <algorithm>
#include <cmath>

namespace gcmsim::model {
namespace {
constexpr SimTime kNoon = 12 * kHour;
constexpr SimTime kEndOfWorkingDay = 18 * kHour;
}  // namespace

int drafting_days(int planned_days, const DraftingParameters& params, RandomStream& stream) {
  const double factor = std::exp(stream.normal(0.0, params.delay_sd_days));
  double days = planned_days * factor;
  const bool late = stream.bernoulli(params.late_probability);
  // Drawn whether or not the document is late, so the stream's use does not depend on the outcome.
  const double extra = stream.uniform(params.late_extra_min, params.late_extra_max);
  if (late) days += planned_days * extra;
  return std::max(1, static_cast<int>(std::lround(days)));
}

SimTime drafting_start(const Calendar& calendar, SimTime earliest) {
  Date day = calendar.date_of(earliest);
  if (calendar.time_of_day(earliest) >= kNoon || !calendar.is_working_day(day)) {
    day = calendar.add_working_days(day, 1);
    return calendar.at(day);
  }
  return earliest;
}

SimTime drafting_end(const Calendar& calendar, SimTime start, int days) {
  const Date first = calendar.date_of(start);
  const Date last = days <= 1 ? first : calendar.add_working_days(first, days - 1);
  return calendar.at(last) + kEndOfWorkingDay;
}

}  // namespace gcmsim::model
