"""The interspinous ligament's fibres, measured on the built mesh: they run obliquely backwards
and upwards from the lower spinous process (here the sacral crest's top) to the lower border of
the one above (Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine, ch. 4; Heylings
1978). Blind review s41 (reviewer A): its striation read as running forwards and up, its ridges
30 deg from the vertical at an interspace that itself leans forward at the top."""

from __future__ import annotations

import numpy as np
from scipy.interpolate import griddata
from scipy.ndimage import binary_erosion, gaussian_filter
from scipy.spatial import cKDTree

ISL = "interspinous_ligament"
#: the grid its face is sampled on, mm
STEP = 0.3


def _axis(model) -> np.ndarray:
    """The interspace's own axis, (y, z), up: from the middle of its attachment on the sacral
    crest's top to the middle of its attachment on the L5 spinous process's lower border (its
    vertices within 2 mm of a vertex of each bone)."""
    v = model.mesh(ISL).vertices
    sacrum = np.vstack([model.mesh(b).vertices for b in ("s1_segment", "sacrum_lower")])
    ends = []
    for bone in (model.mesh("l5_vertebra").vertices, sacrum):
        near = cKDTree(bone).query(v, distance_upper_bound=2.0)[0] < 2.0
        ends.append(v[near].mean(axis=0))
    axis = (ends[0] - ends[1])[1:]
    return axis / np.linalg.norm(axis)


def _ridges(mesh) -> np.ndarray:
    """The direction (y, z), up, of the ridges on its right face: the face's relief (how far its
    vertices facing right stand out, gridded, less its own smoothing over 1.5 mm) and the
    direction along which that relief changes least (the structure tensor of its gradient,
    away from the rims)."""
    v, normals = mesh.vertices, mesh.vertex_normals
    face = v[normals[:, 0] > 0.5]
    ys = np.arange(v[:, 1].min(), v[:, 1].max(), STEP)
    zs = np.arange(v[:, 2].min(), v[:, 2].max(), STEP)
    gy, gz = np.meshgrid(ys, zs)
    relief = griddata(face[:, 1:], face[:, 0], (gy, gz), method="linear")
    hit = np.isfinite(relief)
    inner = binary_erosion(hit, iterations=int(3.0 / STEP))
    filled = np.where(hit, relief, np.nanmean(relief))
    relief = filled - gaussian_filter(filled, 1.5 / STEP)
    dz, dy = np.gradient(relief, STEP)
    dy, dz = dy[inner], dz[inner]
    tensor = np.array([[dy @ dy, dy @ dz], [dy @ dz, dz @ dz]])
    across = np.linalg.eigh(tensor)[1][:, 1]
    along = np.array([-across[1], across[0]])
    return along if along[1] > 0 else -along


def _back_from(direction: np.ndarray, reference: np.ndarray) -> float:
    """How far (degrees) ``direction`` (y, z) leans back (towards -y) from ``reference``."""
    cross = reference[0] * direction[1] - reference[1] * direction[0]
    return float(np.degrees(np.arctan2(cross, direction @ reference)))


def test_interspinous_fibres_run_backwards_and_upwards_across_the_interspace(model):
    """Its ridges (its fibre bundles) run up and back, clearly oblique to the interspace: at
    least 50 deg back from its own axis (the line joining its attachments on the crest's top
    and the L5 spinous process's lower border) and at least 30 deg back from the vertical (the
    side view), at most 60 deg from the vertical (not lying along the borders)."""
    axis = _axis(model)
    ridges = _ridges(model.mesh(ISL))
    from_axis = _back_from(ridges, axis)
    from_vertical = _back_from(ridges, np.array([0.0, 1.0]))
    assert from_axis >= 50.0, f"its ridges {from_axis:.0f} deg back from its axis {axis.round(2)}"
    assert 30.0 <= from_vertical <= 60.0, f"its ridges {from_vertical:.0f} deg from the vertical"
