"""Where the runner goes: each route maps distance covered to (lat, lon, altitude).

Loops are ellipses with a wobble, out-and-back routes are a line walked out and back, so that a
long run comes home. Altitude is a sum of gentle waves tied to the position on the route, so the
same hill comes back on every lap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

M_PER_DEG_LAT = 111_320.0
SEMICIRCLES_PER_DEG = 2**31 / 180.0


@dataclass(frozen=True)
class Route:
    lat0: float
    lon0: float
    shape: str  # loop | out_back | indoor
    a_m: float = 1000.0  # loop half-axis east-west, or out-and-back bearing length scale
    b_m: float = 700.0  # loop half-axis north-south
    bearing_deg: float = 0.0  # out_back direction; loop rotation
    alt_base_m: float = 40.0
    hills: tuple[tuple[float, float, float], ...] = ()  # (amplitude m, wavelength m, phase)

    @cached_property
    def perimeter_m(self) -> float:
        a, b = self.a_m, self.b_m
        h = ((a - b) / (a + b)) ** 2
        return math.pi * (a + b) * (1 + 3 * h / (10 + math.sqrt(4 - 3 * h)))  # Ramanujan

    def along(self, d_m: float, total_m: float) -> float:
        """Position along the route's own line (for hills): loops wrap, out-and-back folds."""
        if self.shape == "out_back":
            half = total_m / 2.0
            return d_m if d_m <= half else max(0.0, total_m - d_m)
        if self.shape == "loop":
            return d_m % self.perimeter_m
        return d_m

    def altitude(self, d_m: float, total_m: float) -> float:
        s = self.along(d_m, total_m)
        alt = self.alt_base_m
        for amp, wave, phase in self.hills:
            alt += amp * math.sin(2 * math.pi * s / wave + phase)
        return alt

    def position(self, d_m: float, total_m: float) -> tuple[float, float]:
        """(lat, lon) in degrees at distance d_m of a run of total_m on this route."""
        if self.shape == "loop":
            theta = 2 * math.pi * (d_m % self.perimeter_m) / self.perimeter_m
            wobble = 1 + 0.04 * math.sin(5 * theta)
            x0 = self.a_m * math.cos(theta) * wobble - self.a_m
            y0 = self.b_m * math.sin(theta) * wobble
        else:
            s = self.along(d_m, total_m)
            x0 = s
            side = 8.0 if d_m > total_m / 2 else -8.0  # the way back is on the other bank
            y0 = side + 40.0 * math.sin(s / 900.0)
        rot = math.radians(self.bearing_deg)
        x = x0 * math.cos(rot) - y0 * math.sin(rot)
        y = x0 * math.sin(rot) + y0 * math.cos(rot)
        lat = self.lat0 + y / M_PER_DEG_LAT
        lon = self.lon0 + x / (M_PER_DEG_LAT * math.cos(math.radians(self.lat0)))
        return lat, lon


ROUTES: dict[str, Route] = {
    # Berlin, the runner's home ground
    "tempelhof": Route(52.4735, 13.4170, "loop", 1000, 650, 0, 44.0, ((1.5, 1300, 0.3),)),
    "tiergarten": Route(52.5145, 13.3700, "loop", 1400, 600, 5, 36.0, ((2.0, 900, 1.0), (1.0, 350, 2.0))),
    "landwehrkanal": Route(
        52.4990,
        13.4180,
        "out_back",
        bearing_deg=172,
        alt_base_m=35.0,
        hills=((1.5, 2100, 0.0), (0.8, 600, 1.2)),
    ),
    "spree": Route(
        52.4990,
        13.4180,
        "out_back",
        bearing_deg=-25,
        alt_base_m=34.0,
        hills=((2.0, 3000, 0.7), (1.0, 800, 0.1)),
    ),
    "grunewald": Route(
        52.4730, 13.2650, "loop", 1800, 1200, 20, 62.0, ((14.0, 2600, 0.0), (6.0, 900, 1.5), (2.5, 310, 0.4))
    ),
    "treadmill": Route(52.4990, 13.4180, "indoor", alt_base_m=38.0),
    # the week in New York
    "central_park": Route(
        40.7812, -73.9580, "loop", 700, 2000, 29, 30.0, ((8.0, 1700, 0.0), (3.0, 520, 0.9))
    ),
    "hudson": Route(
        40.7736, -73.9900, "out_back", bearing_deg=-120, alt_base_m=5.0, hills=((1.5, 1500, 0.0),)
    ),
    # races
    "hamburg": Route(53.5600, 10.0700, "loop", 8000, 5000, 15, 12.0, ((6.0, 7000, 0.0), (2.0, 1500, 1.0))),
    "koeln": Route(50.9375, 7.0000, "loop", 4000, 2600, -10, 52.0, ((3.0, 5000, 0.5), (1.0, 900, 0.0))),
    # rides
    "wannsee": Route(
        52.4990,
        13.4180,
        "out_back",
        bearing_deg=-140,
        alt_base_m=45.0,
        hills=((12.0, 9000, 0.0), (4.0, 2500, 0.6)),
    ),
    "trainer": Route(52.4990, 13.4180, "indoor", alt_base_m=38.0),
}


def semicircles(deg: float) -> int:
    return round(deg * SEMICIRCLES_PER_DEG)
