// The `parameters:` section and the negotiation's `parameters:`: every model parameter through one
// table, its section and key in the scenario and the field it sets. A new parameter is one schema
// entry, one field in models/scenario.hpp and one line here; an absent key keeps the default of
// models/scenario.hpp (docs/model.md). tests/models/loader/sections/parameters_test.cpp checks that
// the tables and the schema name the same keys.
#include "models/loader/sections/sections.hpp"

#include <type_traits>
#include <variant>

#include <fmt/core.h>

namespace gcmsim::loader::sections {

std::vector<ParameterField> model_parameter_fields(model::ModelParameters& p) {
  auto& att = p.attendance;
  auto& fl = p.floor;
  auto& dr = p.drafting;
  return {
      {"attendance", "base", &att.base},
      {"attendance", "mission_weight", &att.mission_weight},
      {"attendance", "salience_weight", &att.salience_weight},
      {"attendance", "cost_weight", &att.cost_weight},
      {"attendance", "funding_weight", &att.funding_weight},
      {"attendance", "engagement_weight", &att.engagement_weight},
      {"attendance", "engagement_default", &att.engagement_default},
      {"attendance", "affordability_developed", &att.affordability_developed},
      {"attendance", "affordability_developing", &att.affordability_developing},
      {"attendance", "affordability_ldc", &att.affordability_ldc},
      {"attendance", "no_interpretation_weight", &att.no_interpretation_weight},
      {"attendance", "political_conference", &att.political_conference},
      {"floor", "request_rate", &fl.request_rate},
      {"floor", "mean_intervention_share", &fl.mean_intervention_share},
      {"floor", "salience_offset", &fl.salience_offset},
      {"floor", "max_request_probability", &fl.max_request_probability},
      {"floor", "share_min", &fl.share_min},
      {"floor", "share_max", &fl.share_max},
      {"floor", "no_interpretation_factor", &fl.no_interpretation_factor},
      {"floor", "after_group_request_factor", &fl.after_group_request_factor},
      {"drafting", "delay_sd_days", &dr.delay_sd_days},
      {"drafting", "late_probability", &dr.late_probability},
      {"drafting", "late_extra_min", &dr.late_extra_min},
      {"drafting", "late_extra_max", &dr.late_extra_max},
  };
}

std::vector<ParameterField> negotiation_parameter_fields(model::NegotiationParameters& q) {
  return {
      {"", "self_weight", &q.self_weight},
      {"", "coalition_weight", &q.coalition_weight},
      {"", "group_weight", &q.group_weight},
      {"", "susceptibility", &q.susceptibility},
      {"", "reservation", &q.reservation},
      {"", "adopt_threshold", &q.adopt_threshold},
      {"", "object_threshold", &q.object_threshold},
      {"", "voice_spoke", &q.voice_spoke},
      {"", "voice_present", &q.voice_present},
      {"", "voice_absent", &q.voice_absent},
      {"", "voice_capital_expert", &q.voice_capital_expert},
      {"", "voice_group", &q.voice_group},
      {"", "draft_step", &q.draft_step},
      {"", "objection_tolerance", &q.objection_tolerance},
      {"", "tolerance_spread", &q.tolerance_spread},
      {"", "deadline_concession", &q.deadline_concession},
      {"", "deadline_decay", &q.deadline_decay},
      {"", "round_concession", &q.round_concession},
      {"", "dissociation_rate", &q.dissociation_rate},
      {"", "dissociation_distance", &q.dissociation_distance},
      {"", "dissociation_destination", &q.dissociation_destination},
      {"", "dissociation_stance", &q.dissociation_stance},
      {"", "dissociation_contagion", &q.dissociation_contagion},
      {"", "dissociation_bloc", &q.dissociation_bloc},
      {"", "ga_absence", &q.ga_absence},
      {"", "revision_blend", &q.revision_blend},
      {"", "steps_per_day", &q.steps_per_day},
      {"", "informal_consultations", &q.informal_consultations},
      {"", "consultation_gap_days", &q.consultation_gap_days},
      {"", "ga_vote", &q.ga_vote},
      {"", "ga_political_no", &q.ga_political_no},
  };
}

void read_parameter(const json& section, const ParameterField& p) {
  std::visit(
      [&](auto* field) {
        using T = std::remove_pointer_t<decltype(field)>;
        if constexpr (std::is_same_v<T, bool>) {
          *field = flag(section, p.key).value_or(*field);
        } else {
          *field = number<T>(section, p.key).value_or(*field);
        }
      },
      p.field);
}

void build_parameters(BuildContext& ctx, const json& root) {
  const json* params = child(root, "parameters");
  if (params == nullptr) return;
  auto& s = ctx.scenario;
  for (const ParameterField& p : model_parameter_fields(s.parameters)) {
    if (const json* section = child(*params, p.section)) read_parameter(*section, p);
  }
  const auto& fl = s.parameters.floor;
  const auto& dr = s.parameters.drafting;
  if (fl.share_min > fl.share_max && !ctx.refused_under("/parameters/floor")) {
    ctx.error("/parameters/floor/share_min", fmt::format("parameters.floor: share_min {} is above share_max {}", fl.share_min, fl.share_max));
  }
  if (dr.late_extra_min > dr.late_extra_max && !ctx.refused_under("/parameters/drafting")) {
    ctx.error("/parameters/drafting/late_extra_min",
              fmt::format("parameters.drafting: late_extra_min {} is above late_extra_max {}", dr.late_extra_min, dr.late_extra_max));
  }
}

}  // namespace gcmsim::loader::sections
