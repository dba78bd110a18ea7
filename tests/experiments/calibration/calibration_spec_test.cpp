// The calibration file's cutoff: a target dated after it is refused with its location, an undated
// target under a cutoff too; the shipped targets keep to the cutoff.
#include "experiments/calibration/calibration_spec.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "experiments/calibration/fact_date.hpp"

using namespace gcmsim::calibration;

namespace {

std::string write_spec(const std::string& name, const std::string& targets) {
  const auto dir = std::filesystem::temp_directory_path() / "gcmsim_calibration_spec_test";
  std::filesystem::create_directories(dir);
  const auto path = (dir / name).string();
  std::ofstream(path) << "scenario: ../gcm-2017-2018.yaml\n"
                         "cutoff: 2018-07-13\n"
                         "parameters:\n"
                         "  negotiation.parameters.deadline_decay: {prior: uniform, min: 0.1, max: 0.8}\n"
                         "targets:\n"
                      << targets;
  return path;
}

std::string errors_of(const std::string& path) {
  try {
    read_calibration_spec(path);
  } catch (const SpecError& e) {
    std::string all;
    for (const auto& m : e.messages) all += m + "\n";
    return all;
  }
  return {};
}

}  // namespace

TEST_CASE("Calibrate refuses a target dated after the cutoff the file declares, located", "[calibration]") {
  const auto path = write_spec("post_cutoff.yaml",
                               "  - {metric: agreed_round, observed: 6, date: 2018-07-13}\n"
                               "  - {metric: conference_adopt, observed: 164, date: 2018-12-10}\n");
  const std::string errors = errors_of(path);
  // Line 7, the second target; the column of its date.
  CHECK(errors.find(path + ":7:") != std::string::npos);
  CHECK(errors.find("target 'conference_adopt' is dated 2018-12-10, after the cutoff 2018-07-13") != std::string::npos);
  CHECK(errors.find("holdout.yaml") != std::string::npos);
  CHECK(errors.find("agreed_round") == std::string::npos);  // dated on the cutoff: allowed
}

TEST_CASE("Under a cutoff every target is dated with a real day", "[calibration]") {
  CHECK(errors_of(write_spec("undated.yaml", "  - {metric: agreed_round, observed: 6}\n")).find("has no 'date'") != std::string::npos);
  CHECK(errors_of(write_spec("bad_date.yaml", "  - {metric: agreed_round, observed: 6, date: 2018-02-30}\n"))
            .find("'date' must be a date YYYY-MM-DD, found '2018-02-30'") != std::string::npos);
  CHECK(errors_of(write_spec("fine.yaml", "  - {metric: agreed_round, observed: 6, date: 2017-12-06}\n")).empty());
}

TEST_CASE("The shipped calibration targets are all dated on or before their cutoff", "[calibration]") {
  const CalibrationSpec spec = read_calibration_spec(std::string(GCMSIM_SOURCE_DIR) + "/scenarios/history/targets.yaml");
  REQUIRE(spec.cutoff);
  CHECK(format_fact_date(*spec.cutoff) == "2018-07-13");
  for (const Target& t : spec.targets) {
    REQUIRE(t.date);
    CHECK(*t.date <= *spec.cutoff);
    CHECK(t.metric != "conference_adopt");
  }
}

TEST_CASE("Fact dates are calendar days", "[calibration]") {
  CHECK(parse_fact_date("2018-07-13").has_value());
  CHECK(parse_fact_date("2016-02-29").has_value());
  CHECK_FALSE(parse_fact_date("2018-02-29").has_value());
  CHECK_FALSE(parse_fact_date("2018-7-13").has_value());
  CHECK_FALSE(parse_fact_date("13/07/2018").has_value());
  CHECK(format_fact_date(*parse_fact_date("2018-12-19")) == "2018-12-19");
}
