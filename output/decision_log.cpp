#include "output/decision_log.hpp"

#include <charconv>
#include <sstream>
#include <stdexcept>

#include "engine/bounded_file.hpp"
#include "output/csv.hpp"

namespace gcmsim::output {
namespace {

using model::SeatDecision;
}  // namespace

const char* decision_name(std::uint32_t kind);

namespace {

constexpr const char* kColumns[] = {"number", "tick",   "time",         "iso3",     "state", "decision",
                                    "dimension", "choice", "model_choice", "answered", "chose", "model_would"};

std::optional<std::uint32_t> decision_kind(std::string_view name) {
  for (auto kind : {SeatDecision::statement, SeatDecision::concession, SeatDecision::bracket, SeatDecision::leave})
    if (name == decision_name(static_cast<std::uint32_t>(kind))) return static_cast<std::uint32_t>(kind);
  return std::nullopt;
}

int options_of(std::uint32_t kind, std::size_t dimensions) {
  switch (static_cast<SeatDecision>(kind)) {
    case SeatDecision::statement: return static_cast<int>(dimensions) + 1;
    case SeatDecision::concession: return model::kConcessionOptions;
    default: return 2;
  }
}

template <typename T>
bool parse_number(const std::string& text, T& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

const char* decision_name(std::uint32_t kind) {
  switch (static_cast<SeatDecision>(kind)) {
    case SeatDecision::statement: return "statement";
    case SeatDecision::concession: return "concession";
    case SeatDecision::bracket: return "bracket";
    case SeatDecision::leave: return "leave";
  }
  return "?";
}

std::string decision_words(const model::Scenario& s, const model::PlayerDecision& d, int choice) {
  const auto& dims = s.negotiation->dimensions;
  switch (static_cast<SeatDecision>(d.kind)) {
    case SeatDecision::statement:
      return choice == 0 ? "yield the floor" : "argue " + dims[static_cast<std::size_t>(choice - 1)].name;
    case SeatDecision::concession:
      return choice == 0 ? "hold its ground" : choice == 1 ? "concede as the room does" : "concede twice as far";
    case SeatDecision::bracket: return choice == 1 ? "hold a bracket" : "accept the text";
    case SeatDecision::leave: return choice == 1 ? "leave the process" : "stay";
  }
  return "?";
}

std::string decision_prompt(const model::Scenario& s, std::uint32_t kind, int subject) {
  const auto& dims = s.negotiation->dimensions;
  const std::string dimension =
      subject >= 0 && static_cast<std::size_t>(subject) < dims.size() ? dims[static_cast<std::size_t>(subject)].name : "";
  switch (static_cast<SeatDecision>(kind)) {
    case SeatDecision::statement: return "You have the floor. What do you argue for?";
    case SeatDecision::concession:
      return "The round ends. On " + dimension + ", how far do you move your position toward the text?";
    case SeatDecision::bracket:
      return "Consensus check on " + dimension + ": do you accept the text, or hold a bracket on it? One bracket is enough to stop agreement.";
    case SeatDecision::leave: return "The round ends. Do you stay in the process, or leave it?";
  }
  return "?";
}

std::string decisions_csv(const model::Scenario& s, const model::NegotiationRecord& rec, const Calendar& calendar) {
  CsvTable table(std::vector<std::string>(std::begin(kColumns), std::end(kColumns)));
  std::size_t number = 0;
  for (const model::PlayerDecision& d : rec.decisions) {
    const auto& st = s.member_states[d.state];
    table.add_row({std::to_string(++number), std::to_string(d.at), iso_datetime(calendar, d.at), st.iso3, st.name,
                   decision_name(d.kind), d.subject >= 0 ? rec.dimensions[static_cast<std::size_t>(d.subject)] : "",
                   std::to_string(d.choice), std::to_string(d.model_choice), d.answered ? "true" : "false",
                   decision_words(s, d, d.choice), decision_words(s, d, d.model_choice)});
  }
  return table.str();
}

DecisionReplay DecisionReplay::read(const std::filesystem::path& file, const model::Scenario& scenario) {
  DecisionReplay replay;
  replay.file_ = file.string();
  const auto fail = [&](int line, const std::string& what) {
    throw std::invalid_argument(replay.file_ + ":" + std::to_string(line) + ": error: " + what);
  };
  if (!scenario.negotiation) fail(1, "the scenario has no negotiation, so no decision to replay");
  // engine/bounded_file.hpp: a regular file (not a FIFO, not /dev/zero), checked on the open
  // descriptor too, never read past the bound. A session of 40 players over six rounds logs a few
  // thousand decisions: 16 MiB is far beyond it.
  constexpr std::size_t kMaxBytes = 16u << 20;
  const BoundedRead read = read_bounded_file(replay.file_, kMaxBytes, "a session's decisions.csv");
  if (!read.ok()) throw std::invalid_argument(read.error);
  std::istringstream in(read.content);
  std::string line;
  int number = 0;
  if (!std::getline(in, line)) fail(1, "empty: expected the header of a decisions.csv");
  if (split_csv_line(line) != std::vector<std::string>(std::begin(kColumns), std::end(kColumns)))
    fail(1, "not the header of a decisions.csv (number,tick,time,iso3,...)");
  const auto& dims = scenario.negotiation->dimensions;
  for (int at = 2; std::getline(in, line); ++at) {
    const std::vector<std::string> f = split_csv_line(line);
    if (f.size() != std::size(kColumns)) fail(at, "expected 12 fields, found " + std::to_string(f.size()));
    Row row;
    row.line = at;
    int n = 0;
    if (!parse_number(f[0], n) || n != ++number) fail(at, "decisions must be numbered 1, 2, ... in order");
    if (!parse_number(f[1], row.question.at)) fail(at, "tick '" + f[1] + "' is not a whole number of seconds");
    std::size_t state = scenario.member_states.size();
    for (std::size_t k = 0; k < scenario.member_states.size(); ++k)
      if (scenario.member_states[k].iso3 == f[3]) state = k;
    if (state == scenario.member_states.size()) fail(at, "iso3 '" + f[3] + "' is not a member state of the scenario");
    row.question.agent = static_cast<std::uint32_t>(state);
    const auto kind = decision_kind(f[5]);
    if (!kind) fail(at, "decision '" + f[5] + "': expected statement, concession, bracket or leave");
    row.question.kind = *kind;
    row.question.subject = -1;
    if (!f[6].empty()) {
      for (std::size_t d = 0; d < dims.size(); ++d)
        if (dims[d].id == f[6]) row.question.subject = static_cast<int>(d);
      if (row.question.subject < 0) fail(at, "dimension '" + f[6] + "' is not one of the scenario's");
    }
    row.question.options = options_of(*kind, dims.size());
    if (!parse_number(f[7], row.choice) || row.choice < 0 || row.choice >= row.question.options)
      fail(at, "choice '" + f[7] + "' is not an option of a " + f[5] + " decision (0 to " +
                   std::to_string(row.question.options - 1) + ")");
    if (!parse_number(f[8], row.question.model_choice)) fail(at, "model_choice '" + f[8] + "' is not a number");
    if (f[9] != "true" && f[9] != "false") fail(at, "answered '" + f[9] + "': expected true or false");
    row.answered = f[9] == "true";
    replay.rows_.push_back(row);
    if (replay.rows_.size() > 1'000'000) fail(at, "more than 1,000,000 decisions: not a session's log");
  }
  return replay;
}

model::PlayedSeats DecisionReplay::seats() {
  model::PlayedSeats seats;
  for (const Row& row : rows_) {
    if (seats.by_state.size() <= row.question.agent) seats.by_state.resize(row.question.agent + 1, nullptr);
    seats.by_state[row.question.agent] = this;
  }
  return seats;
}

std::optional<int> DecisionReplay::decide(const ExternalQuestion& q) {
  const auto where = [&] { return file_ + ":" + std::to_string(next_ < rows_.size() ? rows_[next_].line : 0) + ": "; };
  if (next_ == rows_.size())
    throw std::runtime_error(where() + "the rerun asks more decisions than the log holds: not the session's scenario or seed");
  const Row& row = rows_[next_];
  const ExternalQuestion& logged = row.question;
  if (q.agent != logged.agent || q.kind != logged.kind || q.subject != logged.subject || q.at != logged.at ||
      q.model_choice != logged.model_choice)
    throw std::runtime_error(where() + "the rerun asks a different decision here (seat, decision, dimension, time or the "
                                       "model's choice differ): not the session's scenario or seed");
  ++next_;
  return row.answered ? std::optional<int>(row.choice) : std::nullopt;
}

}  // namespace gcmsim::output
