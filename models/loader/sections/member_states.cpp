// The `member_states:` section: each state's group, development, migration profile, missions,
// coalitions and working language.
#include "models/loader/sections/sections.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/core.h>

namespace gcmsim::loader::sections {
namespace {

// A delegation's working language when the data do not give one: an estimate from its coalitions
// and regional group (docs/model.md, Interpretation). Members of the Arab Group work in Arabic;
// Latin American and Caribbean states outside CARICOM in Spanish; every other state in English.
// Known misses (Brazil, Haiti, francophone Africa, Russian-speaking states): give
// `working_language` in the data to correct them.
model::Language estimated_language(const model::MemberState& st) {
  const auto member_of = [&](std::string_view c) {
    return std::find(st.coalitions.begin(), st.coalitions.end(), c) != st.coalitions.end();
  };
  if (member_of("arab_group")) return model::Language::arabic;
  if (st.group == model::RegionalGroup::latin_american_caribbean && !member_of("caricom")) return model::Language::spanish;
  return model::Language::english;
}

}  // namespace

void build_member_states(BuildContext& ctx, const json& root) {
  auto& s = ctx.scenario;
  const json* list = child(root, "member_states");
  if (list == nullptr || !list->is_array()) return;
  std::map<std::string, std::size_t> seen_iso3;
  std::map<std::string, std::size_t> seen_name;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& m = (*list)[i];
    const std::string p = pointer_append("/member_states", i);
    model::MemberState st;
    st.name = text(m, "name");
    st.iso3 = text(m, "iso3");
    if (auto g = enum_from<model::RegionalGroup>(text(m, "group"), model::kRegionalGroupNames)) st.group = *g;
    st.ldc = flag(m, "ldc").value_or(false);
    if (auto d = enum_from<model::Development>(text(m, "development"), model::kDevelopmentNames)) st.development = *d;
    if (const json* mig = child(m, "migration")) {
      st.migration = {number<double>(*mig, "origin").value_or(0), number<double>(*mig, "transit").value_or(0),
                      number<double>(*mig, "destination").value_or(0)};
      const double sum = st.migration.origin + st.migration.transit + st.migration.destination;
      if (std::abs(sum - 1.0) > 0.015) {
        ctx.error(pointer_append(p, "migration"),
              fmt::format("member state '{}': migration shares sum to {:.2f}; expected 1.00", st.iso3, sum));
      }
    }
    if (const json* ms = child(m, "missions"); ms != nullptr && ms->is_array()) {
      for (const json& c : *ms) {
        if (c.is_string()) {
          if (auto city = enum_from<model::MissionCity>(c, model::kMissionCityNames)) st.missions.push_back(*city);
        }
      }
    }
    if (const json* cs = child(m, "coalitions"); cs != nullptr && cs->is_array()) {
      for (const json& c : *cs) {
        if (c.is_string()) st.coalitions.push_back(c);
      }
    }
    st.engagement = number<double>(m, "engagement");
    st.delegation_size = number<int>(m, "delegation_size");
    const auto language = enum_from<model::Language>(text(m, "working_language"), model::kLanguageNames);
    st.working_language = language.value_or(estimated_language(st));
    if (st.ldc && st.development == model::Development::developed) {
      ctx.error(pointer_append(p, "ldc"), fmt::format("member state '{}' is a least developed country marked developed", st.iso3));
    }
    ctx.duplicate(seen_iso3, st.iso3, i, pointer_append(p, "iso3"), "member state iso3 code", "/member_states");
    ctx.duplicate(seen_name, st.name, i, pointer_append(p, "name"), "member state name", "/member_states");
    s.member_states.push_back(std::move(st));
  }
}

}  // namespace gcmsim::loader::sections
