"""Paths of soft tissue through the bony model: smooth curves through via-points that keep clear of
bone, and the shapes swept along them (muscle bellies, nerves).

A path is an (N, 3) array of points in the model frame (mm), ordered from one end to the other and
evenly spaced. :func:`spline` draws one through via-points; :func:`route` pushes it out of the bones
so that a tube of the given radii around it stays clear, keeping its attached ends where they are.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from . import bone_fields, meshing
from .build import BuildContext, Built

#: how far beyond its clearance :func:`route` pushes a point that lacks room, mm (so that the
#: smoothing that follows leaves it clear) [constructed]
ROUTE_EXTRA_CLEARANCE = 0.1


# ---------------------------------------------------------------- curves
def resample(points: np.ndarray, step: float) -> np.ndarray:
    """The polyline ``points`` resampled at (about) ``step`` mm along its length, ends kept."""
    p = np.asarray(points, float)
    seg = np.linalg.norm(np.diff(p, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    n = max(int(np.ceil(s[-1] / step)), 1) + 1
    t = np.linspace(0.0, s[-1], n)
    return np.stack([np.interp(t, s, p[:, i]) for i in range(3)], axis=1)


def arc_length(points: np.ndarray) -> np.ndarray:
    """Cumulative length along a polyline, starting at 0."""
    seg = np.linalg.norm(np.diff(np.asarray(points, float), axis=0), axis=1)
    return np.concatenate([[0.0], np.cumsum(seg)])


def spline(via: ArrayLike, step: float = 1.0, samples_per_span: int = 40) -> np.ndarray:
    """A centripetal Catmull-Rom curve through the via-points (no overshoot, no cusps), resampled
    evenly every ``step`` mm."""
    v = np.asarray(via, float)
    if len(v) == 2:
        return resample(v, step)
    ext = np.vstack([2 * v[0] - v[1], v, 2 * v[-1] - v[-2]])
    out = [v[:1]]
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1 : i + 3]
        t0 = 0.0
        t1 = t0 + max(float(np.linalg.norm(p1 - p0)), 1e-6) ** 0.5
        t2 = t1 + max(float(np.linalg.norm(p2 - p1)), 1e-6) ** 0.5
        t3 = t2 + max(float(np.linalg.norm(p3 - p2)), 1e-6) ** 0.5
        t = np.linspace(t1, t2, samples_per_span + 1)[1:, None]
        a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1
        a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2
        a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3
        b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2
        b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3
        out.append((t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2)
    return resample(np.vstack(out), step)


def smooth(points: np.ndarray, iterations: int = 10, hold: np.ndarray | None = None) -> np.ndarray:
    """Laplacian smoothing of a polyline; the ends (and points where ``hold`` is True) stay put."""
    p = np.array(points, float)
    free = np.ones(len(p), bool)
    free[[0, -1]] = False
    if hold is not None:
        free &= ~hold
    for _ in range(iterations):
        mid = 0.5 * (p[:-2] + p[2:])
        p[1:-1][free[1:-1]] += 0.5 * (mid - p[1:-1])[free[1:-1]]
    return p


def profile(
    s: np.ndarray,
    end_radius: tuple[float, float],
    belly_radius: float,
    belly: tuple[float, float] = (0.3, 0.7),
) -> np.ndarray:
    """A fusiform radius profile over the normalised length ``s`` (0..1): ``end_radius`` at each end,
    ``belly_radius`` between ``belly[0]`` and ``belly[1]``, smooth (cosine) ramps in between."""
    s = np.asarray(s, float)
    r = np.full_like(s, belly_radius)
    a, b = belly
    lo = s < a
    w = 0.5 - 0.5 * np.cos(np.pi * np.clip(s[lo] / a, 0, 1))
    r[lo] = end_radius[0] + (belly_radius - end_radius[0]) * w
    hi = s > b
    w = 0.5 - 0.5 * np.cos(np.pi * np.clip((1 - s[hi]) / (1 - b), 0, 1))
    r[hi] = end_radius[1] + (belly_radius - end_radius[1]) * w
    return r


# ---------------------------------------------------------------- bones as obstacles
def with_smoothed(ctx: BuildContext, sid: str, rounds: int) -> BuildContext:
    """``ctx`` with the structure ``sid`` replaced by a copy smoothed by ``rounds`` of Taubin
    smoothing, for paths to be routed against (its fine relief filled to its mean surface): the
    roots routed against the annulus's grooved wall had near-ties between the grooves and moved
    0.5-0.6 mm under a rebuild on another machine (stop 38). ``ctx`` as it is without ``sid``."""
    if sid not in ctx.built:
        return ctx
    out = BuildContext(built=dict(ctx.built), landmarks=ctx.landmarks)
    out.built[sid] = Built(meshing.taubin_smoothed(ctx.mesh(sid), rounds))
    return out


class Obstacles:
    """What a path must keep clear of: closed meshes (the bones) as signed distance fields
    (negative inside; :func:`viewer.anatomy.bone_fields.distance`), with the moves a router needs.
    Each mesh is only asked about points near its bounding box."""

    def __init__(self, ctx, ids):
        ids = [i for i in ids if i in ctx.built]
        self._fields = [bone_fields.distance(ctx, [i]) for i in ids]
        self._bounds = [ctx.mesh(i).bounds for i in ids]

    def __call__(self, p: np.ndarray, reach: float = np.inf) -> np.ndarray:
        """Signed distance to the nearest mesh; where that is over ``reach`` mm the value may be any
        number over ``reach`` (cheaper).

        A mesh's distance is at least that to its bounding box, so a mesh is asked only about the
        points its box is nearer than the nearest mesh found so far (the answer is the same);
        the meshes are asked nearest first."""
        p = np.atleast_2d(np.asarray(p, float))
        out = np.full(len(p), np.inf)
        gaps = [
            np.linalg.norm(np.maximum(np.maximum(lo - p, p - hi), 0.0), axis=1)
            for lo, hi in self._bounds
        ]
        centre = p.mean(axis=0)
        order = np.argsort(
            [
                np.linalg.norm(np.maximum(np.maximum(lo - centre, centre - hi), 0.0))
                for lo, hi in self._bounds
            ],
            kind="stable",
        )
        for k in order:
            lo, hi = self._bounds[k]
            m = gaps[k] < out
            if np.isfinite(reach):
                m &= np.all((p > lo - reach) & (p < hi + reach), axis=1) & (out > -reach)
            if m.any():
                out[m] = np.minimum(out[m], self._fields[k](p[m]))
        return np.minimum(out, 1e6)

    def normal(self, p: np.ndarray, h: float = 0.4) -> np.ndarray:
        """Unit direction of increasing distance (out of the nearest bone)."""
        p = np.atleast_2d(np.asarray(p, float))
        # the six probes asked in one call (a point's distance does not depend on the others
        # asked with it): the routers ask about a few points thousands of times
        probes = np.concatenate([p + h * e for e in np.eye(3)] + [p - h * e for e in np.eye(3)])
        d = self(probes).reshape(2, 3, len(p))
        g = (d[0] - d[1]).T
        n = np.linalg.norm(g, axis=1, keepdims=True)
        return g / np.maximum(n, 1e-9)

    def snap(self, p: np.ndarray, iterations: int = 4) -> np.ndarray:
        """The nearest point on the surface."""
        q = np.atleast_2d(np.array(p, float))
        for _ in range(iterations):
            q = q - self.normal(q) * self(q)[:, None]
        return q

    def lift(self, p: np.ndarray, clearance) -> np.ndarray:
        """``p`` moved out of the bones until it is ``clearance`` mm clear of them."""
        q = np.atleast_2d(np.array(p, float))
        c = np.broadcast_to(np.asarray(clearance, float), (len(q),))
        for _ in range(6):
            need = c - self(q)
            m = need > 1e-3
            if not m.any():
                break
            q[m] += self.normal(q[m]) * need[m, None]
        return q


def route(
    path: np.ndarray,
    clearance: ArrayLike,
    bones: Obstacles,
    hold_start: float = 0.0,
    hold_end: float = 0.0,
    iterations: int = 25,
    stiffness: int = 3,
) -> np.ndarray:
    """Push ``path`` out of the bones so each point is at least ``clearance`` (per point) clear,
    smoothing as it goes. Points within ``hold_start`` / ``hold_end`` mm of the ends (the attached
    tendons and nerve origins) are left where they are."""
    p = np.array(path, float)
    c = np.broadcast_to(np.asarray(clearance, float), (len(p),)).copy()
    s = arc_length(p)
    hold = (s < hold_start) | (s > s[-1] - hold_end)
    hold[[0, -1]] = True
    # Each point is pushed out to ``ROUTE_EXTRA_CLEARANCE`` beyond its clearance, by as much as it
    # lacks of that: a point just clear of the bone moves by almost nothing, so the path depends
    # continuously on the bones (a tiny difference in them never makes a point jump).
    target = c + ROUTE_EXTRA_CLEARANCE
    for _ in range(iterations):
        need = target - bones(p)
        m = (need > 0) & ~hold
        if m.any():
            p[m] += bones.normal(p[m]) * need[m, None]
        p = smooth(p, stiffness, hold)
    # Smoothing may have pulled points back in: a last push without smoothing.
    need = target - bones(p)
    m = (need > 0) & ~hold
    if m.any():
        p[m] = bones.lift(p[m], target[m])
    return p


def frames(path: np.ndarray, up: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per point: the tangent and a 'width' direction perpendicular to it, as close as possible to
    ``up`` (a fixed direction, or one per point) projected off the tangent."""
    p = np.asarray(path, float)
    t = np.gradient(p, axis=0)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    u = np.broadcast_to(np.asarray(up, float), p.shape)
    w = u - (u * t).sum(1, keepdims=True) * t
    w /= np.maximum(np.linalg.norm(w, axis=1, keepdims=True), 1e-9)
    return t, w


def along(path: np.ndarray, via: np.ndarray, values) -> np.ndarray:
    """Per-point values along ``path``, interpolated (by arc length) between values given at the
    via-points (each placed at the path point nearest to it); scalar or vector values."""
    p = np.asarray(path, float)
    s = arc_length(p)
    at = np.array([s[np.argmin(np.linalg.norm(p - v, axis=1))] for v in np.asarray(via, float)])
    at[0], at[-1] = s[0], s[-1]
    at = np.maximum.accumulate(at)
    vals = np.asarray(values, float)
    if vals.ndim == 1:
        return np.interp(s, at, vals)
    return np.stack([np.interp(s, at, vals[:, i]) for i in range(vals.shape[1])], axis=1)


def first_clear(
    field, start, direction, clearance: float, max_dist: float = 80.0, step: float = 0.5
) -> np.ndarray:
    """March from ``start`` along ``direction`` and return the first point at least ``clearance``
    clear of the obstacles after leaving them (the start itself when it is already clear).

    The point is interpolated between the two steps either side of the crossing, so it moves
    continuously with the obstacles (not a whole step at a time)."""
    d = np.asarray(direction, float)
    d = d / np.linalg.norm(d)
    t = np.arange(0.0, max_dist + step, step)
    pts = np.asarray(start, float) + t[:, None] * d
    values = field(pts)
    ok = values >= clearance
    inside = np.nonzero(~ok)[0]
    if len(inside) == 0:
        return pts[0]
    after = np.nonzero(ok[inside[0] :])[0]
    if len(after) == 0:
        return pts[-1]
    k = inside[0] + after[0]
    v0, v1 = values[k - 1], values[k]
    share = float(np.clip((clearance - v0) / max(v1 - v0, 1e-12), 0.0, 1.0))
    return pts[k - 1] + share * (pts[k] - pts[k - 1])


def roomiest(points: np.ndarray, clearance: np.ndarray) -> np.ndarray:
    """The roomiest of ``points``: their mean weighted by ``exp((clearance - max) / ROOM_SOFTNESS)``
    (a soft argmax: where near-equal maxima lie apart it lies between them, and it moves
    continuously with the meshes, so it does not jump when they are retriangulated)."""
    w = np.exp((clearance - clearance.max()) / ROOM_SOFTNESS)
    return (points * w[:, None]).sum(axis=0) / w.sum()


#: how much less room (mm) weighs 1/e as much in :func:`roomiest` [constructed]
ROOM_SOFTNESS = 0.25


# ---------------------------------------------------------------- continuous look-ups
def at_length(path: np.ndarray, s: ArrayLike) -> np.ndarray:
    """The point(s) of the polyline ``path`` at arc length(s) ``s``, interpolated (continuous in
    ``s`` and in the path: no snapping to the nearest vertex)."""
    p = np.asarray(path, float)
    along = arc_length(p)
    q = np.stack([np.interp(np.asarray(s, float), along, p[:, i]) for i in range(3)], axis=-1)
    return np.asarray(q)


def nearest_length(path: np.ndarray, point: ArrayLike) -> float:
    """Arc length of the point of the polyline ``path`` nearest to ``point``: projected onto its
    segments, so it moves continuously with both (an argmin over the vertices jumps a whole
    spacing when two of them nearly tie)."""
    p = np.asarray(path, float)
    q = np.asarray(point, float)
    a, b = p[:-1], p[1:]
    ab = b - a
    t = np.clip(((q - a) * ab).sum(1) / np.maximum((ab * ab).sum(1), 1e-12), 0.0, 1.0)
    d = np.linalg.norm(a + t[:, None] * ab - q, axis=1)
    along = arc_length(p)
    # a soft minimum over the segments (weights exp(-d / 0.05 mm)): continuous where two
    # segments lie nearly equally near
    w = np.exp(-(d - d.min()) / 0.05)
    return float((w * (along[:-1] + t * np.linalg.norm(ab, axis=1))).sum() / w.sum())


def direction_at(path: np.ndarray, s: float, half: float = 1.5) -> np.ndarray:
    """Unit direction of ``path`` at arc length ``s`` (the chord over ``half`` mm either side)."""
    a, b = at_length(path, [s - half, s + half])
    d = b - a
    return d / np.linalg.norm(d)


def first_crossing(values: np.ndarray, threshold: float, spacing: float) -> float | None:
    """Where a sampled profile (``values`` every ``spacing``) first falls below ``threshold``,
    interpolated between the samples either side; None when it never does, 0 when it starts so."""
    below = np.nonzero(values < threshold)[0]
    if not len(below):
        return None
    k = int(below[0])
    if k == 0:
        return 0.0
    v0, v1 = float(values[k - 1]), float(values[k])
    share = float(np.clip((v0 - threshold) / max(v0 - v1, 1e-12), 0.0, 1.0))
    return (k - 1 + share) * spacing
