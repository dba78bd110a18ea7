"""The studio in a real browser (Debian's chromium through chromedriver): halve the trust fund, run
20 replications, check the numbers shown against the CLI's compare.csv, download the report and
open it with the network off; upload an override (a bad one shows the loader's located error) and run
the plan alone, its summary checked against `gcmsim run`'s and its run folder (zip) against the
files that command writes; hostile scenario texts stay text. Screenshots go to the build folder.
A browser that cannot start fails the test: it is never skipped."""
import csv
import io
import os
import pathlib
import shutil
import subprocess
import tempfile
import time
import zipfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BINARY, SOURCE, Server, cli_compare_csv

OUT = pathlib.Path(os.environ.get("GCMSIM_TEST_OUT", tempfile.gettempdir())) / "screenshots"


def browser(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='gcmsim-chromium-')}"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


def full_screenshot(driver, name):
    OUT.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 800), 12000))
    driver.save_screenshot(str(OUT / name))
    driver.set_window_size(1280, 1000)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    downloads = tmp_path_factory.mktemp("downloads")
    server = Server()
    driver = browser(downloads)  # raises (the test fails) when chromium cannot start
    yield server, driver, downloads
    driver.quit()
    server.stop()


def wait_ready(driver):
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))


def run_and_wait(driver, timeout=600):
    driver.find_element(By.ID, "run").click()
    WebDriverWait(driver, timeout).until(lambda d: d.find_element(By.ID, "results").is_displayed()
                                         or d.find_element(By.ID, "form-error").is_displayed())
    assert not driver.find_element(By.ID, "form-error").is_displayed(), driver.find_element(By.ID, "form-error").text


def test_halve_the_trust_fund_and_read_the_numbers(session, tmp_path):
    server, driver, downloads = session
    driver.get(server.base)
    wait_ready(driver)
    full_screenshot(driver, "studio-form.png")
    # Keyboard: the knob is reached and set from the keyboard alone.
    box = driver.find_element(By.ID, "knob-trust_fund-on")
    box.send_keys(" ")
    assert box.is_selected()
    field = driver.find_element(By.ID, "knob-trust_fund-value")
    field.clear()
    field.send_keys("0.5")
    reps = driver.find_element(By.ID, "replications")
    reps.clear()
    reps.send_keys("20")
    WebDriverWait(driver, 10).until(
        lambda d: "--scale policies.trust_fund.contributions.usd=0.5 -r 20" in d.find_element(By.ID, "command").text)
    command = driver.find_element(By.ID, "command").text
    started = time.monotonic()
    run_and_wait(driver)
    print(f"compare shown after {time.monotonic() - started:.2f} s")
    assert driver.find_element(By.ID, "result-command").text == command

    # Every row of the table, as shown, against the CLI's compare.csv for the command shown.
    expected = list(csv.reader(io.StringIO(cli_compare_csv(command, tmp_path))))
    driver.find_element(By.ID, "moved-only").click()  # show every metric
    rows = driver.execute_script("""
      return [...document.querySelectorAll('#metrics tr[data-metric]')].map(
        tr => [...tr.children].map(td => td.textContent));""")
    assert len(rows) == len(expected) - 1
    # compare.csv: metric,group,unit,base_mean,whatif_mean,base_date,whatif_date,difference,
    # ci95_low,ci95_high,n,excludes_zero; a day metric shows its dates where the means are.
    for shown, want in zip(rows, expected[1:]):
        interval = "no interval" if want[8] == "" else f"[{want[8]}, {want[9]}]"
        assert shown == [want[0], want[1], want[2], want[3] or want[5], want[4] or want[6], want[7], interval, want[10],
                         "moved" if want[11] == "true" else ""], (shown, want)
    driver.find_element(By.ID, "moved-only").click()
    moved = driver.execute_script("return document.querySelectorAll('#metrics tr.moved').length")
    assert moved == sum(1 for r in expected[1:] if r[11] == "true") > 0
    # Charts: the Gantt names activities; both plans drawn.
    texts = driver.execute_script("return [...document.querySelectorAll('#charts svg text')].map(t => t.textContent)")
    assert any(t.startswith("Thematic session 1") for t in texts)
    assert driver.execute_script("return document.querySelectorAll('#charts svg').length") >= 5
    full_screenshot(driver, "studio-results.png")
    driver.find_element(By.ID, "large-type").send_keys("\n")
    full_screenshot(driver, "studio-large-type.png")
    driver.find_element(By.ID, "large-type").send_keys("\n")

    # The report: downloaded, then opened with the network off.
    driver.find_element(By.ID, "download-report").click()
    report = downloads / "gcmsim-compare-report.html"
    deadline = time.monotonic() + 30
    while not report.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert report.exists(), list(downloads.iterdir())
    html = report.read_text()
    assert "<script" not in html and command.replace("'", "&#39;") in html or command in html
    assert server.base not in html  # nothing links back to the server
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                           {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    driver.get(report.as_uri())
    assert driver.find_element(By.ID, "command").text == command
    assert driver.execute_script("return document.querySelectorAll('svg').length") >= 5
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    full_screenshot(driver, "report-offline.png")
    driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                           {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


HOSTILE = '<img src=x onerror="document.body.dataset.pwned=1">'


def test_hostile_scenario_texts_stay_text(tmp_path):
    # A copy of the shipped scenarios with a what-if whose texts are markup, quotes, very long, and
    # (in its title) not UTF-8 at all.
    root = tmp_path / "checkout"
    shutil.copytree(pathlib.Path(SOURCE) / "scenarios", root / "scenarios")
    long_name = "L" * 3000
    (root / "scenarios/what-if/hostile.yaml").write_bytes(
        b"# What-if: <script>document.body.dataset.pwned=1</script> \"quoted\" 'single' \xff\xfe end\n"
        + f"name: '<script>document.body.dataset.pwned=1</script>'\n"
          f"activities:\n  - {{id: ts1, name: '{HOSTILE}'}}\n  - {{id: ts2, name: \"\\\"quoted\\\" & {long_name}\"}}\n".encode())
    server = Server(cwd=root)
    driver = browser(tmp_path)
    try:
        driver.get(server.base)
        wait_ready(driver)
        Select(driver.find_element(By.ID, "whatif")).select_by_value("hostile")
        options = driver.execute_script("return [...document.querySelectorAll('#whatif option')].map(o => o.textContent)")
        assert any("<script>document.body.dataset.pwned=1</script>" in o and "\ufffd" in o for o in options)
        reps = driver.find_element(By.ID, "replications")
        reps.clear()
        reps.send_keys("3")
        run_and_wait(driver)
        texts = driver.execute_script("return [...document.querySelectorAll('#charts svg title')].map(t => t.textContent)")
        assert any(HOSTILE in t for t in texts)
        assert any(long_name in t for t in texts)
        warnings = driver.find_element(By.ID, "warnings").text
        assert "Only 3 replications" in warnings
        assert driver.execute_script("return document.querySelectorAll('img').length") == 0
        assert driver.execute_script("return document.body.dataset.pwned") is None
        assert driver.execute_script("return document.scripts.length") == 1
        full_screenshot(driver, "studio-hostile.png")
    finally:
        driver.quit()
        server.stop()


GOOD_OVERRIDE = "# round 2 a week later\nactivities:\n  - {id: round2, start: 2018-03-19, end: 2018-03-22}\n"
BAD_OVERRIDE = "activities:\n  - {id: round2, start: 2018-02-30}\n"


def test_upload_an_override_and_run_the_plan_alone(session, tmp_path):
    server, driver, downloads = session
    driver.get(server.base)
    wait_ready(driver)
    upload = driver.find_element(By.ID, "override-file")
    # A bad override: the loader's located report, shown as text as soon as the file is chosen.
    (tmp_path / "bad.yaml").write_text(BAD_OVERRIDE)
    upload.send_keys(str(tmp_path / "bad.yaml"))
    WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "form-error").is_displayed())
    error = driver.find_element(By.ID, "form-error").text
    assert "uploaded-override.yaml:2:25: error: invalid date" in error and "/tmp/" not in error, error
    assert driver.find_element(By.ID, "command").text == ""
    full_screenshot(driver, "studio-upload-error.png")
    # A good one instead, and the plan run alone: 5 replications.
    driver.find_element(By.ID, "override-clear").click()
    (tmp_path / "good.yaml").write_text(GOOD_OVERRIDE)
    driver.find_element(By.ID, "override-file").send_keys(str(tmp_path / "good.yaml"))
    driver.find_element(By.ID, "mode-run").click()
    reps = driver.find_element(By.ID, "replications")
    reps.clear()
    reps.send_keys("5")
    expected_command = "gcmsim run scenarios/gcm-2017-2018.yaml --override uploaded-override.yaml -r 5 --seed 2017"
    WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "command").text == expected_command)
    assert not driver.find_element(By.ID, "form-error").is_displayed()
    assert driver.find_element(By.ID, "run").text == "Run the replications"
    run_and_wait(driver)
    assert driver.find_element(By.ID, "result-command").text == expected_command

    # The CLI, given the same file under the name the command line uses.
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    (cwd / "uploaded-override.yaml").write_text(GOOD_OVERRIDE)
    (cwd / "scenarios").symlink_to(pathlib.Path(SOURCE) / "scenarios")
    out = cwd / "out"
    printed = subprocess.run([BINARY, "run", "scenarios/gcm-2017-2018.yaml", "--override", "uploaded-override.yaml",
                              "-r", "5", "--seed", "2017", "-o", str(out)], cwd=cwd, check=True, capture_output=True,
                             text=True).stdout
    expected = list(csv.reader(io.StringIO((out / "summary.csv").read_text())))
    rows = driver.execute_script("""
      return [...document.querySelectorAll('#metrics tr[data-metric]')].map(
        tr => [...tr.children].map(td => td.textContent));""")
    assert len(rows) == len(expected) - 1 > 50
    for shown, want in zip(rows, expected[1:]):  # metric,group,mean,ci95_low,ci95_high,n
        interval = "no interval" if want[3] == "" else f"[{want[3]}, {want[4]}]"
        assert shown == [want[0], want[1], want[2], interval, want[5]], (shown, want)
    # The summary `gcmsim run` prints, as text.
    terminal = driver.execute_script("return document.getElementById('terminal').textContent")
    assert terminal == printed.split("\n", 1)[1].rsplit("\nOutputs in ", 1)[0]
    assert "Only 5 replications" in driver.find_element(By.ID, "warnings").text
    assert not driver.find_element(By.ID, "download-report").is_displayed()
    full_screenshot(driver, "studio-run.png")

    # The run folder, downloaded from the page: the CLI's files (manifest.json's wall time aside).
    driver.find_element(By.ID, "download-folder").click()
    deadline = time.monotonic() + 120
    zips = []
    while not zips and time.monotonic() < deadline:
        zips = [p for p in downloads.glob("gcmsim-run-*.zip")]
        time.sleep(0.2)
    assert zips, list(downloads.iterdir())
    WebDriverWait(driver, 60).until(lambda d: "downloaded" in d.find_element(By.ID, "folder-status").text)
    with zipfile.ZipFile(zips[0]) as archive:
        names = sorted(archive.namelist())
        want = sorted(f"results/{p.relative_to(out)}" for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
        assert names == want
        assert archive.read("results/summary.csv") == (out / "summary.csv").read_bytes()
        assert archive.read("results/rep-0004/positions.csv") == (out / "rep-0004/positions.csv").read_bytes()
