#include "output/validation_report.hpp"

namespace gcmsim::output {
namespace {

nlohmann::json entries(const std::vector<loader::Diagnostic>& list, const loader::SourceFiles& files) {
  nlohmann::json out = nlohmann::json::array();
  for (const loader::Diagnostic& d : list) {
    const bool known = d.where.file >= 0 && static_cast<std::size_t>(d.where.file) < files.size();
    out.push_back({{"file", known ? files.path(d.where.file) : std::string()},
                   {"line", d.where.line},
                   {"column", d.where.column},
                   {"rule", d.code.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.code)},
                   {"message", d.message}});
  }
  return out;
}

}  // namespace

nlohmann::json validation_report(const loader::LoadResult& result, const std::string& shown_file, bool strict) {
  const auto& warnings = result.diagnostics.warnings();
  return {{"file", shown_file},
          {"valid", result.ok() && !(strict && !warnings.empty())},
          {"errors", entries(result.diagnostics.list(), result.files)},
          {"warnings", entries(warnings, result.files)}};
}

}  // namespace gcmsim::output
