"""The S1 posterior arch that LLP26 lacks: the S1 laminae and the S1 spinous tubercle.

LLP26's mean sacrum has no bone behind the top of the sacral canal (the canal's top opening is
carved back through the space it fills, :mod:`viewer.anatomy.sacral_carving`). Behind S1 lie:

* **S1 laminae**: a roof over the canal, the two laminae meeting in the midline at an angle, so
  that the canal at S1 is triangular in section (its base the back of the S1 body, its apex
  behind, under the spinous tubercle; Gray's Anatomy 42nd ed., "Sacrum"). Each lamina is a plate
  whose canal face runs forwards as it runs out to the side (``S1_LAMINA_SLOPE``), out into the
  bone beside the canal, and whose back face carries LLP26's dorsal surface below the opening on
  up over it (:func:`dorsal_line`): thin (``S1_LAMINA_THICKNESS``) at its free upper border,
  thickening down into the bone, a broad sloping plate seen from behind;
* **S1 spinous tubercle**: the first and largest tubercle of the median sacral crest, a rounded
  knob on the back of the laminae, standing up towards the L5 spinous process, one interspinous
  space below it (``S1_TUBERCLE_*``).

Both are one signed-distance shape, its parts blended, meshed and added to the carved sacrum
(after the canal is carved, so the canal's cutter leaves them whole). The S1/S2 plane of
:mod:`sacral_carving` passes below them, so the arch belongs to ``s1_segment``.
"""

from __future__ import annotations

import manifold3d
import numpy as np
import trimesh

from . import implicit as imp
from . import meshing
from . import parameters as P
from .geometry import ray_hits, to_manifold
from .sacral_carving import SacralCarving


def _canal_centre_y(canal_path: np.ndarray, z: np.ndarray) -> np.ndarray:
    """The canal centreline's ``y`` at heights ``z`` (its top stretch, straight on beyond)."""
    top = canal_path[1:8]
    order = np.argsort(top[:, 2])
    return np.interp(z, top[order, 2], top[order, 1])


def dorsal_line(carved: trimesh.Trimesh) -> tuple[np.ndarray, np.ndarray]:
    """The dorsal surface just below the canal's top opening, as ``y = a(|x|) + b(|x|) z``:
    read by rays from behind at ``S1_LAMINA_DORSAL_LEVELS``, a line fitted at each of
    ``S1_LAMINA_DORSAL_COLUMNS`` and its coefficients smoothed across (polynomials in ``x²``).
    Returns the two coefficient polynomials (highest power first)."""
    zs = np.asarray(P.S1_LAMINA_DORSAL_LEVELS, float)
    xs = np.asarray(P.S1_LAMINA_DORSAL_COLUMNS, float)
    rows = []
    for x in xs:
        ys = [
            ray_hits(carved, np.array([x, -150.0, z]), np.array([0.0, 1.0, 0.0]))[0] - 150.0
            for z in zs
        ]
        rows.append(np.polyfit(zs, ys, 1))
    b, a = np.asarray(rows).T
    return np.polyfit(xs**2, a, 2), np.polyfit(xs**2, b, 2)


def _arch_sdf(canal_path: np.ndarray, dorsal: tuple[np.ndarray, np.ndarray]) -> imp.SDF:
    """The laminae and the spinous tubercle, one blended shape (model frame)."""
    behind = P.S1_LAMINA_BEHIND_CANAL_CENTRE
    slope = P.S1_LAMINA_SLOPE
    t = P.S1_LAMINA_THICKNESS
    z_low, z_top = P.S1_LAMINA_BOTTOM, P.S1_LAMINA_TOP
    reach = P.S1_LAMINA_HALF_SPAN
    r = P.S1_LAMINA_ROUNDING
    pa, pb = dorsal

    def laminae(p: np.ndarray) -> np.ndarray:
        x, y, z = p[:, 0], p[:, 1], p[:, 2]
        # the canal face: behind the canal, further forwards out to the side (a triangular
        # canal); the back face: the dorsal surface below carried on up over the opening (sunk
        # a little into it), at least ``t`` behind the canal face: a plate thin at its free
        # upper border, thickening down into the bone, broad from behind
        inner = _canal_centre_y(canal_path, z) - behind + slope * np.abs(x)
        x2 = x * x
        back = np.polyval(pa, x2) + np.polyval(pb, x2) * z + P.S1_LAMINA_DORSAL_SINK
        back = np.minimum(back, inner - t)
        across = np.maximum(back - y, y - inner) * P.S1_LAMINA_FACE_COSINE + r
        # its upper border arches up laterally, towards the articular processes
        top = z - (z_top + P.S1_LAMINA_TOP_RISE * x2) + r
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


def s1_arch(cut: SacralCarving, carved: trimesh.Trimesh) -> manifold3d.Manifold:
    """The S1 laminae and spinous tubercle as a solid, to add to the ``carved`` sacrum."""
    shape = _arch_sdf(cut.canal_path, dorsal_line(carved))
    ys = _canal_centre_y(cut.canal_path, np.array([P.S1_LAMINA_BOTTOM, P.S1_TUBERCLE_TOP]))
    reach = P.S1_LAMINA_HALF_SPAN + 4.0
    lo = (-reach, float(ys.min()) - 40.0, P.S1_LAMINA_BOTTOM - 6.0)
    hi = (reach, float(ys.max()) + 12.0, P.S1_TUBERCLE_TOP + 8.0)
    mesh = meshing.mesh_sdf(
        shape, (lo, hi), voxel=0.5, target_faces=P.S1_ARCH_FACES, smooth_iterations=4
    )
    return to_manifold(mesh)
