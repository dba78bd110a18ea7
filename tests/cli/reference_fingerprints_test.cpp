// Reference fingerprints (issue 25), kept as OMNeT++ keeps its: the event count and fingerprint of
// the baseline, the history replay and every shipped what-if at fixed seeds, stored in
// tests/cli/data/reference_fingerprints.tsv. A change in the simulation's behaviour fails here until
// the file is regenerated on purpose (tests/cli/update_reference_fingerprints.sh), with the reason
// in the commit message. Every scenario shipped in scenarios/what-if/ must have a line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;
namespace fs = std::filesystem;

namespace {

struct Reference {
  std::string name, args, events, fingerprint;
};

std::vector<Reference> references() {
  std::ifstream in(std::string(GCMSIM_SOURCE_DIR) + "/tests/cli/data/reference_fingerprints.tsv");
  std::vector<Reference> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Reference r;
    std::getline(fields, r.name, '\t');
    std::getline(fields, r.args, '\t');
    std::getline(fields, r.events, '\t');
    std::getline(fields, r.fingerprint, '\t');
    out.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("every shipped scenario has a reference fingerprint", "[cli][fingerprints]") {
  std::set<std::string> covered;
  for (const Reference& r : references()) covered.insert(r.args);
  CHECK(covered.count("scenarios/gcm-2017-2018.yaml") == 1);
  CHECK(covered.count("scenarios/gcm-2017-2018.yaml --override scenarios/history/actual-2017-2018.yaml") == 1);
  for (const auto& e : fs::directory_iterator(std::string(GCMSIM_SOURCE_DIR) + "/scenarios/what-if")) {
    if (e.path().extension() != ".yaml") continue;
    const std::string args = "scenarios/gcm-2017-2018.yaml --override scenarios/what-if/" + e.path().filename().string();
    INFO(args);
    CHECK(covered.count(args) == 1);
  }
}

TEST_CASE("the baseline, the history replay and every what-if keep their reference fingerprints", "[cli][fingerprints]") {
  const std::vector<Reference> refs = references();
  REQUIRE(refs.size() >= 8);
  for (const Reference& ref : refs) {
    const std::string dir = out_dir("fingerprint-" + ref.name);
    const auto r = run_gcmsim("run -q -r 1 --seed 2018 -o " + dir + " " + ref.args);
    INFO(ref.name << ": " << ref.args << "\n" << r.err);
    REQUIRE(r.exit_code == 0);
    const auto manifest = nlohmann::json::parse(read_text(dir + "/manifest.json"));
    INFO("if the change in behaviour is intended, regenerate with tests/cli/update_reference_fingerprints.sh "
         "and give the reason in the commit");
    CHECK(std::to_string(manifest["events"].get<std::uint64_t>()) == ref.events);
    CHECK(manifest["fingerprint"].get<std::string>() == ref.fingerprint);
  }
}
