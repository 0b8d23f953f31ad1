"""The supraspinous ligament: a cord over the posterior midline, attached to the tip of every
spinous process it passes (Gray's; Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine,
ch. 4): here the L5 spinous tip, the S1 spinous tubercle and the tubercles of the median sacral
crest below it. It follows the dorsal contour of the midline like a cord laid over the row of
tips (:func:`_laid_over`), of even width seen from behind, its back ridged by its fibres. Its
deep face lies on each tip, which is not imprinted in it (seen from the front, cups round the
tips read as punched-in dimples, s35): where it is attached it swells behind instead (a gentle
fusiform thickening); between the tips it is a taut, slightly thinner cord, its deep fibres a
midline web on its deep face reaching forward into the gap, into which the interspinous
ligament runs (Heylings 1978; :mod:`supraspinous_band`). Above the L5 tip it runs on towards L4
(not modelled) and ends in a clean section; below, it thins and spreads to a thin sheet over the
median sacral crest and fades out there (into the thoracolumbar fascia and the posterior
sacrococcygeal fibres: A.7; Bogduk ch. 4) in a thin, broad, rounded edge. Built by
:mod:`ligaments`.
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import gaussian_filter1d, grey_closing, maximum_filter1d

from . import implicit, section_caps
from . import parameters as P
from .bone_fields import Lumbosacral, cut_where_near, distance, frame_matrix, mesh_in_frame
from .frame import RIGHT
from .geometry import first_hit
from .supraspinous_band import cord_field

BONES = ("l5_vertebra", "s1_segment", "sacrum_lower", "hip_bone_left", "hip_bone_right")
#: the midline bones whose dorsal contour it lies along
MIDLINE = ("l5_vertebra", "s1_segment", "sacrum_lower")
#: how far apart its samples lie along the midline, mm
STEP = 0.25


def _rear_profile(ctx, names, x: float, z: np.ndarray) -> np.ndarray:
    """The rearmost ``y`` of the bones ``names`` at each height ``z`` in the plane ``x`` (where a
    ray from behind first meets them; nan where it meets none)."""
    origins = np.column_stack([np.full(len(z), x), np.full(len(z), -200.0), z])
    ahead = np.tile([0.0, 1.0, 0.0], (len(z), 1))
    hits = [first_hit(ctx.mesh(b), origins, ahead, 300.0) for b in names if b in ctx.built]
    return -200.0 + np.fmin.reduce(np.vstack(hits), axis=0)


def _closing(f: np.ndarray, radius: float) -> np.ndarray:
    """The morphological closing of the height profile ``f`` (sampled every ``STEP``) by a disc
    of ``radius`` mm rolled over it from above: the line a strap laid over it takes, touching its
    tops and bridging the hollows between them (continuous in ``f``: no choice that flips)."""
    n = int(radius / STEP)
    s = np.arange(-n, n + 1) * STEP
    cap = np.sqrt(np.maximum(radius**2 - s**2, 0.0)) - radius
    return grey_closing(f, footprint=np.ones(len(cap), bool), structure=cap, mode="nearest")


def _laid_over(ctx, x: float, z: np.ndarray, z_tip: float) -> tuple[np.ndarray, np.ndarray]:
    """(the line it lies along, the bone's back) at each height ``z`` (descending), both as ``y``,
    the L5 spinous tip at the height ``z_tip``:
    the dorsal contour of the midline bones with a strap's stiffness (:func:`_closing`,
    ``SUPRASPINOUS_STIFFNESS``), on the L5 spinous tip, the S1 tubercle and the crest's
    tubercles, bridging the gaps; above the L5 tip on up towards L4's tip, straight
    (``SUPRASPINOUS_RISE``)."""
    back = _rear_profile(ctx, MIDLINE, x, z)
    back = np.where(np.isfinite(back), back, 0.0)  # (no bone: far in front)
    y_tip = float(np.interp(z_tip, z[::-1], back[::-1]))
    # on up towards L4 (the line of the tips above)
    up = y_tip + P.SUPRASPINOUS_RISE * (z - z_tip)
    held = np.where(z > z_tip, np.minimum(back, up), back)
    line = -_closing(-held, P.SUPRASPINOUS_STIFFNESS)
    # (a little smoothed, never in front of the bone's tops it lies on)
    sigma = P.SUPRASPINOUS_LINE_SMOOTHING / STEP
    for _ in range(8):
        line = np.minimum(gaussian_filter1d(line, sigma, mode="nearest"), held)
    # (and its bends over the tops rounded: smoothed freely, then lifted back off each top it
    # would cut into by the smoothed local greatest such depth, so that it turns over a tubercle
    # in a curve, not a corner that creases its deep face)
    sigma = P.SUPRASPINOUS_BEND_SMOOTHING / STEP
    for _ in range(3):
        smooth = gaussian_filter1d(line, sigma, mode="nearest")
        into = maximum_filter1d(np.maximum(smooth - held, 0.0), size=int(3.0 * sigma) | 1)
        line = smooth - gaussian_filter1d(into, sigma, mode="nearest")
    return np.minimum(line, held), back


def _front_normal(path: np.ndarray) -> np.ndarray:
    """The unit normal of a midline band's deep face (its width left-right) along ``path``."""
    normal = np.cross(np.gradient(path, axis=0), RIGHT)
    normal /= np.linalg.norm(normal, axis=1, keepdims=True)
    return normal * np.sign(normal[:, [1]])


def _sizes(z: np.ndarray, gap: np.ndarray, z_tip: float, z_end: float):
    """Its half-width, its thickness (its deep face on the line of the tips) and how far its
    midline web reaches in front of the line at each height ``z``, given how far in front of the
    line the bone lies (``gap``).
    Its deep face never changes with the tips: over each it thickens behind (a fusiform swelling,
    ``SUPRASPINOUS_SWELLING``), between them it is a taut, slightly thinner cord, its web
    reaching forward into the gap."""
    w_cord, w_end = P.SUPRASPINOUS_HALF_WIDTH
    t_cord, t_sacrum, t_end = P.SUPRASPINOUS_THICKNESS
    s_lumbar, s_sacrum = P.SUPRASPINOUS_SWELLING
    r_above, r_gap, r_sacrum = P.SUPRASPINOUS_WEB_REACH
    above = implicit.smoothstep((z - z_tip) / P.SUPRASPINOUS_TIP_SPREAD)
    fade = implicit.smoothstep((z - z_end) / P.SUPRASPINOUS_FADE)  # 0 at its lower end
    sacral_from, sacral_over = P.SUPRASPINOUS_SACRAL_FROM
    sacral = implicit.smoothstep((z_tip - sacral_from - z) / sacral_over)
    # its attachments: where it lies on a tip, a fusiform swelling (the bone's contact smoothed
    # along it), gentle on the crest's tubercles, none where it fades out
    on_bone = 1.0 - implicit.smoothstep(gap / P.SUPRASPINOUS_CONTACT)
    swell = gaussian_filter1d(on_bone, P.SUPRASPINOUS_SWELLING_SPREAD / STEP, mode="nearest")
    swell = swell * (s_lumbar + (s_sacrum - s_lumbar) * sacral) * fade
    t = t_cord + (t_sacrum - t_cord) * sacral + swell
    t = t_end + (t - t_end) * fade
    # half-width: even along it (a touch wider over a tip), spreading as it fades out; its thin
    # lower edge a broad, rounded arc seen from behind (SUPRASPINOUS_END_ROUNDING)
    d_end = np.clip((z - z_end) / P.SUPRASPINOUS_END_ROUNDING, 0.0, 1.0)
    arc = np.sqrt(np.clip(1.0 - (1.0 - d_end) ** 2, 0.0, 1.0))
    widen = P.SUPRASPINOUS_TIP_WIDENING * swell / max(s_lumbar, 1e-9)
    spread = w_cord + widen + (w_end - w_cord) * (1.0 - fade)
    half_w = spread * np.maximum(arc, 0.15)
    # the web: forward into the gap, SUPRASPINOUS_WEB_CLEARANCE short of the bone, no further
    # than its reach there (deep between L5 and the S1 tubercle and on up towards L4, shallow
    # on the crest), smoothed along it yet never nearer the bone
    reach = r_gap + (r_above - r_gap) * above + (r_sacrum - r_gap) * sacral
    room = implicit.smooth_min(gap - P.SUPRASPINOUS_WEB_CLEARANCE, reach, 1.0)
    room = np.maximum(room, -1.5) * fade - 1.5 * (1.0 - fade)
    web = room.copy()
    for _ in range(8):
        web = np.minimum(gaussian_filter1d(web, 1.0 / STEP, mode="nearest"), room)
    return half_w, t, web


def supraspinous(ctx, ls: Lumbosacral):
    """A cord along the posterior midline from ``SUPRASPINOUS_CAP_ABOVE_TIP`` above the L5
    spinous tip (a section: it runs on up to L4) over the tip, the S1 spinous tubercle and the
    median sacral crest's tubercles, fading out down the crest to ``SUPRASPINOUS_END`` below the
    S1 endplate: ``SUPRASPINOUS_HALF_WIDTH`` wide, ``SUPRASPINOUS_THICKNESS`` thick, its deep
    face ``SUPRASPINOUS_TIP_OVERLAP`` in front of the line of the tips, swelling behind over
    each (``SUPRASPINOUS_SWELLING``) and reaching forward over each gap in a midline web
    (``SUPRASPINOUS_WEB_REACH``), which the interspinous ligament meets."""
    del ls
    x = float(ctx.landmarks["l5_spinous_tip"][0])
    z_top = float(ctx.mesh("l5_vertebra").vertices[:, 2].max())
    z = np.arange(z_top, P.SUPRASPINOUS_END - 1.0, -STEP)
    # the height of the rearmost point of the L5 spinous process (its tip): a soft minimum, the
    # middle of its flat top (no sample's choice that flips)
    l5 = _rear_profile(ctx, ("l5_vertebra",), x, z)
    ok = np.isfinite(l5)
    weight = np.exp(-(l5[ok] - l5[ok].min()) / 0.3)
    z_tip = float((z[ok] * weight).sum() / weight.sum())
    line, back = _laid_over(ctx, x, z, z_tip)
    z_cut = z_tip + P.SUPRASPINOUS_CAP_ABOVE_TIP
    keep = (z <= z_cut + 3.0) & (z >= P.SUPRASPINOUS_END)
    z, line, back = z[keep], line[keep], back[keep]
    # (its fading lower end as stiff as the rest: it lies on the crest's tubercles there, bridging
    # the hollows between them, not whipping down into them)
    path = np.column_stack([np.full(len(z), x), line, z])
    # (the line smoothed along it once more: its normal turns evenly)
    path[:, 1] = np.minimum(gaussian_filter1d(path[:, 1], 1.0 / STEP, mode="nearest"), back)
    normal = _front_normal(path)
    gap = np.maximum((back - path[:, 1]) * normal[:, 1], 0.0)
    half_w, t, web = _sizes(z, gap, z_tip, P.SUPRASPINOUS_END)
    ridged = implicit.smoothstep((z - P.SUPRASPINOUS_END) / 4.0)
    field = cord_field(path, normal, half_w, t, web, ridged)
    # its upper end: a section square to it, P.SUPRASPINOUS_CAP_ABOVE_TIP above the tip
    i_cut = int(np.argmin(np.abs(z - z_cut)))
    top = path[i_cut]
    axis = path[max(i_cut - 4, 0)] - path[min(i_cut + 4, len(z) - 1)]
    axis /= np.linalg.norm(axis)

    def cut_top(p: np.ndarray) -> np.ndarray:
        v = field(p)
        return -implicit.smooth_min(-v, -((p - top) @ axis), P.SUPRASPINOUS_CUT_ROUNDING)

    bones = distance(ctx, BONES)
    # (the tips lie just inside its deep face; where a bone would reach deeper, it is cut)
    inset = P.SUPRASPINOUS_BONE_INSET
    shape = cut_where_near(
        cut_top, lambda p: -inset - bones(p), rounding=P.SUPRASPINOUS_BONE_ROUNDING
    )
    # meshed on a grid along the chord from its top to its lower end
    a, b = top, path[-1]
    u = (b - a) / np.linalg.norm(b - a)
    w = np.cross(u, RIGHT)
    w /= np.linalg.norm(w)
    # (the grid turned 45 degrees about the chord: its margins, left and right, never run along
    # a plane of the grid, where the smoothed mesh would step in width as they cross one)
    w, side = (w + np.cross(u, w)) / np.sqrt(2.0), (np.cross(u, w) - w) / np.sqrt(2.0)
    axes = np.column_stack([u, w, side])
    M = frame_matrix(a, axes)
    local = (path - a) @ axes
    pad = float(half_w.max() + t.max() + web.max()) + 2.0
    lo = local.min(axis=0) - pad
    hi = local.max(axis=0) + pad
    lo[0], hi[0] = -2.0, hi[0] + 2.0
    mesh = mesh_in_frame(shape, M, (lo, hi), voxel=0.3, target_faces=P.SUPRASPINOUS_FACES)
    section_caps.tag_plane(mesh, top, axis, P.SUPRASPINOUS_CAP_TOLERANCE)
    return mesh
