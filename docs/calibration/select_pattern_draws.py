#!/usr/bin/python3
"""The calibration's second filter (docs/negotiation.md, "Calibration"): the accepted draws that also
show the deadline pattern, and the baseline values (their means).

  select_pattern_draws.py accepted POSTERIOR_CSV OUT_CSV
      the accepted draws of `gcmsim calibrate` as the design table of the pattern sweeps
      (scenarios/history/posterior-accepted.csv).
  select_pattern_draws.py pattern ACCEPTED_CSV SIX_POINTS_CSV FOUR_POINTS_CSV OUT_CSV
      joins the two sweeps' points.csv (gcmsim sweep scenarios/history/deadline-pattern-{six,four}.yaml),
      marks a draw as showing the pattern when its six-round runs agree in the last scheduled round
      in more than half of the replications and its four-round runs less often, writes
      docs/calibration/deadline-pattern.csv and prints the pattern draws' means.
"""
import csv
import sys

COLUMNS = {
    "negotiation.parameters.deadline_decay": "deadline_decay",
    "negotiation.parameters.deadline_concession": "deadline_concession",
    "negotiation.parameters.objection_tolerance": "objection_tolerance",
    "negotiation.parameters.round_concession": "round_concession",
    "negotiation.parameters.dissociation_rate": "dissociation_rate",
    "parameters.attendance.base": "attendance_base",
    "policies.trust_fund.capital_expert_request": "capital_expert_request",
}


def accepted(posterior, out):
    with open(posterior, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["accepted"] == "true"]
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS.values())
        for r in rows:
            w.writerow(r[k] for k in COLUMNS)
    print(f"{len(rows)} accepted draws -> {out}")


def pattern(accepted_csv, six, four, out):
    with open(accepted_csv, newline="") as f:
        draws = list(csv.DictReader(f))
    def last_round(path):
        with open(path, newline="") as f:
            return {int(r["point"]): float(r["agreed_in_last_round_mean"]) for r in csv.DictReader(f)}
    s, q = last_round(six), last_round(four)
    kept = []
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["point", *COLUMNS.values(), "six_agreed_in_last_round", "four_agreed_in_last_round", "pattern"])
        for i, d in enumerate(draws):
            shows = s[i] > 0.5 and q[i] < s[i]
            if shows:
                kept.append(d)
            w.writerow([i, *(d[c] for c in COLUMNS.values()), f"{s[i]:g}", f"{q[i]:g}", shows])
    print(f"{len(kept)} of {len(draws)} draws show the pattern -> {out}")
    for c in COLUMNS.values():
        values = [float(d[c]) for d in kept]
        print(f"  {c:<24} mean {sum(values) / len(values):.4g}" if values else f"  {c}: no draw")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "accepted":
        accepted(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 6 and sys.argv[1] == "pattern":
        pattern(*sys.argv[2:])
    else:
        sys.exit(__doc__)
