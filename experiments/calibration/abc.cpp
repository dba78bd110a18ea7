#include "experiments/calibration/abc.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "engine/random_streams.hpp"
#include "engine/statistics.hpp"

namespace gcmsim::calibration {
namespace {

void check(const std::vector<Prior>& priors, const AbcSettings& s) {
  if (priors.empty()) throw std::invalid_argument("abc: no parameters to calibrate");
  if (s.draws < 1) throw std::invalid_argument("abc: draws must be at least 1");
  if (!(s.accept_share > 0.0 && s.accept_share <= 1.0)) throw std::invalid_argument("abc: accept share must be in (0, 1]");
  for (const Prior& p : priors) {
    const bool ok = p.kind == Prior::Kind::uniform ? p.a < p.b : p.b > 0.0;
    if (!ok) throw std::invalid_argument("abc: prior of '" + p.name + "' is empty (min >= max, or sd <= 0)");
  }
}

}  // namespace

AbcResult abc_rejection(const std::vector<Prior>& priors, const AbcSettings& settings, const Distance& distance) {
  check(priors, settings);
  AbcResult result;
  result.draws.resize(static_cast<std::size_t>(settings.draws));
  const RandomStreams streams(settings.seed, 0);
  for (int i = 0; i < settings.draws; ++i) {
    AbcDraw& d = result.draws[static_cast<std::size_t>(i)];
    RandomStream stream = streams.stream("abc-prior", static_cast<std::uint64_t>(i));
    for (const Prior& p : priors)
      d.point.push_back(p.kind == Prior::Kind::uniform ? stream.uniform(p.a, p.b) : stream.normal(p.a, p.b));
    d.distance = distance(d.point, static_cast<std::uint64_t>(i));
    if (std::isnan(d.distance)) d.distance = std::numeric_limits<double>::infinity();
  }
  std::vector<std::size_t> order(result.draws.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return result.draws[a].distance < result.draws[b].distance; });
  const auto keep = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(settings.accept_share * settings.draws)));
  for (std::size_t k = 0; k < keep; ++k) result.draws[order[k]].accepted = true;
  result.accepted = static_cast<int>(keep);
  result.tolerance = result.draws[order[keep - 1]].distance;
  return result;
}

Posterior summarise(const AbcResult& result, std::size_t parameter) {
  std::vector<double> kept;
  for (const AbcDraw& d : result.draws)
    if (d.accepted) kept.push_back(d.point.at(parameter));
  Posterior p;
  if (kept.empty()) return p;
  p.mean = std::accumulate(kept.begin(), kept.end(), 0.0) / static_cast<double>(kept.size());
  double ss = 0.0;
  for (double v : kept) ss += (v - p.mean) * (v - p.mean);
  p.sd = kept.size() > 1 ? std::sqrt(ss / static_cast<double>(kept.size() - 1)) : 0.0;
  p.q05 = sample_quantile(kept, 0.05);
  p.q50 = sample_quantile(kept, 0.5);
  p.q95 = sample_quantile(kept, 0.95);
  return p;
}

}  // namespace gcmsim::calibration
