"""Several Python threads run scenarios at once (the simulation releases the GIL) and each gets
exactly what it would get alone."""
import threading

import pandas as pd

import gcmsim
from conftest import BASELINE, CLASSROOM


def test_two_python_threads_at_once_give_the_results_of_one():
    baseline = gcmsim.load(BASELINE)
    classroom = gcmsim.load(CLASSROOM)
    alone = {"baseline": baseline.run(seed=4, replications=2, threads=1).timeline,
             "classroom": classroom.run(seed=4, replications=2, threads=1).positions}

    # Both runs are inside their simulations at the same time: each one's narration waits at the
    # barrier until the other's has started too (a timeout, not a hang, if they cannot overlap).
    barrier = threading.Barrier(2, timeout=60)
    met = []

    def meet_once(event, seen=set()):
        key = threading.get_ident()
        if key not in seen:
            seen.add(key)
            barrier.wait()
            met.append(key)

    together = {}
    errors = []

    def work(name, scenario, table):
        try:
            results = scenario.run(seed=4, replications=2, threads=1, on_event=meet_once)
            together[name] = getattr(results, table)
        except Exception as e:  # reported below: a thread's exception would otherwise vanish
            errors.append(e)

    threads = [threading.Thread(target=work, args=("baseline", baseline, "timeline")),
               threading.Thread(target=work, args=("classroom", classroom, "positions"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(met) == 2
    for name in alone:
        pd.testing.assert_frame_equal(together[name], alone[name])


def test_one_prepared_scenario_shared_by_four_threads():
    scenario = gcmsim.load(BASELINE)
    expected = scenario.run(seed=8, replications=1).metrics
    out = [None] * 4

    def work(i):
        out[i] = scenario.run(seed=8, replications=1, threads=1).metrics

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for frame in out:
        pd.testing.assert_frame_equal(frame, expected)
