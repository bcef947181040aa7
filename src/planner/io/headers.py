"""The headers case systems and people write for planner's columns, Danish and English.

`planner init` recognises an export's columns by these; the loader uses them to suggest a
mapping when a column is missing. Compared as name keys (case and spaces ignored).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from planner.io.tables import name_key

# In order of preference: the first header found wins.
KNOWN_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "Sagsnr", "Sagsnr.", "Sagsnummer", "Sags-id", "Sag", "Sags id", "Case", "Case id", "Case no", "Case number"),
    "worker": (
        "worker",
        "Sagsbehandler",
        "Medarbejder",
        "Rådgiver",
        "Socialrådgiver",
        "Initialer",
        "Caseworker",
        "Case worker",
        "Employee",
        "Assigned to",
        "Owner",
    ),
    "area": ("area", "Område", "Målgruppe", "Sagsområde", "Team", "Target group"),
    "tags": ("tags", "Mærker", "Kompleksitet", "Tags", "Complexity"),
    "weight": ("weight", "Vægt", "Point", "Vægtning", "Points"),
    "household": ("household", "Husstand", "Familie", "Familienr", "Family"),
    "pinned": ("pinned", "Fastlåst", "Låst", "Locked"),
    "since": ("since", "Siden", "Tildelt", "Tildelt dato", "Assigned", "Assigned on"),
}  # fmt: skip


def recognise(header: Sequence[str]) -> dict[str, int]:
    """Planner's columns found in `header` by their usual names: column -> position."""
    keys = [name_key(h) for h in header]
    found: dict[str, int] = {}
    taken: set[int] = set()
    for column, names in KNOWN_HEADERS.items():
        for name in names:
            key = name_key(name)
            position = next((i for i, k in enumerate(keys) if k == key and i not in taken), None)
            if position is not None:
                found[column] = position
                taken.add(position)
                break
    return found


def id_names() -> set[str]:
    """Every usual name of an id column, as name keys (to find the header row)."""
    return {name_key(name) for name in KNOWN_HEADERS["id"]}


# What a totals row says in the id column ("I alt", "I alt: 120 sager", "Total 5,5",
# "Sum:"): the word, then the end, a blank, a colon or a digit (so "Summer-1" is a case).
_TOTALS = re.compile(r"(?:i\s+alt|subtotal|totalt|total|sum|samlet)(?=$|[\s:\d])", re.IGNORECASE)


def looks_like_totals(case_id: str) -> bool:
    """Whether an id reads as the label of a totals row rather than a case's id."""
    return _TOTALS.match(case_id.strip()) is not None
