#include "models/process/trust_fund.hpp"

#include "models/setup/trust_fund_eligibility.hpp"

#include <algorithm>

namespace gcmsim::model {

bool trust_fund_covers(ActivityKind kind) {
  return kind == ActivityKind::thematic_session || kind == ActivityKind::stakeholder_hearing ||
         kind == ActivityKind::stocktaking || kind == ActivityKind::negotiation_round || kind == ActivityKind::conference;
}

void contribute(TrustFundLedger& ledger, double usd, SimTime now, std::optional<std::size_t> contribution) {
  // A pledge of nothing, or a negative one, would only let the balance go below zero.
  if (usd <= 0.0) return;
  if (ledger.pledges_pending > 0) --ledger.pledges_pending;
  ledger.balance += usd;
  ledger.record.raised += usd;
  TrustFundEntry entry;
  entry.when = now;
  entry.flow = TrustFundFlow::contribution;
  entry.contribution = contribution;
  entry.amount = usd;
  entry.balance = ledger.balance;
  ledger.record.ledger.push_back(entry);
}

int funded_delegates(const TrustFundPolicy& policy, const MemberState& state) {
  return std::min(policy.delegates_per_state, state.delegation_size.value_or(policy.delegates_per_state));
}

std::vector<bool> fund_travel(TrustFundLedger& ledger, const TrustFundPolicy& policy,
                              const std::vector<MemberState>& states, const std::vector<std::size_t>& requesting,
                              const std::string& venue_id, SimTime now, std::optional<std::size_t> activity) {
  std::vector<bool> funded(requesting.size(), false);
  const auto listed = policy.travel_cost_usd.find(venue_id);
  if (listed == policy.travel_cost_usd.end()) return funded;
  // Nothing to pay (a venue next door): there is no trip to fund, and no refusal.
  if (listed->second <= 0.0 || policy.delegates_per_state <= 0) return funded;

  // Positions into `requesting`, in the order the fund considers them. ldc_first keeps the given
  // order within each group (OP31: "in particular the least developed countries").
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < requesting.size(); ++k) {
    if (eligible_for_trust_fund(policy, states.at(requesting[k]))) order.push_back(k);
  }
  if (policy.priority == FundingPriority::ldc_first) {
    std::stable_partition(order.begin(), order.end(),
                          [&](std::size_t k) { return states.at(requesting[k]).ldc; });
  }

  for (const std::size_t k : order) {
    const int delegates = funded_delegates(policy, states.at(requesting[k]));
    const double trip_cost = listed->second * delegates;
    if (ledger.balance < trip_cost) {
      ++ledger.record.requests_refused;
      if (!ledger.record.ran_dry) ledger.record.ran_dry = now;
      if (!ledger.record.exhausted && ledger.pledges_pending == 0) ledger.record.exhausted = now;
      continue;
    }
    // balance >= trip_cost, so the rounded difference is never below zero.
    ledger.balance -= trip_cost;
    ledger.record.spent += trip_cost;
    ++ledger.record.trips_funded;
    funded[k] = true;
    TrustFundEntry entry;
    entry.when = now;
    entry.flow = TrustFundFlow::trip;
    entry.state = requesting[k];
    entry.activity = activity;
    entry.delegates = delegates;
    entry.amount = trip_cost;
    entry.balance = ledger.balance;
    ledger.record.ledger.push_back(entry);
  }
  return funded;
}

}  // namespace gcmsim::model
