"""What the command line prints from files and arguments: never a raw control character,
never the digits of a CPR number.

Everything a file says (a name, a label, a case id, a reason, a note) goes through
:func:`planner.core.text.visible` on its way to the terminal; these helpers add what the
CLI needs around it (Rich markup escaping, paths and arguments echoed with CPR digits
masked, JSON with control characters escaped).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rich.markup import escape

from planner.core.cpr import mask_all
from planner.core.text import json_visible, visible
from planner.io.files import display_path


def shown(text: str) -> str:
    """Text from a file, for Rich markup: controls made visible, markup escaped."""
    return escape(visible(text))


def echoed(text: object) -> str:
    """A command-line value or a path said back to the user: controls made visible and
    the digits of anything that looks like a CPR number masked."""
    return visible(mask_all(str(text)))


def shown_path(path: Path) -> str:
    """A path as the user would type it, echoed (see :func:`echoed`)."""
    return echoed(display_path(path))


def print_json(data: Any) -> None:
    """JSON for scripts on standard output: the data exactly, nothing raw on a terminal."""
    # allow_nan=False: inf or nan must never reach a script as Infinity, which is not JSON.
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write(json_visible(text) + "\n")


__all__ = ["echoed", "print_json", "shown", "shown_path"]
