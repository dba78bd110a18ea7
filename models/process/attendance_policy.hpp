#pragma once
// Who comes to a meeting: each invited member state still in the process draws against its
// attendance probability (attendance.hpp); an eligible delegation that would travel with support
// asks the trust fund (OP31), which pays in its priority order while money lasts; the
// co-facilitators co-chair their meetings (OP5, OP15, OP23) and moderators lead their panels (OP17).
#include <cstddef>
#include <vector>

#include "engine/random_streams.hpp"
#include "models/process/process_state.hpp"
#include "models/scenario.hpp"
#include "models/setup/scenario_setup.hpp"

namespace gcmsim::model {

// Fills meeting.states[k].present / funded / funding_refused / moderated for the meeting of
// `meeting.activity` (meeting.states sized to the member states, meeting.moderators set), paying
// funded trips from state.fund at `now`. The chances are the setup's (ScenarioSetup::meeting_odds,
// meeting_odds.hpp). One uniform is drawn per member state, invited or not, so one state's change
// leaves the others' draws alone.
void decide_attendance(const ScenarioSetup& setup, SimTime now, ProcessState& state, RandomStream& stream,
                       MeetingRecord& meeting);

}  // namespace gcmsim::model
