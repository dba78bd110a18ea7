#!/usr/bin/python3
"""Developer check of a gcmsim scenario file (the C++ loader remains the real validator).

Usage:
    /usr/bin/python3 scenarios/tools/check_scenario.py [SCENARIO.yaml] [--list]

Default scenario: scenarios/gcm-2017-2018.yaml. What it does:
  1. reads the YAML with dates and times kept as strings (as the C++ loader sees them), merges the
     top-level keys of every `include` file beneath the scenario's own (the scenario wins);
  2. validates the merged document against scenarios/schema/scenario.schema.json;
  3. checks what the schema cannot: unique activity ids; every `needs`, `due.before`, `venue` and
     `format` refers to something that exists; trust-fund venues exist; co-facilitator and PGA
     states are member states; every date is a real calendar date, not before the epoch; start <= end;
     window earliest <= latest and start/end inside the window; a meeting's `days` equals the working
     days from start to end (weekends and calendar.holidays excluded, as the loader counts them);
     agenda minutes per day fit the venue's session hours; the thematic sessions total 12 working days (OP16); the
     hearings total 4 days, counted from their formats' minutes (OP30), and end by 30 June 2018;
     the negotiation rounds have the OP28 days per month; there is no dependency cycle;
  4. runs a forward pass (each undated document starts as early as its needs and window allow and
     takes `days` working days) and checks that planned dates respect `needs`, `due` (a week counts
     as five working days, as in the loader) and windows.

Exit status: 0 clean, 1 problems found, 2 the files cannot be read or a Python module is missing.
"""
import datetime as dt
import json
import os
import re
import sys

try:
    import yaml
except ImportError:
    sys.stderr.write("PyYAML is missing: apt-get install -y python3-yaml\n")
    sys.exit(2)
try:
    import jsonschema
except ImportError:
    sys.stderr.write("jsonschema is missing: apt-get install -y python3-jsonschema\n")
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.dirname(HERE)
SCHEMA_PATH = os.path.join(SCENARIOS, "schema", "scenario.schema.json")
DEFAULT_SCENARIO = os.path.join(SCENARIOS, "gcm-2017-2018.yaml")

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MINUTES_PER_SESSION_DAY_DEFAULT = 360  # 10:00-13:00 and 15:00-18:00 (CN §2)
OP28_DAYS = {(2018, 2): 3, (2018, 3): 4, (2018, 4): 4, (2018, 5): 5, (2018, 6): 5, (2018, 7): 5}
MEETING_KINDS = {"thematic_session", "regional_consultation", "stakeholder_hearing", "other_input",
                 "stocktaking", "negotiation_round", "conference"}


class StringDateLoader(yaml.SafeLoader):
    """A SafeLoader that leaves 2017-05-08 and 10:00 as strings, like yaml-cpp does."""


# Drop the implicit timestamp resolver: dates stay strings, as the schema expects.
StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp",)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _number_or_clock(kind):
    """YAML 1.1 reads 10:00 as the base-60 number 600; keep such scalars as strings instead."""
    base = yaml.SafeLoader.yaml_constructors[kind]

    def construct(loader, node):
        if ":" in loader.construct_scalar(node):
            return loader.construct_scalar(node)
        return base(loader, node)
    return construct


for _kind in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
    StringDateLoader.add_constructor(_kind, _number_or_clock(_kind))


def load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    return yaml.load(text, Loader=StringDateLoader)  # a SafeLoader subclass


class Report:
    def __init__(self):
        self.problems = []
        self.notes = []

    def error(self, message):
        self.problems.append(message)

    def note(self, message):
        self.notes.append(message)


def parse_date(text, where, report):
    if not isinstance(text, str) or not ISO_DATE.match(text):
        report.error(f"{where}: {text!r} is not an ISO date YYYY-MM-DD")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        report.error(f"{where}: {text} is not a real calendar date")
        return None


def merge_includes(doc, scenario_path, report):
    base = os.path.dirname(os.path.abspath(scenario_path))
    merged = dict(doc)
    for rel in doc.get("include", []) or []:
        path = os.path.normpath(os.path.join(base, rel))
        if os.path.commonpath([base, path]) != base:
            report.error(f"include {rel!r} points outside the scenario's folder")
            continue
        try:
            sub = load_yaml(path)
        except (OSError, yaml.YAMLError) as exc:
            report.error(f"include {rel!r} cannot be read: {exc}")
            continue
        if not isinstance(sub, dict):
            report.error(f"include {rel!r} is not a mapping at top level")
            continue
        for key, value in sub.items():
            if key in merged:
                report.note(f"include {rel!r}: key {key!r} is also in the scenario; the scenario's value wins")
            else:
                merged[key] = value
    return merged


def schema_check(doc, report):
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for err in errors:
        path = "/".join(str(p) for p in err.absolute_path) or "(top)"
        report.error(f"schema: {path}: {err.message}")
    return not errors


class WorkCalendar:
    """Working days: Monday-Friday minus calendar.holidays (the schema has no per-venue holidays)."""

    def __init__(self, doc, report):
        cal = doc.get("calendar", {})
        self.global_holidays = set()
        for i, text in enumerate(cal.get("holidays", []) or []):
            day = parse_date(text, f"calendar.holidays[{i}]", report)
            if day:
                if day.weekday() >= 5:
                    report.note(f"calendar.holidays: {text} is a weekend day anyway")
                self.global_holidays.add(day)
        self.session_minutes = {}
        for vid, venue in (cal.get("venues") or {}).items():
            minutes = 0
            for window in venue.get("session_hours", []) or []:
                start, end = clock_minutes(window.get("start")), clock_minutes(window.get("end"))
                if start is None or end is None or end <= start:
                    report.error(f"calendar.venues.{vid}.session_hours: bad window {window}")
                    continue
                minutes += end - start
            self.session_minutes[vid] = minutes or MINUTES_PER_SESSION_DAY_DEFAULT

    def is_working(self, day):
        return day.weekday() < 5 and day not in self.global_holidays

    def next_working(self, day):
        while not self.is_working(day):
            day += dt.timedelta(days=1)
        return day

    def add_working(self, first, count):
        """The last day of a span of `count` working days starting at the working day `first`."""
        day = first
        remaining = count - 1
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_working(day):
                remaining -= 1
        return day

    def working_days_before(self, day, count):
        """The count-th working day strictly before `day` (`day` itself when count is 0)."""
        while count > 0:
            day -= dt.timedelta(days=1)
            if self.is_working(day):
                count -= 1
        return day

    def working_days(self, start, end):
        count, day = 0, start
        while day <= end:
            count += self.is_working(day)
            day += dt.timedelta(days=1)
        return count


def clock_minutes(text):
    if not isinstance(text, str) or not re.match(r"^\d{2}:\d{2}$", text):
        return None
    hours, minutes = int(text[:2]), int(text[3:])
    return hours * 60 + minutes


def find_cycle(graph):
    """Returns one cycle as a list of ids, or None. graph: id -> iterable of successor ids."""
    white, grey, black = 0, 1, 2
    colour = {node: white for node in graph}
    for root in graph:
        if colour[root] != white:
            continue
        stack = [(root, iter(graph[root]))]
        path = [root]
        colour[root] = grey
        while stack:
            node, successors = stack[-1]
            advanced = False
            for nxt in successors:
                if colour.get(nxt, black) == grey:
                    return path[path.index(nxt):] + [nxt]
                if colour.get(nxt) == white:
                    colour[nxt] = grey
                    stack.append((nxt, iter(graph[nxt])))
                    path.append(nxt)
                    advanced = True
                    break
            if not advanced:
                colour[node] = black
                stack.pop()
                path.pop()
    return None


def topological_order(graph):
    indegree = {node: 0 for node in graph}
    for node in graph:
        for nxt in graph[node]:
            indegree[nxt] += 1
    ready = [node for node in graph if indegree[node] == 0]
    order = []
    while ready:
        node = ready.pop()
        order.append(node)
        for nxt in graph[node]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return order


def day_minutes(fmt, day_number):
    # An item without `day` belongs to day 1, as in the loader.
    return sum(item.get("minutes", 0) for item in fmt.get("agenda", [])
               if item.get("day", 1) == day_number)


def format_days(fmt, sitting_days):
    """Minutes per sitting day of a format used for `sitting_days` days."""
    return [day_minutes(fmt, d) for d in range(1, sitting_days + 1)]


def semantic_checks(doc, report):
    cal = WorkCalendar(doc, report)
    epoch = parse_date(doc.get("calendar", {}).get("epoch"), "calendar.epoch", report)
    venues = doc.get("calendar", {}).get("venues") or {}
    formats = doc.get("formats") or {}
    activities = doc.get("activities") or []
    states = {s.get("iso3") for s in doc.get("member_states") or []}

    # Actors.
    for i, cf in enumerate(doc.get("actors", {}).get("co_facilitators", []) or []):
        if cf.get("state") not in states:
            report.error(f"actors.co_facilitators[{i}]: {cf.get('state')} is not a member state")
    pga = doc.get("actors", {}).get("pga") or {}
    if pga.get("state") and pga["state"] not in states:
        report.error(f"actors.pga: {pga['state']} is not a member state")

    # Ids.
    by_id = {}
    for i, act in enumerate(activities):
        aid = act.get("id")
        if aid in by_id:
            report.error(f"activities[{i}]: id {aid!r} is used twice")
        by_id[aid] = act

    # References, dates, windows, working days.
    dates = {}
    for aid, act in by_id.items():
        where = f"activity {aid}"
        for need in act.get("needs", []) or []:
            if need not in by_id:
                report.error(f"{where}: needs unknown activity {need!r}")
            if need == aid:
                report.error(f"{where}: needs itself")
        due = act.get("due")
        if due and due.get("before") not in by_id:
            report.error(f"{where}: due.before names unknown activity {due.get('before')!r}")
        if act.get("venue") and act["venue"] not in venues:
            report.error(f"{where}: unknown venue {act['venue']!r}")
        if act.get("format") and act["format"] not in formats:
            report.error(f"{where}: unknown format {act['format']!r}")
        for mod in act.get("moderators", []) or []:
            if mod not in states:
                report.error(f"{where}: moderator {mod} is not a member state")

        start = parse_date(act["start"], f"{where}.start", report) if "start" in act else None
        end = parse_date(act["end"], f"{where}.end", report) if "end" in act else None
        window = act.get("window")
        w_early = parse_date(window["earliest"], f"{where}.window.earliest", report) if window else None
        w_late = parse_date(window["latest"], f"{where}.window.latest", report) if window else None
        if (start is None) != (end is None):
            report.error(f"{where}: give both start and end, or neither")
        if start and end and start > end:
            report.error(f"{where}: start {start} is after end {end}")
        if w_early and w_late and w_early > w_late:
            report.error(f"{where}: window earliest {w_early} is after latest {w_late}")
        if w_early and start and start < w_early:
            report.error(f"{where}: start {start} is before the window ({w_early})")
        if w_late and end and end > w_late:
            report.error(f"{where}: end {end} is after the window ({w_late})")
        if epoch and start and start < epoch:
            report.error(f"{where}: start {start} is before the epoch {epoch}")
        if epoch and w_early and w_early < epoch:
            report.error(f"{where}: window starts {w_early}, before the epoch {epoch}")
        venue = act.get("venue")
        if start and end:
            if not cal.is_working(start):
                report.error(f"{where}: starts on a non-working day ({start:%a} {start})")
            if not cal.is_working(end):
                report.note(f"{where}: ends on a non-working day ({end:%a} {end})")
            sitting = cal.working_days(start, end)
            if "days" in act and act["days"] != sitting:
                report.error(f"{where}: days = {act['days']} but {start}..{end} has {sitting} working days")
        if act.get("kind") in MEETING_KINDS and not (start or window):
            report.error(f"{where}: a meeting needs start/end or a window")
        if act.get("kind") in MEETING_KINDS and "days" not in act:
            report.error(f"{where}: a meeting needs `days`")
        if act.get("kind") not in MEETING_KINDS and "days" not in act:
            report.note(f"{where}: no `days` (drafting time); the forward pass uses 1")
        dates[aid] = (start, end, w_early, w_late)

        # Agenda against the venue's hours.
        fmt = formats.get(act.get("format"))
        if fmt and venue in venues and act.get("days"):
            limit = cal.session_minutes.get(venue, MINUTES_PER_SESSION_DAY_DEFAULT)
            per_day = format_days(fmt, act["days"])
            for d, minutes in enumerate(per_day, start=1):
                if minutes > limit:
                    report.error(f"{where}: format {act['format']} has {minutes} min on day {d}, "
                                 f"more than the {limit} min of session hours at {venue}")
                if minutes == 0 and d == 1:
                    report.error(f"{where}: format {act['format']} has nothing on day 1")
            max_day = max((i.get("day", 1) for i in fmt.get("agenda", [])), default=1)
            if max_day > act["days"]:
                report.error(f"{where}: format {act['format']} has items for day {max_day}, "
                             f"but the meeting sits {act['days']} days")

    # Travel costs.
    trust = (doc.get("policies") or {}).get("trust_fund") or {}
    for vid in trust.get("travel_cost_usd", {}) or {}:
        if vid not in venues:
            report.error(f"policies.trust_fund.travel_cost_usd: unknown venue {vid!r}")
    for i, c in enumerate(trust.get("contributions", []) or []):
        parse_date(c.get("date"), f"policies.trust_fund.contributions[{i}].date", report)
    acc = (doc.get("policies") or {}).get("accreditation") or {}
    if "list_submitted" in acc:
        parse_date(acc["list_submitted"], "policies.accreditation.list_submitted", report)
    for i, ev in enumerate(doc.get("events", []) or []):
        parse_date(ev.get("date"), f"events[{i}].date", report)
        if ev.get("state") not in states:
            report.error(f"events[{i}]: {ev.get('state')} is not a member state")

    # Format sanity.
    for fid, fmt in formats.items():
        for i, item in enumerate(fmt.get("agenda", [])):
            em = item.get("expert_minutes")
            if em and em["min"] > em["max"]:
                report.error(f"format {fid} agenda[{i}]: expert_minutes min > max")
            fixed = item.get("moderator_minutes", 0) + item.get("experts", 0) * (em["max"] if em else 0)
            if fixed > item.get("minutes", 0):
                report.error(f"format {fid} agenda[{i}]: moderator and experts need {fixed} min, "
                             f"more than the item's {item.get('minutes')} min")

    # Process rules (OP16, OP28, OP30).
    sessions = [a for a in activities if a.get("kind") == "thematic_session"]
    total = sum(a.get("days", 0) for a in sessions)
    if sessions and total != 12:
        report.error(f"thematic sessions total {total} working days; the baseline uses 12 (OP16: at most 12)")
    starts = [dates[a["id"]][0] for a in sessions]
    if all(starts) and starts != sorted(starts):
        report.error("thematic sessions are not listed in chronological order")
    hearings = [a for a in activities if a.get("kind") == "stakeholder_hearing"]
    if hearings:
        hearing_days = 0.0
        for h in hearings:
            fmt = formats.get(h.get("format"))
            if fmt:
                limit = cal.session_minutes.get(h.get("venue"), MINUTES_PER_SESSION_DAY_DEFAULT)
                hearing_days += sum(format_days(fmt, h.get("days", 1))) / limit
            else:
                hearing_days += h.get("days", 0)
            last = dates[h["id"]][1] or dates[h["id"]][3]
            if last and last > dt.date(2018, 6, 30):
                report.error(f"hearing {h['id']} ends {last}, after June 2018 (OP30)")
        if abs(hearing_days - 4.0) > 1e-9:
            report.error(f"hearings total {hearing_days:g} days by their formats; OP30 says 4")
        report.note(f"hearings: {len(hearings)} events, {hearing_days:g} days by their formats (OP30: 4)")
    rounds = [a for a in activities if a.get("kind") == "negotiation_round"]
    if rounds:
        per_month = {}
        for r in rounds:
            s = dates[r["id"]][0]
            if s:
                per_month[(s.year, s.month)] = per_month.get((s.year, s.month), 0) + r.get("days", 0)
            if r.get("venue") != "new_york":
                report.error(f"round {r['id']}: venue {r.get('venue')}, OP28 says New York")
        if per_month and per_month != OP28_DAYS:
            report.error(f"negotiation days per month {sorted(per_month.items())} differ from OP28")

    # Dependency graph: need -> activity, and document -> the activity it is due before.
    graph = {aid: set() for aid in by_id}
    for aid, act in by_id.items():
        for need in act.get("needs", []) or []:
            if need in graph:
                graph[need].add(aid)
        due = act.get("due")
        if due and due.get("before") in graph:
            graph[aid].add(due["before"])
    cycle = find_cycle(graph)
    if cycle:
        report.error("dependency cycle: " + " -> ".join(cycle))
        return cal, {}

    # Forward pass.
    finish = {}
    begin = {}
    for aid in topological_order(graph):
        act = by_id[aid]
        start, end, w_early, w_late = dates[aid]
        venue = act.get("venue")
        ready = epoch or dt.date.min
        for need in act.get("needs", []) or []:
            if need in finish:
                ready = max(ready, finish[need] + dt.timedelta(days=1))
        if start and end:
            if start < ready:
                report.error(f"activity {aid}: planned start {start} comes before its needs are done "
                             f"(ready {ready})")
            begin[aid], finish[aid] = start, end
        else:
            first = cal.next_working(max(ready, w_early or ready))
            begin[aid] = first
            finish[aid] = cal.add_working(first, act.get("days", 1))
            if w_late and finish[aid] > w_late:
                report.error(f"activity {aid}: earliest finish {finish[aid]} is after its window ({w_late})")
    for aid, act in by_id.items():
        due = act.get("due")
        if not due or due.get("before") not in begin:
            continue
        lead = due.get("weeks", 0) * 5 + due.get("days", 0)  # working days, as in the loader
        deadline = cal.working_days_before(begin[due["before"]], lead)
        if finish[aid] > deadline:
            report.error(f"activity {aid}: earliest finish {finish[aid]} misses its due date {deadline} "
                         f"({due['before']} starts {begin[due['before']]})")
    return cal, {aid: (begin[aid], finish[aid]) for aid in begin}


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    listing = "--list" in argv
    path = args[0] if args else DEFAULT_SCENARIO
    report = Report()
    try:
        doc = load_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        sys.stderr.write(f"check_scenario: cannot read {path}: {exc}\n")
        return 2
    if not isinstance(doc, dict):
        sys.stderr.write(f"check_scenario: {path} is not a mapping at top level\n")
        return 2
    with open(path, encoding="utf-8") as handle:
        first = handle.readline().strip()
    if not first.startswith("# yaml-language-server: $schema="):
        report.note("first line is not a yaml-language-server $schema comment")

    merged = merge_includes(doc, path, report)
    schema_ok = schema_check(merged, report)
    schedule = {}
    if schema_ok:
        _, schedule = semantic_checks(merged, report)
    else:
        report.note("semantic checks skipped: fix the schema errors first")

    print(f"scenario: {path}")
    print(f"member states: {len(merged.get('member_states') or [])}; "
          f"activities: {len(merged.get('activities') or [])}; "
          f"venues: {len((merged.get('calendar') or {}).get('venues') or {})}; "
          f"formats: {len(merged.get('formats') or {})}")
    if listing and schedule:
        print(f"\n{'id':24} {'kind':22} {'venue':12} {'start':10}   {'end':10}  days")
        for act in merged["activities"]:
            b, f = schedule.get(act["id"], (None, None))
            planned = "start" in act
            print(f"{act['id']:24} {act['kind']:22} {act.get('venue', '-'):12} {b}   {f}  "
                  f"{act.get('days', '-')}{'' if planned else '  (forward pass)'}")
        print()
    for note in report.notes:
        print(f"note: {note}")
    for problem in report.problems:
        print(f"ERROR: {problem}")
    print("OK" if not report.problems else f"{len(report.problems)} problem(s)")
    return 0 if not report.problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
