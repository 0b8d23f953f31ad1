"""The schema, its exported JSON Schema, and the one loader's clear errors."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from viewer.anatomy.structures import BY_ID, ids
from viewer.content import ContentError, load_annotations
from viewer.content.schema import SCHEMA_FILE, json_schema


def test_exported_json_schema_is_up_to_date():
    on_disk = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert on_disk == json_schema(), (
        'annotations.schema.json is stale: run python -c "from viewer.content.schema import '
        'write_json_schema; write_json_schema()"'
    )


def test_bundled_file_is_valid_against_the_exported_json_schema(document):
    jsonschema.validate(document, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_exported_json_schema_rejects_a_bad_colour(document):
    doc = copy.deepcopy(document)
    doc["structures"]["l5_vertebra"]["colour"] = "ivory"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, json_schema())


def test_every_structure_id_has_one_entry_with_its_group_and_side(annotations):
    assert set(annotations.structures) == set(BY_ID)
    for sid, entry in annotations.structures.items():
        assert entry.id == sid
        assert (entry.group, entry.side) == (BY_ID[sid].group, BY_ID[sid].side)
    assert set(ids("conditions")) <= set(annotations.structures)
    assert "skin" in annotations.structures


def test_disclaimer_says_the_app_teaches_and_does_not_diagnose(annotations):
    text = annotations.disclaimer.lower()
    assert "does not diagnose" in text and "clinician" in text


def test_syntax_error_names_file_line_and_column(annotations_copy, document):
    text = json.dumps(document, indent=2).splitlines()
    text[3] = text[3] + " oops"  # line 4 of the file
    path = annotations_copy("\n".join(text))
    with pytest.raises(ContentError) as err:
        load_annotations(path)
    (problem,) = err.value.problems
    assert problem.place.startswith(f"{path}:4:")
    assert "JSON syntax error" in problem.message
    assert f"{path}:4:" in str(err.value)


def test_schema_error_names_the_json_path(annotations_copy, document):
    doc = copy.deepcopy(document)
    doc["structures"]["femur_left"]["colour"] = "bone"
    del doc["topics"]["discectomy"]["student"]
    with pytest.raises(ContentError) as err:
        load_annotations(annotations_copy(doc))
    places = [p.place.split(" ", 1)[1] for p in err.value.problems]
    assert "$.structures.femur_left.colour" in places
    assert "$.topics.discectomy.student" in places


def test_camera_needs_a_named_view_or_a_full_position(annotations_copy, document):
    doc = copy.deepcopy(document)
    doc["stories"]["referred_pain"]["camera"] = {"position": [0, -500, 0]}
    with pytest.raises(ContentError) as err:
        load_annotations(annotations_copy(doc))
    assert any("$.stories.referred_pain.camera" in p.place for p in err.value.problems)
    doc["stories"]["referred_pain"]["camera"] = {
        "position": [-400.0, -400.0, 100.0],
        "focal_point": [0.0, 0.0, 0.0],
        "view_up": [0.0, 0.0, 1.0],
        "zoom": 1.5,
    }
    assert load_annotations(annotations_copy(doc)).story("referred_pain").camera.zoom == 1.5


def test_unknown_ids_and_missing_entries_are_named(annotations_copy, document):
    doc = copy.deepcopy(document)
    doc["structures"]["l5_vertebra"]["related"].append("l6_vertebra")
    doc["stories"]["piriformis_syndrome"]["highlight"].append("gluteus_maximus_left")
    doc["stories"]["piriformis_syndrome"]["conditions"].append("femur_left")
    doc["topics"]["discectomy"]["sections"].append("epilogue")
    del doc["structures"]["supraspinous_ligament"]
    doc["structures"]["coccyx"] = doc["structures"]["sacrum_lower"]
    with pytest.raises(ContentError) as err:
        load_annotations(annotations_copy(doc))
    text = "\n".join(str(p) for p in err.value.problems)
    for needle in (
        "'l6_vertebra'",
        "'gluteus_maximus_left'",
        "'femur_left'",
        "'epilogue'",
        "structure supraspinous_ligament: listed in viewer/anatomy/structures.py",
        "structure coccyx: has an entry but is not in",
    ):
        assert needle in text
    # the removed entry is also reported wherever it was referred to
    assert any("item supraspinous" in p.place for p in err.value.problems)


def test_duplicate_key_is_reported_not_silently_overwritten(annotations_copy, document):
    text = json.dumps(document, indent=2)
    text = text.replace('"title": "How a problem', '"title": "x",\n  "title": "How a problem', 1)
    with pytest.raises(ContentError) as err:
        load_annotations(annotations_copy(text))
    assert "appears twice" in str(err.value)


def test_missing_file_is_a_content_error(tmp_path):
    with pytest.raises(ContentError) as err:
        load_annotations(tmp_path / "nowhere.json")
    assert "cannot read" in err.value.problems[0].message
