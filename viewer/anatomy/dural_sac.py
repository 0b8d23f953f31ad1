"""The dural sac: the thecal sac, oval and smooth, from a flat section cap above L5 down the L5 and
sacral canals, tapering to end at S2, going on as the filum terminale; with the roots' dural
sleeves. Built by :mod:`viewer.anatomy.nerves` (``n`` is its per-build helper, which knows the
landmarks, the bones and the lumbosacral axes).
"""

from __future__ import annotations

import numpy as np

from . import implicit, routing, section_caps
from . import nerve_shapes as shapes
from . import parameters as P
from .build import Built
from .frame import ANTERIOR, RIGHT
from .frame import unit as _unit


def sac_path(n) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The sac's centreline (from 6 mm above its cut top to its end at S2), its half-width
    and half-depth per point (smooth: following the canal's room over
    ``DURAL_SAC_ROOM_SMOOTHING``, tapering to a point at S2), and the filum terminale's path
    on down the sacral canal."""
    ls = n.ls
    canal = n.lm("l5_canal_center")
    axis = _unit(n.lm("l5_body_axis"))
    top = canal + axis * (ls.l5_top - float(ls.s(canal)) + P.DURAL_SAC_ABOVE_L5)
    sacral = n.lm("sacral_canal_path")
    s2_level = 0.5 * (n.lm("s2_posterior_foramen", "left") + n.lm("s2_posterior_foramen", "right"))
    end = int(np.argmin(np.linalg.norm(sacral - s2_level, axis=1)))
    start = int(np.argmin(np.linalg.norm(sacral - n.lm("sacral_canal_top_center"), axis=1)))
    via = np.vstack([top + axis * 6.0, top, canal, sacral[start:]])
    whole = routing.resample(routing.smooth(routing.spline(via, 1.0), 20), 1.0)
    whole[:, 0] = 0.0
    whole = _against_the_front(n, whole)
    s_all = routing.arc_length(whole)
    s_end = float(s_all[int(np.argmin(np.linalg.norm(whole - sacral[end], axis=1)))])
    path = whole[s_all <= s_end]
    # the filum terminale runs on down the canal until the canal turns back (at the hiatus)
    tangent = np.gradient(whole, axis=0)
    tangent /= np.linalg.norm(tangent, axis=1, keepdims=True)
    at_end = tangent[int(np.argmin(np.abs(s_all - s_end)))]
    turned = (s_all > s_end) & (tangent @ at_end < np.cos(np.radians(35.0)))
    stop = float(s_all[np.argmax(turned)]) if turned.any() else float(s_all[-1])
    filum = whole[(s_all >= s_end - 4.0) & (s_all <= stop)]
    s = routing.arc_length(path)
    # the room the bones leave, smoothed (a running minimum, then a moving average), so the
    # sac follows the canal without pinching at each narrow spot
    room = n.bones(path) - P.NERVE_BONE_CLEARANCE
    k = int(P.DURAL_SAC_ROOM_SMOOTHING)
    pad = np.pad(room, k, mode="edge")
    low = np.array([pad[i : i + 2 * k + 1].min() for i in range(len(room))])
    kernel = np.ones(2 * k + 1) / (2 * k + 1)
    room = np.convolve(np.pad(low, k, mode="edge"), kernel, mode="valid")
    taper = np.clip((s[-1] - s) / P.DURAL_SAC_TAPER, 0.0, 1.0) ** 0.75
    # never wider further down: the sac narrows steadily from L5 to its end, no bulges
    depth = np.minimum.accumulate(np.clip(room, 2.0, P.DURAL_SAC_DEPTH / 2.0))
    width = np.minimum.accumulate(np.clip(room * 1.4, depth * 1.25, P.DURAL_SAC_WIDTH / 2.0))
    r_filum = P.FILUM_TERMINALE_THICKNESS / 2.0
    depth = np.maximum(depth * taper, r_filum)
    width = np.maximum(width * taper, r_filum)
    return path, width, depth, filum


def _against_the_front(n, path: np.ndarray) -> np.ndarray:
    """``path`` moved forwards (across itself, in the midline plane) until the sac's front lies
    ``DURAL_SAC_FRONT_GAP`` behind the backs of the L5 body, the disc and S1 (on the posterior
    longitudinal ligament, when that is built: the epidural fat lies mostly behind the sac), the
    move smoothed along the path; where nothing lies in front (above the model) the nearest
    move is kept."""
    t = np.gradient(path, axis=0)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    fwd = ANTERIOR - (t @ ANTERIOR)[:, None] * t
    fwd /= np.linalg.norm(fwd, axis=1, keepdims=True)
    steps = np.arange(0.0, 30.0, 0.5)
    move = np.full(len(path), np.nan)
    keep = P.DURAL_SAC_DEPTH / 2.0 + P.DURAL_SAC_FRONT_GAP
    pll = n.muscle_distance("posterior_longitudinal_ligament")  # far everywhere when not built
    for i, (p, f) in enumerate(zip(path, fwd, strict=True)):
        q = p + steps[:, None] * f
        inside = np.nonzero(np.minimum(n.bones(q), pll(q)) < 0.0)[0]
        if len(inside):
            move[i] = max(float(steps[inside[0]]) - keep, 0.0)
    ok = np.nonzero(np.isfinite(move))[0]
    if not len(ok):
        return path
    move = np.interp(np.arange(len(path)), ok, move[ok])
    # a running minimum (never into a narrow spot) and then a moving average (no kinks)
    k = int(P.DURAL_SAC_ROOM_SMOOTHING)
    pad = np.pad(move, k, mode="edge")
    low = np.array([pad[i : i + 2 * k + 1].min() for i in range(len(move))])
    kernel = np.ones(2 * k + 1) / (2 * k + 1)
    move = np.convolve(np.pad(low, k, mode="edge"), kernel, mode="valid")
    out = path + move[:, None] * fwd
    out[:, 0] = 0.0
    return routing.resample(out, 1.0)


def sac_mesh(n, sleeves) -> Built:
    """The sac with the dural sleeves of the roots and the filum terminale, cut flat at the top
    of the modelled region."""
    path, width, depth, filum = n.sac
    axis = _unit(n.lm("l5_body_axis"))
    top = path[int(np.argmin(np.abs(routing.arc_length(path) - 6.0)))]
    r_filum = P.FILUM_TERMINALE_THICKNESS / 2.0
    parts = [
        implicit.sweep(path, width, depth, width_dirs=RIGHT),
        implicit.sweep(filum, r_filum),
        *(implicit.sweep(p, r) for p, r in sleeves),
    ]
    f = shapes.trimmed(
        shapes.union(P.DURAL_SLEEVE_FILLET, parts), n.bones, cut=implicit.halfspace(top, axis)
    )
    paths = [path, filum, *(p for p, _ in sleeves)]
    mesh = shapes.mesh(f, paths, float(width.max()) + 3.0, 0.45, faces=7000)
    mesh = shapes.flat_cap(mesh, top, axis)
    section_caps.tag_plane(mesh, top, axis, 0.05)  # it runs on up the canal: a section
    centreline = path[routing.arc_length(path) >= 6.0]
    return Built(mesh, centreline)
