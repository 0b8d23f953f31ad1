"""The sciatic nerve's shape: a flattened band that begins as the sacral plexus in front of
piriformis, where the lumbosacral trunk, S1's ventral ramus and the S2 and S3 ventral rami
converge on its broad upper end as separate cords (the trunk laterally, S3 medially), runs
facing forwards, no narrower, to the greater sciatic notch below piriformis and grows rounder
and narrower down the thigh, the groove between its tibial and common fibular divisions and its
fascicles' relief on its faces from the notch on.

The band's width lies square to the body's front-to-back axis all along (it faces forwards on
piriformis and backwards in the thigh); the rami join it across its plexus end
(:func:`edge_point`), the roots' cords (:func:`cord`, drawn from the roots' own meshes) run into
it, each webbed in only where it merges (:func:`web`).
"""

from __future__ import annotations

import numpy as np

from . import implicit, routing
from . import parameters as P
from .frame import ANTERIOR, RIGHT


def band(
    sci: np.ndarray,
    exit_: np.ndarray,
    lateral: np.ndarray,
    bed: implicit.SDF | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Half-widths, half-thicknesses and unit width directions along the centreline ``sci``
    (from the plexus down the thigh); ``exit_`` is the point below piriformis, ``lateral`` the
    side's outward direction, ``bed`` the distance to what the nerve lies on (the bones and
    piriformis).

    Down to ``SCIATIC_BED_BELOW_EXIT`` mm below the exit the band lies flat on its bed: its
    width runs across the nerve in the plane of the bed's surface (piriformis at the plexus, the
    floor of the notch below it). From there on it lies in the plane across the body's
    front-to-back axis (facing backwards in the thigh). It turns smoothly from one to the other
    (averaged over ``SCIATIC_TWIST_SMOOTHING`` mm). Without a ``bed`` it lies in that plane all
    along: facing forwards at the plexus, seen face-on from the front as in Netter (flat on the
    model's piriformis it faced the midline, seen edge-on: blind review s27; turned from flat on
    its bed to facing forwards, it twisted a thin neck: s28).

    Its width is ``SCIATIC_DRAWN_WIDTH`` below piriformis, shaped down the thigh by
    ``SCIATIC_WIDTH_PROFILE`` and narrowing on to ``SCIATIC_DISTAL_WIDTH`` at its lower end."""
    s = routing.arc_length(sci)
    s_k = routing.nearest_length(sci, exit_)  # (projected: continuous with the path)
    allowance = P.SCIATIC_MESHING_ALLOWANCE / 2.0
    plexus = P.SCIATIC_PLEXUS_WIDTH / 2.0 + allowance
    held = min(P.SCIATIC_PLEXUS_LENGTH, 0.5 * s_k)
    # widest just below piriformis, then a gentle narrowing and swelling down the thigh
    along, share = np.asarray(P.SCIATIC_WIDTH_PROFILE, float).T
    below = np.interp(s - s_k, along, share) * P.SCIATIC_DRAWN_WIDTH / 2.0 + allowance
    distal = P.SCIATIC_DISTAL_WIDTH / 2.0
    below = np.where(s > s_k, below + (distal - below) * ((s - s_k) / (s[-1] - s_k)) ** 3, below)
    width = np.where(s < s_k, np.interp(s, [0.0, held, s_k], [plexus, plexus, below[0]]), below)
    half_t = P.SCIATIC_BAND_THICKNESS / 2.0
    depth = np.interp(
        s,
        [0.0, s_k, s_k + 40.0, s[-1]],
        [half_t, half_t, half_t, P.SCIATIC_DISTAL_THICKNESS / 2.0],
    )
    t, _ = routing.frames(sci, ANTERIOR)
    w = np.cross(t, ANTERIOR)
    if bed is not None:
        # (blended in over 4 mm, not switched: the band moves continuously with its bed)
        on_bed = np.clip((s_k + P.SCIATIC_BED_BELOW_EXIT - s) / 4.0 + 0.5, 0.0, 1.0)
        above = on_bed > 0.0
        flat_on = np.cross(t[above], _gradient(bed, sci[above]))
        size = np.linalg.norm(flat_on, axis=1, keepdims=True)
        flat_on /= np.maximum(size, 1e-9)
        flat_on *= np.where((flat_on * w[above]).sum(1) < 0.0, -1.0, 1.0)[:, None]
        share = on_bed[above, None] * np.clip((size - 0.2) / 0.2, 0.0, 1.0)
        w_above = w[above] / np.maximum(np.linalg.norm(w[above], axis=1, keepdims=True), 1e-9)
        w[above] = share * flat_on + (1.0 - share) * w_above
    w = w / np.maximum(np.linalg.norm(w, axis=1, keepdims=True), 1e-9)
    w[np.linalg.norm(w, axis=1) < 0.3] = RIGHT
    w /= np.linalg.norm(w, axis=1, keepdims=True)
    for i in range(1, len(w)):  # one sense all along
        if w[i] @ w[i - 1] < 0.0:
            w[i] = -w[i]
    n = max(int(round(P.SCIATIC_TWIST_SMOOTHING / max(float(np.median(np.diff(s))), 1e-6))), 1)
    kernel = np.ones(2 * n + 1) / (2 * n + 1)
    w = np.stack(
        [np.convolve(np.pad(w[:, c], n, mode="edge"), kernel, "valid") for c in range(3)], 1
    )
    w -= (w * t).sum(axis=1, keepdims=True) * t
    w /= np.maximum(np.linalg.norm(w, axis=1, keepdims=True), 1e-9)
    if w[0] @ lateral < 0.0:
        w = -w
    return width, depth, w


def in_sheet(sci: np.ndarray, exit_: np.ndarray, w: np.ndarray, normal: np.ndarray) -> np.ndarray:
    """The band's width directions ``w`` (along the centreline ``sci``) turned at its plexus end
    into the plane of the sacral plexus's sheet (unit ``normal``, :func:`sheet_plane`): by
    ``SCIATIC_SHEET_TWIST`` of the way over its first ``SCIATIC_PLEXUS_LENGTH`` mm, easing back
    (smoothly) to ``w`` ``SCIATIC_SHEET_UNTWIST_BELOW`` mm below the exit below piriformis
    (``exit_``). Facing forwards there while the
    cords converging on it lie on the front of piriformis, which faces forwards and medially,
    the band stood across their sheet: the plexus 12 mm thick, a knob (blind review s33)."""
    s = routing.arc_length(sci)
    s_k = routing.nearest_length(sci, exit_)
    t = np.gradient(np.asarray(sci, float), axis=0)
    t /= np.maximum(np.linalg.norm(t, axis=1, keepdims=True), 1e-12)
    flat = np.cross(normal, t)
    flat /= np.maximum(np.linalg.norm(flat, axis=1, keepdims=True), 1e-9)
    flat *= np.where((flat * w).sum(1) < 0.0, -1.0, 1.0)[:, None]
    top = P.SCIATIC_PLEXUS_LENGTH
    u = np.clip((s - top) / max(s_k + P.SCIATIC_SHEET_UNTWIST_BELOW - top, 1.0), 0.0, 1.0)
    share = P.SCIATIC_SHEET_TWIST * (1.0 - u * u * (3.0 - 2.0 * u))  # (smoothstep: no kink)
    out = (1.0 - share)[:, None] * w + share[:, None] * flat
    out -= (out * t).sum(axis=1, keepdims=True) * t
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def clearance(sci: np.ndarray, exit_: np.ndarray) -> np.ndarray:
    """How far the centreline ``sci`` keeps from bone, per point: half the band's thickness
    through the plexus and the notch (where it lies flat on its bed), growing below the exit
    to ``SCIATIC_EDGE_CLEARANCE`` of its half-width, so that the band's edges stay out of the
    bones of the hip it runs past."""
    s = routing.arc_length(sci)
    s_k = routing.nearest_length(sci, exit_)
    thin = P.SCIATIC_THICKNESS / 2.0
    wide = max(thin, P.SCIATIC_EDGE_CLEARANCE * P.SCIATIC_DRAWN_WIDTH / 2.0)
    ramp = np.interp(s, [s_k + 2.0, s_k + 20.0], [thin, wide])
    return ramp + P.NERVE_BONE_CLEARANCE


def _gradient(f: implicit.SDF, p: np.ndarray, h: float = 1.0) -> np.ndarray:
    """Unit gradient of the field ``f`` at the points ``p`` (central differences)."""
    g = np.stack([f(p + h * e) - f(p - h * e) for e in np.eye(3)], axis=1)
    return g / np.maximum(np.linalg.norm(g, axis=1, keepdims=True), 1e-9)


def edge_point(
    sci: np.ndarray, width: np.ndarray, w: np.ndarray, at: float, share: float
) -> np.ndarray:
    """The point ``at`` mm along the band, ``share`` of its half-width towards its lateral edge
    at the plexus (negative: towards the medial edge)."""
    s = routing.arc_length(sci)  # (interpolated at ``at``: continuous with the band)
    w_at = np.array([np.interp(at, s, w[:, c]) for c in range(3)])
    w_at /= np.linalg.norm(w_at)
    return routing.at_length(sci, at) + w_at * share * float(np.interp(at, s, width))


def stub(path: np.ndarray, start: float) -> np.ndarray:
    """A root's last stretch in the plexus: its centreline ``path`` from ``start`` mm along it (at
    least its last 4 mm) to its end in the band."""
    s = routing.arc_length(path)
    return path[s >= min(start, s[-1] - 4.0)]


def cord(root: implicit.trimesh.Trimesh, path: np.ndarray) -> implicit.SDF:
    """A root's cord in the plexus: the inside of the root's own mesh ``root`` along ``path``
    (its centreline's last stretch, :func:`stub`), ``SCIATIC_CORD_INSET`` mm within its
    surface and cut off across ``path`` where its section cap lies (:func:`cord_cut`, all
    across it: the flattened trunk is wider than the cap's reach): the nerve alone shows the
    lumbosacral trunk and S1's ventral ramus as the cords they are in the roots' meshes
    (whatever their section), hidden inside them in the whole model."""
    from scipy.spatial import cKDTree

    inside = implicit.mesh_distance(root, P.SCIATIC_CORD_SPACING)
    cut = implicit.halfspace(*cord_cut(path, None))  # (on its section cap's plane: no step)
    tree = cKDTree(path)
    reach = P.SCIATIC_CORD_REACH

    def f(p: np.ndarray) -> np.ndarray:
        out = np.full(len(p), reach)
        near = tree.query(p, distance_upper_bound=reach)[0] < reach
        if near.any():
            q = p[near]
            out[near] = np.minimum(np.maximum(inside(q) + P.SCIATIC_CORD_INSET, cut(q)), reach)
        return out

    return f


def cord_cut(path: np.ndarray, opening: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Where a cord of the plexus (a ramus or a root's stub, centreline ``path`` running into
    the band) is cut off flat, as a section (point, outward normal): ``SCIATIC_CORD_CUT_OUTSIDE``
    mm out of the foramen it comes out of (``opening``, on the path: clear of the bone, which
    would round the cut off), or ``SCIATIC_CORD_CUT`` mm along it from its start (a root's stub,
    hidden in the root)."""
    s = routing.arc_length(path)
    if opening is None:
        at = P.SCIATIC_CORD_CUT
    else:
        at = routing.nearest_length(path, opening) + P.SCIATIC_CORD_CUT_OUTSIDE
    at = float(np.clip(at, 0.5, s[-1] - 1.0))
    return routing.at_length(path, at), -routing.direction_at(path, at, 1.0)


def body(
    sci: np.ndarray,
    width: np.ndarray,
    depth: np.ndarray,
    w: np.ndarray,
    rami: list[tuple[np.ndarray, float]],
    stubs: list[np.ndarray],
    exit_: np.ndarray | None = None,
    webbed: list[float] | None = None,
) -> implicit.SDF:
    """The nerve's own body: the flat band (:func:`flat_band`) with the sacral plexus's web
    (:func:`web`) spread between the cords that converge on it: the S2 and S3 ventral rami
    (``rami``: centreline and radius of each, ending in the band) and the ends of the trunk and
    S1 (``stubs``): one flat triangular sheet. Given the exit below piriformis (``exit_``), the
    band is drawn ``SCIATIC_SHEET_WIDENING`` mm wider each side at its plexus end, tapering
    straight to nothing ``SCIATIC_SHEET_WIDENING_TO`` of the way to the exit (straight sides),
    and ``SCIATIC_UPPER_NARROWING`` mm narrower each side down to ``SCIATIC_UNION_FROM`` of the
    way, widening smoothly to its full width by ``SCIATIC_UNION_AT``: above where the S2 and S3
    rami unite with it, near the notch, it is the trunk and S1 alone (no palm)."""
    # (medial to lateral, as they lie side by side in the sheet: S3, S2, S1, the trunk)
    cords = [rami[1][0], rami[0][0], *stubs]
    sheet = web(cords, webbed or [float(routing.arc_length(c)[-1]) for c in cords])
    # the plexus end drawn narrower: the web beside it widens the plexus
    along = routing.arc_length(sci)
    top = P.SCIATIC_PLEXUS_LENGTH
    narrower = np.interp(along, [0.0, top, top + 15.0], [P.SCIATIC_PLEXUS_NARROWING, 0.0, 0.0])
    if exit_ is not None:  # (straight-sided: broadest at the plexus, tapering to the exit)
        s_k = routing.nearest_length(sci, exit_)
        narrower = narrower - np.interp(
            along, [0.0, P.SCIATIC_SHEET_WIDENING_TO * s_k], [P.SCIATIC_SHEET_WIDENING, 0.0]
        )
        # above where the sacral rami unite with it only the trunk and S1 (a narrower band),
        # widening smoothly to the nerve's full width there
        span = (P.SCIATIC_UNION_AT - P.SCIATIC_UNION_FROM) * s_k
        u = implicit.smoothstep((along - P.SCIATIC_UNION_FROM * s_k) / span)
        narrower = narrower + P.SCIATIC_UPPER_NARROWING * (1.0 - u)
    # from the plexus to the notch its middle lies medial to the centreline: the band on the
    # front of piriformis beside the muscle's forward-curving lateral part, not sunk in it
    shift = np.interp(along, P.SCIATIC_MEDIAL_SHIFT_AT, P.SCIATIC_MEDIAL_SHIFT)
    band_ = flat_band(sci, width - P.SCIATIC_FLAT_NARROWING / 2.0 - narrower, depth, w, shift)
    return band_ if sheet is None else implicit.smooth_union(P.SCIATIC_WEB_FILLET, band_, sheet)


def flat_band(
    sci: np.ndarray,
    width: np.ndarray,
    depth: np.ndarray,
    w: np.ndarray,
    shift: np.ndarray | None = None,
    k: int = 48,
) -> implicit.SDF:
    """A band along ``sci`` with a flat section (two flat faces and rounded edges: a rectangle of
    half-width ``width`` and half-thickness ``depth``, width along ``w``, its edges rounded with
    ``SCIATIC_EDGE_ROUNDING`` of ``depth``), as a nerve trunk is flattened (an ellipse reads as a
    round hose; a stadium at 2.5 : 1 is flat only over its middle fifth). Below the notch a
    shallow groove runs down the middle of both faces, deepening down the thigh: the tibial
    (medial) and common fibular (lateral) divisions side by side in one sheath (Gray's Anatomy,
    42nd ed.), and faint ridges along the faces (``SCIATIC_FASCICLE_RELIEF``): its fascicles
    under the epineurium (a nerve, not a vessel's smooth wall).

    Each point takes the union of the ``k`` slices (samples) nearest to it: 48, 1 mm apart, so
    that a point at the inner edge of the tight turn beneath piriformis (radius 10-18 mm, about
    the band's half-width and its medial shift) still meets its own slice (16 missed it there: the
    band's edges thinned to a lens 10-20 mm below piriformis, s31)."""

    c = np.asarray(sci, float)
    t = np.gradient(c, axis=0)
    t /= np.maximum(np.linalg.norm(t, axis=1, keepdims=True), 1e-12)
    rc = np.minimum(P.SCIATIC_EDGE_ROUNDING * depth, width)  # the edges' radius
    half_w = np.maximum(width - rc, 0.0)
    half_d = np.maximum(depth - rc, 0.0)
    w = w - (w * t).sum(axis=1, keepdims=True) * t  # (exactly across this centreline)
    w = w / np.maximum(np.linalg.norm(w, axis=1, keepdims=True), 1e-12)
    d_dir = np.cross(t, w)
    d_dir /= np.maximum(np.linalg.norm(d_dir, axis=1, keepdims=True), 1e-12)
    s = routing.arc_length(c)
    groove = np.interp(
        s,
        [0.0, P.SCIATIC_GROOVE_FROM, P.SCIATIC_GROOVE_FROM + 15.0, s[-1] + 1.0],
        [0.0, 0.0, P.SCIATIC_GROOVE_DEPTH, P.SCIATIC_GROOVE_DEPTH * 1.5],
    )
    relief_along = (
        np.interp(s, [0.0, P.SCIATIC_GROOVE_FROM, P.SCIATIC_GROOVE_FROM + 20.0], [0.0, 0.0, 1.0])
        * P.SCIATIC_FASCICLE_RELIEF
    )
    off = np.zeros(len(c)) if shift is None else np.asarray(shift, float)
    reach = float(width.max() + off.max())

    def capsules(q: np.ndarray, idx: np.ndarray) -> np.ndarray:
        rel = q[:, None, :] - c[idx]
        x = np.einsum("mkj,mkj->mk", rel, w[idx]) + off[idx]
        y = np.einsum("mkj,mkj->mk", rel, d_dir[idx])
        z = np.einsum("mkj,mkj->mk", rel, t[idx])
        # a rounded rectangle across the band at each sample (its signed distance)
        qx, qy = np.abs(x) - half_w[idx], np.abs(y) - half_d[idx]
        out = np.sqrt(np.maximum(qx, 0.0) ** 2 + np.maximum(qy, 0.0) ** 2 + z * z)
        d = out + np.minimum(np.maximum(qx, qy), 0.0) - rc[idx]
        j = np.argmin(d, axis=1)
        best = d[np.arange(len(q)), j]
        xj = x[np.arange(len(q)), j]
        ij = idx[np.arange(len(q)), j]
        # fine fascicle relief: shallow ridges along the faces, fading out at the edges
        faces = np.clip((half_w[ij] - np.abs(xj)) / 2.0, 0.0, 1.0)
        ridges = -np.cos(2.0 * np.pi * xj / P.SCIATIC_FASCICLE_PITCH)  # (a trough mid-band)
        relief = relief_along[ij] * faces * ridges
        return best + groove[ij] * np.exp(-((xj / P.SCIATIC_GROOVE_WIDTH) ** 2)) - relief

    return implicit.union_near_samples(c, reach, capsules, k)


def web(cords: list[np.ndarray], webbed: list[float]) -> implicit.SDF | None:
    """The sacral plexus's web: a thin sheet spread between neighbouring ``cords`` (centrelines
    of the roots and rami in the order they lie side by side across the sheet, S3 medially to
    the lumbosacral trunk laterally, each ending in the band), from their ends up each cord to
    ``webbed`` mm (per cord) before its end, beyond which it is a separate cord (its first
    ``SCIATIC_CORD_FREE`` mm out of its foramen or root, Netter): between each two the web's
    free edge runs straight from one cord to the other (hollowed by ``SCIATIC_WEB_HOLLOW`` of
    its reach at most): one flat triangular sheet with the cords running into it, no slits
    between them and no fingers."""
    from scipy.spatial import cKDTree

    pts = []
    for a, b, fa, fb in zip(cords[:-1], cords[1:], webbed[:-1], webbed[1:], strict=True):
        sa, sb = routing.arc_length(a[::-1]), routing.arc_length(b[::-1])
        ra, rb = min(fa, sa[-1]), min(fb, sb[-1])
        if min(ra, rb) <= 0.0:
            continue
        apart = float(np.linalg.norm(a[-1] - b[-1]))
        n_v = max(int(np.ceil(apart / 0.4)), 2)
        n_u = max(int(np.ceil(max(ra, rb) / 0.4)), 2)
        for v in np.linspace(0.0, 1.0, n_v + 1):
            tau = np.linspace(0.0, 1.0 - P.SCIATIC_WEB_HOLLOW * np.sin(np.pi * v), n_u + 1)
            pa = np.stack([np.interp(tau * ra, sa, a[::-1, i]) for i in range(3)], 1)
            pb = np.stack([np.interp(tau * rb, sb, b[::-1, i]) for i in range(3)], 1)
            pts.append((1.0 - v) * pa + v * pb)
    if not pts:
        return None
    cloud = np.vstack(pts)
    tree = cKDTree(cloud)
    h = P.SCIATIC_WEB_THICKNESS / 2.0

    def f(p: np.ndarray) -> np.ndarray:
        return tree.query(p, k=1)[0] - h

    return f


def broad_cord(path: np.ndarray, radius: float, normal: np.ndarray) -> implicit.SDF:
    """A cord of the plexus (centreline ``path``, running into the band; ``radius`` where it
    leaves its foramen or root) that flattens and broadens as it converges on the others: over
    its last ``SCIATIC_CORD_BROADENING`` mm its width in the sheet's plane (unit ``normal``)
    grows to ``SCIATIC_CORD_WIDEN`` times its radius and its thickness across the sheet falls
    to ``SCIATIC_CORD_FLATTEN`` of it (a smoothstep: no edge where it begins), so that the cords
    lie side by side in one flat sheet where they merge, not thin fingers from a knot."""
    c = np.asarray(path, float)
    s = routing.arc_length(c)
    u = implicit.smoothstep((s - (s[-1] - P.SCIATIC_CORD_BROADENING)) / P.SCIATIC_CORD_BROADENING)
    half_w = radius * (1.0 + (P.SCIATIC_CORD_WIDEN - 1.0) * u)
    half_d = radius * (1.0 - (1.0 - P.SCIATIC_CORD_FLATTEN) * u)
    t = np.gradient(c, axis=0)
    t /= np.maximum(np.linalg.norm(t, axis=1, keepdims=True), 1e-12)
    w = np.cross(normal, t)
    # (a cord running across the sheet has no width in it: round there)
    size = np.linalg.norm(w, axis=1)
    w /= np.maximum(size, 1e-9)[:, None]
    grip = np.clip((size - 0.3) / 0.3, 0.0, 1.0)
    half_w = radius + (half_w - radius) * grip
    half_d = radius + (half_d - radius) * grip
    lost = size < 1e-6
    w[lost] = np.cross(t[lost], np.where(np.abs(t[lost][:, [0]]) < 0.9, RIGHT, ANTERIOR))
    return implicit.sweep(c, half_w, half_d, width_dirs=w)


def sheet_plane(sci: np.ndarray, cords: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The plane the sacral plexus lies in (point, unit normal, facing forwards): through the
    plexus point (the start of ``sci``), fitted (least squares) to the cords' centrelines within
    ``SCIATIC_SHEET_REACH`` mm of it and the band's first ``SCIATIC_PLEXUS_LENGTH`` mm, each
    point weighted down smoothly with its distance (the plane moves continuously with them)."""
    c = np.asarray(sci[0], float)
    pts = np.vstack([*cords, sci[routing.arc_length(sci) <= 2.0 * P.SCIATIC_PLEXUS_LENGTH]])
    r = np.linalg.norm(pts - c, axis=1)
    weight = np.clip(1.0 - r / P.SCIATIC_SHEET_REACH, 0.0, 1.0) ** 2
    rel = (pts - c) * np.sqrt(weight)[:, None]
    normal = np.linalg.svd(rel.T @ rel)[0][:, 2]
    return c, normal if normal @ ANTERIOR > 0.0 else -normal


def flattened(f: implicit.SDF, point: np.ndarray, normal: np.ndarray) -> implicit.SDF:
    """``f`` pressed into a slab about the plane (``point``, ``normal``) near the plexus point: the
    slab ``SCIATIC_SHEET_HALF_THICKNESS`` mm thick each side within ``SCIATIC_SHEET_FLAT`` mm of
    the point, opening by ``SCIATIC_SHEET_OPENING`` mm per mm beyond (its faces meeting ``f`` in
    a fillet of ``SCIATIC_SHEET_FILLET`` mm): where the cords converge they lie side by side in
    one flat sheet, the roots of an atlas's plexus, not stacked front to back into a knot."""
    h0, k = P.SCIATIC_SHEET_HALF_THICKNESS, P.SCIATIC_SHEET_FILLET
    ease = P.SCIATIC_SHEET_RIM_EASE

    def g(p: np.ndarray) -> np.ndarray:
        v = f(p)
        rel = p - point
        across = np.abs(rel @ normal)
        r = np.linalg.norm(rel, axis=1)
        h = h0 + P.SCIATIC_SHEET_OPENING * eased_ramp(r - P.SCIATIC_SHEET_FLAT, ease)
        return -implicit.smooth_min(-v, -(across - h), k)

    return g


def eased_ramp(x: np.ndarray, ease: float) -> np.ndarray:
    """``max(x, 0)`` with its corner eased over ``ease`` about 0: 0 below ``-ease / 2``, ``x``
    above ``ease / 2`` and a parabola between, meeting both with their slopes (no rim where a
    slab's face starts to open: a sharp one creased the surface it pressed)."""
    half = 0.5 * ease
    mid = (x + half) ** 2 / (2.0 * ease)
    return np.where(x <= -half, 0.0, np.where(x >= half, x, mid))
