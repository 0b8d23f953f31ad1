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
* **mouths** (:func:`foramen_mouths`, cutters taken out with the tunnels): each anterior
  opening of S2-S4 flares as a funnel into the pelvic surface (``SACRAL_FORAMEN_FLARE*``);
* **ridges** (:func:`transverse_ridges`, a solid to add): across the midline between each pair
  of anterior openings, a low rounded swell (``SACRAL_RIDGE_*``) whose margins run under the
  surface at a shallow slope, fading at its ends into the openings' mouths.

The grooves and ridges follow the surface by rays along the openings' own axes (no search over
near-ties).
"""

from __future__ import annotations

import manifold3d
import numpy as np
import trimesh

from ..vocabulary import SIDES
from . import frame
from . import parameters as P
from .frame import unit
from .geometry import first_hit, onto_surface, to_manifold
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


def _mouth(t: Tunnel) -> manifold3d.Manifold:
    """The funnel-shaped mouth of an anterior foramen: from ``SACRAL_FORAMEN_FLARE_DEPTH`` inside
    the opening, where it is the tunnel's own size, it widens along the opening's axis as a
    parabola to ``SACRAL_FORAMEN_FLARE`` wider all round at the opening, and straight on out of
    the bone at that size (widening no further: it leaves the grooves' banks whole): the foramen
    opens into the pelvic surface through a flared mouth, not a drilled tube's edge (blind review
    s41: "punched tubes with raised rims")."""
    depth, flare = P.SACRAL_FORAMEN_FLARE_DEPTH, P.SACRAL_FORAMEN_FLARE
    s = np.r_[np.linspace(-depth, 0.0, 6), 3.0]
    u = (s + depth) / depth
    grow = flare * np.minimum(u, 1.0) ** 2
    pts = t.opening + s[:, None] * t.axis
    k = len(s)
    return tube(pts, t.half_height + grow, t.half_width + grow, [t.up] * k, np.tile(t.axis, (k, 1)))


def foramen_mouths(tunnels: dict[str, Tunnel]) -> tuple[manifold3d.Manifold, ...]:
    """The flared mouths of the anterior openings in ``tunnels`` at ``SACRAL_FORAMEN_FLARE_LEVELS``
    (in the tunnels' order), cutters to take out of the bone with the tunnels."""
    return tuple(
        _mouth(t)
        for name, t in tunnels.items()
        if name.split("_")[:2] in [[lvl, "anterior"] for lvl in P.SACRAL_FORAMEN_FLARE_LEVELS]
    )


def _ridge_profile(t: np.ndarray, x: np.ndarray, reach: float, height: float) -> np.ndarray:
    """The ridge's height over the bone at ``t`` mm above its line and ``x`` mm from the midline:
    a cos^2 swell ``SACRAL_RIDGE_HALF_WIDTH`` either side of its line (no flanks, no top edge),
    fading over ``SACRAL_RIDGE_FADE`` to its ends at ``reach``; everywhere
    ``SACRAL_RIDGE_SINK`` less, so that its margins run under the bone at a shallow slope."""
    w, sink = P.SACRAL_RIDGE_HALF_WIDTH, P.SACRAL_RIDGE_SINK
    across = np.cos(0.5 * np.pi * np.clip(t / w, -1.0, 1.0)) ** 2
    fade = smoothstep((reach - np.abs(x)) / P.SACRAL_RIDGE_FADE)
    return (height + sink) * across * fade - sink


def _closed_sheet(top: np.ndarray, bottom: np.ndarray) -> trimesh.Trimesh:
    """A closed solid between two (m, n, 3) grids of points: ``top`` (outside) and ``bottom``
    (inside the bone), walled round their edges."""
    m, n = top.shape[:2]
    idx = np.arange(m * n).reshape(m, n)
    a, b, c, d = idx[:-1, :-1], idx[1:, :-1], idx[1:, 1:], idx[:-1, 1:]
    quads = np.c_[a.ravel(), b.ravel(), c.ravel(), d.ravel()]
    tris = np.r_[quads[:, [0, 1, 2]], quads[:, [0, 2, 3]]]
    off = m * n
    faces = [tris, tris[:, ::-1] + off]
    ring = np.r_[idx[0, :], idx[1:, -1], idx[-1, -2::-1], idx[-2:0:-1, 0]]
    nxt = np.roll(ring, -1)
    faces += [np.c_[ring, nxt, nxt + off], np.c_[ring, nxt + off, ring + off]]
    mesh = trimesh.Trimesh(
        np.vstack([top.reshape(-1, 3), bottom.reshape(-1, 3)]), np.vstack(faces), process=False
    )
    if mesh.volume < 0:
        mesh.invert()
    return mesh


def transverse_ridges(mesh: trimesh.Trimesh, tunnels: dict[str, Tunnel]) -> manifold3d.Manifold:
    """The four transverse ridges, one solid to add to the bone: each across the midline between
    a pair of anterior openings (the two sides' openings averaged, mirrored: the ridge is
    symmetric), running out into their mouths. Each is a sheet laid on the pelvic surface (rays
    along the openings' mean axis onto a grid ``SACRAL_RIDGE_STEP`` by ``SACRAL_RIDGE_ROW`` mm)
    and lifted by :func:`_ridge_profile`: a gentle rounded swell with no edge where it meets the
    bone (blind review s41: "jagged ledges")."""
    ridges = []
    w = P.SACRAL_RIDGE_HALF_WIDTH
    for level in LEVELS:
        right, left = (tunnels[f"{level}_anterior_{s}"] for s in ("right", "left"))
        opening = 0.5 * (right.opening + frame.mirror_points(left.opening[None])[0])
        outward = unit(0.5 * (right.axis + frame.mirror_points(left.axis[None])[0]))
        outward = unit(outward - outward[0] * np.asarray(frame.RIGHT))
        up = unit(np.cross(np.asarray(frame.RIGHT), outward))
        reach = abs(opening[0]) - right.half_width - P.SACRAL_RIDGE_END_GAP
        height = P.SACRAL_RIDGE_HEIGHTS[LEVELS.index(level)]
        xs = np.linspace(-reach, reach, max(int(np.ceil(2 * reach / P.SACRAL_RIDGE_STEP)), 4) + 1)
        ts = np.linspace(-w - 1.0, w + 1.0, int(np.ceil((2 * w + 2.0) / P.SACRAL_RIDGE_ROW)) + 1)
        x, t = np.meshgrid(xs, ts, indexing="ij")
        base = np.r_[0.0, opening[1:]] + x[..., None] * frame.RIGHT + t[..., None] * up
        origins = (base + 25.0 * outward).reshape(-1, 3)
        dist = first_hit(mesh, origins, np.tile(-outward, (len(origins), 1)), 50.0)
        dist = np.where(np.isnan(dist), 25.0, dist).reshape(x.shape)
        surface = base + (25.0 - dist)[..., None] * outward
        lift = _ridge_profile(t, x, reach, height)
        top = surface + lift[..., None] * outward
        bottom = surface - P.SACRAL_RIDGE_CORE * outward
        ridges.append(to_manifold(_closed_sheet(top, bottom)))
    return manifold3d.Manifold.batch_boolean(ridges, manifold3d.OpType.Add)
