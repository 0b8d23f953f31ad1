"""Scene files below the widgets: what is written reads back the same, a newer or foreign file
opens as far as it can and says what it left out, and a save killed half-way never leaves a
broken file."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import time
from pathlib import Path

import jsonschema
import pytest

from tests.scene.saving_child import PINS, save_forever, scene
from viewer.scene.scene_file import (
    SCENE_VERSION,
    SCHEMA_FILE,
    SceneFileError,
    parse_scene,
    read_scene,
    restrict,
    save_scene,
    scene_to_text,
)

KILL_TRIALS = 50
_doc = scene


def test_a_scene_reads_back_exactly_and_matches_its_json_schema(tmp_path):
    doc = _doc()
    path = save_scene(doc, tmp_path / "a.l5s1scene")
    data = json.loads(path.read_text())
    jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text()))
    assert data["schema_version"] == SCENE_VERSION
    read = read_scene(path)
    assert read.left_out == []
    assert read.document == doc
    assert read.document.pain_map == {"strokes": [[1, 2, 3]], "anything": {"kept": True}}


def test_a_newer_file_opens_as_far_as_it_can_and_says_what_was_left(tmp_path):
    data = json.loads(scene_to_text(_doc()))
    data["schema_version"] = SCENE_VERSION + 1
    data["hologram"] = {"brightness": 3}
    data["voice"] = "robot"
    data["pins"].append({"id": "x", "structure": "l5_vertebra", "face": -1})
    read = parse_scene(json.dumps(data))
    left = "\n".join(read.left_out)
    assert "newer version" in left and "hologram" in left and "robot" in left and "pin 3" in left
    assert read.document.xray is True and read.document.voice == "student"
    assert len(read.document.pins) == 2


def test_unknown_ids_are_left_out_and_listed():
    data = json.loads(scene_to_text(_doc()))
    data["visible"].append("l6_vertebra")
    data["pins"].append(
        {"id": "p9", "structure": "tail", "face": 0, "barycentric": [1, 0, 0], "text": "t"}
    )
    data["focus"] = {"kind": "story", "key": "gout", "side": None}
    read = restrict(
        parse_scene(json.dumps(data)),
        {"l5_vertebra", "s1_segment", "piriformis_left"},
        {"story": ["s1_radiculopathy"]},
        {"l5_vertebra": 1},
    )
    left = "\n".join(read.left_out)
    assert "l6_vertebra" in left and "tail" in left and "gout" in left
    assert "l5_vertebra has no triangle 1" in left  # pin1 sits on triangle 1 of a 1-triangle mesh
    doc = read.document
    assert doc.visible is not None and "l6_vertebra" not in doc.visible and doc.focus is None
    assert [p.id for p in doc.pins] == ["pin0"]


@pytest.mark.parametrize("text", ["", "[]", "{]", '{"camera": 1}', '{"schema_version": NaN}'])
def test_what_is_no_scene_at_all_is_refused(text):
    with pytest.raises(SceneFileError):
        parse_scene(text)


def test_a_broken_camera_is_left_out_not_used():
    data = json.loads(scene_to_text(_doc()))
    data["camera"]["position"] = data["camera"]["focal_point"]
    read = parse_scene(json.dumps(data))
    assert read.document.camera is None and any("camera" in x for x in read.left_out)


def test_a_save_killed_half_way_leaves_a_whole_file(tmp_path):
    """50 saving processes, each killed during a write (every other one the moment its data are
    on the disk, before the rename; the others at a random moment): the file is whole every
    time, and it is one of the two scenes."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.scene.saving_child"])
    rng = random.Random(11)
    expected = [_doc(pins=PINS, text=t) for t in ("first", "second")]
    mid_write = broken = 0
    for trial in range(KILL_TRIALS):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        path = folder / "class.l5s1scene"
        ready = ctx.Event()
        listen, say = ctx.Pipe(duplex=False)
        child = ctx.Process(target=save_forever, args=(str(path), ready, say), daemon=True)
        child.start()
        try:
            assert ready.wait(60)
            if trial % 2 == 0:
                assert listen.poll(30)  # the child is inside a write, past fsync, before the rename
            else:
                time.sleep(rng.uniform(0.0, 0.1))
        finally:
            child.kill()
            child.join(10)
            listen.close()
            say.close()
        mid_write += any(p.name.endswith(".tmp") for p in folder.iterdir())
        try:
            read = read_scene(path)
            broken += read.document not in expected or bool(read.left_out)
        except SceneFileError:
            broken += 1
    print(f"kill trials: {KILL_TRIALS}, killed inside a write: {mid_write}, broken: {broken}")
    assert broken == 0
    assert mid_write >= KILL_TRIALS // 2, mid_write


def test_save_is_atomic_by_replace(tmp_path, monkeypatch):
    """A save that fails before the rename leaves the old file as it was."""
    path = save_scene(_doc(text="old"), tmp_path / "s.l5s1scene")
    before = path.read_bytes()

    def fail(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        save_scene(_doc(text="new"), path)
    assert path.read_bytes() == before
    assert [p.name for p in Path(tmp_path).iterdir()] == ["s.l5s1scene"]
