"""Handouts read on a student's laptop: one HTML file, formulas included, nothing fetched.

`./gcm notebooks` executes each notebook and turns it into a handout with
notebooks/handout/make_handout.py; here a small notebook of formulas goes the same way, and the
handout is read back as a file and in a real Chromium (Debian's chromium and chromedriver).
"""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ["GCMSIM_SOURCE_DIR"])
NODE_MODULES = Path(os.environ["GCMSIM_HANDOUT_NODE_MODULES"])
HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    if not (NODE_MODULES / "katex").is_dir():
        pytest.fail(f"KaTeX is not installed in {NODE_MODULES}: the build's npm ci did not run")
    out = tmp_path_factory.mktemp("handout")
    executed, html = out / "formulas.ipynb", out / "formulas.html"
    subprocess.run([sys.executable, HERE / "execute_notebook.py", HERE / "fixtures" / "formulas.ipynb",
                    "--output", executed], check=True)
    subprocess.run([sys.executable, SOURCE_DIR / "notebooks" / "handout" / "make_handout.py", executed, html,
                    "--node-modules", NODE_MODULES], check=True)
    return html


def test_the_handout_loads_nothing(handout):
    text = handout.read_text()
    assert not re.search(r"<script[^>]*\ssrc=", text)
    assert "file://" not in text
    assert "mathjax" not in text.lower() and "require.min.js" not in text
    assert "data:image/png;base64," in text  # the figure is inside the file


def test_every_formula_is_mathml(handout):
    text = handout.read_text()
    assert text.count("<math") == 2                      # the inline one and the display one
    assert 'display="block"' in text                     # $$...$$
    assert "<msub><mi>w</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub>" in text  # w_{ij}, not emphasis
    assert "<em>" not in text.split("In&nbsp;[")[0]      # no `_` read as markdown emphasis
    assert "<code>code_with_underscores</code>" in text  # markdown still read around the formulas
    assert "price of &#36;5" in text                     # an escaped dollar is a dollar, not math


def test_chromium_draws_the_formulas_offline(handout, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1000,800",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
        driver.get(handout.as_uri())
        formulas = driver.find_elements(By.TAG_NAME, "math")
        assert len(formulas) == 2
        # MathML laid out by the browser itself: each formula has a size, the display one a line of its own.
        assert all(f.size["width"] > 50 and f.size["height"] > 8 for f in formulas)
        driver.save_screenshot(str(Path(os.environ["GCMSIM_SCREENSHOTS"]) / "handout-formulas.png"))
    finally:
        driver.quit()
