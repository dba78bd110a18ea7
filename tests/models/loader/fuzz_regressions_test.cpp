// Inputs that found defects while fuzzing (fuzz/corpus/*/regression-*) are replayed here on every
// test run, in the normal and in the sanitizer build: each must load or fail with located
// diagnostics, and never through the loader's safety net.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "load_helpers.hpp"

using namespace gcmsim;

namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void require_sound(const loader::LoadResult& r) {
  INFO(r.error_report());
  for (const auto& d : r.diagnostics.list()) REQUIRE_FALSE(std::string_view(d.message).starts_with(loader::kInternalErrorPrefix));
  if (!r.ok()) REQUIRE_FALSE(r.diagnostics.empty());
}

std::vector<std::filesystem::path> regressions(const std::string& target) {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(GCMSIM_SOURCE_DIR) + "/fuzz/corpus/" + target)) {
    if (entry.path().filename().string().starts_with("regression-")) out.push_back(entry.path());
  }
  return out;
}

}  // namespace

TEST_CASE("inputs that once broke the loader load cleanly or fail with located errors", "[loader]") {
  const std::filesystem::path folder = std::filesystem::path(GCMSIM_TEST_TMP) / "fuzz-regressions";
  std::filesystem::create_directories(folder / "data");
  std::filesystem::copy_file(testing::scenario_file("data/member_states.yaml"), folder / "data/member_states.yaml",
                             std::filesystem::copy_options::overwrite_existing);
  for (const auto& input : regressions("loader")) {
    INFO(input.string());
    const auto path = folder / "scenario.yaml";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << read(input);
    require_sound(testing::load(path.string()));
  }
}

TEST_CASE("set options that once broke the loader fail with located errors", "[loader]") {
  for (const auto& input : regressions("set")) {
    INFO(input.string());
    std::vector<std::string> sets;
    std::istringstream lines(read(input));
    for (std::string line; std::getline(lines, line);) sets.push_back(line);
    require_sound(testing::load(testing::fixture("minimal.yaml"), {}, sets));
  }
}
