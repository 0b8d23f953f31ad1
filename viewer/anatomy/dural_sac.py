"""The dural sac: the thecal sac, oval and smooth, from a flat section cap above L5 down the L5 and
sacral canals, narrowing below L5 in a long gentle cone, then below the S2 roots' sleeves
tapering to its end at S2, going on as the filum terminale; with the dural sleeves of the L5
and S1 roots and, lower on the cone, of the S2 roots. Built by
:mod:`viewer.anatomy.nerves` (``n`` is its per-build helper, which knows the landmarks, the bones
and the lumbosacral axes).
"""

from __future__ import annotations

import numpy as np

from ..vocabulary import SIDES
from . import implicit, routing, section_caps
from . import nerve_shapes as shapes
from . import parameters as P
from .build import Built
from .frame import ANTERIOR, RIGHT, side_sign
from .frame import unit as _unit
from .geometry import first_hit

#: how far forwards of the sac's path a ray looks for the PLL, mm [constructed: past the canal]
PLL_RAY_REACH = 30.0


def sac_path(n) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The sac's centreline (from 6 mm above its cut top to its end at S2), its half-width
    and half-depth per point (smooth: following the canal's room over
    ``DURAL_SAC_ROOM_SMOOTHING``, tapering to a point at S2), and the filum terminale's path
    on down the sacral canal."""
    ls = n.ls
    canal = n.lm("l5_canal_center")
    axis = _unit(n.lm("l5_body_axis"))
    # above L5 the canal turns back towards the vertical with the lordosis
    turn = np.radians(P.DURAL_SAC_LORDOSIS_TURN)
    back = _unit(np.cross(RIGHT, axis))
    back = back if back @ ANTERIOR < 0.0 else -back
    axis = _unit(np.cos(turn) * axis + np.sin(turn) * back)
    top = canal + axis * (ls.l5_top - float(ls.s(canal)) + P.DURAL_SAC_ABOVE_L5)
    sacral = n.lm("sacral_canal_path")
    s2_level = 0.5 * (n.lm("s2_posterior_foramen", "left") + n.lm("s2_posterior_foramen", "right"))
    # (at the S2 level, its lower part: below its S2 sleeves' ends, DURAL_SAC_END_BELOW_S2)
    end = routing.at_length(
        sacral, routing.nearest_length(sacral, s2_level) + P.DURAL_SAC_END_BELOW_S2
    )
    start = int(np.argmin(np.linalg.norm(sacral - n.lm("sacral_canal_top_center"), axis=1)))
    via = np.vstack([top + axis * 6.0, top, canal, sacral[start:]])
    whole = routing.resample(routing.smooth(routing.spline(via, 1.0), 20), 1.0)
    whole[:, 0] = 0.0
    whole = _against_the_front(n, whole)
    s_all = routing.arc_length(whole)
    # (where it ends, and where the filum ends, interpolated: no snapping to a point of the path)
    s_end = routing.nearest_length(whole, end)
    path = np.vstack([whole[s_all < s_end - 0.5], routing.at_length(whole, [s_end])])
    # the filum terminale runs on down the canal until the canal turns back (at the hiatus), or
    # ``FILUM_MODELLED_LENGTH`` past the sac's end
    tangent = np.gradient(whole, axis=0)
    tangent /= np.linalg.norm(tangent, axis=1, keepdims=True)
    at_end = routing.direction_at(whole, s_end)
    beyond = s_all > s_end
    bend = np.where(beyond, tangent @ at_end, 1.0)
    turn = routing.first_crossing(bend, float(np.cos(np.radians(35.0))), 1.0)
    stop = (
        float(np.interp(turn, np.arange(len(s_all)), s_all))
        if turn is not None
        else float(s_all[-1])
    )
    stop = min(stop, s_end + P.FILUM_MODELLED_LENGTH)  # (modelled only so far: it runs on)
    keep = (s_all > s_end - 4.0) & (s_all < stop)
    ends = routing.at_length(whole, [s_end - 4.0, stop])
    filum = np.vstack([ends[:1], whole[keep], ends[1:]])
    s = routing.arc_length(path)
    # the room the canal leaves across (left-right) and front to back, smoothed (a running
    # minimum, then a moving average), so the sac is a broad smooth tube filling the canal
    # without pinching at each narrow spot
    t = np.gradient(path, axis=0)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    back = np.cross(t, RIGHT)
    back *= np.where((back @ ANTERIOR) < 0.0, 1.0, -1.0)[:, None]
    across = _smoothed(n, _room(n, path, [RIGHT, -RIGHT]))
    behind = _smoothed(n, _room(n, path, back))
    taper = cone(s[-1] - s)
    # (the move onto the front fades out over the last ``DURAL_SAC_FRONT_FADE`` mm: the end
    # stays on the filum)
    fade = np.clip((s[-1] - s) / P.DURAL_SAC_FRONT_FADE, 0.0, 1.0)
    # never wider further down: the sac narrows steadily from L5 to its end, no bulges
    depth = np.minimum.accumulate(np.clip(behind, 2.0, P.DURAL_SAC_DEPTH / 2.0))
    width = np.minimum.accumulate(np.clip(across, depth * 1.25, P.DURAL_SAC_WIDTH / 2.0))
    r_filum = P.FILUM_TERMINALE_THICKNESS / 2.0
    # the sac is placed as if it had its full depth: where it is shallower (the canal is) its
    # front would lie further back. Moved on forwards until its front (not its centre) lies
    # DURAL_SAC_FRONT_GAP behind the disc and the bodies (fading out along the taper: its end
    # stays on the filum); the move is smooth along the sac and leaves the points in step with
    # their half-widths and half-depths
    path = _against_the_front(
        n,
        path,
        depth + P.DURAL_SAC_FRONT_GAP,
        fade,
        resample=False,
        smoothing=P.DURAL_SAC_FRONT_SMOOTHING,
    )
    return path, narrowed(width, taper, r_filum), narrowed(depth, taper, r_filum), filum


def narrowed(half: np.ndarray, taper: np.ndarray, r_filum: float) -> np.ndarray:
    """The sac's half-widths (or half-depths) ``half`` narrowed by the cone's shares ``taper``
    onto the filum's radius ``r_filum`` at its end: ``sqrt((half taper)^2 + r_filum^2 (1 -
    taper))``, the full ``half`` where ``taper`` is 1 and the filum's radius where it is 0, the
    cone's flank bending smoothly onto the filum (a hyperbola: no kink, no tip where the cone
    meets it; the larger of the two had an edge there, "a claw-like end", blind review s38)."""
    t = np.clip(taper, 0.0, 1.0)
    return np.sqrt((half * t) ** 2 + r_filum**2 * (1.0 - t))


def cone(to_end: np.ndarray) -> np.ndarray:
    """The share of its full half-width and half-depth the sac keeps ``to_end`` mm (along its
    centreline) above its end, in two stages: a long gentle cone ``DURAL_SAC_CONE`` mm long
    (straight but for its shoulder, over whose ``DURAL_SAC_CONE_SHOULDER`` mm the narrowing sets
    in gradually: a parabola meeting the straight cone and the full-width tube with their
    slopes) from the full section down to ``DURAL_SAC_NECK`` of it, and below the S2 sleeves its
    end, over the last ``DURAL_SAC_END_TAPER`` mm, narrowing onto the filum (a parabola: level
    with the cone above, no edge where it begins). The S2 sleeves leave above that end, where
    the sac still has a body: a cone narrowing all the way to them, the sleeves and the filum
    read as three prongs at one level (blind review s39)."""
    u = np.clip(np.asarray(to_end, float), 0.0, None)
    length, shoulder = P.DURAL_SAC_CONE, P.DURAL_SAC_CONE_SHOULDER
    slope = 1.0 / (length - shoulder / 2.0)
    top = np.clip(length - u, 0.0, None)
    gentle = np.where(u < length - shoulder, u * slope, 1.0 - top * top * slope / (2.0 * shoulder))
    body = P.DURAL_SAC_NECK + (1.0 - P.DURAL_SAC_NECK) * np.clip(gentle, 0.0, 1.0)
    t = np.clip(u / P.DURAL_SAC_END_TAPER, 0.0, 1.0)
    return body * (1.0 - (1.0 - t) ** 2)


def _room(n, path: np.ndarray, dirs) -> np.ndarray:
    """Per point of ``path``: how far (mm, up to 30) it can go in each of ``dirs`` (one direction,
    or one per point) before it comes within ``NERVE_BONE_CLEARANCE`` of bone; the least of them."""
    steps = np.arange(0.0, 30.0, 0.5)
    out = np.full(len(path), 30.0)
    for d in dirs if isinstance(dirs, list) else [dirs]:
        d = np.broadcast_to(np.asarray(d, float), path.shape)
        q = path[:, None, :] + steps[None, :, None] * d[:, None, :]
        v = n.bones(q.reshape(-1, 3)).reshape(len(path), -1)
        # the crossing interpolated between the steps either side: continuous with the bones
        for i, row in enumerate(v):
            hit = routing.first_crossing(row, P.NERVE_BONE_CLEARANCE, 0.5)
            if hit is not None:
                out[i] = min(out[i], hit)
    return out


def _smoothed(n, room: np.ndarray) -> np.ndarray:
    """``room`` smoothed along the sac: a running minimum, then a moving average, both over
    ``DURAL_SAC_ROOM_SMOOTHING`` points (1 mm apart)."""
    k = int(P.DURAL_SAC_ROOM_SMOOTHING)
    pad = np.pad(room, k, mode="edge")
    low = np.array([pad[i : i + 2 * k + 1].min() for i in range(len(room))])
    kernel = np.ones(2 * k + 1) / (2 * k + 1)
    return np.convolve(np.pad(low, k, mode="edge"), kernel, mode="valid")


def _against_the_front(
    n,
    path: np.ndarray,
    keep: np.ndarray | float = P.DURAL_SAC_DEPTH / 2.0 + P.DURAL_SAC_FRONT_GAP,
    fade: np.ndarray | float = 1.0,
    resample: bool = True,
    smoothing: float = P.DURAL_SAC_ROOM_SMOOTHING,
) -> np.ndarray:
    """``path`` moved forwards (across itself, in the midline plane) until the sac's front lies
    ``DURAL_SAC_FRONT_GAP`` behind the backs of the L5 body, the disc and S1 (on the posterior
    longitudinal ligament, when that is built: the epidural fat lies mostly behind the sac), the
    move smoothed along the path; where nothing lies in front (above the model, and above
    ``DURAL_SAC_BELOW_L5_TOP`` under L5's upper endplate) the nearest move is kept: the sac
    runs on up the canal, near-vertical with the lordosis.

    ``keep``: how far behind the front the centre lies, mm (per point, or one value: by default
    that of a sac of full depth); ``fade``: per point, the share of the move made; ``resample``:
    whether the result is resampled every 1 mm (else its points are the moved ones of ``path``);
    ``smoothing``: the half-window of the running minimum and the moving average of the move, in
    points (1 mm apart).
    """
    keep_at = np.broadcast_to(np.asarray(keep, float), (len(path),))
    t = np.gradient(path, axis=0)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    fwd = ANTERIOR - (t @ ANTERIOR)[:, None] * t
    fwd /= np.linalg.norm(fwd, axis=1, keepdims=True)
    steps = np.arange(0.0, 30.0, 0.5)
    raw = np.full(len(path), np.nan)
    # the PLL (a sheet under 1 mm thick) met by the rays themselves: a distance field sampled on
    # a grid coarser than the sheet lets some rays through it on one machine and not on another
    pll_built = n.ctx.built.get("posterior_longitudinal_ligament")
    pll = np.full(len(path), np.inf)
    if pll_built is not None:
        pll = np.nan_to_num(first_hit(pll_built.mesh, path, fwd, PLL_RAY_REACH), nan=np.inf)
    for i, (p, f) in enumerate(zip(path, fwd, strict=True)):
        q = p + steps[:, None] * f
        hit = routing.first_crossing(n.bones(q), 0.0, 0.5)
        hit = pll[i] if hit is None else min(hit, pll[i])
        if np.isfinite(hit):
            raw[i] = max(hit - keep_at[i], 0.0)
    hits = np.isfinite(raw)
    if not hits.any():
        return path
    # only where the back of the L5 body, the disc or S1 lies in front: higher up the ray would
    # meet L5's upper endplate from above, far forwards (the sac would bend forwards over it).
    # A smooth weight (over ``DURAL_SAC_TOP_RAMP`` mm of the level) rather than a cut-off, so
    # the path moves continuously with the bones; above it the move is that just below it
    # (a weighted mean of the moves there): the sac runs on up the canal.
    level = n.ls.l5_top - P.DURAL_SAC_BELOW_L5_TOP - n.ls.s(path)
    w = np.where(hits, np.clip(level / P.DURAL_SAC_TOP_RAMP + 0.5, 0.0, 1.0), 0.0)
    near = w * np.exp(-((level / P.DURAL_SAC_TOP_RAMP) ** 2))
    if near.sum() > 1e-9:
        above = float((near * np.nan_to_num(raw)).sum() / near.sum())
    else:
        above = float(raw[hits][0])
    move = w * np.nan_to_num(raw) + (1.0 - w) * above
    # a running minimum (never into a narrow spot) and then a moving average (no kinks)
    k = int(smoothing)
    pad = np.pad(move, k, mode="edge")
    low = np.array([pad[i : i + 2 * k + 1].min() for i in range(len(move))])
    kernel = np.ones(2 * k + 1) / (2 * k + 1)
    move = np.convolve(np.pad(low, k, mode="edge"), kernel, mode="valid")
    out = path + (move * np.broadcast_to(fade, move.shape))[:, None] * fwd
    out[:, 0] = 0.0
    return routing.resample(out, 1.0) if resample else out


def _sac_body(path: np.ndarray, width: np.ndarray, depth: np.ndarray) -> implicit.SDF:
    """The sac's body along ``path`` (half-widths ``width``, half-depths ``depth``): in section a
    rounded triangle, broad in front and narrowing to a rounded apex behind, as the sac lies in
    the trefoil canal of the lower lumbar spine: a broad oval whose front is the sac's front,
    blended with a narrower lobe behind it whose back is the sac's back (``DURAL_SAC_BACK_LOBE``)."""
    t = np.gradient(path, axis=0)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    back = np.cross(t, RIGHT)
    back *= np.where((back @ ANTERIOR) < 0.0, 1.0, -1.0)[:, None]
    front_share, lobe_width, lobe_depth = P.DURAL_SAC_BACK_LOBE
    main_depth = depth * front_share
    lobe = depth * lobe_depth
    return implicit.smooth_union(
        P.DURAL_SAC_LOBE_BLEND,
        implicit.sweep(path - (depth - main_depth)[:, None] * back, width, main_depth, RIGHT),
        implicit.sweep(path + (depth - lobe)[:, None] * back, width * lobe_width, lobe, RIGHT),
    )


def sac_mesh(n, sleeves) -> Built:
    """The sac with the dural sleeves of the roots and the filum terminale, cut flat at the top
    of the modelled region."""
    path, width, depth, filum = n.sac
    axis = _unit(n.lm("l5_body_axis"))
    top = path[int(np.argmin(np.abs(routing.arc_length(path) - 6.0)))]
    r_filum = P.FILUM_TERMINALE_THICKNESS / 2.0
    sacral = sacral_sleeves(n)
    # the filum thins over its last half to its rounded end (smoothly: no step; its points close
    # enough for the thinner tube)
    filum = routing.resample(filum, 0.25)
    s_f = routing.arc_length(filum)
    thin = implicit.smoothstep((s_f - 0.5 * s_f[-1]) / max(0.5 * s_f[-1], 1.0))
    body = _sac_body(path, width, depth)
    parts = [
        body,
        implicit.sweep(filum, r_filum * (1.0 - (1.0 - P.FILUM_END_TIP) * thin)),
        *(implicit.sweep(p, r) for p, r in _funnels_at_the_wall(body, sleeves)),
        *(implicit.sweep(p, r) for p, r in sacral),
    ]
    # each sleeve narrowing onto its root and cut there (a section: the dura goes on as the
    # root's sheath); the sleeves kept clear of the ligamenta flava behind them
    cuts = [shapes.sleeve_cut(p) for p, _ in [*sleeves, *sacral]]
    flava = [n.muscle_distance(f"ligamentum_flavum_{side}") for side in SIDES]
    f = shapes.trimmed(
        shapes.union(P.DURAL_SLEEVE_FILLET, parts),
        n.bones,
        avoid=flava,
        cut=implicit.halfspace(top, axis),
    )
    f = shapes.cut_ends(f, cuts, reach=P.DURAL_SLEEVE_CUT_REACH)
    paths = [path, filum, *(p for p, _ in [*sleeves, *sacral])]
    mesh = shapes.capped_mesh(
        f,
        paths,
        float(width.max()) + 3.0,
        0.45,
        cuts,
        faces=7000,
        cap_reach=P.DURAL_SLEEVE_CUT_REACH,
    )
    mesh = shapes.flat_cap(mesh, top, axis, depth=P.DURAL_SAC_CAP_FLATTENING)
    section_caps.tag_plane(mesh, top, axis, 0.05)  # it runs on up the canal: a section
    # (the flattened mesh is a new one: its sleeves' cuts tagged again, each only near its
    # point: the plane itself crosses the sac elsewhere)
    for point, normal in cuts:
        section_caps.tag_plane(mesh, point, normal, 0.05, within=P.DURAL_SLEEVE_CUT_REACH)
    centreline = path[routing.arc_length(path) >= 6.0]
    return Built(mesh, centreline)


def sacral_sleeves(n) -> list[tuple[np.ndarray, np.ndarray]]:
    """The S2 roots' dural sleeves (centreline, half-widths), left and right: leaving the sides of
    the sac ``DURAL_S2_SLEEVE_ABOVE_END`` mm above its end (above its end's taper,
    ``DURAL_SAC_END_TAPER``), steeply down along its side wall (``DURAL_S2_SLEEVE_OUT``,
    ``DURAL_S2_SLEEVE_DOWN``) and on down and out in the sacral canal towards the opening of the
    S2 anterior foramen (``DURAL_S2_SLEEVE_REACH`` mm along its tunnel), narrowing and cut
    ``DURAL_S2_SLEEVE_SHORT`` mm above it, where the dura ends on the root's ganglion in the
    canal (the roots themselves are not modelled there)."""
    path, width = n.sac[0], n.sac[1]
    s = routing.arc_length(path)
    at = s[-1] - P.DURAL_S2_SLEEVE_ABOVE_END
    origin = routing.at_length(path, at)
    down = routing.direction_at(path, at, 3.0)
    half = float(np.interp(at, s, width))
    out = []
    for side in SIDES:
        tunnel = n.lm("s2_anterior_foramen_path", side)
        target = routing.at_length(tunnel, P.DURAL_S2_SLEEVE_REACH) + n.ls.up * (
            P.DURAL_S2_SLEEVE_SHORT
        )
        # out through the sac's side wall steeply, slanting down along it (the lower a root,
        # the steeper its sleeve leaves: Netter pl. 161), then on down and out to its foramen
        lat = RIGHT * side_sign(side)
        side_wall = origin + lat * half * P.DURAL_S2_SLEEVE_OUT + down * P.DURAL_S2_SLEEVE_DOWN
        line = routing.spline(np.vstack([origin, side_wall, target]), 0.5)
        # (on past its cut, so that the cut crosses a whole section)
        u = routing.arc_length(line)
        line = np.vstack(
            [line, line[-1] + routing.direction_at(line, u[-1], 1.0) * P.DURAL_SLEEVE_BEYOND_CUT]
        )
        line = routing.resample(line, 0.5)
        u = np.clip(routing.arc_length(line) / max(u[-1], 1.0), 0.0, 1.0)
        # a funnel off the cone narrowing all the way to its cut, as the roots' sleeves do
        wall = P.DURAL_S2_SLEEVE_RADIUS + P.DURAL_S2_SLEEVE_FLARE
        tip = P.DURAL_S2_SLEEVE_TIP * P.DURAL_S2_SLEEVE_RADIUS
        out.append((line, shapes.funnel(u, wall, tip)))
    return out


def _funnels_at_the_wall(
    body: implicit.SDF, sleeves: list[tuple[np.ndarray, np.ndarray]]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The roots' sleeves (centreline, half-widths) with their funnel's flare
    (``DURAL_SLEEVE_FLARE``) only where they come out through the sac's wall: deeper inside the
    sac than ``DURAL_SLEEVE_FLARE_INSIDE`` mm (the centreline's depth, smoothly) a sleeve is only
    as wide as the root it wraps. Where the sac narrows in its cone round the S1 roots, a flared
    sleeve running on inside it stood out of its sides as a thick tube and hid the cone."""
    out = []
    for line, radii in sleeves:
        inside = implicit.smoothstep(-body(line) / P.DURAL_SLEEVE_FLARE_INSIDE)
        out.append((line, radii - P.DURAL_SLEEVE_FLARE * inside))
    return out


def with_points(line: np.ndarray, points) -> np.ndarray:
    """The centreline ``line`` with ``points`` (lying on it: where the roots leave it, at
    interpolated places) inserted in order as vertices of their own, so that a root's centreline
    starts on one of the sac's (the pulse runs sac -> root)."""
    out = np.asarray(line, float)
    for p in points:
        p = np.asarray(p, float)
        if np.linalg.norm(out - p, axis=1).min() < 1e-9:
            continue
        at = routing.nearest_length(out, p)
        k = int(np.searchsorted(routing.arc_length(out), at))
        out = np.insert(out, k, p, axis=0)
    return out
