// From a merged document to the model's Scenario, with the checks a schema cannot express, one
// section at a time (sections/). The builder is defensive: it runs even when the schema check
// failed, skipping any node of the wrong type (the schema already reported it), so a user sees
// every problem in one pass.
#include "models/loader/scenario_builder.hpp"

#include <utility>

#include "models/loader/loader.hpp"
#include "models/loader/sections/sections.hpp"

namespace gcmsim::loader {

std::optional<model::Scenario> build_scenario(const Document& doc, Diagnostics& diagnostics,
                                              const std::vector<std::string>& refused) {
  sections::BuildContext ctx(doc, diagnostics, refused);
  const nlohmann::json& root = doc.value;
  if (!root.is_object()) return std::move(ctx.scenario);
  ctx.scenario.name = sections::text(root, "name");
  ctx.scenario.description = sections::text(root, "description");
  // The order matters: each section may look up what an earlier one built.
  sections::build_calendar(ctx, root);
  sections::build_member_states(ctx, root);
  sections::build_actors(ctx, root);
  sections::build_formats(ctx, root);
  sections::build_activities(ctx, root);
  sections::build_policies(ctx, root);
  sections::build_events(ctx, root);
  sections::build_politics(ctx, root);
  sections::build_parameters(ctx, root);
  sections::build_negotiation(ctx, root);
  sections::check_whole_scenario(ctx);
  return std::move(ctx.scenario);
}

std::optional<model::Scenario> build_scenario(const Document& doc, Diagnostics& diagnostics) {
  static const std::vector<std::string> none;
  return build_scenario(doc, diagnostics, none);
}

}  // namespace gcmsim::loader
