"""Every text a user meets, in Danish and English: one lookup, :func:`t`, over one table.

The table is data, per area: the shared words (status names, columns, the CLI's summary
and problems) here, the board's in :mod:`planner.i18n.board`; they are merged once at
import and a key defined twice is an error. Figures are written here too (decimal commas,
round half up), so the CLI and the board write them alike.

A word that depends on a number names it: ``{count:case|cases}`` is "case" when count is 1,
else "cases" — so "Moved {count} {count:case|cases}" reads "Moved 1 case" and "Flyttede 3
sager", never "sag(er)".
"""

from __future__ import annotations

import math
import os
import string
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from planner.core.models import Team
from planner.core.moves import UNASSIGNED
from planner.core.problems import Msg, Notice, Problem, Text
from planner.core.reconcile import Leftover
from planner.core.rules import Status
from planner.core.text import visible
from planner.i18n.board import TEXTS as BOARD
from planner.i18n.events import TEXTS as EVENTS

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
    "summary.cases": ("{count} {count:case|cases}", "{count} {count:sag|sager}"),
    "summary.unassigned": ("unassigned", "ufordelte"),
    "summary.load": ("total load", "samlet sagstal"),
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
        "planner: {count} {count:problem|problems} in the input; nothing was written.",
        "planner: {count} {count:problem|problemer} i inddata; intet er skrevet.",
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
    # -- reading a case export (planner.io.cases, io.tables): "X" is what, "X.todo" what to do
    "load.not_utf16": ("is not valid UTF-16 text", "er ikke gyldig UTF-16-tekst"),
    "load.not_utf16.todo": (
        "Export the file again, or save it as UTF-8.",
        "Eksportér filen igen, eller gem den som UTF-8.",
    ),
    "load.not_text": (
        "is not UTF-8 text, nor Windows-1252",
        "er hverken UTF-8- eller Windows-1252-tekst",
    ),
    "load.not_text.todo": (
        'Save or export the file as UTF-8 (in Excel: "CSV UTF-8"), or as .xlsx.',
        'Gem eller eksportér filen som UTF-8 (i Excel: "CSV UTF-8"), eller som .xlsx.',
    ),
    "load.bad_csv": ("is not valid CSV ({error})", "er ikke gyldig CSV ({error})"),
    "load.bad_csv.todo": (
        "Check the quotes from that line on (a quote opened and never closed), or re-export the file.",
        "Tjek anførselstegnene fra den linje og frem (et anførselstegn, der aldrig lukkes), eller eksportér filen igen.",
    ),
    "load.no_sheets": ("holds no sheets", "indeholder ingen ark"),
    "load.no_sheets.todo": ("Export the cases again.", "Eksportér sagerne igen."),
    "load.no_such_sheet": (
        "has no sheet '{sheet}' (sheets: {sheets})",
        "har intet ark '{sheet}' (ark: {sheets})",
    ),
    "load.no_such_sheet.todo": (
        'Name one of them with sheet = "..." under the team in teams.toml.',
        'Angiv et af dem med sheet = "..." under teamet i teams.toml.',
    ),
    "load.sheet_password": ("is password-protected", "er beskyttet med adgangskode"),
    "load.sheet_password.todo": (
        "Save a copy without a password, or export the cases as CSV.",
        "Gem en kopi uden adgangskode, eller eksportér sagerne som CSV.",
    ),
    "load.bad_sheet": (
        "cannot be read as a spreadsheet ({error})",
        "kan ikke læses som regneark ({error})",
    ),
    "load.bad_sheet.todo": (
        "Open it in Excel or LibreOffice and save it again as .xlsx, or export the cases as CSV.",
        "Åbn den i Excel eller LibreOffice, og gem den igen som .xlsx, eller eksportér sagerne som CSV.",
    ),
    "load.unknown_kind": (
        "is not a kind of file planner reads (.csv, .txt, .xlsx, .xls, .ods or .toml)",
        "er ikke en filtype, planner kan læse (.csv, .txt, .xlsx, .xls, .ods eller .toml)",
    ),
    "load.unknown_kind.todo": (
        "Export the cases as CSV or .xlsx.",
        "Eksportér sagerne som CSV eller .xlsx.",
    ),
    "load.empty": ("is empty", "er tom"),
    "load.empty.todo": (
        "Export the cases with a header row.",
        "Eksportér sagerne med en overskriftsrække.",
    ),
    "load.no_id_column": (
        "has no '{column}' column (columns: {columns})",
        "har ingen kolonne '{column}' (kolonner: {columns})",
    ),
    "load.no_id_column.todo": (
        'Add an id column, or map yours in teams.toml: [teams.<team>.columns] id = "{guess}".',
        'Tilføj en id-kolonne, eller angiv jeres i teams.toml: [teams.<team>.columns] id = "{guess}".',
    ),
    "load.missing_column": (
        "has no column '{column}', which teams.toml names for '{field}' (columns: {columns})",
        "har ingen kolonne '{column}', som teams.toml angiver for '{field}' (kolonner: {columns})",
    ),
    "load.missing_column.todo": (
        "Correct the name under [teams.<team>.columns], or export that column too.",
        "Ret navnet under [teams.<team>.columns], eller eksportér også den kolonne.",
    ),
    "load.no_worker_column": (
        "has no worker column '{column}' (columns: {columns})",
        "har ingen medarbejderkolonne '{column}' (kolonner: {columns})",
    ),
    "load.no_worker_column.todo": (
        'Without it every case would be unassigned. Map yours in teams.toml: [teams.<team>.columns] worker = "{guess}".',
        'Uden den ville alle sager være ufordelte. Angiv jeres i teams.toml: [teams.<team>.columns] worker = "{guess}".',
    ),
    "load.near_miss": ("unknown column '{name}'", "ukendt kolonne '{name}'"),
    "load.near_miss.todo": (
        "Did you mean '{close}'? Rename it, or map it in [teams.<team>.columns].",
        "Mente du '{close}'? Omdøb den, eller angiv den under [teams.<team>.columns].",
    ),
    "load.duplicate_header": (
        "column '{column}' is there twice (columns {first} and {second})",
        "kolonnen '{column}' findes to gange (kolonne {first} og {second})",
    ),
    "load.duplicate_header.todo": (
        "Rename or delete one of them, so it is clear which one planner should read.",
        "Omdøb eller slet den ene, så det er klart, hvilken planner skal læse.",
    ),
    "load.bad_width": (
        "has {width} {width:field|fields} separated by '{delimiter}', the header has {header}",
        "antallet af felter adskilt af '{delimiter}' er {width}, men overskriften har {header}",
    ),
    "load.bad_width.todo": (
        "Re-export the file, or check quotes and separators on that line.",
        "Eksportér filen igen, eller tjek anførselstegn og skilletegn på den linje.",
    ),
    # -- where a problem is ------------------------------------------------------------------
    "where.line": ("line {line}", "linje {line}"),
    "where.line_in": ("line {line}, {place}", "linje {line}, {place}"),
    "load.cpr": (
        "holds what looks like a CPR number ({masked}); further rows of this column not shown",
        "indeholder noget, der ligner et CPR-nummer ({masked}); flere rækker i kolonnen vises ikke",
    ),
    "load.cpr.todo": (
        "Remove the column '{column}' from the export (or delete it in a spreadsheet) before loading: planner must never store CPR numbers.",
        "Fjern kolonnen '{column}' fra eksporten (eller slet den i et regneark) før indlæsning: planner må aldrig gemme CPR-numre.",
    ),
    "load.cpr_key.todo": (
        "Remove '{name}' from the case: planner must never store CPR numbers.",
        "Fjern '{name}' fra sagen: planner må aldrig gemme CPR-numre.",
    ),
    "load.cpr_ids_allowed.todo": (
        " 'ten_digit_case_ids = true' lets plain ten-digit case ids through, never the DDMMYY-SSSS form: use the ids without the dash.",
        " 'ten_digit_case_ids = true' lader ticifrede sagsnumre passere, men aldrig formen DDMMÅÅ-SSSS: brug numrene uden bindestreg.",
    ),
    "load.cpr_ids.todo": (
        " If your genuine case ids are ten-digit numbers, set 'ten_digit_case_ids = true' under the team in teams.toml.",
        " Er jeres rigtige sagsnumre ticifrede tal, så sæt 'ten_digit_case_ids = true' under teamet i teams.toml.",
    ),
    "load.control": (
        "holds a control character ({code})",
        "indeholder et kontroltegn ({code})",
    ),
    "load.control_many": (
        "holds a control character ({code}); so do {count} {count:cell|cells} of this column in all",
        "indeholder et kontroltegn ({code}); det gør {count} {count:celle|celler} i kolonnen i alt",
    ),
    "load.control.todo": (
        "Remove it in a spreadsheet, or export the file again.",
        "Fjern det i et regneark, eller eksportér filen igen.",
    ),
    "load.nul.todo": (
        "Remove it, or export the file again; a file full of them is UTF-16 without a BOM: save it as UTF-8.",
        "Fjern det, eller eksportér filen igen; er filen fuld af dem, er den UTF-16 uden BOM: gem den som UTF-8.",
    ),
    "load.no_case_id": ("has no case id ('{column}')", "har intet sagsnummer ('{column}')"),
    "load.no_case_id.todo": ("Give each case an id.", "Giv hver sag et nummer."),
    "load.totals_row": (
        "has no case id ('{column}') but other values: a totals row?",
        "har intet sagsnummer ('{column}'), men andre værdier: en sumrække?",
    ),
    "load.totals_row.todo": (
        "Give each case an id; a totals row: delete it, or leave it out of the export.",
        "Giv hver sag et nummer; en sumrække: slet den, eller udelad den af eksporten.",
    ),
    "load.id_twice": (
        "case id '{id}' is used twice (first at {first})",
        "sagsnummeret '{id}' bruges to gange (første gang {first})",
    ),
    "load.id_twice.todo": ("Give each case a unique id.", "Giv hver sag sit eget nummer."),
    "load.id_lookalike": (
        "case id '{id}' differs from '{other}' ({first}) only in case, spaces or invisible characters",
        "sagsnummeret '{id}' adskiller sig kun fra '{other}' ({first}) ved store og små bogstaver, mellemrum eller usynlige tegn",
    ),
    "load.id_lookalike.todo": (
        "Planner cannot tell them apart: correct one of them in the export.",
        "Planner kan ikke skelne dem fra hinanden: ret det ene i eksporten.",
    ),
    "load.in_cases": (" (in {count} {count:case|cases})", " (i {count} {count:sag|sager})"),
    "load.unknown_worker": (
        "worker '{value}'{count} is not in the team",
        "medarbejderen '{value}'{count} er ikke i teamet",
    ),
    "load.unknown_worker.todo": (
        "Write the worker's id or name, map the export's value in [teams.<team>.values.worker], add the worker to teams.toml, or leave the field empty (unassigned).",
        "Skriv medarbejderens id eller navn, oversæt eksportens værdi under [teams.<team>.values.worker], tilføj medarbejderen i teams.toml, eller lad feltet stå tomt (ufordelt).",
    ),
    "load.unknown_area": (
        "area '{value}'{count} is not in norm set '{norms}'",
        "området '{value}'{count} findes ikke i normsættet '{norms}'",
    ),
    "load.unknown_area.todo": (
        "Use one of: {areas} (or its label); map the export's value in [teams.<team>.values.area], or leave it empty for the worker's area.",
        "Brug et af: {areas} (eller dets navn); oversæt eksportens værdi under [teams.<team>.values.area], eller lad feltet stå tomt for medarbejderens område.",
    ),
    "load.did_you_mean": ("Did you mean '{guess}'? ", "Mente du '{guess}'? "),
    "load.bad_value": ("{message}{count}", "{message}{count}"),
    "load.not_number": (
        "'{value}' is not a number (write e.g. 1.5 or 1,5)",
        "'{value}' er ikke et tal (skriv fx 1,5 eller 1.5)",
    ),
    "load.toml_text": ("must be text (got {got})", "skal være tekst (fik {got})"),
    "load.toml_tags": (
        'must be a list of words, e.g. ["kompleks"] (got {got})',
        'skal være en liste af ord, fx ["kompleks"] (fik {got})',
    ),
    "load.toml_number": (
        "must be a number, e.g. 1.5 (got {got})",
        "skal være et tal, fx 1.5 (fik {got})",
    ),
    "load.toml_finite": (
        "must be a finite number (got {got})",
        "skal være et endeligt tal (fik {got})",
    ),
    "load.toml_bool": (
        "must be true or false (got {got})",
        "skal være true eller false (fik {got})",
    ),
    "load.toml_date": (
        "must be a date, e.g. 2026-03-01 (got {got})",
        "skal være en dato, fx 2026-03-01 (fik {got})",
    ),
    "load.toml_kind.table": ("a table", "en tabel"),
    "load.toml_kind.list": ("a list", "en liste"),
    "load.toml_kind.list_of": ("a list holding {inner}", "en liste med {inner}"),
    "load.toml_kind.date": ("a date or time", "en dato eller et klokkeslæt"),
    "load.not_bool": (
        "'{value}' is not true/false (use true, false, ja, nej, 1 or 0)",
        "'{value}' er ikke ja/nej (brug true, false, ja, nej, 1 eller 0)",
    ),
    "load.not_date": (
        "'{value}' is not a date (write YYYY-MM-DD or DD-MM-YYYY)",
        "'{value}' er ikke en dato (skriv ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ)",
    ),
    "load.value_map": (
        "maps '{code}' to '{target}', which is not {what}",
        "oversætter '{code}' til '{target}', som ikke er {what}",
    ),
    "load.value_map.todo": (
        "Use one of: {known}.",
        "Brug et af: {known}.",
    ),
    "load.flow_area": (
        "area '{area}' is not in norm set '{norms}'",
        "området '{area}' findes ikke i normsættet '{norms}'",
    ),
    "load.flow_area.todo": ("Use one of: {areas}.", "Brug et af: {areas}."),
    "load.value_map.worker": ("a worker of the team", "en medarbejder i teamet"),
    "load.value_map.area": ("an area of the norm set", "et område i normsættet"),
    "load.team_id": (
        "team id '{team}' is not a simple name (it becomes part of file names)",
        "team-id'et '{team}' er ikke et enkelt navn (det bliver en del af filnavne)",
    ),
    "load.team_id.todo": (
        "Use only the letters a-z and A-Z, digits, '-' and '_', starting with a letter or "
        "digit, at most 64 characters, e.g. [teams.born-og-unge].",
        "Brug kun bogstaverne a-z og A-Z, cifre, '-' og '_', med et bogstav eller et ciffer "
        "først og højst 64 tegn, fx [teams.born-og-unge].",
    ),
    "notice.encoding": (
        "{file} was read as {encoding} text (it is not UTF-8).",
        "{file} er læst som {encoding}-tekst (den er ikke UTF-8).",
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
    ("shared", TEXTS), ("board", BOARD), ("events", EVENTS)
)


class _Formatter(string.Formatter):
    """str.format, plus ``{n:one|many}``: the word for the number n (singular when 1)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return one if value == 1 else many
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def fill(text: str, **values: object) -> str:
    """`text` with `values` filled in, plural choices included (for the tables a command
    keeps beside its code; :func:`t` for this one)."""
    return _FORMATTER.vformat(text, (), values)


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` (da or en), with `values` filled in."""
    english, danish = ALL_TEXTS[key]
    text = danish if lang == "da" else english
    if not values:
        return text
    # The values are names, ids, reasons, paths and arguments from the files and the
    # command line: their control characters are made visible, so none reaches the
    # terminal raw, in the CLI or on the board.
    return _FORMATTER.vformat(
        text, (), {k: visible(v) if isinstance(v, str) else v for k, v in values.items()}
    )


def text_of(text: Text, lang: str) -> str:
    """A keyed text (Msg) in `lang`; a plain string as it is. Values that are themselves
    keyed texts are rendered first (a place inside a message)."""
    if isinstance(text, Msg):
        values = {k: text_of(v, lang) if isinstance(v, Msg) else v for k, v in text.values.items()}
        return t(text.key, lang, **values)
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
