"""Cell text shown in a terminal: what a person typed, never instructions to the terminal.

An ID holding "ESC ] 0 ; ... BEL" retitles the terminal window, "ESC [ 2 J" clears the screen, a
right-to-left override reverses what follows, and a lone surrogate makes printing itself fail.
Every console line crossdept prints goes through `printable` (SafeConsole does it for whole
messages; tables pass their cells through it), which keeps line breaks and tabs and drops the
rest: C0 and C1 controls, DEL, bidirectional overrides and isolates, and surrogates.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console

_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` without what a terminal would act on instead of showing."""
    return _UNPRINTABLE.sub("", text)


class SafeConsole(Console):
    """A rich Console whose print() shows text through `printable` (styles still apply), and
    never turns ":fire:" in a file name or a cell into an emoji (rich's default)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("emoji", False)
        super().__init__(*args, **kwargs)

    def print(self, *objects: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().print(*(printable(o) if isinstance(o, str) else o for o in objects), **kwargs)

    def print_plain(self, text: str) -> None:
        """What `print(text, markup=False, highlight=False)` shows on this soft-wrapping console,
        written straight to the stream when that is not a terminal (piped, redirected, tests).

        Rich lays out every line as a Text object (~20 us each: 0.15 s for highlight's 9,000 marked
        rows). For unstyled text on a soft-wrapping console its only change is expanding tabs (no
        wrapping, cropping or escape codes; printable() already dropped the control codes rich
        strips), so text without a tab comes out as text + newline either way: the same bytes.
        A terminal, a tab, or a console that records or is silenced keeps rich's own path.
        """
        text = printable(text)
        if self.is_terminal or not self.soft_wrap or self.record or self.quiet or self.is_jupyter or "\t" in text:
            super().print(text, markup=False, highlight=False)
            return
        self.file.write(text + "\n")
        self.file.flush()
