"""Every text a user meets, in Danish and English: one lookup, :func:`t`, over one table.

The table is data, per area: the shared words (status names, columns, reconcile reasons)
here, the board's in :mod:`planner.i18n.board`, the command line's in
:mod:`planner.i18n.cli`, the loaders' problems and places in :mod:`planner.i18n.load`; they
are merged once at import and a key defined twice is an error. Figures are written here too
(decimal commas, round half up), so the CLI and the board write them alike.

A word that depends on a number names it: ``{count:case|cases}`` is "case" when count is 1,
else "cases" — so "Moved {count} {count:case|cases}" reads "Moved 1 case" and "Flyttede 3
sager", never "sag(er)". A figure inside a text is written ``{x:num}`` (or ``{x:num.2g}``):
"1.5" in English, "1,5" in Danish.

The core and the loaders do not render texts: they build keyed texts
(:class:`~planner.core.problems.Msg`, :class:`~planner.core.problems.Joined`), and the CLI
and the board say them in the user's language with :func:`text_of` / :func:`problem_text`.
"""

from __future__ import annotations

import math
import os
import string
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Literal

from planner.core.moves import UNASSIGNED
from planner.core.problems import Joined, Msg, Notice, Problem, Text
from planner.core.rules import Status
from planner.core.text import visible
from planner.i18n.board import TEXTS as BOARD
from planner.i18n.cli import TEXTS as CLI
from planner.i18n.events import TEXTS as EVENTS
from planner.i18n.load import TEXTS as LOAD

if TYPE_CHECKING:  # only named: the text tables must not bring pydantic (the models) along
    from planner.core.balance import Suggestion
    from planner.core.models import Team
    from planner.core.reconcile import Leftover

Lang = Literal["da", "en"]
LANGUAGES: tuple[Lang, ...] = ("da", "en")

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
    "col.load": ("Load", "Sagstal"),
    "col.capacity": ("Range", "Interval"),
    "col.utilisation": ("Util.", "Udnyt."),
    "col.status": ("Status", "Status"),
    # The FTE columns of planner check's and planner balance's area tables: two lines each,
    # so that four of them and the area fit 80 columns in either language.
    "col.fte": ("FTE\nthere", "Årsv.\ntil stede"),
    "col.fte_effective": ("FTE\neffective", "Årsv.\nreelt"),
    "col.fte_needed": ("FTE\nneeded", "Årsv.\nbehov"),
    "col.fte_missing": ("FTE\nmissing", "Årsv.\nmangler"),
    "summary.counts": (
        "{over} over, {within} within, {under} under",
        "{over} over, {within} inden for, {under} under",
    ),
    "summary.counts_away": (
        "{over} over, {within} within, {under} under, {away} away",
        "{over} over, {within} inden for, {under} under, {away} fraværende",
    ),
    "problems.header": (
        "planner: {count} {count:problem|problems} in the input; nothing was written.",
        "planner: {count} {count:problem|problemer} i inddata; intet er skrevet.",
    ),
    "error.internal": (
        "planner: internal error ({kind}). Nothing was written. Please report this.",
        "planner: intern fejl ({kind}). Intet er skrevet. Meld venligst fejlen.",
    ),
    "error.weeks": (
        "planner: --weeks must be a whole number from 1 to {max} (got '{value}').",
        "planner: --weeks skal være et helt tal fra 1 til {max} (du skrev '{value}').",
    ),
    "error.weeks_past_calendar": (
        "planner: {weeks} {weeks:week|weeks} from {date} would run past {last}, the last date "
        "planner can count: give at most --weeks {room}, or an earlier --date.",
        "planner: {weeks} {weeks:uge|uger} fra {date} når ud over {last}, den sidste dato "
        "planner kan regne med: angiv højst --weeks {room}, eller en tidligere --date.",
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
    "forecast.none_short": (
        "No area goes short within {count} {count:week|weeks}.",
        "Intet område mangler årsværk inden for {count} {count:uge|uger}.",
    ),
    "forecast.truncated": (
        "The calendar ends: {weeks} of the {requested} {requested:week|weeks} fit.",
        "Kalenderen slutter: {weeks} af de {requested} {requested:uge|uger} er med.",
    ),
    "forecast.events": (
        "{count} what-if {count:event|events} from {plan}.",
        "{count} {count:hændelse|hændelser} fra {plan}.",
    ),
    "forecast.leftovers": (
        "{count} {count:move|moves} of the plan no longer {count:fits|fit} the cases and {count:is|are} left out:",
        "{count} {count:flytning|flytninger} i planen passer ikke længere til sagerne og er udeladt:",
    ),
    "error.output": (
        "planner: the output could not be written: {reason}. Make room, or write it elsewhere.",
        "planner: uddata kunne ikke skrives: {reason}. Gør plads, eller skriv det et andet sted.",
    ),
    "error.plan_not_read": (
        "--plan is not read by planner {command}: it opens a plan on the board, in planner forecast and in planner serve. To see a plan, use planner plan show FILE.",
        "--plan bruges ikke af planner {command}: den åbner en plan på tavlen, i planner forecast og i planner serve. Vis en plan med planner plan show FIL.",
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
    "notice.encoding": (
        "{file} was read as {encoding} text (it is not UTF-8).",
        "{file} er læst som {encoding}-tekst (den er ikke UTF-8).",
    ),
    # -- the summary of a suggested rebalancing (suggestion_lines), CLI and board;
    # a `balance.cli.<name>` text (planner.i18n.cli) says it the terminal's way ----------
    "balance.summary": (
        "{moves}; at least {bound} are needed; a greedy plan would take {greedy}.",
        "{moves}; mindst {bound} er nødvendige; en grådig plan ville bruge {greedy}.",
    ),
    "balance.moves": ("{count} {count:move|moves}", "{count} {count:flytning|flytninger}"),
    "balance.moves_split": (
        "{count} {count:move|moves} ({relocations} between workers, {allocated} unassigned "
        "allocated)",
        "{count} {count:flytning|flytninger} ({relocations} mellem medarbejdere, {allocated} "
        "{allocated:ufordelt|ufordelte} fordelt)",
    ),
    "balance.greedy_worse": (
        "A first plan by rule of thumb would leave {overflow} load outside the ranges; this one {own}.",
        "En første plan efter tommelfingerregler ville efterlade sagstal {overflow} uden for intervallerne; denne {own}.",
    ),
    "balance.timed_out": (
        "Time ran out: the best plan found, not proven the best.",
        "Tiden løb ud: den bedste plan fundet, ikke bevist den bedste.",
    ),
    "balance.budget": (
        "At most {max_moves} {max_moves:move|moves} between workers; {relocations} used.",
        "Højst {max_moves} {max_moves:flytning|flytninger} mellem medarbejdere; "
        "{relocations} brugt.",
    ),
    "balance.peak": (
        "Highest utilisation: {before} → {after}.",
        "Højeste udnyttelse: {before} → {after}.",
    ),
    "balance.nothing_helps": ("No move makes it better.", "Ingen flytning gør det bedre."),
    "balance.proven": (
        "Proven: no plan is fairer, and none as fair needs fewer moves.",
        "Bevist: ingen plan er mere retfærdig, og ingen lige så retfærdig kræver færre flytninger.",
    ),
    "balance.not_proven": ("Not proven the best plan.", "Ikke bevist at være den bedste plan."),
    "balance.greedy_peak": (
        "A first plan by rule of thumb would leave the highest utilisation at {peak}; this one {own}.",
        "En første plan efter tommelfingerregler ville efterlade den højeste udnyttelse på {peak}; denne {own}.",
    ),
    "balance.protected": (
        "New hires kept within their own max: {names}.",
        "Nyansatte holdt inden for deres eget maksimum: {names}.",
    ),
    "balance.overflow_least": (
        "Not everyone can be within range: {overflow} load stays outside the ranges, "
        "the least possible.",
        "Ikke alle kan komme inden for intervallet: {overflow} i sagstal forbliver uden "
        "for intervallerne, det mindst mulige.",
    ),
    "balance.overflow_found": (
        "Not everyone can be within range: {overflow} load stays outside the ranges in this plan.",
        "Ikke alle kan komme inden for intervallet: {overflow} i sagstal forbliver uden "
        "for intervallerne i denne plan.",
    ),
    "balance.no_moves": (
        "Everyone is within range: no moves are needed.",
        "Alle er inden for intervallet: ingen flytninger er nødvendige.",
    ),
}


def worker_name(team: Team, worker_id: str, lang: str) -> str:
    """A worker's name; "Unassigned" for the unassigned pile; the id of a worker no longer
    in the team (an old plan may name one). The one place for it, CLI and board alike."""
    if worker_id == UNASSIGNED:
        return t("workers.unassigned", lang)
    worker = team.workers_by_id.get(worker_id)
    # Shown on a terminal: its control characters visible (planner.core.text).
    return visible(worker.name if worker else worker_id)


def leftover_reason(leftover: Leftover) -> Joined:
    """Why a move of a reopened plan was not applied, with who is gone or holds the case,
    as a keyed text (for a Problem)."""
    detail = f" ({leftover.detail})" if leftover.detail else ""
    return Joined(Msg(f"leftover.{leftover.reason.value}"), detail)


def leftover_text(leftover: Leftover, lang: str) -> str:
    """Why a move of a reopened plan was not applied, in `lang`."""
    return text_of(leftover_reason(leftover), lang)


def suggestion_lines(suggestion: Suggestion, lang: str, *, family: str = "balance") -> list[str]:
    """The summary under a suggested rebalancing, a line each, the same facts in the same
    order for `planner balance` and the board's dialog. `family` "balance.cli" lets the
    terminal say a line its own way (naming its options, the seconds spent, ASCII arrows)
    where planner.i18n.cli has `balance.cli.<name>`."""
    s = suggestion

    def say(name: str, **values: object) -> str:
        key = f"{family}.{name}"
        return t(key if has(key) else f"balance.{name}", lang, **values)

    lines = []
    if s.moves:
        count = len(s.moves)
        allocated = count - s.relocations
        moves = (
            say("moves_split", count=count, relocations=s.relocations, allocated=allocated)
            if allocated and s.relocations
            else say("moves", count=count)
        )
        lines.append(say("summary", moves=moves, bound=s.lower_bound, greedy=s.greedy_moves))
        # Fewer greedy moves are no bargain when they leave more load out of range, or a
        # higher peak.
        if s.greedy_overflow > s.overflow + 1e-6:
            own = fmt_num(s.overflow, lang)
            lines.append(say("greedy_worse", overflow=fmt_num(s.greedy_overflow, lang), own=own))
        elif fmt_peak(s.greedy_peak, lang) != fmt_peak(s.peak, lang):
            own = fmt_peak(s.peak, lang)
            lines.append(say("greedy_peak", peak=fmt_peak(s.greedy_peak, lang), own=own))
    if s.timed_out and not s.optimal:
        lines.append(say("timed_out", seconds=fmt_num(s.seconds, lang, 2)))
    elif s.moves:
        lines.append(say("proven" if s.optimal else "not_proven"))
    if s.max_moves is not None:
        lines.append(say("budget", max_moves=s.max_moves, relocations=s.relocations))
    if s.peak_before > 0 or s.peak > 0:
        before, after = fmt_peak(s.peak_before, lang), fmt_peak(s.peak, lang)
        lines.append(say("peak", before=before, after=after))
    kept = [
        visible(a.worker.name)
        for b, a in zip(s.before, s.after, strict=True)
        if a.worker.id in s.protected and a.load > b.load + 1e-9
    ]
    if kept:
        lines.append(say("protected", names=", ".join(kept)))
    if s.overflow > 1e-6:
        name = "overflow_least" if s.optimal else "overflow_found"
        lines.append(say(name, overflow=fmt_num(s.overflow, lang)))
    # "No moves are needed" only when that is true, and never above "Not everyone can be
    # within range".
    if not s.moves:
        lines.append(say("no_moves" if s.feasible else "nothing_helps"))
    return lines


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


# Someone away has no capacity and so no utilisation: a dash, never a percentage.
NO_PCT = "–"


def fmt_pct(ratio: float | None, lang: str = "en") -> str:
    """Utilisation in whole percent, rounded half up; above 100 % it never reads "100%"
    (65.25 of 65 is over range and shows 100.4%, not a reassuring 100%). None (someone
    away, no capacity) is a dash."""
    if ratio is None:
        return NO_PCT
    if not math.isfinite(ratio):
        return "-"
    percent = ratio * 100
    text = f"{round_half_up(percent, 0):.0f}"
    if ratio > 1 + 1e-12 and text == "100":
        # One decimal, rounded up, so it shows above 100 however little it is.
        text = f"{math.ceil(percent * 10 - 1e-9) / 10:.1f}"
        text = text.replace(".", ",") if lang == "da" else text
    return f"{text}%"


def fmt_peak(peak: float, lang: str = "en") -> str:
    """A peak (the highest utilisation above 100 %, 0 when nobody is over) as the
    utilisation it is, "126%", or "≤100%" when nobody is over."""
    return "≤" + fmt_pct(1.0, lang) if peak <= 0.0 else fmt_pct(peak, lang)


def fmt_plain(value: float, lang: str) -> str:
    """Hours or a weight, with no trailing zeros: 37, 37,5, 0,75."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "da" else text


def notice_text(notice: Notice, lang: str) -> str:
    """A Notice (e.g. the encoding a file was read in) as one line in `lang`."""
    return t(notice.key, lang, file=notice.file, **notice.values)


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


ALL_TEXTS: dict[str, tuple[str, str]] = _merge(
    ("shared", TEXTS), ("board", BOARD), ("cli", CLI), ("load", LOAD), ("events", EVENTS)
)


class _Formatter(string.Formatter):
    """str.format, plus two specs of our own:

    * ``{n:one|many}``: the word for the number n (singular when 1);
    * ``{x:num}``, ``{x:num.2g}``: a figure as the user's language writes it (decimal comma
      in Danish), as `g` or the given format would write it."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return one if value == 1 else many
        if format_spec.startswith("num") and isinstance(value, int | float):
            text = format(value, format_spec[3:] or "g")
            return text.translate(_DANISH_MARKS) if self.lang == "da" else text
        return super().format_field(value, format_spec)


# Danes write 1.234,5 where the English write 1,234.5.
_DANISH_MARKS = str.maketrans(",.", ".,")
_FORMATTERS = {lang: _Formatter(lang) for lang in LANGUAGES}


def t(key: str, lang: str, /, **values: object) -> str:
    """The text for `key` in `lang` (da or en), with `values` filled in."""
    english, danish = ALL_TEXTS[key]
    text = danish if lang == "da" else english
    if not values:
        return text
    # The values are names, ids, reasons, paths and arguments from the files and the
    # command line: their control characters are made visible, so none reaches the
    # terminal raw, in the CLI or on the board.
    return _FORMATTERS["da" if lang == "da" else "en"].vformat(
        text, (), {k: visible(v) if isinstance(v, str) else v for k, v in values.items()}
    )


def text_of(text: Text, lang: str) -> str:
    """A keyed text (Msg, Joined) in `lang`; a plain string as it is. Values that are
    themselves keyed texts are rendered first (a place inside a message)."""
    if isinstance(text, Msg):
        values = {
            k: text_of(v, lang) if isinstance(v, Msg | Joined) else v
            for k, v in text.values.items()
        }
        return t(text.key, lang, **values)
    if isinstance(text, Joined):
        return text.sep.join(filter(None, (text_of(part, lang) for part in text.parts)))
    return text


def renderer(lang: str) -> Callable[[Text], str]:
    """For Problem.render: every keyed text of a problem in `lang`."""
    return lambda text: text_of(text, lang)


def problem_text(problem: Problem, lang: str) -> str:
    return problem.render(renderer(lang))


def has(key: str) -> bool:
    return key in ALL_TEXTS


def status_word(status: object, lang: str) -> str:
    return t(f"status.{status}", lang)
