#include "experiments/run_series.hpp"

#include <cmath>

namespace gcmsim::experiments {
namespace {

double day_of(SimTime t) { return static_cast<double>(t) / static_cast<double>(kDay); }

// Euclidean distance of each draft from the first (the zero draft), one point per snapshot: the
// zero draft, every sitting day, every round's end.
std::vector<SeriesPoint> draft_distance(const model::NegotiationRecord& n) {
  std::vector<SeriesPoint> out;
  if (n.dynamics.empty()) return out;
  const std::vector<double>& zero = n.dynamics.front().draft;
  for (const model::DraftSnapshot& s : n.dynamics) {
    double d = 0;
    for (std::size_t i = 0; i < s.draft.size() && i < zero.size(); ++i) d += (s.draft[i] - zero[i]) * (s.draft[i] - zero[i]);
    out.push_back({day_of(s.when), std::sqrt(d)});
  }
  return out;
}

// Mean acceptance of the draft among the states still in, at the zero draft and each round's end.
std::vector<SeriesPoint> acceptance(const model::NegotiationRecord& n) {
  std::vector<SeriesPoint> out;
  double sum = 0;
  int count = 0;
  for (std::size_t i = 0; i < n.positions.size(); ++i) {
    const model::PositionSnapshot& p = n.positions[i];
    if (p.day == 0 && p.in) {
      sum += p.acceptance;
      ++count;
    }
    const bool last_of_snapshot = i + 1 == n.positions.size() || n.positions[i + 1].when != p.when || n.positions[i + 1].day != p.day;
    if (last_of_snapshot && p.day == 0) {
      if (count > 0) out.push_back({day_of(p.when), sum / count});
      sum = 0;
      count = 0;
    }
  }
  return out;
}

}  // namespace

const std::vector<SeriesInfo>& series_catalog() {
  static const std::vector<SeriesInfo> catalog = {
      {SeriesKind::draft_distance, "draft_distance", "draft snapshot", "scale units",
       "distance of the draft from the zero draft, at the zero draft, every sitting day and every round's end"},
      {SeriesKind::consensus_share, "consensus_share", "draft snapshot", "share",
       "share of the states still in whose acceptance reaches the adopt threshold, at every draft snapshot"},
      {SeriesKind::acceptance, "acceptance", "round", "share",
       "mean acceptance of the draft among the states still in, at the zero draft and each round's end"},
      {SeriesKind::attendance, "attendance", "meeting", "share", "share of member states present, per meeting, at its start"},
      {SeriesKind::trust_fund_balance, "trust_fund_balance", "ledger entry", "USD",
       "the trust fund's balance after each contribution and trip (OP31)"},
  };
  return catalog;
}

std::optional<SeriesKind> series_named(std::string_view name) {
  for (const SeriesInfo& s : series_catalog()) {
    if (s.name == name) return s.kind;
  }
  return std::nullopt;
}

const SeriesInfo& series_info(SeriesKind kind) { return series_catalog()[static_cast<std::size_t>(kind)]; }

std::vector<SeriesPoint> run_series(SeriesKind kind, const model::RunResults& results) {
  std::vector<SeriesPoint> out;
  switch (kind) {
    case SeriesKind::draft_distance:
      if (results.negotiation) out = draft_distance(*results.negotiation);
      break;
    case SeriesKind::consensus_share:
      if (results.negotiation) {
        for (const model::DraftSnapshot& s : results.negotiation->dynamics) out.push_back({day_of(s.when), s.consensus_share});
      }
      break;
    case SeriesKind::acceptance:
      if (results.negotiation) out = acceptance(*results.negotiation);
      break;
    case SeriesKind::attendance:
      for (const model::MeetingRecord& m : results.meetings) {
        if (m.states.empty() || m.activity >= results.activities.size()) continue;
        int present = 0;
        for (const model::StateAtMeeting& s : m.states) present += s.present;
        out.push_back({day_of(results.activities[m.activity].start), static_cast<double>(present) / static_cast<double>(m.states.size())});
      }
      break;
    case SeriesKind::trust_fund_balance:
      for (const model::TrustFundEntry& e : results.trust_fund.ledger) out.push_back({day_of(e.when), e.balance});
      break;
  }
  return out;
}

void append_series(std::vector<double>& out, SeriesKind kind, const model::RunResults& results) {
  const std::vector<SeriesPoint> points = run_series(kind, results);
  out.push_back(static_cast<double>(points.size()));
  for (const SeriesPoint& p : points) {
    out.push_back(p.day);
    out.push_back(p.value);
  }
}

std::optional<std::vector<std::vector<SeriesPoint>>> split_series(const std::vector<double>& flat, std::size_t count) {
  std::vector<std::vector<SeriesPoint>> out(count);
  std::size_t at = 0;
  for (std::size_t s = 0; s < count; ++s) {
    if (at >= flat.size() || !(flat[at] >= 0) || flat[at] != std::floor(flat[at])) return std::nullopt;
    const auto n = static_cast<std::size_t>(flat[at++]);
    if (flat.size() - at < 2 * n) return std::nullopt;
    out[s].reserve(n);
    for (std::size_t i = 0; i < n; ++i, at += 2) out[s].push_back({flat[at], flat[at + 1]});
  }
  if (at != flat.size()) return std::nullopt;
  return out;
}

}  // namespace gcmsim::experiments
