"""Exercise names and body regions (docs/metrics.md, strength; docs/formats.md).

FIT set messages name exercises by numbers of the FIT profile's `exercise_category` enum and its
`<category>_exercise_name` sub-enums; the names come from garmin-fit-sdk's Profile, never from a
table typed here. Regions come from `ingest/data/exercise_regions.csv`, which the runner can extend:
FIT categories map directly, app names ("Squat (Barbell)", "Push-ups") by whole-word keywords.
A name no row matches gets no region (NULL): it is kept, listed, and the runner assigns it.
"""

from __future__ import annotations

import csv
import re
from functools import cache, lru_cache
from importlib import resources

REGIONS = ("lower", "core", "upper", "full")
UNKNOWN_CATEGORY = 65534  # FIT: the watch did not recognise the exercise
UNKNOWN = "unknown"  # the exercise name stored when the watch gave none


@cache
def _profile_types() -> dict:
    from garmin_fit_sdk import Profile  # 60 ms to import: only when a file has sets

    return Profile["types"]


def fit_category_name(category: int | str | None) -> str | None:
    """The FIT profile's name for an exercise_category value; None when unknown or missing.
    garmin-fit-sdk already hands names; fitparse hands numbers."""
    if category is None:
        return None
    if isinstance(category, str):
        return None if category == UNKNOWN else category
    if category >= UNKNOWN_CATEGORY:
        return None
    return _profile_types()["exercise_category"].get(int(category), f"category {category}")


def fit_exercise_name(category: str | None, subtype: int | str | None) -> str | None:
    """The `<category>_exercise_name` entry for a subtype number, e.g. squat/2 -> 'back_squats'."""
    if category is None or subtype is None:
        return None
    if isinstance(subtype, str):
        return subtype
    if subtype >= UNKNOWN_CATEGORY:
        return None
    return _profile_types().get(f"{category}_exercise_name", {}).get(int(subtype))


def display_name(snake: str) -> str:
    """'barbell_back_squat' -> 'Barbell Back Squat'."""
    return " ".join(w.capitalize() for w in snake.replace("_", " ").split())


# --- regions ------------------------------------------------------------------------------------


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(name: str) -> tuple[str, ...]:
    """Lower-case singular words: 'Push-Ups (Weighted)' -> ('push', 'up', 'weighted')."""
    return tuple(_singular(w) for w in re.findall(r"[a-z0-9]+", name.lower()))


class RegionTable:
    """The shipped table: FIT category -> region, and keyword -> region."""

    def __init__(self, rows: list[dict[str, str]]):
        self.categories: dict[str, str] = {}
        self.keywords: list[tuple[tuple[str, ...], str]] = []
        for row in rows:
            kind, name, region = row["kind"].strip(), row["name"].strip(), row["region"].strip()
            if region not in REGIONS:
                raise ValueError(
                    f"exercise_regions.csv: region {region!r} for {name!r} is not one of {REGIONS}"
                )
            if kind == "fit_category":
                self.categories[name] = region
            elif kind == "keyword":
                self.keywords.append((words(name), region))
            else:
                raise ValueError(f"exercise_regions.csv: unknown kind {kind!r}")
        # Most words first, then the longest: 'leg curl' beats 'curl', 'side plank' beats 'plank'.
        self.keywords.sort(key=lambda kw: (-len(kw[0]), -sum(map(len, kw[0]))))

    def for_name(self, name: str | None) -> str | None:
        if not name:
            return None
        tokens = words(name)
        for kw, region in self.keywords:
            n = len(kw)
            if any(tokens[i : i + n] == kw for i in range(len(tokens) - n + 1)):
                return region
        return None

    def for_fit(self, category: str | None, exercise: str | None) -> str | None:
        """A FIT set: its category decides; a category without one region falls back to the name."""
        if category in self.categories:
            return self.categories[category]
        return self.for_name(exercise)


@cache
def region_table() -> RegionTable:
    text = resources.files("ingest").joinpath("data/exercise_regions.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return RegionTable(list(csv.DictReader(lines)))


@lru_cache(maxsize=4096)  # an app's log names the same few exercises on thousands of rows
def region_of(name: str | None) -> str | None:
    """Region of an app's exercise name, or None when the table does not know it."""
    return region_table().for_name(name)
