"""The saving process of the killed-save test.

It runs from a fork server (``multiprocessing``'s "forkserver": a fresh interpreter that imports
this module once and forks each child from itself). A plain fork of a test worker would inherit
the worker's Qt and VTK state, X connection included: on CI such a child crashed in garbage
collection and took the worker's X connection down with it.
"""

from __future__ import annotations

import os
import time
from typing import Any

from viewer.scene.camera import CameraPose
from viewer.scene.pins import Pin
from viewer.scene.scene_file import SceneDocument, SceneFocus, save_scene

PINS = 800


def scene(pins: int = 2, text: str = "note") -> SceneDocument:
    """A scene with every kind of field set, and ``pins`` pins whose texts start with ``text``."""
    return SceneDocument(
        camera=CameraPose.of([10.5, -400.25, 30.125], [0.0, 1.0, 2.0], [0.0, 0.0, 1.0]),
        visible=frozenset({"l5_vertebra", "s1_segment", "piriformis_left"}),
        faded=frozenset({"s1_segment"}),
        xray=True,
        selected="l5_vertebra",
        focus=SceneFocus("story", "s1_radiculopathy", "right"),
        voice="patient",
        text_scale=1.5,
        labels=False,
        pins=tuple(
            Pin(f"pin{n}", "l5_vertebra", n, (0.2, 0.3, 0.5), f"{text} {n}") for n in range(pins)
        ),
        pain_map={"strokes": [[1, 2, 3]], "anything": {"kept": True}},
    )


def save_forever(path: str, ready: Any, in_write: Any) -> None:
    """Save two large scenes in turn until killed. Each time the data of a save reach the disk
    (``os.fsync``, inside the write), say so on ``in_write`` and linger a moment before the
    rename."""
    docs = [scene(pins=PINS, text="first"), scene(pins=PINS, text="second")]
    save_scene(docs[0], path)
    real_fsync = os.fsync

    def fsync(fd: Any) -> None:  # os.fsync takes a number or anything with fileno()
        real_fsync(fd)
        in_write.send_bytes(b"w")
        time.sleep(0.02)

    os.fsync = fsync
    ready.set()
    n = 0
    while True:
        n += 1
        save_scene(docs[n % 2], path)
