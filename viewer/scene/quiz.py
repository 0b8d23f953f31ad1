"""The quiz's logic, below the widgets: a question bank from the model and the content, grading,
and a round's score and review. No Qt, no VTK.

Two modes:

``name_it``
    A structure lights up; the student types or chooses its name.
``find_it``
    A name is given; the student clicks the structure.

Questions come by group (every structure of the bones, the ligaments, the nerves …) or from the
article's topics (a topic's question asks for the structures the topic is about, e.g. "which
structure does a posterolateral L5–S1 herniation press on?"). Grading is *strict* (the side
must match: the left piriformis is not the right one) or *lenient* (either side counts).
"""

from __future__ import annotations

import difflib
import random
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from ..vocabulary import GROUPS, Group, Side


class QuizMode(StrEnum):
    NAME_IT = "name_it"
    FIND_IT = "find_it"


class Grading(StrEnum):
    #: the side must match
    STRICT = "strict"
    #: a structure's twin on the other side counts as right
    LENIENT = "lenient"


class NamedStructure(Protocol):
    """What the quiz needs of a structure's content entry."""

    @property
    def name(self) -> str: ...

    @property
    def other_names(self) -> list[str]: ...

    @property
    def group(self) -> Group: ...

    @property
    def side(self) -> Side | None: ...


#: a typed answer this close to a name (difflib ratio) counts, so one or two typos pass
TYPO_RATIO = 0.85
#: groups a quiz never asks about (the skin and the condition shapes are not things to name)
NOT_ASKED: tuple[Group, ...] = ("skin", "conditions")


@dataclass(frozen=True)
class Question:
    """One question: ``prompt`` to show, ``answers`` the structure ids that are right (any one of
    them), ``lit`` what the 3D view lights while asking (``name_it``), ``choices`` the names
    offered for a multiple-choice answer (``name_it``; empty for ``find_it``)."""

    id: str
    mode: QuizMode
    prompt: str
    answers: frozenset[str]
    lit: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    topic: str | None = None


@dataclass(frozen=True)
class Answer:
    """A graded answer: what was given (a structure id, or None when a typed name matched none)."""

    question: Question
    given: str | None
    typed: str | None
    correct: bool
    #: the structure the review shows as the right answer
    expected: str


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\((left|right)\)|\b(left|right)\b", " ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _twin(sid: str) -> str | None:
    for a, b in (("_left", "_right"), ("_right", "_left")):
        if sid.endswith(a):
            return sid[: -len(a)] + b
    return None


class QuestionBank:
    """Questions drawn from the model's structures and the content.

    Parameters
    ----------
    structures
        Structure id -> its content entry (name, other names, group, side), for the structures
        present in the scene.
    topics
        Optional topic id -> (question text, structure ids that answer it), from the content.
    """

    def __init__(
        self,
        structures: Mapping[str, NamedStructure],
        topics: Mapping[str, tuple[str, Sequence[str]]] | None = None,
    ):
        self.structures = {
            sid: e
            for sid, e in structures.items()
            if e.group in GROUPS and e.group not in NOT_ASKED
        }
        self.topics = {
            tid: (text, tuple(i for i in ids if i in self.structures))
            for tid, (text, ids) in (topics or {}).items()
        }
        self.topics = {tid: q for tid, q in self.topics.items() if q[1]}

    def groups(self) -> list[Group]:
        """The groups that have something to ask about, in the vocabulary's order."""
        present = {e.group for e in self.structures.values()}
        return [g for g in GROUPS if g in present]

    def _side_name(self, sid: str) -> str:
        e = self.structures[sid]
        return f"{e.name} ({e.side})" if e.side else e.name

    def by_group(
        self, mode: QuizMode, group: Group | None = None, seed: int | None = None, choices: int = 4
    ) -> list[Question]:
        """One question per structure of ``group`` (every group when None), shuffled by ``seed``."""
        rng = random.Random(seed)
        ids = sorted(s for s, e in self.structures.items() if group is None or e.group == group)
        out = []
        for sid in ids:
            if mode is QuizMode.NAME_IT:
                prompt = "What is the highlighted structure?"
                offered = self._choices(sid, rng, choices)
                out.append(
                    Question(f"{mode}:{sid}", mode, prompt, frozenset([sid]), (sid,), offered)
                )
            else:
                prompt = f"Click the {self._side_name(sid)}."
                out.append(Question(f"{mode}:{sid}", mode, prompt, frozenset([sid])))
        rng.shuffle(out)
        return out

    def _choices(self, sid: str, rng: random.Random, n: int) -> tuple[str, ...]:
        """The right name and ``n - 1`` others, preferring the same group (harder, fairer)."""
        right = self.structures[sid].name
        same = sorted(
            {e.name for s, e in self.structures.items() if e.group == self.structures[sid].group}
            - {right}
        )
        other = sorted({e.name for e in self.structures.values()} - {right} - set(same))
        rng.shuffle(same)
        rng.shuffle(other)
        picked = [right, *(same + other)[: max(0, n - 1)]]
        rng.shuffle(picked)
        return tuple(picked)

    def from_topics(self, seed: int | None = None) -> list[Question]:
        """One ``find_it`` question per topic question of the content."""
        rng = random.Random(seed)
        out = [
            Question(f"topic:{tid}", QuizMode.FIND_IT, text, frozenset(ids), topic=tid)
            for tid, (text, ids) in sorted(self.topics.items())
        ]
        rng.shuffle(out)
        return out

    def match_name(self, typed: str) -> str | None:
        """The structure a typed name means: exact after normalising, then within a typo or two.
        Of a left/right pair, the side named in ``typed`` (if any) decides."""
        want = _norm(typed)
        if not want:
            return None
        side = "left" if re.search(r"\bleft\b", typed, re.I) else None
        side = "right" if re.search(r"\bright\b", typed, re.I) else side
        best: tuple[float, str] | None = None
        for sid, e in sorted(self.structures.items()):
            for name in (e.name, *e.other_names):
                ratio = difflib.SequenceMatcher(None, want, _norm(name)).ratio()
                if side is not None and e.side is not None and e.side != side:
                    ratio -= 0.01  # the other side's twin: only if nothing on this side fits
                if best is None or ratio > best[0]:
                    best = (ratio, sid)
        return best[1] if best is not None and best[0] >= TYPO_RATIO else None


def grade(
    question: Question,
    given: str | None,
    grading: Grading = Grading.STRICT,
    typed: str | None = None,
) -> Answer:
    """Grade a clicked or matched structure id (``given``) against ``question``."""
    accepted = set(question.answers)
    if grading is Grading.LENIENT:
        accepted |= {t for t in map(_twin, question.answers) if t is not None}
    correct = given is not None and given in accepted
    expected = given if correct and given is not None else min(question.answers)
    return Answer(question, given, typed, correct, expected)


@dataclass
class QuizRound:
    """A round: the questions in order, the answers given so far, the score and the review."""

    questions: list[Question]
    grading: Grading = Grading.STRICT
    answers: list[Answer] = field(default_factory=list)

    @property
    def current(self) -> Question | None:
        return self.questions[len(self.answers)] if not self.finished else None

    @property
    def finished(self) -> bool:
        return len(self.answers) >= len(self.questions)

    def answer(self, given: str | None, typed: str | None = None) -> Answer:
        q = self.current
        if q is None:
            raise IndexError("the round is over")
        result = grade(q, given, self.grading, typed)
        self.answers.append(result)
        return result

    @property
    def score(self) -> tuple[int, int]:
        """(right, asked so far)."""
        return sum(a.correct for a in self.answers), len(self.answers)

    def mistakes(self) -> list[Answer]:
        """The wrong answers, in the order given: the review shows each right answer in 3D."""
        return [a for a in self.answers if not a.correct]
