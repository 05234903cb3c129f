"""A planned session on screen (docs/rules.md, planning ahead): the row, its vocabulary and its
check are domain.plan's, shared with the plan template's reader and the store; these labels say
them."""

from __future__ import annotations

from domain.plan import (
    COLUMNS,
    FOCUSES,
    KINDS,
    RUN_TYPES,
    TEMPLATE_COLUMNS,
    PlanRowError,
    check_row,
    same_session,
)

__all__ = [
    "COLUMNS",
    "FOCUSES",
    "FOCUS_LABELS",
    "KINDS",
    "RUN_TYPES",
    "RUN_TYPE_LABELS",
    "TEMPLATE_COLUMNS",
    "PlanRowError",
    "check_row",
    "same_session",
]

#: How each strength focus is said on screen.
FOCUS_LABELS = {
    "lower_heavy": "heavy lower body",
    "lower": "lower body",
    "core": "core",
    "upper": "upper body",
    "full": "full body",
}
RUN_TYPE_LABELS = {"easy": "easy run", "long": "long run", "quality": "quality run", "race": "race"}
