"""What can be wrong with the content: a :class:`Problem` with its place, and :class:`ContentError`.

A problem prints as one line (``place: message``), however long or odd what it quotes from the
file: control characters are shown escaped and the line is cut at :data:`MAX_LINE_CHARS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: the longest line a problem prints as
MAX_LINE_CHARS = 300
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def one_line(text: str, limit: int = MAX_LINE_CHARS) -> str:
    """``text`` as one printable line of at most ``limit`` characters (``…`` where cut)."""
    flat = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong, and where: ``file:line:col``, a JSON path, or an id."""

    place: str
    message: str

    def __str__(self) -> str:
        return one_line(f"{one_line(self.place, 160)}: {self.message}")


class ContentError(Exception):
    """The annotations could not be loaded; ``.problems`` lists every reason with its place."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the annotations:\n{lines}")

    def lines(self) -> list[str]:
        """The problems, one line each (what a command line prints)."""
        return [str(p) for p in self.problems]
