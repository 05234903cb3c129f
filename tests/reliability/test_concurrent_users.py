"""The app as a runner starts it: listening on this machine only, refusing uploads without the
XSRF token, and serving three people uploading at once while a fourth reads the pages (Debian's
Chromium through Playwright). Every upload lands once; no session sees an error."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from athletes import only_athlete
from page_wait import idle as settle
from reliability_checks import store_problems

from store import read
from store.db import connect

pytestmark = pytest.mark.browser

# Three runners' uploads, three real runs each: big enough (a second or two of parsing per file)
# that the three imports overlap on the server.
UPLOADS = [
    [
        "fit_run/fitparse__garmin-fenix-5-run.fit",
        "fit_run/sportslib__6782987395.fit",
        "fit_run/gc__HRV-Data.fit",
    ],
    [
        "fit_run/sportstracker__Garmin_Fenix_6-Running.fit",
        "fit_run/sportslib__6860622783.fit",
        "fit_run/sportslib__6910052863.fit",
    ],
    [
        "fit_run/gc__10kUNLP2014-Garmin15.fit",
        "fit_run/sportslib__6916663933.fit",
        "fit_run/jimmykane__garmin-stamina.fit",
    ],
]
FITS = [f for files in UPLOADS for f in files]
READER_PAGES = ["load", "activities", "strength", "injury", "schedule", "settings", ""]


def listening(port: int) -> list[str]:
    """Local addresses of the sockets listening on `port` (from /proc/net/tcp and tcp6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        lines = Path(table).read_text().splitlines()[1:] if Path(table).exists() else []
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.rsplit(":", 1)
            if state == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
                found.append(address)
    return found


def test_the_server_listens_on_this_machine_only(app):
    if not Path("/proc/net/tcp").exists():
        pytest.skip("no /proc/net/tcp to read the listening sockets from")
    assert listening(app.port) == ["0100007F"]  # 127.0.0.1, and no IPv6 socket at all


def test_an_upload_without_the_xsrf_token_is_refused(app):
    body = b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.fit"\r\n\r\nx\r\n--b--\r\n'
    request = urllib.request.Request(
        f"{app.url}/_stcore/upload_file/session/file",
        data=body,
        method="PUT",
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403


def errors(p) -> list[str]:
    boxes = p.locator("[data-testid='stException'], [data-testid='stAlertContentError']")
    return [boxes.nth(i).inner_text()[:300] for i in range(boxes.count())]


def uploaded(p, n: int) -> None:
    """Until the chosen files' chips are there and their upload spinners are gone (no error icon)."""
    p.get_by_test_id("stFileChip").nth(n - 1).wait_for()
    end = time.monotonic() + 60
    while p.get_by_test_id("stFileChipIconSpinner").count() and time.monotonic() < end:
        time.sleep(0.2)
    assert p.get_by_test_id("stFileChipIconError").count() == 0


def imported(p, done: str) -> list[str]:
    """Until the page reports its import (`done` in the summary) or shows an error; its errors."""
    end = time.monotonic() + 180
    while time.monotonic() < end:
        if errors(p):
            break
        if p.get_by_text(done).count():
            settle(p)
            break
        time.sleep(0.3)
    else:
        raise AssertionError(f"no import report on the page: {p.get_by_test_id('stMain').inner_text()[:500]}")
    return errors(p)


def open_page(p, name: str) -> None:
    p.locator(f"a[data-testid='stSidebarNavLink'][href$='/{name}']").click()


@pytest.mark.realdata
def test_three_uploads_and_a_reader_at_once(browser, app, realdata):
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(4)]
    pages = [c.new_page() for c in contexts]
    try:
        for p in pages:
            p.set_default_timeout(60_000)
            p.goto(app.url)
        uploaders, reader = pages[:3], pages[3]
        for p, files in zip(uploaders, UPLOADS, strict=True):
            settle(p)
            open_page(p, "upload")
            settle(p)
            p.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(
                [str(realdata / f) for f in files]
            )
            uploaded(p, len(files))
        settle(reader)
        # The three imports start within a moment of each other and run side by side on the server.
        for p in uploaders:
            p.get_by_role("button", name="Import files").click()
        seen = []
        for name in READER_PAGES:  # meanwhile, someone reads the dashboard
            open_page(reader, name) if name else reader.goto(app.url)
            settle(reader)
            seen += errors(reader)
        for p in uploaders:
            seen += imported(p, "3 activities")
        assert not seen
        # A fresh look at the dashboard, with every run in it.
        open_page(reader, "activities")
        settle(reader)
        assert not errors(reader)
    finally:
        for c in contexts:
            c.close()

    app.stop()  # the server holds the database: read it once it is gone
    con = connect(app.db, read_only=True)
    try:
        sources = read.sources(con, only_athlete(con))
        assert sorted(sources["file_name"]) == sorted(Path(f).name for f in FITS)
        assert sources["sha256"].is_unique
        assert set(sources["status"]) == {"ok"}, sources.loc[
            sources.status != "ok", ["file_name", "message"]
        ].values
        assert read.table_counts(con, only_athlete(con))["activities"] == len(FITS)
        assert not store_problems(con)
    finally:
        con.close()
    assert len([p for p in app.raw.rglob("*") if p.is_file()]) == len(FITS)
