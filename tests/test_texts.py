"""The one text table: real singular and plural, the words a Danish leader uses, no clashes."""

from __future__ import annotations

import re
import string

import pytest

from planner.i18n import ALL_TEXTS, _merge, t

# "sag(er)", "move(s)", "linje(r)": what a leader tripped over; a count picks the word.
HEDGED_PLURAL = re.compile(r"\w\((s|er|r|e|es)\)")

# Every table (planner balance's among them, in planner.i18n.cli since issue 13).
EVERY_TEXT: dict[str, tuple[str, str]] = ALL_TEXTS

# A number followed by a plural noun, with no plural choice for that number: "1 cases".
# English plurals end in s, Danish ones in er/ere; the verbs that follow a name instead
# ("{case} belongs", "{to} arbejder") are listed as what they are.
PLURAL_AFTER_NUMBER = (
    re.compile(r"\{(\w+)\} ([A-Za-z]+s)\b"),
    re.compile(r"\{(\w+)\} ([a-zæøå]+(?:er|ere))\b"),
)
NOT_PLURAL_NOUNS = {
    "is", "was", "has", "belongs", "works", "over", "under", "er", "hører", "arbejder",
    "forbliver", "gælder", "tilhører",
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(EVERY_TEXT))
def test_no_hedged_plurals(key: str) -> None:
    for text in EVERY_TEXT[key]:
        assert not HEDGED_PLURAL.search(text), f"{key}: {text!r}"


@pytest.mark.parametrize("key", sorted(EVERY_TEXT))
def test_a_number_before_a_plural_noun_chooses_the_word(key: str) -> None:
    for text, pattern in zip(EVERY_TEXT[key], PLURAL_AFTER_NUMBER, strict=True):
        for match in pattern.finditer(text):
            name, word = match.groups()
            if word in NOT_PLURAL_NOUNS:
                continue
            assert re.search(rf"\{{{name}:[^}}]*\|", text), (
                f"{key}: '{match.group()}' says '1 {word}'; write "
                f"'{{{name}}} {{{name}:one|{word}}}' (the word for 1, then for more)"
            )


def test_the_check_catches_what_a_leader_saw() -> None:
    # The checks above would have caught these (main before this fix).
    def flagged(text: str, lang: int) -> bool:
        for match in PLURAL_AFTER_NUMBER[lang].finditer(text):
            name, word = match.groups()
            if word not in NOT_PLURAL_NOUNS and not re.search(rf"\{{{name}:[^}}]*\|", text):
                return True
        return False

    assert flagged("{count} cases", 0) and flagged("{count} sager", 1)
    assert flagged("The coming {weeks} weeks", 0) and flagged("{count} flytninger", 1)
    assert not flagged("{count} {count:case|cases}", 0)
    assert not flagged("{count} {count:sag|sager}", 1)
    assert not flagged("The coming {weeks:week|{weeks} weeks}", 0)
    assert not flagged("{case} belongs to household {household}", 0)
    assert HEDGED_PLURAL.search("{count} move(s)") and HEDGED_PLURAL.search("flytning(er)")


@pytest.mark.parametrize("count", [1, 2])
def test_counts_read_right_in_the_cli_and_on_the_board(count: int) -> None:
    word = "case" if count == 1 else "cases"
    read = t("init.read", "en", file="x.csv", where="line 1", cases=count)
    assert read == f"Read x.csv: header at line 1, {count} {word}."
    moves = t("plan.leftovers", "da", count=count)
    assert moves.startswith(f"{count} {'flytning' if count == 1 else 'flytninger'} ikke")
    assert t("header.cases", "en", count=count) == f"{count} {word}"
    assert t("cases.title", "da", name="Anna", count=count).endswith(
        "sag" if count == 1 else "sager"
    )


@pytest.mark.parametrize("key", sorted(ALL_TEXTS))
def test_danish_says_sagstal_not_belastning(key: str) -> None:
    assert "belastning" not in ALL_TEXTS[key][1].lower(), key


@pytest.mark.parametrize("key", sorted(EVERY_TEXT))
def test_plural_choices_name_a_placeholder_with_two_words(key: str) -> None:
    for text in EVERY_TEXT[key]:
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
