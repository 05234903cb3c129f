"""Say which profile values a number on screen rests on because the runner left them unset, with
a link to Settings (analysis.assumed says which)."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from analysis import Results, assumed
from ui import page


def note(res: Results, metrics: Iterable[str] = assumed.ALL, link: bool = True) -> None:
    """A caption naming the assumed values for ``metrics`` and (unless on Settings itself) a link
    to set them; nothing when every value they need is set."""
    items = assumed.assumed(res.settings, res.profile, tuple(metrics))
    if not items:
        return
    st.caption(assumed.sentence(items))
    if link:
        page.link("settings", "Set them in Settings", icon=":material/tune:")
