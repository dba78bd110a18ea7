"""A bounded load test on loopback: 20 clients run compares at once; none is lost and every result
is the CLI's compare.csv to the byte."""
import threading

from conftest import cli_compare_csv

QUESTIONS = [
    {"knobs": [{"knob": "trust_fund", "value": 0.5}]},
    {"whatif": "two-minute-interventions"},
    {"knobs": [{"knob": "shift", "activity": "ts6", "value": 7}]},
    {"whatif": "fewer-rounds"},
]


def test_twenty_clients_at_once(server, tmp_path):
    results, errors = [None] * 20, []

    def client(i):
        try:
            body = {"scenario": "gcm-2017-2018", "replications": 8, **QUESTIONS[i % len(QUESTIONS)]}
            results[i] = server.compare(body, session=f"client-{i}")
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append((i, repr(e)))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=900)
    assert not errors, errors
    assert all(r is not None for r in results)
    expected = {}
    for r in results:
        if r["command"] not in expected:
            expected[r["command"]] = cli_compare_csv(r["command"], tmp_path)
        assert r["csv"] == expected[r["command"]]
    assert len(expected) == len(QUESTIONS)
