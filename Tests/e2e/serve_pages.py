#!/usr/bin/env python3
"""End to end: the pages of `pbsim serve` driven in headless Chromium as a person would.

Usage: serve_pages.py BASE_URL ARTIFACTS_DIR [SESSION.json]   (the server must be running, with --data)

1. Home lists the demo scenario and the election.
2. Explore: the demo's results appear; moving the split slider (the officers' noise slider when the
   scenario has no split) by keyboard recomputes and the numbers change; a burst of moves ends in one
   result for the last value (newest request wins); the funding table and a sweep fill in.
3. Build: a proposal's cost set to -5 shows the command line's validation error beside the cell; fixing
   it clears the error; saving and reloading shows the saved value.
4. A proposals CSV is imported, with a proposal titled <script>alert(1)</script>: it shows as text (no
   alert, no script element), in Build and, once saved, in Explore's funding table.
5. The election view counts the rules and a "what if" budget counts again.
6. With SESSION.json (`pbsim session create --format json`'s output; PBSIM in the environment): a panel
   session in three members' browsers and the facilitator's (Tests/e2e/serve_session.py).
Each page: a screenshot in ARTIFACTS_DIR checked not blank, no console errors (CSP violations included),
no horizontal scrolling on a phone-sized window, and axe-core with no serious or critical violation.
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import png_check  # noqa: E402

BASE, ARTIFACTS = sys.argv[1].rstrip("/"), sys.argv[2]
XSS = "<script>alert(1)</script>"
failures = []


def fail(message):
    print("  FAIL: " + message)
    failures.append(message)


def driver_for(width, height, phone=False):
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--force-device-scale-factor=1", "--hide-scrollbars", f"--window-size={width},{height}"]:
        options.add_argument(flag)
    if phone:
        # Headless windows are at least 500 px wide; a phone's viewport is emulated instead.
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 1, "touch": True}})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    binary = os.environ.get("CHROMIUM")
    if binary:
        options.binary_location = binary
    service = webdriver.ChromeService(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(options=options, service=service)


def wait(driver, condition, what, seconds=30):
    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.05).until(lambda d: condition(d))
    except TimeoutException:
        fail("timed out waiting for " + what)
        return None


def no_alert(driver, where):
    try:
        alert = driver.switch_to.alert
        fail(f"{where}: an alert opened ({alert.text!r}): a scenario's text ran as script")
        alert.dismiss()
    except NoAlertPresentException:
        pass


def console_errors(driver, page):
    for entry in driver.get_log("browser"):
        if entry["level"] in ("SEVERE",) or "Content Security Policy" in entry["message"]:
            fail(f"{page}: console error: {entry['message']}")


def accessibility(driver, page):
    from axe_selenium_python import Axe
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    with open(os.path.join(ARTIFACTS, f"axe-{page}.json"), "w") as f:
        json.dump(results["violations"], f, indent=1)
    serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    print(f"  axe {page}: {len(results['violations'])} violations, {len(serious)} serious or critical")
    for v in serious:
        fail(f"{page}: axe {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} elements)")


def screenshot(driver, name, full=True):
    path = os.path.join(ARTIFACTS, name + ".png")
    if full:
        height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 4000)")
        driver.set_window_size(driver.get_window_size()["width"], max(600, height))
    driver.save_screenshot(path)
    problem = png_check.check(path)
    if problem:
        fail(problem)


def phone_fits(phone, path, ready):
    phone.get(BASE + path)
    wait(phone, lambda d: d.find_elements(By.CSS_SELECTOR, ready), f"{path} on a phone", 60)
    time.sleep(0.5)
    overflow = phone.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 1:
        fail(f"{path}: on a 390 px wide phone the page scrolls sideways by {overflow} px")


def results_text(driver):
    return driver.execute_script("return document.querySelector('#results tbody').innerText")


def explore(driver):
    print("==> Explore")
    driver.get(BASE + "/explore?id=riverside")
    if not wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#results tbody tr"), "the demo's results"):
        return
    before, stamp = results_text(driver), driver.find_element(By.ID, "results").get_attribute("data-updated")
    sliders = driver.find_elements(By.ID, "split-share")
    slider = sliders[0] if sliders else driver.find_element(By.ID, "information-noise")
    print("  moving the " + ("split" if sliders else "officers' noise (no split in this scenario)") + " slider")
    slider.send_keys(Keys.ARROW_RIGHT)
    started = time.time()
    if wait(driver, lambda d: d.find_element(By.ID, "results").get_attribute("data-updated") != stamp,
            "the results to update after a slider move"):
        print(f"  updated {time.time() - started:.2f} s after the move (page to screen, 200 runs)")
    if results_text(driver) == before:
        fail("moving the slider did not change the numbers")
    # A burst of moves: newest request wins, the result shown is for the last value.
    for _ in range(8):
        slider.send_keys(Keys.ARROW_RIGHT)
        time.sleep(0.03)
    value = slider.get_attribute("value")
    stamp = driver.find_element(By.ID, "results").get_attribute("data-updated")
    wait(driver, lambda d: d.find_element(By.ID, "results").get_attribute("data-updated") != stamp,
         "the result after a burst of moves")
    time.sleep(1.0)
    status = driver.find_element(By.ID, "status").text
    if not status.startswith("Updated"):
        fail(f"after the burst, the status says {status!r}")
    if slider.get_attribute("value") != value:
        fail("the slider moved by itself")
    if not driver.find_elements(By.CSS_SELECTOR, "#funding tbody tr"):
        fail("no funding probabilities")
    driver.find_element(By.CSS_SELECTOR, "#sweep-form button").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#sweep tbody tr"), "the sweep table", 120)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.set_window_size(1280, 1000)
    screenshot(driver, "explore-top", full=False)
    screenshot(driver, "explore")
    console_errors(driver, "explore")
    accessibility(driver, "explore")


def set_cell(driver, path, text):
    cell = driver.find_element(By.CSS_SELECTOR, f'[data-path="{path}"]')
    cell.send_keys(Keys.CONTROL, "a")
    cell.send_keys(Keys.BACKSPACE)
    cell.send_keys(text)
    return cell


def build(driver):
    print("==> Build")
    driver.get(BASE + "/build?id=riverside")
    if not wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-path="proposals[0].cost"]'), "the tables"):
        return
    cell = set_cell(driver, "proposals[0].cost", "-5")
    errors = driver.find_element(By.ID, "errors")
    if wait(driver, lambda d: errors.is_displayed() and "proposals[0].cost" in errors.text, "the negative cost error"):
        print("  error shown: " + errors.text.replace("\n", " | ")[:160])
        if cell.get_attribute("aria-invalid") != "true":
            fail("the cost cell is not marked invalid")
        screenshot(driver, "build-error", full=False)
    set_cell(driver, "proposals[0].cost", "250000")
    wait(driver, lambda d: not errors.is_displayed(), "the error to clear")
    save_id = driver.find_element(By.ID, "save-id")
    save_id.clear()
    save_id.send_keys("e2e-variant")
    driver.find_element(By.ID, "save").click()
    wait(driver, lambda d: "Saved" in d.find_element(By.ID, "status").text, "the save")
    driver.get(BASE + "/build?id=e2e-variant")
    cell = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-path="proposals[0].cost"]'), "the saved scenario")
    if cell and cell[0].get_attribute("value") != "250000":
        fail(f"after reload the cost is {cell[0].get_attribute('value')!r}, not 250000")
    # Import a proposals CSV with a hostile title.
    rows = driver.execute_script("return pb.itemsToCSV(build.model.proposals, tableInfo.proposals.csvFirst)")
    lines = rows.strip().split("\n")
    header = lines[0].split(",")
    first = lines[1].split(",")
    first[header.index("title")] = '"' + XSS + '"'
    csv = "\n".join([lines[0], ",".join(first)] + lines[2:]) + "\n"
    path = os.path.join(ARTIFACTS, "proposals-import.csv")
    with open(path, "w") as f:
        f.write(csv)
    driver.find_element(By.ID, "proposals-csv").send_keys(path)
    wait(driver, lambda d: "Imported" in d.find_element(By.ID, "status").text, "the CSV import")
    title = driver.find_element(By.CSS_SELECTOR, '[data-path="proposals[0].title"]').get_attribute("value")
    if title != XSS:
        fail(f"imported title is {title!r}")
    count = len(driver.find_elements(By.CSS_SELECTOR, "#proposals-table tbody tr"))
    if count != len(lines) - 1:
        fail(f"imported {count} proposals, the CSV has {len(lines) - 1}")
    no_alert(driver, "build")
    wait(driver, lambda d: not d.find_element(By.ID, "errors").is_displayed(), "the imported table to validate")
    save_id = driver.find_element(By.ID, "save-id")
    save_id.clear()
    save_id.send_keys("e2e-xss")
    driver.find_element(By.ID, "save").click()
    wait(driver, lambda d: "Saved" in d.find_element(By.ID, "status").text, "the save of the imported scenario")
    driver.execute_script("window.scrollTo(0, 0)")
    screenshot(driver, "build")
    console_errors(driver, "build")
    accessibility(driver, "build")
    print("==> Explore the imported scenario (hostile title)")
    driver.get(BASE + "/explore?id=e2e-xss")
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#funding tbody tr"), "the funding table")
    no_alert(driver, "explore")
    heads = driver.execute_script("return [...document.querySelectorAll('#funding tbody th')].map(t => t.firstChild.textContent)")
    if XSS not in heads:
        fail("the hostile title is not shown as text in the funding table")
    injected = driver.execute_script(
        "return [...document.querySelectorAll('main script')].length + (window.__xss ? 1 : 0)")
    if injected:
        fail("a script element was injected into the page")


def election(driver):
    print("==> Election")
    driver.get(BASE + "/election?id=poland_warszawa_2017_wars")
    if not wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#summary tbody tr"), "the rules table", 60):
        return
    before = driver.find_element(By.CSS_SELECTOR, "#summary tbody").text
    budget = driver.find_element(By.ID, "budget")
    budget.clear()
    budget.send_keys(str(int(float(budget.get_attribute("value") or 0) or 1000000) // 2 or 500000))
    budget.send_keys(Keys.ENTER)
    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#summary tbody").text != before, "the what-if count", 60)
    screenshot(driver, "election")
    console_errors(driver, "election")
    accessibility(driver, "election")


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    driver = driver_for(1280, 900)
    try:
        print("==> Home")
        driver.get(BASE + "/")
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#scenarios li h3"), "the list of scenarios")
        names = driver.find_element(By.ID, "scenarios").text
        if "Riverside" not in names:
            fail("the demo scenario is not listed")
        screenshot(driver, "home")
        console_errors(driver, "home")
        accessibility(driver, "home")
        explore(driver)
        driver.set_window_size(1280, 900)
        build(driver)
        driver.set_window_size(1280, 900)
        election(driver)
    finally:
        driver.quit()
    phone = driver_for(390, 844, phone=True)
    try:
        print("==> Phone-sized window")
        for path, ready in [("/", "#scenarios li h3"), ("/build?id=riverside", "#proposals-table tbody tr"),
                            ("/election?id=poland_warszawa_2017_wars", "#summary tbody tr"),
                            ("/explore?id=riverside", "#funding tbody tr")]:
            phone_fits(phone, path, ready)
        phone.save_screenshot(os.path.join(ARTIFACTS, "explore-phone.png"))
        problem = png_check.check(os.path.join(ARTIFACTS, "explore-phone.png"))
        if problem:
            fail(problem)
    finally:
        phone.quit()
    if len(sys.argv) > 3:
        import serve_session
        with open(sys.argv[3]) as f:
            session = json.load(f)
        serve_session.run(BASE, ARTIFACTS, session, os.environ["PBSIM"], driver_for, wait, fail, screenshot,
                          console_errors, accessibility)
    if failures:
        sys.exit(f"{len(failures)} end-to-end check(s) failed")
    print("==> every page check passed")


main()
