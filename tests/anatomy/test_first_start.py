"""The first start recovers from any interrupted or damaged build of the derived bones.

Writes are atomic (temporary file, fsync, replace), so a build killed at any moment leaves each
file either whole or absent; the first-start check validates the files rather than testing that
they exist, so an empty or damaged one is rebuilt.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from viewer import locations
from viewer.anatomy.derived_landmarks import recorded_landmarks, recorded_tunnels
from viewer.anatomy.mesh_validation import (
    derivation_recipe,
    read_ply,
    record_derivation,
    unusable_derived_meshes,
)
from viewer.anatomy.structures import STRUCTURES

ROOT = Path(__file__).resolve().parents[2]
DERIVED = [s.id for s in STRUCTURES if s.derived]


def _build(out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "viewer.anatomy",
            "build",
            "--derived-only",
            "--out",
            str(out),
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _copy_derived(to: Path) -> None:
    """The derived bones the suite uses, and the note of the code that built them."""
    for sid in DERIVED:
        locations.mesh_path(to, sid).write_bytes(locations.mesh_file(sid).read_bytes())
    record_derivation(to)


def test_a_damaged_or_empty_derived_file_is_named(tmp_path):
    _copy_derived(tmp_path)
    assert unusable_derived_meshes(tmp_path) == {}
    hip = locations.mesh_path(tmp_path, "hip_bone_left")
    hip.write_bytes(hip.read_bytes()[:5000])  # a disk that filled during the first start
    locations.mesh_path(tmp_path, "femur_right").write_bytes(b"")
    unusable = unusable_derived_meshes(tmp_path)
    assert set(unusable) == {"hip_bone_left", "femur_right"}
    assert "truncated" in unusable["hip_bone_left"] and "empty" in unusable["femur_right"]


def test_derived_bones_built_by_other_code_are_named(tmp_path):
    """After an update (the model-building code changed), the derived bones on disk are sound
    files of the old shapes: each is named."""
    _copy_derived(tmp_path)
    stamp = tmp_path / locations.DERIVED_RECIPE_NAME
    stamp.write_text("0" * 64, encoding="ascii")  # built by another version
    unusable = unusable_derived_meshes(tmp_path)
    assert set(unusable) == set(DERIVED)
    assert all("other code" in why for why in unusable.values())
    stamp.unlink()  # built before the note existed
    assert set(unusable_derived_meshes(tmp_path)) == set(DERIVED)


def test_the_next_start_after_a_killed_one_mends_damaged_bones_and_bones_of_other_code(
    tmp_path, lm
):
    """One start mends everything (one build: each costs the whole derivation). Among bones of an
    older version, a truncated and an empty file; a start is killed at a time drawn from its
    seed (what it leaves is whole, or the files as they were); the next start names the damaged
    files, rebuilds them, notes the new code and keeps the landmarks it found beside them (the
    same as the derived bones the suite reads)."""
    _copy_derived(tmp_path)
    hip = locations.mesh_path(tmp_path, "hip_bone_left")
    hip.write_bytes(hip.read_bytes()[:5000])
    locations.mesh_path(tmp_path, "femur_right").write_bytes(b"")
    stamp = tmp_path / locations.DERIVED_RECIPE_NAME
    stamp.write_text("0" * 64, encoding="ascii")
    planted = {f: f.read_bytes() for f in tmp_path.glob(f"*{locations.MESH_SUFFIX}")}
    killed = _build(tmp_path, "--if-missing")
    time.sleep(random.Random(1).uniform(0.5, 6.0))
    if killed.poll() is None:
        os.killpg(killed.pid, signal.SIGKILL)
    killed.wait(timeout=60)
    for f in tmp_path.glob(f"*{locations.MESH_SUFFIX}"):
        if f.read_bytes() != planted.get(f):
            read_ply(f)  # whatever it wrote is whole
    proc = _build(tmp_path, "--if-missing")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert b"hip_bone_left" in err and b"femur_right" in err and b"rebuilding" in err
    assert stamp.read_text(encoding="ascii") == derivation_recipe()
    assert unusable_derived_meshes(tmp_path) == {}
    kept = recorded_landmarks(tmp_path)
    assert kept is not None and set(kept) == set(lm)
    for name, value in lm.items():
        assert np.allclose(kept[name], value, atol=1e-6), name
    foramina = recorded_tunnels(tmp_path)
    assert foramina is not None and len(foramina) == 8  # S3 and S4, front and back, both sides
    assert all(t.half_height > 0.0 and t.path.shape[1] == 3 for t in foramina.values())


def _kill_and_recover(tmp_path: Path, seed: int) -> None:
    out = tmp_path / f"trial_{seed}"
    proc = _build(out)
    time.sleep(random.Random(seed).uniform(0.5, 6.0))
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    # whatever was written is whole: no half-written mesh, no temporary file left as a mesh
    for f in out.glob(f"*{locations.MESH_SUFFIX}") if out.exists() else []:
        read_ply(f)
    # the next start finishes the job
    again = _build(out, "--if-missing")
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err.decode()[-2000:]
    assert unusable_derived_meshes(out) == {}


@pytest.mark.nightly
def test_fifty_killed_builds_all_recover(tmp_path):
    for seed in range(50):
        _kill_and_recover(tmp_path, 100 + seed)
