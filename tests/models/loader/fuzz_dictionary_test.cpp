// The fuzz dictionary (fuzz/scenario.dict) names every key of the schema, so the fuzzer can build
// scenarios from the language's own words; this keeps the two in step when the schema grows.
#include "models/loader/schema.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace {

void keys(const nlohmann::json& node, std::set<std::string>& out) {
  if (node.is_object()) {
    if (node.contains("properties") && node["properties"].is_object()) {
      for (const auto& [key, value] : node["properties"].items()) out.insert(key);
    }
    for (const auto& [key, value] : node.items()) keys(value, out);
  } else if (node.is_array()) {
    for (const auto& value : node) keys(value, out);
  }
}

}  // namespace

TEST_CASE("the fuzz dictionary holds every key of the schema", "[loader]") {
  std::ifstream in(std::string(GCMSIM_SOURCE_DIR) + "/fuzz/scenario.dict");
  std::stringstream text;
  text << in.rdbuf();
  std::set<std::string> schema_keys;
  keys(gcmsim::loader::scenario_schema(), schema_keys);
  REQUIRE(schema_keys.size() > 100);
  for (const std::string& key : schema_keys) {
    INFO(key);
    REQUIRE_THAT(text.str(), Catch::Contains("=\"" + key + ":\""));
  }
}
