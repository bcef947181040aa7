"""Texts of the command line (planner.cli): tables, summaries, banners, refusals and the
comments `planner init` writes into a teams.toml. Keys and values, no logic: merged into
planner.i18n's table. argparse's --help stays English.
"""

from __future__ import annotations

# key: (english, danish)
TEXTS: dict[str, tuple[str, str]] = {
    # -- shared by the commands (planner.cli.common, cli.check) -----------------------------
    "check.summary": (
        "{cases} {cases:case|cases}, {unassigned} unassigned; total load {load}, capacity "
        "{capacity}; {counts}",
        "{cases} {cases:sag|sager}, {unassigned} {unassigned:ufordelt|ufordelte}; samlet sagstal "
        "{load}, kapacitet {capacity}; {counts}",
    ),
    "common.change": ("{before} -> {after}", "{before} -> {after}"),
    # -- planner plan show|export (planner.cli.plan) ---------------------------------------
    "plan.case": ("Case", "Sag"),
    "plan.from": ("From", "Fra"),
    "plan.to": ("To", "Til"),
    "plan.from_id": ("From (id)", "Fra (id)"),
    "plan.to_id": ("To (id)", "Til (id)"),
    "plan.reason": ("Reason", "Begrundelse"),
    "plan.before": ("Before", "Før"),
    "plan.after": ("After", "Efter"),
    "plan.from_before": ("From: utilisation before", "Fra: udnyttelse før"),
    "plan.from_after": ("From: utilisation after", "Fra: udnyttelse efter"),
    "plan.to_before": ("To: utilisation before", "Til: udnyttelse før"),
    "plan.to_after": ("To: utilisation after", "Til: udnyttelse efter"),
    "plan.plan": ("Plan", "Plan"),
    "plan.created": ("created {created} by {author}", "oprettet {created} af {author}"),
    "plan.note": ("Note", "Note"),
    "plan.moves": ("{count} {count:move|moves}", "{count} {count:flytning|flytninger}"),
    "plan.workers": (
        "Utilisation of the workers the plan touches",
        "Udnyttelse for de medarbejdere, planen berører",
    ),
    "plan.unassigned_count": (
        "Unassigned cases: {before} -> {after}",
        "Ufordelte sager: {before} -> {after}",
    ),
    "plan.leftovers": (
        "{count} {count:move|moves} not applied (the cases have changed since the plan was made):",
        "{count} {count:flytning|flytninger} ikke gennemført (sagerne er ændret, siden planen "
        "blev lavet):",
    ),
    "plan.no_moves": ("The plan has no moves.", "Planen har ingen flytninger."),
    "plan.written": ("Written: {path}", "Skrevet: {path}"),
    "plan.date": ("figures for {date}", "tal pr. {date}"),
    "plan.status": ("{utilisation} ({status})", "{utilisation} ({status})"),
    "plan.team_mismatch": (
        "is a plan for team '{plan}', but --team says '{team}'",
        "er en plan for teamet '{plan}', men --team siger '{team}'",
    ),
    "plan.team_mismatch.todo": (
        "Leave out --team: the plan names its team.",
        "Udelad --team: planen angiver selv sit team.",
    ),
    "plan.move_unfit": ("does not fit the cases: {reason}", "passer ikke til sagerne: {reason}"),
    "plan.move_unfit.todo": (
        "Remove the move, or open the plan with --reconcile to apply the others.",
        "Fjern flytningen, eller åbn planen med --reconcile for at gennemføre de andre.",
    ),
    # -- planner serve (planner.cli.serve, cli.serve_access) -------------------------------
    "serve.missing": (
        "planner serve needs textual-serve, an optional part of planner. Install it into "
        "planner's Python environment:\n"
        "  {pip} install textual-serve     (or, in planner's folder: pip install -e '.[serve]')",
        "planner serve kræver textual-serve, en valgfri del af planner. Installér det i "
        "planners Python-miljø:\n"
        "  {pip} install textual-serve     (eller, i planners mappe: pip install -e '.[serve]')",
    ),
    "serve.port": (
        "planner serve: --port {port} is not a port: use a number from 1 to 65535.",
        "planner serve: --port {port} er ikke en port: brug et tal fra 1 til 65535.",
    ),
    "serve.in_use": (
        "planner serve: port {port} on {host} is already in use. Choose another with --port.",
        "planner serve: port {port} på {host} er allerede i brug. Vælg en anden med --port.",
    ),
    "serve.denied": (
        "planner serve: may not listen on {host} port {port} ({reason}). Use a port above "
        "1024, e.g. --port 8000.",
        "planner serve: må ikke lytte på {host} port {port} ({reason}). Brug en port over "
        "1024, fx --port 8000.",
    ),
    "serve.bad_host": (
        "planner serve: cannot listen on --host {host} ({reason}). The default, 127.0.0.1, "
        "is the safe choice.",
        "planner serve: kan ikke lytte på --host {host} ({reason}). Standardværdien, "
        "127.0.0.1, er det sikre valg.",
    ),
    "serve.serving": (
        "planner serve: {team} on {url}\n"
        "Listening on {host} port {port} only (loopback): no other machine can connect, and "
        "only this address, with its token, opens the board.\n"
        "From your own PC:  ssh -L {port}:{tunnel}:{port} <jump host>\n"
        "then open {local} in your browser (use the same port number on both sides).\n"
        "Keep the address to yourself: the token in it is the key (a new one at each "
        "start). Each browser tab runs its own planner. Ctrl+C stops the server.",
        "planner serve: {team} på {url}\n"
        "Lytter kun på {host} port {port} (loopback): ingen anden maskine kan forbinde, og "
        "kun denne adresse, med sin nøgle, åbner tavlen.\n"
        "Fra din egen pc:  ssh -L {port}:{tunnel}:{port} <jumphost>\n"
        "og åbn derefter {local} i din browser (brug samme portnummer i begge ender).\n"
        "Del ikke adressen: nøglen (token) i den giver adgang (en ny ved hver start). "
        "Hver browserfane kører sin egen planner. Ctrl+C stopper serveren.",
    ),
    "serve.exposed": (
        "planner serve: {team} on {url}\n"
        "WARNING: listening on {host} port {port}, NOT only on loopback. The connection is "
        "not encrypted: anyone who can see the traffic to this machine on port {port} can "
        "read the token and the team's cases. Run without --host (127.0.0.1) and use an SSH "
        "port forward instead.\n"
        "Ctrl+C stops the server.",
        "planner serve: {team} på {url}\n"
        "ADVARSEL: lytter på {host} port {port}, IKKE kun på loopback. Forbindelsen er ikke "
        "krypteret: alle, der kan se trafikken til denne maskine på port {port}, kan læse "
        "nøglen (token) og teamets sager. Kør uden --host (127.0.0.1), og brug en "
        "SSH-portvideresendelse i stedet.\n"
        "Ctrl+C stopper serveren.",
    ),
    "serve.stopped": ("planner serve: stopped.", "planner serve: stoppet."),
    "serve.no_token": (
        "planner serve: this address needs the token that planner serve printed when it "
        "started. Open the whole address it printed (…/?token=…).",
        "planner serve: denne adresse kræver den nøgle, planner serve skrev, da den startede. "
        "Åbn hele den adresse, den skrev (…/?token=…).",
    ),
    "serve.bad_token": (
        "planner serve: wrong token. Open the address planner serve printed when it started "
        "(a new start makes a new token).",
        "planner serve: forkert nøgle. Åbn den adresse, planner serve skrev, da den startede "
        "(hver start giver en ny nøgle).",
    ),
    "serve.bad_origin": (
        "planner serve: refused a connection from a page that is not planner's own ({origin}).",
        "planner serve: afviste en forbindelse fra en side, der ikke er planners egen ({origin}).",
    ),
    # -- planner init (planner.cli.init): what it read, and the teams.toml it writes -------
    "init.read": (
        "Read {file}: header at {where}, {cases} {cases:case|cases}.",
        "Læst {file}: overskrift i {where}, {cases} {cases:sag|sager}.",
    ),
    "init.columns": ("Columns:", "Kolonner:"),
    "init.column": ("  {header:<{width}} -> {column}", "  {header:<{width}} -> {column}"),
    "init.unused": ("  not used: {names}", "  bruges ikke: {names}"),
    "init.totals": (
        "  left out: {where}, a totals row (planner check refuses it: delete it, or leave it "
        "out of the export)",
        "  udeladt: {where}, en sumrække (planner check afviser den: slet den, eller udelad "
        "den af eksporten)",
    ),
    "init.no_worker_column": (
        '  no worker column recognised: add one under [teams.{team}.columns] (worker = "...")',
        '  ingen medarbejderkolonne genkendt: tilføj den under [teams.{team}.columns] (worker = "...")',
    ),
    "init.workers": ("Workers ({count}) in '{column}':", "Medarbejdere ({count}) i '{column}':"),
    # The singular is padded to the plural's width, so the arrows line up.
    "init.worker_line": (
        "  {name:<{width}} {cases:>5} {cases:case |cases} -> id {id}, area {area}",
        "  {name:<{width}} {cases:>5} {cases:sag  |sager} -> id {id}, område {area}",
    ),
    "init.unassigned_line": (
        "  {label:<{width}} {cases:>5} {cases:case|cases} (unassigned)",
        "  {label:<{width}} {cases:>5} {cases:sag|sager} ({cases:ufordelt|ufordelte})",
    ),
    "init.empty": ("(empty)", "(tom)"),
    "init.area_todo": ("TODO", "TODO"),
    "init.wrote": (
        "Wrote {file}. Check the lines marked TODO, then run: planner check --config {file}",
        "Skrev {file}. Tjek linjerne mærket TODO, og kør så: planner check --config {file}",
    ),
    "init.exists": ("already exists", "findes allerede"),
    "init.exists.todo": (
        "Nothing was written: planner init never overwrites a file. Choose another --out, or "
        "move the file away.",
        "Intet er skrevet: planner init overskriver aldrig en fil. Vælg en anden --out, eller "
        "flyt filen.",
    ),
    "init.norms_missing.todo": (
        "Name a bundled norm set (ds, ds-2016, sverigesmodellen) or a path to a .toml file.",
        "Angiv et medfølgende normsæt (ds, ds-2016, sverigesmodellen) eller en sti til en "
        ".toml-fil.",
    ),
    "init.cpr_team.todo": (
        "Nothing was written. Name the team with a short name, e.g. --team born-og-unge: "
        "planner must never store CPR numbers.",
        "Intet er skrevet. Giv teamet et kort navn, fx --team born-og-unge: planner må aldrig "
        "gemme CPR-numre.",
    ),
    "init.team_id.todo": (
        "Nothing was written. Use only the letters a-z and A-Z, digits, '-' and '_', starting "
        "with a letter or digit, at most 64 characters, e.g. --team born-og-unge.",
        "Intet er skrevet. Brug kun bogstaverne a-z og A-Z, cifre, '-' og '_', med et bogstav "
        "eller et ciffer først og højst 64 tegn, fx --team born-og-unge.",
    ),
    "init.cpr_path": (
        "the path holds what looks like a CPR number ({masked}); teams.toml would keep it",
        "stien indeholder noget, der ligner et CPR-nummer ({masked}); teams.toml ville gemme det",
    ),
    "init.cpr_path.todo": (
        "Nothing was written. Rename the file (or folder) so its name holds no CPR number, "
        "then run planner init again: planner must never store CPR numbers.",
        "Intet er skrevet. Omdøb filen (eller mappen), så navnet ikke indeholder et "
        "CPR-nummer, og kør så planner init igen: planner må aldrig gemme CPR-numre.",
    ),
    "init.write_failed": ("could not be written ({reason})", "kunne ikke skrives ({reason})"),
    "init.c.head": (
        "# Written by `planner init` from {export}.\n"
        "# Check every line marked TODO, then run `planner check --config {out}`.\n"
        "# The README's Files section explains every key.",
        "# Skrevet af `planner init` ud fra {export}.\n"
        "# Tjek hver linje mærket TODO, og kør så `planner check --config {out}`.\n"
        "# README'ens afsnit Files forklarer hver nøgle.",
    ),
    "init.c.name": (
        "TODO: the team's name as the board shows it",
        "TODO: teamets navn, som tavlen viser det",
    ),
    "init.c.norms": ("{title}", "{title}"),
    "init.c.cases": ("the export, relative to this file", "eksporten, i forhold til denne fil"),
    "init.c.columns": ("the export's column names", "eksportens kolonnenavne"),
    "init.c.no_worker": (
        '# TODO: no worker column was recognised; name it here: worker = "..."',
        '# TODO: ingen medarbejderkolonne blev genkendt; angiv den her: worker = "..."',
    ),
    "init.c.values_area": (
        "the export's own area values -> the norm set's area ids",
        "eksportens egne områdeværdier -> normsættets område-id'er",
    ),
    "init.c.value_todo": (
        "TODO ({cases} {cases:case|cases}): one of {areas}",
        "TODO ({cases} {cases:sag|sager}): et af {areas}",
    ),
    "init.c.workers": (
        "# {count} {count:worker|workers}, from the column '{column}' (most cases first).",
        "# {count} {count:medarbejder|medarbejdere} fra kolonnen '{column}' (flest sager først).",
    ),
    "init.c.no_workers": (
        "# TODO: no workers found; add one [[teams.{team}.workers]] table per caseworker.",
        "# TODO: ingen medarbejdere fundet; tilføj en [[teams.{team}.workers]]-tabel pr. "
        "sagsbehandler.",
    ),
    "init.c.worker_cases": (
        "{cases} {cases:case|cases} in the export",
        "{cases} {cases:sag|sager} i eksporten",
    ),
    "init.c.initials": (
        "TODO: the full name ({cases} {cases:case|cases} in the export)",
        "TODO: det fulde navn ({cases} {cases:sag|sager} i eksporten)",
    ),
    "init.c.area": (
        "{area_cases} of {cases} {cases:case|cases}",
        "{area_cases} af {cases} {cases:sag|sager}",
    ),
    "init.c.area_unknown": (
        "TODO: '{value}' is not an area of the norm set; one of {areas}",
        "TODO: '{value}' er ikke et område i normsættet; et af {areas}",
    ),
    "init.c.area_none": ("TODO: one of {areas}", "TODO: et af {areas}"),
    "init.c.hours": ("TODO: check the weekly hours", "TODO: tjek ugetimerne"),
    # -- planner balance (planner.cli.balance) -------------------------------------------
    "balance.cli.moves_title": ("Suggested moves ({count})", "Foreslåede flytninger ({count})"),
    "balance.cli.no_moves": ("No moves are needed.", "Ingen flytninger er nødvendige."),
    "balance.cli.case": ("Case", "Sag"),
    "balance.cli.from": ("From", "Fra"),
    "balance.cli.to": ("To", "Til"),
    "balance.cli.workers_title": ("Before -> after", "Før -> efter"),
    "balance.cli.timed_out": (
        "Time ran out after {seconds} s: this is the best plan found, not proven the best.",
        "Tiden løb ud efter {seconds} s: dette er den bedste plan fundet, ikke bevist den bedste.",
    ),
    "balance.cli.budget": (
        "At most {max_moves} {max_moves:move|moves} between workers (--max-moves); "
        "{relocations} used.",
        "Højst {max_moves} {max_moves:flytning|flytninger} mellem medarbejdere "
        "(--max-moves); {relocations} brugt.",
    ),
    "balance.cli.peak": (
        "Highest utilisation: {before} -> {after}.",
        "Højeste udnyttelse: {before} -> {after}.",
    ),
    "balance.cli.col_peak": ("Highest\nutilisation", "Højeste\nudnyttelse"),
    "balance.cli.col_over": ("Load\nabove", "Sagstal\nover"),
    "balance.cli.col_under": ("Load\nbelow", "Sagstal\nunder"),
    "balance.cli.unplaced": (
        "{area}: {count} {count:case stays|cases stay} unassigned: no worker of the area may "
        "take {count:it|them}",
        "{area}: {count} {count:sag forbliver ufordelt|sager forbliver ufordelte}: ingen "
        "medarbejder i området må tage {count:den|dem}",
    ),
    "balance.cli.written": ("Plan written: {path}", "Plan skrevet: {path}"),
    "balance.cli.replaced": (
        "Plan written (replaced the earlier file): {path}",
        "Plan skrevet (erstattede den tidligere fil): {path}",
    ),
    "balance.cli.note": (
        "Suggested by planner balance for {date}: {moves} {moves:move|moves}, at least {bound} "
        "needed.",
        "Forslag fra planner balance pr. {date}: {moves} {moves:flytning|flytninger}, mindst "
        "{bound} nødvendige.",
    ),
    "balance.cli.time_limit": (
        "planner balance: --time-limit '{value}' is not a number of seconds above 0, e.g. 20.",
        "planner balance: --time-limit '{value}' er ikke et antal sekunder over 0, fx 20.",
    ),
    "balance.cli.max_moves": (
        "planner balance: --max-moves '{value}' is not a whole number of moves (0 or more), "
        "e.g. 10.",
        "planner balance: --max-moves '{value}' er ikke et helt antal flytninger (0 eller "
        "flere), fx 10.",
    ),
}
