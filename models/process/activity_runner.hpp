#pragma once
// When activities can start and how long documents take: the timing rules of the process model.
//   - A meeting opens at the first session of a working day at its venue, on or after the day it may
//     start; if it becomes possible only during a day, it opens the next working day.
//   - A document is drafted on working days; its drafting time is random around its planned days
//     (lognormal, sd of the log `delay_sd_days`), and with `late_probability` it needs a further
//     20-60% (a late deliverable). Drafting that becomes possible after noon starts the next day.
#include "engine/calendar.hpp"
#include "engine/random_streams.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

SimTime meeting_opening(const Calendar& calendar, VenueId venue, SimTime earliest);

// The day's first session tick at `venue` for the working day that contains or follows `t`.
SimTime first_session_of_day(const Calendar& calendar, VenueId venue, SimTime t);

int drafting_days(int planned_days, const DraftingParameters& params, RandomStream& stream);

// Drafting that may start at `earliest` and takes `days` working days ends at 18:00 of its last day.
SimTime drafting_start(const Calendar& calendar, SimTime earliest);
SimTime drafting_end(const Calendar& calendar, SimTime start, int days);

}  // namespace gcmsim::model
