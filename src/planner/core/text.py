"""Text from files, made safe to show on a terminal.

A name, a note or a case id comes from a file someone else wrote. Sent raw, ``ESC[2J``
clears the leader's screen, an OSC sequence retitles the window (or, in some terminals,
writes to the clipboard), and a right-to-left override makes ``txt.exe`` read as
``exe.txt``. :func:`visible` is the one function every text from a file passes through on
its way to a terminal, in the CLI and on the board: control characters come out as
visible stand-ins, everything else is left alone. So do the invisible format characters
(Unicode category Cf: a zero-width space, a byte-order mark, a word joiner), which would
make two different ids look the same.
"""

from __future__ import annotations

import re
from datetime import date

# What must never reach a terminal raw: C0 controls (tab and newline included: our fields
# are single lines), DEL, the C1 controls (U+009B is a one-character CSI to some
# terminals), the bidirectional marks, embeddings, overrides and isolates, and the Unicode
# line and paragraph separators.
_RAW_CHARS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
_RAW = re.compile(f"[{_RAW_CHARS}]")
# Unicode's other format characters (category Cf, to Unicode 15): harmless to a terminal
# but invisible, so that '1001' and '1001' + U+200B (a zero-width space) look the same;
# U+FEFF (byte-order mark), U+2060 (word joiner), U+00AD (soft hyphen), ... are shown too.
# tests/test_visible.py checks this list against unicodedata.
_FORMAT = (
    "\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200d"
    "\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
# Every character :func:`visible` shows as a stand-in.
_CONTROL = re.compile(f"[{_RAW_CHARS}{_FORMAT}]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␇ for BEL
    if code == 0x7F:
        return "␡"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with every control character shown as a harmless stand-in.

    ESC becomes ␛ (U+241B), BEL ␇, DEL ␡; C1 controls, bidi overrides and the other
    format characters become ``<U+202E>``-style tags (``<U+200B>`` for a zero-width
    space). Text without control characters is returned unchanged.
    """
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_stand_in, text)


# What json.dumps(..., ensure_ascii=False) leaves raw inside strings (it escapes C0 itself).
_JSON_RAW = re.compile(f"[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069{_FORMAT}]")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # JSON writes a character beyond the BMP as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_visible(document: str) -> str:
    """A JSON document as ``json.dumps(..., ensure_ascii=False)`` writes it, with the
    control characters it leaves raw written as ``\\uXXXX`` escapes instead: the same data
    for a script, nothing raw for a terminal."""
    return _JSON_RAW.sub(_json_escape, document)


def without_controls(text: str) -> str:
    """`text` with the control characters a terminal must never receive removed: only for
    the board's last line of defence (planner.ui.app), which must keep every line's width
    as Textual measured it (those characters take no cells). The harmless format
    characters stay (a zero-width joiner inside an emoji counts for its width). Everything
    else uses :func:`visible`."""
    return _RAW.sub("", text) if _RAW.search(text) else text


def has_control(text: str) -> bool:
    """Whether `text` holds a character :func:`visible` would replace."""
    return _CONTROL.search(text) is not None


def has_raw_control(text: str) -> bool:
    """Whether `text` holds a character :func:`without_controls` would remove."""
    return _RAW.search(text) is not None


# A team id becomes part of file names (lock, journal, plans): only letters a-z, digits,
# '-' and '_', starting with a letter or digit (so it never reads as an option or a hidden
# file), and short enough for any file system.
_SIMPLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def is_simple_name(name: str) -> bool:
    return _SIMPLE_NAME.fullmatch(name) is not None


__all__ = [
    "has_control",
    "has_raw_control",
    "is_simple_name",
    "json_visible",
    "visible",
    "without_controls",
]


# Exactly YYYY-MM-DD, as the README and --help say. Python 3.11's date.fromisoformat also
# takes 20261123, 2026-W48-1 and more: ten digits would pass as a date, a CPR number too.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(text: str) -> date | None:
    """The date written exactly YYYY-MM-DD (ASCII digits), else None: the one way planner
    reads a date a person types (--date, the board's event form, a quoted date in a plan)."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
