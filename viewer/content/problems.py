"""What can be wrong with the content: a :class:`Problem` with its place, and :class:`ContentError`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong, and where: ``file:line:col``, a JSON path, or an id."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class ContentError(Exception):
    """The annotations could not be loaded; ``.problems`` lists every reason with its place."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the annotations:\n{lines}")
