#include "models/loader/rule_warnings.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <optional>

#include <fmt/core.h>

#include "models/plan.hpp"

namespace gcmsim::loader {
namespace {

using model::Activity;
using model::ActivityKind;
using model::Date;
using std::chrono::month;
using std::chrono::year;

constexpr Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, std::chrono::day{d}}; }

// OP14: the three phases of the preparatory process, by calendar month.
struct PhaseWindow {
  model::Phase phase;
  Date first;
  Date last;
  const char* text;
};
constexpr std::array<PhaseWindow, 3> kPhaseWindows = {{
    {model::Phase::consultations, ymd(2017, 4, 1), ymd(2017, 11, 30), "April to November 2017"},
    {model::Phase::stocktaking, ymd(2017, 11, 1), ymd(2018, 1, 31), "November 2017 to January 2018"},
    {model::Phase::negotiations, ymd(2018, 2, 1), ymd(2018, 7, 31), "February to July 2018"},
}};

// OP27: the zero draft is presented "by the beginning of February 2018", read as within the first
// working week of February (Friday 9 February 2018).
constexpr Date kZeroDraftBy = ymd(2018, 2, 9);

// OP13: Member States decide the precise modalities of the conference "by January 2018".
constexpr Date kModalitiesBy = ymd(2018, 1, 31);

// OP28: sitting days of the intergovernmental negotiations in each month of 2018.
constexpr std::array<int, 13> kRoundDays2018 = {0, 0, 3, 4, 4, 5, 5, 5, 0, 0, 0, 0, 0};  // by month 1-12
constexpr std::array<const char*, 13> kMonthNames = {"", "January", "February", "March", "April", "May", "June",
                                                     "July", "August", "September", "October", "November", "December"};

// OP30: four days of hearings between April 2017 and June 2018.
constexpr double kHearingDays = 4.0;
constexpr Date kHearingsFirst = ymd(2017, 4, 1);
constexpr Date kHearingsLast = ymd(2018, 6, 30);

class RuleCheck {
 public:
  RuleCheck(const Document& doc, const model::Scenario& s, Diagnostics& d)
      : doc_(doc), s_(s), diag_(d), calendar_(s.make_calendar()), plan_(model::make_plan(s, calendar_)) {}

  void run() {
    infeasible_plan();
    phases();
    zero_draft();
    rounds();
    hearings();
    closures();
    conference_secretary_general();
    conference_modalities();
  }

 private:
  std::string activity_pointer(std::size_t i) const { return pointer_append("/activities", i); }
  // Where the dates of an activity were written: its start (or dates), else the activity.
  Location dates_at(std::size_t i) const {
    const std::string p = activity_pointer(i);
    for (const char* key : {"dates", "start", "window"}) {
      const std::string q = pointer_append(p, key);
      if (doc_.value.contains(nlohmann::json::json_pointer(q))) return doc_.origins.find(q).value;
    }
    return doc_.origins.find(p).value;
  }
  const Activity& activity(std::size_t i) const { return s_.activities[i]; }
  Date start(std::size_t i) const { return plan_.activities[i].start; }
  Date end(std::size_t i) const { return plan_.activities[i].end; }

  void infeasible_plan() {
    for (std::size_t i = 0; i < s_.activities.size(); ++i) {
      const Activity& a = activity(i);
      for (std::size_t need : a.needs) {
        if (end(need) < start(i)) continue;
        const nlohmann::json* list = find("/activities", i, "needs");
        std::string at = activity_pointer(i);
        if (list != nullptr && list->is_array()) {
          for (std::size_t k = 0; k < list->size(); ++k) {
            if ((*list)[k] == activity(need).id) at = pointer_append(pointer_append(at, "needs"), k);
          }
        }
        diag_.warning(doc_.origins.find(at).value, "infeasible-plan",
                      fmt::format("activity '{}' is planned to start {} but needs '{}', planned to end {}; the run will "
                                  "start it late",
                                  a.id, iso_date(start(i)), activity(need).id, iso_date(end(need))),
                      static_cast<int>(activity(need).id.size()));
      }
    }
  }

  void phases() {
    for (std::size_t i = 0; i < s_.activities.size(); ++i) {
      const Activity& a = activity(i);
      if (!model::is_meeting(a.kind)) continue;  // documents are drafted between meetings, across phases
      for (const PhaseWindow& w : kPhaseWindows) {
        if (w.phase != a.phase || (!(start(i) < w.first) && !(w.last < end(i)))) continue;
        diag_.warning(dates_at(i), "OP14",
                      fmt::format("activity '{}' of the {} phase is planned {} to {}; OP14 places that phase in {}", a.id,
                                  model::to_string(a.phase), iso_date(start(i)), iso_date(end(i)), w.text));
      }
    }
  }

  void zero_draft() {
    for (std::size_t i = 0; i < s_.activities.size(); ++i) {
      if (activity(i).kind != ActivityKind::zero_draft || !(kZeroDraftBy < end(i))) continue;
      diag_.warning(dates_at(i), "OP27",
                    fmt::format("the zero draft '{}' is planned to be ready {}; OP27 has it presented by the beginning "
                                "of February 2018 (taken as {})",
                                activity(i).id, iso_date(end(i)), iso_date(kZeroDraftBy)));
    }
  }

  void rounds() {
    std::map<unsigned, std::vector<std::size_t>> by_month;  // 2018 month -> rounds starting in it
    for (std::size_t i = 0; i < s_.activities.size(); ++i) {
      const Activity& a = activity(i);
      if (a.kind != ActivityKind::negotiation_round) continue;
      const Date d = start(i);
      const auto m = static_cast<unsigned>(d.month());
      if (d.year() != year{2018} || kRoundDays2018[m] == 0) {
        diag_.warning(dates_at(i), "OP28",
                      fmt::format("negotiation round '{}' is planned {}; OP28 holds the negotiations from February to "
                                  "July 2018",
                                  a.id, iso_date(d)));
        continue;
      }
      by_month[m].push_back(i);
    }
    for (const auto& [m, rounds] : by_month) {
      int days = 0;
      for (std::size_t i : rounds) days += activity(i).days;
      if (days == kRoundDays2018[m]) continue;
      const std::size_t last = rounds.back();
      diag_.warning(days_at(last), "OP28",
                    fmt::format("{} 2018 has {} day{} of negotiations ({}); OP28 sets {}{}", kMonthNames[m], days,
                                days == 1 ? "" : "s", ids(rounds), kRoundDays2018[m],
                                days > kRoundDays2018[m] ? " (OP29 allows additional consultations as required)" : ""));
    }
  }

  void hearings() {
    double total = 0.0;
    std::optional<std::size_t> last;
    for (std::size_t i = 0; i < s_.activities.size(); ++i) {
      const Activity& a = activity(i);
      if (a.kind != ActivityKind::stakeholder_hearing) continue;
      total += hearing_days(a);
      last = i;
      if (start(i) < kHearingsFirst || kHearingsLast < end(i)) {
        diag_.warning(dates_at(i), "OP30",
                      fmt::format("hearing '{}' is planned {}; OP30 holds the hearings between April 2017 and June 2018",
                                  a.id, iso_date(start(i))));
      }
    }
    if (last && total != kHearingDays) {
      diag_.warning(days_at(*last), "OP30",
                    fmt::format("the hearings last {:g} days in total (a half-day format counts a half); OP30 sets four "
                                "days",
                                total));
    }
  }

  // `calendar.closures`: a meeting planned to sit on a day of a closure (the year-end closure, when
  // the UN holds no intergovernmental meetings). Its planned sitting days, as the run will hold
  // them if nothing delays it; a --shift that moves a meeting there is located at the option.
  void closures() {
    if (s_.closures.empty()) return;
    for (std::size_t i = 0; i < s_.activities.size(); ++i) {
      const Activity& a = activity(i);
      if (!model::is_meeting(a.kind)) continue;  // documents are drafted through a closure
      std::vector<Date> closed;
      const model::Closure* in = nullptr;
      for (int offset : a.sitting_offsets(calendar_)) {
        const Date day = calendar_.add_working_days(start(i), offset);
        for (const model::Closure& c : s_.closures) {
          if (day < c.first || c.last < day) continue;
          closed.push_back(day);
          if (in == nullptr) in = &c;
        }
      }
      if (closed.empty()) continue;
      diag_.warning(dates_at(i), "closure",
                    fmt::format("meeting '{}' is planned to sit on {}, in {}, {} to {}, when the UN holds no meetings",
                                a.id, day_list(closed), in->name.empty() ? std::string("a closure") : in->name,
                                iso_date(in->first), iso_date(in->last)));
    }
  }

  // OP10: a Secretary-General of the Conference appointed ahead of phase I. Only for a scenario with
  // work the role leads (issue briefs, the conference note): a classroom scenario has none.
  void conference_secretary_general() {
    const bool leads_work = std::any_of(s_.activities.begin(), s_.activities.end(), [](const Activity& a) {
      return model::led_by_conference_secretary_general(a.kind);
    });
    if (!leads_work) return;
    const Date phase_one = kPhaseWindows[0].first;
    if (!s_.conference_secretary_general) {
      diag_.warning(located("/actors/secretariat", "/actors"), "OP10",
                    "no Secretary-General of the Conference is appointed (actors.secretariat.conference_secretary_general); "
                    "OP10 requests one ahead of phase I; the Secretariat (OP11) leads the issue briefs and the conference "
                    "note from the start");
      return;
    }
    const Date appointed = s_.conference_secretary_general->appointed;
    if (!(phase_one < appointed)) return;
    diag_.warning(located("/actors/secretariat/conference_secretary_general/appointed", "/actors"), "OP10",
                  fmt::format("the Secretary-General of the Conference is appointed {}; OP10 requests the appointment "
                              "ahead of phase I ({}): the issue briefs and the conference note wait for it",
                              iso_date(appointed), iso_date(phase_one)));
  }

  // OP13: the modalities decided by January 2018, and a conference that waits for them.
  void conference_modalities() {
    for (std::size_t i = 0; i < s_.activities.size(); ++i) {
      const Activity& a = activity(i);
      if (a.kind == ActivityKind::conference_modalities && kModalitiesBy < end(i)) {
        diag_.warning(located(pointer_append(pointer_append(activity_pointer(i), "window"), "earliest"),
                              pointer_append(activity_pointer(i), "start")),
                      "OP13",
                      fmt::format("the conference modalities '{}' are planned to be decided {}; OP13 has Member States "
                                  "decide them by January 2018",
                                  a.id, iso_date(end(i))));
      }
      if (a.kind != ActivityKind::conference) continue;
      for (std::size_t m = 0; m < s_.activities.size(); ++m) {
        if (activity(m).kind != ActivityKind::conference_modalities) continue;
        if (std::find(a.needs.begin(), a.needs.end(), m) != a.needs.end()) continue;
        diag_.warning(located(pointer_append(activity_pointer(i), "needs"), activity_pointer(i)), "OP13",
                      fmt::format("the conference '{}' does not need the conference modalities '{}'; OP13 bases the "
                                  "conference on them (add '{}' to its needs)",
                                  a.id, activity(m).id, activity(m).id));
      }
    }
  }

  // The location of `pointer` if the document holds it, else of `fallback`, else of the document.
  Location located(const std::string& pointer, const std::string& fallback) const {
    for (const std::string& p : {pointer, fallback}) {
      if (doc_.value.contains(nlohmann::json::json_pointer(p))) return doc_.origins.find(p).value;
    }
    return doc_.origins.find("").value;
  }

  static std::string day_list(const std::vector<Date>& days) {
    std::string out;
    for (std::size_t k = 0; k < days.size(); ++k) {
      out += (k == 0 ? "" : k + 1 == days.size() ? " and " : ", ") + iso_date(days[k]);
    }
    return out;
  }

  // A hearing whose format sits at most half of its venue's day counts as half a day (CN-T: the
  // third to sixth hearings are half days).
  double hearing_days(const Activity& a) const {
    if (!a.format || !a.venue) return a.days;
    const model::MeetingFormat& f = s_.formats.at(*a.format);
    double minutes = 0.0;
    for (const model::AgendaItem& item : f.agenda) minutes += item.day == 1 ? item.minutes : 0.0;
    const double day_minutes =
        static_cast<double>(calendar_.session_time_per_day(s_.venues[*a.venue].id)) / static_cast<double>(kMinute);
    return a.days == 1 && minutes > 0.0 && minutes <= day_minutes / 2.0 ? 0.5 : a.days;
  }

  Location days_at(std::size_t i) const {
    const std::string q = pointer_append(activity_pointer(i), "days");
    if (doc_.value.contains(nlohmann::json::json_pointer(q))) return doc_.origins.find(q).value;
    return dates_at(i);
  }
  std::string ids(const std::vector<std::size_t>& list) const {
    std::string out;
    for (std::size_t i : list) out += (out.empty() ? "" : ", ") + activity(i).id;
    return out;
  }
  const nlohmann::json* find(const std::string& list, std::size_t i, const char* key) const {
    const nlohmann::json::json_pointer p(pointer_append(pointer_append(list, i), key));
    return doc_.value.contains(p) ? &doc_.value.at(p) : nullptr;
  }

  const Document& doc_;
  const model::Scenario& s_;
  Diagnostics& diag_;
  Calendar calendar_;
  model::Plan plan_;
};

}  // namespace

void check_rules(const Document& doc, const model::Scenario& scenario, Diagnostics& diagnostics) {
  RuleCheck(doc, scenario, diagnostics).run();
}

}  // namespace gcmsim::loader
