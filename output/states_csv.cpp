#include "output/states_csv.hpp"

#include "output/csv.hpp"

namespace gcmsim::output {

std::string_view development_group(const model::MemberState& state) {
  if (state.ldc) return "least_developed";
  return state.development == model::Development::developed ? "developed" : "developing";
}

std::string states_csv(const model::Scenario& scenario) {
  CsvTable table({"iso3", "state", "regional_group", "development"});
  table.reserve(scenario.member_states.size(), 48);
  for (const model::MemberState& s : scenario.member_states) {
    table.text(s.iso3).text(s.name).text(model::to_string(s.group)).text(development_group(s)).end_row();
  }
  return std::move(table).str();
}

}  // namespace gcmsim::output
