"""The sacrum's pelvic (anterior) surface as an atlas shows it: the four transverse ridges and the
ventral rami's grooves.

LLP26's mean sacrum is smooth in front, and the anterior foramina carved through it
(:mod:`viewer.anatomy.sacral_carving`, :mod:`viewer.anatomy.sacral_detail`) open on it as drilled
holes (blind review s40: "the pelvic foramina are drilled holes"). Gray's Anatomy 42nd ed.,
"Sacrum": the pelvic surface is crossed by four transverse ridges (the lines of fusion of the
five bodies), ending laterally at the four pairs of anterior foramina; from each foramen a broad
shallow groove runs laterally across the lateral mass, lodging the ventral ramus of its nerve.

* **grooves** (:func:`ventral_grooves`, a solid to take out of the bone): from inside each
  anterior opening, laterally and a little down along the pelvic surface, a shallow channel of
  round section (``SACRAL_GROOVE_*``), deepest at the opening (so the foramen's margin opens out
  into it) and rising out of the surface at its lateral end;
* **ridges** (:func:`transverse_ridges`, a solid to add): across the midline between the medial
  margins of each pair of anterior openings, a low rounded ridge on sloping flanks
  (``SACRAL_RIDGE_*``), fading into the surface at its ends.

Both follow the surface by rays along each opening's own axis (no search over near-ties).
"""

from __future__ import annotations

import manifold3d
import numpy as np
import trimesh

from ..vocabulary import SIDES
from . import frame
from . import parameters as P
from .frame import unit
from .geometry import onto_surface
from .implicit import smoothstep
from .sacral_carving import Tunnel, tube

LEVELS = ("s1", "s2", "s3", "s4")


def _on_surface(mesh: trimesh.Trimesh, point: np.ndarray, outward: np.ndarray) -> np.ndarray | None:
    """The first surface point met coming in along ``-outward`` from 25 mm outside ``point``;
    None where the ray misses the bone."""
    try:
        return onto_surface(mesh, point, outward, start=25.0)
    except IndexError:
        return None


def _groove(mesh: trimesh.Trimesh, tunnel: Tunnel, side: float, level: int) -> manifold3d.Manifold:
    """One ventral ramus's groove from its anterior opening (``level``: 0 for S1 ... 3 for S4)."""
    a = tunnel.axis
    lateral = unit(side * np.asarray(frame.RIGHT) - (side * frame.RIGHT @ a) * a)
    run = unit(lateral - P.SACRAL_GROOVE_DESCENT * tunnel.up)
    width = P.SACRAL_GROOVE_WIDTHS[level]
    depth = P.SACRAL_GROOVE_DEPTHS[level]
    length = P.SACRAL_GROOVE_LENGTHS[level]
    radius = (width * width / 4.0 + depth * depth) / (2.0 * depth)
    start = -min(tunnel.half_width, 0.5 * width)  # inside the opening: no wall at its medial end
    centres = []
    for s in np.arange(start, length + 1e-9, P.SACRAL_GROOVE_STEP):
        p = _on_surface(mesh, tunnel.opening + s * run, a)
        if p is None:
            break
        # deepest from the opening out to the groove's middle, rising out of the bone at its end
        rise = float(smoothstep(np.asarray((s - 0.4 * length) / (0.6 * length))))
        d = depth - (depth + P.SACRAL_GROOVE_END_LIFT) * rise
        centres.append(p + (radius - d) * a)
    pts = np.asarray(centres)
    k = len(pts)
    return tube(pts, np.full(k, radius), np.full(k, radius), [a] * k)


def ventral_grooves(mesh: trimesh.Trimesh, tunnels: dict[str, Tunnel]) -> manifold3d.Manifold:
    """The grooves of every anterior opening in ``tunnels`` (right side first), one solid."""
    grooves = []
    for side_name in sorted(SIDES, reverse=True):
        side = float(frame.side_sign(side_name))
        for i, level in enumerate(LEVELS):
            t = tunnels.get(f"{level}_anterior_{side_name}")
            if t is not None and level in P.SACRAL_GROOVE_LEVELS:
                grooves.append(_groove(mesh, t, side, i))
    return manifold3d.Manifold.batch_boolean(grooves, manifold3d.OpType.Add)


def _ridge_ring(mesh, point, outward, up, height) -> np.ndarray | None:
    """One section of a ridge (in the sagittal plane): a rounded top ``height`` out from the
    surface point ``point``, its flanks sloping down to the surface ``SACRAL_RIDGE_HALF_WIDTH``
    above and below (sunk a little into the bone), closed inside the bone."""
    w = P.SACRAL_RIDGE_HALF_WIDTH
    feet = [_on_surface(mesh, point + s * w * up, outward) for s in (1.0, -1.0)]
    if feet[0] is None or feet[1] is None:
        return None
    r = min(P.SACRAL_RIDGE_TOP_RADIUS, 0.5 * height)
    centre = point + (height - r) * outward
    ang = np.radians(np.linspace(-70.0, 70.0, 9))
    top = centre + r * (np.sin(ang)[:, None] * up + np.cos(ang)[:, None] * outward)
    sunk = [f - 0.8 * outward for f in feet]
    core = [f - 3.0 * outward for f in sunk]
    return np.vstack([top, sunk, core, point - 5.0 * outward])


def transverse_ridges(mesh: trimesh.Trimesh, tunnels: dict[str, Tunnel]) -> manifold3d.Manifold:
    """The four transverse ridges, one solid to add to the bone: each across the midline between
    the medial margins of a pair of anterior openings (the two sides' openings averaged, mirrored:
    the ridge is symmetric)."""
    ridges = []
    for level in LEVELS:
        right, left = (tunnels[f"{level}_anterior_{s}"] for s in ("right", "left"))
        opening = 0.5 * (right.opening + frame.mirror_points(left.opening[None])[0])
        outward = unit(0.5 * (right.axis + frame.mirror_points(left.axis[None])[0]))
        outward = unit(outward - outward[0] * np.asarray(frame.RIGHT))
        up = unit(np.cross(np.asarray(frame.RIGHT), outward))
        reach = abs(opening[0]) - right.half_width - P.SACRAL_RIDGE_END_GAP
        height = P.SACRAL_RIDGE_HEIGHTS[LEVELS.index(level)]
        rings = []
        for x in np.linspace(-reach, reach, max(int(2 * reach / P.SACRAL_RIDGE_STEP), 4)):
            p = _on_surface(mesh, np.r_[x, opening[1:]], outward)
            if p is None:
                continue
            fade = float(smoothstep(np.asarray((reach - abs(x)) / P.SACRAL_RIDGE_FADE)))
            ring = _ridge_ring(mesh, p, outward, up, max(height * fade, 0.3))
            if ring is not None:
                rings.append(ring)
        hulls = [
            manifold3d.Manifold.hull_points(np.vstack([r0, r1]).astype(np.float64))
            for r0, r1 in zip(rings[:-1], rings[1:], strict=True)
        ]
        ridges.append(manifold3d.Manifold.batch_boolean(hulls, manifold3d.OpType.Add))
    return manifold3d.Manifold.batch_boolean(ridges, manifold3d.OpType.Add)
