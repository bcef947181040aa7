"""The one text table: real singular and plural, the words a Danish leader uses, no clashes."""

from __future__ import annotations

import re
import string

import pytest

from planner.i18n import ALL_TEXTS, _merge, t

# "sag(er)", "move(s)", "linje(r)": what a leader tripped over; a count picks the word.
HEDGED_PLURAL = re.compile(r"\w\((s|er|r|e|es)\)")


@pytest.mark.parametrize("key", sorted(ALL_TEXTS))
def test_no_hedged_plurals(key: str) -> None:
    for text in ALL_TEXTS[key]:
        assert not HEDGED_PLURAL.search(text), f"{key}: {text!r}"


@pytest.mark.parametrize("key", sorted(ALL_TEXTS))
def test_danish_says_sagstal_not_belastning(key: str) -> None:
    assert "belastning" not in ALL_TEXTS[key][1].lower(), key


@pytest.mark.parametrize("key", sorted(ALL_TEXTS))
def test_plural_choices_name_a_placeholder_with_two_words(key: str) -> None:
    for text in ALL_TEXTS[key]:
        for _, name, spec, _ in string.Formatter().parse(text):
            if spec and "|" in spec:
                assert name, f"{key}: a plural choice needs the number it depends on"
                assert len(spec.split("|")) == 2, f"{key}: {spec!r}"


def test_singular_and_plural_in_both_languages() -> None:
    assert t("move.moved", "en", count=1, to="Anna") == "Moved 1 case to Anna."
    assert t("move.moved", "en", count=3, to="Anna") == "Moved 3 cases to Anna."
    assert t("move.moved", "da", count=1, to="Anna") == "Flyttede 1 sag til Anna."
    assert t("move.moved", "da", count=3, to="Anna") == "Flyttede 3 sager til Anna."
    assert t("problems.header", "da", count=1).startswith("planner: 1 problem i inddata")
    assert t("problems.header", "da", count=2).startswith("planner: 2 problemer i inddata")


def test_a_key_defined_twice_is_refused() -> None:
    with pytest.raises(RuntimeError, match="'a' is defined in one and in two"):
        _merge(("one", {"a": ("x", "y")}), ("two", {"a": ("x", "z")}))
