#include "output/compare.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "output/csv.hpp"
#include "output/replications.hpp"

namespace gcmsim::output {
namespace {


// A difference of two values in [lo, hi] lies in [lo - hi, hi - lo].
std::optional<double> difference_bound(const sim::MetricInfo& m) {
  const auto lo = m.lower();
  const auto hi = m.upper();
  if (lo && hi) return *hi - *lo;
  return std::nullopt;
}

}  // namespace

PairedComparison::PairedComparison(const sim::MetricCatalog& base, const sim::MetricCatalog& whatif) {
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < whatif.size(); ++i) {
    MetricComparison m;
    m.key = whatif[i].key();
    m.info = &whatif[i];
    m.whatif_index = i;
    m.base_index = base.find(m.key);
    position.emplace(m.key, metrics_.size());
    metrics_.push_back(std::move(m));
  }
  for (std::size_t i = 0; i < base.size(); ++i) {
    if (position.count(base[i].key()) != 0) continue;
    MetricComparison m;
    m.key = base[i].key();
    m.info = &base[i];
    m.base_index = i;
    metrics_.push_back(std::move(m));
  }
}

void PairedComparison::add(const sim::RunMetrics& base, const sim::RunMetrics& whatif) {
  for (MetricComparison& m : metrics_) {
    std::optional<double> b, w;
    if (m.base_index) b = base.values.at(*m.base_index);
    if (m.whatif_index) w = whatif.values.at(*m.whatif_index);
    if (b) m.base.add(*b);
    if (w) m.whatif.add(*w);
    if (b && w) m.difference.add(*w - *b);
  }
  ++pairs_;
}

const MetricComparison* PairedComparison::find(const std::string& key) const {
  const auto it = std::find_if(metrics_.begin(), metrics_.end(), [&](const MetricComparison& m) { return m.key == key; });
  return it == metrics_.end() ? nullptr : &*it;
}

ConfidenceInterval PairedComparison::paired_interval(const MetricComparison& m) {
  ConfidenceInterval ci = mean_ci95(m.difference);
  if (ci.n >= 2) {
    if (const auto bound = difference_bound(*m.info)) {
      ci.lower = std::max(ci.lower, -*bound);
      ci.upper = std::min(ci.upper, *bound);
    }
  }
  return ci;
}

ConfidenceInterval PairedComparison::unpaired_interval(const MetricComparison& m) {
  const double nb = static_cast<double>(m.base.count());
  const double nw = static_cast<double>(m.whatif.count());
  const double mean = m.whatif.mean() - m.base.mean();
  if (m.base.count() < 2 || m.whatif.count() < 2) {
    const double inf = std::numeric_limits<double>::infinity();
    return {mean, inf, -inf, inf, std::min(m.base.count(), m.whatif.count())};
  }
  const double vb = m.base.variance() / nb;
  const double vw = m.whatif.variance() / nw;
  const double se = std::sqrt(vb + vw);
  // Welch-Satterthwaite degrees of freedom, rounded down (the conservative side).
  const double df = (vb + vw) * (vb + vw) / (vb * vb / (nb - 1.0) + vw * vw / (nw - 1.0));
  const double t = student_t_975(std::isfinite(df) ? static_cast<std::uint64_t>(std::max(1.0, std::floor(df)))
                                                   : static_cast<std::uint64_t>(nb + nw - 2.0));
  const double half = t * se;
  return {mean, half, mean - half, mean + half, std::min(m.base.count(), m.whatif.count())};
}

bool PairedComparison::excludes_zero(const MetricComparison& m) {
  const ConfidenceInterval ci = paired_interval(m);
  if (ci.n < 2) return false;
  return ci.lower > 0.0 || ci.upper < 0.0;
}

namespace {

std::string mean_date(std::chrono::year_month_day epoch, double day) {
  if (!std::isfinite(day)) return {};
  return iso_date(std::chrono::year_month_day{std::chrono::sys_days{epoch} + std::chrono::days{std::lround(day)}});
}

}  // namespace

std::vector<std::vector<std::string>> PairedComparison::rows(std::chrono::year_month_day base_epoch,
                                                             std::chrono::year_month_day whatif_epoch) const {
  std::vector<std::vector<std::string>> out = {{"metric", "group", "unit", "base_mean", "whatif_mean", "base_date",
                                                "whatif_date", "difference", "ci95_low", "ci95_high", "n", "excludes_zero"}};
  for (const MetricComparison& m : metrics_) {
    const int d = metric_decimals(*m.info);
    const ConfidenceInterval ci = paired_interval(m);
    const bool known = ci.n >= 2;
    // A date is a date (the mean day, to the nearest day); its difference stays in days moved.
    const bool day = m.info->kind == sim::MetricKind::day;
    out.push_back({m.info->name, m.info->group, day ? std::string("days moved") : m.info->unit,
                   day ? std::string() : csv_number_or_empty(m.base.mean(), d), day ? std::string() : csv_number_or_empty(m.whatif.mean(), d),
                   day ? mean_date(base_epoch, m.base.mean()) : std::string(),
                   day ? mean_date(whatif_epoch, m.whatif.mean()) : std::string(), csv_number_or_empty(ci.n == 0 ? NAN : ci.mean, d),
                   known ? csv_number_or_empty(ci.lower, d) : std::string(), known ? csv_number_or_empty(ci.upper, d) : std::string(),
                   fmt::format("{}", ci.n), excludes_zero(m) ? "true" : "false"});
  }
  return out;
}

std::string PairedComparison::csv(std::chrono::year_month_day base_epoch, std::chrono::year_month_day whatif_epoch) const {
  std::vector<std::vector<std::string>> all = rows(base_epoch, whatif_epoch);
  CsvTable table(std::move(all.front()));
  for (std::size_t i = 1; i < all.size(); ++i) table.add_row(all[i]);
  return std::move(table).str();
}

}  // namespace gcmsim::output
