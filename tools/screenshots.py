"""The README's pictures of the demo athlete, refreshed by `make screenshots` (not part of `make test`).

It drives the dashboard as the browser tests do (tests/browser: the same app server, Debian's
Chromium through Playwright, the same waits and the same check for error boxes and None, nan or
internal words on screen): the demo athlete's folder (sample_logs/) is imported through the Import
page into an empty database, the sidebar's range is widened to the whole log (the default 26 weeks
would hide the marathon build-up and the injury the demo is about), and each chosen page is saved
under test-artifacts/browser/readme/. The Plan page comes last, after the week following the demo's
last day is planned from the plan template on the Import page (the issue's week: a heavy-legs
evening before a quality run, strength on the long-run day, a long run far beyond the month before,
a harmless upper-body session); it opens on that week. Each picture is then cropped to its main
column and first screens and written small (at most 1200 px wide, 256 colours) to docs/img/.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# tests/ before tests/browser/, so that `conftest` is the shared one (the browser's launch settings).
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "browser"), str(ROOT / "tests" / "app")]

import numpy as np  # noqa: E402
from browser_helpers import ARTIFACTS, Server, go, idle, problems, screenshot, set_range_start, settle  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from PIL import Image  # noqa: E402
from test_plan_page import HEADER, ISSUE_WEEK  # noqa: E402

import config  # noqa: E402

OUT = ROOT / "docs" / "img"
SHOTS = ARTIFACTS / "readme"
WIDTH = 1200
# README picture -> the sidebar link that opens its page, how much of the page's height (screenshot
# pixels) to keep, and whether to keep the sidebar (once, so that the reader sees the page list).
CHOSEN = {
    "import": ("Import", 1200, False),
    "overview": ("Overview", 1150, True),
    "load": ("Load", 1500, False),
    "strength": ("Strength", 1800, False),
    "injury": ("Injury signal", 1560, False),
    "activities": ("Activities", 1750, False),
    "plan": ("Plan", 1700, False),
}
WHITE_GAP = 16  # a run of blank rows this tall (Streamlit's gap) lies between two blocks


def open_page(page, title: str) -> None:
    """A real click on the sidebar's link, which keeps the session (and so the range)."""
    page.get_by_test_id("stSidebar").get_by_role("link", name=title, exact=True).click()
    idle(page)


def import_plan(page, path: Path) -> None:
    """The issue's week after the demo's last day, from the plan template, through the Import page."""
    path.write_text(HEADER + ISSUE_WEEK)
    open_page(page, "Import")
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(path))
    page.get_by_role("button", name="Import files").click()
    page.get_by_text(re.compile(r"\d+ planned sessions \(on the Plan page\)")).first.wait_for()
    settle(page)


def check(page, name: str) -> None:
    found = problems(page)
    if found:
        raise SystemExit(f"the {name} page shows {found}: fix it before taking its picture")


def take_screenshots() -> None:
    """Import the demo athlete on the Import page, then save each chosen page over its whole log."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"no browser at {CHROMIUM}: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp) / "app.duckdb", Path(tmp) / "raw", Path(tmp) / "streamlit.log")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                page.set_default_timeout(60_000)
                page.goto(server.url)
                page.get_by_text("No training yet").first.wait_for()
                go(page, server, "upload")
                # Relative to the server's folder (the project): the report names files as offered.
                page.get_by_placeholder("/media/GARMIN").fill(str(config.sample_logs_dir().relative_to(ROOT)))
                page.get_by_role("button", name="Import folder").click()
                report = page.get_by_text(re.compile(r" added, from \d+ \w+ \d{4} to ")).first
                report.wait_for(timeout=600_000)
                settle(page)
                check(page, "Import")
                screenshot(page, "readme/import")
                first = re.search(r"from (\d+ \w+ \d{4}) to", report.inner_text())
                open_page(page, "Activities")  # set_range_start leaves the field by its heading
                set_range_start(page, dt.datetime.strptime(first.group(1), "%d %b %Y").date())
                for name, (title, _, _) in CHOSEN.items():
                    if name == "plan":  # last: the other pictures show the log without a plan
                        import_plan(page, Path(tmp) / "plan.csv")
                    if name != "import":
                        open_page(page, title)
                        check(page, title)
                        screenshot(page, f"readme/{name}")
                browser.close()
        finally:
            server.stop()


def crop(source: Path, height: int, sidebar: bool) -> Image.Image:
    """The page's main column (with the sidebar if asked) down to the last gap between two blocks
    above `height`, so that no chart is cut in two, with a margin of white around it."""
    img = Image.open(source).convert("RGB")
    pixels = np.asarray(img)
    ink = pixels.min(axis=2) < 250  # True where something is drawn on the white page
    h, w = ink.shape
    # The sidebar is grey: the main column starts at the first pure white pixel of the top row.
    edge = int(np.argmax(pixels[0].min(axis=1) == 255))
    main = ink[:, edge:]
    drawn = main.any(axis=1)
    first = int(np.argmax(drawn))
    top = 0 if sidebar else max(first - 40, 0)
    bottom, run = min(height, h), 0
    for y in range(first, min(height, h)):
        run = 0 if drawn[y] else run + 1
        if run == WHITE_GAP:
            bottom = y + 1
    right = edge + int(np.nonzero(main[top:bottom].any(axis=0))[0].max())
    return img.crop((0 if sidebar else edge, top, min(right + 40, w), bottom))


def write(img: Image.Image, name: str) -> Path:
    if img.width > WIDTH:
        img = img.resize((WIDTH, round(img.height * WIDTH / img.width)), Image.Resampling.LANCZOS)
    path = OUT / f"{name}.png"
    img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        path, optimize=True
    )
    return path


def main() -> None:
    take_screenshots()
    OUT.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, (_, height, sidebar) in CHOSEN.items():
        path = write(crop(SHOTS / f"{name}.png", height, sidebar), name)
        total += path.stat().st_size
        width, tall = Image.open(path).size
        print(f"{path.relative_to(ROOT)}: {width}x{tall}, {path.stat().st_size // 1024} kB")
    print(f"{len(CHOSEN)} pictures in {OUT.relative_to(ROOT)}, {total // 1024} kB in all")


if __name__ == "__main__":
    main()
