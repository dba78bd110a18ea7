"""Many replications from Python without holding them all (issue 25): run(tables=()) and stream()
keep memory flat in the number of replications and give run()'s numbers; Ctrl-C (SIGINT) stops a
long run within a second with KeyboardInterrupt. Memory is measured in a fresh interpreter per case
(peak resident set, ru_maxrss), so one case's allocations cannot hide another's."""
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

import gcmsim
from conftest import BASELINE

PEAK = """
import resource, sys, gcmsim
s = gcmsim.load(sys.argv[1])
mode, r = sys.argv[2], int(sys.argv[3])
if mode == "all":
    res = s.run(seed=1, replications=r, threads=2)
elif mode == "none":
    res = s.run(seed=1, replications=r, threads=2, tables=())
else:
    for one in s.stream(seed=1, replications=r, threads=2, tables=("timeline",)):
        one.timeline
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def peak_mb(mode, replications):
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", PEAK, str(BASELINE), mode, str(replications)],
                         env=env, check=True, capture_output=True, text=True)
    return int(out.stdout.strip())


def test_memory_is_flat_in_replications_without_tables_and_when_streaming():
    # Keeping every table grows by megabytes per replication (about 1.5 MB with daily positions,
    # a column per dimension: 34 MB from 2 to 24); keeping none or streaming does not.
    grows = peak_mb("all", 40) - peak_mb("all", 2)
    assert grows > 40, f"the reference case should grow with R (grew {grows} MB): the test would prove nothing"
    assert peak_mb("none", 40) - peak_mb("none", 2) < 15
    assert peak_mb("stream", 40) - peak_mb("stream", 2) < 15


def test_stream_and_tables_give_runs_numbers():
    s = gcmsim.load(BASELINE)
    full = s.run(seed=3, replications=5, threads=2)
    lean = s.run(seed=3, replications=5, threads=2, tables=())
    pd.testing.assert_frame_equal(full.metrics, lean.metrics)
    pd.testing.assert_frame_equal(full.summary, lean.summary)
    with pytest.raises(KeyError, match="tables="):
        lean.timeline
    streamed = list(s.stream(seed=3, replications=5, threads=2, tables=("timeline",)))
    assert [r.timeline["replication"].iloc[0] for r in streamed] == [0, 1, 2, 3, 4]
    pd.testing.assert_frame_equal(pd.concat([r.metrics for r in streamed], ignore_index=True), full.metrics)
    pd.testing.assert_frame_equal(pd.concat([r.timeline for r in streamed], ignore_index=True), full.timeline)
    with pytest.raises(ValueError, match="summary"):
        streamed[0].summary


LONG = """
import sys, gcmsim
s = gcmsim.load(sys.argv[1])
print("ready", flush=True)
try:
    s.run(seed=1, replications=100000, threads=2, tables=())
except KeyboardInterrupt:
    print("interrupted", flush=True)
    sys.exit(130)
print("finished", flush=True)
"""


@pytest.mark.parametrize("how", ["run", "stream"])
def test_ctrl_c_stops_a_long_run_within_a_second(how):
    code = LONG if how == "run" else LONG.replace("s.run(seed=1, replications=100000, threads=2, tables=())",
                                                  "for _ in s.stream(seed=1, replications=100000, threads=2, tables=()): pass")
    p = subprocess.Popen([sys.executable, "-c", code, str(BASELINE)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "ready"
    time.sleep(1.5)  # well into the run
    sent = time.monotonic()
    p.send_signal(signal.SIGINT)
    out, _ = p.communicate(timeout=30)
    stopped = time.monotonic() - sent
    assert p.returncode == 130 and out.strip() == "interrupted"
    assert stopped < 1.0, f"stopped {stopped:.2f} s after SIGINT"
