"""The anterior and posterior longitudinal ligaments: flat bands lying on the bodies and the disc.

Each band is built directly as a surface, not from a sampled field: at every level ``s`` along
the S1 axis (:class:`bone_fields.Lumbosacral`) and every point across its width, a ray in the
mid-sagittal direction finds the surface of L5 + disc + S1 (their smoothed union); that height
map is smoothed while kept off the bone, so the band bridges each body's waist and lies on the
endplate rims and the disc the way the real ligament does. The band's section is a flat
half-lens: a thin rounded rim, its inner face on the bone, its outer face ``thickness`` proud in
the middle.

Where the ligament runs on beyond the modelled region (both continue up the whole spine) the
band ends in a flat section cap at the level of the top of L5, its vertices tagged
(:func:`section_caps.tag`); where it ends inside the model (the ALL spreading onto the front of
the sacrum, the PLL on the back of S1 in the sacral canal) it thins out to a rounded end.
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


def _lying_on(depth: np.ndarray, clearance: float, sigma: tuple[float, float]) -> np.ndarray:
    """A smooth surface outside the bone: ``depth`` (less the clearance) smoothed and clamped
    back off the bone, repeated, so it bridges hollows and follows the rims."""
    limit = depth - clearance
    out = limit.copy()
    for _ in range(12):
        out = np.minimum(ndimage.gaussian_filter(out, sigma, mode="nearest"), limit)
    return out


def band(ctx, ls: Lumbosacral, plan: BandPlan) -> trimesh.Trimesh:
    """The band ``plan`` describes, as one closed surface with its top section cap tagged."""
    fields = [distance(ctx, [s]) for s in SPINE]
    spine = implicit.smooth_union(3.0, *fields)
    n_levels = int(np.ceil((plan.s_top - plan.s_bottom) / LEVEL_STEP)) + 1
    levels = np.linspace(plan.s_bottom, plan.s_top, n_levels)
    k = np.arange(SECTION_POINTS + 1)
    theta = np.pi * k / SECTION_POINTS
    u = np.cos(theta)  # +1 .. -1 across the band
    half = plan.width(levels)[:, None] / 2
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
    inner = _lying_on(depth_grid, P.LONGITUDINAL_LIGAMENT_CLEARANCE, (1.5, 1.0))
    x = u[None, :] * half  # (levels, k)
    middle = np.array([np.interp(0.0, across_mm, row) for row in inner])
    inner = np.minimum(inner, middle[:, None] + plan.wrap)
    # inner face height at each section point, interpolated from the finer grid across
    inner_at = np.array([np.interp(x[i], across_mm, inner[i]) for i in range(n_levels)])
    t_mid = plan.thickness(levels)[:, None]
    rim = np.minimum(P.LONGITUDINAL_LIGAMENT_RIM, 0.45 * t_mid)
    # a flat band with rounded edges: full thickness more than EDGE_ROUNDING in from the rim
    e = np.minimum(1.0, (1.0 - np.abs(u))[None, :] * half / EDGE_ROUNDING)
    bulge = np.sqrt(e * (2.0 - e))  # a quarter round, 0 at the rim, 1 inside
    outer_off = rim + (t_mid - rim) * bulge  # from the inner face towards the outside
    inner_off = rim * (1.0 - bulge)

    def points(off):
        depth = inner_at - off
        a = plan.ray_start - plan.facing * depth
        return (
            ls.centre + levels[:, None, None] * ls.up + x[..., None] * RIGHT + a[..., None] * ls.ant
        )

    outer_pts = points(outer_off)  # (levels, K+1, 3), rim to rim
    inner_pts = points(inner_off)[:, 1:-1][:, ::-1]  # back across, rims shared
    ring = np.concatenate([outer_pts, inner_pts], axis=1)  # (levels, R, 3)
    n_ring = ring.shape[1]
    verts = ring.reshape(-1, 3)
    faces = []
    idx = np.arange(n_levels * n_ring).reshape(n_levels, n_ring)
    nxt = np.roll(idx, -1, axis=1)
    for i in range(n_levels - 1):
        a, b, c, d = idx[i], nxt[i], idx[i + 1], nxt[i + 1]
        faces.append(np.column_stack([a, c, b]))
        faces.append(np.column_stack([b, c, d]))
    faces.append(_end_cap(idx[0], reverse=False))
    faces.append(_end_cap(idx[-1], reverse=True))
    mesh = trimesh.Trimesh(verts, np.vstack(faces), process=False)
    if mesh.volume < 0:
        mesh.invert()
    section_caps.tag(mesh, idx[-1])
    return mesh


def _end_cap(ring_ids: np.ndarray, reverse: bool) -> np.ndarray:
    """A ladder across the ring's two faces: outer point k joined to the inner point at the same
    place across the band (a flat, well-shaped cap in the ring's plane)."""
    n = SECTION_POINTS
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


def _smooth_profile(knots, values, sigma: float) -> Callable[[np.ndarray], np.ndarray]:
    """Piecewise-linear through (knots, values), smoothed by a Gaussian of ``sigma`` mm."""
    grid = np.arange(min(knots) - 4 * sigma, max(knots) + 4 * sigma, 0.25)
    smooth = ndimage.gaussian_filter1d(np.interp(grid, knots, values), sigma / 0.25, mode="nearest")
    return lambda s: np.interp(s, grid, smooth)


def anterior_plan(ctx, ls: Lumbosacral) -> BandPlan:
    """The ALL: as wide as the front of the L5 body, a little wider over the disc, spreading thin
    down the front of S1; cut at the top of L5's front."""
    l5 = ctx.mesh("l5_vertebra").vertices
    front = l5[(np.abs(l5[:, 0]) < 4.0) & (ls.a(l5) > ls.disc_anterior - 12.0)]
    s_top = float(ls.s(front).max()) - P.ALL_TOP_BELOW_RIM
    s_bottom = ls.disc_bottom - P.ALL_ON_S1
    w = P.ALL_WIDTH.value
    width = _smooth_profile(
        [s_bottom, s_bottom + 6.0, ls.disc_bottom, ls.disc_top, s_top],
        [0.55 * w, 0.95 * w, P.ALL_DISC_WIDENING * w, P.ALL_DISC_WIDENING * w, w],
        2.5,
    )
    t = P.ALL_THICKNESS.value
    thickness = _smooth_profile([s_bottom, s_bottom + 8.0, s_top], [0.35 * t, t, t], 2.0)
    return BandPlan(s_bottom, s_top, width, thickness, +1.0, ls.disc_anterior + 12.0)


def posterior_plan(ls: Lumbosacral) -> BandPlan:
    """The PLL: narrow behind the L5 body (``PLL_WIDTH_L5``); over the disc a lozenge-shaped fan,
    widest at the disc's mid-height (``PLL_DISC_FAN_FRACTION`` of its width) and narrower at its
    upper and lower margins (``PLL_DISC_MARGIN_WIDTH``), its central part widening towards the
    disc (``PLL_CENTRAL_AT_MARGIN``); narrow again on the back of S1 in the sacral canal; cut at
    the top of L5 (Lee et al. 2018)."""
    narrow = P.PLL_WIDTH_L5.value
    fan = P.PLL_DISC_FAN_FRACTION.value * ls.disc_width
    margin = P.PLL_DISC_MARGIN_WIDTH.value
    central = P.PLL_CENTRAL_AT_MARGIN.value
    s_top = ls.l5_top - P.PLL_TOP_BELOW_L5
    s_bottom = ls.disc_bottom - P.PLL_ON_S1
    reach = P.PLL_FAN_REACH
    mid = 0.5 * (ls.disc_bottom + ls.disc_top)
    width = _smooth_profile(
        [
            s_bottom,
            ls.disc_bottom - reach,
            ls.disc_bottom,
            mid - 1.0,
            mid + 1.0,
            ls.disc_top,
            ls.disc_top + 0.5 * reach,
            ls.disc_top + reach,
            s_top,
        ],
        [narrow, central, margin, fan, fan, margin, central, narrow, narrow],
        1.2,
    )
    t = P.PLL_THICKNESS
    thickness = _smooth_profile(
        [s_bottom, ls.disc_bottom - 2.0, ls.disc_top + 2.0, ls.disc_top + reach + 5.0, s_top],
        [0.4 * t, t, t, t, t],
        1.5,
    )
    return BandPlan(
        s_bottom, s_top, width, thickness, -1.0, ls.disc_posterior - 5.0, P.PLL_WRAP, P.PLL_RISE
    )
