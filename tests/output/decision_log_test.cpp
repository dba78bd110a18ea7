// decisions.csv: a session with a scripted player writes what each played seat decided and what
// the model would have; the session replays from that file to the same outputs, byte for byte; a
// log of another session is refused where it stops matching, a malformed one where it is wrong.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../models/loader/load_helpers.hpp"
#include "models/run/prepared_scenario.hpp"
#include "models/run/simulate.hpp"
#include "output/decision_log.hpp"
#include "output/run_writer.hpp"

using namespace gcmsim;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path fresh(const std::string& name) {
  const fs::path dir = fs::path(GCMSIM_TEST_TMP) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Two students: Morocco always argues rights and holds its ground; Bangladesh never answers.
struct Students : ExternalDecider {
  std::optional<int> decide(const ExternalQuestion& q) override {
    if (q.agent == morocco && q.kind == static_cast<std::uint32_t>(model::SeatDecision::statement)) return 3;
    if (q.agent == morocco && q.kind == static_cast<std::uint32_t>(model::SeatDecision::concession)) return 0;
    return std::nullopt;
  }
  std::uint32_t morocco = 0;
};

struct Session {
  std::shared_ptr<const sim::PreparedScenario> prepared = [] {
    // A room that concedes a little at rounds' ends (the classroom's own concedes nothing), so that
    // concessions are asked too.
    const sim::Preparation p = sim::prepare(sim::ScenarioSource{testing::scenario_file("classroom.yaml"), {},
                                                                {"negotiation.parameters.round_concession=0.1"}});
    if (!p.ok()) throw std::runtime_error(p.error_report());
    return p.scenario;
  }();
  std::size_t state(const std::string& iso3) const {
    const auto& states = prepared->scenario().member_states;
    for (std::size_t k = 0; k < states.size(); ++k)
      if (states[k].iso3 == iso3) return k;
    throw std::runtime_error(iso3);
  }
  void write(const fs::path& dir, const model::PlayedSeats* seats) const {
    sim::RunSpec spec = sim::default_spec(*prepared);
    spec.seats = seats;
    const model::RunResults results = sim::simulate(*prepared, spec);
    output::ManifestInfo info = output::manifest_info(*prepared, results, 1, 0.0);
    output::write_run(dir, *prepared, results, info);
  }
};

}  // namespace

TEST_CASE("a session replays from its decisions.csv to the same outputs, byte for byte", "[output][decisions]") {
  const Session session;
  Students students;
  students.morocco = static_cast<std::uint32_t>(session.state("MAR"));
  model::PlayedSeats seats;
  seats.by_state.assign(session.prepared->scenario().member_states.size(), nullptr);
  seats.by_state[session.state("MAR")] = &students;
  seats.by_state[session.state("BGD")] = &students;
  const fs::path played = fresh("session");
  session.write(played, &seats);

  const std::string log = read(played / "decisions.csv");
  REQUIRE_THAT(log, Catch::StartsWith("number,tick,time,iso3,state,decision,dimension,choice,model_choice,answered,chose,"
                                      "model_would\n1,"));
  REQUIRE_THAT(log, Catch::Contains(",MAR,Morocco,statement,,3,"));
  REQUIRE_THAT(log, Catch::Contains(",true,argue Rights, inclusion and non-discrimination,") ||
                        Catch::Contains(",true,\"argue Rights, inclusion and non-discrimination\","));
  REQUIRE_THAT(log, Catch::Contains(",MAR,Morocco,concession,regular_pathways,0,1,true,hold its ground,concede as the room does"));
  REQUIRE_THAT(log, Catch::Contains(",BGD,Bangladesh,leave,,0,0,false,stay,stay"));

  output::DecisionReplay replay = output::DecisionReplay::read(played / "decisions.csv", session.prepared->scenario());
  const model::PlayedSeats replayed_seats = replay.seats();
  const fs::path again = fresh("replayed");
  session.write(again, &replayed_seats);
  REQUIRE(replay.finished());
  std::size_t compared = 0;
  for (const auto& entry : fs::directory_iterator(played)) {
    const std::string name = entry.path().filename().string();
    if (name == "manifest.json") continue;  // holds the wall time
    INFO(name);
    REQUIRE(read(entry.path()) == read(again / name));
    ++compared;
  }
  REQUIRE(compared >= 8);
  // The students changed the run: the model's own run differs.
  const fs::path model_run = fresh("model-run");
  session.write(model_run, nullptr);
  REQUIRE(read(model_run / "positions.csv") != read(played / "positions.csv"));
  REQUIRE_FALSE(fs::exists(model_run / "decisions.csv"));
}

TEST_CASE("a decision log that is not this session's is refused where it stops matching", "[output][decisions]") {
  const Session session;
  const fs::path dir = fresh("foreign-log");
  std::ofstream(dir / "decisions.csv")
      << "number,tick,time,iso3,state,decision,dimension,choice,model_choice,answered,chose,model_would\n"
         "1,5,2018-01-02T00:00,MAR,Morocco,statement,,1,1,true,x,y\n";
  output::DecisionReplay replay = output::DecisionReplay::read(dir / "decisions.csv", session.prepared->scenario());
  const model::PlayedSeats seats = replay.seats();
  sim::RunSpec spec = sim::default_spec(*session.prepared);
  spec.seats = &seats;
  REQUIRE_THROWS_WITH(sim::simulate(*session.prepared, spec),
                      Catch::Contains("decisions.csv:2: the rerun asks a different decision here"));
}

TEST_CASE("a malformed decision log is refused with its line", "[output][decisions]") {
  const Session session;
  const fs::path dir = fresh("bad-log");
  const std::string header = "number,tick,time,iso3,state,decision,dimension,choice,model_choice,answered,chose,model_would\n";
  const auto refused = [&](const std::string& body) {
    std::ofstream(dir / "decisions.csv") << body;
    try {
      (void)output::DecisionReplay::read(dir / "decisions.csv", session.prepared->scenario());
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  REQUIRE_THAT(refused("iso3,state\n"), Catch::Contains("decisions.csv:1: error: not the header of a decisions.csv"));
  REQUIRE_THAT(refused(header + "1,5,t,XXX,X,leave,,0,0,true,a,b\n"),
               Catch::Contains(":2: error: iso3 'XXX' is not a member state"));
  REQUIRE_THAT(refused(header + "1,5,t,MAR,Morocco,vote,,0,0,true,a,b\n"), Catch::Contains(":2: error: decision 'vote'"));
  REQUIRE_THAT(refused(header + "1,5,t,MAR,Morocco,leave,,2,0,true,a,b\n"),
               Catch::Contains(":2: error: choice '2' is not an option of a leave decision (0 to 1)"));
  REQUIRE_THAT(refused(header + "2,5,t,MAR,Morocco,leave,,1,0,true,a,b\n"), Catch::Contains(":2: error: decisions must be numbered"));
  REQUIRE_THAT(refused(header + "1,5,t,MAR,Morocco,bracket,borders,1,0,true,a,b\n"),
               Catch::Contains(":2: error: dimension 'borders' is not one of the scenario's"));
  REQUIRE_THAT(refused(header + "1,x,t,MAR,Morocco,leave,,1,0,true,a,b\n"), Catch::Contains(":2: error: tick 'x'"));
}
