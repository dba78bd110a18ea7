// Replays the corpora of the fuzz targets of issue 25 (fuzz/corpus/{sweep,design_table,targets,
// journal}/: regressions and seeds) through the same checks as the fuzzers, on every test run.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "fuzz/experiment_checks.hpp"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

template <class Check>
void replay(const std::string& target, Check check) {
  const fs::path folder = fs::path(GCMSIM_SOURCE_DIR) / "fuzz/corpus" / target;
  std::size_t inputs = 0;
  for (const auto& e : fs::directory_iterator(folder)) {
    INFO(e.path().string());
    CHECK(check(read(e.path())));
    ++inputs;
  }
  CHECK(inputs >= 3);
}

}  // namespace

TEST_CASE("the sweep file fuzzer's corpus replays soundly") {
  replay("sweep", [](const std::string& text) { return gcmsim::fuzz::sweep_file_sound(text, GCMSIM_SOURCE_DIR); });
}
TEST_CASE("the design table fuzzer's corpus replays soundly") { replay("design_table", gcmsim::fuzz::design_table_sound); }
TEST_CASE("the targets file fuzzer's corpus replays soundly") { replay("targets", gcmsim::fuzz::targets_file_sound); }
TEST_CASE("the journal fuzzer's corpus replays soundly") { replay("journal", gcmsim::fuzz::journal_sound); }
