"""The anterior and posterior longitudinal ligaments: flat bands lying on the bodies and the disc.

Each band is built directly as a surface, not from a sampled field: at every level ``s`` along
the S1 axis (:class:`bone_fields.Lumbosacral`) and every point across its width, a ray in the
mid-sagittal direction finds the surface of L5 + disc + S1 (their smoothed union); that height
map is smoothed while kept off the bone, so the band bridges each body's waist and lies on the
endplate rims and the disc the way the real ligament does. The band's section is a flat
half-lens: a thin rounded rim, its inner face on the bone, its outer face ``thickness`` proud in
the middle.

Where the ligament runs on beyond the modelled region (both continue up the whole spine; the
ALL on down the front of the sacrum) the band ends in a flat section cap square to it, its
vertices tagged (:func:`section_caps.tag`): at the level of the top of L5, and for the ALL on
the front of S1 too; the PLL, which fades on the back of S1 in the sacral canal, thins out there
to a rounded end. The ALL's front face carries low longitudinal ridges (its fibre bundles).
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
    section_points: int = SECTION_POINTS  # points across its section, rim to rim
    level_step: float = LEVEL_STEP  # spacing of its sections along its length, mm
    # it thins from this far (mm) off its midline out to its edges, to this share of its
    # midline thickness there (thickest in the midline, spreading thinly at its margins)
    thin_from: float = np.inf
    edge_share: float = 1.0
    # (s_low, s_high, step) each: sections this much closer together from s_low to s_high (the
    # fan's serrated edges), blended smoothly into ``level_step`` over 2 mm
    fine: tuple[tuple[float, float, float], ...] = ()


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
        n = max(1, round(plan.corner / plan.level_step))
        smooth = ndimage.gaussian_filter(inner, (n, 0.0), mode="nearest")
        excess = np.maximum(smooth - inner, 0.0)  # where smoothing would sink it into the corner
        excess = ndimage.maximum_filter(excess, size=(2 * n + 1, 1), mode="nearest")
        lift = ndimage.gaussian_filter(excess, (n, 0.0), mode="nearest")
        inner = np.minimum(smooth - lift, inner)
    inner = inner[pad:-pad]
    x = u[None, :] * half  # (levels, k)
    middle = np.array([np.interp(0.0, across_mm, row) for row in inner])
    inner = np.minimum(inner, middle[:, None] + plan.wrap)
    # inner face height at each section point, interpolated from the finer grid across
    inner_at = np.array([np.interp(x[i], across_mm, inner[i]) for i in range(n_levels)])
    t_mid = plan.thickness(levels)[:, None]
    # (its rim as thick as the level's: a thinner rim folds sharply where the band ends in a
    # rounded corner)
    rim = np.minimum(P.LONGITUDINAL_LIGAMENT_RIM, 0.45 * t_mid)
    if np.isfinite(plan.thin_from):  # thinner towards its edges than in the midline
        out_share = np.clip(
            (np.abs(x) - plan.thin_from) / np.maximum(half - plan.thin_from, 1e-6), 0, 1
        )
        thin = 1.0 - (1.0 - plan.edge_share) * out_share * out_share * (3 - 2 * out_share)
        t_mid = np.maximum(t_mid * thin, rim)
    # a flat band with rounded edges: full thickness more than EDGE_ROUNDING (a quarter of its
    # half-width where it is wide: a fan thins out towards its margins) in from the rim
    rounding = np.maximum(EDGE_ROUNDING, 0.25 * half)
    e = np.minimum(1.0, (1.0 - np.abs(u))[None, :] * half / rounding)
    bulge = np.sqrt(e * (2.0 - e))  # a quarter round, 0 at the rim, 1 inside
    outer_off = rim + (t_mid - rim) * bulge  # from the inner face towards the outside
    if plan.ridges > 0.0:  # its longitudinal fibre bundles: low ridges along the outer face
        # (fading out towards each end: a section through them would look jagged)
        from_end = np.minimum(levels - plan.s_bottom, plan.s_top - levels)[:, None]
        fade = np.clip(from_end / RIDGE_FADE, 0.0, 1.0)
        ridges = plan.ridges * fade * bulge * np.cos(2.0 * np.pi * x / RIDGE_SPACING)
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


def _smooth_profile(knots, values, sigma: float) -> Callable[[np.ndarray], np.ndarray]:
    """Piecewise-linear through (knots, values), smoothed by a Gaussian of ``sigma`` mm."""
    grid = np.arange(min(knots) - 4 * sigma, max(knots) + 4 * sigma, 0.25)
    smooth = ndimage.gaussian_filter1d(np.interp(grid, knots, values), sigma / 0.25, mode="nearest")
    return lambda s: np.interp(s, grid, smooth)


def anterior_plan(ctx, ls: Lumbosacral) -> BandPlan:
    """The ALL: broader below than above (Gray's), widening steadily from the top of L5's front
    (``ALL_TOP_SHARE`` of ``ALL_WIDTH``) over the disc (``ALL_DISC_WIDENING``) on down the front
    of S1 (``ALL_S1_WIDENING``), with no waist; thicker over the bodies, where it fills their
    waists, than over the disc, where it bridges the disc loosely; cut at the top of L5's front
    and on the front of S1 (it runs on up the spine and on down the sacrum: section caps at both
    ends)."""
    l5 = ctx.mesh("l5_vertebra").vertices
    front = l5[(np.abs(l5[:, 0]) < 4.0) & (ls.a(l5) > ls.disc_anterior - 12.0)]
    s_top = float(ls.s(front).max()) - P.ALL_TOP_BELOW_RIM
    s_bottom = ls.disc_bottom - P.ALL_ON_S1
    w = P.ALL_WIDTH.value
    width = _smooth_profile(
        [s_bottom, ls.disc_bottom, ls.disc_top, s_top],
        [
            P.ALL_S1_WIDENING * w,
            P.ALL_DISC_WIDENING * w,
            P.ALL_DISC_WIDENING * w - 0.5,
            P.ALL_TOP_SHARE * w,
        ],
        3.0,
    )
    t = P.ALL_THICKNESS.value
    t_disc = P.ALL_DISC_THICKNESS * t
    thickness = _smooth_profile(
        [s_bottom, ls.disc_bottom - 4.0, ls.disc_bottom, ls.disc_top, ls.disc_top + 4.0, s_top],
        [t, t, t_disc, t_disc, t, t],
        1.5,
    )
    return BandPlan(
        s_bottom,
        s_top,
        width,
        thickness,
        +1.0,
        ls.disc_anterior + 12.0,
        cap_bottom=True,
        ridges=P.ALL_FIBRE_RIDGES,
        corner=P.ALL_CORNER_ROUNDING,
        section_points=48,
        level_step=1.6,
        thin_from=P.ALL_THIN_FROM,
        edge_share=P.ALL_EDGE_SHARE,
    )


def _serrations(grid: np.ndarray, mid: float, weight: np.ndarray) -> np.ndarray:
    """The fan's saw-toothed edges: scallops (``PLL_SERRATION``: depth, pitch along the band)
    bulging out between notches, ``weight`` of them at each level of ``grid``, their phase
    different above and below the disc's mid-height (no mirror image)."""
    depth, pitch = P.PLL_SERRATION
    phase = np.where(grid > mid, 0.0, 0.37)
    wave = np.abs(np.sin(np.pi * ((grid - mid) / pitch + phase)))
    wave = ndimage.gaussian_filter1d(wave, 0.15 / 0.05, mode="nearest")
    return depth * (wave - 0.5) * weight


def posterior_plan(ls: Lumbosacral) -> BandPlan:
    """The PLL: a narrow strip behind the L5 body (``PLL_WIDTH_L5``) that widens over the disc
    into a fan widest at the disc's mid-height (``PLL_DISC_FAN_FRACTION`` of its width),
    reaching further up over L5's lower rim than down onto S1 (``PLL_FAN_REACH``: no mirror
    image), its lateral edges saw-toothed (``PLL_SERRATION``), thinner than the strip (``PLL_FAN_THICKNESS``)
    and rounded off over its outer quarter, where it blends into the annulus; below the disc
    narrower than above (``PLL_S1_NARROWING``: the band narrows at L5/S1, Lee et al. 2018),
    tapering on the back of S1 in the sacral canal to a rounded end; cut at the top of L5 (a
    section cap)."""
    narrow = P.PLL_WIDTH_L5.value
    fan = P.PLL_DISC_FAN_FRACTION.value * ls.disc_width
    s_top = ls.l5_top - P.PLL_TOP_BELOW_L5
    s_bottom = ls.disc_bottom - P.PLL_ON_S1
    mid = 0.5 * (ls.disc_bottom + ls.disc_top)
    # the fan: a lozenge reaching PLL_FAN_REACH above and below the disc's mid-height, its
    # lateral corners rounded (radius PLL_FAN_ROUNDING); it meets the strip in concave
    # fillets, the strip narrower below the disc and tapering to its rounded end in the canal
    step = 0.05
    grid = np.arange(s_bottom - 2.0, s_top + 2.0, step)
    rho = P.PLL_FAN_ROUNDING
    up, down = P.PLL_FAN_REACH
    a = fan / 2 - rho
    reach = np.where(grid > mid, up, down)
    core = a * np.clip(1.0 - np.abs(grid - mid) / reach, 0.0, None)  # the lozenge's half-width
    off = np.linspace(-rho, rho, 41)  # its outline moved out by ``rho``: rounded corners
    diamond = np.interp(grid[:, None] + off[None, :], grid, core) + np.sqrt(rho**2 - off**2)
    inside = (grid > mid - down - rho) & (grid < mid + up + rho)
    fan_half = np.where(inside, diamond.max(axis=1), 0.0)
    below = np.interp(grid, [mid - 6.0, mid], [P.PLL_S1_NARROWING, 1.0])
    end = np.interp(grid, [s_bottom, s_bottom + 8.0], [P.PLL_END_NARROWING, 1.0])
    strip = narrow / 2 * below * end
    fillet = P.PLL_FAN_FILLET  # a smooth maximum of the two: concave fillets where they meet
    half = fillet * np.logaddexp(fan_half / fillet, strip / fillet)
    half = ndimage.gaussian_filter1d(half, 0.6 / step, mode="nearest")
    # saw-toothed along the fan's sloping edges (not at its widest, not on the strip)
    on_edge = np.clip((half - strip - 1.0) / 3.0, 0.0, 1.0) * np.clip(
        (np.abs(grid - mid) - 2.0) / 1.5, 0.0, 1.0
    )
    half = half + _serrations(grid, mid, on_edge)

    def width(s: np.ndarray) -> np.ndarray:
        return 2.0 * np.interp(s, grid, half)

    t = P.PLL_THICKNESS
    t_fan = P.PLL_FAN_THICKNESS  # thinner where it spreads over the disc and blends into it
    thickness = _smooth_profile(
        [s_bottom, ls.disc_bottom - 4.0, mid - 2.0, mid + 2.0, ls.disc_top + 4.0, s_top],
        [0.5 * t, t, t_fan, t_fan, t, t],
        1.5,
    )
    return BandPlan(
        s_bottom,
        s_top,
        width,
        thickness,
        -1.0,
        ls.disc_posterior - 5.0,
        P.PLL_WRAP,
        P.PLL_RISE,
        # (its sloping edges only: at its lateral tips, where the rim runs along the band, close
        # sections fold the rim)
        fine=(
            (mid - down - rho, mid - 1.5, P.PLL_FINE_STEP),
            (mid + 1.5, mid + up + rho, P.PLL_FINE_STEP),
        ),
    )
