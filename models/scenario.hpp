#pragma once
// A scenario as the model sees it: plain data, already checked. Knows nothing of YAML; the loader
// (models/loader/) builds it from files.
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/calendar.hpp"

namespace gcmsim::model {

using Date = std::chrono::year_month_day;

enum class RegionalGroup { african, asia_pacific, eastern_european, latin_american_caribbean, western_european_others };
inline constexpr int kRegionalGroups = 5;
enum class Development { developed, developing };
enum class MissionCity { new_york, geneva, vienna };
// The six official languages of the United Nations; a delegation works in one of them.
enum class Language { arabic, chinese, english, french, russian, spanish };

struct MigrationProfile {
  double origin = 0.0;
  double transit = 0.0;
  double destination = 0.0;
};

struct MemberState {
  std::string name;
  std::string iso3;
  RegionalGroup group = RegionalGroup::african;
  bool ldc = false;
  Development development = Development::developing;
  MigrationProfile migration;
  std::vector<MissionCity> missions;
  std::vector<std::string> coalitions;
  std::optional<double> engagement;
  // Delegates it sends from capital; absent: as many as the trust fund pays for
  // (TrustFundPolicy::delegates_per_state). The fund never pays for more than the delegation.
  std::optional<int> delegation_size;
  // The government's stance against the compact by date (politics.stance: 0 neutral to 1), the
  // cabinets in start order; empty: no data, read as neutral.
  std::vector<std::pair<Date, double>> stance;
  // Its habit of absence from the UN's decisions (politics.absence: the share of the General
  // Assembly's recorded votes of 2017 it did not vote in); empty: no data.
  std::optional<double> absence;
  // The UN language the delegation works in: the data's `working_language`, or the loader's
  // estimate (docs/model.md, Interpretation). Matters only at meetings without interpretation.
  Language working_language = Language::english;

  bool has_mission(MissionCity city) const;
  // The stance of the government in office on `day`: the last cabinet started on or before it;
  // 0 (neutral) before the first cabinet and without data.
  double stance_on(Date day) const;
};

struct Venue {
  std::string id;
  std::string name;
  std::string city;
  std::optional<MissionCity> mission_city;
  std::optional<int> capacity;
  std::vector<SessionWindow> session_hours;  // empty: the calendar's default
};

enum class ActivityKind {
  thematic_session, regional_consultation, stakeholder_hearing, other_input, issue_brief,
  procedural_note, summary, stocktaking, chairs_summary, sg_report, zero_draft, negotiation_round,
  draft_revision, conference,
  // OP13: the Secretary-General's note on the organization of work of the conference, and the
  // Member States' decision on the conference's precise modalities that it is the basis of.
  conference_note, conference_modalities
};
enum class Phase { consultations, stocktaking, negotiations, conference };

bool is_meeting(ActivityKind kind);
// OP10: the work the Secretary-General of the Conference leads, as the documents name it: the
// inter-agency issue briefs, which the role "will lead" (CN §2(d); OP18), and the note on the
// organization of work of the conference (OP13; the organization of the conference is the role's,
// OP10). The process model starts it no earlier than the appointment (models/process/focal_point.hpp).
inline bool led_by_conference_secretary_general(ActivityKind kind) {
  return kind == ActivityKind::issue_brief || kind == ActivityKind::conference_note;
}

struct LeadTime {
  std::size_t before;  // index of the activity this one is due before
  int working_days;    // weeks count as five working days
};

struct Activity {
  std::string id;
  std::string name;
  ActivityKind kind = ActivityKind::other_input;
  Phase phase = Phase::consultations;
  std::optional<std::size_t> venue;   // index into Scenario::venues
  std::string theme;
  std::optional<std::string> format;  // key into Scenario::formats
  std::optional<Date> start;          // planned first day
  std::optional<Date> end;            // planned last day
  std::optional<Date> window_earliest;
  std::optional<Date> window_latest;
  int days = 1;                       // working days: sitting days or drafting time
  // A meeting that sits on listed days that are not consecutive (round 1 of 2018 sat on 20, 22
  // and 23 February, a hearing on the 21st): the days in order, first == start, last == end and
  // days == their number. Empty: it sits on `days` consecutive working days.
  std::vector<Date> sitting_dates;
  std::optional<LeadTime> due;
  std::vector<std::size_t> needs;     // indices into Scenario::activities
  bool interpretation = true;         // false: English only (OP29: interpretation only where available)
  std::vector<std::string> moderators;  // iso3 codes fixed by the scenario
  // Who is invited; both empty: every member state.
  std::vector<RegionalGroup> participant_groups;
  std::vector<std::string> participant_coalitions;

  bool invites(const MemberState& state) const;
  // Working days from the first sitting day to each sitting day: 0, 1, ..., days - 1, or the gaps
  // of the listed sitting_dates (0, 2, 3 for 20, 22 and 23 February 2018).
  std::vector<int> sitting_offsets(const Calendar& calendar) const;
};

enum class AgendaItemKind {
  opening, issue_brief, panel, interactive_discussion, summary_panel, closing, statements,
  stakeholder_segment, negotiation, adoption
};

struct AgendaItem {
  AgendaItemKind kind = AgendaItemKind::opening;
  std::string title;
  int day = 1;
  double minutes = 0.0;
  double moderator_minutes = 0.0;
  int experts = 0;
  double expert_minutes_min = 0.0;
  double expert_minutes_max = 0.0;
  bool floor = false;
  int stakeholder_slots = 0;
};

struct MeetingFormat {
  std::string id;
  std::string description;
  double intervention_limit_minutes = 3.0;
  // A coordinating group's statement (policies.floor.speaking_groups) opens each floor item with
  // this limit; 0: delegations speak only for themselves.
  double group_statement_minutes = 0.0;
  bool pre_inscribed_list = false;
  std::vector<AgendaItem> agenda;

  int panels() const;
};

enum class StakeholderKind {
  ecosoc_ngo, specially_accredited, nhri, academia, private_sector, diaspora, migrant_organisation, parliament
};

struct StakeholderPopulation {
  StakeholderKind kind = StakeholderKind::ecosoc_ngo;
  int organisations = 0;
  bool needs_accreditation = false;
  double objection_rate = 0.0;
  double registration_rate = 0.3;
  double speaking_interest = 0.5;
};

struct Contribution {
  Date date;
  double usd = 0.0;
  std::string donor;
};

enum class FundingPriority { ldc_first, first_come };
enum class FloorPolicy { first_come, alternating_groups };

struct TrustFundPolicy {
  std::vector<Contribution> contributions;
  bool developing_eligible = true;
  bool ldc_eligible = true;
  FundingPriority priority = FundingPriority::ldc_first;
  int delegates_per_state = 1;  // delegates per funded trip, capped by the state's delegation_size
  std::map<std::string, double> travel_cost_usd;  // by venue id
  // The fund as it was used: it paid capital-based experts' travel, New York included, where every
  // state has a mission but the mission is not the capital's migration experts. The chance that an
  // eligible delegation with a mission in the venue's city asks the fund for one expert's trip to a
  // meeting (0: the fund never pays for a city where the state has a mission).
  double capital_expert_request = 0.0;
};

// Model parameters; every default is documented in docs/model.md (section "Parameters") and can be
// set in the scenario's `parameters:` section. Defaults without a published source are the model's
// assumptions, named so that a sweep can vary them.
struct AttendanceParameters {
  double base = -1.0;            // logit intercept
  double mission_weight = 3.5;   // a mission in the venue's city
  double salience_weight = 2.0;  // theme salience in [0, 1]
  double cost_weight = 0.35;     // per 1,000 USD of unfunded travel, scaled by the affordability factor
  double funding_weight = 2.5;   // the trust fund pays the trip
  double engagement_weight = 2.0;
  double engagement_default = 0.6;
  // Poorer delegations feel the same fare more: the cost term is multiplied by these.
  double affordability_developed = 1.0;
  double affordability_developing = 1.5;
  double affordability_ldc = 2.0;
  // A meeting without interpretation (OP29): the logit of a state whose working language is not
  // offered drops by this much (English is always offered).
  double no_interpretation_weight = 1.0;
  // The conference is a political decision, not a fare (docs/model.md, "The conference"): a state
  // still in the process attends unless it stays away by habit (its absence, politics.absence);
  // nobody travels on the fund. false: the conference is a meeting like the others.
  bool political_conference = false;
};

struct FloorParameters {
  double request_rate = 0.35;             // chance a present, engaged delegation asks to speak in a floor item
  double mean_intervention_share = 0.95;  // how much of the time limit a speaker wants, on average
  double salience_offset = 0.5;           // the request chance scales with (offset + theme salience)
  double max_request_probability = 0.95;  // no delegation is certain to ask
  double share_min = 0.8;                 // a speaker's wanted time: mean share times U(share_min, share_max)
  double share_max = 1.2;
  // Without interpretation (OP29), a present state whose working language is not offered asks for
  // the floor with its chance multiplied by this.
  double no_interpretation_factor = 0.5;
  // A member whose group has spoken in the item has a voice without taking the floor: its own
  // request chance is multiplied by this.
  double after_group_request_factor = 1.0;
};

struct DraftingParameters {
  double delay_sd_days = 0.15;     // sd of the log of (actual / planned drafting time)
  double late_probability = 0.1;   // chance a document needs extra time
  double late_extra_min = 0.2;     // the extra time of a late document, as a share of its planned days,
  double late_extra_max = 0.6;     //   drawn uniformly in [late_extra_min, late_extra_max]
};

struct ModelParameters {
  AttendanceParameters attendance;
  FloorParameters floor;
  DraftingParameters drafting;
};

// Negotiation dynamics (docs/negotiation.md).
struct NegotiationDimension {
  std::string id;
  std::string name;
  std::vector<std::string> elements;  // New York Declaration, annex II, para 8 (a)-(x)
};

// The classroom form: a delegation's views stated explicitly (positions on the scenario's scale).
struct DelegationSpec {
  std::size_t state = 0;  // member-state index
  std::vector<double> position;
  std::vector<double> salience;  // empty: 1 on every dimension
  double susceptibility = 0.5;
  std::optional<double> reservation;
  std::vector<std::pair<std::size_t, double>> influence;  // member-state index, weight; sums to 1
};

struct NegotiationParameters {
  double self_weight = 0.4;       // weight a state keeps on its own view in the derived network
  double coalition_weight = 1.0;  // tie strength per shared coalition
  double group_weight = 0.5;      // tie strength for a shared regional group
  double susceptibility = 0.5;    // derived states: how far others' views move them (Lambda)
  double reservation = 0.35;      // acceptance below which a state leaves the process
  double adopt_threshold = 0.6;   // recorded GA vote: a state still in votes yes at or above it, abstains below
  double object_threshold = 0.45; // recorded GA vote: a state that left or dissociated votes no below it, abstains above
  double voice_spoke = 1.0;       // weight of a delegation that took the floor that day
  double voice_present = 0.5;     // present but silent
  double voice_absent = 0.1;      // absent (informal consultations still carry a little)
  // A delegation with capital-based experts in the room (its own, or funded by the trust fund) weighs
  // this many times more than one of mission staff alone (1: no difference).
  double voice_capital_expert = 1.0;
  // A silent member of a group that made a statement that day is heard at least this much.
  double voice_group = 0.75;
  int steps_per_day = 1;          // influence steps per negotiation day
  double draft_step = 0.05;       // how far one intervention pulls the working draft toward the speaker
  // Consensus and the deadline (docs/negotiation.md, "Consensus" and "The deadline").
  double objection_tolerance = 0.05;  // a state holds a bracket on a dimension while salience × distance exceeds its tolerance
  double tolerance_spread = 0.5;      // sd of log tolerance across states, drawn per replication (domestic mandates)
  double deadline_concession = 0.2;   // tolerance added at full deadline pressure
  double deadline_decay = 0.3;        // pressure = decay^(rounds left after this one): 1 in the last scheduled round
  double round_concession = 0.0;      // at each round's end every anchor (initial view) moves this share toward the text
  int informal_consultations = 2;     // OP29: further informal consultations allowed after the last round
  int consultation_gap_days = 14;     // days between them (and after the last round)
  // After agreement: dissociation (docs/negotiation.md, "After agreement").
  double dissociation_rate = 0.003;        // hazard per 30 days of a state at the room's mean distance, no destination share
  double dissociation_distance = 40.0;     // log-hazard per unit of distance from the text beyond the room's mean
  double dissociation_destination = 2.0;   // log-hazard per unit of destination share
  double dissociation_stance = 0.0;        // log-hazard per unit of government stance (0: no effect)
  double dissociation_contagion = 0.0;     // hazard per 30 days added by each departure, times affinity to the leaver (0: none)
  double dissociation_bloc = 0.0;          // log-hazard per unit share of a bloc's other members gone (coalitions, regional group; 0: none)
  bool ga_vote = false;                    // record a later General Assembly endorsement (a recorded vote)
  bool ga_political_no = false;            // a state that left by a political act votes no, whatever its acceptance
  double ga_absence = 0.12;                // chance that a state is absent from that vote
  double revision_blend = 0.5;      // how far a round's revision moves the text toward the compromise
};

struct NegotiationSpec {
  double scale_min = 0.0;
  double scale_max = 1.0;
  std::vector<NegotiationDimension> dimensions;
  std::vector<DelegationSpec> delegations;  // empty: views derived from the member-state data
  NegotiationParameters parameters;
};

struct ScriptedWithdrawal {
  Date date;
  std::string state;  // iso3
  std::string note;
  std::string who;    // the group the event addressed ("eastern_european", a coalition); empty: the state alone
  std::string event;  // the id of the scripted event it came from
};

// A group of states stays away from one meeting in protest (a temporary absence): invited, they
// are not present and ask the fund for nothing; they remain in the process.
// A new cabinet during the process: a dated entry of politics.stance after a state's first (the
// cabinet in office when the data begins). The loader makes each an event of the timeline, so that
// the history replay and `gcmsim explain` show it; the model reads the stance on each day from
// MemberState::stance (MemberState::stance_on), which is where the change takes effect.
struct GovernmentChange {
  std::string event;  // "government_AUT_2017-12-18"
  std::size_t state = 0;
  Date date;
  std::string cabinet;  // the new cabinet's name as the data gives it; may be empty
  double before = 0.0;  // the stance of the cabinet it replaces
  double after = 0.0;
};

struct ScriptedBoycott {
  std::size_t activity = 0;         // index into Scenario::activities
  std::vector<std::size_t> states;  // member-state indices
  std::string who;                  // as the scenario addressed them: a group, a coalition or "HUN, POL"
  std::string note;
  std::string event;                // the id of the scripted event
};

// OP10: the Secretary-General of the Conference, appointed by the Secretary-General "to act as focal
// point on behalf of the United Nations system for providing support to the preparatory process and
// to the organization of the conference"; the role ceases upon completion of the conference.
struct ConferenceSecretaryGeneral {
  std::string person;  // data, may be empty
  Date appointed;
};

// A period in which the UN holds no intergovernmental meetings (the year-end closure). A planning
// rule the loader warns about; the simulation does not enforce it.
struct Closure {
  Date first;
  Date last;
  std::string name;
};

struct Scenario {
  std::string name;
  std::string description;
  Date epoch;
  std::vector<Date> holidays;
  std::vector<Closure> closures;  // no meetings then (a planning rule, warned; the days stay working days)
  std::vector<Venue> venues;
  std::vector<MemberState> member_states;
  // Agreement of two member states in General Assembly recorded votes (politics.affinity), by pair
  // of indices into member_states, the lower first; a pair left out has none.
  std::map<std::pair<std::size_t, std::size_t>, double> affinity;
  std::vector<std::string> co_facilitators;  // iso3
  // Empty: none appointed; the Secretariat (OP11) leads the work the role would lead, from the start.
  std::optional<ConferenceSecretaryGeneral> conference_secretary_general;
  std::vector<StakeholderPopulation> stakeholders;
  std::vector<Activity> activities;
  std::map<std::string, MeetingFormat> formats;
  TrustFundPolicy trust_fund;
  FloorPolicy floor_policy = FloorPolicy::first_come;
  // Coalitions that coordinate and speak as groups (coalition ids of the member-state data, e.g. g77,
  // african_group, eu, celac, caricom), in the order the chair gives them the floor.
  std::vector<std::string> speaking_groups;
  std::vector<ScriptedWithdrawal> withdrawals;
  std::vector<ScriptedBoycott> boycotts;
  std::vector<GovernmentChange> government_changes;  // by date, then member-state order
  ModelParameters parameters;
  std::optional<NegotiationSpec> negotiation;
  // No seed or replication count: those are run control (sim::RunSpec), not domain data; the
  // scenario file's `run` section only supplies their defaults (loader::RunDefaults).

  std::optional<std::size_t> find_activity(std::string_view id) const;
  std::optional<std::size_t> find_state(std::string_view iso3) const;
  std::optional<std::size_t> find_venue(std::string_view id) const;
  // A calendar with the scenario's epoch, holidays and venues' session hours.
  Calendar make_calendar() const;
};

// The names the scenario language uses for each enum, in enum order: one table serves both reading
// scenarios (models/loader) and writing outputs.
inline constexpr std::array<std::string_view, 5> kRegionalGroupNames = {
    "african", "asia_pacific", "eastern_european", "latin_american_caribbean", "western_european_others"};
inline constexpr std::array<std::string_view, 3> kMissionCityNames = {"new_york", "geneva", "vienna"};
inline constexpr std::array<std::string_view, 6> kLanguageNames = {"arabic", "chinese", "english", "french", "russian",
                                                                  "spanish"};
inline constexpr std::array<std::string_view, 2> kDevelopmentNames = {"developed", "developing"};
inline constexpr std::array<std::string_view, 2> kFundingPriorityNames = {"ldc_first", "first_come"};
inline constexpr std::array<std::string_view, 2> kFloorPolicyNames = {"first_come", "alternating_groups"};
inline constexpr std::array<std::string_view, 16> kActivityKindNames = {
    "thematic_session", "regional_consultation", "stakeholder_hearing", "other_input", "issue_brief",
    "procedural_note", "summary", "stocktaking", "chairs_summary", "sg_report", "zero_draft",
    "negotiation_round", "draft_revision", "conference", "conference_note", "conference_modalities"};
inline constexpr std::array<std::string_view, 4> kPhaseNames = {"consultations", "stocktaking", "negotiations",
                                                                "conference"};
inline constexpr std::array<std::string_view, 10> kAgendaItemNames = {
    "opening", "issue_brief", "panel", "interactive_discussion", "summary_panel", "closing", "statements",
    "stakeholder_segment", "negotiation", "adoption"};
inline constexpr std::array<std::string_view, 8> kStakeholderKindNames = {
    "ecosoc_ngo", "specially_accredited", "nhri", "academia", "private_sector", "diaspora", "migrant_organisation",
    "parliament"};

inline std::string_view to_string(RegionalGroup g) { return kRegionalGroupNames[static_cast<std::size_t>(g)]; }
inline std::string_view to_string(ActivityKind k) { return kActivityKindNames[static_cast<std::size_t>(k)]; }
inline std::string_view to_string(Phase p) { return kPhaseNames[static_cast<std::size_t>(p)]; }
inline std::string_view to_string(Development d) { return kDevelopmentNames[static_cast<std::size_t>(d)]; }
inline std::string_view to_string(FundingPriority p) { return kFundingPriorityNames[static_cast<std::size_t>(p)]; }
inline std::string_view to_string(FloorPolicy p) { return kFloorPolicyNames[static_cast<std::size_t>(p)]; }
inline std::string_view to_string(StakeholderKind k) { return kStakeholderKindNames[static_cast<std::size_t>(k)]; }

}  // namespace gcmsim::model
