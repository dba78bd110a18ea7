#include "models/negotiation/dissociation.hpp"

#include <cmath>
#include <limits>

namespace gcmsim::model {
namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

// One row's clock: its cumulative hazard at `since`, its hazard per period from then, and the day
// its cumulative hazard reaches its threshold at that hazard.
struct Clock {
  double since = 0.0;
  double cumulative = 0.0;
  double hazard = 0.0;
  double due = kNever;
};

}  // namespace

std::vector<Dissociation> dissociation_cascade(const DissociationInputs& in) {
  const std::size_t n = in.threshold.size();
  std::vector<bool> still_in = in.active;   // not gone (a scripted departure counts even when not drawable)
  std::vector<bool> active = in.active;     // still in, and with a hazard of its own
  for (std::size_t r = 0; r < n; ++r) active[r] = active[r] && in.base[r] > 0.0;
  std::vector<double> stance = in.stance;
  std::vector<double> pull(n, 0.0);  // sum of the closeness to the states gone
  const bool contagious = in.contagion > 0.0 && in.closeness != nullptr && in.closeness->rows() == static_cast<Eigen::Index>(n);
  // Blocs: each row's blocs, and how many of each bloc's members have gone.
  const bool bloc_contagious = in.bloc_weight != 0.0 && in.blocs != nullptr;
  std::vector<std::vector<std::size_t>> blocs_of(n);
  std::vector<int> gone_in(bloc_contagious ? in.blocs->size() : 0, 0);
  if (bloc_contagious)
    for (std::size_t b = 0; b < in.blocs->size(); ++b)
      for (std::size_t r : (*in.blocs)[b]) blocs_of[r].push_back(b);
  // The largest share of the other members of one of r's blocs that have gone.
  const auto bloc_share = [&](std::size_t r) {
    double share = 0.0;
    for (std::size_t b : blocs_of[r]) {
      const auto others = static_cast<double>((*in.blocs)[b].size() - 1);
      if (others > 0.0) share = std::max(share, gone_in[b] / others);
    }
    return share;
  };
  const auto hazard = [&](std::size_t r) {
    return in.base[r] * std::exp(in.stance_weight * stance[r] + in.bloc_weight * bloc_share(r)) + in.contagion * pull[r];
  };
  std::vector<Clock> clock(n);
  // The hazard changes at `day`: the cumulative hazard so far is kept, the due day recomputed.
  const auto rehazard = [&](std::size_t r, double day) {
    Clock& c = clock[r];
    c.cumulative += c.hazard * (day - c.since) / in.period_days;
    c.since = day;
    c.hazard = hazard(r);
    c.due = c.hazard > 0.0 ? day + (in.threshold[r] - c.cumulative) * in.period_days / c.hazard : kNever;
  };
  // A departure pulls every state still in that is close to the leaver or shares a bloc with it.
  const auto depart = [&](std::size_t gone, double day) {
    active[gone] = false;
    still_in[gone] = false;
    for (std::size_t b : blocs_of[gone]) {
      ++gone_in[b];
      for (std::size_t r : (*in.blocs)[b])
        if (active[r]) rehazard(r, day);
    }
    if (!contagious) return;
    for (std::size_t r = 0; r < n; ++r) {
      const double close = (*in.closeness)(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(gone));
      if (!active[r] || close <= 0.0) continue;
      pull[r] += close;
      rehazard(r, day);
    }
  };
  // Those that left before agreement have already pulled their peers and count in their blocs.
  for (std::size_t gone = 0; gone < n; ++gone)
    if (!in.active[gone])
      for (std::size_t b : blocs_of[gone]) ++gone_in[b];
  if (contagious)
    for (std::size_t gone = 0; gone < n; ++gone)
      if (!in.active[gone])
        for (std::size_t r = 0; r < n; ++r) pull[r] += (*in.closeness)(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(gone));
  for (std::size_t r = 0; r < n; ++r)
    if (active[r]) rehazard(r, 0.0);

  std::vector<Dissociation> out;
  std::size_t next_change = 0, next_script = 0;
  for (;;) {
    // The next thing to happen: a new cabinet, a scripted departure, or the first due dissociation
    // (ties to the lowest row, so the order never depends on anything but the inputs).
    std::size_t first = n;
    for (std::size_t r = 0; r < n; ++r)
      if (active[r] && (first == n || clock[r].due < clock[first].due)) first = r;
    const double due = first < n ? clock[first].due : kNever;
    const double change = next_change < in.stance_changes.size() ? in.stance_changes[next_change].day : kNever;
    const double script = next_script < in.scripted.size() ? in.scripted[next_script].first : kNever;
    if (change <= script && change <= due && change < in.span_days) {
      const auto& c = in.stance_changes[next_change++];
      stance[c.row] = c.stance;
      if (active[c.row]) rehazard(c.row, c.day);
    } else if (script <= due && script < in.span_days) {
      const auto [day, row] = in.scripted[next_script++];
      if (still_in[row]) depart(row, day);
    } else if (due < in.span_days) {
      out.push_back({first, due, clock[first].hazard > 2.0 * in.base[first]});
      depart(first, due);
    } else {
      break;
    }
  }
  return out;
}

}  // namespace gcmsim::model
