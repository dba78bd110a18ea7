#include "engine/dependency_graph.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace gcmsim {
namespace {

using Catch::Matchers::Message;
using Indices = std::vector<std::size_t>;

struct Expected {
  const char* id;
  std::int64_t es, ef, ls, lf, total_slack, free_slack;
};

void check_times(const DependencyGraph& graph, const Schedule& schedule,
                 const std::vector<Expected>& expected) {
  REQUIRE(schedule.times.size() == expected.size());
  for (const Expected& e : expected) {
    INFO("activity " << e.id);
    const ActivityTimes& t = schedule.times.at(graph.index_of(e.id));
    CHECK(t.earliest_start == e.es);
    CHECK(t.earliest_finish == e.ef);
    CHECK(t.latest_start == e.ls);
    CHECK(t.latest_finish == e.lf);
    CHECK(t.total_slack == e.total_slack);
    CHECK(t.free_slack == e.free_slack);
    CHECK(t.critical == (e.total_slack <= 0));
  }
}

std::vector<std::string> ids(const DependencyGraph& graph, const Indices& indices) {
  std::vector<std::string> out;
  for (const std::size_t i : indices) out.push_back(graph.id(i));
  return out;
}

// Eight activities, durations in days. Three routes from A to H:
//   A(3) -> B(5) ------------> E(3) -> H(4)
//   A(3) -> C(2) -> D(4) ----> E
//   A(3) -> F(6) -> G(2) -------------> H
//
// Forward pass (ES = max EF of prerequisites, EF = ES + duration):
//   A 0..3; B 3..8; C 3..5; D 5..9; E max(8, 9) = 9..12; F 3..9; G 9..11; H max(12, 11) = 12..16.
//   Project end 16.
// Backward pass (LF = min LS of dependants, LS = LF - duration):
//   H 12..16; E 9..12; G 10..12; F 4..10; D 5..9; B 4..9; C 3..5; A min(4, 3, 4) = 3, so 0..3.
// Total slack LS - ES: A 0, B 1, C 0, D 0, E 0, F 1, G 1, H 0.
// Free slack (min ES of dependants - EF): A 0, B 9-8 = 1, C 0, D 0, E 0, F 9-9 = 0, G 12-11 = 1,
// H 16-16 = 0. F shows the two slacks apart: it can slip a day, but only by delaying G.
// Critical path A C D E H. B runs in parallel with C -> D and is not critical.
DependencyGraph textbook_network() {
  DependencyGraph g;
  g.add_activity("A", 3);
  g.add_activity("B", 5);
  g.add_activity("C", 2);
  g.add_activity("D", 4);
  g.add_activity("E", 3);
  g.add_activity("F", 6);
  g.add_activity("G", 2);
  g.add_activity("H", 4);
  g.add_need("B", "A");
  g.add_need("C", "A");
  g.add_need("D", "C");
  g.add_need("E", "B");
  g.add_need("E", "D");
  g.add_need("F", "A");
  g.add_need("G", "F");
  g.add_need("H", "E");
  g.add_need("H", "G");
  return g;
}

// Zero-duration start and end milestones around two parallel branches:
//   S(0) -> X1(3) -> X2(4) -> M(0)      7 days
//   S(0) -> Y1(2) -> Y2(2) -> M(0)      4 days, slack 3
DependencyGraph two_branches(std::int64_t y_lag) {
  DependencyGraph g;
  g.add_activity("S", 0);
  g.add_activity("X1", 3);
  g.add_activity("X2", 4);
  g.add_activity("Y1", 2);
  g.add_activity("Y2", 2);
  g.add_activity("M", 0);
  g.add_need("X1", "S");
  g.add_need("X2", "X1");
  g.add_need("Y1", "S");
  g.add_need("Y2", "Y1", y_lag);
  g.add_need("M", "X2");
  g.add_need("M", "Y2");
  return g;
}

TEST_CASE("the textbook network gets the hand-worked times and critical path",
          "[dependency_graph]") {
  const DependencyGraph g = textbook_network();
  const Schedule s = g.critical_path();
  CHECK(s.project_end == 16);
  check_times(g, s,
              {{"A", 0, 3, 0, 3, 0, 0},
               {"B", 3, 8, 4, 9, 1, 1},
               {"C", 3, 5, 3, 5, 0, 0},
               {"D", 5, 9, 5, 9, 0, 0},
               {"E", 9, 12, 9, 12, 0, 0},
               {"F", 3, 9, 4, 10, 1, 0},
               {"G", 9, 11, 10, 12, 1, 1},
               {"H", 12, 16, 12, 16, 0, 0}});
  CHECK(ids(g, s.critical_activities) == std::vector<std::string>{"A", "C", "D", "E", "H"});
  CHECK(ids(g, s.critical_path) == std::vector<std::string>{"A", "C", "D", "E", "H"});
}

TEST_CASE("of two parallel branches only the longer is critical, milestones included",
          "[dependency_graph]") {
  const DependencyGraph g = two_branches(0);
  const Schedule s = g.critical_path();
  CHECK(s.project_end == 7);
  check_times(g, s,
              {{"S", 0, 0, 0, 0, 0, 0},
               {"X1", 0, 3, 0, 3, 0, 0},
               {"X2", 3, 7, 3, 7, 0, 0},
               {"Y1", 0, 2, 3, 5, 3, 0},
               {"Y2", 2, 4, 5, 7, 3, 3},
               {"M", 7, 7, 7, 7, 0, 0}});
  CHECK(ids(g, s.critical_path) == std::vector<std::string>{"S", "X1", "X2", "M"});
  CHECK(s.critical_activities == s.critical_path);
}

TEST_CASE("tied chains are all critical and the path follows the later one in topological order",
          "[dependency_graph]") {
  DependencyGraph g;
  g.add_activity("start", 0);
  g.add_activity("P", 3);
  g.add_activity("Q", 3);
  g.add_activity("end", 0);
  g.add_need("P", "start");
  g.add_need("Q", "start");
  g.add_need("end", "P");
  g.add_need("end", "Q");
  const Schedule s = g.critical_path();
  CHECK(ids(g, s.critical_activities) == std::vector<std::string>{"start", "P", "Q", "end"});
  CHECK(ids(g, s.critical_path) == std::vector<std::string>{"start", "Q", "end"});
}

TEST_CASE("a cycle is named exactly, starting at its first-added member", "[dependency_graph]") {
  // Only b, c and d form the cycle (c needs b, d needs c, b needs d); a feeds it, e hangs off it.
  // The depth-first search enters the cycle at c, through a; the report still starts at b.
  DependencyGraph g;
  g.add_activity("a", 1);
  g.add_activity("b", 1);
  g.add_activity("c", 1);
  g.add_activity("d", 1);
  g.add_activity("e", 1);
  g.add_need("c", "a");
  g.add_need("c", "b");
  g.add_need("d", "c");
  g.add_need("b", "d");
  g.add_need("e", "d");

  const std::vector<std::string> expected{"b", "c", "d", "b"};
  CHECK(g.find_cycle() == expected);
  CHECK_THROWS_MATCHES(g.topological_order(), CycleError,
                       Message("dependency cycle: b -> c -> d -> b"));
  CHECK_THROWS_MATCHES(g.critical_path(), CycleError, Message("dependency cycle: b -> c -> d -> b"));
  try {
    (void)g.topological_order();
    FAIL("no CycleError");
  } catch (const CycleError& error) {
    CHECK(error.cycle() == expected);
  }
}

TEST_CASE("an activity needing itself is a cycle of one", "[dependency_graph]") {
  DependencyGraph g;
  g.add_activity("a", 1);
  g.add_activity("b", 1);
  g.add_need("b", "a");
  g.add_need("b", "b");
  CHECK(g.find_cycle() == std::vector<std::string>{"b", "b"});
  CHECK_THROWS_MATCHES(g.topological_order(), CycleError, Message("dependency cycle: b -> b"));
}

TEST_CASE("acyclic graphs report no cycle", "[dependency_graph]") {
  CHECK_FALSE(DependencyGraph().find_cycle());
  CHECK_FALSE(textbook_network().find_cycle());
  CHECK_FALSE(two_branches(0).find_cycle());
  // A diamond reaches one activity twice by forward and cross edges, never by a back edge.
  DependencyGraph diamond;
  diamond.add_activity("top", 1);
  diamond.add_activity("left", 1);
  diamond.add_activity("right", 1);
  diamond.add_activity("bottom", 1);
  diamond.add_need("bottom", "left");
  diamond.add_need("bottom", "right");
  diamond.add_need("left", "top");
  diamond.add_need("right", "top");
  diamond.add_need("bottom", "top");
  CHECK_FALSE(diamond.find_cycle());
}

TEST_CASE("the topological order respects every need and breaks ties by insertion",
          "[dependency_graph]") {
  SECTION("independent activities keep their insertion order") {
    DependencyGraph g;
    g.add_activity("zeta", 1);
    g.add_activity("alpha", 1);
    g.add_activity("mu", 1);
    CHECK(g.topological_order() == Indices{0, 1, 2});
  }
  SECTION("the earliest-added ready activity goes first") {
    const DependencyGraph g = textbook_network();
    CHECK(ids(g, g.topological_order()) ==
          std::vector<std::string>{"A", "B", "C", "D", "E", "F", "G", "H"});
  }
  SECTION("a random graph, built twice, gives one order that respects every need") {
    // An activity only ever needs a later-added one, so the graph is acyclic and insertion order
    // is the reverse of a valid order: ties broken by insertion cannot hide a missed need.
    constexpr std::size_t n = 300;
    const auto build = [] {
      std::mt19937 draw(20180713);  // the mt19937 sequence is fixed by the standard
      DependencyGraph g;
      std::vector<std::pair<std::size_t, std::size_t>> needs;
      for (std::size_t i = 0; i < n; ++i) g.add_activity("act" + std::to_string(i), 1);
      for (std::size_t k = 0; k < 4 * n; ++k) {
        const std::size_t a = draw() % n;
        const std::size_t b = draw() % n;
        if (a == b) continue;
        const std::size_t dependant = std::min(a, b);
        const std::size_t prerequisite = std::max(a, b);
        g.add_need(dependant, prerequisite);
        needs.emplace_back(dependant, prerequisite);
      }
      return std::pair{g, needs};
    };
    const auto [g, needs] = build();
    const Indices order = g.topological_order();
    REQUIRE(order.size() == n);
    std::vector<std::size_t> position(n, n);
    for (std::size_t i = 0; i < n; ++i) position[order[i]] = i;
    for (const std::size_t p : position) REQUIRE(p < n);
    for (const auto& [dependant, prerequisite] : needs) {
      REQUIRE(position[prerequisite] < position[dependant]);
    }
    CHECK(build().first.topological_order() == order);
    const DependencyGraph copy = g;
    CHECK(copy.topological_order() == order);
  }
}

TEST_CASE("a fixed earliest start pushes an activity and its dependants, and moves the critical "
          "path",
          "[dependency_graph]") {
  // F is planned for day 6 instead of day 3:
  //   F 6..12, G 12..14, H max(E's 12, G's 14) = 14..18; end 18.
  // Backward: H 14..18; G 12..14; F 6..12; E 11..14; B 6..11; D 7..11; C 5..7;
  //   A min(6, 5, 6) = 5, so 2..5.
  // The route through F and G now sets the end; F's start comes from its date, not from A, so
  // the path begins at F.
  DependencyGraph g = textbook_network();
  g.set_earliest_start("F", 6);
  const Schedule s = g.critical_path();
  CHECK(s.project_end == 18);
  check_times(g, s,
              {{"A", 0, 3, 2, 5, 2, 0},
               {"B", 3, 8, 6, 11, 3, 1},
               {"C", 3, 5, 5, 7, 2, 0},
               {"D", 5, 9, 7, 11, 2, 0},
               {"E", 9, 12, 11, 14, 2, 2},
               {"F", 6, 12, 6, 12, 0, 0},
               {"G", 12, 14, 12, 14, 0, 0},
               {"H", 14, 18, 14, 18, 0, 0}});
  CHECK(ids(g, s.critical_path) == std::vector<std::string>{"F", "G", "H"});
  CHECK(ids(g, s.critical_activities) == std::vector<std::string>{"F", "G", "H"});

  SECTION("a date earlier than the prerequisites allow changes nothing") {
    g.set_earliest_start("F", 1);
    const Schedule again = g.critical_path();
    CHECK(again.project_end == 16);
    CHECK(ids(g, again.critical_path) == std::vector<std::string>{"A", "C", "D", "E", "H"});
  }
  SECTION("a date on a start activity delays the whole project") {
    g.set_earliest_start("F", 0);
    g.set_earliest_start("A", 10);
    const Schedule late = g.critical_path();
    CHECK(late.project_end == 26);
    CHECK(late.times[g.index_of("A")].earliest_start == 10);
    CHECK(late.times[g.index_of("H")].earliest_start == 22);
    CHECK(ids(g, late.critical_path) == std::vector<std::string>{"A", "C", "D", "E", "H"});
  }
  SECTION("a date before time 0 is time 0") {
    g.set_earliest_start("F", 0);
    g.set_earliest_start("A", -5);
    CHECK(g.critical_path().times[g.index_of("A")].earliest_start == 0);
  }
}

TEST_CASE("lags are honoured", "[dependency_graph]") {
  SECTION("a brief due 20 days before the session it serves") {
    DependencyGraph g;
    const std::size_t brief = g.add_activity("issue-brief", 10);
    const std::size_t session = g.add_activity("session", 2);
    g.add_need(session, brief, 20);
    const Schedule s = g.critical_path();
    CHECK(s.times[session].earliest_start == 30);
    CHECK(s.times[brief].latest_finish == 10);
    CHECK(s.project_end == 32);
    CHECK(s.critical_path == Indices{brief, session});
  }
  SECTION("a lag makes the shorter branch the critical one") {
    // Y2 waits 4 days after Y1: 2 + 4 + 2 = 8 > 7.
    const DependencyGraph g = two_branches(4);
    const Schedule s = g.critical_path();
    CHECK(s.project_end == 8);
    check_times(g, s,
                {{"S", 0, 0, 0, 0, 0, 0},
                 {"X1", 0, 3, 1, 4, 1, 0},
                 {"X2", 3, 7, 4, 8, 1, 1},
                 {"Y1", 0, 2, 0, 2, 0, 0},
                 {"Y2", 6, 8, 6, 8, 0, 0},
                 {"M", 8, 8, 8, 8, 0, 0}});
    CHECK(ids(g, s.critical_path) == std::vector<std::string>{"S", "Y1", "Y2", "M"});
  }
  SECTION("a negative lag lets the dependant start early, but not before time 0 or the end") {
    // B may start 2 days before A finishes: 1..2. C may start 5 days before, which is before
    // time 0, so 0..1. A finishes last, at 3. From B alone A could finish at LS(B) + 2 = 4, after
    // the end; the end bounds it, so A has no slack.
    DependencyGraph g;
    g.add_activity("A", 3);
    g.add_activity("B", 1);
    g.add_activity("C", 1);
    g.add_need("B", "A", -2);
    g.add_need("C", "A", -5);
    const Schedule s = g.critical_path();
    CHECK(s.project_end == 3);
    check_times(g, s,
                {{"A", 0, 3, 0, 3, 0, 0}, {"B", 1, 2, 2, 3, 1, 1}, {"C", 0, 1, 2, 3, 2, 2}});
    CHECK(ids(g, s.critical_path) == std::vector<std::string>{"A"});
  }
  SECTION("needing the same prerequisite twice, the larger lag binds") {
    DependencyGraph g;
    g.add_activity("A", 3);
    g.add_activity("B", 1);
    g.add_need("B", "A", 2);
    g.add_need("B", "A", 5);
    CHECK(g.critical_path().times[1].earliest_start == 8);
  }
}

TEST_CASE("a deadline replaces the earliest end and shifts every slack", "[dependency_graph]") {
  const DependencyGraph g = textbook_network();
  SECTION("a later deadline leaves nothing critical") {
    const Schedule s = g.critical_path(20);
    CHECK(s.project_end == 20);
    CHECK(s.times[g.index_of("A")].total_slack == 4);
    CHECK(s.times[g.index_of("B")].total_slack == 5);
    CHECK(s.times[g.index_of("H")].free_slack == 4);
    CHECK(s.critical_activities.empty());
    CHECK(s.critical_path.empty());
  }
  SECTION("an earlier deadline gives negative slack, and the late activities are critical") {
    const Schedule s = g.critical_path(14);
    CHECK(s.project_end == 14);
    CHECK(s.times[g.index_of("A")].total_slack == -2);
    CHECK(s.times[g.index_of("B")].total_slack == -1);
    CHECK(s.times[g.index_of("H")].latest_start == 10);
    CHECK(s.critical_activities.size() == 8);
    CHECK(ids(g, s.critical_path) == std::vector<std::string>{"A", "C", "D", "E", "H"});
  }
}

TEST_CASE("an empty graph has an empty schedule", "[dependency_graph]") {
  const DependencyGraph g;
  CHECK(g.topological_order().empty());
  const Schedule s = g.critical_path();
  CHECK(s.times.empty());
  CHECK(s.project_end == 0);
  CHECK(s.critical_path.empty());
}

TEST_CASE("bad ids and indices give errors that name them", "[dependency_graph]") {
  DependencyGraph g;
  CHECK(g.add_activity("ts1", 2) == 0);
  CHECK(g.add_activity("ts2", 2) == 1);
  CHECK_THROWS_MATCHES(g.add_activity("ts1", 3), std::invalid_argument,
                       Message("duplicate activity id 'ts1'"));
  CHECK(g.size() == 2);
  CHECK(g.duration(0) == 2);
  CHECK_THROWS_MATCHES(g.add_activity("", 1), std::invalid_argument,
                       Message("activity id must not be empty"));
  CHECK_THROWS_MATCHES(g.add_activity("ts3", -1), std::invalid_argument,
                       Message("activity 'ts3' has negative duration -1"));

  CHECK_THROWS_MATCHES(g.add_need("ts2", "brief"), std::invalid_argument,
                       Message("unknown activity 'brief' (needed by 'ts2')"));
  CHECK_THROWS_MATCHES(g.add_need("ts9", "ts1"), std::invalid_argument,
                       Message("unknown activity 'ts9' (said to need 'ts1')"));
  CHECK_THROWS_MATCHES(g.add_need(1, 7), std::out_of_range,
                       Message("activity index 7 out of range (2 activities)"));
  CHECK_THROWS_MATCHES(g.set_earliest_start("ts7", 0), std::invalid_argument,
                       Message("unknown activity 'ts7'"));
  CHECK_THROWS_AS(g.id(2), std::out_of_range);

  CHECK(g.find("ts2") == std::optional<std::size_t>{1});
  CHECK_FALSE(g.find("ts3"));
  // A failed call leaves the graph as it was.
  CHECK(g.topological_order() == Indices{0, 1});
}

}  // namespace
}  // namespace gcmsim
