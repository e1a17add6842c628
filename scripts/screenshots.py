#!/usr/bin/env python3
"""Screenshots of the default theme for docs/screenshots/: the sample site plus the end-to-end
suite's stress article (long words, a long address, code; overdue for review), built by a real
medsite binary, served over HTTP and taken in headless Chromium at phone and desktop widths.

    python3 scripts/screenshots.py [MEDSITE_BINARY]     # default .build/debug/medsite
"""
import base64
import pathlib
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "e2e"))
from conftest import DESKTOP_POINTER, NOW, STRESS_ARTICLE, serve  # noqa: E402

TARGET = REPO / "docs" / "screenshots"
# Phone shots are cut off below this height; desktop shots show the first screen, scaled down.
PHONE_HEIGHT = 1500
DESKTOP_SCALE = 0.6


def build(binary: str, folder: pathlib.Path) -> pathlib.Path:
    shutil.copytree(REPO / "Content", folder / "Content")
    shutil.copy(REPO / "medsite.yml", folder / "medsite.yml")
    (folder / "Content" / "long-words.md").write_text(STRESS_ARTICLE, encoding="utf-8")
    subprocess.run([binary, "build", "--site", str(folder), "--now", NOW], check=True, capture_output=True)
    return folder / "Output"


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,900",
                     DESKTOP_POINTER]:
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"),
                            options=options)


def shoot(driver, url: str, name: str, width: int, media: str = "", prepare=None, desktop_height=900):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": media, "features": [{"name": "prefers-color-scheme", "value": "light"}]})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900 if width < 600 else desktop_height,
                            "deviceScaleFactor": 1, "mobile": width < 600})
    driver.get(url)
    if prepare:
        prepare(driver)
    full = driver.execute_script("return document.documentElement.scrollHeight")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
    scale = 1 if width < 600 else DESKTOP_SCALE
    height = min(full, PHONE_HEIGHT) if width < 600 else min(full, desktop_height)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": scale}})
    path = TARGET / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    print(f"{path.relative_to(REPO)}: {path.stat().st_size // 1024} KB")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def hover_first_section(driver):
    from selenium.webdriver.common.action_chains import ActionChains

    heading = driver.find_element("css selector", ".article-body h2")
    ActionChains(driver).move_to_element(heading).perform()


def open_code(driver):
    driver.execute_script("document.querySelector('details.condition-code').open = true")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(REPO / ".build" / "debug" / "medsite")
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        output = build(binary, pathlib.Path(folder))
        server = serve(output)
        base = next(server)
        driver = browser()
        try:
            for width in (375, 1280):
                shoot(driver, base + "natalizumab-and-pml-risk/", f"article-{width}", width,
                      prepare=hover_first_section if width > 600 else None, desktop_height=1250)
                shoot(driver, base + "hba1c-target-type-2-diabetes/", f"short-answer-{width}", width)
                shoot(driver, base, f"home-{width}", width)
                shoot(driver, base + "conditions/progressive-multifocal-leukoencephalopathy/", f"condition-{width}",
                      width, prepare=open_code)
            shoot(driver, base + "long-words/", "overdue-320", 320)
            shoot(driver, base + "long-words/", "overdue-375", 375)
            shoot(driver, base + "natalizumab-and-pml-risk/", "print", 800, media="print")
        finally:
            driver.quit()
            next(server, None)


if __name__ == "__main__":
    main()
