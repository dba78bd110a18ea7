"""The classroom in real browsers (Debian's chromium through chromedriver): a teacher and three
students in four browser sessions play the classroom scenario to agreement. Australia's student
takes the buttons that move toward the text; Morocco's holds a bracket at round 1's consensus check,
so the text is not agreed in that round; Nigeria's student joins and never answers, and the model
plays the seat when each question's time runs out. The teacher pauses and resumes, the debrief is
downloaded and opened with the network off. Screenshots of the teacher's, a student's and the
projector's views go to the build folder. A browser that cannot start fails the test."""
import threading
import time

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from classroom_client import ClassroomServer
from test_browser import OUT, browser, full_screenshot


def visible(driver, element_id):
    return driver.execute_script(f"const e = document.getElementById('{element_id}'); return e && !e.hidden;")


def join(driver, base, code, name, seat):
    driver.get(f"{base}join.html#code={code}")
    WebDriverWait(driver, 20).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#seat option")) > 1)
    driver.find_element(By.ID, "name").send_keys(name)
    Select(driver.find_element(By.ID, "seat")).select_by_value(seat)
    driver.find_element(By.ID, "join").click()
    WebDriverWait(driver, 20).until(lambda d: "seat.html" in d.current_url)
    WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "delegation").text.startswith("You are"))


class Player(threading.Thread):
    """Clicks, for each question its page shows, the button choose(round, buttons' words) names."""

    def __init__(self, driver, choose):
        super().__init__(daemon=True)
        self.driver, self.choose = driver, choose
        self.clicked = []
        self.error = None
        self.screenshot_taken = False

    def run(self):
        d = self.driver
        answered = set()
        try:
            while True:
                state = d.execute_script("""
                    const q = document.getElementById('question');
                    const status = document.getElementById('status').textContent;
                    const clock = document.getElementById('clock').textContent;
                    const words = [...document.querySelectorAll('#choices button')].map(b => b.textContent);
                    return [q.hidden ? null : q.dataset.number, words, status, clock];""")
                number, words, status, clock = state
                if status.startswith("Ended"):
                    return
                if number is not None and number not in answered and words:
                    if not self.screenshot_taken:
                        full_screenshot(d, f"classroom-student-{self.name}.png")
                        self.screenshot_taken = True
                    pick = self.choose(clock, words)
                    if pick is not None:
                        try:
                            button = next(b for b in d.find_elements(By.CSS_SELECTOR, "#choices button") if b.text == pick)
                            if d.find_element(By.ID, "question").get_attribute("data-number") != number:
                                continue  # the page moved on to another question: read it again
                            button.click()
                        except (StaleElementReferenceException, StopIteration):
                            continue  # redrawn between reading and clicking: read it again
                        self.clicked.append((number, pick, clock))
                        answered.add(number)
                time.sleep(0.05)
        except Exception as e:  # reported by the test's thread
            self.error = e


def cooperative(clock, words):
    for want in ("concede twice as far", "accept the text", "stay"):
        if want in words:
            return want
    return next((w for w in words if w.startswith("argue")), words[0])


def objector_in_round_1(clock, words):
    if "hold a bracket" in words and "round 1 of" in clock:
        return "hold a bracket"
    return cooperative(clock, words)


def test_a_class_plays_the_classroom_scenario(tmp_path):
    server = ClassroomServer()
    drivers = []
    try:
        for k in range(4):
            drivers.append(browser(tmp_path / f"downloads-{k}"))  # raises (fails) when chromium cannot start
        teacher, aus, mar, nga = drivers
        teacher.get(server.teacher_url)
        WebDriverWait(teacher, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "input[name=seat]")) == 10)
        for box in teacher.find_elements(By.CSS_SELECTOR, "input[name=seat]"):
            if box.is_selected() != (box.get_attribute("value") in ("AUS", "MAR", "NGA")):
                box.click()
        for field, value in (("decision-seconds", "3"), ("pace", "0")):
            teacher.find_element(By.ID, field).clear()
            teacher.find_element(By.ID, field).send_keys(value)
        full_screenshot(teacher, "classroom-teacher-form.png")
        teacher.find_element(By.ID, "open").click()
        WebDriverWait(teacher, 20).until(lambda d: visible(d, "session"))
        code = teacher.find_element(By.ID, "code").text
        assert len(code) == 6

        join(aus, server.base, code, "Ada <b>bold</b>", "AUS")
        join(mar, server.base, code, "Bo", "MAR")
        join(nga, server.base, code, "Silent", "NGA")
        WebDriverWait(teacher, 20).until(lambda d: "3 students" in d.find_element(By.ID, "status").text)
        # The hostile name is shown as text on the teacher's page (no <b> element made of it).
        assert "Ada <b>bold</b>" in teacher.find_element(By.ID, "seat-table").text
        assert not teacher.find_elements(By.CSS_SELECTOR, "#seat-table b")

        players = [Player(aus, cooperative), Player(mar, objector_in_round_1)]
        players[0].name, players[1].name = "AUS", "MAR"
        for p in players:
            p.start()
        teacher.find_element(By.ID, "start").click()

        # The projector, in a second tab of the teacher's browser.
        projector_href = teacher.find_element(By.ID, "projector-link").get_attribute("href")
        teacher.switch_to.new_window("tab")
        teacher.get(projector_href)
        WebDriverWait(teacher, 30).until(lambda d: "round" in d.find_element(By.ID, "clock").text)
        WebDriverWait(teacher, 120).until(lambda d: "Holding brackets" in d.find_element(By.ID, "brackets").text)
        full_screenshot(teacher, "classroom-projector.png")
        projector_tab = teacher.current_window_handle
        teacher.switch_to.window(teacher.window_handles[0])

        # The teacher pauses: the students' clocks stop; then resumes.
        WebDriverWait(teacher, 60).until(lambda d: d.find_element(By.ID, "pause").is_enabled())
        teacher.find_element(By.ID, "pause").click()
        WebDriverWait(teacher, 10).until(lambda d: "Paused" in d.find_element(By.ID, "status").text)
        full_screenshot(teacher, "classroom-teacher-paused.png")
        WebDriverWait(nga, 10).until(lambda d: "Paused" in d.find_element(By.ID, "status").text)
        teacher.find_element(By.ID, "resume").click()

        WebDriverWait(teacher, 600).until(lambda d: visible(d, "debrief"))
        for p in players:
            p.join(timeout=60)
            assert p.error is None, p.error
        assert any(pick == "hold a bracket" for _, pick, _ in players[1].clicked), players[1].clicked
        full_screenshot(teacher, "classroom-debrief.png")
        played = teacher.find_element(By.ID, "outcome-played").text
        model = teacher.find_element(By.ID, "outcome-model").text
        assert played.startswith("The text was agreed in round"), played
        agreed_round = int(played.split("round ")[1].split(" ")[0])
        assert agreed_round > 1  # Morocco's bracket held round 1
        assert "adopted it" in played
        assert "Australia" in model or "AUS" in model  # the model's Australia leaves; this one stayed
        debrief_text = teacher.find_element(By.ID, "debrief-body").text
        assert "Nigeria (NGA): Silent" in debrief_text
        assert "no: the model decided" in debrief_text
        full_screenshot(nga, "classroom-student-silent-end.png")

        teacher.switch_to.window(projector_tab)
        WebDriverWait(teacher, 20).until(lambda d: "Adopted" in d.find_element(By.ID, "outcome").text)
        full_screenshot(teacher, "classroom-projector-end.png")
        teacher.switch_to.window(teacher.window_handles[0])

        # The debrief as one file, opened with the network off.
        teacher.find_element(By.ID, "download-debrief").click()
        report = tmp_path / "downloads-0" / "debrief.html"
        deadline = time.monotonic() + 30
        while not report.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert report.exists()
        html = report.read_text()
        assert "<script" not in html and "Ada &lt;b&gt;bold&lt;/b&gt;" in html
        teacher.execute_cdp_cmd("Network.enable", {})
        teacher.execute_cdp_cmd("Network.emulateNetworkConditions",
                                {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        teacher.get(report.as_uri())
        assert teacher.find_element(By.ID, "outcome-played").text == played
        assert "--replay decisions.csv" in teacher.find_element(By.ID, "replay-command").text
        assert teacher.execute_script("return performance.getEntriesByType('resource').length") == 0
        full_screenshot(teacher, "classroom-debrief-offline.png")
    finally:
        for d in drivers:
            d.quit()
        server.stop()
