#!/usr/bin/python3
"""Figures of `gcmsim serve` (issue 21): a 20-replication compare's server time against the CLI's
`gcmsim compare -r 20` in the same run, the studio's first load from localhost in headless
Chromium, and the server's resident memory across 1,000 jobs (compares and runs, with folder
downloads among them).

    /usr/bin/python3 bench/serve_bench.py [--binary ../<repo>-build/cli/gcmsim] [--part all|compare|load|memory] [--jobs 1000]

Run from the repository's root. Prints the machine's load with each figure: they are meaningful
only beside it (the machine is shared). It drives a real server and a real browser from outside,
as a user does, so it is a script beside `gcmsim bench` rather than one of its subcommands."""
import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import tempfile
import time
import urllib.request


def start(binary):
    p = subprocess.Popen([binary, "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
    base = re.search(r"(http://[^/]+/)", p.stdout.readline()).group(1)
    return p, base


def post(base, path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "X-Gcmsim-Session": "bench"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def wait(base, job):
    with urllib.request.urlopen(f"{base}api/jobs/{job}/events") as stream:
        for line in stream:
            if line.startswith(b"event: end"):
                return


def compare_seconds(base, body):
    t = time.perf_counter()
    job = post(base, "api/compare", body)["id"]
    wait(base, job)
    return time.perf_counter() - t


def load():
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def first_load_ms(base):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='gcmsim-bench-')}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        nav = "const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime;"
        loaded, ready, reference = [], [], []
        for _ in range(7):
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
            driver.get("about:blank")
            driver.get(base + "api/health")  # the reference: a 100-byte answer from the same server
            reference.append(driver.execute_script(nav))
            driver.get("about:blank")
            driver.get(base)
            # Until the form is built from the API's answers: what a planner waits for.
            driver.execute_async_script("""
              const done = arguments[0];
              (function poll() { document.body.dataset.ready === 'true' ? done() : setTimeout(poll, 5); })();""")
            ready.append(driver.execute_script("return performance.now()"))
            loaded.append(driver.execute_script(nav))
        return loaded, ready, reference
    finally:
        driver.quit()


def bench_compare(binary, base):
    body = {"scenario": "gcm-2017-2018", "replications": 20, "knobs": [{"knob": "trust_fund", "value": 0.5}]}
    compare_seconds(base, body)  # prepares and caches both sides
    served = [compare_seconds(base, body) for _ in range(5)]
    cli = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([binary, "compare", "--scale", "policies.trust_fund.contributions.usd=0.5", "-r", "20",
                            "-o", out, "-q"], check=True)
            cli.append(time.perf_counter() - t)
    print(f"20-replication compare, served (POST to the end event): median {statistics.median(served):.3f} s "
          f"(min {min(served):.3f}); gcmsim compare -r 20: median {statistics.median(cli):.3f} s "
          f"(min {min(cli):.3f}); ratio served/CLI {statistics.median(served) / statistics.median(cli):.2f}; {load()}")


def bench_load(base):
    loaded, ready, reference = first_load_ms(base)
    print(f"studio first load (headless Chromium, cache cleared, 7 loads): page and its files loaded median "
          f"{statistics.median(loaded):.0f} ms (min {min(loaded):.0f}), form built from the API median "
          f"{statistics.median(ready):.0f} ms (min {min(ready):.0f}); reference (a 100-byte API answer from the same "
          f"server) median {statistics.median(reference):.0f} ms; ratio form/reference "
          f"{statistics.median(ready) / statistics.median(reference):.1f}; {load()}")


def get_bytes(base, path):
    with urllib.request.urlopen(base + path) as r:
        return len(r.read())


def bench_memory(server, base, jobs):
    # Compares and runs of 2 replications, alternating, over 40 trust-fund values (more derived
    # scenarios than the 32 the cache keeps), and a run folder downloaded every 50 jobs: past the
    # 64 results the server keeps, memory must stop growing.
    rss = {0: rss_kib(server.pid)}
    for i in range(1, jobs + 1):
        kind = "compare" if i % 2 else "run"
        body = {"scenario": "gcm-2017-2018", "replications": 2,
                "knobs": [{"knob": "trust_fund", "value": round(0.5 + (i // 2) % 40 * 0.025, 3)}]}
        job = post(base, f"api/{kind}", body)["id"]
        wait(base, job)
        if i % 50 == 0:
            get_bytes(base, f"api/jobs/{job}/folder.zip")
        if i in (1, 64, 100, 250, 500, 750) or i % 1000 == 0 or i == jobs:
            rss[i] = rss_kib(server.pid)
    print("resident memory after N jobs (KiB): " + ", ".join(f"{n}: {kib}" for n, kib in rss.items()) + f"; {load()}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(os.path.dirname(os.getcwd()),
                                                     os.path.basename(os.getcwd()) + "-build", "cli", "gcmsim"))
    ap.add_argument("--part", choices=["all", "compare", "load", "memory"], default="all")
    ap.add_argument("--jobs", type=int, default=1000)
    args = ap.parse_args()
    print(f"before: {load()}")
    server, base = start(args.binary)
    try:
        if args.part in ("all", "compare"):
            bench_compare(args.binary, base)
        if args.part in ("all", "load"):
            bench_load(base)
        if args.part in ("all", "memory"):
            bench_memory(server, base, args.jobs)
        print(f"after: {load()}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
