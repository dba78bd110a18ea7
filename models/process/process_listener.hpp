#pragma once
// What the process model tells a listener as it happens: typed events carrying indices and numbers,
// never sentences. output/narration.hpp words them for a reader; a test or a notebook can count
// them. Events are built only when a listener is attached, so an unwatched run pays nothing.
#include <cstddef>
#include <variant>
#include <vector>

#include "engine/sim_time.hpp"
#include "models/run_results.hpp"

namespace gcmsim::model {

// A meeting opened: `present` of the `invited` member states (still in the process) came.
struct MeetingOpened {
  std::size_t activity = 0;
  int present = 0;
  int invited = 0;
  int boycotting = 0;  // invited states kept away by a scripted boycott (Scenario::boycotts)
};

// The co-facilitators circulated the zero draft (the activity that produced it).
struct ZeroDraftCirculated {
  std::size_t activity = 0;
  std::vector<double> draft;    // per dimension, on the scenario's scale
  std::vector<bool> bracketed;  // per dimension
};

// A delegation spoke in a negotiation round and pulled the working draft toward it.
struct FloorTaken {
  std::size_t round = 0;  // activity index
  int round_number = 0;   // 1, 2, ...
  int day = 1;            // sitting day within the round
  std::size_t state = 0;
  std::size_t dimension = 0;  // the dimension it spoke on
  double moved = 0.0;         // how far the draft moved toward it, on the scenario's scale
  int group = -1;             // a group statement: index into Scenario::speaking_groups; `state` speaks for it
};

// A negotiation day closed; informal consultations moved positions by `mean_move` on average.
struct NegotiationDayClosed {
  std::size_t round = 0;
  int round_number = 0;
  int day = 1;
  double mean_move = 0.0;
};

// A member state left the process (the withdrawal as the results record it).
struct StateLeft {
  Withdrawal withdrawal;
};

// A negotiation round ended and the co-facilitators revised the text.
struct RoundEnded {
  std::size_t round = 0;
  int round_number = 0;
  std::vector<double> draft;    // per dimension, on the scenario's scale
  std::vector<bool> bracketed;  // per dimension
  double consensus_share = 0.0; // of the remaining states
  int remaining = 0;
  bool agreed = false;          // the text was agreed at this round
  // Why not, when it was not: per dimension the delegations holding a bracket on it, and the member
  // states holding any (consensus: one objection is enough).
  std::vector<int> objecting{};
  std::vector<std::size_t> holders{};
  bool deadline = false;        // this was the last scheduled round
};

// The conference decided (res. 72/244).
// With no agreed text it adopts nothing (text_adopted false, an empty tally).
struct ConferenceHeld {
  std::size_t activity = 0;
  ConferenceTally tally;
  bool text_adopted = false;
};

using ProcessEvent =
    std::variant<MeetingOpened, ZeroDraftCirculated, FloorTaken, NegotiationDayClosed, StateLeft, RoundEnded, ConferenceHeld>;

class ProcessListener {
 public:
  virtual ~ProcessListener() = default;
  virtual void on_event(SimTime when, const ProcessEvent& event) = 0;
};

}  // namespace gcmsim::model
