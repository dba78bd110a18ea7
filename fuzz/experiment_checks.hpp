#pragma once
// What the fuzz targets of issue 25 assert about each file gcmsim reads besides scenarios, shared
// with tests/experiments/fuzz_regressions_test.cpp (which replays fuzz/corpus/ on every test run).
// Each returns false for a defect; a crash, a sanitizer report or an exception escaping is one too.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unistd.h>

#include "experiments/calibration/calibration_spec.hpp"
#include "experiments/design.hpp"
#include "experiments/journal.hpp"
#include "experiments/sweep_spec.hpp"

namespace gcmsim::fuzz {

// A sweep file: refused with a located error, or read with a design of 1 to kMaxDesignPoints points.
inline bool sweep_file_sound(std::string_view text, const std::string& folder) {
  experiments::SweepReading reading = experiments::read_sweep_text(text, "fuzz.yaml", folder);
  if (!reading.ok()) return !reading.diagnostics.empty();
  const experiments::SweepSpec& spec = *reading.spec;
  if (spec.design.kind == experiments::DesignKind::grid) {
    const experiments::Design d = experiments::grid_design(spec.parameters);
    return d.size() >= 1 && d.size() <= experiments::kMaxDesignPoints;
  }
  return true;
}

// A design table for parameters a, b, c: points of three values, or located errors.
inline bool design_table_sound(const std::string& content) {
  static const std::vector<experiments::Parameter> parameters = [] {
    std::vector<experiments::Parameter> list;
    for (std::string name : {std::string("a"), std::string("b"), std::string("c")}) {
      experiments::Parameter p;
      p.name = std::move(name);
      list.push_back(std::move(p));
    }
    return list;
  }();
  loader::SourceFiles files;
  loader::Diagnostics diagnostics;
  const experiments::Design d = experiments::parse_design_table("table.csv", content, parameters, files, diagnostics, {});
  if (d.size() > experiments::kMaxDesignPoints + 1) return false;
  if (!diagnostics.empty()) return !diagnostics.format(files).empty();
  if (d.size() == 0) return false;
  for (const auto& point : d.points) {
    if (point.size() != parameters.size()) return false;
  }
  return true;
}

// A calibration file: a spec whose numbers are in range, or SpecError with located messages.
inline bool targets_file_sound(const std::string& text) {
  try {
    const calibration::CalibrationSpec spec = calibration::parse_calibration_spec(text, "fuzz/targets.yaml");
    if (spec.abc.draws < 1 || spec.replications < 1 || spec.targets.empty() || spec.parameters.empty()) return false;
    for (const auto& t : spec.targets) {
      if (!std::isfinite(t.observed) || !(t.scale > 0.0)) return false;
    }
    return true;
  } catch (const calibration::SpecError& e) {
    if (e.messages.empty()) return false;
    for (const std::string& m : e.messages) {
      if (m.rfind("fuzz/targets.yaml", 0) != 0) return false;  // every message is located
    }
    return true;
  }
}

// A journal: records that each lie inside the file and parse as the run the index says, or a
// header refused with std::invalid_argument.
inline bool journal_sound(const std::string& bytes) {
  static const std::filesystem::path path = [] {
    std::string name = "gcmsim-fuzz-journal-";
    name.append(std::to_string(::getpid())).append(".txt");
    return std::filesystem::temp_directory_path() / name;
  }();
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  try {
    const experiments::JournalContents j = experiments::read_journal(path);
    if (j.intact_bytes > bytes.size() + 1) return false;
    for (const auto& r : j.records) {
      if (r.offset + r.length > bytes.size()) return false;
      const auto record = experiments::parse_record(std::string_view(bytes).substr(r.offset, r.length), j.header.metrics);
      if (!record || record->run != r.run) return false;
    }
    return true;
  } catch (const std::invalid_argument&) {
    return true;
  }
}

}  // namespace gcmsim::fuzz
