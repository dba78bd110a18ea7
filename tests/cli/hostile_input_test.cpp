// Hostile input, one test case per class of issue 13. Each makes the exact shape of input that was
// found to crash, hang, escape or lie, runs the built gcmsim on it and expects exit code 2 and a
// located message. ctest's TIMEOUT (tests/cli/CMakeLists.txt) bounds every case; the expansion
// cases also run under a 256 MiB address-space cap.
#include <catch2/catch.hpp>

#include <string>

#include "limited_run.hpp"

using gcmsim::testing::fresh_folder;
using gcmsim::testing::run_limited;
using gcmsim::testing::slurp;
using gcmsim::testing::write_file;

namespace {

constexpr std::size_t kMemoryCap = 256u << 20;

// A folder holding a copy of the loader's minimal valid scenario (s.yaml) and the data it includes.
std::string scenario_folder(const std::string& name) {
  const std::string folder = fresh_folder(name);
  const std::string fixtures = std::string(GCMSIM_SOURCE_DIR) + "/tests/models/loader/fixtures";
  std::system(("mkdir -p '" + folder + "/included' && cp '" + fixtures + "/minimal.yaml' '" + folder + "/s.yaml' && cp '" +
               fixtures + "/included/states.yaml' '" + folder + "/included/'")
                  .c_str());
  return folder;
}

// No library's exception reached the user and nothing fell through the loader's safety net.
void require_clean_failure(const gcmsim::testing::LimitedResult& r) {
  INFO(r.err);
  REQUIRE(r.signal == 0);
  REQUIRE(r.exit_code == 2);
  REQUIRE(r.out.empty());
  REQUIRE_THAT(r.err, !Catch::Contains("gcmsim: error: std") && !Catch::Contains("internal error"));
}

std::string repeat(const std::string& text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

}  // namespace

TEST_CASE("class 1: an include cannot leave the folder of a scenario named without a directory", "[hostile]") {
  const std::string folder = fresh_folder("class1");
  std::system(("mkdir -p '" + folder + "/scenario'").c_str());
  write_file(folder + "/secret.yaml", "member_states: SECRET-LINE\n");
  write_file(folder + "/scenario/s.yaml", "schema_version: 1\ninclude: [../secret.yaml, link.yaml]\n");
  std::system(("ln -s ../secret.yaml '" + folder + "/scenario/link.yaml'").c_str());
  const auto r = run_limited(folder + "/scenario", "validate s.yaml");
  require_clean_failure(r);
  REQUIRE_THAT(r.err, Catch::Contains("s.yaml:2:11: error: include '../secret.yaml' leaves the scenario's folder"));
  REQUIRE_THAT(r.err, Catch::Contains("s.yaml:2:27: error: include 'link.yaml' leaves the scenario's folder"));
  REQUIRE_THAT(r.err, !Catch::Contains("SECRET"));
}

TEST_CASE("class 2: only regular files are read, and never more than the cap", "[hostile]") {
  const std::string folder = fresh_folder("class2");
  REQUIRE(std::system(("mkfifo '" + folder + "/fifo.yaml'").c_str()) == 0);
  write_file(folder + "/s.yaml", "schema_version: 1\ninclude: [fifo.yaml]\n");

  const auto device = run_limited(folder, "validate /dev/zero");
  require_clean_failure(device);
  REQUIRE_THAT(device.err, Catch::Contains("'/dev/zero' is not a regular file"));

  // Opening a FIFO with no writer blocks forever: the test's timeout would catch it.
  const auto fifo = run_limited(folder, "validate fifo.yaml");
  require_clean_failure(fifo);
  REQUIRE_THAT(fifo.err, Catch::Contains("'fifo.yaml' is not a regular file"));

  const auto included = run_limited(folder, "validate s.yaml");
  require_clean_failure(included);
  REQUIRE_THAT(included.err, Catch::Contains("s.yaml:2:11: error: 'fifo.yaml' is not a regular file"));

  // /proc files claim a size of 0: the cap applies to the bytes read, not to what stat says.
  const auto proc = run_limited(folder, "validate /proc/self/status");
  require_clean_failure(proc);

  write_file(folder + "/big.yaml", std::string("schema_version: 1\n# ") + std::string(3u << 20, 'x') + "\n");
  const auto big = run_limited(folder, "validate big.yaml");
  require_clean_failure(big);
  REQUIRE_THAT(big.err, Catch::Contains("'big.yaml' is more than 2097152 bytes; a scenario file may be at most 2097152 bytes"));
}

TEST_CASE("class 3: expansion is bounded in bytes: fast, small and located", "[hostile]") {
  const std::string folder = fresh_folder("class3");
  // The 432-byte billion laughs: nine levels of nine aliases.
  std::string laughs = "schema_version: 1\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level < 9; ++level) {
    const std::string prev = std::string("*a") + std::to_string(level - 1);
    laughs += std::string("a") + std::to_string(level) + ": &a" + std::to_string(level) + " [" + repeat(prev + ", ", 8) + prev + "]\n";
  }
  write_file(folder + "/laughs.yaml", laughs);
  // 60 KB: a mapping of 50 keys of 1,000 bytes, aliased 100 times, and that 100 times.
  std::string keys = "schema_version: 1\nk0: &k0 {";
  for (int i = 10; i < 60; ++i) keys += std::string(i > 10 ? ", " : "") + std::string(998, 'k') + std::to_string(i) + ": x";
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict, bug 105329) on "literal" + string.
  keys += "}\nk1: &k1 [";
  keys += repeat("*k0, ", 99);
  keys += "*k0]\nk2: [";
  keys += repeat("*k1, ", 99);
  keys += "*k1]\n";
  write_file(folder + "/keys.yaml", keys);
  // A plain list just under the file cap, and one of 31 MiB.
  write_file(folder + "/list.yaml", std::string("schema_version: 1\nlist:\n") + repeat("- 1\n", (2u << 20) / 4 - 10));
  write_file(folder + "/huge_list.yaml", std::string("schema_version: 1\nlist:\n") + repeat("- 1\n", (31u << 20) / 4));

  for (const char* file : {"laughs.yaml", "keys.yaml", "list.yaml"}) {
    INFO(file);
    const auto r = run_limited(folder, std::string("validate ") + file, kMemoryCap);
    require_clean_failure(r);
    REQUIRE_THAT(r.err, Catch::Contains(std::string(file) + ":") && Catch::Contains("error: the document expands to more than"));
    // Well under a second on an idle machine; the bound leaves room for a loaded CI machine.
    REQUIRE(r.seconds < 20.0);
  }
  const auto huge = run_limited(folder, "validate huge_list.yaml", kMemoryCap);
  require_clean_failure(huge);
  REQUIRE_THAT(huge.err, Catch::Contains("'huge_list.yaml' is more than 2097152 bytes"));
}

TEST_CASE("class 4: every number has a range, and the calendar cannot run past the horizon", "[hostile]") {
  const std::string folder = scenario_folder("class4");
  write_file(folder + "/weeks.yaml", "activities:\n  - {id: ib1, due: {before: ts1, weeks: 100000000}}\n");
  const auto weeks = run_limited(folder, "explain s.yaml --override weeks.yaml");
  require_clean_failure(weeks);
  REQUIRE_THAT(weeks.err, Catch::Contains("weeks.yaml:2:41: error: 'weeks' in activity 'ib1': found the integer 100000000, "
                                          "expected a number at least 0 and at most 104"));

  write_file(folder + "/days.yaml", "activities:\n  - {id: ts1, days: 2147483647}\n  - {id: ts2, days: 2147483647}\n");
  const auto days = run_limited(folder, "validate s.yaml --override days.yaml");
  require_clean_failure(days);
  REQUIRE_THAT(days.err, Catch::Contains("days.yaml:2:21: error: 'days' in activity 'ts1': found the integer 2147483647, "
                                         "expected a number at least 1 and at most 260"));

  write_file(folder + "/far.yaml", "activities:\n  - {id: stocktaking, start: 9999-12-01, end: 9999-12-03}\n");
  const auto far = run_limited(folder, "explain s.yaml --override far.yaml");
  require_clean_failure(far);
  REQUIRE_THAT(far.err, Catch::Contains("far.yaml:2:30: error: 9999-12-01 is more than 20 years after the epoch 2017-03-01"));

  std::string many = "activities:\n";
  for (int i = 0; i < 30; ++i) many += std::string("  - {id: d") + std::to_string(i) + ", kind: summary, phase: consultations, days: 260}\n";
  write_file(folder + "/many.yaml", many);
  const auto total = run_limited(folder, "explain s.yaml --override many.yaml");
  require_clean_failure(total);
  REQUIRE_THAT(total.err, Catch::Contains("error: the activities' days and lead times add up to 7847 working days; "
                                          "expected at most 5220"));
}

TEST_CASE("class 5: nothing escapes the loader, every problem is located, all in one pass", "[hostile]") {
  const std::string folder = scenario_folder("class5");
  write_file(folder + "/bad.yaml",
             "name: \"caf\xC3\x28\"\n"                                    // invalid UTF-8 in a value
             "calendar:\n"
             "  venues:\n"
             "    geneva:\n"
             "      name: Palais\n"
             "      session_hours: [{start: \"ab:cd\", end: \"13:00\"}]\n"  // stoi once threw here
             "activities:\n"
             "  - {id: ts1, days: -3}\n"                                   // a negative duration
             "description: \xFF\xFE\n");                                    // invalid UTF-8, raw
  const auto r = run_limited(folder, "validate s.yaml --override bad.yaml");
  require_clean_failure(r);
  REQUIRE_THAT(r.err, Catch::Contains("bad.yaml:1:7: error: this text is not valid UTF-8 (byte 4 of it)"));
  REQUIRE_THAT(r.err, Catch::Contains("bad.yaml:6:31: error: 'calendar.venues.geneva.session_hours.0.start': "
                                      "found the text 'ab:cd', expected A time of day, HH:MM."));
  REQUIRE_THAT(r.err, Catch::Contains("bad.yaml:8:21: error: 'days' in activity 'ts1': found the integer -3, expected a number "
                                      "at least 1"));
  REQUIRE_THAT(r.err, Catch::Contains("bad.yaml:9:14: error: this text is not valid UTF-8 (byte 1 of it)"));
  REQUIRE_THAT(r.err, Catch::EndsWith("4 errors in s.yaml\n"));
}

TEST_CASE("class 6: numbers are read into their width or refused, the seed is an unsigned 64-bit integer", "[hostile]") {
  const std::string folder = scenario_folder("class6");
  write_file(folder + "/wide.yaml",
             "run: {seed: 1, replications: 4294967298}\n"
             "activities:\n"
             "  - {id: ib1, days: 4294967298}\n"
             "  - {id: sum1, days: 1e300}\n"
             "  - {id: ts1, days: 2.5}\n");
  const auto wide = run_limited(folder, "validate s.yaml --override wide.yaml");
  require_clean_failure(wide);
  REQUIRE_THAT(wide.err, Catch::Contains("wide.yaml:1:30: error: 'run.replications': found the integer 4294967298"));
  REQUIRE_THAT(wide.err, Catch::Contains("wide.yaml:3:21: error: 'days' in activity 'ib1': found the integer 4294967298"));
  // A number far out of an integer field's range is refused by the range (no narrowing happens);
  // a fraction within it, by the type.
  REQUIRE_THAT(wide.err, Catch::Contains("wide.yaml:4:22: error: 'days' in activity 'sum1': found the number 1e+300, "
                                         "expected a number at least 1 and at most 260"));
  REQUIRE_THAT(wide.err, Catch::Contains("wide.yaml:5:21: error: 'days' in activity 'ts1': found the number 2.5, "
                                         "expected an integer"));

  const auto negative = run_limited(folder, "run s.yaml -q -o out --seed -1");
  require_clean_failure(negative);
  REQUIRE_THAT(negative.err, Catch::Contains("'-1' is not a seed; expected an unsigned 64-bit integer, 0 to 18446744073709551615"));
  const auto huge = run_limited(folder, "run s.yaml -q -o out --seed 99999999999999999999999");
  require_clean_failure(huge);
  REQUIRE_THAT(huge.err, Catch::Contains("'99999999999999999999999' is too large for a seed"));
  const auto hex = run_limited(folder, "run s.yaml -q -o out --seed 0x10");
  require_clean_failure(hex);

  // The largest seed is a seed, on the command line and in the file.
  // (The minimal scenario validates but has too few states to run; the classroom one runs.)
  const auto largest = run_limited(folder, "run '" + std::string(GCMSIM_SOURCE_DIR) +
                                               "/scenarios/classroom.yaml' -q -r 1 -o out --seed 18446744073709551615");
  INFO(largest.err);
  REQUIRE(largest.exit_code == 0);
  REQUIRE_THAT(slurp(folder + "/out/manifest.json"), Catch::Contains("18446744073709551615"));
  const auto in_file = run_limited(folder, "validate s.yaml --set run.seed=18446744073709551615");
  INFO(in_file.err);
  REQUIRE(in_file.exit_code == 0);
  const auto too_wide = run_limited(folder, "validate s.yaml --set run.seed=18446744073709551616");
  require_clean_failure(too_wide);
  REQUIRE_THAT(too_wide.err, Catch::Contains("'run.seed': found the text '18446744073709551616', expected an integer"));
}

TEST_CASE("class 7: a --set path is bounded in depth", "[hostile]") {
  const std::string folder = scenario_folder("class7");
  const std::string path = repeat("a.", 64999) + "a";
  const auto r = run_limited(folder, "validate s.yaml --set '" + path + "=1'");
  require_clean_failure(r);
  REQUIRE_THAT(r.err, Catch::Contains("--set #1:1:1: error: --set 'a.a.a.") &&
                          Catch::Contains("the path has 65000 steps; a scenario nests at most 64 levels"));
}

TEST_CASE("class 9: small ones: empty keys, empty files, stray keys, includes by --set, control characters", "[hostile]") {
  const std::string folder = scenario_folder("class9");
  write_file(folder + "/empty_key.yaml", "\"\": [{id: a, bad: 1}]\n");
  const auto empty_key = run_limited(folder, "validate s.yaml --override empty_key.yaml");
  require_clean_failure(empty_key);
  REQUIRE_THAT(empty_key.err, Catch::Contains("empty_key.yaml:1:1: error: unknown key '' in the scenario"));

  write_file(folder + "/empty.yaml", "");
  const auto empty = run_limited(folder, "validate empty.yaml");
  require_clean_failure(empty);
  REQUIRE_THAT(empty.err, Catch::Contains("empty.yaml:1:1: error: the scenario is empty; expected a mapping with "
                                          "schema_version, name,"));
  REQUIRE_THAT(empty.err, Catch::EndsWith("1 error in empty.yaml\n"));

  const auto stray = run_limited(folder, "validate s.yaml --set a..b=1");
  require_clean_failure(stray);
  REQUIRE_THAT(stray.err, Catch::Contains("--set 'a..b=1': empty step in the path"));
  REQUIRE_THAT(stray.err, Catch::EndsWith("1 error in s.yaml\n"));  // no "unknown key 'a'" left behind

  const auto include = run_limited(folder, "validate s.yaml --set 'include=[included/states.yaml]'");
  require_clean_failure(include);
  REQUIRE_THAT(include.err, Catch::Contains("includes are read before --set options apply"));

  write_file(folder + "/ansi.yaml", "activities:\n  - {id: ts1, kind: \"\\e[2J\\e[31mred\"}\n");
  const auto ansi = run_limited(folder, "validate s.yaml --override ansi.yaml");
  require_clean_failure(ansi);
  REQUIRE(ansi.err.find('\x1b') == std::string::npos);
  REQUIRE_THAT(ansi.err, Catch::Contains("found the text '\\x1b[2J\\x1b[31mred'"));
}

TEST_CASE("issue 25: design tables, calibration files and session logs: regular files only, bounded, never echoed", "[hostile]") {
  const std::string folder = fresh_folder("issue25-readers");
  REQUIRE(std::system(("mkfifo '" + folder + "/fifo.csv' && truncate -s 1G '" + folder + "/huge.csv'").c_str()) == 0);
  // A sweep whose design table is each hostile file in turn.
  const auto sweep_over = [&](const std::string& table) {
    write_file(folder + "/sweep.yaml", std::string("sweep_version: 1\nname: t\nbase:\n  scenario: ") + GCMSIM_SOURCE_DIR +
                                           "/scenarios/classroom.yaml\nparameters:\n  - {name: r, set: "
                                           "negotiation.parameters.reservation}\ndesign: {kind: table, file: " +
                                           table + "}\nreplications: 1\n");
    return run_limited(folder, "sweep sweep.yaml --dry-run -o out", kMemoryCap);
  };
  for (const auto& [file, expected] : std::vector<std::pair<std::string, std::string>>{
           {"/dev/zero", "not a regular file"},
           {"fifo.csv", "is a FIFO"},
           {"huge.csv", "is more than"},
           {"/etc/passwd", ""}}) {
    const auto r = sweep_over(file);
    INFO(file << ": " << r.err);
    CHECK(r.signal == 0);
    CHECK(r.exit_code == 2);
    CHECK(r.seconds < 10);
    if (!expected.empty()) CHECK_THAT(r.err, Catch::Contains(expected));
    CHECK_THAT(r.err, !Catch::Contains("root:x:0:0"));  // the content of a file that is not a table is never quoted
  }
  // The calibration file itself, and a session log given to --replay.
  for (const std::string file : {"/dev/zero", "fifo.csv", "huge.csv"}) {
    const auto calibrate = run_limited(folder, "calibrate " + file + " -q -o cal", kMemoryCap);
    INFO(file << ": " << calibrate.err);
    CHECK(calibrate.signal == 0);
    CHECK(calibrate.exit_code == 2);
    const auto replay = run_limited(folder, std::string("run ") + GCMSIM_SOURCE_DIR + "/scenarios/classroom.yaml --replay " + file + " -q -o rep", kMemoryCap);
    INFO(replay.err);
    CHECK(replay.signal == 0);
    CHECK(replay.exit_code == 2);
    CHECK_THAT(replay.err, Catch::Contains("expected a session's decisions.csv"));
  }
  const auto passwd = run_limited(folder, std::string("run ") + GCMSIM_SOURCE_DIR + "/scenarios/classroom.yaml --replay /etc/passwd -q -o rep", kMemoryCap);
  CHECK(passwd.exit_code == 2);
  CHECK_THAT(passwd.err, !Catch::Contains("root:x:0:0"));
}

TEST_CASE("issue 25: one long --set gives a report of a few lines, the line shown as a window around the column", "[hostile]") {
  const std::string folder = fresh_folder("issue25-long-set");
  std::string path = "a";
  for (int i = 0; i < 20000; ++i) path += ".a";
  const auto deep = run_limited(folder, std::string("validate ") + GCMSIM_SOURCE_DIR + "/scenarios/classroom.yaml --set '" + path + "=1'");
  INFO(deep.err.substr(0, 2000));
  CHECK(deep.exit_code == 2);
  CHECK(deep.err.size() < 2000);  // 80 KB before: the whole line and a caret line as long
  CHECK_THAT(deep.err, Catch::Contains("the path has 20001 steps"));
  std::string value = "negotiation.parameters.reservation=" + std::string(5000, '[') + std::string(5000, ']');
  const auto nested = run_limited(folder, std::string("validate ") + GCMSIM_SOURCE_DIR + "/scenarios/classroom.yaml --set '" + value + "'");
  CHECK(nested.exit_code == 2);
  CHECK(nested.err.size() < 2000);
  CHECK_THAT(nested.err, Catch::Contains("--set #1:1:36: error"));
}
