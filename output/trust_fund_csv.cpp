#include "output/trust_fund_csv.hpp"

#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "output/csv.hpp"

namespace gcmsim::output {
namespace {

template <typename T>
const T& checked(const std::vector<T>& list, std::size_t k, const char* what) {
  if (k >= list.size()) throw std::invalid_argument(fmt::format("trust fund ledger: no {} {} in the scenario", what, k));
  return list[k];
}

}  // namespace

std::string trust_fund_csv(const model::Scenario& s, const model::RunResults& results, const Calendar& calendar) {
  CsvTable table({"time", "flow", "donor", "iso3", "state", "meeting", "venue", "paid_for", "delegates", "amount_usd",
                  "balance_usd"});
  table.reserve(results.trust_fund.ledger.size(), 96);
  DateTimeText time_text(calendar);  // a meeting's trips share its opening time
  for (const model::TrustFundEntry& e : results.trust_fund.ledger) {
    std::string_view donor, iso3, state, meeting, venue, paid_for;
    if (e.contribution) donor = checked(s.trust_fund.contributions, *e.contribution, "contribution").donor;
    if (e.state) {
      const model::MemberState& st = checked(s.member_states, *e.state, "member state");
      iso3 = st.iso3;
      state = st.name;
    }
    if (e.activity) {
      const model::Activity& a = checked(s.activities, *e.activity, "activity");
      meeting = a.id;
      if (a.venue) venue = checked(s.venues, *a.venue, "venue").id;
    }
    if (e.flow == model::TrustFundFlow::trip) {
      // What the trip paid for, as the attendance model asks (attendance_policy.cpp): a delegation
      // with a mission in the venue's city asks only for its capital's expert to be flown in.
      const auto* a = e.activity ? &s.activities[*e.activity] : nullptr;
      const auto city = a != nullptr && a->venue ? s.venues[*a->venue].mission_city : std::nullopt;
      const bool mission = e.state && city && s.member_states[*e.state].has_mission(*city);
      paid_for = mission ? "capital_expert" : "travel";
    }
    table.text(time_text(e.when)).text(model::to_string(e.flow)).text(donor).text(iso3).text(state);
    table.text(meeting).text(venue).text(paid_for);
    if (e.flow == model::TrustFundFlow::trip) {
      table.integer(e.delegates);
    } else {
      table.text("");  // a contribution carries no delegates
    }
    table.number(e.amount, 2).number(e.balance, 2).end_row();
  }
  return std::move(table).str();
}

}  // namespace gcmsim::output
