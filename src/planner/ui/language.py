"""Every screen and widget that shows text follows the app's language by itself.

A screen or widget that shows text mixes in :class:`FollowsLanguage` and defines
``show_language(lang)``. On mount it watches the app's ``lang`` reactive, so a language
switch reaches every open screen and every widget on them, including ones the app has never
heard of; the app does not go looking for them. A class that mixes it in without the hook
fails when it is defined, not when a user switches language.

Text handed to a screen by whoever opens it (a dialog's title, body and buttons) is a
:data:`Phrase`: a function of the language, so the screen can say it again in the other one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.widgets import Static

from planner.i18n import t

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object

# A text in the language asked for: `phrase("key", **values)`, or a lambda.
Phrase = Callable[[str], str]


def phrase(key: str, **values: object) -> Phrase:
    """The text for `key` in whichever language is asked for later."""
    return partial(t, key, **values)


class FollowsLanguage(_Base):
    """Mixin for a Screen or Widget that shows text: switches with the app's `lang`."""

    lang: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.show_language is FollowsLanguage.show_language:
            raise TypeError(f"{cls.__name__} follows the language: define show_language(lang)")

    def _on_mount(self) -> None:
        # Only the planner's app has a language (a bare test harness has none).
        if hasattr(self.app, "lang"):
            self.watch(self.app, "lang", self._follow_language, init=False)

    def _follow_language(self, lang: str) -> None:
        self.lang = lang
        self.show_language(lang)

    def show_language(self, lang: str) -> None:
        """Say everything shown again in `lang` (``self.lang`` is already `lang`)."""
        raise NotImplementedError


class PhraseStatic(FollowsLanguage, Static):
    """A Static whose text is a Phrase: what a dialog shows that its opener wrote."""

    def __init__(self, phrase: Phrase, lang: str, **kwargs: Any) -> None:
        super().__init__(phrase(lang), **kwargs)
        self.phrase = phrase
        self.lang = lang

    def show_language(self, lang: str) -> None:
        self.update(self.phrase(lang))
