"""End to end: a panel session in real browsers (called by serve_pages.py).

Three members vote from three browser sessions (phone-sized), one changes their ballot, the page refuses
a fourth project when the ballot allows three; the facilitator's screen shows the turnout, closes the
session and shows the outcome; the projects it shows as funded by the session's rule are those `pbsim
elect` funds on the session's export.pb, fetched with the facilitator's token.
"""
import json
import os
import subprocess
import time
import urllib.request

from selenium.webdriver.common.by import By


def tick(driver, element_id):
    """Scrolls a box to the middle of the screen (above the sticky tally, as a person would) and clicks it."""
    box = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()


def run(base, artifacts, session, pbsim, driver_for, wait, fail, screenshot, console_errors, accessibility):
    sid, admin, tokens = session["session"], session["admin_token"], session["member_tokens"]
    choices = [["youth-hub", "street-trees"], ["dial-a-ride", "street-trees", "east-day-centre"],
               ["mental-health-cafe", "east-community-garden"]]
    print("==> Panel session: three members vote from three browsers")
    for n, token in enumerate(tokens[:3]):
        phone = driver_for(390, 844, phone=True)
        try:
            phone.get(f"{base}/vote#s={sid}&t={token}")
            if not wait(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "#projects li input"), "the member's ballot"):
                continue
            for project in choices[n]:
                tick(phone, "p-" + project)
            if n == 1:
                # The ballot allows three projects: a fourth box is disabled.
                fourth = phone.find_element(By.ID, "p-youth-hub")
                if fourth.is_enabled():
                    fail("vote: a fourth project can be ticked on a ballot of at most three")
            tick(phone, "submit")
            wait(phone, lambda d: "saved" in d.find_element(By.ID, "saved").text, "the ballot to be saved")
            if n == 0:
                # Change of mind: untick a project and save again.
                tick(phone, "p-youth-hub")
                tick(phone, "p-district-festival")
                tick(phone, "submit")
                time.sleep(0.5)
                wait(phone, lambda d: "saved" in d.find_element(By.ID, "saved").text, "the changed ballot")
                phone.refresh()
                wait(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "#projects li.chosen"), "the stored ballot")
                shown = sorted(e.get_attribute("id")[2:] for e in phone.find_elements(By.CSS_SELECTOR, "#projects input:checked"))
                if shown != ["district-festival", "street-trees"]:
                    fail(f"vote: after a reload the page shows {shown}, not the changed ballot")
                overflow = phone.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 1:
                    fail(f"vote: on a 390 px phone the page scrolls sideways by {overflow} px")
                screenshot(phone, "session-vote-phone", full=False)
                accessibility(phone, "session-vote")
            console_errors(phone, f"vote (member {n + 1})")
        finally:
            phone.quit()

    print("==> Panel session: the facilitator closes and counts")
    driver = driver_for(1280, 900)
    try:
        driver.get(f"{base}/facilitate#s={sid}&t={admin}")
        wait(driver, lambda d: d.find_element(By.ID, "turnout").text == "3 of 4", "the turnout 3 of 4")
        driver.find_element(By.ID, "close").click()
        driver.switch_to.alert.accept()
        if not wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#outcome tbody tr"), "the outcome", 120):
            return
        rule = driver.find_element(By.CSS_SELECTOR, "#outcome tbody td[data-rule]").get_attribute("data-rule")
        funded = sorted(
            row.get_attribute("data-project") for row in driver.find_elements(By.CSS_SELECTOR, "#outcome tbody tr")
            if row.find_element(By.CSS_SELECTOR, f'td[data-rule="{rule}"]').text == "funded")
        request = urllib.request.Request(f"{base}/api/sessions/{sid}/export.pb", headers={"Authorization": "Bearer " + admin})
        export = urllib.request.urlopen(request).read()
        path = os.path.join(artifacts, "session-export.pb")
        with open(path, "wb") as f:
            f.write(export)
        elect = json.loads(subprocess.run([pbsim, "elect", path, "--rule", rule, "--format", "json"], check=True,
                                          capture_output=True, text=True).stdout)
        print(f"  the page funds {len(funded)} projects with {rule}; pbsim elect on export.pb funds {len(elect['selected'])}")
        if funded != sorted(elect["selected"]):
            fail(f"facilitate: the page's outcome {funded} is not pbsim elect's {sorted(elect['selected'])}")
        check = subprocess.run([pbsim, "check", path], capture_output=True, text=True)
        if check.returncode != 0:
            fail("pbsim check refuses the session's export.pb: " + check.stdout[-400:])
        if "Officers' plan" not in driver.find_element(By.CSS_SELECTOR, "#outcome thead").text:
            fail("facilitate: no service-led plan beside the outcome")
        screenshot(driver, "session-facilitate")
        console_errors(driver, "facilitate")
        accessibility(driver, "facilitate")
    finally:
        driver.quit()
