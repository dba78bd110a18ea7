#include "output/manifest.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../models/loader/load_helpers.hpp"
#include "output/run_writer.hpp"
#include "output/timeline_csv.hpp"

using gcmsim::output::manifest_json;
using gcmsim::output::ManifestInfo;

namespace {

ManifestInfo info() {
  ManifestInfo m;
  m.scenario_path = "scenarios/gcm-2017-2018.yaml";
  m.content_hash = "0123456789abcdef";
  m.overrides = {"scenarios/what-if/fund-halved.yaml"};
  m.sets = {"run.seed=7"};
  m.seed = 7;
  m.replication = 2;
  m.replications = 10;
  m.version = "0.1.0";
  m.events = 123456;
  m.fingerprint = "fedcba9876543210";
  m.wall_seconds = 1.23456;
  return m;
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("the manifest lists its keys in a fixed order", "[output]") {
  const auto j = manifest_json(info());
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"scenario_path", "content_hash", "overrides", "sets", "seed", "replication",
                                         "replications", "version", "events", "fingerprint", "wall_seconds"});
}

TEST_CASE("the manifest holds the run's values, wall time in milliseconds", "[output]") {
  CHECK(manifest_json(info()).dump() ==
        R"({"scenario_path":"scenarios/gcm-2017-2018.yaml","content_hash":"0123456789abcdef",)"
        R"("overrides":["scenarios/what-if/fund-halved.yaml"],"sets":["run.seed=7"],"seed":7,"replication":2,)"
        R"("replications":10,"version":"0.1.0","events":123456,"fingerprint":"fedcba9876543210","wall_seconds":1.235})");
}

TEST_CASE("two manifests of identical runs differ only in wall time", "[output]") {
  ManifestInfo a = info();
  ManifestInfo b = info();
  b.wall_seconds = 99.0;
  auto ja = manifest_json(a);
  auto jb = manifest_json(b);
  CHECK(ja != jb);
  ja.erase("wall_seconds");
  jb.erase("wall_seconds");
  CHECK(ja == jb);
}

TEST_CASE("a manifest without overrides or sets has empty lists", "[output]") {
  ManifestInfo m;
  const auto j = manifest_json(m);
  CHECK(j["overrides"].is_array());
  CHECK(j["overrides"].empty());
  CHECK(j["sets"].is_array());
}

TEST_CASE("a run's folder gets timeline, participation and a pretty-printed manifest", "[output]") {
  const auto loaded = gcmsim::testing::load(gcmsim::testing::fixture("minimal.yaml"));
  REQUIRE(loaded.ok());
  const gcmsim::model::Scenario& s = *loaded.scenario;
  const gcmsim::Calendar cal = s.make_calendar();
  const gcmsim::model::Plan plan = gcmsim::model::make_plan(s, cal);
  gcmsim::model::RunResults results;
  results.activities.resize(s.activities.size());

  const std::filesystem::path dir = std::filesystem::path(GCMSIM_TEST_TMP) / "run_writer" / "r0000";
  std::filesystem::remove_all(dir.parent_path());
  ManifestInfo m;
  m.version = "0.1.0";
  gcmsim::output::write_run(dir, s, plan, results, cal, m);

  std::set<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files.insert(e.path().filename().string());
  // attendance.csv only on request (outputs.attendance); states.csv always, as the manifest.
  CHECK(files == std::set<std::string>{"manifest.json", "participation.csv", "stakeholders.csv", "states.csv", "timeline.csv",
                                       "trust_fund.csv"});
  CHECK(read(dir / "timeline.csv") == gcmsim::output::timeline_csv(s, plan, results, cal));
  const std::string manifest = read(dir / "manifest.json");
  CHECK(manifest.rfind("{\n  \"scenario_path\": \"\",\n  \"content_hash\": \"\",\n  \"overrides\": [],\n", 0) == 0);
  CHECK(manifest.substr(manifest.size() - 24) == "  \"wall_seconds\": 0.0\n}\n");
}
