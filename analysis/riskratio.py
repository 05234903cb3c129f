"""The 2x2 table, risk ratio and its 95 % CI, and the words that go with them (docs/injury-signal.md).

Cells: a = exposed units followed by an injury, b = exposed units not followed, c = unexposed
units followed, d = unexposed units not followed. RR = (a / (a + b)) / (c / (c + d)), 95 % CI by
the log method, exp(ln RR +- 1.96 SE), SE = sqrt(1/a - 1/(a+b) + 1/c - 1/(c+d)); when a cell is 0,
0.5 is added to every cell first (Haldane-Anscombe). Fewer than 5 injuries in either group: the
counts only, beside the population figures, and no ratio (too few events to estimate anything).
"""

from __future__ import annotations

import math
from typing import Any

Z95 = 1.959963984540054

CONFOUNDERS = ("illness", "sleep", "shoes", "races", "reverse causation")
# Listed once, the last one explained: a niggle lowers the load before the injury is logged.
WORDING = (
    "This is an association in one person's log, not proof of cause. Runs and days close together share "
    "the same injuries, so the interval is narrower than it should be. Other things move with training "
    "volume and can explain a link: " + ", ".join(CONFOUNDERS[:-1]) + f" and {CONFOUNDERS[-1]} (a niggle "
    "lowers the load before the injury is logged)."
)
OTHER_VIEW = (
    "In a survey of 600+ runners (Blagrove et al. 2020, J Strength Cond Res 34:1392), training "
    "volume, not strength work, was linked to injury."
)
SMALL_COUNT_REASON = (
    "fewer than {n} injuries in a group: counts only (a ratio from so few injuries would be noise)"
)


def risk_ratio(a: int, b: int, c: int, d: int) -> dict[str, Any]:
    """RR with its 95 % CI; ``corrected`` says whether 0.5 was added to every cell.

    Returns risk_ratio, ci_low, ci_high (None when a group is empty or no one was injured at all),
    corrected, and reason (None, or why there is no ratio).
    """
    if a + b == 0 or c + d == 0:
        return _none("no exposed or no unexposed units")
    if a + c == 0:
        return _none("no injury in the window after any unit")
    corrected = 0 in (a, b, c, d)
    fa, fb, fc, fd = (x + 0.5 if corrected else float(x) for x in (a, b, c, d))
    rr = (fa / (fa + fb)) / (fc / (fc + fd))
    se = math.sqrt(1 / fa - 1 / (fa + fb) + 1 / fc - 1 / (fc + fd))
    return {
        "risk_ratio": rr,
        "ci_low": math.exp(math.log(rr) - Z95 * se),
        "ci_high": math.exp(math.log(rr) + Z95 * se),
        "corrected": corrected,
        "reason": None,
    }


def _none(reason: str) -> dict[str, Any]:
    return {"risk_ratio": None, "ci_low": None, "ci_high": None, "corrected": False, "reason": reason}


def estimate(
    a: int, b: int, c: int, d: int, exposed_injuries: int, unexposed_injuries: int, min_injuries: int = 5
) -> dict[str, Any]:
    """risk_ratio() under the small-count rule (fewer than ``min_injuries`` in a group)."""
    if min(exposed_injuries, unexposed_injuries) < min_injuries:
        out = _none(SMALL_COUNT_REASON.format(n=min_injuries))
        out["corrected"] = False
        return out
    return risk_ratio(a, b, c, d)
