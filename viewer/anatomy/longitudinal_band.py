"""The longitudinal ligaments' mesher: a flat band lying on the bodies and the disc, built
directly as a surface from a :class:`BandPlan` (its width and thickness level by level).

At every level ``s`` along the S1 axis (:class:`bone_fields.Lumbosacral`) and every point across
its width, a ray in the mid-sagittal direction finds the surface of L5 + disc + S1 (their smoothed
union); that height map is smoothed while kept off the bone, so the band bridges each body's
waist and lies on the endplate rims and the disc the way the real ligament does. The band's
section is a half-lens: a thin rounded rim, its inner face on the bone, its outer face
``thickness`` proud in the middle. An end that runs on beyond the model is a flat section cap
square to the band, its vertices tagged (:func:`section_caps.tag`); the plans themselves are in
:mod:`longitudinal_ligaments`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import trimesh
from scipy import ndimage

from . import implicit, section_caps
from . import parameters as P
from .bone_fields import Lumbosacral, distance
from .frame import RIGHT

SPINE = ("l5_vertebra", "l5_s1_disc_annulus", "s1_segment")
#: points across the half-lens section (rim to rim, along the outer face)
SECTION_POINTS = 30
#: spacing of the sections along the band, mm
LEVEL_STEP = 1.2
#: the band's edges are rounded over this width, mm
EDGE_ROUNDING = 2.0
#: ray step and length when looking for the bone's surface, mm
RAY_STEP = 0.8
RAY_LENGTH = 40.0
#: spacing of the ALL's longitudinal fibre bundles across its face, mm [constructed]
RIDGE_SPACING = 3.0
#: they fade out over this length towards each end of the band, mm [constructed]
RIDGE_FADE = 4.0
#: [constructed] the pitch across the band (mm) of the fraying of its fading ends: neighbouring
#: fibre bundles fade out over different lengths (an irregular, not a periodic, pattern)
FRAY_PITCH = (7.3, 4.1)


def _eased(r: np.ndarray, share: float) -> np.ndarray:
    """``share`` at ``r`` <= 0 easing smoothly (smoothstep) to 1 at ``r`` >= 1."""
    r = np.clip(r, 0.0, 1.0)
    return share + (1.0 - share) * r * r * (3.0 - 2.0 * r)


@dataclass(frozen=True)
class BandPlan:
    """What a longitudinal band looks like, level by level (``s`` in mm along the S1 axis)."""

    s_bottom: float  # its rounded lower end
    s_top: float  # its section cap (the cut, where it runs on beyond the model)
    width: Callable[[np.ndarray], np.ndarray]  # full width at each level
    thickness: Callable[[np.ndarray], np.ndarray]  # in the midline, at each level
    facing: float  # +1: on the front of the bodies (ALL); -1: on their back (PLL)
    ray_start: float  # ``a`` (along ``ls.ant``) where each ray starts, outside the bone
    wrap: float = np.inf  # how far its edges may follow the bone round from its midline, mm
    rise: float = np.inf  # bone standing further proud of its midline than this is not its bed
    cap_bottom: bool = False  # cut below too (it runs on beyond the model): a section cap there
    bridging: float = 1.5  # smoothing of its bed along its length (levels): how far it bridges
    ridges: float = 0.0  # height of its longitudinal fibre bundles on the outer face, mm
    corner: float = 0.0  # it is rounded over the bone's convex corners over this length, mm
    # only round the corner at this level (nan: all along), fully within ``corner_reach`` mm of
    # it, easing back to the bone's own bridged shape over the next ``corner_reach`` mm
    corner_at: float = np.nan
    corner_reach: float = 8.0
    section_points: int = SECTION_POINTS  # points across its section, rim to rim
    level_step: float = LEVEL_STEP  # spacing of its sections along its length, mm
    # it thins from this far (mm) off its midline out to its edges, to this share of its
    # midline thickness there (thickest in the midline, spreading thinly at its margins)
    thin_from: float = np.inf
    edge_share: float = 1.0
    # (s_low, s_high, step) each: sections this much closer together from s_low to s_high (the
    # fan's serrated edges), blended smoothly into ``level_step`` over 2 mm
    fine: tuple[tuple[float, float, float], ...] = ()
    # its ends fade (where it runs on beyond the model: not square-cut tape): over this length
    # (mm) from each end it narrows to ``end_width`` and thins to ``end_thickness`` of itself,
    # its fibre bundles fading over lengths that differ by up to ``fray`` of it (a frayed end)
    end_fade: float = 0.0
    end_width: float = 1.0
    end_thickness: float = 1.0
    fray: float = 0.0
    fade_top: bool = True  # False: only its lower end fades; its top is cut at full size
    # its outer face runs straight over the bone's hollows along its length (it fills the
    # bodies' concave fronts, thicker there): no deeper than the inner face smoothed along the
    # band by a Gaussian of this many mm (0: the outer face follows the inner one)
    fill: float = 0.0
    # the hollows it fills, filled at most this deep, mm (a deep waist is not filled flush: its
    # thickness stays within the published range)
    fill_max: float = np.inf
    rim: float = P.LONGITUDINAL_LIGAMENT_RIM  # thickness of its rounded rim, mm (at most)
    # its edges are rounded over this share of its half-width (at least EDGE_ROUNDING mm, at most
    # ``round_max`` mm): 0.25 leaves a flat middle; 1.0 rounds the whole section of a narrow band
    # (a half-ellipse, thickest in its midline). (Rounded over much more than that, a wide band's
    # thin rim is a knife edge: its last sections fold against each other, test_surface_quality)
    round_share: float = 0.25
    round_max: float = np.inf
    # its lateral borders blunt (a thin sheet's knife edge reads as a surface with no thickness,
    # blind review s45): how blunt at each level (0: feathered out over ``round_share`` as
    # above; 1: thinning only to ``border_thickness`` mm at its border, rounded off there over
    # its last ``border_nose`` mm, a half-round nose centred on that thickness); None: never
    border: Callable[[np.ndarray], np.ndarray] | None = None
    border_thickness: float = 1.0
    border_nose: float = 1.0


def _levels(plan: BandPlan) -> np.ndarray:
    """The band's section levels from ``plan.s_bottom`` to ``plan.s_top``: ``plan.level_step``
    apart, closer where ``plan.fine`` asks (the spacing varies smoothly, so the levels move by
    as little as the plan's numbers do)."""
    if not plan.fine:
        n = int(np.ceil((plan.s_top - plan.s_bottom) / plan.level_step)) + 1
        return np.linspace(plan.s_bottom, plan.s_top, n)
    s = np.linspace(plan.s_bottom, plan.s_top, 4001)
    density = np.full(len(s), 1.0 / plan.level_step)
    for lo, hi, step in plan.fine:
        inside = np.clip(np.minimum(s - lo, hi - s) / 2.0 + 0.5, 0.0, 1.0)
        inside = inside * inside * (3.0 - 2.0 * inside)
        density = np.maximum(density, 1.0 / (plan.level_step + (step - plan.level_step) * inside))
    count = np.concatenate([[0.0], np.cumsum(0.5 * (density[1:] + density[:-1]) * np.diff(s))])
    n = int(np.ceil(count[-1])) + 1
    return np.interp(np.linspace(0.0, count[-1], n), count, s)


#: [constructed] mm: vertices of the band closer to the bone than this (or in it: where the
#: height map cuts across a rounded rim between its samples) are pushed out along the bone's
#: normal, both faces together
PUSH_CLEARANCE = 0.15


def _pushed_off(spine, inner: np.ndarray, outer: np.ndarray) -> None:
    """Move the columns (an inner-face point and the outer-face point over it) whose inner point
    lies within ``PUSH_CLEARANCE`` of the bone (``spine``) out along the bone's normal until it
    lies that far off it, in place: the band follows the bone's own surface there."""
    flat_in, flat_out = inner.reshape(-1, 3), outer.reshape(-1, 3)
    h = 0.05
    for _ in range(3):
        f = spine(flat_in)
        need = np.flatnonzero(f < PUSH_CLEARANCE)
        if not len(need):
            return
        p = flat_in[need]
        grad = np.column_stack(
            [(spine(p + h * e) - spine(p - h * e)) / (2.0 * h) for e in np.eye(3)]
        )
        grad /= np.maximum(np.linalg.norm(grad, axis=1, keepdims=True), 1e-9)
        push = (PUSH_CLEARANCE - f[need])[:, None] * grad
        flat_in[need] += push
        flat_out[need] += push


def _heights(ls: Lumbosacral, spine, plan: BandPlan, levels, across) -> np.ndarray:
    """Depth along each ray (from ``plan.ray_start``) at which it meets the bone (the zero of
    the field between the two samples that straddle it). Rays that start inside bone or meet
    none take the depth of their nearest neighbours across the band (a ray that starts inside
    bone, in the posterior elements, counts from where it enters bone again)."""
    d = -plan.facing  # rays run from the start towards the bone
    t = np.arange(0.0, RAY_LENGTH, RAY_STEP)
    S, X, T = np.meshgrid(levels, across, t, indexing="ij")
    p = (
        ls.centre
        + S[..., None] * ls.up
        + X[..., None] * RIGHT
        + (plan.ray_start + d * T)[..., None] * ls.ant
    )
    field = spine(p.reshape(-1, 3)).reshape(S.shape)
    inside = field <= 0.0
    entering = np.zeros_like(inside)
    entering[..., 1:] = (
        inside[..., 1:] & ~inside[..., :-1]
    )  # a ray starting in bone leaves it first
    first = np.argmax(entering, axis=2)
    good = entering.any(axis=2)
    i, j = np.nonzero(good)
    k = first[i, j]
    before, after = field[i, j, k - 1], field[i, j, k]
    depth = np.full(first.shape, np.nan)
    depth[i, j] = t[k - 1] + RAY_STEP * before / np.maximum(before - after, 1e-9)
    # a hit standing proud of the midline's by more than ``plan.rise`` is not the body's face
    # (behind the disc's rounded corner a ray meets the root of a pedicle or a lip of S1's rim)
    if np.isfinite(plan.rise):
        central = np.where(np.abs(across) <= 3.0, depth, np.nan)
        has_central = np.asarray(np.isfinite(central).any(axis=1))
        middle = np.nanmedian(np.where(has_central[:, None], central, depth), axis=1)
        proud = depth < middle[:, None] - plan.rise
        depth = np.where(proud, np.nan, depth)
    for row in depth:  # fill the misses from their neighbours across the band
        ok = np.isfinite(row)
        row[~ok] = np.interp(np.flatnonzero(~ok), np.flatnonzero(ok), row[ok]) if ok.any() else 0
    return depth


def _extended(grid: np.ndarray, n: int, linear: bool) -> np.ndarray:
    """``grid`` with ``n`` rows added before and after it: its end rows repeated, or (``linear``)
    carrying on the slope of its last few rows at each end."""
    k = np.arange(1, n + 1)[:, None] * float(linear)
    lo = grid[0] - k[::-1] * (grid[3] - grid[0]) / 3.0
    hi = grid[-1] + k * (grid[-1] - grid[-4]) / 3.0
    return np.vstack([lo, grid, hi])


def _lying_on(depth: np.ndarray, clearance: float, sigma: tuple[float, float]) -> np.ndarray:
    """A smooth surface outside the bone: ``depth`` (less the clearance) smoothed and clamped
    back off the bone, repeated, so it bridges hollows and follows the rims."""
    limit = depth - clearance
    out = limit.copy()
    for _ in range(12):
        out = np.minimum(ndimage.gaussian_filter(out, sigma, mode="nearest"), limit)
    return out


#: [constructed] the rounding over a convex corner is lifted off it in at most this many
#: rounds, until it lies nowhere deeper than the bone's surface by more than LIFT_TOLERANCE mm
LIFT_ROUNDS = 40
LIFT_TOLERANCE = 0.01


def _rounded_over(depth: np.ndarray, sigma: float) -> np.ndarray:
    """``depth`` (levels along axis 0) smoothed along its length by a Gaussian of ``sigma``
    levels and lifted off (less deep) by a smooth amount wherever the smoothing would sink it
    below ``depth`` (a convex corner: the promontory). The lift is itself a sum of Gaussians
    of ``sigma`` levels, so the result bends as smoothly as the smoothed depth does (clamping
    it back onto the corner, instead, leaves the corner's kink in it)."""
    smooth = ndimage.gaussian_filter(depth, (sigma, 0.0), mode="nearest")
    lift = np.zeros_like(depth)
    for _ in range(LIFT_ROUNDS):
        excess = np.maximum(smooth - lift - depth, 0.0)  # where it sinks into the corner
        if excess.max(initial=0.0) <= LIFT_TOLERANCE:
            break
        lift += ndimage.gaussian_filter(excess, (sigma, 0.0), mode="nearest")
    return smooth - lift


def _hollow(depth: np.ndarray, sigma: float) -> np.ndarray:
    """How far ``depth`` (levels along axis 0) lies deeper than itself smoothed along its
    length by a Gaussian of ``sigma`` levels (carried on straight beyond its ends), where it
    does (0 elsewhere): the hollows a straight band bridges, filled by its thickness."""
    pad = int(np.ceil(4.0 * sigma))
    smooth = ndimage.gaussian_filter1d(_extended(depth, pad, True), sigma, axis=0, mode="nearest")
    return np.maximum(depth - smooth[pad:-pad], 0.0)


def band(ctx, ls: Lumbosacral, plan: BandPlan) -> trimesh.Trimesh:
    """The band ``plan`` describes, as one closed surface with its top section cap tagged."""
    fields = [distance(ctx, [s]) for s in SPINE]
    spine = implicit.smooth_union(3.0, *fields)
    levels = _levels(plan)
    n_levels = len(levels)
    n_across = plan.section_points
    k = np.arange(n_across + 1)
    theta = np.pi * k / n_across
    u = np.cos(theta)  # +1 .. -1 across the band
    half = plan.width(levels)[:, None] / 2
    from_end = np.minimum(levels - plan.s_bottom, plan.s_top - levels)[:, None]
    fading = from_end if plan.fade_top else (levels - plan.s_bottom)[:, None]
    if plan.end_fade > 0.0:  # narrowing towards each end: its corners rounded off (convex)
        r = np.clip(fading / plan.end_fade, 0.0, 1.0)
        half = half * (plan.end_width + (1.0 - plan.end_width) * np.sqrt(r * (2.0 - r)))
    across_hi = np.linspace(-1.0, 1.0, 45)
    widest = float(np.max(half))
    across_mm = across_hi * (widest + 2.0)
    depth_grid = _heights(ls, spine, plan, levels, across_mm)
    # only the bone under the band shapes it: beyond its edge each row carries its edge's depth
    # (a pedicle beside a narrow part must not lift a wide part a level away)
    for row, h in zip(depth_grid, half[:, 0], strict=True):
        out = np.abs(across_mm) > h + 1.5
        if (~out).any():
            row[out] = np.interp(across_mm[out], across_mm[~out], row[~out])
    # smoothed along its length as if the bone ran on beyond each end (for a band cut at both
    # ends: extrapolated, so that its ends lie on the bone where it curves away)
    pad = 12
    inner = _lying_on(
        _extended(depth_grid, pad, plan.cap_bottom),
        P.LONGITUDINAL_LIGAMENT_CLEARANCE,
        (plan.bridging, 1.0),
    )
    if plan.corner > 0.0:  # round it over a convex corner (the promontory), lifted off it there
        rounded = _rounded_over(inner, plan.corner / plan.level_step)[pad:-pad]
        inner = inner[pad:-pad]
        # (both lie off the bone, so any blend of the two does)
        w = _eased(
            (plan.corner_reach * 2.0 - np.abs(levels - plan.corner_at)) / plan.corner_reach, 0.0
        )
        w = np.where(np.isfinite(plan.corner_at), w, 1.0)[:, None]
        inner = w * rounded + (1.0 - w) * inner
    else:
        inner = inner[pad:-pad]
    x = u[None, :] * half  # (levels, k)
    middle = np.array([np.interp(0.0, across_mm, row) for row in inner])
    inner = np.minimum(inner, middle[:, None] + plan.wrap)
    # inner face height at each section point, interpolated from the finer grid across
    inner_at = np.array([np.interp(x[i], across_mm, inner[i]) for i in range(n_levels)])
    t_mid = plan.thickness(levels)[:, None]
    if plan.end_fade > 0.0:  # thinning towards each end, bundle by bundle (frayed)
        stagger = 0.5 * (
            np.sin(2.0 * np.pi * x / FRAY_PITCH[0] + 0.7) + np.sin(2.0 * np.pi * x / FRAY_PITCH[1])
        )
        reach = plan.end_fade * (1.0 + plan.fray * stagger)
        t_mid = t_mid * _eased(fading / reach, plan.end_thickness)
    # (its rounding limited in proportion where it fades: a thin end rounded widely folds)
    # (where it has no limit, none: inf times a faded-out thickness of 0 would be NaN)
    round_max = (
        plan.round_max * t_mid / np.maximum(plan.thickness(levels)[:, None], 1e-6)
        if np.isfinite(plan.round_max)
        else np.inf
    )
    # (its rim as thick as the level's: a thinner rim folds sharply where the band ends in a
    # rounded corner)
    rim = np.minimum(plan.rim, 0.45 * t_mid)
    # a band with rounded edges: full thickness more than EDGE_ROUNDING (``plan.round_share`` of
    # its half-width where it is wide: a fan thins out towards its margins) in from the rim
    rounding = np.maximum(EDGE_ROUNDING, np.minimum(plan.round_share * half, round_max))
    edge_share = np.full_like(t_mid, plan.edge_share)
    if plan.border is not None:  # a blunt border: thinning to it, rounded off over its nose
        k = np.clip(plan.border(levels), 0.0, 1.0)[:, None]
        border = np.minimum(plan.border_thickness, 0.9 * t_mid)
        edge_share = (1.0 - k) * edge_share + k * np.maximum(
            edge_share, border / np.maximum(t_mid, 1e-6)
        )
        rim = (1.0 - k) * rim + k * 0.5 * border  # the nose centred on its thickness
        nose = (1.0 - k) * rounding + k * np.minimum(plan.border_nose, half)
        # (thinning from its midline: thickest there, its section still rounded)
        thin_from = (1.0 - k) * plan.thin_from if np.isfinite(plan.thin_from) else 0.0 * k
    else:
        nose, thin_from = rounding, plan.thin_from
    if np.all(np.isfinite(thin_from)):  # thinner towards its edges than in the midline
        out_share = np.clip((np.abs(x) - thin_from) / np.maximum(half - thin_from, 1e-6), 0, 1)
        thin = 1.0 - (1.0 - edge_share) * out_share * out_share * (3 - 2 * out_share)
        t_mid = np.maximum(t_mid * thin, rim)

    def quarter_round(over: np.ndarray) -> np.ndarray:
        """0 at the rim rising as a quarter round to 1 ``over`` mm in from it."""
        e = np.minimum(1.0, (1.0 - np.abs(u))[None, :] * half / over)
        return np.asarray(np.sqrt(e * (2.0 - e)))

    bulge = quarter_round(nose)  # its section: 0 at the rim, 1 inside
    # (its fill and fibre bundles kept off the rounded-off margins, as without a blunt border)
    inside = quarter_round(rounding)
    outer_off = rim + (t_mid - rim) * bulge  # from the inner face towards the outside
    if plan.fill > 0.0:
        filled = np.minimum(_hollow(inner_at, plan.fill / plan.level_step), plan.fill_max)
        outer_off = outer_off + inside * filled * (
            t_mid / np.maximum(plan.thickness(levels)[:, None], 1e-6)
        )
    if plan.ridges > 0.0:  # its longitudinal fibre bundles: low ridges along the outer face
        # (fading out towards each end: a section through them would look jagged)
        fade = np.clip(from_end / RIDGE_FADE, 0.0, 1.0)
        ridges = plan.ridges * fade * inside * np.cos(2.0 * np.pi * x / RIDGE_SPACING)
        outer_off = outer_off + ridges
    inner_off = rim * (1.0 - bulge)

    def points(off):
        depth = inner_at - off
        a = plan.ray_start - plan.facing * depth
        return (
            ls.centre + levels[:, None, None] * ls.up + x[..., None] * RIGHT + a[..., None] * ls.ant
        )

    outer_pts = points(outer_off)  # (levels, K+1, 3), rim to rim
    inner_full = points(inner_off)
    _pushed_off(spine, inner_full, outer_pts)
    inner_pts = inner_full[:, 1:-1][:, ::-1]  # back across, rims shared
    ring = np.concatenate([outer_pts, inner_pts], axis=1)  # (levels, R, 3)
    # a section cap square to the band where it runs obliquely to the levels (down the front of
    # S1): its ring moved along the band into the plane across it
    for end, inward in ((-1, -2), (0, 1)) if plan.cap_bottom else ((-1, -2),):
        centre = ring[end].mean(axis=0)
        along = centre - ring[inward].mean(axis=0)
        along /= np.linalg.norm(along)
        ring[end] -= ((ring[end] - centre) @ along)[:, None] * along
    n_ring = ring.shape[1]
    verts = ring.reshape(-1, 3)
    faces = []
    idx = np.arange(n_levels * n_ring).reshape(n_levels, n_ring)
    nxt = np.roll(idx, -1, axis=1)
    for i in range(n_levels - 1):
        a, b, c, d = idx[i], nxt[i], idx[i + 1], nxt[i + 1]
        faces.append(np.column_stack([a, c, b]))
        faces.append(np.column_stack([b, c, d]))
    faces.append(_end_cap(idx[0], n_across, reverse=False))
    faces.append(_end_cap(idx[-1], n_across, reverse=True))
    mesh = trimesh.Trimesh(verts, np.vstack(faces), process=False)
    if mesh.volume < 0:
        mesh.invert()
    section_caps.tag(mesh, idx[-1])
    if plan.cap_bottom:
        section_caps.tag(mesh, idx[0])
    return mesh


def _end_cap(ring_ids: np.ndarray, n: int, reverse: bool) -> np.ndarray:
    """A ladder across the ring's two faces (``n`` segments across): outer point k joined to the
    inner point at the same place across the band (a flat, well-shaped cap in the ring's plane)."""
    outer = ring_ids[: n + 1]  # rim, ..., rim
    inner = np.concatenate([[ring_ids[0]], ring_ids[n + 1 :][::-1], [ring_ids[n]]])
    tris = []
    for j in range(n):
        o0, o1, i0, i1 = outer[j], outer[j + 1], inner[j], inner[j + 1]
        if j == 0:
            tris.append((o0, o1, i1))
        elif j == n - 1:
            tris.append((o0, o1, i0))
        else:
            tris.append((o0, o1, i1))
            tris.append((o0, i1, i0))
    out = np.array(tris)
    return out[:, ::-1] if reverse else out
