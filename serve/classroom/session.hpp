#pragma once
// One classroom session (docs/serve.md, "The classroom"): a scenario played once, with some
// delegations' seats taken by students and the model playing the rest. The simulation runs on the
// session's own thread, not the worker pool: it waits on people for as long as a lesson lasts, and a
// pool worker held that long would starve the studio's compares. Each played seat answers through a
// DecisionMailbox with the teacher's deadline; a seat nobody joined is played by the model at once.
// The teacher starts, pauses (the mailboxes hold: nobody's time runs out), skips to the end of a
// round, and ends (every question from then on gets the model's answer). Every change bumps a
// version that screens wait on.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/decision_mailbox.hpp"
#include "models/negotiation/played_seats.hpp"
#include "models/run/prepared_scenario.hpp"
#include "models/run_results.hpp"
#include "serve/classroom/board.hpp"
#include "serve/classroom/pacer.hpp"
#include "serve/common/limits.hpp"

namespace gcmsim::serve::classroom {

struct SessionOptions {
  std::string scenario;              // the shipped scenario's name
  std::string scenario_path;         // as a command line names it (scenarios/classroom.yaml)
  std::vector<std::string> seats;    // iso3 of the delegations students play
  std::uint64_t seed = 1;
  int decision_seconds = 60;
  int pace_ms = 800;
};

// Who is looking: the teacher, the projector (the join code), or one student's seat.
struct Viewer {
  enum class Kind { teacher, projector, student } kind = Kind::projector;
  std::string seat_token;  // for a student
};

class Session {
 public:
  Session(std::string id, std::string code, std::shared_ptr<const sim::PreparedScenario> prepared, SessionOptions options,
          const Limits& limits);
  ~Session();  // ends the session and waits for its thread
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const std::string& id() const { return id_; }
  const std::string& code() const { return code_; }
  const SessionOptions& options() const { return options_; }

  struct Joined {
    std::string token;
    std::string iso3;
    std::string state;
  };
  // A student takes a place at `iso3` (empty: the played seat with the fewest players). Refusal:
  // 404 not a played seat, 409 the seat or the session is full, or the session has ended.
  Joined join(const std::string& iso3, const std::string& name);
  // True when `token` is a student's of this session.
  bool has_player(const std::string& token) const;

  // "start", "pause", "resume", "skip" (to the end of the round), "end". Refusal 409 when the
  // command does not apply now, 400 for an unknown one.
  void control(const std::string& action);

  // A student's answer to question `number` of their seat. Refusal: 403 unknown player, 409 the
  // question is no longer waiting (answered by a teammate, timed out, or the session moved on),
  // 400 a choice that is not one of its options.
  void answer(const std::string& token, std::uint64_t number, int choice);

  nlohmann::json view(const Viewer& viewer) const;
  // view() as JSON text, and the version it shows: what every screen's stream sends. The part all
  // screens share is built and serialised once per version (forty students, one board).
  std::pair<std::string, std::uint64_t> view_text(const Viewer& viewer) const;
  std::uint64_t version() const;
  // Waits until the version passes `seen` or `timeout` elapses; returns the version then.
  std::uint64_t wait_change(std::uint64_t seen, std::chrono::milliseconds timeout) const;
  bool finished() const;

  // After the end (else Refusal 409): the outcome, the model's own run with the same seed, and each
  // played seat's decisions against what the model would have done there.
  nlohmann::json debrief() const;
  // decisions.csv: `gcmsim run SCENARIO --seed S --replay decisions.csv` replays the session.
  std::string decisions_csv() const;
  // The played run's results, once finished (else Refusal 409).
  model::RunResults results() const;

 private:
  struct Seat;
  class SeatDecider;
  class Listener;

  void run();
  void changed();  // under mutex_
  Seat* seat_of_token(const std::string& token) const;  // under mutex_
  nlohmann::json seat_json(const Seat& seat, bool own) const;  // under mutex_
  const nlohmann::json& shared_view() const;                   // under mutex_: cached per version

  const std::string id_, code_;
  const std::shared_ptr<const sim::PreparedScenario> prepared_;
  const SessionOptions options_;
  const Limits limits_;
  Pacer pacer_;
  model::PlayedSeats played_;
  std::vector<std::unique_ptr<Seat>> seats_;

  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  std::uint64_t version_ = 0;
  Board board_;
  std::size_t players_ = 0;
  bool finished_ = false;
  std::string error_;
  std::optional<model::RunResults> results_;
  std::optional<model::RunResults> model_alone_;
  mutable nlohmann::json shared_;            // shared_view()'s cache
  mutable std::string shared_text_;          // and its text
  mutable std::uint64_t shared_version_ = ~std::uint64_t{0};
  std::thread thread_;
};

}  // namespace gcmsim::serve::classroom
