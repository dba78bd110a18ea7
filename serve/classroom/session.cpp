#include "serve/classroom/session.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "models/run/simulate.hpp"
#include "output/csv.hpp"
#include "output/decision_log.hpp"
#include "serve/common/jobs.hpp"

namespace gcmsim::serve::classroom {

using nlohmann::json;

struct Session::Seat {
  std::size_t state = 0;
  std::unique_ptr<DecisionMailbox> mailbox;
  std::unique_ptr<SeatDecider> decider;
  std::vector<std::pair<std::string, std::string>> players;  // (token, name)
  std::atomic<bool> present{false};                         // someone joined: the seat waits for them
  std::optional<model::SeatView> view;                      // as of its last question
  std::optional<ExternalQuestion> asking;                   // the question waiting now
  std::uint64_t asking_number = 0;                          // its number in the mailbox
  std::vector<model::PlayerDecision> decided;               // its questions so far, answered or not
};

// The seat's decider: a seat nobody joined is played by the model at once; a joined one waits for
// its students through the mailbox. Screens learn of the question before the mailbox posts it:
// Session::answer waits for the post, so a quick click is never refused for being early.
class Session::SeatDecider final : public ExternalDecider {
 public:
  SeatDecider(Session& session, Seat& seat) : session_(session), seat_(seat) {}

  std::optional<int> decide(const ExternalQuestion& q) override {
    if (!seat_.present) return remember(q, std::nullopt);
    {
      std::lock_guard lock(session_.mutex_);
      seat_.asking = q;
      seat_.asking_number = seat_.mailbox->asked() + 1;  // only this thread asks: the next number
      session_.changed();
    }
    return remember(q, seat_.mailbox->decide(q));
  }

 private:
  std::optional<int> remember(const ExternalQuestion& q, std::optional<int> answer) {
    std::lock_guard lock(session_.mutex_);
    seat_.asking.reset();
    seat_.decided.push_back(model::PlayerDecision{q.at, q.agent, q.kind, q.subject, answer.value_or(q.model_choice),
                                                  q.model_choice, answer.has_value()});
    session_.changed();
    return answer;
  }

  Session& session_;
  Seat& seat_;
};

// The process events: onto the board, then the teacher's pace.
class Session::Listener final : public model::ProcessListener {
 public:
  explicit Listener(Session& session) : session_(session) {}
  void on_event(SimTime when, const model::ProcessEvent& event) override {
    {
      std::lock_guard lock(session_.mutex_);
      session_.board_.on_event(when, event);
      session_.changed();
    }
    session_.pacer_.after_event(std::holds_alternative<model::RoundEnded>(event));
  }

 private:
  Session& session_;
};

Session::Session(std::string id, std::string code, std::shared_ptr<const sim::PreparedScenario> prepared,
                 SessionOptions options, const Limits& limits)
    : id_(std::move(id)),
      code_(std::move(code)),
      prepared_(std::move(prepared)),
      options_(std::move(options)),
      limits_(limits),
      pacer_(std::chrono::milliseconds(options_.pace_ms)),
      board_(*prepared_) {
  const model::Scenario& s = prepared_->scenario();
  played_.by_state.assign(s.member_states.size(), nullptr);
  for (const std::string& iso3 : options_.seats) {
    const auto it = std::find_if(s.member_states.begin(), s.member_states.end(), [&](const auto& m) { return m.iso3 == iso3; });
    auto seat = std::make_unique<Seat>();
    seat->state = static_cast<std::size_t>(it - s.member_states.begin());
    seat->mailbox = std::make_unique<DecisionMailbox>(std::chrono::seconds(options_.decision_seconds));
    seat->decider = std::make_unique<SeatDecider>(*this, *seat);
    played_.by_state[seat->state] = seat->decider.get();
    seats_.push_back(std::move(seat));
  }
  played_.show = [this](std::size_t state, const model::SeatView& view) {
    std::lock_guard lock(mutex_);
    for (auto& seat : seats_) {
      if (seat->state == state) seat->view = view;
    }
  };
  thread_ = std::thread([this] { run(); });
}

Session::~Session() {
  pacer_.end();
  for (auto& seat : seats_) seat->mailbox->close();
  thread_.join();
}

void Session::run() {
  pacer_.wait_start();
  try {
    Listener listener(*this);
    sim::RunSpec spec{options_.seed, 0, nullptr, &listener, &played_};
    model::RunResults played = sim::simulate(*prepared_, spec);
    // The class's counterfactual: the same seed with every seat the model's.
    model::RunResults alone = sim::simulate(*prepared_, sim::RunSpec{options_.seed, 0, nullptr, nullptr, nullptr});
    std::lock_guard lock(mutex_);
    results_ = std::move(played);
    model_alone_ = std::move(alone);
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex_);
    error_ = e.what();
  }
  pacer_.end();
  std::lock_guard lock(mutex_);
  finished_ = true;
  changed();
}

void Session::changed() {
  ++version_;
  cv_.notify_all();
}

Session::Joined Session::join(const std::string& iso3, const std::string& name) {
  std::lock_guard lock(mutex_);
  if (finished_ || pacer_.state() == Pacer::State::ended) throw Refusal(409, "this session has ended");
  if (players_ >= limits_.max_players) throw Refusal(409, fmt::format("this session is full ({} students)", limits_.max_players));
  const model::Scenario& s = prepared_->scenario();
  Seat* chosen = nullptr;
  for (auto& seat : seats_) {
    if (!iso3.empty() && s.member_states[seat->state].iso3 != iso3) continue;
    if (seat->players.size() >= limits_.max_players_per_seat) continue;
    if (chosen == nullptr || seat->players.size() < chosen->players.size()) chosen = seat.get();
  }
  if (chosen == nullptr) {
    const bool played = iso3.empty() || std::any_of(seats_.begin(), seats_.end(), [&](const auto& seat) {
                          return s.member_states[seat->state].iso3 == iso3;
                        });
    if (!played) throw Refusal(404, "that delegation is not one of the seats students play in this session");
    throw Refusal(409, fmt::format("that delegation already has {} students", limits_.max_players_per_seat));
  }
  Joined joined{random_id(), s.member_states[chosen->state].iso3, s.member_states[chosen->state].name};
  chosen->players.emplace_back(joined.token, name);
  chosen->present = true;
  ++players_;
  changed();
  return joined;
}

bool Session::has_player(const std::string& token) const {
  std::lock_guard lock(mutex_);
  return seat_of_token(token) != nullptr;
}

Session::Seat* Session::seat_of_token(const std::string& token) const {
  for (const auto& seat : seats_) {
    for (const auto& [t, name] : seat->players) {
      if (t == token) return seat.get();
    }
  }
  return nullptr;
}

void Session::control(const std::string& action) {
  bool ok = false;
  if (action == "start") {
    ok = pacer_.start();
  } else if (action == "pause") {
    ok = pacer_.pause();
    if (ok) for (auto& seat : seats_) seat->mailbox->hold(true);
  } else if (action == "resume") {
    ok = pacer_.resume();
    if (ok) for (auto& seat : seats_) seat->mailbox->hold(false);
  } else if (action == "skip") {
    ok = pacer_.skip_round();
    if (ok) for (auto& seat : seats_) seat->mailbox->hold(false);
  } else if (action == "end") {
    ok = !finished();
    pacer_.end();
    for (auto& seat : seats_) seat->mailbox->close();
  } else {
    throw Refusal(400, "unknown action: expected start, pause, resume, skip or end");
  }
  if (!ok) throw Refusal(409, fmt::format("cannot {} now: the session is {}", action, to_string(pacer_.state())));
  std::lock_guard lock(mutex_);
  changed();
}

void Session::answer(const std::string& token, std::uint64_t number, int choice) {
  DecisionMailbox* mailbox = nullptr;
  {
    std::lock_guard lock(mutex_);
    Seat* seat = seat_of_token(token);
    if (seat == nullptr) throw Refusal(403, "you are not a player of this session (join again with the code)");
    mailbox = seat->mailbox.get();
  }
  // The screens may show a question a moment before the mailbox posts it (SeatDecider).
  const auto pending = mailbox->wait_for_question(number - 1, std::chrono::milliseconds(500));
  if (!pending || pending->number != number) throw Refusal(409, "that question is no longer waiting (answered, or its time ran out)");
  if (choice < 0 || choice >= pending->question.options) {
    throw Refusal(400, fmt::format("choice {} is not one of the question's options (0 to {})", choice, pending->question.options - 1));
  }
  if (!mailbox->answer(number, choice)) throw Refusal(409, "that question is no longer waiting (answered, or its time ran out)");
}

std::uint64_t Session::version() const {
  std::lock_guard lock(mutex_);
  return version_;
}

std::uint64_t Session::wait_change(std::uint64_t seen, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  cv_.wait_for(lock, timeout, [&] { return version_ != seen; });
  return version_;
}

bool Session::finished() const {
  std::lock_guard lock(mutex_);
  return finished_;
}

json Session::seat_json(const Seat& seat, bool own) const {
  const model::Scenario& s = prepared_->scenario();
  const auto& state = s.member_states[seat.state];
  json names = json::array();
  for (const auto& [token, name] : seat.players) names.push_back(name);
  json j = {{"iso3", state.iso3}, {"state", state.name}, {"players", std::move(names)}, {"waiting", seat.asking.has_value()}};
  if (!own) return j;
  if (seat.view) {
    j["view"] = {{"position", seat.view->position}, {"draft", seat.view->draft}, {"red_line", seat.view->red_line},
                 {"acceptance", seat.view->acceptance}, {"reservation", seat.view->reservation}};
  }
  if (seat.asking) {
    const ExternalQuestion& q = *seat.asking;
    json options = json::array();
    const model::PlayerDecision as_decided{q.at, seat.state, q.kind, q.subject, 0, q.model_choice, true};
    for (int c = 0; c < q.options; ++c) options.push_back({{"choice", c}, {"words", output::decision_words(s, as_decided, c)}});
    j["question"] = {{"number", seat.asking_number},
                     {"decision", output::decision_name(q.kind)},
                     {"prompt", output::decision_prompt(s, q.kind, q.subject)},
                     {"time", output::iso_datetime(prepared_->calendar(), q.at)},
                     {"options", std::move(options)},
                     {"ms_left", seat.mailbox->time_left().count()},
                     {"seconds", options_.decision_seconds}};
  }
  json decided = json::array();
  for (const model::PlayerDecision& d : seat.decided) {
    decided.push_back({{"time", output::iso_datetime(prepared_->calendar(), d.at)},
                       {"decision", output::decision_name(d.kind)},
                       {"chose", output::decision_words(s, d, d.choice)},
                       {"answered", d.answered}});
  }
  j["decided"] = std::move(decided);
  return j;
}

const json& Session::shared_view() const {
  if (shared_version_ == version_) return shared_;
  const model::Scenario& s = prepared_->scenario();
  json seats = json::array();
  std::size_t answered = 0, timed_out = 0;
  for (const auto& seat : seats_) {
    seats.push_back(seat_json(*seat, false));
    for (const auto& d : seat->decided) (d.answered ? answered : timed_out) += 1;
  }
  shared_ = {{"id", id_},
             {"version", version_},
             {"status", finished_ ? "ended" : to_string(pacer_.state())},
             {"finished", finished_},
             {"skipping", pacer_.skipping()},
             {"scenario", {{"name", options_.scenario}, {"title", s.name}}},
             {"seed", options_.seed},
             {"decision_seconds", options_.decision_seconds},
             {"seats", std::move(seats)},
             {"players", players_},
             {"answered", answered},
             {"model_played", timed_out},
             {"board", board_.to_json()}};
  if (!error_.empty()) shared_["error"] = error_;
  shared_text_ = shared_.dump(-1, ' ', false, json::error_handler_t::replace);
  shared_version_ = version_;
  return shared_;
}

json Session::view(const Viewer& viewer) const {
  std::lock_guard lock(mutex_);
  json j = shared_view();
  if (viewer.kind == Viewer::Kind::teacher) j["code"] = code_;
  if (viewer.kind == Viewer::Kind::student) {
    if (const Seat* own = seat_of_token(viewer.seat_token)) j["seat"] = seat_json(*own, true);
  }
  return j;
}

std::pair<std::string, std::uint64_t> Session::view_text(const Viewer& viewer) const {
  std::lock_guard lock(mutex_);
  shared_view();
  std::string text = shared_text_;
  // The shared object's text ends in '}': the viewer's own members go in before it.
  text.pop_back();
  if (viewer.kind == Viewer::Kind::teacher) text += ",\"code\":" + json(code_).dump();
  if (viewer.kind == Viewer::Kind::student) {
    if (const Seat* own = seat_of_token(viewer.seat_token)) {
      text += ",\"seat\":" + seat_json(*own, true).dump(-1, ' ', false, json::error_handler_t::replace);
    }
  }
  text += '}';
  return {std::move(text), shared_version_};
}

std::string Session::decisions_csv() const {
  std::lock_guard lock(mutex_);
  if (!finished_ || !results_) throw Refusal(409, "the session has not ended yet");
  return output::decisions_csv(prepared_->scenario(), *results_->negotiation, prepared_->calendar());
}

model::RunResults Session::results() const {
  std::lock_guard lock(mutex_);
  if (!finished_ || !results_) throw Refusal(409, "the session has not ended yet");
  return *results_;
}

namespace {

// The round number of the agreement (1 = the first round), or null when nothing was agreed.
json agreed_round(const model::Scenario& s, const model::RunResults& r) {
  if (!r.negotiation || !r.negotiation->agreed_round) return nullptr;
  int number = 0;
  for (std::size_t a = 0; a <= *r.negotiation->agreed_round && a < s.activities.size(); ++a) {
    number += s.activities[a].kind == model::ActivityKind::negotiation_round;
  }
  return number;
}

json outcome(const model::Scenario& s, const Calendar& calendar, const model::RunResults& r) {
  // Before agreement a state leaves the process; after it, it dissociates from the agreed text.
  json left = json::array(), dissociated = json::array();
  const bool agreed = r.negotiation && r.negotiation->agreed_at.has_value();
  const SimTime agreed_at = agreed ? r.negotiation->agreed_at.value() : SimTime{0};
  for (const model::Withdrawal& w : r.withdrawals) {
    const bool after = w.cause == model::WithdrawalCause::dissociated || (agreed && w.when > agreed_at);
    (after ? dissociated : left).push_back(s.member_states[w.state].iso3);
  }
  json j = {{"agreed_round", agreed_round(s, r)}, {"left", std::move(left)}, {"dissociated_states", std::move(dissociated)},
            {"adopted", false}};
  if (r.negotiation) {
    const model::ConferenceTally t = model::tally(*r.negotiation);
    j["adopted"] = r.negotiation->text_adopted;
    j["adopt"] = t.adopt;
    j["dissociated"] = t.dissociated;
    j["informal_consultations"] = r.negotiation->informal_consultations;
    if (r.negotiation->agreed_at) j["agreed_on"] = output::iso_datetime(calendar, *r.negotiation->agreed_at);
  }
  return j;
}

}  // namespace

json Session::debrief() const {
  std::lock_guard lock(mutex_);
  if (!finished_) throw Refusal(409, "the session has not ended yet");
  if (!results_) throw Refusal(500, fmt::format("the session's run failed: {}", error_));
  const model::Scenario& s = prepared_->scenario();
  json players = json::array();
  for (const auto& seat : seats_) {
    json names = json::array();
    for (const auto& [token, name] : seat->players) names.push_back(name);
    json path = json::array();
    int answered = 0, differed = 0;
    for (const model::PlayerDecision& d : results_->negotiation->decisions) {
      if (d.state != seat->state) continue;
      answered += d.answered;
      differed += d.answered && d.choice != d.model_choice;
      path.push_back({{"time", output::iso_datetime(prepared_->calendar(), d.at)},
                      {"decision", output::decision_name(d.kind)},
                      {"dimension", d.subject >= 0 ? json(s.negotiation->dimensions[static_cast<std::size_t>(d.subject)].name) : json()},
                      {"chose", output::decision_words(s, d, d.choice)},
                      {"model_would", output::decision_words(s, d, d.model_choice)},
                      {"answered", d.answered}});
    }
    players.push_back({{"iso3", s.member_states[seat->state].iso3}, {"state", s.member_states[seat->state].name},
                       {"players", std::move(names)}, {"asked", path.size()}, {"answered", answered},
                       {"differed", differed}, {"path", std::move(path)}});
  }
  return {{"scenario", {{"name", options_.scenario}, {"title", s.name}, {"path", options_.scenario_path}}},
          {"seed", options_.seed},
          {"version", sim::version()},
          {"outcome", outcome(s, prepared_->calendar(), *results_)},
          {"model_alone", outcome(s, prepared_->calendar(), *model_alone_)},
          {"seats", std::move(players)},
          {"command", fmt::format("gcmsim run {} --seed {} --replay decisions.csv", options_.scenario_path, options_.seed)}};
}

}  // namespace gcmsim::serve::classroom
