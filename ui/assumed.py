"""Say which profile values a number on screen rests on because the runner left them unset, with
a link to Settings (analysis.assumed says which)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from analysis import Results, assumed
from ui import page


def note(
    res: Results,
    metrics: Iterable[str] = assumed.ALL,
    link: bool = True,
    driving: bool = False,
    loads: pd.DataFrame | None = None,
) -> None:
    """A caption naming the assumed values for those of ``metrics`` that a number shown rests on
    (analysis.assumed.in_use; ``driving``: only the methods that drive the load charts) and (unless
    on Settings itself) a link to set them; nothing when every value they need is set, or when no
    shown number uses them (a log without heart rate hears nothing of a maximum HR). ``loads``: the
    rows the numbers shown come from (one activity's), else the whole log's."""
    rows = res.loads if loads is None else loads
    items = assumed.assumed(
        res.settings, res.profile, assumed.in_use(rows, metrics, driving), hr=assumed.uses_hr(rows)
    )
    if not items:
        return
    st.caption(assumed.sentence(items))
    if link:
        page.link("settings", "Set them in Settings", icon=":material/tune:")
