#include "models/run/run_metrics.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include "models/run/participation.hpp"

namespace gcmsim::sim {

std::string_view to_string(MetricKind kind) {
  switch (kind) {
    case MetricKind::count: return "count";
    case MetricKind::share: return "share";
    case MetricKind::flag: return "flag";
    case MetricKind::days: return "days";
    case MetricKind::day: return "day";
    case MetricKind::amount: return "amount";
    case MetricKind::number: return "number";
  }
  return "number";
}

std::optional<double> MetricInfo::lower() const {
  switch (kind) {
    case MetricKind::count:
    case MetricKind::share:
    case MetricKind::flag:
    case MetricKind::amount: return 0.0;
    default: return std::nullopt;
  }
}

std::optional<double> MetricInfo::upper() const {
  if (kind == MetricKind::share || kind == MetricKind::flag) return 1.0;
  return std::nullopt;
}

MetricCatalog::MetricCatalog(std::vector<MetricInfo> metrics) : metrics_(std::move(metrics)) {
  for (std::size_t i = 0; i < metrics_.size(); ++i) {
    if (!by_key_.emplace(metrics_[i].key(), i).second) {
      throw std::logic_error(fmt::format("metric '{}' is defined twice", metrics_[i].key()));
    }
  }
}

std::optional<std::size_t> MetricCatalog::find(std::string_view key) const {
  const auto it = by_key_.find(std::string(key));
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

namespace {

// Every metric is defined once, here: describing the catalogue and measuring a run walk the same
// code, so the two can never disagree on what the i-th metric is. The English is built only when
// describing (once per prepared scenario): a description that needs formatting is passed as a
// callable returning it, called only then, so measuring a run (every run) formats no text.
class Recorder {
 public:
  explicit Recorder(bool describing) : describing_(describing) {}
  bool describing() const { return describing_; }

  // `description`: a string literal, or a callable returning the text.
  template <class Description>
  void add(std::string_view name, std::string_view group, MetricKind kind, std::string_view unit, Description&& description,
           std::optional<double> value) {
    if (describing_) {
      infos_.push_back({std::string(name), std::string(group), std::string(unit), text(description), kind});
    } else {
      values_.values.push_back(value);
    }
  }
  std::vector<MetricInfo> infos_;
  RunMetrics values_;

 private:
  static std::string text(const char* literal) { return literal; }
  template <class Describe>
    requires std::is_invocable_r_v<std::string, Describe&>
  static std::string text(Describe& describe) {
    return describe();
  }

  bool describing_;
};

std::optional<double> number_or_none(double x) { return x == x ? std::optional<double>(x) : std::nullopt; }

double days_since_epoch(const Calendar& calendar, SimTime t) {
  using std::chrono::sys_days;
  return static_cast<double>((sys_days{calendar.date_of(t)} - sys_days{calendar.epoch()}).count());
}

void record(const model::ScenarioSetup& setup, const model::RunResults& run, Recorder& out) {
  const model::Scenario& s = setup.scenario();
  const Calendar& cal = setup.calendar();
  const std::string epoch = out.describing() ? iso_date(cal.epoch()) : std::string();
  // Units and descriptions are text for the catalogue: built only when describing.
  const std::string day_unit = out.describing() ? fmt::format("days since {}", epoch) : std::string();

  // --- the timeline: every activity, in planned order ----------------------------------------------
  for (std::size_t i : setup.planned_order()) {
    const model::ActivityRecord& r = run.activities.at(i);
    out.add("start_day", s.activities[i].id, MetricKind::day, day_unit,
            [&] { return fmt::format("the day '{}' started", s.activities[i].id); },
            r.started ? std::optional<double>(days_since_epoch(cal, r.start)) : std::nullopt);
  }
  for (std::size_t i : setup.planned_order()) {
    const model::ActivityRecord& r = run.activities.at(i);
    out.add("end_day", s.activities[i].id, MetricKind::day, day_unit,
            [&] { return fmt::format("the day '{}' finished", s.activities[i].id); },
            r.finished ? std::optional<double>(days_since_epoch(cal, r.end)) : std::nullopt);
  }
  for (std::size_t i : setup.planned_order()) {
    const model::ActivityRecord& r = run.activities.at(i);
    out.add("slip_days", s.activities[i].id, MetricKind::days, "calendar days",
            [&] { return fmt::format("how many days after its planned last day '{}' finished", s.activities[i].id); },
            r.finished ? std::optional<double>(model::slip_days(setup.plan().activities[i], r, cal)) : std::nullopt);
  }
  // Delegations present at each meeting (e.g. the stocktaking's ~136, a calibration target).
  for (std::size_t i : setup.planned_order()) {
    if (!model::is_meeting(s.activities[i].kind)) continue;
    std::optional<double> present;
    for (const model::MeetingRecord& m : run.meetings) {
      if (m.activity != i) continue;
      double count = 0.0;
      for (const model::StateAtMeeting& st : m.states) count += st.present ? 1.0 : 0.0;
      present = count;
    }
    out.add("delegations_present", s.activities[i].id, MetricKind::count, "delegations",
            [&] { return fmt::format("member-state delegations present at '{}'", s.activities[i].id); }, present);
  }
  out.add("critical_path_days", "all", MetricKind::count, "working days",
          "length of the plan's critical path (the longest chain of work)",
          static_cast<double>(setup.plan().critical_path_days));
  std::optional<double> first, last;
  for (const model::ActivityRecord& r : run.activities) {
    if (r.started && (!first || days_since_epoch(cal, r.start) < *first)) first = days_since_epoch(cal, r.start);
    if (r.finished && (!last || days_since_epoch(cal, r.end) > *last)) last = days_since_epoch(cal, r.end);
  }
  out.add("process_days", "all", MetricKind::count, "calendar days",
          "from the first activity's start to the last activity's end",
          first && last ? std::optional<double>(*last - *first) : std::nullopt);

  // --- participation -------------------------------------------------------------------------------
  const Participation p = participation(s, run);
  struct Set {
    std::string_view id;  // static names: no copy per run
    const GroupParticipation* g;
  };
  std::vector<Set> sets;
  for (int g = 0; g < model::kRegionalGroups; ++g) {
    sets.push_back({model::to_string(static_cast<model::RegionalGroup>(g)), &p.groups[g]});
  }
  for (int k = 0; k < kStatuses; ++k) sets.push_back({kStatusNames[k], &p.statuses[k]});
  for (const Set& set : sets) {
    out.add("attendance_share", set.id, MetricKind::share, "share",
            [&] { return fmt::format("mean share of the {} states present per meeting", set.id); },
            number_or_none(set.g->attendance_share));
  }
  for (const Set& set : sets) {
    out.add("speaking_share", set.id, MetricKind::share, "share",
            [&] { return fmt::format("the {} states' share of all speaking minutes", set.id); }, number_or_none(set.g->speaking_share));
  }
  out.add("unserved_requests", "all", MetricKind::count, "requests", "floor requests never given the floor",
          static_cast<double>(p.unserved_requests));
  for (const Set& set : sets) {
    out.add("unserved_requests", set.id, MetricKind::count, "requests",
            [&] { return fmt::format("floor requests of the {} states never given the floor", set.id); },
            static_cast<double>(set.g->unserved_requests));
  }
  for (const Set& set : sets) {
    out.add("trips_funded", set.id, MetricKind::count, "trips",
            [&] { return fmt::format("trips of the {} states paid by the trust fund", set.id); }, static_cast<double>(set.g->trips_funded));
  }
  out.add("speaking_minutes", "all", MetricKind::amount, "minutes", "minutes delegations spoke from the floor",
          p.speaking_minutes);

  // --- the trust fund (OP31) -------------------------------------------------------------------------
  const model::TrustFundRecord& t = run.trust_fund;
  out.add("trust_fund_raised", "all", MetricKind::amount, "USD", "contributions received by the trust fund", t.raised);
  out.add("trust_fund_spent", "all", MetricKind::amount, "USD", "travel the trust fund paid", t.spent);
  out.add("trust_fund_end_balance", "all", MetricKind::amount, "USD", "what the trust fund held at the end",
          t.raised - t.spent);
  out.add("trust_fund_trips_funded", "all", MetricKind::count, "trips", "trips the trust fund paid",
          static_cast<double>(t.trips_funded));
  out.add("trust_fund_requests_refused", "all", MetricKind::count, "requests",
          "eligible requests the trust fund could not pay", static_cast<double>(t.requests_refused));
  out.add("trust_fund_ran_dry", "all", MetricKind::flag, "yes/no", "the trust fund ran dry (an eligible request found it short)",
          t.ran_dry ? 1.0 : 0.0);
  out.add("trust_fund_ran_dry_day", "all", MetricKind::day, day_unit,
          "the day the trust fund first ran dry; absent when it never did",
          t.ran_dry ? std::optional<double>(days_since_epoch(cal, *t.ran_dry)) : std::nullopt);
  out.add("trust_fund_exhausted_day", "all", MetricKind::day, day_unit,
          "the day the trust fund was empty for good (a request found it short after the last contribution); absent when never",
          t.exhausted ? std::optional<double>(days_since_epoch(cal, *t.exhausted)) : std::nullopt);

  // --- stakeholders (OP6-OP10) ---------------------------------------------------------------------------
  double admitted = 0.0, speaking = 0.0;
  for (const model::MeetingRecord& m : run.meetings) {
    for (const model::StakeholdersAtMeeting& sh : m.stakeholders) {
      admitted += sh.admitted;
      speaking += sh.speaking;
    }
  }
  out.add("stakeholders_admitted", "all", MetricKind::count, "seats", "stakeholder seats filled, summed over meetings",
          admitted);
  out.add("stakeholders_speaking", "all", MetricKind::count, "speakers", "stakeholder speakers, summed over meetings",
          speaking);

  // --- the negotiation ---------------------------------------------------------------------------------
  // Dissociations after agreement are not departures: conference_dissociated counts them.
  const auto left = std::count_if(run.withdrawals.begin(), run.withdrawals.end(),
                                  [](const model::Withdrawal& w) { return w.cause != model::WithdrawalCause::dissociated; });
  out.add("left_process", "all", MetricKind::count, "states",
          "states that left the process before agreement (the text, or the scenario's events); not those that "
          "dissociated after agreement",
          static_cast<double>(left));
  if (!s.negotiation) return;
  const model::NegotiationRecord* n = run.negotiation ? &*run.negotiation : nullptr;
  const bool agreed = n != nullptr && n->agreed_at.has_value();
  out.add("agreed", "all", MetricKind::flag, "yes/no", "a text was agreed by consensus", agreed ? 1.0 : 0.0);
  out.add("agreed_round", "all", MetricKind::count, "round",
          "the negotiation round at whose end the text was agreed; absent when it was not",
          agreed && n->agreed_round ? std::optional<double>(setup.round_number(*n->agreed_round)) : std::nullopt);
  out.add("agreed_day", "all", MetricKind::day, day_unit, "the day the text was agreed; absent when it was not",
          agreed ? std::optional<double>(days_since_epoch(cal, *n->agreed_at)) : std::nullopt);
  out.add("rounds_held", "all", MetricKind::count, "rounds", "negotiation rounds held",
          n != nullptr ? std::optional<double>(n->rounds_held) : std::nullopt);
  const model::ConferenceTally votes = n != nullptr ? model::tally(*n) : model::ConferenceTally{};
  const bool held = n != nullptr && n->conference_at.has_value();
  const bool adopted = held && n->text_adopted;
  out.add("conference_adopted", "all", MetricKind::flag, "yes/no", "the conference adopted an agreed text (never without one)",
          held ? std::optional<double>(adopted ? 1.0 : 0.0) : std::nullopt);
  out.add("conference_adopt", "all", MetricKind::count, "states", "states present joining the adoption by acclamation",
          held ? std::optional<double>(votes.adopt) : std::nullopt);
  out.add("conference_absent", "all", MetricKind::count, "states", "states still in the process but absent at the adoption",
          adopted ? std::optional<double>(votes.absent) : std::nullopt);
  out.add("conference_dissociated", "all", MetricKind::count, "states", "states that dissociated from the agreed text",
          adopted ? std::optional<double>(votes.dissociated) : std::nullopt);
  out.add("informal_consultations", "all", MetricKind::count, "consultations", "OP29 consultations after the last round",
          n != nullptr ? std::optional<double>(n->informal_consultations) : std::nullopt);
  out.add("holdouts", "all", MetricKind::count, "states", "states holding a bracket when the last scheduled round closed",
          n != nullptr ? std::optional<double>(static_cast<double>(n->holdouts.size())) : std::nullopt);
  const bool in_last = agreed && n->agreed_round && setup.round_number(*n->agreed_round) == n->scheduled_rounds &&
                       n->informal_consultations == 0;  // consultations follow only a round that did not agree
  out.add("agreed_in_last_round", "all", MetricKind::flag, "yes/no", "the text was agreed at the end of the last scheduled round",
          n != nullptr ? std::optional<double>(in_last ? 1.0 : 0.0) : std::nullopt);
  // Whose views the final text carries: each negotiating state's acceptance of the last text (its
  // last snapshot), averaged by development status. Participation feeds the text, so a what-if on
  // the trust fund or the floor shows here.
  std::vector<std::optional<double>> last_acceptance(s.member_states.size());
  if (n != nullptr)
    for (const model::PositionSnapshot& ps : n->positions) last_acceptance[ps.state] = ps.acceptance;
  for (int k = 0; k < kStatuses; ++k) {
    double sum = 0.0;
    int count = 0;
    for (std::size_t st = 0; st < s.member_states.size(); ++st) {
      if (!last_acceptance[st] || static_cast<int>(status_of(s.member_states[st])) != k) continue;
      sum += *last_acceptance[st];
      ++count;
    }
    out.add("final_acceptance", kStatusNames[k], MetricKind::share, "share",
            [&] { return fmt::format("mean acceptance of the last text by the {} states negotiating", kStatusNames[k]); },
            count > 0 ? std::optional<double>(sum / count) : std::nullopt);
  }
}

}  // namespace

MetricCatalog describe_metrics(const model::ScenarioSetup& setup) {
  model::RunResults empty;
  empty.activities.resize(setup.scenario().activities.size());
  Recorder recorder(true);
  record(setup, empty, recorder);
  return MetricCatalog(std::move(recorder.infos_));
}

RunMetrics measure(const model::ScenarioSetup& setup, const model::RunResults& results) {
  Recorder recorder(false);
  record(setup, results, recorder);
  return std::move(recorder.values_);
}

}  // namespace gcmsim::sim
