"""What every planner screen shares: binding labels in the language on screen."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import ActiveBinding

from planner.i18n import has, t

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen
else:
    _Base = object


def current_lang(node: object) -> str:
    """The app's language; "en" outside a PlannerApp (a bare test harness)."""
    app = getattr(node, "app", None)
    return getattr(app, "lang", "en")


class TranslatedBindings(_Base):
    """Footer, help and palette read bindings from here: label each by its binding id."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        lang = current_lang(self)
        translated: dict[str, ActiveBinding] = {}
        for key, active in super().active_bindings.items():
            binding = active.binding
            if binding.id and has(f"key.{binding.id}"):
                tooltip = t(f"help.{binding.id}", lang) if has(f"help.{binding.id}") else ""
                binding = replace(
                    binding, description=t(f"key.{binding.id}", lang), tooltip=tooltip
                )
                active = ActiveBinding(active.node, binding, active.enabled, tooltip)
            translated[key] = active
        return translated
