"""Danish CPR numbers must never be held by this tool: recognise them to refuse them.

A CPR number is DDMMYY-SSSS, or the same ten digits without the dash, where DDMMYY is a
real calendar date. We do not check the modulus-11 digit: numbers issued since 2007 need
not satisfy it, and refusing too much is the safe side here.

People (and word processors) write the dash in many ways: as a space, a non-breaking
space, an en dash, a minus sign, a non-breaking hyphen, with spaces around it, and
sometimes in full-width digits copied from another system. Every such form is the same
number: this module is the one place that knows them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

# What may stand between DDMMYY and SSSS: nothing, a dash of any kind, blanks of any kind,
# or a dash with blanks around it ("010190 - 1234").
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_BLANKS = " \u00a0\u2007\u2009\u200a\u202f\u3000"
_SEPARATOR = f"[{_BLANKS}]{{0,2}}[{_DASHES}]?[{_BLANKS}]{{0,2}}"
# `\d` matches every decimal digit, the full-width ０-９ included.
_NUMBER = re.compile(rf"(?<!\d)(\d{{2}})(\d{{2}})(\d{{2}})({_SEPARATOR})(\d{{4}})(?!\d)")
# Anything _NUMBER could match contains this: one cheap search rules out most cells of a
# large export before the exact pattern runs.
_CANDIDATE = re.compile(rf"\d{{6}}{_SEPARATOR}\d{{4}}")
_ASCII_PLAIN = re.compile(r"[0-9]{10}")


def _is_date(day: str, month: str, year: str) -> bool:
    try:
        # Any century: a leap day must be possible in some year ending in `year`.
        date(2000 + int(year) if int(year) % 4 == 0 else 2001, int(month), int(day))
    except ValueError:
        return False
    return True


def _is_cpr(match: re.Match[str], allow_plain_ten_digits: bool) -> bool:
    if allow_plain_ten_digits and _ASCII_PLAIN.fullmatch(match.group(0)):
        return False
    return _is_date(*match.groups()[:3])


def find_cpr(text: str, *, allow_plain_ten_digits: bool = False) -> str | None:
    """The first CPR-like number in `text`, masked (e.g. 'xxxxxx-xxxx'), else None.

    `allow_plain_ten_digits` lets ten ASCII digits without a separator pass, for teams whose
    genuine case ids are ten-digit numbers; every other form is refused regardless.
    """
    if not _CANDIDATE.search(text):
        return None
    for match in _NUMBER.finditer(text):
        if _is_cpr(match, allow_plain_ten_digits):
            return mask(match.group(0))
    return None


def may_hold_cpr(text: str) -> bool:
    """Whether `text` holds anything a CPR number could be (one search; False rules it out)."""
    return _CANDIDATE.search(text) is not None


def candidate_positions(text: str) -> Iterator[int]:
    """Where in `text` a CPR number may start: one search over a whole export, so only the
    rows it points at need the exact check (:func:`find_cpr`) cell by cell."""
    return (match.start() for match in _CANDIDATE.finditer(text))


def mask(number: str) -> str:
    """Hide every digit: the message must not repeat the number it refuses."""
    return re.sub(r"\d", "x", number)


def mask_all(text: str) -> str:
    """`text` with every CPR-like number masked (in any of its forms): the last line of
    defence for messages that quote a value, an id, an argument or a path back to the user."""
    if not _CANDIDATE.search(text):
        return text

    def hide(match: re.Match[str]) -> str:
        return mask(match.group(0)) if _is_cpr(match, False) else match.group(0)

    return _NUMBER.sub(hide, text)
