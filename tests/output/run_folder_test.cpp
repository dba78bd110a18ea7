// Replication folders are committed in batches (output/run_folder.hpp): between commits they wait
// as .rep-NNNN.partial/, complete; a commit makes a whole batch durable and renames it into place.
#include "output/run_folder.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>

#include "models/run/simulate.hpp"
#include "output/run_writer.hpp"

using namespace gcmsim;
namespace fs = std::filesystem;

namespace {

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

}  // namespace

TEST_CASE("replications wait complete as .partial folders and are renamed into place a batch at a time", "[output]") {
  const sim::Preparation p = sim::prepare({std::string(GCMSIM_SOURCE_DIR) + "/scenarios/classroom.yaml", {}, {}});
  INFO(p.error_report());
  REQUIRE(p.ok());
  const fs::path out = fs::path(GCMSIM_TEST_TMP) / "replication-writer";
  fs::remove_all(out);
  fs::create_directories(out);
  output::ReplicationWriter writer(out, 3);
  const auto write = [&](std::size_t r) {
    const model::RunResults results = sim::simulate(*p.scenario, {7, r, nullptr, nullptr});
    writer.write(*p.scenario, results, output::manifest_info(*p.scenario, results, 7, 0.0));
  };
  write(0);
  write(1);
  // Not committed yet: complete (manifest included) but not in place.
  CHECK(names_in(out) == std::set<std::string>{".rep-0000.partial", ".rep-0001.partial"});
  CHECK(fs::exists(out / ".rep-0001.partial" / "manifest.json"));
  write(2);  // the third fills the batch: all three committed at once
  CHECK(names_in(out) == std::set<std::string>{"rep-0000", "rep-0001", "rep-0002"});
  CHECK(writer.commits() == 1);
  for (std::size_t r = 3; r < 7; ++r) write(r);
  CHECK(writer.commits() == 2);
  CHECK(names_in(out).count(".rep-0006.partial") == 1);
  writer.finish();
  CHECK(writer.commits() == 3);
  const std::set<std::string> done = names_in(out);
  CHECK(done.size() == 7);
  for (std::size_t r = 0; r < 7; ++r) {
    INFO(r);
    CHECK(fs::exists(out / output::replication_folder_name(r) / "manifest.json"));
  }
  fs::remove_all(out);
}
