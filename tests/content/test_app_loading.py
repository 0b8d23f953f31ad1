"""The app meets bad content with a clear message and keeps the rest usable."""

from __future__ import annotations

import json

from viewer import locations
from viewer.content import load_annotations_for_app


def _bundled() -> dict:
    return json.loads(locations.annotations_path().read_text(encoding="utf-8-sig"))


def test_good_content_loads_with_no_problems():
    content, problems = load_annotations_for_app()
    assert problems == []
    assert "l5_vertebra" in content.structures


def test_a_bad_entry_is_left_out_and_reported(tmp_path):
    data = _bundled()
    data["topics"]["outlook"]["student"] = 42  # schema error in one topic
    data["stories"]["piriformis_syndrome"]["highlight"].append("no_such_structure")
    del data["structures"]["femur_left"]  # a structure the model has
    f = tmp_path / "annotations.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    content, problems = load_annotations_for_app(f)
    text = "\n".join(map(str, problems))
    assert "outlook" not in content.topics and "$.topics.outlook.student" in text
    story = content.stories["piriformis_syndrome"]  # kept, without the dangling id
    assert "no_such_structure" not in story.highlight and "no_such_structure" in text
    assert "femur_left" in content.structures and "structure femur_left" in text
    # the rest is untouched
    assert "s1_radiculopathy" in content.stories and "risk_factors" in content.topics


def test_unusable_file_falls_back_to_the_bundled_content(tmp_path):
    f = tmp_path / "annotations.json"
    f.write_text('{"schema_version": 2, "title": ', encoding="utf-8")
    content, problems = load_annotations_for_app(f)
    assert "l5_vertebra" in content.structures
    assert any(":1:" in p.place or "line" in str(p) for p in problems), problems
    assert "bundled content" in str(problems[-1])
