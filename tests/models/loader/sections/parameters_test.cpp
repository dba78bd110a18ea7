// The parameter tables (models/loader/sections/parameters.cpp): the schema and the tables name the
// same keys, and every key written in a scenario reaches the field its table line names. A new
// parameter is one schema entry and one table line; forgetting either fails here.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <variant>

#include "models/loader/schema.hpp"
#include "section_helpers.hpp"

using gcmsim::testing::build_sections;
using namespace gcmsim::loader::sections;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

const json& resolved(const json& node) {
  if (node.contains("$ref")) {
    const std::string ref = node["$ref"];
    return gcmsim::loader::scenario_schema().at(json::json_pointer(ref.substr(1)));
  }
  return node;
}

const json& schema_at(const std::string& pointer) {
  return resolved(gcmsim::loader::scenario_schema().at(json::json_pointer(pointer)));
}

std::set<std::string> keys_of(const json& properties) {
  std::set<std::string> out;
  for (const auto& [key, value] : properties.items()) out.insert(key);
  return out;
}

// A value inside the key's schema range and away from its default, as YAML text.
std::string value_for(const json& schema, const ParameterField::Field& field) {
  const json& s = resolved(schema);
  return std::visit(
      [&](auto* f) -> std::string {
        using T = std::remove_pointer_t<decltype(f)>;
        if constexpr (std::is_same_v<T, bool>) {
          return *f ? "false" : "true";
        } else {
          const double lo = s.contains("minimum") ? s["minimum"].get<double>() : s.value("exclusiveMinimum", 0.0);
          const double hi = s.contains("maximum") ? s["maximum"].get<double>() : lo + 10;
          double v = std::is_integral_v<T> ? std::floor(lo + (hi - lo) * 0.37) : lo + (hi - lo) * 0.37;
          if (v == static_cast<double>(*f)) v = std::is_integral_v<T> ? v + 1 : lo + (hi - lo) * 0.61;
          return fmt::format("{}", v);
        }
      },
      field);
}

bool equals_text(const ParameterField::Field& field, const std::string& text) {
  return std::visit([&](auto* f) { return fmt::format("{}", *f) == text; }, field);
}

}  // namespace

TEST_CASE("the model's parameter table and the schema's parameters name the same keys", "[loader][sections]") {
  gcmsim::model::ModelParameters p;
  const json& sections = schema_at("/definitions/parameters")["properties"];
  std::set<std::string> table;
  for (const auto& f : model_parameter_fields(p)) table.insert(std::string(f.section) + "." + std::string(f.key));
  std::set<std::string> schema;
  for (const auto& [section, body] : sections.items()) {
    for (const std::string& key : keys_of(resolved(body)["properties"])) schema.insert(section + "." + key);
  }
  CHECK(table == schema);
  CHECK(table.size() == model_parameter_fields(p).size());  // no key read twice
}

TEST_CASE("the negotiation's parameter table and the schema's negotiation parameters name the same keys", "[loader][sections]") {
  gcmsim::model::NegotiationParameters q;
  std::set<std::string> table;
  for (const auto& f : negotiation_parameter_fields(q)) table.insert(std::string(f.key));
  CHECK(table == keys_of(schema_at("/definitions/negotiation/properties/parameters")["properties"]));
  CHECK(table.size() == negotiation_parameter_fields(q).size());
}

TEST_CASE("every parameter written in a scenario reaches the field of its table line", "[loader][sections]") {
  gcmsim::model::ModelParameters defaults;
  gcmsim::model::NegotiationParameters negotiation_defaults;
  const json& sections = schema_at("/definitions/parameters")["properties"];
  const json& negotiation = schema_at("/definitions/negotiation/properties/parameters")["properties"];
  std::map<std::string, std::string> written;  // "section.key" -> value
  std::string yaml = "parameters:\n";
  std::string current;
  for (const auto& f : model_parameter_fields(defaults)) {
    if (f.section != current) yaml += fmt::format("  {}:\n", current = std::string(f.section));
    const std::string v = value_for(resolved(sections[current])["properties"][std::string(f.key)], f.field);
    yaml += fmt::format("    {}: {}\n", f.key, v);
    written[current + "." + std::string(f.key)] = v;
  }
  yaml += "negotiation:\n  parameters:\n";
  for (const auto& f : negotiation_parameter_fields(negotiation_defaults)) {
    const std::string v = value_for(negotiation[std::string(f.key)], f.field);
    yaml += fmt::format("    {}: {}\n", f.key, v);
    written["negotiation." + std::string(f.key)] = v;
  }
  auto built = build_sections(yaml, {build_parameters, build_negotiation});
  INFO(yaml);
  REQUIRE(built.errors().empty());
  for (const auto& f : model_parameter_fields(built.scenario.parameters)) {
    const std::string key = std::string(f.section) + "." + std::string(f.key);
    INFO(key);
    CHECK(equals_text(f.field, written.at(key)));
  }
  for (const auto& f : negotiation_parameter_fields(built.scenario.negotiation.value().parameters)) {
    const std::string key = "negotiation." + std::string(f.key);
    INFO(key);
    CHECK(equals_text(f.field, written.at(key)));
  }
}

TEST_CASE("a parameter range whose min is above its max is reported", "[loader][sections]") {
  const auto built = build_sections(R"(parameters:
  floor: {share_min: 1.5, share_max: 1.2}
  drafting: {late_extra_min: 0.9, late_extra_max: 0.1}
)", {build_parameters});
  const auto errors = built.errors();
  REQUIRE(errors.size() == 2);
  CHECK_THAT(errors[0], Contains("parameters.floor: share_min 1.5 is above share_max 1.2"));
  CHECK_THAT(errors[1], Contains("parameters.drafting: late_extra_min 0.9 is above late_extra_max 0.1"));
}
