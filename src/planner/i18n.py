"""Words on screen in Danish and English. One table; keys are English identifiers."""

from __future__ import annotations

import os
from collections.abc import Mapping

from planner.core.rules import Status

LANGUAGES = ("da", "en")

# Status reads without colour: the same symbols in the CLI and on the board.
STATUS_SYMBOL: dict[Status, str] = {
    Status.OVER: "▲",
    Status.WITHIN: "✓",
    Status.UNDER: "▼",
    Status.AWAY: "○",  # not there: no capacity, never a percentage
}

# key: (english, danish)
TEXTS: dict[str, tuple[str, str]] = {
    "status.over": ("over", "over"),
    "status.within": ("within", "inden for"),
    "status.under": ("under", "under"),
    "status.away": ("away", "fraværende"),
    "col.worker": ("Worker", "Medarbejder"),
    "col.area": ("Area", "Område"),
    "col.hours": ("Hours", "Timer"),
    "col.cases": ("Cases", "Sager"),
    "col.load": ("Load", "Belastning"),
    "col.capacity": ("Range", "Interval"),
    "col.utilisation": ("Util.", "Udnyt."),
    "col.status": ("Status", "Status"),
    "summary.cases": ("cases", "sager"),
    "summary.unassigned": ("unassigned", "ufordelte"),
    "summary.load": ("total load", "samlet belastning"),
    "summary.capacity": ("capacity", "kapacitet"),
    "summary.fte": ("FTE there", "Årsværk"),
    "summary.fte_effective": ("FTE effective", "Årsværk reelt"),
    "summary.fte_needed": ("FTE needed", "Årsværk nødvendige"),
    "summary.fte_missing": ("FTE missing", "Mangler"),
    "summary.counts": (
        "{over} over, {within} within, {under} under",
        "{over} over, {within} inden for, {under} under",
    ),
    "problems.header": (
        "planner: {count} problem(s) in the input; nothing was written.",
        "planner: {count} problem(er) i inddata; intet er skrevet.",
    ),
    "error.internal": (
        "planner: internal error ({kind}). Nothing was written. Please report this.",
        "planner: intern fejl ({kind}). Intet er skrevet. Meld venligst fejlen.",
    ),
    "error.date": (
        "planner: --date '{value}' is not a date: write YYYY-MM-DD, e.g. 2026-11-23.",
        "planner: --date '{value}' er ikke en dato: skriv ÅÅÅÅ-MM-DD, fx 2026-11-23.",
    ),
}


def detect_language(env: Mapping[str, str] | None = None) -> str:
    """Danish when LANG (or LC_ALL / LC_MESSAGES) starts with 'da', else English."""
    env = os.environ if env is None else env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "da" if value.lower().startswith("da") else "en"
    return "en"


def t(key: str, lang: str, **values: object) -> str:
    english, danish = TEXTS[key]
    text = danish if lang == "da" else english
    return text.format(**values) if values else text
