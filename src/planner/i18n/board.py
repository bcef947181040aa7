"""The board's words, in English and Danish, keyed by English ids (merged into the one
table of :mod:`planner.i18n`, which checks that no key is defined twice).

Binding descriptions live here too, under ``key.<binding id>`` (shown in the footer, the help
screen and the command palette) and ``help.<binding id>`` (the palette's longer line), so a
language switch at runtime changes every label at once. Shared words (status names, column
names) come from :mod:`planner.i18n` so the board and ``planner check`` say the same.
"""

from __future__ import annotations

# key: (english, danish)
TEXTS: dict[str, tuple[str, str]] = {
    # -- header ---------------------------------------------------------------------------
    "header.cases": ("{count} {count:case|cases}", "{count} {count:sag|sager}"),
    "header.unassigned": ("{count} unassigned", "{count} {count:ufordelt|ufordelte}"),
    "header.counts": (
        "▲ {over} over  ✓ {within} within  ▼ {under} under",
        "▲ {over} over  ✓ {within} inden for  ▼ {under} under",
    ),
    "header.counts_short": ("▲{over} ✓{within} ▼{under}", "▲{over} ✓{within} ▼{under}"),
    "header.away": ("  ○ {away} away", "  ○ {away} fraværende"),
    "header.away_short": (" ○{away}", " ○{away}"),
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
    "header.moves": ("{count} {count:move|moves}", "{count} {count:flytning|flytninger}"),
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
    "workers.away": ("away", "fraværende"),
    "workers.cover": ("away · cases need cover", "fraværende · sager skal dækkes"),
    "workers.cover_short": ("needs cover", "skal dækkes"),
    "workers.unassigned_cases": (
        "{count} {count:case|cases}, load {load}",
        "{count} {count:sag|sager}, sagstal {load}",
    ),
    "workers.group": (
        "{label} · FTE needed {needed} / effective {effective}{missing} · {workers}",
        "{label} · årsværk behov {needed} / reelt {effective}{missing} · {workers}",
    ),
    "workers.heads": ("{count} {count:worker|workers}", "{count} medarb."),
    "col.name": ("Name", "Navn"),
    "col.load_short": ("Load", "Sagst"),
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
    "drop.household": (" · with household (+{count})", " · med husstand (+{count})"),
    "drop.household_short": (" · +{count}", " · +{count}"),
    # -- case list ------------------------------------------------------------------------
    "cases.title": ("{name}: {count} {count:case|cases}", "{name}: {count} {count:sag|sager}"),
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
    # Whole in the case pane at 80 columns (about 30 characters): what to type, how to undo.
    "filter.placeholder": ("id or tag · Esc clears", "id eller mærke · Esc rydder"),
    # -- moving ---------------------------------------------------------------------------
    "move.nothing": ("No case is highlighted.", "Ingen sag er valgt."),
    "move.moved": (
        "Moved {count} {count:case|cases} to {to}.",
        "Flyttede {count} {count:sag|sager} til {to}.",
    ),
    "move.pinned": (
        "{cases} is pinned and stays with {holder}; nothing moved.",
        "{cases} er fastlåst og bliver hos {holder}; intet er flyttet.",
    ),
    "move.same": (
        "{to} already holds {count:the case|these cases}.",
        "{to} har allerede {count:sagen|sagerne}.",
    ),
    "move.refused": ("Not moved: {reason}", "Ikke flyttet: {reason}"),
    "move.read_only": (
        "Read-only: {reason} Nothing moved.",
        "Kun læsning: {reason} Intet er flyttet.",
    ),
    "move.read_only_default": ("this plan is open read-only.", "planen er åbnet skrivebeskyttet."),
    "move.cancelled": ("Move cancelled.", "Flytning annulleret."),
    "move.undone": (
        "Undid {count} {count:move|moves}.",
        "Fortrød {count} {count:flytning|flytninger}.",
    ),
    "move.redone": (
        "Redid {count} {count:move|moves}.",
        "Gentog {count} {count:flytning|flytninger}.",
    ),
    "move.nothing_to_undo": ("Nothing to undo.", "Intet at fortryde."),
    "move.nothing_to_redo": ("Nothing to redo.", "Intet at gentage."),
    "move.reverted": ("{case} is back with {holder}.", "{case} er tilbage hos {holder}."),
    "confirm.area.title": ("Another area", "Andet område"),
    "confirm.area.body": (
        "{cases}: {count:the case belongs|the cases belong} to {area}, but {to} works in {to_area}. Move anyway?",
        "{cases}: {count:sagen hører|sagerne hører} til {area}, men {to} arbejder med {to_area}. Flyt alligevel?",
    ),
    "confirm.yes": ("Yes, move", "Ja, flyt"),
    "confirm.no": ("No", "Nej"),
    "household.title": ("Household {household}", "Husstand {household}"),
    "household.body": (
        "{case} belongs to household {household}: {members}. Move the whole household to {to}?",
        "{case} hører til husstand {household}: {members}. Flyt hele husstanden til {to}?",
    ),
    "household.pinned_note": (
        " ({cases}: pinned, {count:stays|stay} where {count:it is|they are})",
        " ({cases}: fastlåst, bliver hvor {count:den|de} er)",
    ),
    "household.all": ("Whole household ({count})", "Hele husstanden ({count})"),
    "household.one": ("Only the marked", "Kun de markerede"),
    "household.cancel": ("Cancel", "Annullér"),
    # -- picker ---------------------------------------------------------------------------
    "picker.title": (
        "Move {count} {count:case|cases} to …",
        "Flyt {count} {count:sag|sager} til …",
    ),
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
    "picker.household": (
        " (with household {household}: +{count})",
        " (med husstand {household}: +{count})",
    ),
    "picker.effect": (
        "{name}: {before} → {after} {symbol} {status}",
        "{name}: {before} → {after} {symbol} {status}",
    ),
    "picker.range_switch": (
        "range {before} → {after} ({variant})",
        "interval {before} → {after} ({variant})",
    ),
    "picker.hint": ("↑↓ choose · Enter move · Esc cancel", "↑↓ vælg · Enter flyt · Esc annullér"),
    # -- changes --------------------------------------------------------------------------
    "changes.title": (
        "Changes against the loaded data: {count} {count:case|cases} moved",
        "Ændringer mod de indlæste data: {count} {count:sag|sager} flyttet",
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
    "col.from.short": ("From", "Fra"),
    "col.to.short": ("To", "Til"),
    "col.before_now": ("(before → now)", "(før → nu)"),
    "revert.body": (
        "{case} belongs to household {household}, and {members} moved too. Send the whole "
        "household back?",
        "{case} hører til husstand {household}, og {members} er også flyttet. Skal hele "
        "husstanden sendes tilbage?",
    ),
    "revert.member": ("{case} (now with {holder})", "{case} (nu hos {holder})"),
    "revert.one": ("Only {case}", "Kun {case}"),
    "revert.household_done": (
        "{count} {count:case|cases} of household {household} {count:is|are} back with {holder}.",
        "{count} {count:sag|sager} fra husstand {household} er tilbage hos {holder}.",
    ),
    "revert.household_done_apart": (
        "{count} {count:case|cases} of household {household} {count:is|are} back where they were loaded.",
        "{count} {count:sag|sager} fra husstand {household} er tilbage, hvor de lå ved indlæsningen.",
    ),
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
        "= kapacitet {range}, sagstal {load} {symbol} {status}",
    ),
    "detail.ahead": ("Next 8 weeks:", "De næste 8 uger:"),
    "detail.no_changes": (
        "No capacity change in the next 8 weeks.",
        "Ingen ændring af kapaciteten de næste 8 uger.",
    ),
    "detail.change": (
        "{date}: {what}{kind}: max {before} → {after} ({symbol} {status} at today's load)",
        "{date}: {what}{kind}: maks {before} → {after} ({symbol} {status} ved dagens sagstal)",
    ),
    "detail.ends": ("ends", "slutter"),
    "detail.starts": ("starts", "begynder"),
    "detail.unassigned": (
        "Unassigned cases have no capacity; move them to a worker.",
        "Ufordelte sager har ingen kapacitet; flyt dem til en medarbejder.",
    ),
    "factor.hours": ("hours {label}", "timer {label}"),
    "factor.new_hire": ("new hire", "nyansat"),
    "factor.not_started": ("not started yet", "ikke startet endnu"),
    "factor.left": ("has left", "er fratrådt"),
    "detail.from": (" from {date}", " fra {date}"),
    "detail.away": ("= away: no capacity on this date", "= fraværende: ingen kapacitet denne dag"),
    "detail.away_cover": (
        "= away: no capacity; {count} {count:case|cases}, load {load}, {count:needs|need} cover",
        "= fraværende: ingen kapacitet; {count} {count:sag|sager}, sagstal {load}, skal dækkes",
    ),
    "change.new_hire": ("new hire", "nyansat"),
    "change.arrival": ("first working day", "første arbejdsdag"),
    "change.departure": ("has left", "fratrådt"),
    # -- chart ----------------------------------------------------------------------------
    "chart.title": (
        "Utilisation (load / top of range)",
        "Udnyttelse (sagstal / top af interval)",
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
        "intervallet som ░ og sagstallet som █ (» ud over skalaen); samme kolonne er 100 % "
        "på hver række.\n↑↓ flytter markøren, ←→ eller Enter skifter liste. Flyt sager med "
        "tasterne (mellemrum markerer, m flytter) eller træk en sag hen på en medarbejder.",
    ),
    "help.keys": ("Keys", "Taster"),
    "help.everywhere": ("Everywhere", "Overalt"),
    "help.close": ("Esc closes", "Esc lukker"),
    "detail.screen_title": ("Worker detail", "Medarbejderdetaljer"),
    "language.switched": ("Language: English", "Sprog: dansk"),
    "palette.placeholder": ("Search for commands…", "Søg efter kommandoer…"),
    "system.theme": ("Theme", "Farvetema"),
    "system.theme.help": ("Change the colour theme", "Skift farvetema"),
    "system.quit": ("Quit", "Afslut"),
    "system.quit.help": ("Quit planner", "Afslut planner"),
    # -- palette: search.<id> are more words that find a command (both languages count) --
    "search.move": ("transfer reassign hand over", "overdrag giv videre"),
    "search.mark": ("select choose", "vælg"),
    "search.filter": ("search find", "søg find"),
    "search.undo": ("take back", "tilbage"),
    "search.redo": ("again", "igen"),
    "search.changes": ("moves plan list revert send back", "flytninger plan liste tilbage"),
    "search.balance": (
        "balance rebalance distribute even out fewest moves solver",
        "fordel fordeling omfordeling udlign sagstalsudligning balance",
    ),
    "search.save": ("plan file write", "plan fil"),
    "search.help": ("keys shortcuts symbols", "taster genveje symboler"),
    "search.language": ("danish english", "dansk engelsk sprog"),
    "search.detail": ("capacity factors range", "kapacitet faktorer interval"),
    "search.chart": ("histogram utilisation spread", "histogram udnyttelse spredning"),
    "search.fte": ("staffing headcount", "normering bemanding"),
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
        "Move the marked or highlighted cases: choose a worker, see the effect first",
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
    "key.forecast": ("Weeks", "Uger"),
    "help.forecast": (
        "The coming weeks: capacity, load and FTE missing per area, with what-if events",
        "De kommende uger: kapacitet, sagstal og manglende årsværk pr. område, med hændelser",
    ),
    "help.forecast_section": ("The coming weeks (w)", "De kommende uger (w)"),
    "key.forecast.earlier": ("Earlier", "Tidligere"),
    "help.forecast.earlier": ("Show earlier weeks (←)", "Vis tidligere uger (←)"),
    "key.forecast.later": ("Later", "Senere"),
    "help.forecast.later": ("Show later weeks (→)", "Vis senere uger (→)"),
    "key.forecast.close": ("Board", "Tavle"),
    "help.forecast.close": ("Back to the board", "Tilbage til tavlen"),
    "key.forecast.focus": ("Grid/events", "Uger/hændelser"),
    "key.events.add": ("Add event", "Tilføj hændelse"),
    "help.events.add": (
        "Add a what-if event: absence, departure, new colleague or intake",
        "Tilføj en hændelse: fravær, fratrædelse, ny kollega eller tilgang",
    ),
    "key.events.edit": ("Edit", "Ret"),
    "help.events.edit": ("Edit the highlighted event", "Ret den valgte hændelse"),
    "key.events.remove": ("Remove", "Fjern"),
    "help.events.remove": ("Remove the highlighted event", "Fjern den valgte hændelse"),
    # -- the forecast view and its what-if events -----------------------------------------
    # A plural choice may hold the number itself: "The coming week", "The coming 26 weeks".
    "forecast.screen_title": (
        "The coming {weeks:week|{weeks} weeks} from {date} · a projection, not a plan · ← → weeks",
        "{weeks:Den kommende uge|De kommende {weeks} uger} fra {date} · en fremskrivning, ikke en "
        "plan · ← → uger",
    ),
    "events.title": (
        "What-if events in the plan ({count}) · a add · e edit · x remove",
        "Hændelser i planen ({count}) · a tilføj · e ret · x fjern",
    ),
    "events.title_none": (
        "No what-if events yet · a adds one (absence, departure, new colleague, intake)",
        "Ingen hændelser endnu · a tilføjer en (fravær, fratrædelse, ny kollega, tilgang)",
    ),
    "events.absence_line": (
        "Absence · {name} · from {start}{until} · {factor}{reason}",
        "Fravær · {name} · fra {start}{until} · {factor}{reason}",
    ),
    "events.until": (" until {date}", " til og med {date}"),
    "events.away": ("away", "fraværende"),
    "events.factor": ("at factor {factor}", "med faktor {factor}"),
    "events.departure_line": (
        "Departure · {name} · last working day {date}",
        "Fratrædelse · {name} · sidste arbejdsdag {date}",
    ),
    "events.arrival_line": (
        "New colleague · {name} ({id}) · {area} · {hours} {hours_n:hour|hours} · from {date}",
        "Ny kollega · {name} ({id}) · {area} · {hours} {hours_n:time|timer} · fra {date}",
    ),
    "events.intake_line": (
        "Intake · {area} · {per_week} new cases a week{start}",
        "Tilgang · {area} · {per_week} nye sager om ugen{start}",
    ),
    "events.from": (" from {date}", " fra {date}"),
    "events.kind_title": ("Add a what-if event", "Tilføj en hændelse"),
    "events.kind_body": (
        "Which kind? It applies in this plan only; the team's files are not changed.",
        "Hvilken slags? Den gælder kun i denne plan; teamets filer ændres ikke.",
    ),
    "events.kind.absence": ("Absence", "Fravær"),
    "events.kind.departure": ("Departure", "Fratrædelse"),
    "events.kind.arrival": ("New colleague", "Ny kollega"),
    "events.kind.intake": ("Intake", "Tilgang"),
    "events.add_title": ("Add: {kind}", "Tilføj: {kind}"),
    "events.edit_title": ("Edit: {kind}", "Ret: {kind}"),
    "events.field.worker": ("Worker", "Medarbejder"),
    "events.field.from": ("From (YYYY-MM-DD)", "Fra (ÅÅÅÅ-MM-DD)"),
    "events.field.until": ("Until, inclusive (optional)", "Til og med (valgfri)"),
    "events.field.factor": (
        "Factor (0 = away; 0.5 = half capacity)",
        "Faktor (0 = fraværende; 0,5 = halv kapacitet)",
    ),
    "events.field.reason": ("Reason (optional)", "Årsag (valgfri)"),
    "events.field.date": ("Date (YYYY-MM-DD)", "Dato (ÅÅÅÅ-MM-DD)"),
    "events.field.name": ("Name", "Navn"),
    "events.field.area": ("Area", "Område"),
    "events.field.hours": ("Hours a week", "Timer om ugen"),
    "events.field.per_week": ("New cases a week", "Nye sager om ugen"),
    "events.hint.worker": ("a new id, e.g. nk", "et nyt id, fx nk"),
    "events.hint.from": ("e.g. 2027-03-01", "fx 2027-03-01"),
    "events.hint.until": ("empty: open-ended", "tom: uden slutdato"),
    "events.hint.factor": ("0", "0"),
    "events.hint.reason": ("e.g. Barsel (never a CPR number)", "fx Barsel (aldrig et CPR-nummer)"),
    "events.hint.date": ("e.g. 2027-02-01", "fx 2027-02-01"),
    "events.hint.name": ("e.g. Ny kollega", "fx Ny kollega"),
    "events.hint.hours": ("37", "37"),
    "events.hint.per_week": ("e.g. 6", "fx 6"),
    "events.form_hint": (
        "Enter keeps it · Tab next field · Esc cancels",
        "Enter gemmer den · Tab næste felt · Esc annullerer",
    ),
    "events.keep": ("Keep", "Behold"),
    "events.cancel": ("Cancel", "Annullér"),
    "events.error.date": (
        "{field}: write a date as YYYY-MM-DD, e.g. 2027-03-01.",
        "{field}: skriv en dato som ÅÅÅÅ-MM-DD, fx 2027-03-01.",
    ),
    "events.error.number": (
        "{field}: write a number, e.g. 0 or 0.5.",
        "{field}: skriv et tal, fx 0 eller 0,5.",
    ),
    "events.error.range": (
        "{field}: must be from {low} to {high}.",
        "{field}: skal være fra {low} til {high}.",
    ),
    "events.error.above": (
        "{field}: must be above {low} and at most {high}.",
        "{field}: skal være over {low} og højst {high}.",
    ),
    "events.error.empty": ("{field}: may not be empty.", "{field}: må ikke være tom."),
    "events.error.cpr": (
        "{field}: looks like a CPR number ({masked}); planner never stores one.",
        "{field}: ligner et CPR-nummer ({masked}); planner gemmer aldrig et.",
    ),
    "events.error.until": (
        "'Until' is before 'from': give a later date, or leave it empty.",
        "'Til og med' er før 'fra': angiv en senere dato, eller lad feltet være tomt.",
    ),
    "events.issue.unknown_worker": (
        "Worker '{value}' is not in the team.",
        "Medarbejderen '{value}' er ikke i teamet.",
    ),
    "events.issue.unknown_area": (
        "Area '{value}' is not in the norm set.",
        "Området '{value}' findes ikke i normsættet.",
    ),
    "events.issue.worker_exists": (
        "The id '{value}' is taken: give the new colleague an id of their own.",
        "Id'et '{value}' er optaget: giv den nye kollega sit eget id.",
    ),
    "events.issue.capacity_low": (
        "That leaves '{value}' a capacity too small to plan with: for someone away use factor "
        "0; else a larger factor or more hours.",
        "Så får '{value}' en kapacitet, der er for lille at planlægge med: brug faktor 0 for "
        "en, der er væk, ellers en større faktor eller flere timer.",
    ),
    "events.issue.capacity_high": (
        "That gives '{value}' a capacity larger than any team has: check the factor and hours.",
        "Så får '{value}' en kapacitet, der er større end noget team har: tjek faktor og timer.",
    ),
    "events.issue.leaves_before_start": (
        "'{value}' would leave before starting: give a later date.",
        "'{value}' ville fratræde før sin første dag: angiv en senere dato.",
    ),
    "events.added": ("Added: {event}", "Tilføjet: {event}"),
    "events.changed": ("Changed: {event}", "Rettet: {event}"),
    "events.removed": ("Removed: {event}", "Fjernet: {event}"),
    "events.undone": (
        "Undid the last change to the what-if events.",
        "Fortrød den seneste ændring af hændelserne.",
    ),
    "events.redone": (
        "Redid the change to the what-if events.",
        "Gentog ændringen af hændelserne.",
    ),
    "events.none_selected": (
        "No event to choose yet: a adds one.",
        "Ingen hændelse at vælge endnu: a tilføjer en.",
    ),
    "events.read_only": (
        "Read-only: {reason} The what-if events are unchanged.",
        "Kun læsning: {reason} Hændelserne er uændrede.",
    ),
    "header.events": (
        "{count} what-if {count:event|events}",
        "{count} {count:hændelse|hændelser}",
    ),
    "header.events_today": (
        "{count} what-if {count:event|events} ({today} in force today, in w only)",
        "{count} {count:hændelse|hændelser} ({today} gælder i dag, kun i w)",
    ),
    "events.in_force_note": (
        "{count} of the plan's what-if events {count:is|are} in force on {date}. The board "
        "shows the team as its files have it; the weeks (w) apply the events, so week 0 "
        "there differs from the figures here.",
        "{count} af planens hændelser gælder {date}. Tavlen viser teamet, som filerne har "
        "det; ugerne (w) regner med hændelserne, så uge 0 dér afviger fra tallene her.",
    ),
    "key.revert": ("Send back", "Send tilbage"),
    "key.close": ("Close", "Luk"),
    "key.yes": ("Yes", "Ja"),
    "key.no": ("No", "Nej"),
    # -- plans: save, restore, read-only (ui/planning.py) -----------------------------------
    "key.save": ("Save", "Gem"),
    "help.save": (
        "Save the plan to a file, with a note (ctrl+s)",
        "Gem planen i en fil, med en note (ctrl+s)",
    ),
    "save.title": ("Save plan", "Gem plan"),
    "save.summary": (
        "{count} {count:move|moves} in the plan.",
        "{count} {count:flytning|flytninger} i planen.",
    ),
    "save.note": (
        "Note (optional; never a CPR number)",
        "Note (valgfri; aldrig et CPR-nummer)",
    ),
    "save.file": ("File", "Fil"),
    "save.where.installed": (
        "The team's files are part of the installed program, so plans are saved in your "
        "own folder: {folder}",
        "Teamets filer hører til det installerede program, så planer gemmes i din egen "
        "mappe: {folder}",
    ),
    "save.where.read_only": (
        "The team's folder cannot be written to, so plans are saved in your own folder: {folder}",
        "Der kan ikke skrives i teamets mappe, så planer gemmes i din egen mappe: {folder}",
    ),
    "save.button": ("Save", "Gem"),
    "save.cancel": ("Cancel", "Annullér"),
    "save.hint": (
        "Enter saves · Tab next field · Esc cancels",
        "Enter gemmer · Tab næste felt · Esc annullerer",
    ),
    "save.path_cpr": (
        "file name: holds what looks like a CPR number ({masked}). Choose another name: "
        "planner must never store CPR numbers.",
        "filnavn: indeholder noget, der ligner et CPR-nummer ({masked}). Vælg et andet navn: "
        "planner må aldrig gemme CPR-numre.",
    ),
    "save.done": ("Plan saved: {path}", "Planen er gemt: {path}"),
    "save.read_only": (
        "Read-only: nothing can be saved in this session ({reason})",
        "Kun læsning: intet kan gemmes i denne session ({reason})",
    ),
    "quit.title": ("Unsaved changes", "Ændringer er ikke gemt"),
    "quit.body": (
        "The plan on the board is not saved ({count} {count:case|cases} moved). Save it before you quit?",
        "Planen på skærmen er ikke gemt ({count} {count:sag|sager} flyttet). Vil du gemme den, før du "
        "afslutter?",
    ),
    "quit.save": ("Save…", "Gem…"),
    "quit.discard": ("Quit without saving", "Afslut uden at gemme"),
    "quit.cancel": ("Cancel", "Annullér"),
    "restore.title": ("Unsaved work found", "Ikke-gemt arbejde fundet"),
    "restore.body": (
        "A session of {user} ended without saving (last step {when}): {steps} {steps:step|steps}, "
        "{moves} {moves:case|cases} away from where {moves:it|they} started{plan}{note}. Restore it?",
        "En session for {user} sluttede uden at gemme (sidste skridt {when}): {steps} "
        "skridt, {moves} {moves:sag|sager} flyttet fra {moves:sin|deres} oprindelige medarbejder{plan}{note}. Vil du "
        "gendanne den?",
    ),
    "restore.plan": (", in plan {path}", ", i planen {path}"),
    "restore.note": (", and a changed note", ", og en ændret note"),
    "restore.restore": ("Restore", "Gendan"),
    "restore.discard": ("Discard…", "Kassér…"),
    "restore.later": ("Quit, keep it for later", "Afslut, gem til senere"),
    "restore.confirm_title": ("Discard unsaved work?", "Kassér ikke-gemt arbejde?"),
    "restore.confirm_body": (
        "The {steps} unsaved {steps:step|steps} will be gone for good.",
        "De {steps} ikke-gemte skridt forsvinder for altid.",
    ),
    "restore.done": (
        "Restored {steps} {steps:step|steps}: {moves} {moves:case|cases} moved.",
        "Gendannede {steps} skridt: {moves} {moves:sag|sager} flyttet.",
    ),
    "restore.damaged": (
        " Line {line} of the journal is damaged: the steps before it can be restored, the "
        "lines from there on cannot. The whole journal is kept as {path}.",
        " Linje {line} i journalen er beskadiget: skridtene før den kan gendannes, linjerne "
        "derfra kan ikke. Hele journalen er gemt som {path}.",
    ),
    "restore.damaged_done": (
        " Line {line} of the journal was damaged; the whole journal is kept as {path}.",
        " Linje {line} i journalen var beskadiget; hele journalen er gemt som {path}.",
    ),
    "restore.journal_failed": (
        "Restored, but the journal could not be written ({reason}). The earlier journal is "
        "kept as it was, so nothing is lost; planner tries again at the next step. Save the "
        "plan (ctrl+s) as soon as you can.",
        "Gendannet, men journalen kunne ikke skrives ({reason}). Den tidligere journal er "
        "bevaret, som den var, så intet er tabt; planner prøver igen ved næste skridt. Gem "
        "planen (ctrl+s), så snart du kan.",
    ),
    "restore.discard_failed": (
        "The unsaved work could not be deleted ({reason}); it will be offered again at the "
        "next start.",
        "Det ikke-gemte arbejde kunne ikke slettes ({reason}); det bliver tilbudt igen ved "
        "næste start.",
    ),
    "aside.title": ("Damaged journal kept aside", "Beskadiget journal lagt til side"),
    "aside.body": (
        "The journal of an earlier session could not be read: {fault}. It was not deleted; "
        "it is kept as {path}.\n\n{held}\n\nplanner has started afresh.",
        "Journalen fra en tidligere session kunne ikke læses: {fault}. Den er ikke slettet; "
        "den er gemt som {path}.\n\n{held}\n\nplanner er startet forfra.",
    ),
    "aside.held": (
        "As far as it can be read it holds: team {team}, user {user}, started {started}"
        "{plan}; steps: {steps}, moves: {moves}{note}.",
        "Så vidt den kan læses, indeholder den: team {team}, bruger {user}, startet "
        "{started}{plan}; skridt: {steps}, flytninger: {moves}{note}.",
    ),
    "aside.plan": (", plan {path}", ", plan {path}"),
    "aside.note": (", a changed note", ", en ændret note"),
    "aside.unknown": ("?", "?"),
    "fault.empty": ("it is empty", "den er tom"),
    "fault.cut_off": ("its first line is cut off", "dens første linje er afbrudt"),
    "fault.not_json": ("its first line is damaged", "dens første linje er beskadiget"),
    "fault.version": (
        "it was written by another version of planner (format {detail})",
        "den er skrevet af en anden version af planner (format {detail})",
    ),
    "fault.unknown_key": (
        "its first line has an unknown key '{detail}'",
        "dens første linje har en ukendt nøgle '{detail}'",
    ),
    "fault.missing_key": (
        "its first line lacks '{detail}'",
        "dens første linje mangler '{detail}'",
    ),
    "fault.bad_value": (
        "'{detail}' in its first line has a wrong value",
        "'{detail}' i dens første linje har en forkert værdi",
    ),
    "fault.bad_date": (
        "'{detail}' in its first line is not a date",
        "'{detail}' i dens første linje er ikke en dato",
    ),
    "fault.damaged_line": (
        "its line {detail} is damaged, before any step that could be restored",
        "dens linje {detail} er beskadiget, før noget skridt, der kunne gendannes",
    ),
    "io.full": ("the disk is full", "disken er fuld"),
    "io.quota": ("your disk quota is used up", "din diskkvote er brugt op"),
    "io.denied": ("permission denied", "adgang nægtet"),
    "io.read_only": ("the file system is read-only", "filsystemet er skrivebeskyttet"),
    "journal.ok": (
        "The journal is up to date again: every move is safe from a crash.",
        "Journalen er opdateret igen: alle flytninger er sikret mod et nedbrud.",
    ),
    "save.journal_failed": (
        "Plan saved: {path}. The journal could not be cleared ({reason}); planner tries "
        "again at the next step.",
        "Planen er gemt: {path}. Journalen kunne ikke ryddes ({reason}); planner prøver "
        "igen ved næste skridt.",
    ),
    "restore.discarded": ("Unsaved work discarded.", "Ikke-gemt arbejde kasseret."),
    "restore.dropped_events": (
        "{count} what-if {count:event|events} no longer {count:fits|fit} the team (a worker or area is gone) and {count:was|were} left out.",
        "{count} {count:hændelse|hændelser} passer ikke længere til teamet (en medarbejder eller et område er væk) og er udeladt.",
    ),
    "save.events": (
        "{count} what-if {count:event|events} in the plan (saved as format 2).",
        "{count} {count:hændelse|hændelser} i planen (gemmes som format 2).",
    ),
    "lock.title": ("Team in use", "Teamet er i brug"),
    "lock.body": (
        "{team} is open in another planner session: {holder}. You can look at it read-only "
        "(no moves, no saving), or quit and try later.",
        "{team} er åbent i en anden planner-session: {holder}. Du kan se det skrivebeskyttet "
        "(ingen flytninger, intet gemmes), eller afslutte og prøve senere.",
    ),
    "lock.read_only": ("Open read-only", "Åbn skrivebeskyttet"),
    "lock.quit": ("Quit", "Afslut"),
    "lock.reason": (
        "the team is open in another session ({holder}).",
        "teamet er åbent i en anden session ({holder}).",
    ),
    "lock.taken_over": (
        "A session that ended unexpectedly ({holder}) held the team; it is yours now.",
        "En session, der sluttede uventet ({holder}), havde teamet; det er dit nu.",
    ),
    "leftovers.title": (
        "{count} {count:move|moves} of the plan not applied",
        "{count} {count:flytning|flytninger} i planen ikke gennemført",
    ),
    "leftovers.intro": (
        "The cases have changed since the plan was made. {applied} {applied:move|moves} applied; "
        "these were not:",
        "Sagerne er ændret, siden planen blev lavet. {applied} {applied:flytning|flytninger} gennemført; "
        "disse blev ikke:",
    ),
    "leftovers.outro": (
        "Saving writes the plan as it is on the board now.",
        "Når du gemmer, skrives planen, som den står på skærmen nu.",
    ),
    "journal.failed": (
        "The journal could not be written ({error}). Every move is on the board and nothing "
        "is lost, but the last step is not yet safe from a crash: planner writes the journal "
        "again at the next step. Save the plan (ctrl+s) as soon as you can.",
        "Journalen kunne ikke skrives ({error}). Alle flytninger står på skærmen, og intet "
        "er tabt, men det sidste skridt er endnu ikke sikret mod et nedbrud: planner skriver "
        "journalen igen ved næste skridt. Gem planen (ctrl+s), så snart du kan.",
    ),
    # -- the suggestion dialog (ui/screens/balance.py) ----------------------------------
    "key.balance": ("Suggest", "Forslag"),
    "help.balance": (
        "Suggest the fairest plan, with the fewest moves that reach it",
        "Foreslå den mest retfærdige plan med de færreste flytninger",
    ),
    "key.balance.toggle": ("Choose", "Vælg"),
    "help.balance.toggle": (
        "Choose or drop the highlighted move (a household's moves go together)",
        "Vælg eller fravælg den markerede flytning (en husstands flytninger følges ad)",
    ),
    "key.balance.accept": ("Accept chosen", "Godkend valgte"),
    "key.balance.accept-all": ("Accept all", "Godkend alle"),
    "key.balance.dismiss": ("Dismiss", "Afvis"),
    "key.balance.cancel": ("Cancel", "Annullér"),
    "key.balance.tradeoff": ("Trade-off", "Afvejning"),
    "help.balance.tradeoff": (
        "To the trade-off table: the highlighted row is the plan shown",
        "Til afvejningen: den markerede række er planen, der vises",
    ),
    "balance.title": ("Suggested rebalancing", "Forslag til omfordeling"),
    "balance.working": (
        "Looking for the fairest plan …",
        "Leder efter den mest retfærdige plan …",
    ),
    "balance.stage.start": ("starting", "starter"),
    "balance.stage.greedy": (
        "a first plan by hand's rules",
        "en første plan efter tommelfingerregler",
    ),
    "balance.stage.protected": ("new hires within their max", "nyansatte inden for deres maks"),
    "balance.stage.team_peak": ("the team's highest utilisation", "teamets højeste udnyttelse"),
    "balance.stage.peak": ("the lowest peak per area", "den laveste top i hvert område"),
    "balance.stage.overflow": ("how much can fit", "hvor meget der kan være"),
    "balance.stage.moves": ("proving the fewest moves", "beviser det færreste antal flytninger"),
    "balance.stage.weight": ("least weight moved", "mindst vægt flyttet"),
    "balance.stage.verify": ("checking with the rules", "kontrollerer med reglerne"),
    "balance.stage.cancelling": ("cancelling …", "annullerer …"),
    "balance.elapsed": ("{stage} · {seconds} s", "{stage} · {seconds} s"),
    "balance.cancel_hint": (
        "The board stays as it is. Esc cancels.",
        "Tavlen forbliver som den er. Esc annullerer.",
    ),
    "balance.fte": (
        "{area}: {fte} FTE missing (needed {needed}, effective {effective})",
        "{area}: mangler {fte} årsværk (behov {needed}, reelt {effective})",
    ),
    "balance.unplaced": (
        "{area}: {count} {count:case stays|cases stay} unassigned (no worker of the area)",
        "{area}: {count} {count:sag forbliver ufordelt|sager forbliver ufordelte} (ingen medarbejder i området)",
    ),
    "balance.close_hint": ("Esc closes.", "Esc lukker."),
    "balance.chosen": (
        "{chosen} of {count} chosen · tab: next table",
        "{chosen} af {count} valgt · tab: næste tabel",
    ),
    "balance.col.from": ("From", "Fra"),
    "balance.col.to": ("To", "Til"),
    "balance.col.before": ("Before", "Før"),
    "balance.col.after": ("After (chosen)", "Efter (valgte)"),
    "balance.tradeoff.title": (
        "Trade-off (t): moves between workers against the highest utilisation",
        "Afvejning (t): flytninger mellem medarbejdere over for den højeste udnyttelse",
    ),
    "balance.col.budget": ("Moves", "Flytninger"),
    "balance.col.peak": ("Highest util.", "Højeste udnyt."),
    "balance.col.outside": ("Outside ranges", "Uden for interval"),
    "balance.budget_row": ("at most {count}", "højst {count}"),
    "balance.optimum_row": ("{count} (the fairest)", "{count} (mest retfærdig)"),
    "balance.working_row": ("…", "…"),
    "balance.applied": (
        "Applied {count} suggested {count:move|moves}; ctrl+z takes {count:it|them} back.",
        "Gennemførte {count} {count:foreslået flytning|foreslåede flytninger}; ctrl+z tager {count:den|dem} tilbage.",
    ),
    "balance.stale": (
        "{count} suggested {count:move|moves} skipped: {count:that case|those cases} moved meanwhile.",
        "{count} {count:foreslået flytning|foreslåede flytninger} sprunget over: {count:sagen|sagerne} er flyttet imens.",
    ),
    "balance.failed": ("The suggestion failed: {error}", "Forslaget mislykkedes: {error}"),
    "balance.cancelled": ("Suggestion cancelled.", "Forslaget er annulleret."),
    # -- moves the rules refuse (core/moves.MoveRefused) ----------------------------------
    "refused.unknown_case": ("unknown case '{case}'", "ukendt sag '{case}'"),
    "refused.unknown_worker": ("unknown worker '{worker}'", "ukendt medarbejder '{worker}'"),
    "refused.pinned": ("case '{case}' is pinned", "sag '{case}' er fastlåst"),
    "refused.already_there": (
        "case '{case}' is already there",
        "sag '{case}' ligger der allerede",
    ),
    "refused.elsewhere": (
        "case '{case}' is with '{holder}', not '{expected}'",
        "sag '{case}' ligger hos '{holder}', ikke '{expected}'",
    ),
}
