"""The one table of reference rules: it names real fields, and checking and pruning agree on it."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest

from viewer.content.loader import load_annotations, load_annotations_for_app
from viewer.content.references import BLOCKS, REFERENCES, TABLES, Reference, slots, unresolved
from viewer.content.schema import AnnotationsFile


def _field_exists(model: Any, steps: list[str]) -> bool:
    """Whether the dotted field path names a field of the pydantic model (through lists and
    optional sub-models)."""
    step = steps[0].removesuffix("[]")
    info = model.model_fields.get(step)
    if info is None:
        return False
    if len(steps) == 1:
        return True
    annotation = info.annotation
    for inner in (annotation, *getattr(annotation, "__args__", ())):
        for candidate in (inner, *getattr(inner, "__args__", ())):
            if isinstance(candidate, type) and hasattr(candidate, "model_fields"):
                return _field_exists(candidate, steps[1:])
    return False


@pytest.mark.parametrize("rule", REFERENCES, ids=lambda r: f"{r.table}.{r.field}")
def test_every_rule_names_a_field_of_the_schema(rule: Reference):
    table: Any = AnnotationsFile.model_fields[rule.table].annotation
    # a table is dict[Id, Entry]; a block (the red flags) is one model
    entry_model = table if rule.table in BLOCKS else table.__args__[1]
    assert _field_exists(entry_model, rule.field.split("."))


def test_every_table_and_block_of_the_file_has_rules():
    referring = {
        name
        for name, info in AnnotationsFile.model_fields.items()
        if name in {*TABLES.values(), *BLOCKS}
    }
    assert referring == {rule.table for rule in REFERENCES}


def _break_one(document: dict, rule: Reference) -> tuple[dict, str]:
    """A copy of the document with one reference of ``rule`` pointing at an unknown id (a note
    is added where the file has none to break)."""
    doc = copy.deepcopy(document)
    for slot in slots(doc, rule):
        value = slot.holder.get(slot.key)
        if isinstance(value, list) and value:
            value.append("no_such_id")
            return doc, slot.place
        if isinstance(value, str):
            slot.holder[slot.key] = "no_such_id" if value not in rule.literals else ["no_such_id"]
            return doc, slot.place
    if rule.field.endswith("note.sources"):
        holder_rule = replace(rule, field=rule.field.removesuffix(".sources"))
        slot = next(slots(doc, holder_rule))
        slot.holder[slot.key] = {"text": "A caution.", "sources": ["no_such_id"]}
        return doc, f"{slot.place} sources"
    raise AssertionError(f"nothing to break for {rule}")


@pytest.mark.parametrize("rule", REFERENCES, ids=lambda r: f"{r.table}.{r.field}")
def test_checking_reports_and_pruning_removes_each_broken_reference(
    document, annotations_copy, rule: Reference
):
    assert list(unresolved(document)) == []
    doc, place = _break_one(document, rule)
    found = [(r, s.place, i) for r, s, i in unresolved(doc)]
    assert found == [(rule, place, "no_such_id")]
    content, problems = load_annotations_for_app(annotations_copy(doc))
    assert any(place in p.place and "no_such_id" in p.message for p in problems), problems
    # the rest of the file survives: only the entry itself may go, and only where the rule says
    if rule.table in BLOCKS:
        assert getattr(content, rule.table) == getattr(load_annotations(), rule.table)
        return
    table = getattr(content, rule.table)
    entry_id = place.split(" ")[1]
    assert (entry_id in table) == (rule.on_missing != "drop_entry")
    assert len(table) >= len(document[rule.table]) - 1
