#pragma once
// What one simulated run of the process records. Plain data: the process model fills it, output/
// writes it, nothing else changes it.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "engine/sim_time.hpp"
#include "engine/calendar.hpp"
#include "models/plan.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

// What set an activity's simulated start.
struct StartCause {
  bool planned = true;                    // its planned date (or window) was the binding constraint
  std::optional<std::size_t> waited_for;  // otherwise the prerequisite that finished last
  bool waited_for_appointment = false;    // or the appointment of the Secretary-General of the Conference (OP10)
};

struct ActivityRecord {
  bool started = false;
  bool finished = false;
  SimTime start = 0;  // first tick of the activity (meetings: first session slot)
  SimTime end = 0;    // last tick (meetings: when the last agenda item closed)
  StartCause cause;
  // A meeting that keeps its date (keeps_its_date): its inputs not yet finished when it opened. They
  // reach it late and weigh less (docs/model.md, "Soft and hard needs").
  int inputs_missing = 0;
};

// One member state at one meeting.
struct StateAtMeeting {
  bool present = false;
  bool funded = false;        // its delegate's travel paid by the trust fund
  bool funding_refused = false;  // asked the trust fund and found it short
  bool moderated = false;     // moderated a panel (OP17)
  bool heard_through_group = false;  // a group it belongs to made a statement at this meeting
  bool chairing = false;      // a co-facilitator's state at a meeting they chair: it chairs, it does not take the floor
  bool capital_expert = false;  // capital-based experts in the delegation (self-paid, or a funded trip)
  int floor_requests = 0;
  int interventions = 0;
  int unserved_requests = 0;  // asked for the floor and never got it
  double speaking_minutes = 0.0;
};

// One stakeholder population (by kind) at one meeting.
struct StakeholdersAtMeeting {
  int registered = 0;
  int accredited = 0;  // registered and allowed in (ECOSOC status, or no objection, OP6)
  int admitted = 0;    // accredited and seated within the room's capacity
  int speaking = 0;    // picked by the steering committee within the programme's slots
};

struct MeetingRecord {
  std::size_t activity = 0;
  std::vector<StateAtMeeting> states;               // by member-state index
  std::vector<StakeholdersAtMeeting> stakeholders;  // by stakeholder population index
  std::vector<std::size_t> moderators;              // member-state indices, one per panel
  double floor_minutes = 0.0;                       // time the floor was open to delegations
  struct GroupStatement {
    std::size_t group = 0;    // index into Scenario::speaking_groups
    std::size_t speaker = 0;  // the member state delivering it (the group's chair)
    double minutes = 0.0;
  };
  std::vector<GroupStatement> group_statements;
};

// One movement of the trust fund's money (OP31): a contribution arriving, or a trip paid.
enum class TrustFundFlow { contribution, trip };
inline constexpr std::array<std::string_view, 2> kTrustFundFlowNames = {"contribution", "trip"};
inline std::string_view to_string(TrustFundFlow f) { return kTrustFundFlowNames[static_cast<std::size_t>(f)]; }

struct TrustFundEntry {
  SimTime when = 0;
  TrustFundFlow flow = TrustFundFlow::contribution;
  std::optional<std::size_t> contribution;  // contribution: its index in the policy's list, when known
  std::optional<std::size_t> state;         // trip: the member state whose delegates travelled
  std::optional<std::size_t> activity;      // trip: the meeting, when known
  int delegates = 0;                        // trip: delegates paid for
  double amount = 0.0;                      // USD, positive whichever way it moves
  double balance = 0.0;                     // USD in the fund after it
};

struct TrustFundRecord {
  double raised = 0.0;
  double spent = 0.0;
  int trips_funded = 0;
  int requests_refused = 0;  // eligible requests it could not pay
  std::optional<SimTime> ran_dry;  // the first time an eligible request found it short
  // The first time it found a request short after the last pledge had arrived: empty for good
  // ("the trust fund is empty", the co-facilitators on 14 May 2018).
  std::optional<SimTime> exhausted{};
  std::vector<TrustFundEntry> ledger;  // every movement, in the order it happened
};

// Why a member state left, as numbers (output/narration.hpp words it).
enum class WithdrawalCause {
  text,      // the draft moved too far from its views: acceptance fell below its reservation
  scripted,  // the scenario's events say so, on a date
  dissociated,  // after the text was agreed, domestic politics turned against it (a drawn hazard)
};

struct Withdrawal {
  std::size_t state = 0;
  SimTime when = 0;
  WithdrawalCause cause = WithdrawalCause::scripted;
  double acceptance = 0.0;   // cause text: its acceptance of the revised draft
  double reservation = 0.0;  // cause text: the acceptance below which it leaves
  std::string note;          // cause scripted: the scenario's note (data, may be empty)
};

// Negotiation dynamics (docs/negotiation.md); positions and draft on the scenario's scale.
struct DraftSnapshot {
  std::size_t round = 0;  // activity index of the negotiation round (or the zero draft)
  int day = 0;            // sitting day within the round; 0 = the text as revised at the round's end
  SimTime when = 0;
  std::vector<double> draft;      // per dimension
  std::vector<double> dissent;    // per dimension, on the 0-1 scale
  std::vector<bool> bracketed;    // per dimension
  double consensus_share = 0.0;   // share of remaining states whose acceptance reaches the adopt threshold
  int remaining = 0;              // states still in the process
  std::vector<int> objecting;     // per dimension: delegations holding a bracket on it
  int consultation = 0;           // 0, or j for the j-th informal consultation after the last round (OP29)
};

// Per dimension. Inline up to 8 dimensions (the baseline has 7): a run records one snapshot per
// state and sitting day, ~45,000 in the baseline, and a heap block each was most of their cost.
using PositionVector = boost::container::small_vector<double, 8>;

struct PositionSnapshot {
  std::size_t round = 0;
  SimTime when = 0;
  std::size_t state = 0;
  PositionVector position;
  double acceptance = 0.0;
  bool in = true;
  int day = 0;  // sitting day within the round; 0 = at the round's end (or the zero draft: the initial views)
};

// At the conference the agreed text is adopted by acclamation: a state present and still in the
// process joins the consensus (adopt); one still in but not there is absent; one that dissociated
// from the text after it was agreed is listed so; one that left before agreement is left.
enum class ConferenceVote { adopt, absent, dissociated, left };
inline constexpr std::array<std::string_view, 4> kConferenceVoteNames = {"adopt", "absent", "dissociated", "left"};
inline std::string_view to_string(ConferenceVote v) { return kConferenceVoteNames[static_cast<std::size_t>(v)]; }
// A later General Assembly endorsement is a recorded vote.
enum class GaVote { yes, no, abstain, absent };
inline constexpr std::array<std::string_view, 4> kGaVoteNames = {"yes", "no", "abstain", "absent"};
inline std::string_view to_string(GaVote v) { return kGaVoteNames[static_cast<std::size_t>(v)]; }

// The conference's decision counted by category (the one place that counts them).
struct ConferenceTally {
  int adopt = 0;
  int absent = 0;
  int dissociated = 0;
  int left = 0;
};

// A decision asked of a played seat (models/negotiation/played_seats.hpp), with what the model
// would have decided: the debrief compares the two, and a session replays from them.
struct PlayerDecision {
  SimTime at = 0;
  std::size_t state = 0;       // member-state index
  std::uint32_t kind = 0;      // SeatDecision
  int subject = -1;            // the dimension, where the decision has one
  int choice = 0;              // what was done
  int model_choice = 0;        // what the model would have done in the seat
  bool answered = false;       // false: no answer in time, the model's choice stood
};

struct NegotiationRecord {
  std::vector<std::string> dimensions;
  std::vector<DraftSnapshot> dynamics;
  std::vector<PositionSnapshot> positions;  // initial, per sitting day and per round end, per participating state
  int rounds_held = 0;
  int scheduled_rounds = 0;          // rounds in the plan: the last is the deadline
  int informal_consultations = 0;    // OP29 consultations held after the last scheduled round
  std::optional<SimTime> agreed_at;  // when no delegation maintained an objection any more
  std::optional<std::size_t> agreed_round;  // the round (activity) at or after whose end it was agreed
  std::vector<std::size_t> holdouts;  // states holding a bracket when the last scheduled round closed
  std::vector<std::pair<std::size_t, SimTime>> dissociations;  // after agreement, by date
  bool text_adopted = false;         // the conference adopted an agreed text (never without one)
  std::vector<std::pair<std::size_t, ConferenceVote>> conference;  // participating states; empty without a text
  std::optional<SimTime> conference_at;
  std::vector<std::pair<std::size_t, GaVote>> ga_vote;  // when the scenario asks for it and a text was adopted
  std::vector<PlayerDecision> decisions;  // of played seats only, in the order asked
};

inline ConferenceTally tally(const NegotiationRecord& record) {
  ConferenceTally t;
  for (const auto& [state, vote] : record.conference) {
    t.adopt += vote == ConferenceVote::adopt;
    t.absent += vote == ConferenceVote::absent;
    t.dissociated += vote == ConferenceVote::dissociated;
    t.left += vote == ConferenceVote::left;
  }
  return t;
}

struct RunResults {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  std::vector<ActivityRecord> activities;  // by activity index
  std::vector<MeetingRecord> meetings;     // in the order they were held
  TrustFundRecord trust_fund;
  std::vector<Withdrawal> withdrawals;
  std::optional<NegotiationRecord> negotiation;
  std::uint64_t events = 0;
  std::string fingerprint;
};

// Calendar days from the planned last day to the simulated one: the slip of a finished activity.
// The one definition timeline.csv, the terminal summary and the slip_days metric all use.
inline int slip_days(const PlannedActivity& planned, const ActivityRecord& record, const Calendar& calendar) {
  const auto simulated = std::chrono::sys_days{calendar.date_of(record.end)};
  return static_cast<int>((simulated - std::chrono::sys_days{planned.end}).count());
}

}  // namespace gcmsim::model
