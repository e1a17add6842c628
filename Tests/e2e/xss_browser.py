#!/usr/bin/env python3
"""Opens every page of the XSS corpus in headless Chromium and fails if any script from content runs.

Usage: xss_browser.py DIR   (DIR holds the pages exported by XSSCorpusTests via MEDSITE_XSS_EXPORT)

Per page: load it over HTTP, wait, fire the events inline handlers listen for (mouseover, focus,
toggle, error, load, animationstart…) on every element, then check that no alert/confirm/prompt
dialog opened, that every <script> is JSON-LD that parses (or a same-site file), that no element has
an on* attribute, and that every link/src the browser resolved is http(s), mailto or the page's own.
"""
import functools
import http.server
import os
import sys
import threading
import time

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
from selenium.webdriver.chrome.service import Service

PROBE = r"""
const problems = [];
const events = ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin', 'blur', 'click', 'toggle',
                'error', 'load', 'animationstart', 'transitionend', 'start', 'input', 'change'];
for (const element of document.querySelectorAll('*')) {
  for (const name of element.getAttributeNames()) {
    if (name.toLowerCase().startsWith('on')) problems.push(`on* attribute ${name} on <${element.localName}>`);
  }
  for (const type of events) {
    // Links are not clicked (that would navigate); their targets are checked below instead.
    if (type === 'click' && element.closest('a')) continue;
    try { element.dispatchEvent(new Event(type, {bubbles: false})); } catch (e) {}
  }
}
for (const script of document.scripts) {
  const type = (script.type || '').toLowerCase();
  if (type === 'application/ld+json' || type === 'application/json') {  // data, never run
    try { JSON.parse(script.textContent); } catch (e) { problems.push('JSON-LD that does not parse: ' + e); }
  } else if (script.src) {
    if (new URL(script.src).origin !== location.origin) problems.push('external script ' + script.src);
  } else {
    problems.push('inline script: ' + script.textContent.slice(0, 80));
  }
}
const allowed = ['http:', 'https:', 'mailto:'];
for (const element of document.querySelectorAll('[href], [src], [action], [formaction], [data], [poster]')) {
  for (const attribute of ['href', 'src', 'action', 'formaction', 'data', 'poster']) {
    const value = element.getAttribute(attribute);
    if (value === null) continue;
    let url;
    try { url = new URL(value, location.href); } catch (e) { continue; }
    if (!allowed.includes(url.protocol)) problems.push(`${url.protocol} URL in ${attribute} of <${element.localName}>`);
  }
}
for (const tag of ['iframe', 'object', 'embed', 'base', 'frame', 'frameset']) {
  if (document.getElementsByTagName(tag).length) problems.push(`<${tag}> element`);
}
if (document.querySelector('meta[http-equiv]')) problems.push('<meta http-equiv>');
return problems;
"""


def serve(directory):
    handler = functools.partial(QuietHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    # Dialogs stay open, so the check below sees them instead of the driver dismissing them.
    options.set_capability("unhandledPromptBehavior", "ignore")
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def dialog_text(driver):
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        return text
    except NoAlertPresentException:
        return None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = os.path.abspath(sys.argv[1])
    pages = sorted(os.path.relpath(os.path.join(folder, name), root)
                   for folder, _, names in os.walk(root) for name in names if name.endswith(".html"))
    if not pages:
        sys.exit(f"no pages under {root}: run `make xss-browser`, which exports them first")
    server = serve(root)
    driver = browser()
    failures = []
    try:
        driver.set_page_load_timeout(30)
        # Prove the detector works: a page that does run a script must be caught.
        canary = os.path.join(root, "canary.html")
        with open(canary, "w") as handle:
            handle.write("<!DOCTYPE html><img src=x onerror=\"alert('canary')\">")
        driver.get(f"http://127.0.0.1:{server.server_port}/canary.html")
        driver.implicitly_wait(0)
        time.sleep(0.5)
        if dialog_text(driver) != "canary":
            failures.append("canary: the detector did not see a dialog that fired")
        os.remove(canary)

        for page in pages:
            try:
                driver.get(f"http://127.0.0.1:{server.server_port}/{page}")
                time.sleep(0.2)
                problems = driver.execute_script(PROBE)
                time.sleep(0.1)
            except UnexpectedAlertPresentException as error:
                problems = [f"dialog fired: {error.alert_text}"]
            text = dialog_text(driver)
            if text is not None:
                problems.append(f"dialog fired: {text}")
            for problem in problems:
                failures.append(f"{page}: {problem}")
    finally:
        driver.quit()
        server.shutdown()
    for failure in failures:
        print("FAIL", failure)
    print(f"xss_browser: {len(pages)} pages opened in headless Chromium, {len(failures)} problems")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
