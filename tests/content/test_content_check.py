"""``python -m viewer --check``: content and meshes checked together, every problem with its place."""

from __future__ import annotations

import copy
import json
import shutil

import pytest

from viewer.anatomy.structures import STRUCTURES
from viewer.content.check import main, run_check
from viewer.locations import CENTERLINE_SUFFIX, centerline_path, mesh_file, mesh_path


@pytest.fixture()
def mesh_dir(tmp_path):
    """A copy of the app's meshes: a sound file for every mesh and centreline it expects."""
    folder = tmp_path / "meshes"
    folder.mkdir()
    for spec in STRUCTURES:
        shutil.copy(mesh_file(spec.id), mesh_path(folder, spec.id))
        if spec.centerline:
            shutil.copy(mesh_file(spec.id, CENTERLINE_SUFFIX), centerline_path(folder, spec.id))
    return folder


def test_bundled_content_with_complete_meshes_has_no_problems(mesh_dir):
    assert run_check(None, mesh_dir) == []
    assert main(["--check", "--meshes", str(mesh_dir)]) == 0


def test_missing_mesh_and_centreline_are_named_by_id(mesh_dir, capsys):
    mesh_path(mesh_dir, "piriformis_left").unlink()
    centerline_path(mesh_dir, "sciatic_nerve_right").unlink()
    mesh_path(mesh_dir, "skin").write_bytes(b"")
    femur = mesh_path(mesh_dir, "femur_left")
    femur.write_bytes(femur.read_bytes()[:-1000])  # a half-written file: as the app refuses it
    problems = [str(p) for p in run_check(None, mesh_dir)]
    assert len(problems) == 4
    assert any(p.startswith("structure piriformis_left: mesh file missing") for p in problems)
    assert any(
        p.startswith("structure sciatic_nerve_right: centreline file missing") for p in problems
    )
    assert any(p.startswith("structure skin: mesh file empty") for p in problems)
    assert any(
        p.startswith("structure femur_left: mesh file") and "truncated" in p for p in problems
    )
    assert main(["--meshes", str(mesh_dir)]) == 1
    out = capsys.readouterr().out
    assert "piriformis_left" in out and "sciatic_nerve_right" in out


def test_json_syntax_error_is_printed_with_line_and_column_and_no_traceback(
    mesh_dir, tmp_path, document, capsys
):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(document, indent=2).replace('"schema_version": 2,', '"schema_version": 2,,'),
        encoding="utf-8",
    )
    assert main(["--annotations", str(bad), "--meshes", str(mesh_dir)]) == 1
    captured = capsys.readouterr()
    assert f"{bad}:2:" in captured.out and "JSON syntax error" in captured.out
    assert "Traceback" not in captured.out + captured.err


def test_schema_and_reference_problems_are_printed_with_their_place(
    mesh_dir, tmp_path, document, capsys
):
    doc = copy.deepcopy(document)
    doc["structures"]["sciatic_nerve_left"]["side"] = "middle"
    bad = tmp_path / "a.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["--annotations", str(bad), "--meshes", str(mesh_dir)]) == 1
    assert "$.structures.sciatic_nerve_left.side" in capsys.readouterr().out

    doc = copy.deepcopy(document)
    doc["paths"]["s1_left"]["structures"].append("sciatic_nerve_right")
    doc["stories"]["referred_pain"]["topic"] = "prevention"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    problems = [str(p) for p in run_check(bad, mesh_dir)]
    assert any(
        "path s1_left" in p and "'sciatic_nerve_right' is on the other side" in p for p in problems
    )
    assert any("story referred_pain" in p and "not a mechanism" in p for p in problems)


def test_bad_arguments_and_missing_folders_end_in_a_message(tmp_path, capsys):
    assert main(["--meshes", str(tmp_path / "none")]) == 1
    assert "mesh folder not found" in capsys.readouterr().out
    assert main(["--no-such-flag"]) == 2
