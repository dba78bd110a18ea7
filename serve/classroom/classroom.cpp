#include "serve/classroom/classroom.hpp"

#include <algorithm>
#include <cctype>
#include <random>
#include <set>

#include <fmt/core.h>

#include "serve/common/jobs.hpp"
#include "serve/common/json_fields.hpp"
#include "serve/common/same_token.hpp"

namespace gcmsim::serve::classroom {

using nlohmann::json;

std::string join_code() {
  static constexpr char kLetters[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::random_device device;
  std::uniform_int_distribution<std::size_t> pick(0, sizeof kLetters - 2);
  std::string code;
  for (int i = 0; i < 6; ++i) code += kLetters[pick(device)];
  return code;
}

Classroom::Classroom(Catalog& catalog, const Limits& limits)
    : catalog_(catalog), limits_(limits), teacher_token_(random_id()) {}

bool Classroom::is_teacher(const std::string& token) const { return same_token(token, teacher_token_); }

namespace {

int bounded_int(const json& request, const char* name, int fallback, int lo, int hi) {
  const json& v = field(request, name);
  if (v.is_null()) return fallback;
  if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi) {
    throw Refusal(400, fmt::format("'{}' must be a whole number from {} to {}", name, lo, hi));
  }
  return v.get<int>();
}

}  // namespace

std::shared_ptr<Session> Classroom::open(const json& request) {
  if (!request.is_object()) throw Refusal(400, "the request must be a JSON object");
  for (const auto& [key, value] : request.items()) {
    static const std::set<std::string> known = {"scenario", "seats", "seed", "decision_seconds", "pace_ms"};
    if (known.count(key) == 0) throw Refusal(400, fmt::format("unknown field '{}' (expected scenario, seats, seed, decision_seconds, pace_ms)", key.substr(0, 64)));
  }
  const json& name = field(request, "scenario");
  if (!name.is_string()) throw Refusal(400, "'scenario' must name a shipped scenario");
  const ShippedFile* file = catalog_.scenario(name.get<std::string>());
  if (file == nullptr) throw Refusal(404, "no shipped scenario of that name (GET /api/classroom/scenarios lists them)");
  auto prepared = catalog_.base(*file);
  const model::Scenario& s = prepared->scenario();
  if (!s.negotiation) throw Refusal(422, "that scenario has no negotiation: there is no seat to play");

  SessionOptions options;
  options.scenario = file->name;
  options.scenario_path = catalog_.shown(*file);
  const json& seats = field(request, "seats");
  if (!seats.is_array() || seats.empty() || seats.size() > s.member_states.size()) {
    throw Refusal(400, "'seats' must list the delegations students play (iso3 codes), at least one");
  }
  for (const json& seat : seats) {
    if (!seat.is_string()) throw Refusal(400, "'seats' must be iso3 codes");
    const std::string iso3 = seat.get<std::string>();
    if (std::none_of(s.member_states.begin(), s.member_states.end(), [&](const auto& m) { return m.iso3 == iso3; })) {
      throw Refusal(400, fmt::format("'{}' is not a delegation of {}", iso3.substr(0, 16), file->name));
    }
    if (std::find(options.seats.begin(), options.seats.end(), iso3) != options.seats.end()) {
      throw Refusal(400, fmt::format("'{}' is listed twice in 'seats'", iso3));
    }
    options.seats.push_back(iso3);
  }
  const json& seed = field(request, "seed");
  if (seed.is_null()) {
    options.seed = prepared->defaults().seed;
  } else if (seed.is_number_unsigned()) {
    options.seed = seed.get<std::uint64_t>();
  } else {
    throw Refusal(400, "'seed' must be a whole number from 0 to 18446744073709551615");
  }
  options.decision_seconds = bounded_int(request, "decision_seconds", prepared->defaults().decision_seconds, 1, limits_.max_decision_seconds);
  options.pace_ms = bounded_int(request, "pace_ms", 800, 0, limits_.max_pace_ms);

  std::lock_guard lock(mutex_);
  if (sessions_.size() >= limits_.max_sessions) {
    const auto ended = std::find_if(sessions_.begin(), sessions_.end(), [](const auto& x) { return x->finished(); });
    if (ended == sessions_.end()) {
      throw Refusal(429, fmt::format("{} sessions are open and none has ended: end one first", limits_.max_sessions));
    }
    sessions_.erase(ended);
  }
  std::string code;
  do {
    code = join_code();
  } while (std::any_of(sessions_.begin(), sessions_.end(), [&](const auto& x) { return x->code() == code; }));
  sessions_.push_back(std::make_shared<Session>(random_id(), code, std::move(prepared), std::move(options), limits_));
  return sessions_.back();
}

std::shared_ptr<Session> Classroom::find(const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& s : sessions_) {
    if (s->id() == id) return s;
  }
  return nullptr;
}

std::shared_ptr<Session> Classroom::by_code(const std::string& code, const std::string& address) {
  std::lock_guard lock(mutex_);
  auto& failures = failed_joins_[address];
  const auto now = std::chrono::steady_clock::now();
  while (!failures.empty() && now - failures.front() > std::chrono::minutes(1)) failures.pop_front();
  if (failures.size() >= static_cast<std::size_t>(limits_.max_failed_joins_per_minute)) {
    throw Refusal(429, "too many wrong join codes from this address: wait a minute");
  }
  std::string upper = code.substr(0, 16);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const auto& s : sessions_) {
    if (s->code() == upper) return s;
  }
  failures.push_back(now);
  throw Refusal(404, "no session has that join code (check it with your teacher)");
}

std::vector<std::shared_ptr<Session>> Classroom::sessions() const {
  std::lock_guard lock(mutex_);
  return sessions_;
}

json Classroom::scenarios() {
  json out = json::array();
  for (const ShippedFile& f : catalog_.scenarios()) {
    std::shared_ptr<const sim::PreparedScenario> p;
    try {
      p = catalog_.base(f);
    } catch (const Refusal&) {
      continue;  // a shipped scenario the loader refuses cannot be played (the studio says why)
    }
    const model::Scenario& s = p->scenario();
    if (!s.negotiation) continue;
    json delegations = json::array();
    for (const auto& m : s.member_states) delegations.push_back({{"iso3", m.iso3}, {"name", m.name}});
    out.push_back({{"name", f.name}, {"title", s.name}, {"path", catalog_.shown(f)}, {"seed", p->defaults().seed},
                   {"decision_seconds", p->defaults().decision_seconds}, {"delegations", std::move(delegations)}});
  }
  return out;
}

}  // namespace gcmsim::serve::classroom
