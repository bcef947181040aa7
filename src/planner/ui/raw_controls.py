"""The board's last line of defence: no control character from a file reaches the terminal.

Every text from the files is shown through :func:`planner.core.text.visible` (in ``tr``,
``cut``, ``strip_of`` and the few places that show a name directly), so ESC shows as ␛.
Should one place be missed, this line filter, applied by Textual to every line of every
widget, removes what is left before it is written: a stray ESC or OSC sequence then shows
as its harmless tail instead of clearing the screen or retitling the window. Control
characters take no cells, so removing them keeps each line exactly as wide as Textual laid
it out.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from planner.core.text import has_raw_control, without_controls


class NoRawControls(LineFilter):
    """Removes control characters from the text of every segment (never from Textual's
    own control segments)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(has_raw_control(segment.text) for segment in segments if not segment.control):
            return segments
        cleaned = []
        for segment in segments:
            if segment.control or not has_raw_control(segment.text):
                cleaned.append(segment)
            elif text := without_controls(segment.text):
                cleaned.append(Segment(text, segment.style, segment.control))
        return cleaned


__all__ = ["NoRawControls"]
