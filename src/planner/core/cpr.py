"""Danish CPR numbers must never be held by this tool: recognise them to refuse them.

A CPR number is DDMMYY-SSSS, or the same ten digits without the dash, where DDMMYY is a
real calendar date. We do not check the modulus-11 digit: numbers issued since 2007 need
not satisfy it, and refusing too much is the safe side here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

_DASHED = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})-(\d{4})(?!\d)")
_PLAIN = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(\d{4})(?!\d)")
# Anything either pattern could match contains this: one cheap search rules out most cells
# of a large export before the two exact patterns run.
_CANDIDATE = re.compile(r"\d{6}-?\d{4}")


def _is_date(day: str, month: str, year: str) -> bool:
    try:
        # Any century: a leap day must be possible in some year ending in `year`.
        date(2000 + int(year) if int(year) % 4 == 0 else 2001, int(month), int(day))
    except ValueError:
        return False
    return True


def find_cpr(text: str, *, allow_plain_ten_digits: bool = False) -> str | None:
    """The first CPR-like number in `text`, masked (e.g. '12xxxx-xxxx'), else None.

    `allow_plain_ten_digits` lets ten digits without a dash pass, for teams whose genuine
    case ids are ten-digit numbers; the dashed form is refused regardless.
    """
    if not _CANDIDATE.search(text):
        return None
    patterns = (_DASHED,) if allow_plain_ten_digits else (_DASHED, _PLAIN)
    for pattern in patterns:
        for match in pattern.finditer(text):
            if _is_date(*match.groups()[:3]):
                return mask(match.group(0))
    return None


def candidate_positions(text: str) -> Iterator[int]:
    """Where in `text` a CPR number may start: one search over a whole export, so only the
    rows it points at need the exact check (:func:`find_cpr`) cell by cell."""
    return (match.start() for match in _CANDIDATE.finditer(text))


def mask(number: str) -> str:
    """Hide every digit: the message must not repeat the number it refuses."""
    return re.sub(r"\d", "x", number)


def mask_all(text: str) -> str:
    """`text` with every CPR-like number masked (dashed or plain, whatever a team allows):
    the last line of defence for messages that quote a value or an id back to the user."""

    def hide(match: re.Match[str]) -> str:
        return mask(match.group(0)) if _is_date(*match.groups()[:3]) else match.group(0)

    return _PLAIN.sub(hide, _DASHED.sub(hide, text))
