"""Texts of the loaders' problems (planner.io): what is wrong, where, and what to do.

A problem's text has a key `load.<name>` (what) and often `load.<name>.todo` (what to do);
places are `where.<name>`. Keys and values, no logic: merged into planner.i18n's table.
"""

from __future__ import annotations

# key: (english, danish)
TEXTS: dict[str, tuple[str, str]] = {
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
    "load.mixed_encoding": (
        "is not UTF-8 text, but line {utf8_line} is: the file mixes two encodings (UTF-8 and "
        "another, such as Windows-1252)",
        "er ikke UTF-8-tekst, men det er linje {utf8_line}: filen blander to tegnsæt (UTF-8 og "
        "et andet, fx Windows-1252)",
    ),
    "load.mixed_encoding.todo": (
        'Save the export again as one encoding (in Excel: "CSV UTF-8"), or export it again '
        "from the case system.",
        'Gem eksporten igen i ét tegnsæt (i Excel: "CSV UTF-8"), eller eksportér den igen fra '
        "sagssystemet.",
    ),
    "load.bad_csv": ("is not valid CSV ({error})", "er ikke gyldig CSV ({error})"),
    "csv.end": ("unexpected end of data", "filen slutter, før et anførselstegn er lukket"),
    "csv.expected": ("'{what}' expected after '{after}'", "forventede '{what}' efter '{after}'"),
    "csv.field_limit": (
        "field larger than field limit ({limit})",
        "et felt er længere end grænsen på {limit} tegn",
    ),
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
    "load.error_cell": (
        "holds the error {error}, not a value",
        "indeholder fejlen {error}, ikke en værdi",
    ),
    "load.error_cell.todo": (
        "Fix the formula in Excel, or save the sheet with values (copy it, paste as values), "
        "and save the file again.",
        "Ret formlen i Excel, eller gem arket med værdier (kopiér det, og indsæt som "
        "værdier), og gem filen igen.",
    ),
    "load.formula_no_value": (
        "holds a formula whose value was never calculated (the program that wrote the file "
        "does not calculate)",
        "indeholder en formel, hvis værdi aldrig er blevet beregnet (programmet, der skrev "
        "filen, regner ikke)",
    ),
    "load.formula_no_value.todo": (
        "Open the file in Excel and save it, so the values are saved with it, or save the "
        "sheet with values (copy it, paste as values).",
        "Åbn filen i Excel, og gem den, så værdierne gemmes med, eller gem arket med værdier "
        "(kopiér det, og indsæt som værdier).",
    ),
    "load.more_cells": (
        "(and {count} more {count:cell|cells} like it in this column)",
        "(og {count} {count:celle|celler} mere af samme slags i kolonnen)",
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
    "load.totals_id": (
        "looks like a totals row ('{column}' says '{id}' and no worker is named), not a case",
        "ligner en sumrække ('{column}' siger '{id}', og ingen medarbejder er angivet), ikke "
        "en sag",
    ),
    "load.totals_id.todo": (
        "A totals row: delete it, or leave it out of the export.",
        "En sumrække: slet den, eller udelad den af eksporten.",
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
    "load.toml_text": ("must be text (got {got})", "skal være tekst (der står {got})"),
    "load.toml_tags": (
        'must be a list of words, e.g. ["kompleks"] (got {got})',
        'skal være en liste af ord, fx ["kompleks"] (der står {got})',
    ),
    "load.toml_number": (
        "must be a number, e.g. 1.5 (got {got})",
        "skal være et tal, fx 1.5 (der står {got})",
    ),
    "load.toml_finite": (
        "must be a finite number (got {got})",
        "skal være et endeligt tal (der står {got})",
    ),
    "load.toml_bool": (
        "must be true or false (got {got})",
        "skal være true eller false (der står {got})",
    ),
    "load.toml_date": (
        "must be a date, e.g. 2026-03-01 (got {got})",
        "skal være en dato, fx 2026-03-01 (der står {got})",
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
        "Vælg blandt: {known}.",  # workers or areas: no "en"/"et" that fits both
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
    # -- places in the files (a problem's `where`); TOML keys stay as the file writes them --
    "where.detail": ("{place} ({detail})", "{place} ({detail})"),
    "where.sheet_row": ("sheet '{sheet}', row {row}", "ark '{sheet}', række {row}"),
    "where.column": ("column '{column}'", "kolonne '{column}'"),
    "where.sheet_column": ("column '{column}' ({letter})", "kolonne '{column}' ({letter})"),
    "where.column_number": ("column {number}", "kolonne {number}"),
    "where.case": ("case '{id}'", "sag '{id}'"),
    "where.case_number": ("case #{number}", "sag nr. {number}"),
    "where.case_numbered": ("case #{number} ('{id}')", "sag nr. {number} ('{id}')"),
    "where.team": ("team '{id}'", "team '{id}'"),
    "where.worker": ("worker '{id}'", "medarbejder '{id}'"),
    "where.worker_number": ("worker #{number}", "medarbejder nr. {number}"),
    "where.area": ("area '{id}'", "område '{id}'"),
    "where.duty": ("duty '{id}'", "funktion '{id}'"),
    "where.move": ("move {number}", "flytning {number}"),
    "where.move_case": ("move {number} (case '{case}')", "flytning {number} (sag '{case}')"),
    "where.note": ("note", "note"),
    "where.event": ("event {number}", "hændelse {number}"),
    "where.event_kind": ("event {number} ({kind})", "hændelse {number} ({kind})"),
    # -- files: found, readable, of the right kind (planner.io.files) -----------------------
    "file.folder": ("is a folder, not a file", "er en mappe, ikke en fil"),
    "file.folder.todo": ("Name the file itself.", "Angiv selve filen."),
    "file.fifo": ("is a named pipe (FIFO), not a file", "er en navngivet pipe (FIFO), ikke en fil"),
    "file.device": ("is a device, not a file", "er en enhed, ikke en fil"),
    "file.socket": ("is a socket, not a file", "er en socket, ikke en fil"),
    "file.not_regular": ("is not a regular file", "er ikke en almindelig fil"),
    "file.regular.todo": ("Name a regular file.", "Angiv en almindelig fil."),
    "file.too_large": (
        "is larger than {limit} MB ({size:num,} bytes)",
        "er større end {limit} MB ({size:num,} byte)",
    ),
    "file.too_large.todo": (
        "planner reads files of up to {limit} MB: check that this is the right file, or export "
        "fewer cases.",
        "planner læser filer på op til {limit} MB: tjek, at det er den rigtige fil, eller "
        "eksportér færre sager.",
    ),
    "file.not_found": ("file not found", "filen findes ikke"),
    "file.not_found.todo": (
        "Check the path (relative paths are resolved from the file that names them).",
        "Tjek stien (en relativ sti regnes fra den fil, der nævner den).",
    ),
    "file.denied": ("not readable (permission denied)", "kan ikke læses (adgang nægtet)"),
    "file.denied.todo": (
        "Ask for read access or copy the file.",
        "Bed om læseadgang, eller kopiér filen.",
    ),
    "file.loop": (
        "is a symbolic link that leads round in a loop",
        "er et symbolsk link, der peger rundt i ring",
    ),
    "file.loop.todo": (
        "Point the link at the file itself, or name the file.",
        "Lad linket pege på selve filen, eller angiv filen.",
    ),
    "file.unreadable": ("cannot be read ({reason})", "kan ikke læses ({reason})"),
    "file.not_utf8": ("is not UTF-8 text", "er ikke UTF-8-tekst"),
    "file.not_utf8.todo": (
        "Save or export the file as UTF-8.",
        "Gem eller eksportér filen som UTF-8.",
    ),
    "file.too_deep": (
        "nests tables or arrays more than {limit} {limit:level|levels} deep",
        "har tabeller eller lister i mere end {limit} {limit:niveau|niveauer}",
    ),
    "file.too_deep.todo": (
        "No planner file does: check that this is the right file.",
        "Det har ingen planner-fil: tjek, at det er den rigtige fil.",
    ),
    "file.bad_toml": (
        "is not valid TOML: {reason} (at line {line}, column {column})",
        "er ikke gyldig TOML: {reason} (linje {line}, kolonne {column})",
    ),
    "file.bad_toml_end": (
        "is not valid TOML: {reason} (at end of document)",
        "er ikke gyldig TOML: {reason} (ved slutningen af filen)",
    ),
    "file.bad_toml_other": ("is not valid TOML: {reason}", "er ikke gyldig TOML: {reason}"),
    "file.bad_toml.todo": ("Fix the syntax at that spot.", "Ret syntaksen på det sted."),
    "file.bad_plan_toml.todo": (
        "Fix the syntax at that spot, or open a saved copy of the plan.",
        "Ret syntaksen på det sted, eller åbn en gemt kopi af planen.",
    ),
    # tomllib's reasons (Python 3.11+), by the words it uses
    "toml.invalid_statement": ("Invalid statement", "ugyldig linje"),
    "toml.expected": ("Expected {what}", "forventede {what}"),
    "toml.invalid_character": ("Found invalid character {what}", "ugyldigt tegn {what}"),
    "toml.declared_twice": ("Cannot declare {what} twice", "{what} er angivet to gange"),
    "toml.overwrite": ("Cannot overwrite a value", "en værdi er angivet to gange"),
    "toml.table_end": (
        "Expected ']' at the end of a table declaration",
        "mangler ']' efter tabellens navn",
    ),
    "toml.array_end": (
        "Expected ']]' at the end of an array declaration",
        "mangler ']]' efter tabellens navn",
    ),
    "toml.immutable": ("Cannot mutate immutable namespace {what}", "{what} kan ikke ændres her"),
    "toml.redefine": ("Cannot redefine namespace {what}", "{what} er allerede defineret"),
    "toml.equals": (
        "Expected '=' after a key in a key/value pair",
        "mangler '=' efter en nøgle",
    ),
    "toml.line_end": (
        "Expected newline or end of document after a statement",
        "der står mere efter værdien på linjen",
    ),
    "toml.key_start": (
        "Invalid initial character for a key part",
        "ugyldigt første tegn i en nøgle",
    ),
    "toml.unclosed_array": ("Unclosed array", "en liste lukkes ikke (mangler ']')"),
    "toml.duplicate_key": (
        "Duplicate inline table key {what}",
        "nøglen {what} står to gange i tabellen",
    ),
    "toml.unclosed_table": ("Unclosed inline table", "en tabel på én linje lukkes ikke"),
    "toml.backslash": (
        "Unescaped '\\' in a string",
        "en '\\' i en tekst skal skrives '\\\\'",
    ),
    "toml.hex": ("Invalid hex value", "ugyldig hex-værdi"),
    "toml.scalar": (
        "Escaped character is not a Unicode scalar value",
        "tegnkoden er ikke et gyldigt Unicode-tegn",
    ),
    "toml.unterminated": ("Unterminated string", "en tekst lukkes ikke (mangler anførselstegn)"),
    "toml.illegal_character": ("Illegal character {what}", "ulovligt tegn {what}"),
    "toml.date": ("Invalid date or datetime", "ugyldig dato eller tid"),
    "toml.value": ("Invalid value", "ugyldig værdi"),
    # -- writing: folders, replacing files, outputs (planner.io.files) ----------------------
    "io.nothing_written": ("Nothing was written.", "Intet er skrevet."),
    "io.cpr_path": (
        "the name holds what looks like a CPR number ({masked})",
        "navnet indeholder noget, der ligner et CPR-nummer ({masked})",
    ),
    "io.cpr_path.todo": (
        "Choose a name for the file (and folder) without it: planner must never store CPR numbers.",
        "Vælg et navn til filen (og mappen) uden det: planner må aldrig gemme CPR-numre.",
    ),
    "io.folder_not_created": (
        "folder {folder} cannot be created ({reason})",
        "mappen {folder} kan ikke oprettes ({reason})",
    ),
    "io.folder_not_created.todo": (
        "Choose another place, or ask for write access.",
        "Vælg et andet sted, eller bed om skriveadgang.",
    ),
    "io.not_a_folder": ("{folder} is not a folder", "{folder} er ikke en mappe"),
    "io.not_a_folder.todo": (
        "Remove or rename it, or choose another place.",
        "Fjern eller omdøb den, eller vælg et andet sted.",
    ),
    "io.folder_open": (
        "folder {folder} is writable by everyone",
        "alle kan skrive i mappen {folder}",
    ),
    "io.folder_open.todo": (
        "Save in a folder of your own, or remove the others' write access (chmod o-w {folder}).",
        "Gem i en mappe, der er din egen, eller fjern de andres skriveadgang (chmod o-w {folder}).",
    ),
    "io.folder_open.elsewhere.todo": (
        "It is shared with other users: save in a folder of your own instead, e.g. in your "
        "home folder.",
        "Den deles med andre brugere: gem i stedet i en mappe, der er din egen, fx i din "
        "hjemmemappe.",
    ),
    "io.folder_unchecked": (
        "folder {folder} cannot be checked ({reason})",
        "mappen {folder} kan ikke kontrolleres ({reason})",
    ),
    "io.folder_owner": (
        "folder {folder} belongs to user '{owner}', not to you ('{me}')",
        "mappen {folder} tilhører brugeren '{owner}', ikke dig ('{me}')",
    ),
    "io.folder_owner.todo": (
        "planner keeps your journals, locks and plans only in a folder of your own: remove or "
        "rename {folder}, or set {variable} to a folder of your own.",
        "planner gemmer kun dine journaler, låse og planer i en mappe, der er din egen: fjern "
        "eller omdøb {folder}, eller sæt {variable} til en mappe, der er din egen.",
    ),
    "io.folder_shared": (
        "folder {folder} is writable by {others} (mode {mode})",
        "{others} kan skrive i mappen {folder} (rettigheder {mode})",
    ),
    "io.others.everyone": ("everyone", "alle"),
    "io.others.group": ("others in its group", "andre i dens gruppe"),
    "io.folder_shared.todo": (
        "planner keeps your journals, locks and plans only in a folder nobody else may write "
        "to: chmod go-w {folder} (or chmod 700 {folder}).",
        "planner gemmer kun dine journaler, låse og planer i en mappe, som ingen andre kan "
        "skrive i: chmod go-w {folder} (eller chmod 700 {folder}).",
    ),
    "io.unchecked": ("cannot be checked ({reason})", "kan ikke kontrolleres ({reason})"),
    "io.kind.link": ("a symbolic link", "et symbolsk link"),
    "io.kind.folder": ("a folder", "en mappe"),
    "io.kind.device": ("a device", "en enhed"),
    "io.kind.fifo": ("a named pipe (FIFO)", "en navngivet pipe (FIFO)"),
    "io.kind.other": ("not a regular file", "ikke en almindelig fil"),
    "io.is_kind": ("is {kind}", "er {kind}"),
    "io.replace_regular.todo": (
        "planner replaces only regular files: name a new file, or a regular file with --force.",
        "planner erstatter kun almindelige filer: angiv en ny fil, eller en almindelig fil med "
        "--force.",
    ),
    "io.out_is_input": (
        "is one of planner's input files in use (the plan, teams, cases or norm file)",
        "er en af de inddatafiler, planner bruger (planen, team-, sags- eller normfilen)",
    ),
    "io.out_is_input.todo": (
        "Choose another file name; input files are never written, not even with --force.",
        "Vælg et andet filnavn; inddatafiler skrives aldrig, heller ikke med --force.",
    ),
    "io.out_is.plan": (
        "holds a plan: planner never replaces a plan file with an export",
        "indeholder en plan: planner erstatter aldrig en planfil med en eksport",
    ),
    "io.out_is.teams": (
        "looks like a teams file (it has a [teams] table): planner never replaces one, not "
        "even with --force",
        "ligner en teamfil (den har en [teams]-tabel): planner erstatter aldrig sådan en, "
        "heller ikke med --force",
    ),
    "io.out_is.norms": (
        "looks like a norm set (it has an [areas] table): planner never replaces one, not "
        "even with --force",
        "ligner et normsæt (den har en [areas]-tabel): planner erstatter aldrig sådan et, "
        "heller ikke med --force",
    ),
    "io.out_is.cases": (
        "looks like a cases file (it has a case-id column): planner never replaces one, not "
        "even with --force",
        "ligner en sagsfil (den har en kolonne med sagsnumre): planner erstatter aldrig sådan "
        "en, heller ikke med --force",
    ),
    "io.out_is.plan_export": (
        "holds a move list exported by planner: planner never replaces it with a plan",
        "indeholder en flytteliste eksporteret af planner: planner erstatter den aldrig med "
        "en plan",
    ),
    "io.out_is.todo": (
        "Nothing was written. Choose another file name.",
        "Intet er skrevet. Vælg et andet filnavn.",
    ),
    "io.exists": ("exists already", "findes allerede"),
    "io.exists.todo": (
        "Nothing was written. Add --force to replace it, or choose another name.",
        "Intet er skrevet. Tilføj --force for at erstatte den, eller vælg et andet navn.",
    ),
    "io.not_saved": ("could not be saved: {reason}", "kunne ikke gemmes: {reason}"),
    "io.not_saved.kept": (
        "The previous version of the file is unchanged. Free some space or choose another "
        "place, then save again.",
        "Den tidligere udgave af filen er uændret. Frigør plads eller vælg et andet sted, og "
        "gem så igen.",
    ),
    "io.not_saved.new": (
        "Nothing was written. Free some space or choose another place, then save again.",
        "Intet er skrevet. Frigør plads eller vælg et andet sted, og gem så igen.",
    ),
    # -- CPR numbers and keys in TOML files (teams, norms, plans, journals, notes) ----------
    "load.cpr_found": (
        "holds what looks like a CPR number ({masked})",
        "indeholder noget, der ligner et CPR-nummer ({masked})",
    ),
    "load.cpr_found.todo": (
        "Remove it: planner must never store CPR numbers; use pseudonymous ids.",
        "Fjern det: planner må aldrig gemme CPR-numre; brug pseudonyme id'er.",
    ),
    "load.cpr_remove.todo": (
        "Remove it: planner must never store CPR numbers.",
        "Fjern det: planner må aldrig gemme CPR-numre.",
    ),
    "load.unknown_key": ("unknown key '{key}'", "ukendt nøgle '{key}'"),
    "load.unknown_key.todo": (
        "Check the spelling; allowed here: {keys}.",
        "Tjek stavningen; tilladt her: {keys}.",
    ),
    "load.missing_key": ("'{key}' is missing", "'{key}' mangler"),
    "load.missing_key.todo": ("Add '{key} = ...'.", "Tilføj '{key} = ...'."),
    "load.missing_tag.todo": (
        "Add '{key} = ...' to say what it is.",
        "Tilføj '{key} = ...' for at sige, hvad det er.",
    ),
    "load.unknown_tag": ("'{tag}' is not a known kind", "'{tag}' er ikke en kendt type"),
    "load.not_a_date": ("is not a date", "er ikke en dato"),
    "load.not_a_date.todo": (
        "Write dates as YYYY-MM-DD, e.g. 2026-03-01.",
        "Skriv datoer som ÅÅÅÅ-MM-DD, fx 2026-03-01.",
    ),
    "load.none": ("none", "ingen"),
    # Teams, areas, event kinds ("en type"): no "en"/"et" that fits them all.
    "value.unquote.todo": (
        "Write it without quotes: {value}",
        "Skriv det uden anførselstegn: {value}",
    ),
    "load.use_one_of": ("Use one of: {known}.", "Vælg blandt: {known}."),
    # -- values the schema refuses (pydantic's error types, and planner.core.models' own) ---
    "value.got": ("{what} (got {got})", "{what} (der står {got})"),
    "value.greater_than": ("must be greater than {gt:num}", "skal være større end {gt:num}"),
    "value.greater_than_equal": (
        "must be greater than or equal to {ge:num}",
        "skal være mindst {ge:num}",
    ),
    "value.less_than": ("must be less than {lt:num}", "skal være mindre end {lt:num}"),
    "value.less_than_equal": (
        "must be less than or equal to {le:num}",
        "må højst være {le:num}",
    ),
    "value.above_at_most": (
        "must be above {gt:num} and at most {le:num}",
        "skal være over {gt:num} og højst {le:num}",
    ),
    "value.from_to": ("must be from {ge:num} to {le:num}", "skal være fra {ge:num} til {le:num}"),
    "value.finite": ("must be a finite number", "skal være et endeligt tal"),
    "value.number": ("must be a valid number", "skal være et tal"),
    "value.integer": ("must be a valid integer", "skal være et helt tal"),
    "value.boolean": ("must be a valid boolean (true or false)", "skal være true eller false"),
    "value.text": ("must be text", "skal være tekst"),
    "value.empty": ("must not be empty", "må ikke være tom"),
    "value.text_short": (
        "must have at least {min_length} {min_length:character|characters}",
        "skal have mindst {min_length} tegn",
    ),
    "value.text_long": (
        "must have at most {max_length} {max_length:character|characters}",
        "må højst have {max_length} tegn",
    ),
    "value.too_few": (
        "must hold at least {min_length} {min_length:entry|entries}",
        "skal indeholde mindst {min_length} {min_length:element|elementer}",
    ),
    "value.too_many": (
        "must hold at most {max_length} {max_length:entry|entries}",
        "må højst indeholde {max_length} {max_length:element|elementer}",
    ),
    "value.literal": ("must be {expected}", "skal være {expected}"),
    "value.list": ("must be a list", "skal være en liste"),
    "value.table": ("must be a table", "skal være en tabel"),
    "model.factor": (
        "must be above 0 and at most {max:num}",
        "skal være over 0 og højst {max:num}",
    ),
    "model.adjustment_factor": (
        "must be between 0 (absent) and {max:num}",
        "skal være mellem 0 (fraværende) og {max:num}",
    ),
    "model.left_before_started": (
        "'left' ({left}) is before 'started' ({started})",
        "'left' ({left}) ligger før 'started' ({started})",
    ),
    "model.left_before_started.todo": (
        "'left' is the last working day, on or after 'started': correct one of the dates.",
        "'left' er sidste arbejdsdag, på eller efter 'started': ret en af datoerne.",
    ),
    "model.hours": (
        "must be above 0 and at most {max:num} hours a week",
        "skal være over 0 og højst {max:num} timer om ugen",
    ),
    "model.min_above_max": (
        "min ({min:num}) is above max ({max:num})",
        "min ({min:num}) er over max ({max:num})",
    ),
    "model.min_above_max.todo": (
        "Write the smaller number as min and the larger as max.",
        "Skriv det mindste tal som min og det største som max.",
    ),
    "model.variant_twice": (
        "variant id '{id}' is used twice",
        "variant-id'et '{id}' bruges to gange",
    ),
    "model.variant_twice.todo": (
        "Give each variant of the area an id of its own.",
        "Giv hver variant i området sit eget id.",
    ),
    "model.tag_weight": (
        "weight of tag '{tag}' must be above 0 and at most {max:num} (got {got})",
        "vægten af mærket '{tag}' skal være over 0 og højst {max:num} (der står {got})",
    ),
    "model.from_after_until": (
        "'from' ({from_}) is after 'until' ({until})",
        "'from' ({from_}) ligger efter 'until' ({until})",
    ),
    "model.from_after_until.todo": (
        "'from' is the first day and 'until' the last: swap them, or correct one.",
        "'from' er første dag og 'until' den sidste: byt om på dem, eller ret en af dem.",
    ),
    # -- teams.toml and the norm set (planner.io.teams, io.norms) ---------------------------
    "load.default_team": (
        "names team '{team}', which is not defined",
        "nævner teamet '{team}', som ikke er defineret",
    ),
    "load.no_team": ("has no team '{team}'", "har intet team '{team}'"),
    "load.no_team.todo": (
        "Choose one of: {teams} (--team ID).",
        "Vælg et af: {teams} (--team ID).",
    ),
    "load.worker_twice": (
        "worker id '{id}' is used twice",
        "medarbejder-id'et '{id}' bruges to gange",
    ),
    "load.worker_twice.todo": (
        "Give each worker a unique id.",
        "Giv hver medarbejder sit eget id.",
    ),
    "load.worker_area": (
        "area '{area}' is not in norm set '{norms}'",
        "området '{area}' findes ikke i normsættet '{norms}'",
    ),
    "load.worker_variant": (
        "variant '{variant}' is not a variant of area '{area}'",
        "'{variant}' er ikke en variant af området '{area}'",
    ),
    "load.worker_variant.todo": ("Known variants: {known}.", "Kendte varianter: {known}."),
    "load.worker_duty": (
        "duty '{duty}' is not in norm set '{norms}'",
        "funktionen '{duty}' findes ikke i normsættet '{norms}'",
    ),
    "load.worker_duty.todo": (
        "Use one of: {known}, or add [duties.{duty}] to the norm set.",
        "Brug en af: {known}, eller tilføj [duties.{duty}] i normsættet.",
    ),
    "load.capacity_low": (
        "capacity could fall to {low:num.2g} cases, too little to plan with",
        "kapaciteten kan falde til {low:num.2g} sager, for lidt at planlægge med",
    ),
    "load.capacity_high": (
        "capacity could rise to {high:num.3g} cases, more than any team has",
        "kapaciteten kan stige til {high:num.3g} sager, mere end noget team har",
    ),
    "load.capacity.todo": (
        "Check the worker's hours ({hours:num}), the norm set's full_time_hours ({full:num}) "
        "and the factors of its new-hire rule, duties and adjustments.",
        "Tjek medarbejderens timer ({hours:num}), normsættets full_time_hours ({full:num}) og "
        "faktorerne for nyansatte, funktioner og nedsættelser.",
    ),
    "load.norms_missing": (
        "norm set '{ref}' not found (looked in {looked})",
        "normsættet '{ref}' findes ikke (søgt i {looked})",
    ),
    "load.norms_missing.todo": (
        "Name a file in norms/ (without .toml) or a path to a .toml file.",
        "Angiv en fil i norms/ (uden .toml) eller en sti til en .toml-fil.",
    ),
    # -- TOML case files (planner.io.cases) --------------------------------------------------
    "load.cases_extra": (
        "unknown {count:key|keys} {keys}",
        "{count:ukendt nøgle|ukendte nøgler} {keys}",
    ),
    "load.cases_extra.todo": (
        "A cases file holds only [[cases]] tables.",
        "En sagsfil indeholder kun [[cases]]-tabeller.",
    ),
    "load.cases_not_list": (
        "must be a list of [[cases]] tables",
        "skal være en liste af [[cases]]-tabeller",
    ),
    "load.case_not_table": ("is not a table", "er ikke en tabel"),
    "load.case_not_table.todo": (
        "Write each case as a [[cases]] table.",
        "Skriv hver sag som en [[cases]]-tabel.",
    ),
    "load.case_key.todo": (
        "Check the spelling; allowed: {keys}.",
        "Tjek stavningen; tilladt: {keys}.",
    ),
    # -- another of planner's files given as teams.toml (--config) --------------------------
    "load.config_is_plan": (
        "is not a teams file: it looks like a plan (it has format and team)",
        "er ikke en teamfil: den ligner en plan (den har format og team)",
    ),
    "load.config_is_plan.todo": (
        "Give teams.toml with --config; a plan is opened with --plan FILE, or shown with planner plan show FILE.",
        "Angiv teams.toml med --config; en plan åbnes med --plan FIL eller vises med planner plan show FIL.",
    ),
    "load.config_is_norms": (
        "is not a teams file: it looks like a norm set (it has [areas])",
        "er ikke en teamfil: den ligner et normsæt (den har [areas])",
    ),
    "load.config_is_norms.todo": (
        'Give teams.toml with --config; it names its norm set with norms = "..." under each team.',
        'Angiv teams.toml med --config; den angiver sit normsæt med norms = "..." under hvert team.',
    ),
    "load.config_is_cases": (
        "is not a teams file: it looks like a cases file (it has [[cases]])",
        "er ikke en teamfil: den ligner en sagsfil (den har [[cases]])",
    ),
    "load.config_is_cases.todo": (
        'Give teams.toml with --config; it names its cases file with cases = "..." under each team.',
        'Angiv teams.toml med --config; den angiver sin sagsfil med cases = "..." under hvert team.',
    ),
    "load.config_is_export": (
        "is not a teams file: it looks like a case export",
        "er ikke en teamfil: den ligner et sagsudtræk",
    ),
    "load.config_is_export.todo": (
        "Give teams.toml with --config; to make one from this export: planner init {file}",
        "Angiv teams.toml med --config; sådan laves en ud fra dette udtræk: planner init {file}",
    ),
    # -- plan files (planner.io.plans) -------------------------------------------------------
    "planfile.team_missing": ("is missing or empty", "mangler eller er tom"),
    "planfile.no_such_team": (
        "the plan is for team '{team}', which is not in {config} (it has: {teams})",
        "planen er til teamet '{team}', som ikke findes i {config} (den har: {teams})",
    ),
    "planfile.no_such_team.todo": (
        "Give the teams file that has that team with --config.",
        "Angiv den teamfil, der har det team, med --config.",
    ),
    "planfile.team_missing.todo": ('Add team = "<id>".', 'Tilføj team = "<id>".'),
    "planfile.is_teams": (
        "is not a plan file: it looks like a teams file (it has [teams])",
        "er ikke en planfil: den ligner en teamfil (den har [teams])",
    ),
    "planfile.is_teams.todo": (
        "Give a plan saved from the board (plans/<team>-<YYYYMMDD-HHMM>.toml); a teams file is given with --config.",
        "Angiv en plan gemt fra tavlen (plans/<team>-<ÅÅÅÅMMDD-TTMM>.toml); en teamfil angives med --config.",
    ),
    "planfile.is_norms": (
        "is not a plan file: it looks like a norm set (it has [areas])",
        "er ikke en planfil: den ligner et normsæt (den har [areas])",
    ),
    "planfile.is_norms.todo": (
        'Give a plan saved from the board (plans/<team>-<YYYYMMDD-HHMM>.toml); a norm set is named by norms = "..." under the team in teams.toml.',
        'Angiv en plan gemt fra tavlen (plans/<team>-<ÅÅÅÅMMDD-TTMM>.toml); et normsæt angives med norms = "..." under teamet i teams.toml.',
    ),
    "planfile.is_cases": (
        "is not a plan file: it looks like a cases file (it has [[cases]])",
        "er ikke en planfil: den ligner en sagsfil (den har [[cases]])",
    ),
    "planfile.is_cases.todo": (
        'Give a plan saved from the board (plans/<team>-<YYYYMMDD-HHMM>.toml); a cases file is named by cases = "..." under the team in teams.toml.',
        'Angiv en plan gemt fra tavlen (plans/<team>-<ÅÅÅÅMMDD-TTMM>.toml); en sagsfil angives med cases = "..." under teamet i teams.toml.',
    ),
    "planfile.format_missing": ("'format' is missing", "'format' mangler"),
    "planfile.format_missing.todo": (
        "Add 'format = {format}' as the first line.",
        "Tilføj 'format = {format}' som første linje.",
    ),
    "planfile.format_unknown": (
        "format version {version} is not known (this planner reads formats {format} and {events})",
        "formatversion {version} er ukendt (denne planner læser format {format} og {events})",
    ),
    "planfile.format_unknown.todo": (
        "Open it with the planner version that wrote it, or update planner.",
        "Åbn den med den version af planner, der skrev den, eller opdatér planner.",
    ),
    "planfile.events_format": (
        "has [[events]], which need format {events} (the file says {format})",
        "har [[events]], som kræver format {events} (filen siger {format})",
    ),
    "planfile.events_format.todo": (
        "Write 'format = {events}', or remove the events.",
        "Skriv 'format = {events}', eller fjern hændelserne.",
    ),
    "planfile.event_worker": (
        "worker '{value}' is not in team '{team}'",
        "medarbejderen '{value}' er ikke i teamet '{team}'",
    ),
    "planfile.event_worker.todo": (
        "Use the id of a worker in teams.toml, or of one who arrives in an earlier event.",
        "Brug id'et på en medarbejder i teams.toml eller på en, der kommer til i en tidligere "
        "hændelse.",
    ),
    "planfile.event_area": (
        "area '{value}' is not in the team's norm set",
        "området '{value}' findes ikke i teamets normsæt",
    ),
    "planfile.event_area.todo": (
        "Use an area of the norm set, by its id or its label (as in teams.toml).",
        "Brug et område fra normsættet, med dets id eller navn (som i teams.toml).",
    ),
    "planfile.event_worker_taken": (
        "worker id '{value}' is taken",
        "medarbejder-id'et '{value}' er allerede i brug",
    ),
    "planfile.event_worker_taken.todo": (
        "Give the new worker an id of their own.",
        "Giv den nye medarbejder sit eget id.",
    ),
    "planfile.event_leaves_early": (
        "worker '{value}' would leave before starting",
        "medarbejderen '{value}' ville fratræde før sin første arbejdsdag",
    ),
    "planfile.event_leaves_early.todo": (
        "Give a last working day on or after the first.",
        "Angiv en sidste arbejdsdag på eller efter den første.",
    ),
    "planfile.moved_twice": (
        "case '{case}' is moved twice (also in move {other})",
        "sagen '{case}' flyttes to gange (også i flytning {other})",
    ),
    "planfile.moved_twice.todo": (
        "A plan holds each case once, with where it ends up; remove one of them.",
        "En plan har hver sag én gang, med hvor den ender; fjern den ene.",
    ),
    "planfile.same_worker": (
        "moves case '{case}' from '{worker}' to the same worker",
        "flytter sagen '{case}' fra '{worker}' til samme medarbejder",
    ),
    "planfile.same_worker.todo": (
        "Remove the move or correct 'to'.",
        "Fjern flytningen, eller ret 'to'.",
    ),
    "planfile.other_team": (
        "is a plan for team '{plan}', not '{team}'",
        "er en plan for teamet '{plan}', ikke '{team}'",
    ),
    "planfile.other_team.todo": (
        "Open it for its own team (--team {plan}) or with the config that has it.",
        "Åbn den for sit eget team (--team {plan}) eller med den konfiguration, der har det.",
    ),
    "planfile.fingerprint": (
        "was made against another version of the cases file (the fingerprint does not match)",
        "er lavet ud fra en anden udgave af sagsfilen (fingeraftrykket passer ikke)",
    ),
    "planfile.fingerprint.todo": (
        "Open it in the app (planner --plan {file}) or run 'planner plan show {file} "
        "--reconcile' to see which moves still apply, then save it again.",
        "Åbn den i appen (planner --plan {file}), eller kør 'planner plan show {file} "
        "--reconcile' for at se, hvilke flytninger der stadig gælder, og gem den så igen.",
    ),
    "planfile.no_case": ("case '{case}' does not exist", "sagen '{case}' findes ikke"),
    "planfile.no_case.damaged": (
        "The cases file is the one the plan was made against, so the plan is damaged: remove "
        "the move.",
        "Sagsfilen er den, planen blev lavet ud fra, så planen er beskadiget: fjern flytningen.",
    ),
    "planfile.no_case.closed": (
        "The case may have been closed since; see --reconcile.",
        "Sagen kan være lukket siden; se --reconcile.",
    ),
    "planfile.no_worker": (
        "worker '{worker}' is not in team '{team}'",
        "medarbejderen '{worker}' er ikke i teamet '{team}'",
    ),
    "planfile.no_worker.todo": (
        "Check the worker id in the plan and in teams.toml; if the worker has left, open the "
        "plan in the app to apply the other moves.",
        "Tjek medarbejder-id'et i planen og i teams.toml; er medarbejderen stoppet, så åbn "
        "planen i appen for at gennemføre de andre flytninger.",
    ),
    # -- sessions, journals, locks (planner.io.session, io.journal, io.lock) ----------------
    "session.read_only": ("this session is read-only", "denne session er skrivebeskyttet"),
    "session.read_only.todo": ("Nothing was saved.", "Intet er gemt."),
    "session.exists.todo": (
        "Choose another file name; planner overwrites only the plan it opened or saved in "
        "this session.",
        "Vælg et andet filnavn; planner overskriver kun den plan, den har åbnet eller gemt i "
        "denne session.",
    ),
    "journal.not_written": ("could not be written: {reason}", "kunne ikke skrives: {reason}"),
    "journal.not_written.todo": (
        "The board holds every move; planner writes them again at the next step. Save the "
        "plan as soon as you can.",
        "Tavlen har alle flytninger; planner skriver dem igen ved næste skridt. Gem planen så "
        "hurtigt som muligt.",
    ),
    "journal.unreadable": ("cannot be read ({reason})", "kan ikke læses ({reason})"),
    "journal.foreign": (
        "is a journal of user '{owner}', not yours: planner will neither restore nor replace it",
        "er brugeren '{owner}'s journal, ikke din: planner hverken gendanner eller erstatter den",
    ),
    "journal.foreign.todo": (
        "Remove it (rm {path}) or ask your IT department who put it there.",
        "Fjern den (rm {path}), eller spørg jeres it-afdeling, hvem der har lagt den der.",
    ),
    "journal.not_kept": (
        "is damaged and could not be kept aside as {target} ({reason})",
        "er beskadiget og kunne ikke lægges til side som {target} ({reason})",
    ),
    "journal.not_kept.todo": (
        "Nothing was changed. Free some space or fix the folder's permissions, then start "
        "planner again.",
        "Intet er ændret. Frigør plads eller ret mappens rettigheder, og start så planner igen.",
    ),
    "lock.holder": ("{user}{host}{process} since {since}", "{user}{host}{process} siden {since}"),
    "lock.host": (" on {host}", " på {host}"),
    "lock.process": (" (process {pid})", " (proces {pid})"),
    # -- a team drafted from an export (planner.io.team_init) ------------------------------
    "load.no_id_recognised": (
        "no column is recognised as the case id (columns: {columns})",
        "ingen kolonne genkendes som sagsnummer (kolonner: {columns})",
    ),
    "load.no_id_recognised.todo": (
        "Name the case id column Sagsnr (or id) in the export, then run planner init again.",
        "Kald sagsnummerkolonnen Sagsnr (eller id) i eksporten, og kør så planner init igen.",
    ),
}
