#!/usr/bin/python3
"""The classroom's decision round trip (issue 22): 40 students in 40 seats of the whole 193-state
scenario and a projector, each on its own event stream, play a whole session through a real
`gcmsim serve --classroom` on loopback; a round trip is from a student's click to the moment every
screen (all 40 students and the projector) has received the first view without that question.
Target: p99 <= 100 ms.

    /usr/bin/python3 bench/classroom_bench.py [--binary ../<repo>-build/cli/gcmsim] [--students 40]

Run from the repository's root. Prints the machine's load with the figures: the clients run on the
same two cores as the server, so the figure includes their own Python time."""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "serve"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.environ.get("GCMSIM_BINARY", "../gcmsim-build/cli/gcmsim"))
    parser.add_argument("--students", type=int, default=40)
    args = parser.parse_args()
    os.environ["GCMSIM_BINARY"] = os.path.abspath(args.binary)
    os.environ.setdefault("GCMSIM_SOURCE_DIR", os.getcwd())
    from classroom_client import ClassroomServer, percentile, play_class  # reads the two variables above

    load_before = os.getloadavg()[0]
    server = ClassroomServer()
    try:
        _, body = server.call("GET", "/api/classroom/scenarios", keys=server.teacher_keys())
        delegations = next(s for s in body["scenarios"] if s["name"] == "gcm-2017-2018")["delegations"]
        seats = [d["iso3"] for d in delegations[:args.students]]
        debrief, students, projector, trips = play_class(server, "gcm-2017-2018", seats)
    finally:
        server.stop()
    ms = [t * 1000 for t in trips]
    print(f"machine load (1 min) before {load_before:.2f}, after {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores")
    print(f"{len(students)} students + 1 projector; {len(ms)} decisions answered")
    print(f"round trip click -> every screen updated: median {statistics.median(ms):.1f} ms, "
          f"p90 {percentile(ms, 0.90):.1f} ms, p99 {percentile(ms, 0.99):.1f} ms, max {max(ms):.1f} ms (target p99 <= 100 ms)")


if __name__ == "__main__":
    main()
