"""The S1 posterior arch that LLP26 lacks: the S1 laminae and the S1 spinous tubercle.

LLP26's mean sacrum has no bone behind the top of the sacral canal (the canal's top opening is
carved back through the space it fills, :mod:`viewer.anatomy.sacral_carving`). Behind S1 lie:

* **S1 laminae**: a roof over the canal, the two laminae meeting in the midline at an angle, so
  that the canal at S1 is triangular in section (its base the back of the S1 body, its apex
  behind, under the spinous tubercle; Gray's Anatomy 42nd ed., "Sacrum"). Each lamina is a plate
  ``S1_LAMINA_THICKNESS`` thick whose canal face runs forwards as it runs out to the side
  (``S1_LAMINA_SLOPE``), from the midline out into the bone beside the canal;
* **S1 spinous tubercle**: the first and largest tubercle of the median sacral crest, a rounded
  knob on the back of the laminae, standing up towards the L5 spinous process, one interspinous
  space below it (``S1_TUBERCLE_*``).

Both are one signed-distance shape, its parts blended, meshed and added to the carved sacrum
(after the canal is carved, so the canal's cutter leaves them whole). The sacrum is then divided
between S1 and S2 by :func:`s1_region`: the plane of :mod:`sacral_carving` in front, and behind
the canal a plane just below the S1 arch, so the arch belongs to ``s1_segment``.
"""

from __future__ import annotations

import manifold3d
import numpy as np

from . import implicit as imp
from . import meshing
from . import parameters as P
from .frame import unit
from .geometry import to_manifold
from .sacral_carving import SacralCarving


def _canal_centre_y(canal_path: np.ndarray, z: np.ndarray) -> np.ndarray:
    """The canal centreline's ``y`` at heights ``z`` (its top stretch, straight on beyond)."""
    top = canal_path[1:8]
    order = np.argsort(top[:, 2])
    return np.interp(z, top[order, 2], top[order, 1])


def _arch_sdf(canal_path: np.ndarray) -> imp.SDF:
    """The laminae and the spinous tubercle, one blended shape (model frame)."""
    behind = P.S1_LAMINA_BEHIND_CANAL_CENTRE
    slope = P.S1_LAMINA_SLOPE
    t = P.S1_LAMINA_THICKNESS
    cos = 1.0 / np.hypot(1.0, slope)
    z_low, z_top = P.S1_LAMINA_BOTTOM, P.S1_LAMINA_TOP
    reach = P.S1_LAMINA_HALF_SPAN

    r = P.S1_LAMINA_ROUNDING

    def laminae(p: np.ndarray) -> np.ndarray:
        x, y, z = p[:, 0], p[:, 1], p[:, 2]
        inner = _canal_centre_y(canal_path, z) - behind + slope * np.abs(x)
        # across the plate (its canal face at ``inner``, its back face ``t`` behind), its rims
        # rounded by ``r``: a box shrunk by ``r`` and grown back
        across = (np.abs(y - (inner - 0.5 * t / cos)) - 0.5 * t / cos) * cos + r
        # its upper border arches up laterally, towards the articular processes
        top = z - (z_top + P.S1_LAMINA_TOP_RISE * x * x) + r
        bottom = z_low - z
        side = np.abs(x) - reach + r
        inside = np.minimum(np.maximum.reduce([across, top, side]), 0.0)
        out = np.sqrt(
            np.clip(across, 0, None) ** 2 + np.clip(top, 0, None) ** 2 + np.clip(side, 0, None) ** 2
        )
        return np.maximum(out + inside - r, bottom)

    zc = P.S1_TUBERCLE_TOP - P.S1_TUBERCLE_RADII[2]
    yc = float(_canal_centre_y(canal_path, np.array([zc]))[0]) - P.S1_TUBERCLE_BEHIND_CANAL_CENTRE
    tubercle = imp.ellipsoid((0.0, yc, zc), P.S1_TUBERCLE_RADII)
    # the tubercle's root: a low keel down the back of the laminae into the median crest below
    keel_top = np.array([0.0, yc + 1.0, zc - 1.0])
    keel_bottom = np.array(
        [0.0, float(_canal_centre_y(canal_path, np.array([z_low]))[0]) - behind - t, z_low]
    )
    keel = imp.capsule(keel_top, keel_bottom, P.S1_TUBERCLE_RADII[0] * 0.6)
    return imp.smooth_union(P.S1_ARCH_BLEND, laminae, tubercle, keel)


def s1_arch(cut: SacralCarving) -> manifold3d.Manifold:
    """The S1 laminae and spinous tubercle as a solid, to add to the carved sacrum."""
    shape = _arch_sdf(cut.canal_path)
    ys = _canal_centre_y(cut.canal_path, np.array([P.S1_LAMINA_BOTTOM, P.S1_TUBERCLE_TOP]))
    reach = P.S1_LAMINA_HALF_SPAN + 4.0
    lo = (-reach, float(ys.min()) - 40.0, P.S1_LAMINA_BOTTOM - 6.0)
    hi = (reach, float(ys.max()) + 12.0, P.S1_TUBERCLE_TOP + 8.0)
    mesh = meshing.mesh_sdf(
        shape, (lo, hi), voxel=0.5, target_faces=P.S1_ARCH_FACES, smooth_iterations=4
    )
    return to_manifold(mesh)


def _halfspace(point: np.ndarray, normal: np.ndarray, size: float = 600.0) -> manifold3d.Manifold:
    """A cube ``size`` mm across whose face through ``point`` faces ``-normal`` (the side
    ``normal`` points to: a half-space for the bones' purposes)."""
    n = unit(np.asarray(normal, float))
    cube = manifold3d.Manifold.cube((size, size, size), center=True)
    cube = cube.translate((0.0, 0.0, size / 2))  # occupies z >= 0
    # rotate +z onto n
    z = np.array([0.0, 0.0, 1.0])
    v = np.cross(z, n)
    c = float(z @ n)
    if np.linalg.norm(v) < 1e-9:
        r = np.eye(3) if c > 0 else np.diag([1.0, -1.0, -1.0])
    else:
        vx = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
        r = np.eye(3) + vx + vx @ vx / (1.0 + c)
    m = np.column_stack([r, np.asarray(point, float)])
    return cube.transform(m)


def back_cut(cut: SacralCarving) -> tuple[np.ndarray, np.ndarray]:
    """The plane dividing S1 from S2 behind the canal (point, normal pointing up into S1): across
    the sacrum just below the S1 arch."""
    tilt = np.radians(P.S1_BACK_CUT_TILT)  # rising backwards, across the laminae
    n = np.array([0.0, np.sin(tilt), np.cos(tilt)])
    z = P.S1_BACK_CUT_HEIGHT
    y = float(_canal_centre_y(cut.canal_path, np.array([z]))[0]) - P.S1_LAMINA_BEHIND_CANAL_CENTRE
    return np.array([0.0, y, z]), n


def s1_region(cut: SacralCarving) -> manifold3d.Manifold:
    """What belongs to ``s1_segment``: in front of (above) the S1/S2 plane of ``cut``, and behind
    the canal above :func:`back_cut` as well."""
    point, normal = back_cut(cut)
    return _halfspace(cut.cut_point, cut.cut_normal) + _halfspace(point, normal)
