#pragma once
// Running section builders on a few lines of YAML, in the order scenario_builder.cpp runs them,
// without the schema: each section's reading and checks are tested on their own.
#include <fmt/core.h>

#include <string>
#include <string_view>
#include <vector>

#include "models/loader/document.hpp"
#include "models/loader/sections/sections.hpp"

namespace gcmsim::testing {

using SectionBuilder = void (*)(loader::sections::BuildContext&, const nlohmann::json&);

struct BuiltSections {
  loader::SourceFiles files;
  loader::Diagnostics diagnostics;
  model::Scenario scenario;

  // Each error as "line:column: message", in the order reported.
  std::vector<std::string> errors() const {
    std::vector<std::string> out;
    for (const auto& d : diagnostics.list()) out.push_back(fmt::format("{}:{}: {}", d.where.line, d.where.column, d.message));
    return out;
  }
};

inline BuiltSections build_sections(std::string_view yaml, std::initializer_list<SectionBuilder> builders) {
  BuiltSections out;
  const int file = out.files.add("section.yaml", yaml);
  const loader::Document doc = loader::parse_yaml(out.files, file, yaml, out.diagnostics);
  static const std::vector<std::string> none;
  loader::sections::BuildContext ctx(doc, out.diagnostics, none);
  for (SectionBuilder build : builders) build(ctx, doc.value);
  out.scenario = std::move(ctx.scenario);
  return out;
}

}  // namespace gcmsim::testing
