#include "experiments/backtest/backtest.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "engine/statistics.hpp"
#include "experiments/calibration/abc.hpp"
#include "experiments/calibration/fact_date.hpp"
#include "models/run/prepared_scenario.hpp"
#include "models/run/simulate.hpp"
#include "output/atomic_file.hpp"
#include "output/csv.hpp"

namespace gcmsim::backtest {
namespace {

constexpr int kYes = static_cast<int>(model::GaVote::yes);
constexpr int kNo = static_cast<int>(model::GaVote::no);
constexpr int kAbstain = static_cast<int>(model::GaVote::abstain);
constexpr int kAbsent = static_cast<int>(model::GaVote::absent);

std::string fraction(std::optional<double> v) { return v ? output::csv_number(*v, 4) : std::string(); }
std::string share(int count, int runs) { return output::csv_number(static_cast<double>(count) / runs, 4); }
std::string shown(std::optional<double> v) { return v ? fmt::format("{:.3f}", *v) : std::string("n/a"); }

// What the hold-out says of each member state, checked against the scenario's states.
void fill_real(BacktestResult& out, const HoldOut& h, const model::Scenario& scenario) {
  std::map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < scenario.member_states.size(); ++k) index[scenario.member_states[k].iso3] = k;
  const auto find = [&](const NamedState& s) {
    const auto at = index.find(s.iso3);
    if (at == index.end())
      throw std::runtime_error(fmt::format("{}: error: {} is not a member state of the scenario ({})", s.where, s.iso3, out.scenario));
    return at->second;
  };
  for (std::size_t k = 0; k < scenario.member_states.size(); ++k) {
    StateRecord& s = out.states.emplace_back();
    s.iso3 = scenario.member_states[k].iso3;
    s.name = scenario.member_states[k].name;
    s.real_ga = kYes;
  }
  for (const auto& [list, vote] : {std::pair{&h.ga.no, kNo}, std::pair{&h.ga.abstain, kAbstain}, std::pair{&h.ga.absent, kAbsent}})
    for (const NamedState& s : *list) out.states[find(s)].real_ga = vote;
  const auto yes = static_cast<int>(std::count_if(out.states.begin(), out.states.end(), [](const StateRecord& s) { return s.real_ga == kYes; }));
  if (yes != h.ga.yes_count)
    throw std::runtime_error(fmt::format("{}: error: the vote's lists leave {} member states voting yes, but yes_count is {}", h.file,
                                         yes, h.ga.yes_count));
  for (const Departure& d : h.departures) {
    StateRecord& s = out.states[find(d.state)];
    s.real_departure = true;
    s.real_departure_date = calibration::format_fact_date(d.date);
  }
  for (const model::ScriptedWithdrawal& w : scenario.withdrawals) {
    const auto at = index.find(w.state);
    if (at != index.end()) out.states[at->second].scripted = true;
  }
}

// One run's outcomes, state by state.
void add_run(BacktestResult& out, const model::Scenario& scenario, const model::RunResults& run) {
  const std::size_t n = scenario.member_states.size();
  std::vector<bool> departed(n, false), adopted(n, false);
  std::vector<int> ga(n, kAbsent);
  for (const model::Withdrawal& w : run.withdrawals)
    if (w.state < n) departed[w.state] = true;
  int adopt = 0;
  if (run.negotiation) {
    for (const auto& [state, vote] : run.negotiation->conference)
      if (vote == model::ConferenceVote::adopt && state < n) adopted[state] = true, ++adopt;
    for (const auto& [state, vote] : run.negotiation->ga_vote)
      if (state < n) ga[state] = static_cast<int>(vote);
  }
  out.adopt.push_back(adopt);
  for (std::size_t k = 0; k < n; ++k) {
    StateRecord& s = out.states[k];
    s.departed += departed[k] ? 1 : 0;
    s.not_adopted += adopted[k] ? 0 : 1;
    ++s.ga[static_cast<std::size_t>(ga[k])];
  }
  // Precision and recall pooled over runs, on the states the replay leaves to the model.
  std::vector<bool> predicted_departure, real_departure, predicted_non_adoption, real_non_endorsement;
  for (std::size_t k = 0; k < n; ++k) {
    if (out.states[k].scripted) continue;
    predicted_departure.push_back(departed[k]);
    real_departure.push_back(out.states[k].real_departure);
    predicted_non_adoption.push_back(!adopted[k]);
    real_non_endorsement.push_back(out.states[k].real_ga != kYes);
  }
  backtest::add_run(out.departures, predicted_departure, real_departure);
  backtest::add_run(out.non_adoption, predicted_non_adoption, real_non_endorsement);
}

void score(BacktestResult& out) {
  std::vector<double> depart_score, non_adopt_score;
  std::vector<bool> depart_real, non_endorse_real;
  for (const StateRecord& s : out.states) {
    ++out.ga_confusion[static_cast<std::size_t>(s.real_ga)][static_cast<std::size_t>(s.modal_ga())];
    if (s.real_ga == kNo && s.modal_ga() == kNo) ++out.ga_no_hits;
    if (s.scripted) continue;
    ++out.scored_states;
    depart_score.push_back(static_cast<double>(s.departed) / out.replications);
    depart_real.push_back(s.real_departure);
    non_adopt_score.push_back(static_cast<double>(s.not_adopted) / out.replications);
    non_endorse_real.push_back(s.real_ga != kYes);
    out.real_departures_scored += s.real_departure ? 1 : 0;
    out.real_non_endorsing_scored += s.real_ga != kYes ? 1 : 0;
  }
  out.departure_auc = roc_auc(depart_score, depart_real);
  out.non_adoption_auc = roc_auc(non_adopt_score, non_endorse_real);
  std::vector<double> adopt(out.adopt.begin(), out.adopt.end());
  out.adopt_median = sample_quantile(adopt, 0.5);
  out.adopt_q05 = sample_quantile(adopt, 0.05);
  out.adopt_q95 = sample_quantile(adopt, 0.95);
}

}  // namespace

int StateRecord::modal_ga() const {
  return static_cast<int>(std::max_element(ga.begin(), ga.end()) - ga.begin());
}

BacktestResult run_backtest(const HoldOut& h, const std::vector<std::string>& extra_overrides, std::optional<int> replications,
                            const std::function<void(int)>& progress) {
  BacktestResult out;
  out.scenario = h.scenario;
  out.overrides = h.overrides;
  out.overrides.insert(out.overrides.end(), extra_overrides.begin(), extra_overrides.end());
  out.replications = replications.value_or(h.replications);
  if (out.replications < 1) throw std::invalid_argument("the backtest needs at least one replication");
  out.observed_adopt = h.conference_adopt;
  const sim::Preparation p = sim::prepare({out.scenario, out.overrides, {}});
  if (!p.ok()) throw std::runtime_error(p.error_report());
  const model::Scenario& scenario = p.scenario->scenario();
  fill_real(out, h, scenario);
  for (int r = 0; r < out.replications; ++r) {
    const model::RunResults run = sim::simulate(*p.scenario, sim::default_spec(*p.scenario, static_cast<std::uint64_t>(r)));
    add_run(out, scenario, run);
    if (progress) progress(r + 1);
  }
  score(out);
  return out;
}

std::string backtest_summary(const HoldOut& h, const BacktestResult& r) {
  std::string out = fmt::format("Backtest {}\n  scenario {}{}\n  {} runs (replications 0-{}, the scenario's seed), scored against the "
                                "hold-out: facts after the cutoff {}\n\n",
                                h.file, r.scenario, r.overrides.empty() ? "" : fmt::format(" + {}", fmt::join(r.overrides, " + ")),
                                r.replications, r.replications - 1, calibration::format_fact_date(h.cutoff));
  out += fmt::format("  Conference ({}): adopting states, median {:g} (5-95%: {:g}-{:g}) against {} observed: error {:+g}\n\n",
                     calibration::format_fact_date(h.conference_date), r.adopt_median, r.adopt_q05, r.adopt_q95, r.observed_adopt,
                     r.adopt_median - r.observed_adopt);
  out += fmt::format("  Scored on the {} member states whose departure the replay does not script:\n", r.scored_states);
  out += fmt::format("    departures ({} real):      AUC {}  precision {}  recall {}  ({} departures drawn in {} runs)\n",
                     r.real_departures_scored, shown(r.departure_auc), shown(precision(r.departures)), shown(recall(r.departures)),
                     r.departures.predicted, r.replications);
  out += fmt::format("    non-adoption ({} real*):   AUC {}  precision {}  recall {}\n", r.real_non_endorsing_scored,
                     shown(r.non_adoption_auc), shown(precision(r.non_adoption)), shown(recall(r.non_adoption)));
  out += "    * real: did not vote yes on the endorsement in the General Assembly (no, abstain or absent)\n\n";
  out += fmt::format("  General Assembly ({}, {}): real vote (rows) against the model's most likely vote (columns)\n", h.ga.document,
                     calibration::format_fact_date(h.ga.date));
  out += fmt::format("    {:<10}", "");
  for (const auto name : model::kGaVoteNames) out += fmt::format("{:>9}", name);
  out += "\n";
  for (int real = 0; real < kGaVotes; ++real) {
    out += fmt::format("    {:<10}", model::kGaVoteNames[static_cast<std::size_t>(real)]);
    for (int sim = 0; sim < kGaVotes; ++sim) out += fmt::format("{:>9}", r.ga_confusion[static_cast<std::size_t>(real)][static_cast<std::size_t>(sim)]);
    out += "\n";
  }
  out += fmt::format("    real \"no\" votes that are the model's most likely vote: {} of {}\n\n", r.ga_no_hits, h.ga.no.size());
  // The states the model ranks most likely to leave, and where the real ones stand.
  std::vector<const StateRecord*> ranked;
  for (const StateRecord& s : r.states)
    if (!s.scripted) ranked.push_back(&s);
  std::stable_sort(ranked.begin(), ranked.end(), [](const StateRecord* a, const StateRecord* b) { return a->departed > b->departed; });
  out += "  Most likely to leave in the model (runs out of " + std::to_string(r.replications) + "; * = left in reality):\n   ";
  for (std::size_t i = 0; i < ranked.size() && i < 12 && ranked[i]->departed > 0; ++i)
    out += fmt::format(" {}{} {}", ranked[i]->iso3, ranked[i]->real_departure ? "*" : "", ranked[i]->departed);
  out += "\n  The real departures the replay does not script (runs in which the model has them leave):\n   ";
  for (const StateRecord& s : r.states)
    if (!s.scripted && s.real_departure) out += fmt::format(" {} {}", s.iso3, s.departed);
  out += "\n";
  return out;
}

void write_backtest(const std::filesystem::path& dir, const HoldOut& h, const BacktestResult& r) {
  output::CsvTable m({"measure", "value"});
  const auto row = [&](const std::string& name, const std::string& value) { m.add_row({name, value}); };
  row("replications", std::to_string(r.replications));
  row("adopt.observed", std::to_string(r.observed_adopt));
  row("adopt.median", output::csv_exact(r.adopt_median));
  row("adopt.q05", output::csv_exact(r.adopt_q05));
  row("adopt.q95", output::csv_exact(r.adopt_q95));
  row("adopt.error", output::csv_exact(r.adopt_median - r.observed_adopt));
  row("scored_states", std::to_string(r.scored_states));
  row("departure.real", std::to_string(r.real_departures_scored));
  row("departure.auc", fraction(r.departure_auc));
  row("departure.precision", fraction(precision(r.departures)));
  row("departure.recall", fraction(recall(r.departures)));
  row("non_adoption.real", std::to_string(r.real_non_endorsing_scored));
  row("non_adoption.auc", fraction(r.non_adoption_auc));
  row("non_adoption.precision", fraction(precision(r.non_adoption)));
  row("non_adoption.recall", fraction(recall(r.non_adoption)));
  row("ga.no_hits", std::to_string(r.ga_no_hits));
  for (int real = 0; real < kGaVotes; ++real)
    for (int sim = 0; sim < kGaVotes; ++sim)
      row(fmt::format("ga.real_{}.model_{}", model::kGaVoteNames[static_cast<std::size_t>(real)], model::kGaVoteNames[static_cast<std::size_t>(sim)]),
          std::to_string(r.ga_confusion[static_cast<std::size_t>(real)][static_cast<std::size_t>(sim)]));

  output::CsvTable s({"iso3", "state", "scripted", "real_departure", "real_departure_date", "real_ga_vote", "p_depart", "p_not_adopt",
                      "p_ga_yes", "p_ga_no", "p_ga_abstain", "p_ga_absent", "model_ga_vote"});
  for (const StateRecord& st : r.states) {
    s.add_row({st.iso3, st.name, st.scripted ? "true" : "false", st.real_departure ? "true" : "false", st.real_departure_date,
               std::string(model::kGaVoteNames[static_cast<std::size_t>(st.real_ga)]), share(st.departed, r.replications),
               share(st.not_adopted, r.replications), share(st.ga[0], r.replications), share(st.ga[1], r.replications),
               share(st.ga[2], r.replications), share(st.ga[3], r.replications),
               std::string(model::kGaVoteNames[static_cast<std::size_t>(st.modal_ga())])});
  }
  std::filesystem::create_directories(dir);
  output::write_file_atomically(dir / "backtest.csv", m.str());
  output::write_file_atomically(dir / "backtest_states.csv", s.str());
  output::write_file_atomically(dir / "summary.txt", backtest_summary(h, r));
}

}  // namespace gcmsim::backtest
