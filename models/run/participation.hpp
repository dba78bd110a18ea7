#pragma once
// Who attended and who spoke over a whole run, by regional group and by development status: the
// figures a planner compares with membership, and the ones the per-run metrics are made of.
#include <array>
#include <limits>

#include "models/run_results.hpp"
#include "models/scenario.hpp"

namespace gcmsim::sim {

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

// One set of member states (a regional group, the LDCs, ...) over all meetings of a run.
struct GroupParticipation {
  int members = 0;
  // Mean over meetings of the share of the set's states present, 0-1; NaN without members or
  // meetings.
  double attendance_share = kNoValue;
  double speaking_minutes = 0.0;
  // The set's share of all speaking minutes, 0-1; NaN when nobody spoke.
  double speaking_share = kNoValue;
  // The set's share of the member states, 0-1: what speaking_share is compared with.
  double membership_share = kNoValue;
  int unserved_requests = 0;
  int trips_funded = 0;
};

// Development status as the trust fund sees it (OP31): developed, developing (not LDC), LDC.
enum class Status { developed, developing, ldc };
inline constexpr int kStatuses = 3;
inline constexpr std::array<std::string_view, kStatuses> kStatusNames = {"developed", "developing", "ldc"};
Status status_of(const model::MemberState& state);

struct Participation {
  std::array<GroupParticipation, model::kRegionalGroups> groups;  // by RegionalGroup
  std::array<GroupParticipation, kStatuses> statuses;              // by Status
  int unserved_requests = 0;
  double speaking_minutes = 0.0;
};

Participation participation(const model::Scenario& scenario, const model::RunResults& results);

}  // namespace gcmsim::sim
