// A classroom session without HTTP: students join seats and answer the questions their seats are
// asked; the teacher paces it; its decisions.csv replays it byte for byte; a seat nobody joined is
// the model's; a student who never answers is replaced by the model when the time runs out; a
// paused session stops the students' clocks.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "models/run/simulate.hpp"
#include "output/decision_log.hpp"
#include "serve/classroom/session.hpp"
#include "serve/common/jobs.hpp"

using namespace gcmsim;
using namespace std::chrono_literals;
namespace cr = gcmsim::serve::classroom;
using nlohmann::json;

namespace {

std::shared_ptr<const sim::PreparedScenario> classroom() {
  static const auto prepared = [] {
    auto p = sim::prepare({std::string(GCMSIM_SOURCE_DIR) + "/scenarios/classroom.yaml", {}, {}});
    if (!p.ok()) throw std::runtime_error(p.error_report());
    return p.scenario;
  }();
  return prepared;
}

cr::SessionOptions options(std::vector<std::string> seats, int decision_seconds = 30) {
  cr::SessionOptions o;
  o.scenario = "classroom";
  o.scenario_path = "scenarios/classroom.yaml";
  o.seats = std::move(seats);
  o.seed = 2018;
  o.decision_seconds = decision_seconds;
  o.pace_ms = 0;
  return o;
}

// The question waiting for this student's seat, waiting up to `timeout` for one.
std::optional<json> question(const cr::Session& session, const std::string& token, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  std::uint64_t seen = 0;
  while (std::chrono::steady_clock::now() < until && !session.finished()) {
    const json view = session.view({cr::Viewer::Kind::student, token});
    if (view["seat"].contains("question")) return view["seat"]["question"];
    seen = session.wait_change(view["version"].get<std::uint64_t>(), 100ms);
  }
  (void)seen;
  return std::nullopt;
}

// A student answering every question of their seat with choose(decision name) until the end.
void play(cr::Session& session, const std::string& token, const std::function<int(const std::string&)>& choose) {
  std::uint64_t answered = 0;
  while (!session.finished()) {
    const auto q = question(session, token, 200ms);
    if (!q || (*q)["number"].get<std::uint64_t>() == answered) continue;
    answered = (*q)["number"].get<std::uint64_t>();
    session.answer(token, answered, choose((*q)["decision"].get<std::string>()));
  }
}

void wait_finished(const cr::Session& session) {
  while (!session.finished()) session.wait_change(session.version(), 100ms);
}

}  // namespace

TEST_CASE("seats nobody joined are the model's: the session is the model's run", "[serve][classroom]") {
  cr::Session session("s0", "ABCDEF", classroom(), options({"AUS", "MAR"}), serve::Limits{});
  session.control("start");
  wait_finished(session);
  const json debrief = session.debrief();
  CHECK(debrief["outcome"] == debrief["model_alone"]);
  for (const json& seat : debrief["seats"]) {
    CHECK(seat["answered"] == 0);
    CHECK(seat["asked"].get<int>() > 0);  // asked, and left to the model at once
  }
  const model::RunResults alone = sim::simulate(*classroom(), {2018, 0, nullptr, nullptr, nullptr});
  CHECK(sim::metrics(*classroom(), session.results()).values == sim::metrics(*classroom(), alone).values);
}

TEST_CASE("students play to the end, and the session's decisions.csv replays it byte for byte", "[serve][classroom]") {
  cr::Session session("s1", "ABCDEF", classroom(), options({"AUS", "MAR", "DEU"}), serve::Limits{});
  const auto aus = session.join("AUS", "Ada");
  const auto mar = session.join("", "Bo");  // any seat: one of the empty ones
  CHECK(aus.iso3 == "AUS");
  CHECK(mar.iso3 != "AUS");
  session.control("start");
  // Australia concedes twice as far and never leaves; the other player holds its ground.
  std::thread a([&] { play(session, aus.token, [](const std::string& d) { return d == "concession" ? 2 : d == "statement" ? 1 : 0; }); });
  std::thread b([&] { play(session, mar.token, [](const std::string& d) { return d == "statement" ? 0 : 0; }); });
  a.join();
  b.join();
  const json debrief = session.debrief();
  REQUIRE(debrief["seats"].size() == 3);
  int answered = 0, differed = 0;
  for (const json& seat : debrief["seats"]) {
    answered += seat["answered"].get<int>();
    differed += seat["differed"].get<int>();
  }
  CHECK(answered > 0);
  CHECK(differed > 0);
  // The classroom script has Australia leave after round 1; playing it as above keeps it in.
  CHECK(debrief["model_alone"]["left"] == json::array({"AUS"}));
  CHECK(debrief["outcome"]["left"].empty());

  const auto log = std::filesystem::temp_directory_path() / "gcmsim-classroom-session-test.csv";
  std::ofstream(log) << session.decisions_csv();
  auto replay = output::DecisionReplay::read(log, classroom()->scenario());
  model::PlayedSeats seats = replay.seats();
  const model::RunResults again = sim::simulate(*classroom(), {2018, 0, nullptr, nullptr, &seats});
  std::filesystem::remove(log);
  CHECK(replay.finished());
  CHECK(output::decisions_csv(classroom()->scenario(), *again.negotiation, classroom()->calendar()) == session.decisions_csv());
  CHECK(sim::metrics(*classroom(), again).values == sim::metrics(*classroom(), session.results()).values);
}

TEST_CASE("a student who never answers: the model decides when the time runs out", "[serve][classroom]") {
  cr::Session session("s2", "ABCDEF", classroom(), options({"NGA"}, 1), serve::Limits{});
  const auto nga = session.join("NGA", "Silent");
  session.control("start");
  const auto q = question(session, nga.token, 10s);
  REQUIRE(q);
  CHECK((*q)["ms_left"].get<int>() <= 1000);
  std::this_thread::sleep_for(1500ms);
  const json view = session.view({cr::Viewer::Kind::student, nga.token});
  REQUIRE(view["seat"]["decided"].size() >= 1);
  CHECK(view["seat"]["decided"][0]["answered"] == false);
  CHECK(view["model_played"].get<int>() >= 1);
  session.control("end");
  wait_finished(session);
  CHECK(session.debrief()["outcome"] == session.debrief()["model_alone"]);  // nobody answered: the model's run
}

TEST_CASE("a pause stops the students' clocks, and the answer after resuming counts", "[serve][classroom]") {
  cr::Session session("s3", "ABCDEF", classroom(), options({"BRA"}, 1), serve::Limits{});
  const auto bra = session.join("BRA", "Paused");
  session.control("start");
  const auto q = question(session, bra.token, 10s);
  REQUIRE(q);
  session.control("pause");
  std::this_thread::sleep_for(1500ms);  // longer than the deadline
  const json view = session.view({cr::Viewer::Kind::student, bra.token});
  REQUIRE(view["seat"].contains("question"));
  CHECK(view["seat"]["question"]["number"] == (*q)["number"]);
  CHECK(view["status"] == "paused");
  session.control("resume");
  CHECK_NOTHROW(session.answer(bra.token, (*q)["number"].get<std::uint64_t>(), 0));
  session.control("end");
  wait_finished(session);
  CHECK(session.debrief()["seats"][0]["answered"] == 1);
}

TEST_CASE("refusals: wrong player, stale question, out-of-range choice, full seat, wrong command", "[serve][classroom]") {
  serve::Limits limits;
  limits.max_players_per_seat = 1;
  cr::Session session("s4", "ABCDEF", classroom(), options({"PHL"}, 30), limits);
  const auto phl = session.join("PHL", "One");
  const auto status = [](const std::function<void()>& f) {
    try {
      f();
    } catch (const serve::Refusal& r) {
      return r.status;
    }
    return 0;
  };
  CHECK(status([&] { session.join("PHL", "Two"); }) == 409);
  CHECK(status([&] { session.join("AUS", "Three"); }) == 404);  // not a played seat
  CHECK(status([&] { session.control("pause"); }) == 409);      // in the lobby
  CHECK(status([&] { session.control("dance"); }) == 400);
  CHECK(status([&] { session.debrief(); }) == 409);
  session.control("start");
  const auto q = question(session, phl.token, 10s);
  REQUIRE(q);
  const auto number = (*q)["number"].get<std::uint64_t>();
  CHECK(status([&] { session.answer("not-a-token", number, 0); }) == 403);
  CHECK(status([&] { session.answer(phl.token, number, 99); }) == 400);
  CHECK(status([&] { session.answer(phl.token, number + 5, 0); }) == 409);
  CHECK(status([&] { session.answer(phl.token, number, 0); }) == 0);
  CHECK(status([&] { session.answer(phl.token, number, 0); }) == 409);  // already answered
  session.control("end");
  wait_finished(session);
  CHECK(status([&] { session.join("PHL", "Late"); }) == 409);
}
