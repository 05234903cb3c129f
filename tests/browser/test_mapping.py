"""The column mapper in a real browser: a spreadsheet log no format reads is offered on the Import
page, the mapping step opens with what it detected and a preview, and saving it imports the file.
Screenshots under test-artifacts/browser/."""

from __future__ import annotations

import pytest
from browser_helpers import errors, go, screenshot, settle

pytestmark = pytest.mark.browser

LOG = (
    "Mein Lauftagebuch 2021\n\n"
    "Datum;Sportart;Strecke (km);Dauer;Puls Ø;Bemerkung\n"
    "13.04.21;Laufen;10,5;52:30;148;locker\n"
    "15.04.21;Rad;26,2;1:05:10;;Pendeln\n"
    "17.04.21;Course à pied;8;40;139;\n"
)


def test_an_unknown_csv_is_mapped_and_imported_in_the_browser(browser, page, server_factory, tmp_path):
    log = tmp_path / "lauftagebuch.csv"
    log.write_bytes(LOG.encode("cp1252"))
    server = server_factory()
    page.goto(server.url)
    page.get_by_text("No training yet").first.wait_for(timeout=60_000)  # the app has run once
    go(page, server, "upload")
    page.get_by_role("heading", name="Import your training").wait_for(timeout=60_000)
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(log))
    page.get_by_text("lauftagebuch.csv").first.wait_for()
    page.get_by_role("button", name="Import files").click()
    page.get_by_text("Map the columns of a CSV Runstrong does not know").wait_for(timeout=90_000)
    settle(page)
    main = page.get_by_test_id("stMain")
    text = main.inner_text()
    assert "1 file: nothing new added. 1 failed" in text and "Why 1 file failed" in text
    assert "Skipped above the header: Mein Lauftagebuch 2021" in text
    assert "Dates read day first" in text
    assert not errors(page), errors(page)
    screenshot(page, "mapping-step")
    page.get_by_role("button", name="Save the mapping and import lauftagebuch.csv").click()
    page.get_by_text("1 file: 3 activities (2 runs, 1 ride) added, from 13 Apr 2021 to 17 Apr 2021").wait_for(
        timeout=90_000
    )
    settle(page)
    assert "Map the columns of a CSV" not in main.inner_text()
    assert not errors(page), errors(page)
    screenshot(page, "mapping-done")
