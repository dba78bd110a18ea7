#pragma once
// One builder per section of a scenario, each in the file of its name. A section builder reads its
// part of the merged document into ctx.scenario, reporting what the schema cannot check (unknown
// references, impossible dates, values that contradict each other). Sections run in the order of
// scenario_builder.cpp: a section may use what an earlier one built (activities look up venues and
// formats; events and negotiation look up member states), never a later one.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "models/loader/sections/context.hpp"

namespace gcmsim::loader {
struct RunDefaults;
}

namespace gcmsim::loader::sections {

void build_calendar(BuildContext& ctx, const json& root);       // calendar.cpp
void build_member_states(BuildContext& ctx, const json& root);  // member_states.cpp
void build_actors(BuildContext& ctx, const json& root);         // actors.cpp
void build_formats(BuildContext& ctx, const json& root);        // formats.cpp
void build_activities(BuildContext& ctx, const json& root);     // activities.cpp
void build_policies(BuildContext& ctx, const json& root);       // policies.cpp
void build_events(BuildContext& ctx, const json& root);         // events.cpp
void build_politics(BuildContext& ctx, const json& root);       // politics.cpp
void build_parameters(BuildContext& ctx, const json& root);     // parameters.cpp
void build_negotiation(BuildContext& ctx, const json& root);    // negotiation.cpp
// One parameter: its section of `parameters:` ("" in the negotiation's `parameters:`), its key and
// the field it sets (parameters.cpp holds the tables; the schema lists the same keys).
struct ParameterField {
  using Field = std::variant<double*, int*, bool*>;
  std::string_view section;
  std::string_view key;
  Field field;
};
std::vector<ParameterField> model_parameter_fields(model::ModelParameters& parameters);
std::vector<ParameterField> negotiation_parameter_fields(model::NegotiationParameters& parameters);
// Reads the parameter's key from `section` into its field; an absent key keeps the field's value.
void read_parameter(const json& section, const ParameterField& parameter);

// Rules over the whole scenario, once every section is built (scenario_rules.cpp).
void check_whole_scenario(BuildContext& ctx);

// The `run:` and `outputs:` sections (run_control.cpp): run control the model never sees, read
// from a document the schema has accepted.
RunDefaults read_run_control(const json& root);

}  // namespace gcmsim::loader::sections
