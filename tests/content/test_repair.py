"""Content can never stop the app (issue 13, part 3; issue 10, part 8): one misspelled id costs
what holds it, said in one line; ``--check``, the window and ``--screenshot`` say the same."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest

from viewer import locations
from viewer.content import load_annotations_for_app
from viewer.content.check import run_check
from viewer.content.loader import content_problems
from viewer.content.repair import Repair


def _open(annotations_copy, doc: dict):
    path = annotations_copy(doc)
    content, problems = load_annotations_for_app(path)
    lines = [str(p) for p in problems]
    assert all("\n" not in line for line in lines)
    assert [str(p) for p in content_problems(path)] == lines, "--check says what the app says"
    return content, lines, path


def test_a_misspelled_section_leaves_out_its_topic_with_a_message(annotations_copy, document):
    doc = copy.deepcopy(document)
    doc["topics"]["outlook"]["sections"] = ["anatomyy"]
    content, lines, path = _open(annotations_copy, doc)
    assert lines == [
        f"{path} topic outlook sections: unknown section id 'anatomyy'; the topic outlook is "
        "left out"
    ]
    assert "outlook" not in content.topics and "summary" in content.topics


def test_a_misspelled_section_among_others_costs_only_the_link(annotations_copy, document):
    doc = copy.deepcopy(document)
    doc["topics"]["discectomy"]["sections"].append("anatomyy")
    content, lines, _ = _open(annotations_copy, doc)
    assert content.topic("discectomy").sections == document["topics"]["discectomy"]["sections"]
    assert len(lines) == 1 and lines[0].endswith("unknown section id 'anatomyy'")


def test_a_story_without_a_known_highlight_is_left_out(annotations_copy, document):
    doc = copy.deepcopy(document)
    doc["stories"]["piriformis_syndrome"]["highlight"] = ["piriformiss", "sciatic_nerv"]
    content, lines, _ = _open(annotations_copy, doc)
    assert "piriformis_syndrome" not in content.stories and "referred_pain" in content.stories
    assert [line.split(": ", 1)[1] for line in lines] == [
        "unknown structure id 'piriformiss'",
        "unknown structure id 'sciatic_nerv'; the story piriformis_syndrome is left out",
    ]


@pytest.mark.parametrize("field", ["stages", "structures"])
def test_a_path_with_no_known_stage_or_structure_is_left_out_and_what_used_it_is_told(
    annotations_copy, document, field
):
    doc = copy.deepcopy(document)
    if field == "stages":
        for stage in doc["paths"]["s1_left"]["stages"]:
            stage["structure"] = "nope"
    else:
        doc["paths"]["s1_left"]["structures"] = ["nope"]
    content, lines, _ = _open(annotations_copy, doc)
    assert set(content.paths) == {"s1_right"}
    assert any(line.endswith("the path s1_left is left out") for line in lines)
    users = [s for s, story in document["stories"].items() if story["nerve_path"] == "s1_left"]
    assert users and all(content.story(s).nerve_path is None for s in users)
    assert all(
        any(f"story {s} nerve_path: the path 's1_left' was left out" in line for line in lines)
        for s in users
    )


def test_a_bad_structure_costs_one_line_not_nineteen(annotations_copy, document):
    """Issue 10: for one bad file --check reported 1 problem and the app 19 (every reference to
    the structure, although the structure then took its bundled entry)."""
    doc = copy.deepcopy(document)
    doc["structures"]["l5_vertebra"]["colour"] = "red"
    content, lines, path = _open(annotations_copy, doc)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path} $.structures.l5_vertebra.colour: String should match")
    assert lines[0].endswith("; the bundled entry is used")
    assert (
        content.structure("l5_vertebra").colour == document["structures"]["l5_vertebra"]["colour"]
    )
    assert [str(p) for p in run_check(path, None)][:1] == lines


def test_a_fault_outside_the_entries_opens_the_bundled_content(annotations_copy, document):
    doc = copy.deepcopy(document)
    doc["sections"][0]["title"] = ""
    content, lines, path = _open(annotations_copy, doc)
    assert lines[0].startswith(f"{path} $.sections[0].title:")
    assert lines[-1] == f"{path}: could not be used; the bundled content is shown instead"
    assert len(content.topics) == len(document["topics"])


def test_every_loading_step_is_guarded(annotations_copy, document, monkeypatch):
    """A fault no rule foresaw (here: a bug planted in the repair) still opens the app."""

    def broken(self):
        raise RecursionError("maximum recursion depth exceeded\nwith a second line")

    monkeypatch.setattr(Repair, "run", broken)
    content, lines, path = _open(annotations_copy, document)
    assert "l5_vertebra" in content.structures
    assert lines[0].startswith(f"{path}: could not be read (RecursionError(")
    assert "bundled content" in lines[-1]


def test_the_same_lines_from_check_and_screenshot(annotations_copy, document, tmp_path):
    """``--screenshot`` with a misspelled section writes its picture and prints, one line each,
    what ``--check`` prints."""
    doc = copy.deepcopy(document)
    doc["topics"]["outlook"]["sections"] = ["anatomyy"]
    path = annotations_copy(doc)
    out = tmp_path / "shot.png"
    run = subprocess.run(
        [sys.executable, "-m", "viewer", "--screenshot", str(out), "--size", "160x120"]
        + ["--annotations", str(path), "--no-labels"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=locations.annotations_path().parent,
    )
    assert run.returncode == 0, run.stderr
    assert out.is_file() and out.stat().st_size > 0
    assert "Traceback" not in run.stderr
    prefix = "content problem: "
    told = [line.removeprefix(prefix) for line in run.stderr.splitlines() if prefix in line]
    checked = subprocess.run(
        [sys.executable, "-m", "viewer", "--check", "--annotations", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=locations.annotations_path().parent,
    )
    assert checked.returncode == 1
    content_lines = [line for line in checked.stdout.splitlines() if line.startswith(str(path))]
    assert content_lines == told and len(told) == 1  # (--check goes on with the meshes)


def test_the_window_opens_with_a_misspelled_section(
    qtbot, annotations_copy, document, viewer_mesh_dir
):
    from viewer import MainWindow

    doc = copy.deepcopy(document)
    doc["topics"]["outlook"]["sections"] = ["anatomyy"]
    content, problems = load_annotations_for_app(annotations_copy(doc))
    window = MainWindow(content, viewer_mesh_dir)
    qtbot.addWidget(window)
    window.show()
    window.report_content_problems(problems)
    assert window.errors == []
    assert "outlook" not in window.content.topics
    window.close()
