// End-to-end: `gcmsim sweep` on small sweeps of the classroom scenario. The tables must be the same
// bytes whatever the threads, shards and kills.
#include <filesystem>
#include <chrono>
#include <cstdlib>
#include <random>
#include <sys/wait.h>
#include <string>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include "tests/cli/run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;
namespace fs = std::filesystem;

namespace {

const std::string kGrid = "tests/experiments/fixtures/classroom-grid.yaml";

std::size_t count_lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

void require_ok(const gcmsim::testing::CommandResult& r) {
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
}

// Every table of a results.sqlite, each row as text in rowid order: two databases with the same
// rows give the same dump (their bytes may differ).
std::string dump(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "cannot open " + path;
  }
  std::string out;
  const auto query = [&](const std::string& sql, auto&& each) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      out += "error: " + std::string(sqlite3_errmsg(db)) + "\n";
      return;
    }
    while (sqlite3_step(st) == SQLITE_ROW) each(st);
    sqlite3_finalize(st);
  };
  std::vector<std::string> tables;
  query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
        [&](sqlite3_stmt* st) { tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))); });
  for (const std::string& t : tables) {
    out += "table " + t + "\n";
    query("SELECT * FROM \"" + t + "\" ORDER BY rowid", [&](sqlite3_stmt* st) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* v = sqlite3_column_text(st, c);
        if (c > 0) out += '|';
        out += v != nullptr ? reinterpret_cast<const char*>(v) : "NULL";
      }
      out += "\n";
    });
  }
  sqlite3_close(db);
  return out;
}

// The value of one query's first column in its first row, as text.
std::string scalar(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  std::string out = "error";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char* v = sqlite3_column_text(st, 0);
    out = v ? reinterpret_cast<const char*>(v) : "NULL";
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

}  // namespace

TEST_CASE("a sweep also writes results.sqlite: runs, points, metrics, design, manifest and the series it keeps") {
  const std::string dir = out_dir("sqlite");
  require_ok(run_gcmsim(fmt::format("sweep {} -o {} -j 2", kGrid, dir)));
  const std::string db = dir + "/results.sqlite";
  REQUIRE(fs::exists(db));
  CHECK(scalar(db, "SELECT count(*) FROM runs") == "12");
  CHECK(scalar(db, "SELECT count(*) FROM points") == "4");
  CHECK(scalar(db, "SELECT count(*) FROM design") == "4");
  CHECK(scalar(db, "SELECT value FROM manifest WHERE key = 'name'") == "classroom-grid");
  CHECK(scalar(db, "SELECT count(*) FROM metrics") == "4");
  CHECK(scalar(db, "SELECT group_concat(name) FROM parameters") == "adopt_threshold,susceptibility");
  // The runs table holds runs.csv's numbers: the same sum of adoptions either way.
  const std::string runs = read_text(dir + "/runs.csv");
  double adopt = 0;
  std::size_t at = runs.find('\n') + 1;
  while (at < runs.size()) {
    const std::size_t end = runs.find('\n', at);
    const std::string line = runs.substr(at, end - at);
    adopt += std::stod(line.substr(line.rfind(',') + 1));
    at = end + 1;
  }
  CHECK(std::stod(scalar(db, "SELECT sum(conference_adopt) FROM runs")) == Approx(adopt));
  CHECK(scalar(db, "SELECT typeof(agreed) FROM runs LIMIT 1") == "integer");
  // Series: every run has each, in order; attendance is a share.
  CHECK(scalar(db, "SELECT count(DISTINCT run) FROM series WHERE series = 'draft_distance'") == "12");
  CHECK(scalar(db, "SELECT count(DISTINCT run) FROM series WHERE series = 'attendance'") == "12");
  CHECK(scalar(db, "SELECT min(value) >= 0 AND max(value) <= 1 FROM series WHERE series = 'attendance'") == "1");
  CHECK(scalar(db, "SELECT value FROM series WHERE series = 'draft_distance' AND run = 0 AND step = 0") == "0.0");
  CHECK(scalar(db, "SELECT count(*) FROM series_info") == "4");
  CHECK(std::stoi(scalar(db, "SELECT count(*) FROM series WHERE series = 'acceptance' AND run = 5")) >= 2);
  // The journal carries the series; a merge rebuilds the same rows from it.
  const std::string before = dump(db);
  require_ok(run_gcmsim(fmt::format("sweep merge {}", dir)));
  CHECK(dump(db) == before);
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().extension() != ".tmp");
}

TEST_CASE("a Morris design writes morris.csv: mu, mu* with its interval, and sigma per metric and parameter") {
  const std::string dir = out_dir("morris");
  require_ok(run_gcmsim(fmt::format("sweep tests/experiments/fixtures/classroom-morris.yaml -o {} -j 2", dir)));
  CHECK(count_lines(read_text(dir + "/design.csv")) == 1 + 6 * 4);
  const std::string m = read_text(dir + "/morris.csv");
  CHECK(m.rfind("metric,parameter,mu,mu_star,mu_star_low,mu_star_high,sigma,effects\n", 0) == 0);
  CHECK(count_lines(m) == 1 + 2 * 3);
  CHECK(m.find("\nagreed_round,deadline_concession,") != std::string::npos);
  CHECK(scalar(dir + "/results.sqlite", "SELECT count(*) FROM morris") == "6");
  CHECK(scalar(dir + "/results.sqlite", "SELECT min(effects) FROM morris") == "6");
}

TEST_CASE("gcmsim discover finds the box of a condition, and a bad condition is a located error") {
  const std::string dir = out_dir("discover");
  require_ok(run_gcmsim(fmt::format("sweep tests/experiments/fixtures/classroom-morris.yaml -o {} -j 2 -r 3", dir)));
  const auto bad = run_gcmsim(fmt::format("discover {} --where 'conference_adop < 9'", dir));
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--where:1:1: error: unknown metric 'conference_adop' (expected a metric column of runs.csv); did you mean 'conference_adopt'?") != std::string::npos);
  const auto op = run_gcmsim(fmt::format("discover {} --where 'conference_adopt ~ 9'", dir));
  CHECK(op.exit_code == 2);
  CHECK(op.err.find("--where:1:18: error: expected one of < <= > >= == !=") != std::string::npos);
  const auto found = run_gcmsim(fmt::format("discover {} --where 'agreed_round < 3'", dir));
  require_ok(found);
  CHECK(found.out.find("peeling (alpha 0.05") != std::string::npos);
  CHECK(found.out.find("the densest covering at least 80% of the cases), pasted: coverage") != std::string::npos);
  CHECK(found.out.find("qp: the binomial probability") != std::string::npos);
  const auto none = run_gcmsim(fmt::format("discover {} --where 'conference_adopt > 1000'", dir));
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("no run has conference_adopt > 1000") != std::string::npos);
}

TEST_CASE("a sweep writes runs.csv and points.csv with a column per parameter and metric") {
  const std::string dir = out_dir("tables");
  require_ok(run_gcmsim(fmt::format("sweep {} -o {} -j 2", kGrid, dir)));
  const std::string runs = read_text(dir + "/runs.csv");
  CHECK(runs.substr(0, runs.find('\n')) ==
        "point,replication,seed,adopt_threshold,susceptibility,agreed,agreed_round,left_process,conference_adopt");
  CHECK(count_lines(runs) == 1 + 4 * 3);
  CHECK(runs.find("\n0,0,5,0.8,0.3,") != std::string::npos);
  CHECK(runs.find("\n3,2,5,0.85,0.6,") != std::string::npos);
  const std::string points = read_text(dir + "/points.csv");
  CHECK(points.rfind("point,adopt_threshold,susceptibility,agreed_mean,agreed_sd,agreed_ci95_low,agreed_ci95_high,agreed_n,", 0) == 0);
  CHECK(count_lines(points) == 1 + 4);
  CHECK(fs::exists(dir + "/design.csv"));
  CHECK(fs::exists(dir + "/sweep.json"));
  CHECK_FALSE(fs::exists(dir + "/runs"));
}

TEST_CASE("one thread and two threads give byte-identical tables") {
  const std::string a = out_dir("j1");
  const std::string b = out_dir("j2");
  require_ok(run_gcmsim(fmt::format("sweep {} -o {} -j 1 -r 5", kGrid, a)));
  require_ok(run_gcmsim(fmt::format("sweep {} -o {} -j 2 -r 5", kGrid, b)));
  CHECK(read_text(a + "/runs.csv") == read_text(b + "/runs.csv"));
  CHECK(read_text(a + "/points.csv") == read_text(b + "/points.csv"));
}

TEST_CASE("shards merged equal the whole, and a missing shard makes merge fail naming it") {
  const std::string whole = out_dir("whole");
  const std::string sharded = out_dir("sharded");
  require_ok(run_gcmsim(fmt::format("sweep {} -o {} -j 2", kGrid, whole)));
  for (const char* shard : {"0/3", "2/3"}) {
    const auto r = run_gcmsim(fmt::format("sweep {} -o {} -j 1 --shard {}", kGrid, sharded, shard));
    require_ok(r);
    CHECK(r.out.find("gcmsim sweep merge") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(sharded + "/runs.csv"));
  const auto missing = run_gcmsim("sweep merge " + sharded);
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("shard 1/3 is missing: no " + sharded + "/journal-1-of-3.txt") != std::string::npos);
  require_ok(run_gcmsim(fmt::format("sweep {} -o {} --shard 1/3", kGrid, sharded)));
  require_ok(run_gcmsim("sweep merge " + sharded));
  CHECK(read_text(whole + "/runs.csv") == read_text(sharded + "/runs.csv"));
  CHECK(read_text(whole + "/points.csv") == read_text(sharded + "/points.csv"));
}

TEST_CASE("Slurm's array variables choose the shard when --shard is absent") {
  const std::string dir = out_dir("slurm-env");
  const std::string command = fmt::format("cd '{}' && SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=2 '{}' sweep {} -o {} </dev/null",
                                          GCMSIM_SOURCE_DIR, GCMSIM_BINARY, kGrid, dir);
  REQUIRE(std::system(command.c_str()) == 0);
  CHECK(fs::exists(dir + "/journal-1-of-2.txt"));
  CHECK_FALSE(fs::exists(dir + "/journal-0-of-2.txt"));
}

TEST_CASE("a sweep killed with SIGKILL at random moments and resumed gives byte-identical tables") {
  const std::string reference = out_dir("kill-ref");
  const std::string killed = out_dir("killed");
  const std::string args = fmt::format("sweep {} -r 400 -j 2", kGrid);
  const auto start = std::chrono::steady_clock::now();
  require_ok(run_gcmsim(fmt::format("{} -o {}", args, reference)));
  // Kill moments are drawn within the time the whole sweep took here, so that they land while it runs.
  const double whole = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::mt19937 rng(20170401);
  std::uniform_real_distribution<double> moment(0.05 * whole, 0.7 * whole);
  int kills = 0;
  bool finished = false;
  for (int attempt = 0; attempt < 40 && !finished; ++attempt) {
    // gcmsim itself is the background job, so that the kill reaches it and not a shell around it.
    const std::string command =
        fmt::format("cd '{}' && {{ '{}' {} -o {} </dev/null >/dev/null 2>&1 & pid=$!; sleep {:.3f}; kill -9 $pid 2>/dev/null; wait $pid; }}",
                    GCMSIM_SOURCE_DIR, GCMSIM_BINARY, args, killed, moment(rng));
    const int status = std::system(command.c_str());
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    // The shell reports a killed child's status as 128 + 9.
    if (code == 0) finished = true;
    else if (code == 128 + 9) ++kills;
    else FAIL("unexpected exit " << code);
  }
  if (!finished) require_ok(run_gcmsim(fmt::format("{} -o {} --resume", args, killed)));
  INFO(kills << " kills, the whole sweep took " << whole << " s");
  CHECK(kills >= 3);
  CHECK(read_text(reference + "/runs.csv") == read_text(killed + "/runs.csv"));
  CHECK(read_text(reference + "/points.csv") == read_text(killed + "/points.csv"));
  // The database is written from the journals as the tables are: the same rows, series included.
  const std::string rows = dump(reference + "/results.sqlite");
  CHECK(rows.find("table series\n") != std::string::npos);
  CHECK(dump(killed + "/results.sqlite") == rows);
}

TEST_CASE("kill -9 while shards are merged into the tables: the next merge completes them byte-identically") {
  // Two shards journaled and nothing merged: `sweep merge` is the tables phase alone (runs.csv,
  // points.csv, results.sqlite streamed to temporary files and renamed).
  const std::string args = fmt::format("sweep {} -r 400 -j 2", kGrid);
  const std::string killed = out_dir("merge-killed");
  for (int shard = 0; shard < 2; ++shard) require_ok(run_gcmsim(fmt::format("{} -o {} --shard {}/2", args, killed, shard)));
  // The reference: the same shards merged without interruption, timed for the kill moments.
  const std::string reference = out_dir("merge-reference");
  fs::remove_all(reference);
  fs::copy(killed, reference, fs::copy_options::recursive);
  const auto start = std::chrono::steady_clock::now();
  require_ok(run_gcmsim("sweep merge " + reference));
  const double whole = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::mt19937 rng(20181210);
  std::uniform_real_distribution<double> moment(0.1 * whole, 0.9 * whole);
  int kills = 0;
  for (int attempt = 0; attempt < 12; ++attempt) {
    const std::string command =
        fmt::format("cd '{}' && {{ '{}' sweep merge {} </dev/null >/dev/null 2>&1 & pid=$!; sleep {:.3f}; kill -9 $pid 2>/dev/null; wait $pid; }}",
                    GCMSIM_SOURCE_DIR, GCMSIM_BINARY, killed, moment(rng));
    const int status = std::system(command.c_str());
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 128 + 9) ++kills;
    else if (code != 0) FAIL("unexpected exit " << code);
  }
  require_ok(run_gcmsim("sweep merge " + killed));
  INFO(kills << " kills, an uninterrupted merge took " << whole << " s");
  CHECK(kills >= 3);
  CHECK(read_text(reference + "/runs.csv") == read_text(killed + "/runs.csv"));
  CHECK(read_text(reference + "/points.csv") == read_text(killed + "/points.csv"));
  CHECK(dump(killed + "/results.sqlite") == dump(reference + "/results.sqlite"));
  // The killed merges' temporary files were cleaned by the next one.
  for (const auto& entry : fs::directory_iterator(killed)) CHECK(entry.path().extension() != ".tmp");
}

TEST_CASE("a folder that holds another sweep is refused") {
  const std::string dir = out_dir("other");
  require_ok(run_gcmsim(fmt::format("sweep {} -o {} -r 1", kGrid, dir)));
  const auto r = run_gcmsim(fmt::format("sweep {} -o {} -r 2", kGrid, dir));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("holds the results of another sweep") != std::string::npos);
  const auto resume = run_gcmsim(fmt::format("sweep {} -o {}-none --resume", kGrid, dir));
  CHECK(resume.exit_code == 2);
  CHECK(resume.err.find("holds no sweep to resume") != std::string::npos);
}

TEST_CASE("every point is checked before the first run, and an invalid one is named") {
  const std::string dir = out_dir("invalid");
  const auto r = run_gcmsim(fmt::format("sweep tests/experiments/fixtures/invalid-point.yaml -o {}", dir));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("point 1 (adopt_threshold=high) makes the scenario invalid:") != std::string::npos);
  CHECK(r.err.find("1 of 2 points of tests/experiments/fixtures/invalid-point.yaml are invalid; nothing was run") != std::string::npos);
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("a dry run prints the design and an estimate, and writes nothing") {
  const std::string dir = out_dir("dry");
  const auto r = run_gcmsim(fmt::format("sweep {} -o {} --dry-run", kGrid, dir));
  require_ok(r);
  CHECK(r.out.find("4 points x 3 replications = 12 runs") != std::string::npos);
  CHECK(r.out.find("estimated time:") != std::string::npos);
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("a table design runs the points of a CSV, and a Sobol design also writes sensitivity.csv with convergence flags") {
  const std::string table = out_dir("table");
  require_ok(run_gcmsim(fmt::format("sweep tests/experiments/fixtures/classroom-table.yaml -o {}", table)));
  CHECK(count_lines(read_text(table + "/points.csv")) == 1 + 3);
  const std::string sobol = out_dir("sobol");
  const auto r = run_gcmsim(fmt::format("sweep tests/experiments/fixtures/small-sobol.yaml -o {} -j 2", sobol));
  require_ok(r);
  const std::string s = read_text(sobol + "/sensitivity.csv");
  CHECK(s.rfind("metric,parameter,S1,S1_low,S1_high,S1_half,ST,ST_low,ST_high,ST_half,rows,converged,flags,constant\n", 0) == 0);
  CHECK(count_lines(s) == 1 + 3 * 2);
  CHECK(s.find("\nconference_adopt,reservation,") != std::string::npos);
  // N = 8 is far too small: the flags say so in the table and the command names the remedy.
  CHECK(s.find(",false,") != std::string::npos);
  INFO(r.err);
  CHECK(r.err.find("warning: sensitivity.csv:") != std::string::npos);
  CHECK(r.err.find("have not converged at N = 8") != std::string::npos);
  CHECK(r.err.find("rerun with a larger design.samples (N = 32") != std::string::npos);
}

TEST_CASE("an outcome the same in every run is reported as constant with its value, not as NaN indices, and a constant shift "
          "changes no index") {
  const std::string dir = out_dir("sobol-constant");
  const auto r = run_gcmsim(fmt::format("sweep tests/experiments/fixtures/small-sobol.yaml -o {} -r 1", dir));
  require_ok(r);
  const std::string s = read_text(dir + "/sensitivity.csv");
  INFO(s);
  // Every run agrees: each of agreed's rows says constant, with the value 1.
  CHECK(s.find("\nagreed,reservation,,,,,,,,,8,false,constant,1\n") != std::string::npos);
  CHECK(s.find("nan") == std::string::npos);
  CHECK(r.err.find("one metric is the same in every run (agreed = 1)") != std::string::npos);
  // (That indices are the same for f and a + b f, as for adoptions against 193 minus them, is
  // checked on the estimator itself in sobol_indices_test.cpp: since issue 24 no metric of this
  // sweep is an affine function of another, left_process no longer counting dissociations.)
}

TEST_CASE("with --keep-runs, a sweep writes each run's full outputs") {
  const std::string dir = out_dir("keep");
  require_ok(run_gcmsim(fmt::format("sweep {} -o {} -r 1 --keep-runs", kGrid, dir)));
  CHECK(fs::exists(dir + "/runs/point-00003/rep-0000/manifest.json"));
  // Every journaled run has its folder, complete with its manifest, and nothing is left half-written.
  std::size_t manifests = 0, temporaries = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir + "/runs")) {
    const std::string name = e.path().filename().string();
    if (name == "manifest.json") ++manifests;
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0) ++temporaries;
  }
  CHECK(manifests == count_lines(read_text(dir + "/runs.csv")) - 1);
  CHECK(temporaries == 0);
}

TEST_CASE("the shipped grid and Latin hypercube sweeps of the baseline check every point and plan their runs") {
  const auto grid = run_gcmsim("sweep scenarios/sweeps/trust-fund-by-intervention-limit.yaml --dry-run -j 2");
  require_ok(grid);
  CHECK(grid.out.find("12 points x 20 replications = 240 runs, 8 metrics kept") != std::string::npos);
  // The shorthand scales each of the baseline's five contributions (USD 400,000 first) by 0.25.
  CHECK(grid.out.find("point 0: policies.trust_fund.contributions.0.usd=100000 ") != std::string::npos);
  CHECK(grid.out.find("policies.trust_fund.contributions.4.usd=75000 formats.thematic_session.intervention_limit_minutes=2") !=
        std::string::npos);
  const auto lhs = run_gcmsim("sweep scenarios/sweeps/negotiation-lhs.yaml --dry-run -j 2");
  require_ok(lhs);
  CHECK(lhs.out.find("100 points x 4 replications = 400 runs") != std::string::npos);
}

TEST_CASE("the shipped Latin hypercube sweep answers the documented question: which box holds fewer than 150 adopting") {
  // docs/experiments.md and `gcmsim discover --help` ask it of this sweep; its reservation reaches
  // 0.90 so that some runs lose enough states for the question to have cases.
  const std::string dir = out_dir("shipped-lhs");
  require_ok(run_gcmsim(fmt::format("sweep scenarios/sweeps/negotiation-lhs.yaml -o {} -j 2", dir)));
  const auto found = run_gcmsim(fmt::format("discover {} --where 'conference_adopt < 150'", dir));
  require_ok(found);
  INFO(found.out);
  CHECK(found.out.find("conference_adopt < 150 in 253 of 400 runs") != std::string::npos);
  // The box: a high reservation (states leave) and a low susceptibility (they move little toward
  // the text), each limit significant; the other limits are not.
  CHECK(found.out.find("coverage 0.822 (208 of 253 cases), density 0.867 (208 of 240 runs in the box)") != std::string::npos);
  CHECK(found.out.find("  reservation                      0.798891     0.899082      0.0022         -\n") != std::string::npos);
  CHECK(found.out.find("  susceptibility                   0.205027     0.608592           -   1.9e-09\n") != std::string::npos);
}

TEST_CASE("an unknown metric is located in the sweep file with a did-you-mean") {
  const auto r = run_gcmsim("sweep tests/experiments/fixtures/bad-metric.yaml --dry-run");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("tests/experiments/fixtures/bad-metric.yaml:9:19: error: unknown metric 'left_proces'; did you mean "
                   "'left_process'? (gcmsim metrics --list names them all)") != std::string::npos);
}
