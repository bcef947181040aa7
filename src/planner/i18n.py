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
    "error.weeks": (
        "planner: --weeks must be a whole number from 1 to {max} (got '{value}').",
        "planner: --weeks skal være et helt tal fra 1 til {max} (fik '{value}').",
    ),
    # -- the forecast (planner forecast and the board's forecast view) -------------------
    "forecast.title": (
        "{team} · the coming weeks from {date}",
        "{team} · de kommende uger fra {date}",
    ),
    "forecast.projection": (
        "A projection, not a plan: today's cases stay where they are, closures come off in "
        "proportion to load, new cases go to whoever has room.",
        "En fremskrivning, ikke en plan: dagens sager bliver, hvor de er, afsluttede sager "
        "trækkes fra i forhold til sagstal, nye sager går til dem, der har plads.",
    ),
    "forecast.legend": (
        "▲ over  ✓ within  ▼ under  ○ away (no capacity: leave, not started, left)",
        "▲ over  ✓ inden for  ▼ under  ○ fraværende (ingen kapacitet: orlov, ikke startet, "
        "fratrådt)",
    ),
    "forecast.away_cell": ("away", "fravær"),
    "forecast.missing": ("FTE missing", "Mangler årsværk"),
    "forecast.worker": ("Worker", "Medarbejder"),
    "forecast.week_short": ("wk {week}", "uge {week}"),
    "forecast.first_short": ("First week short, per area:", "Første uge med mangel, pr. område:"),
    "forecast.short": (
        "{area}: {missing} FTE short from week {week} ({date}): {why}",
        "{area}: mangler {missing} årsværk fra uge {week} ({date}): {why}",
    ),
    "forecast.worst": (
        "  most short in week {week} ({date}): {missing} FTE; {why}",
        "  størst mangel i uge {week} ({date}): {missing} årsværk; {why}",
    ),
    "forecast.why_away": ("{names} away", "{names} fraværende"),
    "forecast.why_reduced": ("{names} at lower capacity", "{names} med lavere kapacitet"),
    "forecast.why_load": ("load {before} → {after}", "sagstal {before} → {after}"),
    "forecast.why_fte": (
        "needs {needed} FTE, {effective} effective",
        "behov {needed} årsværk, reelt {effective}",
    ),
    "forecast.none_short.one": (
        "No area goes short this week.",
        "Intet område mangler årsværk denne uge.",
    ),
    "forecast.none_short.other": (
        "No area goes short within {weeks} weeks.",
        "Intet område mangler årsværk de næste {weeks} uger.",
    ),
    "forecast.truncated": (
        "The calendar ends: {weeks} of the {requested} weeks fit.",
        "Kalenderen slutter: {weeks} af de {requested} uger er med.",
    ),
    "forecast.events.one": ("1 what-if event from {plan}.", "1 hændelse fra {plan}."),
    "forecast.events.other": (
        "{count} what-if events from {plan}.",
        "{count} hændelser fra {plan}.",
    ),
    "forecast.leftovers.one": (
        "1 move of the plan no longer fits the cases and is left out:",
        "1 flytning i planen passer ikke længere til sagerne og er udeladt:",
    ),
    "forecast.leftovers.other": (
        "{count} moves of the plan no longer fit the cases and are left out:",
        "{count} flytninger i planen passer ikke længere til sagerne og er udeladt:",
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


def tn(key: str, count: int, lang: str, **values: object) -> str:
    """`key`.one or `key`.other by `count`: a real singular and plural in both languages."""
    return t(f"{key}.{'one' if count == 1 else 'other'}", lang, count=count, **values)
