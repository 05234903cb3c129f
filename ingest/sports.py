"""Apps' activity type names -> the FIT profile's sport and sub-sport names the store uses, so a
Strava "Run", a Garmin "Laufen" and a watch's `running` are the same sport for duplicates."""

from __future__ import annotations

import re
import unicodedata

# Normalised type (lower case, letters only) -> (sport, sub_sport).
TYPES: dict[str, tuple[str, str | None]] = {
    # Strava
    "run": ("running", None), "trailrun": ("running", "trail"), "virtualrun": ("running", "virtual_activity"),
    "ride": ("cycling", None), "virtualride": ("cycling", "virtual_activity"), "ebikeride": ("cycling", "e_bike_fitness"),
    "mountainbikeride": ("cycling", "mountain"), "gravelride": ("cycling", "gravel_cycling"),
    "walk": ("walking", None), "hike": ("hiking", None), "swim": ("swimming", None),
    "weighttraining": ("training", "strength_training"), "workout": ("training", None),
    "crossfit": ("training", "strength_training"), "yoga": ("training", "yoga"), "pilates": ("training", "pilates"),
    "rowing": ("rowing", None), "elliptical": ("fitness_equipment", "elliptical"),
    "stairstepper": ("fitness_equipment", "stair_climbing"), "hiit": ("training", "cardio_training"),
    "nordicski": ("cross_country_skiing", None), "alpineski": ("alpine_skiing", None),
    # Garmin Connect (English)
    "running": ("running", None), "treadmillrunning": ("running", "treadmill"), "trailrunning": ("running", "trail"),
    "trackrunning": ("running", "track"), "indoorrunning": ("running", "indoor_running"),
    "virtualrunning": ("running", "virtual_activity"), "cycling": ("cycling", None),
    "roadcycling": ("cycling", "road"), "indoorcycling": ("cycling", "indoor_cycling"),
    "mountainbiking": ("cycling", "mountain"), "gravelcycling": ("cycling", "gravel_cycling"),
    "walking": ("walking", None), "hiking": ("hiking", None), "poolswim": ("swimming", "lap_swimming"),
    "lapswimming": ("swimming", "lap_swimming"), "openwaterswimming": ("swimming", "open_water"),
    "swimming": ("swimming", None), "strengthtraining": ("training", "strength_training"),
    "strength": ("training", "strength_training"), "cardio": ("training", "cardio_training"),
    "indoorcardio": ("training", "cardio_training"), "indoorrowing": ("rowing", "indoor_rowing"),
    "multisport": ("multisport", None), "other": ("generic", None),
    # Garmin Connect (German)
    "laufen": ("running", None), "laufband": ("running", "treadmill"), "laufbandlaufen": ("running", "treadmill"),
    "bahnlauf": ("running", "track"),
    "radfahren": ("cycling", None), "indoorradfahren": ("cycling", "indoor_cycling"),
    "rennradfahren": ("cycling", "road"), "mountainbiken": ("cycling", "mountain"), "gehen": ("walking", None),
    "wandern": ("hiking", None), "schwimmbadschwimmen": ("swimming", "lap_swimming"),
    "freiwasserschwimmen": ("swimming", "open_water"), "schwimmen": ("swimming", None),
    "krafttraining": ("training", "strength_training"), "rudern": ("rowing", None),
    "indoorrudern": ("rowing", "indoor_rowing"), "sonstige": ("generic", None), "andere": ("generic", None),
    # Garmin Connect (French; accents are dropped before the lookup)
    "courseapied": ("running", None), "trail": ("running", "trail"),
    "coursesurtapis": ("running", "treadmill"), "tapisdecourse": ("running", "treadmill"),
    "cyclisme": ("cycling", None), "velo": ("cycling", None), "marche": ("walking", None),
    "randonnee": ("hiking", None), "natation": ("swimming", None), "musculation": ("training", "strength_training"),
    "renforcementmusculaire": ("training", "strength_training"), "aviron": ("rowing", None),
    # Runstrong's template
    "runningtrail": ("running", "trail"), "bike": ("cycling", None),
}  # fmt: skip


def sport_of(type_name: str | None) -> tuple[str, str | None]:
    """('running', 'treadmill') for 'Treadmill Running'; an unknown type keeps its own name."""
    if not type_name:
        return "generic", None
    # Accents dropped: 'Randonnée' -> 'randonnee', 'Course à pied' -> 'courseapied'.
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", type_name.lower()) if not unicodedata.combining(c)
    )
    key = re.sub(r"[^a-zß]", "", folded)
    if key in TYPES:
        return TYPES[key]
    if "run" in key or "lauf" in key:
        return "running", None
    if "ride" in key or "cycl" in key or "rad" in key or "bike" in key:
        return "cycling", None
    return re.sub(r"[^a-z0-9]+", "_", type_name.lower()).strip("_") or "generic", None
