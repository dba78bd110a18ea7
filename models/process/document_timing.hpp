#pragma once
// How long documents take: the drafting-time policy of the process model.
//   - A document is drafted on working days; its drafting time is random around its planned days
//     (lognormal, sd of the log `delay_sd_days`), and with `late_probability` it needs a further
//     share of its days drawn uniformly in [late_extra_min, late_extra_max] (a late deliverable).
//   - Drafting that becomes possible after noon starts the next working day; it ends at 18:00 of
//     its last working day.
#include "engine/calendar.hpp"
#include "engine/random_streams.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

int drafting_days(int planned_days, const DraftingParameters& params, RandomStream& stream);

SimTime drafting_start(const Calendar& calendar, SimTime earliest);
// Drafting that starts at `start` and takes `days` working days ends at 18:00 of its last day.
SimTime drafting_end(const Calendar& calendar, SimTime start, int days);

}  // namespace gcmsim::model
