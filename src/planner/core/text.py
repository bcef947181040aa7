"""Text from files, made safe to show on a terminal.

A name, a note or a case id comes from a file someone else wrote. Sent raw, ``ESC[2J``
clears the leader's screen, an OSC sequence retitles the window (or, in some terminals,
writes to the clipboard), and a right-to-left override makes ``txt.exe`` read as
``exe.txt``. :func:`visible` is the one function every text from a file passes through on
its way to a terminal, in the CLI and on the board: control characters come out as
visible stand-ins, everything else is left alone.
"""

from __future__ import annotations

import re

# C0 controls (tab and newline included: our fields are single lines), DEL, the C1
# controls (U+009B is a one-character CSI to some terminals), the bidirectional marks,
# embeddings, overrides and isolates, and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "␡"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with every control character shown as a harmless stand-in.

    ESC becomes ␛ (U+241B), BEL ␇, DEL ␡; C1 controls and bidi overrides become
    ``<U+202E>``-style tags. Text without control characters is returned unchanged.
    """
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_stand_in, text)


# What json.dumps(..., ensure_ascii=False) leaves raw inside strings (it escapes C0 itself).
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def json_visible(document: str) -> str:
    """A JSON document as ``json.dumps(..., ensure_ascii=False)`` writes it, with the
    control characters it leaves raw written as ``\\uXXXX`` escapes instead: the same data
    for a script, nothing raw for a terminal."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def without_controls(text: str) -> str:
    """`text` with its control characters removed: only for the board's last line of
    defence (planner.ui.app), which must keep every line's width as Textual measured it
    (control characters take no cells). Everything else uses :func:`visible`."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def has_control(text: str) -> bool:
    """Whether `text` holds a character :func:`visible` would replace."""
    return _CONTROL.search(text) is not None


# A team id becomes part of file names (lock, journal, plans): only letters a-z, digits,
# '-' and '_', starting with a letter or digit (so it never reads as an option or a hidden
# file), and short enough for any file system.
_SIMPLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def is_simple_name(name: str) -> bool:
    return _SIMPLE_NAME.fullmatch(name) is not None


__all__ = ["has_control", "is_simple_name", "json_visible", "visible", "without_controls"]
