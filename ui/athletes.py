"""Several athletes on one install: the sidebar's picker, what a switch of athlete resets, and the
words of the Settings page's Athletes tab (its body is ui.settings_tabs.athletes).

A session's page state belongs to the athlete it was made for: a typed injury row, an import's
file list, a picked activity, a proposed plan. Switching athlete drops all of it, so that nothing
of one athlete shows on (or is saved into) another's pages; only the sidebar's range is kept per
athlete, and given back on a return to them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import streamlit as st

from ui import data, fmt

PICK = "athlete_pick"  # the sidebar picker's widget key
SHOWN = "athlete_shown"  # the athlete the session's page state belongs to
RANGES = "athlete_ranges"  # athlete id -> that athlete's sidebar range, for a return to them
RANGE_KEYS = ("date_range_input", "range_seen", "date_range")  # ui.filters' range, kept per athlete
KEPT = frozenset({"athlete_id", PICK, SHOWN, RANGES})  # session keys a switch leaves alone
FIRST_NAME = "Me"  # the athlete an import creates on an install that has none yet (as the CLI does)
NAME_MAX = 60
# What a deletion removes, in the order the confirmation names it: store.athletes.contents' keys.
CONTENTS = (
    ("files", "file"),
    ("activities", "activity"),
    ("strength sessions", "strength session"),
    ("injuries", "injury"),
    ("planned sessions", "planned session"),
)


# --- Pure helpers ----------------------------------------------------------------------------------------


def tidy(name: str) -> str:
    """The name as stored: runs of spaces as one, none at the ends (as store.athletes keeps it)."""
    return " ".join(name.split())


def name_problem(name: str, taken: Iterable[str], current: str | None = None) -> str | None:
    """Why `name` cannot name an athlete (blank, too long, or another athlete's name, whatever its
    capitals: two athletes told apart by a capital letter would be one slip away from each other
    in the picker); None when it can. `current`: the name of the athlete being renamed."""
    clean = tidy(name)
    if not clean:
        return "Write a name: an athlete needs one to be told apart in the sidebar."
    if len(clean) > NAME_MAX:
        return f"The name is {len(clean)} characters long; keep it to {NAME_MAX}."
    if current is not None and clean == current:
        return f"{clean} is already called that."
    others = {t.casefold(): t for t in taken if t != current}
    if clean.casefold() in others:
        return f"There is already an athlete called {others[clean.casefold()]}: choose another name."
    return None


def contents_words(counts: dict[str, int]) -> str:
    """'12 files, 340 activities, 80 strength sessions and 1 injury' (what a deletion removes; the
    kinds they have none of left out); '' when they have nothing."""
    parts = [fmt.plural(int(counts.get(key, 0)), word) for key, word in CONTENTS if counts.get(key)]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return "".join(parts)


def export_file_name(name: str | None, several: bool) -> str:
    """The Settings zip's file name: with several athletes, theirs in it, so that a coach's
    downloads are told apart ('runstrong-export-anna-berg.zip')."""
    plain = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()  # Zoë: zoe
    slug = "-".join(re.findall(r"[a-z0-9]+", plain.casefold()))
    return f"runstrong-export-{slug}.zip" if several and slug else "runstrong-export.zip"


def deletion_text(name: str, counts: dict[str, int]) -> str:
    """The confirmation's sentence: what deleting the athlete `name` removes (Markdown)."""
    what = contents_words(counts)
    held = f"{what}, " if what else "no data yet, only "
    return (
        f"Deleting **{fmt.md(name)}** removes {held}their settings, races, notes and plan, and every "
        "imported file no other athlete shares. It cannot be undone: export their data first (Data tab) "
        "to keep a copy."
    )


# --- Which athlete the session shows ---------------------------------------------------------------------


def switch_to(athlete: int) -> None:
    """Make `athlete` the one every page shows: keep the old one's range, drop the rest of the
    session's page state (see the module's docstring), and give back the new one's range if the
    session has shown them before."""
    ss = st.session_state
    old = ss.get(SHOWN)
    ranges = dict(ss.get(RANGES, {}))
    if old and old != athlete:  # (0: an install without athletes; no page state to drop)
        ranges[old] = {k: ss[k] for k in RANGE_KEYS if k in ss}
        for key in [k for k in ss if k not in KEPT]:
            del ss[key]
        for key, value in ranges.get(athlete, {}).items():
            ss[key] = value
    ss[RANGES] = ranges
    ss["athlete_id"] = athlete
    ss[SHOWN] = athlete


def forget(athlete: int) -> None:
    """Drop a deleted athlete's kept range."""
    st.session_state[RANGES] = {k: v for k, v in st.session_state.get(RANGES, {}).items() if k != athlete}


def follow() -> int:
    """The athlete to show in this run; when it is not the one the session's state belongs to (a
    pick in the sidebar, a roster click, a deletion), switch to it first."""
    athlete = data.athlete()
    if st.session_state.get(SHOWN) != athlete:
        switch_to(athlete)
    return athlete


def _picked() -> None:
    switch_to(int(st.session_state[PICK]))


def picker() -> int:
    """The sidebar's athlete picker, drawn only when there are two athletes or more (an install of
    one looks as it did before there could be several). Returns the athlete shown."""
    athlete = follow()
    listing = data.athletes()
    if len(listing) < 2:
        return athlete
    names = {int(i): str(n) for i, n in zip(listing["athlete_id"], listing["name"], strict=True)}
    st.session_state[PICK] = athlete  # follows a switch made elsewhere (Settings, a roster click)
    st.sidebar.selectbox(
        "Athlete",
        list(names),
        format_func=names.__getitem__,
        key=PICK,
        on_change=_picked,
        help="Whose data every page shows, and whose files the Import page takes in. Add, rename or "
        "delete athletes in Settings, on the Athletes tab.",
    )
    return athlete


def shown_name() -> str:
    """The name of the athlete shown; on an install with none yet, the name its first import gives."""
    return data.athlete_name() or FIRST_NAME
