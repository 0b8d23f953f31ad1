"""Iliacus: the fan-shaped muscle filling the iliac fossa, joining psoas as iliopsoas.

It arises from the upper two-thirds of the iliac fossa and the inner lip of the iliac crest, fills
the fossa (its deep surface convex, moulded to the hollow bone, its superficial surface nearly
flat), and its fibres converge down and forward-medially over the pelvic brim, lateral to psoas,
to end with the psoas tendon on the lesser trochanter (Gray's Anatomy, 42nd ed.; reference B.2,
Rajagopal 2016 iliacus path).

Built as a layer on a map of the fossa's floor (:class:`Fossa`: the bone's height above a plane
laid across the rim, found by rays coming in from the pelvis, so only the inner face of the wing
is covered), thin at the crest and thickening where its fibres gather above the brim, with faint
ridges converging on the brim; and a belly from the brim over the front of the hip joint's medial
half to the lesser trochanter, a broad band against psoas's lateral side and partly in front of it,
merging with it (iliopsoas). The shape is trimmed off the bones and kept clear of psoas.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage
from scipy.interpolate import PchipInterpolator
from scipy.spatial import cKDTree
from skimage import measure

from ..vocabulary import SIDES
from . import bone_fields, implicit, routing
from . import parameters as P
from .build import BuildContext, Built
from .frame import ANTERIOR, RIGHT, side_sign, unit
from .iliacus_surface import fanned, smoothed
from .muscle_meshing import (
    AVOID_GAP,
    BONES,
    MUSCLE_FACES,
    TRIM_NEAR,
    arc_at,
    landing,
    mesh,
    opensim_points,
    striated,
    trimmed,
)

#: rays for the fossa's floor start this far into the pelvis from the plane across the rim and
#: go this far behind it, mm
RAY_REACH = (35.0, -35.0)
#: psoas's section beside the iliacus's belly is looked for this far round it, mm
BESIDE_REACH = 50.0
#: a ray counts fully towards the fossa's floor where it goes this far into bone, mm (less where it
#: grazes the bone)
RIM_GRAZE = 2.0


def _signed_distance(inside: np.ndarray, grid: float) -> np.ndarray:
    """Signed distance (mm, negative where ``inside`` < 0) to the zero line of ``inside``, found to
    a fraction of a cell (the line between grid nodes), so it moves continuously with it."""
    lines = [c for c in measure.find_contours(inside, 0.0) if len(c) > 1]
    if not lines:
        return np.where(inside < 0.0, -1e3, 1e3)
    dense = []
    for c in lines:  # resampled every 0.1 cell
        step = np.linalg.norm(np.diff(c, axis=0), axis=1)
        s = np.concatenate([[0.0], np.cumsum(step)])
        at = np.linspace(0.0, s[-1], max(int(s[-1] / 0.1), 1) + 1)
        dense.append(np.stack([np.interp(at, s, c[:, 0]), np.interp(at, s, c[:, 1])], axis=1))
    nodes = np.stack(np.meshgrid(*map(np.arange, inside.shape), indexing="ij"), axis=-1)
    d, _ = cKDTree(np.concatenate(dense)).query(nodes.reshape(-1, 2))
    return np.where(inside < 0.0, -1.0, 1.0) * d.reshape(inside.shape) * grid


def _spread(values: np.ndarray, weight: np.ndarray, filled: np.ndarray, sigma: float) -> np.ndarray:
    """``values`` smoothed over ``sigma`` cells, each counting by its ``weight`` (normalised
    convolution); far from any weight, ``filled`` (the nearest weighted value)."""
    eps = 1e-4
    num = ndimage.gaussian_filter(values * weight, sigma) + eps * filled
    return num / (ndimage.gaussian_filter(weight, sigma) + eps)


def _rays_into_bone(
    bones: routing.Obstacles, starts: np.ndarray, direction: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Rays from ``starts`` against ``direction``, from ``RAY_REACH[0]`` to ``RAY_REACH[1]`` mm
    along it in 1 mm steps: where each first meets bone (mm along ``direction``, interpolated
    between the steps, so it moves continuously with the bones; ``RAY_REACH[1]`` where it never
    does; as :func:`muscle_meshing.landing`), and how deep it goes into bone (the least signed
    distance to bone along it: it changes continuously where a ray grazes the bone, where
    hit-or-miss flips). One evaluation of the bones' field serves both."""
    t = np.arange(RAY_REACH[0], RAY_REACH[1] - 0.5, -1.0)
    rays = starts[:, None, :] + t[None, :, None] * direction
    values = bones(rays.reshape(-1, 3)).reshape(len(starts), len(t))
    hit = values <= 0.0
    first = np.argmax(hit, axis=1)  # the first step in bone (0 where none: masked below)
    rows = np.arange(len(starts))
    before = values[rows, np.maximum(first - 1, 0)]
    share = before / np.maximum(before - values[rows, first], 1e-12)
    floor = np.where(first == 0, t[0], t[np.maximum(first - 1, 0)] - share)
    floor = np.where(hit.any(axis=1), floor, RAY_REACH[1])
    return floor, values.min(axis=1)


def _lm(ctx: BuildContext, name: str, side: str) -> np.ndarray:
    return np.asarray(ctx.landmarks[f"{name}_{side}"], float)


class Fossa:
    """The iliac fossa as a height map: a plane through the ASIS, the top of the crest and the
    auricular surface (axes ``u`` from the ASIS back towards the auricular surface, ``v`` up
    from the brim, ``n`` out of the fossa into the pelvis) and, over it, the height along ``n``
    of the bone's inner face (``floor``) and the signed distance in the plane to the rim of the
    bone (``rim``: negative on the wing)."""

    def __init__(self, ctx: BuildContext, side: str, bones: routing.Obstacles, apex: np.ndarray):
        asis, crest = _lm(ctx, "asis", side), _lm(ctx, "iliac_crest_top", side)
        auricular = _lm(ctx, "auricular_surface", side)
        n = unit(np.cross(crest - asis, auricular - asis))
        n = n if n @ (-RIGHT * side_sign(side)) > 0 else -n  # out of the fossa, medially
        self.origin = (asis + crest + auricular) / 3.0
        v = self.origin - apex
        self.v = unit(v - n * (v @ n))
        u = auricular - asis
        self.u = unit(u - n * (u @ n) - self.v * (u @ self.v))
        self.n = n
        g = P.ILIACUS_GRID
        corners = np.array([self.coords(p)[:2] for p in (asis, crest, auricular, apex)])
        lo, hi = corners.min(axis=0) - 25.0, corners.max(axis=0) + 15.0
        self.lo = np.floor(lo / g) * g
        self.u_axis = np.arange(self.lo[0], hi[0] + g, g)
        self.v_axis = np.arange(self.lo[1], hi[1] + g, g)
        uu, vv = np.meshgrid(self.u_axis, self.v_axis, indexing="ij")
        plane = self.origin + uu[..., None] * self.u + vv[..., None] * self.v
        floor, inside = _rays_into_bone(bones, plane.reshape(-1, 3), n)
        floor, inside = floor.reshape(uu.shape), inside.reshape(uu.shape)
        self.rim = ndimage.gaussian_filter(_signed_distance(inside, g), 1.0)
        # the floor where the rays meet bone well inside its rim, spread smoothly off it (weights
        # fading to nothing where the rays graze it, so a ray that only just hits counts nothing)
        weight = np.clip(-inside / RIM_GRAZE, 0.0, 1.0)
        on = inside < 0.0
        idx = ndimage.distance_transform_edt(~on, return_distances=False, return_indices=True)
        filled = floor[tuple(idx)]
        self.floor = _spread(floor, weight, filled, 0.7)
        # the superficial surface: the floor smoothed over the fossa's breadth (flat or gently
        # concave, smooth), so the muscle fills the hollow and its surface keeps no bony relief
        self.surface = _spread(floor, weight, filled, P.ILIACUS_SURFACE_SMOOTHING / g)
        self.apex = self.coords(apex)[:2]
        self.posterior = (1.0 - P.ILIACUS_POSTERIOR_BORDER) * self.coords(asis)[
            0
        ] + P.ILIACUS_POSTERIOR_BORDER * self.coords(auricular)[0]
        self.crest = self.coords(crest)[1]

    def coords(self, p: np.ndarray) -> np.ndarray:
        """Points in the fossa's frame (u, v, n), mm."""
        d = np.atleast_2d(p) - self.origin
        return np.stack([d @ self.u, d @ self.v, d @ self.n], axis=-1).reshape(np.shape(p))

    def sample(self, grid: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """A map (``floor`` or ``rim``) at plane coordinates (linear between the grid nodes)."""
        g = P.ILIACUS_GRID
        at = np.stack([(u - self.lo[0]) / g, (v - self.lo[1]) / g])
        return ndimage.map_coordinates(grid, at, order=1, mode="nearest")

    def thickness(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """The layer's thickness (mm): up from the floor to its smooth superficial surface, which
        lies a thickness over the smoothed floor (thinner at the crest, gathering towards the
        brim), so it is thicker over the hollow of the fossa; rounded at its free borders; zero
        off the layer."""
        top, mid, low = P.ILIACUS_THICKNESS
        s = np.clip((v - self.apex[1]) / (self.crest - self.apex[1]), 0.0, 1.0)
        t = np.interp(s, [0.0, 0.25, 0.6, 1.0], [low, low, mid, top])
        t = t + self.sample(self.surface, u, v) - self.sample(self.floor, u, v)
        least = 0.5 * top  # smoothly no thinner than this over a bony bulge
        t = 0.5 * (t + least + np.sqrt((t - least) ** 2 + 4.0))
        return t * np.sqrt(np.clip(self.inside(u, v) / P.ILIACUS_EDGE, 0.0, 1.0))

    def inside(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """How far (mm, in the plane) plane coordinates lie inside the layer's border (negative
        outside it; off the map, less by the distance from the map's edge): inside the rim by
        ``ILIACUS_RIM_INSET``, in front of its posterior border (converging on the belly)."""
        gather = self.apex[1] + P.ILIACUS_GATHER * (self.crest - self.apex[1])
        below = np.clip((gather - v) / (gather - self.apex[1]), 0.0, 1.0)
        posterior = self.posterior - P.ILIACUS_POSTERIOR_CONVERGENCE * below
        edge = np.minimum(-self.sample(self.rim, u, v) - P.ILIACUS_RIM_INSET, posterior - u)
        off_u = np.maximum(self.u_axis[0] - u, 0.0) + np.maximum(u - self.u_axis[-1], 0.0)
        off_v = np.maximum(self.v_axis[0] - v, 0.0) + np.maximum(v - self.v_axis[-1], 0.0)
        return edge - np.hypot(off_u, off_v)

    def layer(self) -> implicit.SDF:
        """The muscle on the fossa: from the bone's floor (plus the margin) up by its thickness,
        within its border, off which the field grows with the distance from it (held at a
        constant there, blended with the belly it swelled the belly wherever it came near the
        floor's surface extended off the fossa: a knob below the hip, a waist above it)."""
        margin = P.MUSCLE_BONE_MARGIN

        def f(p):
            u, v, w = self.coords(p).T
            floor = self.sample(self.floor, u, v)
            t = self.thickness(u, v)
            out = np.maximum(floor + margin - w, w - floor - margin - t)
            return np.maximum(out, -self.inside(u, v))

        return f

    def middle(self, u: float, v: float) -> np.ndarray:
        """The point halfway up through the layer over plane coordinates ``(u, v)``."""
        uu, vv = np.array([u]), np.array([v])
        w = self.sample(self.floor, uu, vv)[0] + P.MUSCLE_BONE_MARGIN
        w += 0.5 * max(self.thickness(uu, vv)[0], 0.0)
        return self.origin + u * self.u + v * self.v + w * self.n

    def gathering(self, psoas, clearance: float) -> np.ndarray:
        """Where the fibres gather above the brim: the middle of the layer across the fan at
        ``ILIACUS_GATHER`` of the way from the brim to the crest, moved forward (towards the
        ASIS) until ``clearance`` clear of psoas, which lies on the fossa behind it."""
        v = self.apex[1] + P.ILIACUS_GATHER * (self.crest - self.apex[1])
        u = np.arange(self.u_axis[0], self.u_axis[-1], 0.5)
        t = self.thickness(u, np.full_like(u, v))
        u0 = float((u * t).sum() / t.sum())
        if psoas is None:
            return self.middle(u0, v)
        # forward in even steps, interpolated where it comes clear (continuous with psoas)
        pts = np.array([self.middle(u0 - du, v) for du in np.arange(0.0, 120.0, 0.5)])
        gap = psoas(pts) - clearance
        clear = np.flatnonzero(gap >= 0.0)
        if not len(clear):
            return pts[-1]
        k = int(clear[0])
        if k == 0:
            return pts[0]
        t = gap[k - 1] / (gap[k - 1] - gap[k])
        return pts[k - 1] + t * (pts[k] - pts[k - 1])

    def columns(self, step: int = 3) -> list[np.ndarray]:
        """Lines up the fan over the layer's middle (where the mesher samples it)."""
        out = []
        for i in range(0, len(self.u_axis), step):
            u = np.full_like(self.v_axis, self.u_axis[i])
            t = self.thickness(u, self.v_axis)
            keep = t > 0.0
            if keep.sum() < 2:
                continue
            w = self.sample(self.floor, u, self.v_axis) + 0.5 * t
            pts = self.origin + u[:, None] * self.u + self.v_axis[:, None] * self.v
            out.append((pts + w[:, None] * self.n)[keep])
        return out


def _beside(psoas, side: str, p: np.ndarray, gap: float) -> np.ndarray:
    """The point at the height of ``p`` just lateral to psoas (``gap`` mm beyond its lateral
    border there), level with the middle of its section; ``p`` where psoas is not built.

    Found on psoas's distance field, not its vertices: the middle is a centroid weighted
    smoothly by the field over a grid in the horizontal plane, and the border is where a ray
    coming in from the side first comes within ``gap`` of it (both move continuously with it)."""
    if psoas is None:
        return p
    g = np.arange(-BESIDE_REACH, BESIDE_REACH + 0.5, 1.0)
    xx, yy = np.meshgrid(p[0] + g, p[1] + g, indexing="ij")
    plane = np.stack([xx.ravel(), yy.ravel(), np.full(xx.size, p[2])], axis=1)
    w = 0.5 - 0.5 * np.tanh(psoas(plane) / 1.0)  # 1 inside, 0 outside, smooth across
    if w.sum() < 1.0:
        return p
    middle = (plane * w[:, None]).sum(axis=0) / w.sum()
    lateral = RIGHT * side_sign(side)
    return landing(psoas, middle, lateral, gap, 2.0 * BESIDE_REACH)[0]


class _Field(routing.Obstacles):
    """A distance field (psoas's) as an obstacle a path is routed off (:func:`routing.route`)."""

    def __init__(self, f):  # noqa: D107 (no bones: only the field)
        self.f = f

    def __call__(self, p: np.ndarray, reach: float = np.inf) -> np.ndarray:
        return np.asarray(self.f(np.atleast_2d(p)), float)


def _belly_radii(
    belly: np.ndarray, brim: np.ndarray, over: np.ndarray
) -> tuple[np.ndarray, np.ndarray, float]:
    """Half-widths and half-depths along the ``belly`` path, eased (monotone cubic) from the
    fan into the belly over the ``brim``, flattening into a band ``over`` the hip joint, and from
    there tapering steadily into a flat tendon at its end (no waists, necks or kinks); and the
    share of its length at the brim."""
    hw, hd = P.ILIACUS_BELLY
    s = routing.arc_length(belly)
    at = [arc_at(belly, p) / s[-1] for p in (brim, over)]
    s = s / s[-1]
    t = P.PSOAS_TENDON_RADIUS
    stations = [0.0, at[0], float(np.clip(at[1], at[0] + 0.05, 0.9)), 1.0]  # in order, apart
    tw, td = P.ILIACUS_TAIL
    ew, ed = P.ILIACUS_TENDON
    a = PchipInterpolator(stations, [1.5 * hw, hw, tw * hw, ew * t])(s)
    gathered = 0.5 * P.ILIACUS_THICKNESS[2]
    d = PchipInterpolator(stations, [gathered, hd, td * hd, ed * t])(s)
    return a, d, at[0]


def _rounded_off(f: implicit.SDF, psoas, k: float) -> implicit.SDF:
    """``f`` kept off ``psoas`` as :func:`muscle_meshing.trimmed` keeps it, with the edge where
    its surface meets the face cut by psoas rounded over ``k`` mm (a smooth intersection), so its
    face against psoas is rounded instead of meeting the rest of it in a crease."""

    def g(p):
        v = f(p)
        m = v < TRIM_NEAR + k
        if m.any():
            q = p[m]
            v[m] = -implicit.smooth_min(-v[m], psoas(q) - AVOID_GAP, k)
        return v

    return g


def iliacus(ctx: BuildContext, side: str, bones: routing.Obstacles, psoas) -> Built:
    """The layer on the fossa, and the belly from the brim to the lesser trochanter (with the
    psoas tendon)."""
    (brim,) = opensim_points(ctx.landmarks, [P.ILIACUS_RAJAGOPAL_PELVIS[1]], side=side)
    p3, p4 = opensim_points(ctx.landmarks, femur=P.ILIACUS_RAJAGOPAL_FEMUR, side=side)
    hw, hd = P.ILIACUS_BELLY
    fossa = Fossa(ctx, side, bones, brim)
    brim = bones.lift(brim, hd + P.MUSCLE_BONE_MARGIN)[0]
    lateral = RIGHT * side_sign(side)
    if psoas is not None:  # over the brim it lies lateral to psoas (our psoas is the bulkier)
        # stepped out 1 mm at a time, interpolated where it comes clear (continuous with psoas)
        prev, before = brim, float(psoas(brim[None])[0])
        clear = P.ILIACUS_BRIM_CLEAR * hw  # its medial part fused with psoas's lateral side
        for _ in range(60):
            if before >= clear:
                break
            step = bones.lift(prev + lateral, hd + P.MUSCLE_BONE_MARGIN)[0]
            after = float(psoas(step[None])[0])
            if after >= clear:
                t = (clear - before) / max(after - before, 1e-9)
                brim = bones.lift(prev + t * (step - prev), hd + P.MUSCLE_BONE_MARGIN)[0]
                break
            prev, before, brim = step, after, step
    insertion = bones.snap(0.6 * _lm(ctx, "lesser_trochanter", side) + 0.4 * p4)[0]
    # below the brim it runs down on the lateral side of the psoas tendon (iliopsoas)
    below = bones.lift(
        _beside(psoas, side, p3, P.ILIACUS_ALONG_PSOAS * hd),
        P.PSOAS_TENDON_RADIUS * 1.6 + P.MUSCLE_BONE_MARGIN,
    )[0]
    # in front of the hip joint it lies over the joint's medial half, against psoas's lateral
    # side and partly in front of it (iliopsoas), not out over the lateral half
    head = _lm(ctx, "femoral_head_center", side)
    gap, forward = P.ILIACUS_AT_HIP
    over = _beside(psoas, side, head + ANTERIOR * BESIDE_REACH, gap) + ANTERIOR * forward
    over = bones.lift(over, hd + P.MUSCLE_BONE_MARGIN)[0]
    gather = fossa.gathering(psoas, P.ILIACUS_THICKNESS[2] * 0.5)
    via = [gather, brim, over, below, insertion]
    belly = routing.resample(routing.spline(via, 1.0), 1.0)
    a, d, at_brim = _belly_radii(belly, brim, over)
    if psoas is not None:
        # beside psoas, not through it (a belly carved by it is left crumpled): its medial
        # border kept off psoas down to where it joins the tendon, and its back off the bone
        off = _Field(psoas)
        for _ in range(2):
            s = routing.arc_length(belly)
            join = np.clip((s[-1] - s) / P.ILIACUS_JOIN, 0.0, 1.0)
            belly = routing.route(belly, P.ILIACUS_BESIDE * a * join, off, hold_end=5.0)
            belly = routing.route(
                belly, d + P.MUSCLE_BONE_MARGIN, bones, hold_start=5.0, hold_end=15.0
            )
        belly = routing.resample(belly, 1.0)
        a, d, at_brim = _belly_radii(belly, brim, over)
    s = routing.arc_length(belly) / routing.arc_length(belly)[-1]
    # across the fan where it leaves the fossa, across the body (its width) over the brim
    turn = np.clip(s / at_brim, 0.0, 1.0)[:, None]
    across = (1.0 - turn) * fossa.u * side_sign(side) + turn * RIGHT
    parts = [implicit.sweep(belly, a, d, width_dirs=across), fossa.layer()]
    paths = [belly, *fossa.columns()]
    avoid = (psoas,) if psoas is not None else ()
    f = implicit.smooth_union(P.ILIACUS_BLEND, *parts)
    if psoas is not None:  # its medial face rounded off psoas, not cut by it with a crease
        f = _rounded_off(f, psoas, P.ILIACUS_ROUNDING)
    f = trimmed(
        f,
        bones,
        avoid=avoid,
        crevice=P.ILIACUS_CREVICE_FILL,
    )
    reach = max(hw, P.ILIACUS_THICKNESS[2]) + 4.0
    out = mesh(f, paths, reach, MUSCLE_FACES, blur=P.ILIACUS_BLUR)  # blends into psoas's tendon
    out = smoothed(out, bones, psoas)
    # its fibres' direction: faint grooves converging from the crest on the belly over the brim,
    # then along the belly to the trochanter
    v = np.asarray(out.vertices)
    below = np.clip((fossa.coords(brim)[1] - fossa.coords(v)[:, 1]) / 15.0, 0.0, 1.0)
    out = fanned(out, fossa, brim, 1.0 - below)
    return Built(striated(out, belly, a, d, across, below))


def build(ctx: BuildContext) -> dict[str, Built]:
    if bone_fields.missing(ctx, [*BONES, *(f"psoas_major_{s}" for s in SIDES)]):
        return {}
    bones = routing.Obstacles(ctx, BONES)
    out = {}
    for side in SIDES:
        psoas = bone_fields.distance(ctx, [f"psoas_major_{side}"])
        out[f"iliacus_{side}"] = iliacus(ctx, side, bones, psoas)
    return out
