// The reshaped tables hold exactly what the long ones held (issue 24: the same content where the
// content is asked for, `cmp` against the old writer). On a daily run of the baseline with
// attendance.csv asked for, positions.csv (a column per dimension) melted back to a row per
// dimension, and acceptance.csv and attendance.csv with the state's name from states.csv and the
// meeting's kind, venue and date from timeline.csv put back, are byte for byte what the writers of
// commit fdf9424 (kept below as the reference) wrote for the same run.
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../models/loader/load_helpers.hpp"
#include "models/run/prepared_scenario.hpp"
#include "models/run/simulate.hpp"
#include "output/csv.hpp"
#include "output/run_writer.hpp"

using namespace gcmsim;

namespace {

using Row = std::vector<std::string>;

// RFC 4180 as output/csv.cpp writes it: a field is quoted when it holds a comma or a quote, quotes
// doubled; "\n" ends a line.
std::vector<Row> parse_csv(const std::string& text) {
  std::vector<Row> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  rows.pop_back();  // after the last "\n"
  return rows;
}

std::string line(const Row& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    output::append_csv_field(out, fields[i]);
  }
  return out + '\n';
}

// ---- The writers of fdf9424, as they were (the reference) ----

std::string old_positions_csv(const model::Scenario& s, const model::NegotiationRecord& rec, const Calendar& cal) {
  std::string out = "round,day,time,iso3,state,dimension,position\n";
  for (const model::PositionSnapshot& p : rec.positions) {
    const model::MemberState& st = s.member_states[p.state];
    for (std::size_t d = 0; d < p.position.size(); ++d) {
      out += line({s.activities[p.round].id, std::to_string(p.day), output::iso_datetime(cal, p.when), st.iso3, st.name,
                   rec.dimensions[d], output::csv_exact(p.position[d])});
    }
  }
  return out;
}

std::string old_acceptance_csv(const model::Scenario& s, const model::NegotiationRecord& rec, const Calendar& cal) {
  output::CsvTable table({"round", "day", "time", "iso3", "state", "acceptance", "taking_part"});
  for (const model::PositionSnapshot& p : rec.positions) {
    const model::MemberState& st = s.member_states[p.state];
    table.text(s.activities[p.round].id).integer(p.day).text(output::iso_datetime(cal, p.when)).text(st.iso3).text(st.name);
    table.number(p.acceptance, 4).boolean(p.in).end_row();
  }
  return std::move(table).str();
}

bool through_mission(const model::Scenario& scenario, const model::MeetingRecord& m, std::size_t state) {
  const model::Activity& a = scenario.activities[m.activity];
  const std::optional<model::MissionCity> city = a.venue ? scenario.venues.at(*a.venue).mission_city : std::nullopt;
  return city && scenario.member_states[state].has_mission(*city);
}

std::string old_attendance_csv(const model::Scenario& scenario, const model::RunResults& results, const Calendar& calendar) {
  output::CsvTable table({"meeting", "kind", "venue", "date", "iso3", "state", "present", "came_from", "capital_experts",
                          "funded", "funded_for", "funding_refused", "floor_requests", "interventions",
                          "unserved_requests", "speaking_minutes"});
  for (const model::MeetingRecord& m : results.meetings) {
    const model::Activity& a = scenario.activities[m.activity];
    const bool started = m.activity < results.activities.size() && results.activities[m.activity].started;
    for (std::size_t i = 0; i < scenario.member_states.size(); ++i) {
      const model::MemberState& st = scenario.member_states[i];
      const model::StateAtMeeting s = m.states.empty() ? model::StateAtMeeting{} : m.states[i];
      const bool mission = through_mission(scenario, m, i);
      table.text(a.id).text(model::to_string(a.kind)).text(a.venue ? scenario.venues.at(*a.venue).id : std::string());
      table.text(started ? calendar.date_string(results.activities[m.activity].start) : std::string());
      table.text(st.iso3).text(st.name).boolean(s.present);
      table.text(!s.present ? "" : mission ? "mission" : "capital").boolean(s.capital_expert).boolean(s.funded);
      table.text(!s.funded ? "" : mission ? "capital_expert" : "travel").boolean(s.funding_refused);
      table.integer(s.floor_requests).integer(s.interventions).integer(s.unserved_requests);
      table.number(s.speaking_minutes, 1).end_row();
    }
  }
  return std::move(table).str();
}

// ---- The new files, reshaped back ----

std::map<std::string, std::string> names(const std::string& states_csv) {
  const std::vector<Row> rows = parse_csv(states_csv);
  REQUIRE(rows.front() == Row{"iso3", "state", "regional_group", "development"});
  std::map<std::string, std::string> out;
  for (std::size_t r = 1; r < rows.size(); ++r) out[rows[r][0]] = rows[r][1];
  return out;
}

// Wide to long: round,day,time,iso3 + the name, then a row per dimension column.
std::string melted_positions(const std::string& wide, const std::map<std::string, std::string>& name) {
  const std::vector<Row> rows = parse_csv(wide);
  const Row& header = rows.front();
  REQUIRE(Row(header.begin(), header.begin() + 4) == Row{"round", "day", "time", "iso3"});
  std::string out = "round,day,time,iso3,state,dimension,position\n";
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    for (std::size_t d = 4; d < header.size(); ++d) out += line({row[0], row[1], row[2], row[3], name.at(row[3]), header[d], row[d]});
  }
  return out;
}

// The state's name put back after the iso3 column (`at`).
std::string with_names(const std::string& csv, std::size_t at, const std::map<std::string, std::string>& name) {
  std::vector<Row> rows = parse_csv(csv);
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Row& row = rows[r];
    row.insert(row.begin() + static_cast<std::ptrdiff_t>(at) + 1, r == 0 ? std::string("state") : name.at(row[at]));
    out += line(row);
  }
  return out;
}

// attendance.csv with the meeting's kind, venue and date (the day of its simulated start) from
// timeline.csv, and the state's name, put back.
std::string attendance_as_before(const std::string& csv, const std::string& timeline_csv,
                                 const std::map<std::string, std::string>& name) {
  const std::vector<Row> timeline = parse_csv(timeline_csv);
  REQUIRE(timeline.front()[0] == "id");
  std::map<std::string, Row> meeting;
  for (std::size_t r = 1; r < timeline.size(); ++r) {
    const Row& t = timeline[r];
    meeting[t[0]] = {t[1], t[3], t[6].substr(0, 10)};  // kind, venue, simulated_start's date
  }
  std::vector<Row> rows = parse_csv(with_names(csv, 1, name));
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Row& row = rows[r];
    const Row fields = r == 0 ? Row{"kind", "venue", "date"} : meeting.at(row[0]);
    row.insert(row.begin() + 1, fields.begin(), fields.end());
    out += line(row);
  }
  return out;
}

}  // namespace

TEST_CASE("the reshaped positions, acceptance and attendance hold what the long writers wrote, byte for byte",
          "[output][outputs]") {
  const sim::Preparation p = sim::prepare(sim::ScenarioSource{
      testing::scenario_file("gcm-2017-2018.yaml"), {}, {"outputs.positions=daily", "outputs.attendance=true"}});
  REQUIRE(p.ok());
  const sim::PreparedScenario& prepared = *p.scenario;
  const model::RunResults results = sim::simulate(prepared, sim::default_spec(prepared, 0));
  REQUIRE(results.negotiation.has_value());
  std::map<std::string, std::string> file;
  for (output::RunFile& f : output::run_files(prepared, results, output::manifest_info(prepared, results, 1, 0.0))) {
    file[f.name] = std::move(f.text);
  }
  REQUIRE(file.count("attendance.csv") == 1);
  const std::map<std::string, std::string> name = names(file.at("states.csv"));
  REQUIRE(name.size() == prepared.scenario().member_states.size());
  const model::Scenario& s = prepared.scenario();
  const Calendar& cal = prepared.calendar();

  const std::string old_positions = old_positions_csv(s, *results.negotiation, cal);
  CHECK(old_positions.size() > 3'000'000);  // every sitting day: the daily run it claims to be
  CHECK(melted_positions(file.at("positions.csv"), name) == old_positions);
  CHECK(with_names(file.at("acceptance.csv"), 3, name) == old_acceptance_csv(s, *results.negotiation, cal));
  CHECK(attendance_as_before(file.at("attendance.csv"), file.at("timeline.csv"), name) ==
        old_attendance_csv(s, results, cal));
  // And the new files are the smaller: the same content in less than half the bytes.
  CHECK(file.at("positions.csv").size() * 3 < old_positions.size());
}
