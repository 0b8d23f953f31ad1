"""Making the most of a damaged ``annotations.json``: what the app opens, and what it says.

Each fault is reported once, as one line with its place, saying what was done about it:

- an entry (structure, topic, pain pattern, path or story) that fails the schema is left out; a
  structure of the model takes its bundled entry instead;
- a structure of the model that the file lacks takes its bundled entry; an entry for a structure
  the model does not have is left out;
- a reference to an id that does not exist is dropped, as :data:`~viewer.content.references.
  REFERENCES` says; where that would empty a list the schema requires to hold something, what
  holds the list goes instead (a note, a path's stage, or the entry), and what referred to a
  left-out entry is pruned in turn;
- an entry that breaks a rule of the model (a story whose topic is not a mechanism, a path that
  strays to the other side) is left out.

A fault outside the entries (the title, the sections, the red flags, a table over its limit)
makes the file unusable: :class:`Unusable`, and the app shows the bundled content instead.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..anatomy import structures as anatomy_structures
from .problems import Problem
from .reading import json_path, schema_error_locations
from .references import (
    BLOCKS,
    TABLES,
    Reference,
    Target,
    least_elements,
    least_items,
    model_problems,
    unresolved,
)
from .schema import AnnotationsFile

#: rounds of leaving out and pruning before a file is given up (each round leaves out at least
#: one entry, and what refers to an entry is at most a few steps away from it)
MAX_ROUNDS = 12
_WORD = {table: word.replace("_", " ") for word, table in TABLES.items()}
_ELEMENT = {"stages": "stage", "items": "item"}
#: the tables whose ids each kind of reference points into
_TARGET_TABLES: dict[Target, tuple[str, ...]] = {
    "structures": ("structures",),
    "topics": ("topics",),
    "entries": ("structures", "topics"),
    "sections": (),
    "sources": ("sources",),
    "paths": ("paths",),
    "pain_patterns": ("pain_patterns",),
    "conditions": ("structures",),
    "pain_areas": ("structures",),
}


class Unusable(Exception):
    """The file cannot be used; ``problems`` says why, each with its place."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


def entry_at(loc: tuple[int | str, ...]) -> tuple[str, str] | None:
    """The (table, id) of the entry a schema error lies in, when it lies in one entry."""
    if len(loc) > 1 and loc[0] in TABLES.values():
        return str(loc[0]), str(loc[1])
    return None


def entry_named(place: str) -> tuple[str, str] | None:
    """The (table, id) of the entry a rule problem names (``"story x ..."``), if any."""
    word, _, rest = place.partition(" ")
    if word in TABLES and rest:
        return TABLES[word], rest.split(" ")[0]
    return None


class Repair:
    """One damaged file (``data``, plain JSON, changed in place) made usable, or found not to be.

    ``where`` names the file in every problem; ``bundled`` is the bundled file, read only when a
    structure needs its entry.
    """

    def __init__(self, data: dict[str, Any], where: str, bundled: Path):
        self.data = data
        self.where = where
        self.problems: list[Problem] = []
        self._bundled_path = bundled
        self._bundled: dict[str, Any] | None = None
        self._left_out: set[tuple[str, str]] = set()
        self._announced: set[tuple[str, str]] = set()
        #: entries to leave out once the current round of pruning ends
        self._doomed: set[tuple[str, str]] = set()

    # -- the steps -----------------------------------------------------------------------------
    def run(self) -> AnnotationsFile:
        """The usable document; raises :class:`Unusable`."""
        if not all(isinstance(self.data.get(t), dict) for t in TABLES.values()):
            raise Unusable([Problem(self.where, "not an annotations file (a table is missing)")])
        for _ in range(MAX_ROUNDS):
            doc = self._validated()
            if self._complete_structures() or self._prune():
                continue
            broken = model_problems(doc)
            if not broken:
                return doc
            for problem in broken:
                entry = entry_named(problem.place)
                if entry is None:
                    raise Unusable([self._at(problem.place, problem.message)])
                self._leave_out(*entry, problem.place, problem.message)
        raise Unusable([Problem(self.where, "too many faults depend on each other")])

    def _validated(self) -> AnnotationsFile:
        """The document once every entry that fails the schema is left out (or replaced)."""
        for _ in range(MAX_ROUNDS):
            try:
                return AnnotationsFile.model_validate(self.data)
            except ValidationError as exc:
                errors = schema_error_locations(exc)
            outside = [self._at(json_path(loc), msg) for loc, msg in errors if not entry_at(loc)]
            if outside:
                raise Unusable(outside)
            for loc, msg in errors:
                table, key = entry_at(loc) or ("", "")
                self._leave_out(table, key, json_path(loc), msg)
        raise Unusable([Problem(self.where, "entries keep failing the schema")])

    def _complete_structures(self) -> bool:
        """One entry per structure of the model: the bundled entry where the file has none."""
        table: dict[str, Any] = self.data["structures"]
        changed = False
        for sid in anatomy_structures.BY_ID:
            if sid not in table:
                table[sid] = copy.deepcopy(self.bundled["structures"][sid])
                self._say(
                    f"structure {sid}",
                    "listed in viewer/anatomy/structures.py but has no entry; the bundled entry "
                    "is used",
                )
                changed = True
        for sid in [s for s in table if s not in anatomy_structures.BY_ID]:
            self._leave_out("structures", sid, f"structure {sid}", "not a structure of the model")
            changed = True
        return changed

    def _prune(self) -> bool:
        """Drop every reference to an id that does not exist; True when anything was dropped."""
        changed = False
        for _ in range(MAX_ROUNDS):
            found = list(unresolved(self.data))
            if not found:
                return changed
            changed = True
            for rule, slot, i in found:
                consequence = self._drop(rule, slot, i)
                self._say(slot.place, self._why(rule, i) + consequence)
            for table, key in list(self._doomed):
                self._remove(table, key)
            self._doomed.clear()
        raise Unusable([Problem(self.where, "references keep failing")])

    # -- pruning one reference -----------------------------------------------------------------
    def _why(self, rule: Reference, i: str) -> str:
        if any((t, i) in self._left_out for t in _TARGET_TABLES[rule.target]):
            return f"the {rule.what} {i!r} was left out"
        return f"unknown {rule.what} id {i!r}"

    def _drop(self, rule: Reference, slot: Any, i: str) -> str:
        """Drop one dangling reference as its rule says; what else went, as words for the
        problem's message."""
        value = slot.holder.get(slot.key)
        if rule.on_missing == "drop_entry":
            return self._doom(rule.table, slot.entry_id)
        if rule.on_missing == "drop_element":
            return self._drop_element(rule, slot)
        if isinstance(value, list):
            slot.holder[slot.key] = [v for v in value if v != i]
            if len(slot.holder[slot.key]) < least_items(rule.table, rule.field):
                return self._drop_holder(rule, slot)
            return ""
        slot.holder[slot.key] = None
        return ""

    def _drop_element(self, rule: Reference, slot: Any) -> str:
        elements = slot.element_of if slot.element_of is not None else []
        elements[:] = [e for e in elements if e is not slot.holder]
        if len(elements) < least_elements(rule):
            return self._doom(rule.table, slot.entry_id)
        list_name = rule.field.split("[]")[0].rsplit(".", 1)[-1]
        return f"; the {_ELEMENT.get(list_name, list_name)} is left out"

    def _drop_holder(self, rule: Reference, slot: Any) -> str:
        """The list may not end up empty: what holds it goes."""
        if rule.table in BLOCKS:
            raise Unusable([self._at(slot.place, f"no known {rule.what} remains")])
        if slot.parent is not None:
            holder, key = slot.parent
            holder[key] = None
            return f"; the {key} is left out"
        if slot.element_of is not None:
            slot.element_of[:] = [e for e in slot.element_of if e is not slot.holder]
            return "; that element is left out"
        return self._doom(rule.table, slot.entry_id)

    def _doom(self, table: str, key: str) -> str:
        if (table, key) in self._doomed or table in BLOCKS:
            return ""
        self._doomed.add((table, key))
        return f"; the {_WORD[table]} {key} is left out"

    # -- leaving an entry out ------------------------------------------------------------------
    def _leave_out(self, table: str, key: str, place: str, message: str) -> None:
        """Leave out (a structure of the model: replace with its bundled entry) the entry that
        ``message`` at ``place`` is about, saying so the first time."""
        if (table, key) in self._announced:
            self._say(place, message)
            return
        self._announced.add((table, key))
        if table == "structures" and key in anatomy_structures.BY_ID:
            self.data[table][key] = copy.deepcopy(self.bundled["structures"][key])
            self._say(place, f"{message}; the bundled entry is used")
            return
        self._remove(table, key)
        self._say(place, f"{message}; the {_WORD[table]} {key} is left out")

    def _remove(self, table: str, key: str) -> None:
        self.data[table].pop(key, None)
        self._left_out.add((table, key))

    # -- reporting -----------------------------------------------------------------------------
    def _at(self, place: str, message: str) -> Problem:
        return Problem(f"{self.where} {place}", message)

    def _say(self, place: str, message: str) -> None:
        problem = self._at(place, message)
        if problem not in self.problems:
            self.problems.append(problem)

    @property
    def bundled(self) -> dict[str, Any]:
        if self._bundled is None:
            self._bundled = json.loads(self._bundled_path.read_text(encoding="utf-8-sig"))
        return self._bundled
