"""Every text a user meets, in Danish and English: one lookup, :func:`t`, over one table.

The table is data, per area: the shared words (status names, columns, the CLI's summary
and problems) here, the board's in :mod:`planner.i18n.board`; they are merged once at
import and a key defined twice is an error. Figures are written here too (decimal commas,
round half up), so the CLI and the board write them alike.

A text with a count has a singular form under ``<key>.one`` where the language needs one:
``t("moves", lang, count=1)`` reads "1 flytning", ``count=3`` "3 flytninger".
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from planner.core.models import Team
from planner.core.moves import UNASSIGNED
from planner.core.reconcile import Leftover
from planner.core.rules import Status
from planner.i18n.board import TEXTS as BOARD

Lang = Literal["da", "en"]
LANGUAGES: tuple[Lang, ...] = ("da", "en")

# Status reads without colour: the same symbols in the CLI and on the board.
STATUS_SYMBOL: dict[Status, str] = {Status.OVER: "▲", Status.WITHIN: "✓", Status.UNDER: "▼"}

# key: (english, danish)
TEXTS: dict[str, tuple[str, str]] = {
    "status.over": ("over", "over"),
    "status.within": ("within", "inden for"),
    "status.under": ("under", "under"),
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
    "workers.unassigned": ("Unassigned", "Ufordelte"),
    "leftover.case_gone": ("case gone", "sagen findes ikke længere"),
    "leftover.worker_gone": ("worker gone", "medarbejderen er her ikke længere"),
    "leftover.case_elsewhere": (
        "case now with another worker",
        "sagen ligger nu hos en anden medarbejder",
    ),
    "leftover.already_done": ("already done", "allerede gennemført"),
    "leftover.pinned": ("case now pinned", "sagen er nu fastlåst"),
}


def worker_name(team: Team, worker_id: str, lang: str) -> str:
    """A worker's name; "Unassigned" for the unassigned pile; the id of a worker no longer
    in the team (an old plan may name one). The one place for it, CLI and board alike."""
    if worker_id == UNASSIGNED:
        return t("workers.unassigned", lang)
    worker = team.workers_by_id.get(worker_id)
    return worker.name if worker else worker_id


def leftover_text(leftover: Leftover, lang: str) -> str:
    """Why a move of a reopened plan was not applied, with who is gone or holds the case."""
    words = t(f"leftover.{leftover.reason.value}", lang)
    return f"{words} ({leftover.detail})" if leftover.detail else words


# -- figures ------------------------------------------------------------------------------


def round_half_up(value: float, digits: int = 1) -> Decimal:
    """Rounded as people round: 35.25 -> 35.3 and 79.75 -> 79.8 alike. Python's round()
    and format() round the binary value (35.25 -> 35.2), which reads as a mistake; the
    shortest repr of the float is the number the user thinks of."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def fmt_num(value: float, lang: str, digits: int = 1) -> str:
    """A figure as Danes write it (decimal comma) or as the English do, rounded half up."""
    if not math.isfinite(value):
        return "∞" if value > 0 else "-∞" if value < 0 else "-"
    text = f"{round_half_up(value, digits):.{digits}f}"
    if text.startswith("-") and not any(c in "123456789" for c in text):
        text = text[1:]  # no "-0.0"
    return text.replace(".", ",") if lang == "da" else text


def fmt_range(low: float, high: float, lang: str, digits: int = 1) -> str:
    return f"{fmt_num(low, lang, digits)}-{fmt_num(high, lang, digits)}"


def fmt_pct(ratio: float, lang: str = "en") -> str:
    """Utilisation in whole percent, rounded half up; above 100 % it never reads "100%"
    (65.25 of 65 is over range and shows 100.4%, not a reassuring 100%)."""
    if not math.isfinite(ratio):
        return "-"
    percent = ratio * 100
    text = f"{round_half_up(percent, 0):.0f}"
    if ratio > 1 + 1e-12 and text == "100":
        # One decimal, rounded up, so it shows above 100 however little it is.
        text = f"{math.ceil(percent * 10 - 1e-9) / 10:.1f}"
        text = text.replace(".", ",") if lang == "da" else text
    return f"{text}%"


def fmt_plain(value: float, lang: str) -> str:
    """Hours or a weight, with no trailing zeros: 37, 37,5, 0,75."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "da" else text


def detect_language(env: Mapping[str, str] | None = None) -> str:
    """Danish when LANG (or LC_ALL / LC_MESSAGES) starts with 'da', else English."""
    env = os.environ if env is None else env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "da" if value.lower().startswith("da") else "en"
    return "en"


def _merge(*tables: tuple[str, Mapping[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    owner: dict[str, str] = {}
    for name, table in tables:
        for key, pair in table.items():
            if key in merged:
                raise RuntimeError(f"text '{key}' is defined in {owner[key]} and in {name}")
            merged[key] = pair
            owner[key] = name
    return merged


ALL_TEXTS: dict[str, tuple[str, str]] = _merge(("shared", TEXTS), ("board", BOARD))


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` (da or en), with `values` filled in. With `count`, the
    singular form (`<key>.one`) when count is 1 and the table has one."""
    if values.get("count") == 1 and f"{key}.one" in ALL_TEXTS:
        key = f"{key}.one"
    english, danish = ALL_TEXTS[key]
    text = danish if lang == "da" else english
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in ALL_TEXTS


def status_word(status: object, lang: str) -> str:
    return t(f"status.{status}", lang)
