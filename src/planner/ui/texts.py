"""Every word the board shows, in English and Danish: one table, keyed by English ids.

Binding descriptions live here too, under ``key.<binding id>`` (shown in the footer, the help
screen and the command palette) and ``help.<binding id>`` (the palette's longer line), so a
language switch at runtime changes every label at once. Shared words (status names, column
names) come from :mod:`planner.i18n` so the board and ``planner check`` say the same.
"""

from __future__ import annotations

from planner.i18n import TEXTS as SHARED

# key: (english, danish)
TEXTS: dict[str, tuple[str, str]] = {
    # -- header ---------------------------------------------------------------------------
    "header.cases": ("{count} cases", "{count} sager"),
    "header.unassigned": ("{count} unassigned", "{count} ufordelte"),
    "header.counts": (
        "▲ {over} over  ✓ {within} within  ▼ {under} under",
        "▲ {over} over  ✓ {within} inden for  ▼ {under} under",
    ),
    "header.counts_short": ("▲{over} ✓{within} ▼{under}", "▲{over} ✓{within} ▼{under}"),
    "header.fte": (
        "FTE needed {needed} / effective {effective}{missing}",
        "Årsværk behov {needed} / reelt {effective}{missing}",
    ),
    "header.fte_missing": (", {missing} missing", ", mangler {missing}"),
    "header.fte_short": (
        "FTE {needed}/{effective}{missing}",
        "Årsv. {needed}/{effective}{missing}",
    ),
    "header.fte_missing_short": (" (−{missing})", " (−{missing})"),
    "header.moves": ("{count} moves", "{count} flytninger"),
    "header.move": ("1 move", "1 flytning"),
    "header.read_only": ("READ-ONLY", "KUN LÆSNING"),
    "header.area_line": (
        "{label}: FTE needed {needed} / effective {effective} (by hours {there}){missing}",
        "{label}: årsværk behov {needed} / reelt {effective} (efter timer {there}){missing}",
    ),
    "header.area_missing": (", {missing} missing", ", mangler {missing}"),
    "header.area_line_mid": (
        "{label}: FTE needed {needed} / effective {effective}{missing}",
        "{label}: årsværk behov {needed} / reelt {effective}{missing}",
    ),
    "header.area_line_short": (
        "{label}: FTE {needed}/{effective}{missing}",
        "{label}: årsv. {needed}/{effective}{missing}",
    ),
    # -- worker list ----------------------------------------------------------------------
    "workers.title": ("Caseworkers", "Medarbejdere"),
    "workers.sorted": ("sorted by {order}", "sorteret efter {order}"),
    "workers.area_filter": ("area: {area}", "område: {area}"),
    "workers.stale_short": ("{order}, stale (s)", "{order}, forældet (s)"),
    "workers.stale": (
        "{order} before the last moves (s sorts again)",
        "{order} før de seneste flytninger (s sorterer igen)",
    ),
    "workers.all_areas": ("all", "alle"),
    "sort.order": ("loaded order", "indlæst rækkefølge"),
    "sort.utilisation": ("utilisation", "udnyttelse"),
    "sort.name": ("name", "navn"),
    "workers.unassigned": ("Unassigned", "Ufordelte"),
    "workers.unassigned_cases": ("{count} cases, load {load}", "{count} sager, belastning {load}"),
    "workers.group": (
        "{label} · FTE needed {needed} / effective {effective}{missing} · {workers}",
        "{label} · årsværk behov {needed} / reelt {effective}{missing} · {workers}",
    ),
    "workers.heads": ("{count} workers", "{count} medarb."),
    "col.name": ("Name", "Navn"),
    "col.load_short": ("Load", "Bel."),
    # -- drop preview ---------------------------------------------------------------------
    "drop.after": ("→ {load} {symbol} {status}", "→ {load} {symbol} {status}"),
    "drop.range": (" (range {range})", " (interval {range})"),
    "drop.same": ("✗ already holds the case", "✗ har allerede sagen"),
    "drop.same_short": ("✗ holds it", "✗ har den"),
    "drop.pinned": ("✗ pinned: cannot move", "✗ fastlåst: kan ikke flyttes"),
    "drop.pinned_short": ("✗ pinned", "✗ fastlåst"),
    "drop.other_area": (" · other area: will ask", " · andet område: spørger"),
    "drop.other_area_short": (" · other area?", " · andet område?"),
    "drop.unassigned": ("→ back to unassigned", "→ tilbage til ufordelte"),
    # -- case list ------------------------------------------------------------------------
    "cases.title": ("{name}: {count} cases", "{name}: {count} sager"),
    "cases.marked": ("{count} marked ({load})", "{count} markeret ({load})"),
    "cases.filter": ("filter “{text}”: {count}", "filter “{text}”: {count}"),
    "cases.title_short": ("{name} ({count})", "{name} ({count})"),
    "cases.marked_short": ("{count} marked", "{count} markeret"),
    "cases.filter_short": ("“{text}”: {count}", "“{text}”: {count}"),
    "cases.none": ("No cases.", "Ingen sager."),
    "cases.no_match": ("No case matches the filter.", "Ingen sag passer til filteret."),
    "cases.pinned": ("pin", "fast"),
    "col.case": ("Case", "Sag"),
    "col.weight": ("Wt.", "Vægt"),
    "col.household": ("Hshld", "Husst"),
    "col.tags": ("Tags", "Mærker"),
    "col.pin": ("Pin", "Fast"),
    "filter.placeholder": (
        "Filter cases by id or tag (Enter keeps, Esc clears)",
        "Filtrér sager på id eller mærke (Enter beholder, Esc rydder)",
    ),
    # -- moving ---------------------------------------------------------------------------
    "move.nothing": ("No case is highlighted.", "Ingen sag er valgt."),
    "move.moved": (
        "Moved {count} case(s) to {to}.",
        "Flyttede {count} sag(er) til {to}.",
    ),
    "move.pinned": (
        "{cases} is pinned and stays with {holder}; nothing moved.",
        "{cases} er fastlåst og bliver hos {holder}; intet er flyttet.",
    ),
    "move.same": ("{to} already holds the case(s).", "{to} har allerede sagen/sagerne."),
    "move.refused": ("Not moved: {reason}", "Ikke flyttet: {reason}"),
    "move.read_only": (
        "Read-only: {reason} Nothing moved.",
        "Kun læsning: {reason} Intet er flyttet.",
    ),
    "move.read_only_default": ("this plan is open read-only.", "planen er åbnet skrivebeskyttet."),
    "move.cancelled": ("Move cancelled.", "Flytning annulleret."),
    "move.undone": ("Undid {count} move(s).", "Fortrød {count} flytning(er)."),
    "move.redone": ("Redid {count} move(s).", "Gentog {count} flytning(er)."),
    "move.nothing_to_undo": ("Nothing to undo.", "Intet at fortryde."),
    "move.nothing_to_redo": ("Nothing to redo.", "Intet at gentage."),
    "move.reverted": ("{case} is back with {holder}.", "{case} er tilbage hos {holder}."),
    "confirm.area.title": ("Another area", "Andet område"),
    "confirm.area.body": (
        "{cases} belong(s) to {area}, but {to} works in {to_area}. Move anyway?",
        "{cases} hører til {area}, men {to} arbejder med {to_area}. Flyt alligevel?",
    ),
    "confirm.yes": ("Yes, move", "Ja, flyt"),
    "confirm.no": ("No", "Nej"),
    "household.title": ("Household {household}", "Husstand {household}"),
    "household.body": (
        "{case} belongs to household {household}: {members}. Move the whole household to {to}?",
        "{case} hører til husstand {household}: {members}. Flyt hele husstanden til {to}?",
    ),
    "household.pinned_note": (
        " ({cases} pinned, stay(s) where they are)",
        " ({cases} fastlåst, bliver hvor de er)",
    ),
    "household.all": ("Whole household ({count})", "Hele husstanden ({count})"),
    "household.one": ("Only the marked", "Kun de markerede"),
    "household.cancel": ("Cancel", "Annullér"),
    # -- picker ---------------------------------------------------------------------------
    "picker.title": ("Move {count} case(s) to …", "Flyt {count} sag(er) til …"),
    "picker.source": (
        "{name}: {before} → {after} {symbol} {status}",
        "{name}: {before} → {after} {symbol} {status}",
    ),
    "picker.placeholder": ("Type to filter workers", "Skriv for at filtrere medarbejdere"),
    "picker.other_area_heading": (
        "── Other area: asks before moving ──",
        "── Andet område: spørger før flytning ──",
    ),
    "picker.empty": ("No worker matches.", "Ingen medarbejder passer."),
    "picker.reason": (
        "Reason: {reason}  (ctrl+r changes · ctrl+e own)",
        "Årsag: {reason}  (ctrl+r skifter · ctrl+e egen)",
    ),
    "picker.no_reason": ("none", "ingen"),
    "picker.hint": ("↑↓ choose · Enter move · Esc cancel", "↑↓ vælg · Enter flyt · Esc annullér"),
    # -- changes --------------------------------------------------------------------------
    "changes.title": (
        "Changes against the loaded data: {count} case(s) moved",
        "Ændringer mod de indlæste data: {count} sag(er) flyttet",
    ),
    "changes.none": (
        "No changes: every case is with the worker it was loaded with.",
        "Ingen ændringer: alle sager er hos den medarbejder, de blev indlæst med.",
    ),
    "changes.hint": (
        "r or Delete: send the highlighted case back · Esc: close",
        "r eller Delete: send den valgte sag tilbage · Esc: luk",
    ),
    "col.from": ("From (before → now)", "Fra (før → nu)"),
    "col.to": ("To (before → now)", "Til (før → nu)"),
    "col.reason": ("Reason", "Årsag"),
    # -- detail ---------------------------------------------------------------------------
    "detail.title": ("{name} · {area}", "{name} · {area}"),
    "detail.range": (
        "Range for a full-timer: {range} ({label})",
        "Interval for fuld tid: {range} ({label})",
    ),
    "detail.factor": ("× {factor}  {label}{until}", "× {factor}  {label}{until}"),
    "detail.until": (" until {date}", " til og med {date}"),
    "detail.capacity": (
        "= capacity {range}, load {load} {symbol} {status}",
        "= kapacitet {range}, belastning {load} {symbol} {status}",
    ),
    "detail.ahead": ("Next 8 weeks:", "De næste 8 uger:"),
    "detail.no_changes": (
        "No capacity change in the next 8 weeks.",
        "Ingen ændring af kapaciteten de næste 8 uger.",
    ),
    "detail.change": (
        "{date}: {what} {kind}: max {before} → {after} ({symbol} {status} at today's load)",
        "{date}: {what} {kind}: maks {before} → {after} ({symbol} {status} ved dagens belastning)",
    ),
    "detail.ends": ("ends", "slutter"),
    "detail.starts": ("starts", "begynder"),
    "detail.unassigned": (
        "Unassigned cases have no capacity; move them to a worker.",
        "Ufordelte sager har ingen kapacitet; flyt dem til en medarbejder.",
    ),
    "factor.hours": ("hours {label}", "timer {label}"),
    "factor.new_hire": ("new hire", "nyansat"),
    # -- chart ----------------------------------------------------------------------------
    "chart.title": (
        "Utilisation (load / top of range)",
        "Udnyttelse (belastning / top af interval)",
    ),
    "chart.legend": ("░ loaded   █ now", "░ indlæst   █ nu"),
    # -- screens --------------------------------------------------------------------------
    "help.title": ("Help", "Hjælp"),
    "help.intro": (
        "Each row is a caseworker: ▲ over range, ✓ within, ▼ under. The bar shows the range "
        "as ░ and the load as █ (» beyond the scale); the same column is 100 % on every row.\n"
        "↑↓ move the cursor, ←→ or Enter go between the lists. Move cases with the keys "
        "(space marks, m moves) or drag a case onto a worker.",
        "Hver række er en medarbejder: ▲ over intervallet, ✓ inden for, ▼ under. Bjælken viser "
        "intervallet som ░ og belastningen som █ (» ud over skalaen); samme kolonne er 100 % "
        "på hver række.\n↑↓ flytter markøren, ←→ eller Enter skifter liste. Flyt sager med "
        "tasterne (mellemrum markerer, m flytter) eller træk en sag hen på en medarbejder.",
    ),
    "help.keys": ("Keys", "Taster"),
    "help.close": ("Esc closes", "Esc lukker"),
    "detail.screen_title": ("Worker detail", "Medarbejderdetaljer"),
    "language.switched": ("Language: English", "Sprog: dansk"),
    "palette.placeholder": ("Search for commands…", "Søg efter kommandoer…"),
    "system.theme": ("Theme", "Farvetema"),
    "system.theme.help": ("Change the colour theme", "Skift farvetema"),
    "system.quit": ("Quit", "Afslut"),
    "system.quit.help": ("Quit planner", "Afslut planner"),
    # -- bindings: key.<id> is the short label, help.<id> the palette's line -----------
    "key.quit": ("Quit", "Afslut"),
    "help.quit": ("Quit planner", "Afslut planner"),
    "key.undo": ("Undo", "Fortryd"),
    "help.undo": ("Take back the last move", "Tag den seneste flytning tilbage"),
    "key.redo": ("Redo", "Gentag"),
    "help.redo": ("Do the undone move again", "Gentag den fortrudte flytning"),
    "key.changes": ("Changes", "Ændringer"),
    "help.changes": (
        "List the net moves against the loaded data; revert any one",
        "Vis flytningerne mod de indlæste data; send enhver tilbage",
    ),
    "key.help": ("Help", "Hjælp"),
    "help.help": ("Keys and symbols", "Taster og symboler"),
    "key.language": ("Dansk", "English"),
    "help.language": ("Switch the language to Danish", "Skift sproget til engelsk"),
    "key.palette": ("Commands", "Kommandoer"),
    "help.palette": ("Search every command", "Søg i alle kommandoer"),
    "key.mark": ("Mark", "Markér"),
    "help.mark": ("Mark or unmark the highlighted case", "Markér eller afmarkér den valgte sag"),
    "key.mark-down": ("Mark ↓", "Markér ↓"),
    "help.mark-down": ("Mark the case and go down", "Markér sagen og gå ned"),
    "key.mark-up": ("Mark ↑", "Markér ↑"),
    "help.mark-up": ("Mark the case and go up", "Markér sagen og gå op"),
    "key.mark-all": ("Mark all", "Markér alle"),
    "help.mark-all": (
        "Mark every case shown (after the filter)",
        "Markér alle viste sager (efter filteret)",
    ),
    "key.clear-marks": ("Unmark", "Afmarkér"),
    "help.clear-marks": ("Unmark all cases", "Afmarkér alle sager"),
    "key.move": ("Move", "Flyt"),
    "help.move": (
        "Move the marked or highlighted case(s): choose a worker, see the effect first",
        "Flyt de markerede eller den valgte sag: vælg medarbejder, se virkningen først",
    ),
    "key.filter": ("Filter", "Filtrér"),
    "help.filter": ("Filter the case list by id or tag", "Filtrér sagslisten på id eller mærke"),
    "key.sort": ("Sort", "Sortér"),
    "help.sort": (
        "Sort workers: loaded order → utilisation → name (after moves: sort again)",
        "Sortér medarbejdere: indlæst rækkefølge → udnyttelse → navn (efter flytninger: igen)",
    ),
    "key.sort-utilisation": ("Sort by utilisation", "Sortér efter udnyttelse"),
    "help.sort-utilisation": ("Most loaded first", "Mest belastede først"),
    "key.sort-name": ("Sort by name", "Sortér efter navn"),
    "help.sort-name": ("Alphabetical", "Alfabetisk"),
    "key.sort-order": ("Sort in loaded order", "Sortér i indlæst rækkefølge"),
    "help.sort-order": ("As in the teams file", "Som i teamfilen"),
    "key.group": ("Group", "Gruppér"),
    "help.group": ("Group workers by area, or not", "Gruppér medarbejdere efter område, eller ej"),
    "key.area": ("Area", "Område"),
    "help.area": ("Show one area at a time (cycles)", "Vis ét område ad gangen (skifter rundt)"),
    "key.detail": ("Detail", "Detaljer"),
    "help.detail": (
        "What makes up the worker's capacity, and what changes in 8 weeks",
        "Hvad medarbejderens kapacitet består af, og hvad der ændres de næste 8 uger",
    ),
    "key.chart": ("Chart", "Diagram"),
    "help.chart": (
        "The team's spread of utilisation, loaded and now",
        "Teamets spredning i udnyttelse, indlæst og nu",
    ),
    "key.fte": ("FTE/area", "Årsv./omr."),
    "help.fte": (
        "Show or hide FTE needed and there per area",
        "Vis eller skjul årsværk pr. område",
    ),
    "key.focus-workers": ("Go to workers", "Gå til medarbejdere"),
    "help.focus-workers": (
        "Put the cursor in the worker list (←)",
        "Sæt markøren i medarbejderlisten (←)",
    ),
    "key.focus-cases": ("Go to cases", "Gå til sager"),
    "help.focus-cases": ("Put the cursor in the case list (→)", "Sæt markøren i sagslisten (→)"),
    "key.workers.open": ("Open cases", "Åbn sager"),
    "help.workers.open": (
        "Go to the highlighted worker's cases",
        "Gå til den valgte medarbejders sager",
    ),
    "key.cancel": ("Cancel", "Annullér"),
    "key.choose": ("Move here", "Flyt hertil"),
    "key.reason": ("Reason", "Årsag"),
    "key.own-reason": ("Own reason", "Egen årsag"),
    "help.own-reason": (
        "Write the reason for this move yourself",
        "Skriv selv årsagen til flytningen",
    ),
    "reason.title": ("Reason for the move", "Årsag til flytningen"),
    "reason.placeholder": (
        "e.g. the citizen's wish (never a CPR number)",
        "fx borgerens ønske (aldrig et CPR-nummer)",
    ),
    "reason.hint": ("Enter uses it · Esc cancels", "Enter bruger den · Esc annullerer"),
    "reason.cpr": (
        "That looks like a CPR number ({masked}): planner never stores one. Write the reason without it.",
        "Det ligner et CPR-nummer ({masked}): planner gemmer aldrig et. Skriv årsagen uden.",
    ),
    "key.revert": ("Send back", "Send tilbage"),
    "key.close": ("Close", "Luk"),
    "key.yes": ("Yes", "Ja"),
    "key.no": ("No", "Nej"),
}


def tr(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` (da or en), with `values` filled in."""
    pair = TEXTS.get(key) or SHARED[key]
    english, danish = pair
    text = danish if lang == "da" else english
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in TEXTS or key in SHARED


def status_word(status: object, lang: str) -> str:
    return tr(f"status.{status}", lang)
