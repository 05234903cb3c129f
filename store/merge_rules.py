"""What the store is told about copies of the same training: the rules themselves live in ingest/
(ingest.duplicates, ingest.strength_merge); the store finds the stored rows near a new one in time
and asks them which are copies, which copy wins, and what the kept one takes from the other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from store.strength_join import Pairing

Row = dict[str, Any]


@dataclass(frozen=True)
class MergeRules:
    window_s: float  # stored rows starting this close to a new one are offered to the rules below
    same_activity: Callable[[Row, Row], bool]  # (stored activity, new activity): the same activity?
    richness: Callable[[str | None, str | None], Any]  # (format, status): the higher copy wins
    fill_columns: tuple[str, ...]  # what a kept activity takes from the other copy when it lacks it
    same_workout: Callable[[Row, Row], bool]  # (stored session, new session): one app workout twice?
    pair_strength: Pairing | None = None  # a watch session and an app's log of the same workout
