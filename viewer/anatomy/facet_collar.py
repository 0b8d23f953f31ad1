"""The facet joint as an atlas draws it: two cartilage plates and a short, taut capsular collar.

A zygapophysial joint (Bogduk, *Clinical and Radiological Anatomy of the Lumbar Spine*, ch. 3)
is two plates of hyaline cartilage, S1's superior facet concave, facing back and in, round L5's
convex inferior one, across a joint space of 1-2 mm; a short, thin fibrous capsule runs from
bone to bone just beyond the articular margins round the joint's back and poles, with small
recesses at its upper and lower poles; anteromedially the ligamentum flavum takes its place.

Here (in the bent joint coordinates of :func:`viewer.anatomy.facet_joints.capsule_sdf`, polar in
the joint's plane round its middle) the capsule's inner face is the taut string over the two
processes (:func:`taut_envelope`): round the joint, in each section across it, the least concave
profile over the bones' outline, so it spans the joint line straight from one process to the
other; its lips, ``FACET_COLLAR_REACH*`` across the joint, lie on the bone, and where it would
pass through bone it is cut away (seen alone, its edges open onto where the bones were).
"""

from __future__ import annotations

import numpy as np
from scipy.interpolate import RegularGridInterpolator
from scipy.ndimage import gaussian_filter, gaussian_filter1d

from . import parameters as P

#: (deg, mm) the polar grid's steps round the joint, across it and out from its middle
_STEP_ANGLE, _STEP_ACROSS, _STEP_OUT = 3.0, 0.25, 0.2


def rounded_max(a, b, r):
    """The intersection of two distances with its edge rounded at radius ``r``."""
    return np.minimum(np.maximum(a, b), -r) + np.hypot(
        np.maximum(a + r, 0.0), np.maximum(b + r, 0.0)
    )


def reach(c: np.ndarray) -> np.ndarray:
    """How far (mm) across the joint the collar reaches onto each process, by the cosine ``c``
    of the angle round the joint from its back: ``FACET_COLLAR_REACH`` at the poles,
    ``FACET_COLLAR_REACH_BEHIND`` behind."""
    return P.FACET_COLLAR_REACH + (P.FACET_COLLAR_REACH_BEHIND - P.FACET_COLLAR_REACH) * np.clip(
        c, 0.0, 1.0
    )


def _upper_hull(x: np.ndarray, r: np.ndarray) -> np.ndarray:
    """The least concave function over the points (x, r) (x increasing), at each x."""
    hull: list[int] = []
    for i in range(len(x)):
        while len(hull) >= 2:
            a, b = hull[-2], hull[-1]
            if (r[b] - r[a]) * (x[i] - x[a]) <= (r[i] - r[a]) * (x[b] - x[a]):
                hull.pop()
            else:
                break
        hull.append(i)
    return np.interp(x, x[hull], r[hull])


def recess_bulge(up: np.ndarray, margins) -> np.ndarray:
    """How far (mm) the collar stands out over the subcapsular recesses (``up``: mm along the
    joint from its middle; ``margins``: its articular margins below and above): a smooth swelling
    ``FACET_RECESS_RADIUS_*`` high centred ``FACET_RECESS_CENTRE_BEYOND*`` beyond each margin
    (the inferior the larger), spreading ``FACET_RECESS_SPREAD`` mm along the joint."""
    out = np.zeros_like(up)
    for sign, margin, height, beyond in (
        (1.0, margins[1], P.FACET_RECESS_RADIUS_SUPERIOR, P.FACET_RECESS_CENTRE_BEYOND_SUPERIOR),
        (-1.0, margins[0], P.FACET_RECESS_RADIUS_INFERIOR, P.FACET_RECESS_CENTRE_BEYOND),
    ):
        out = out + height * np.exp(
            -(((up - sign * (margin + beyond)) / P.FACET_RECESS_SPREAD) ** 2)
        )
    return out


def taut_envelope(bone, to_model, cap, margins):
    """The collar's inner face round the joint: a function of (angle round the joint from its
    back, deg; across, mm) giving its distance (mm) out from the joint's middle in the joint's
    plane.

    ``bone``: the nearer bone's distance at model points; ``to_model``: the model points of
    (across, up, behind) joint coordinates; ``cap(angle)``: how far out (mm) the bones are looked
    at (beyond it, as if they ended there: the processes run on, away from the joint). In each
    section across the joint the bones' outline (the farthest bone out, to the cap) is spanned
    by its taut string (its upper concave hull) within the collar's reach, then smoothed round
    the joint (``FACET_COLLAR_SMOOTH_ANGLE``) and across it; over the poles it swells out over
    the recesses (:func:`recess_bulge`)."""
    angles = np.arange(-180.0, 180.0, _STEP_ANGLE)
    across = np.arange(-P.FACET_COLLAR_REACH_BEHIND - 1.0, P.FACET_COLLAR_REACH_BEHIND + 1.01, 0.25)
    out = np.arange(0.0, float(np.max(cap(angles))) + 0.01, _STEP_OUT)
    a, x, r = np.meshgrid(np.radians(angles), across, out, indexing="ij")
    up, behind = r * np.sin(a), r * np.cos(a)
    d = bone(to_model(x.ravel(), up.ravel(), behind.ravel())).reshape(a.shape)
    limit = cap(angles)[:, None, None]
    inside = (d < 0.0) & (r <= limit)
    # (the farthest crossing out along each ray, linearly between the grid's steps)
    last = inside.shape[2] - 1 - np.argmax(inside[:, :, ::-1], axis=2)
    has = inside.any(axis=2)
    i = np.clip(last, 0, len(out) - 2)
    d0 = np.take_along_axis(d, i[..., None], 2)[..., 0]
    d1 = np.take_along_axis(d, i[..., None] + 1, 2)[..., 0]
    frac = np.clip(d0 / np.minimum(d0 - d1, -1e-6), 0.0, 1.0)
    edge = np.minimum(out[i] + frac * _STEP_OUT, limit[:, :, 0])
    c = np.cos(np.radians(angles))
    env = np.zeros((len(angles), len(across)))
    for k in range(len(angles)):
        ok = has[k] & (np.abs(across) <= reach(c[k]) + 0.5)
        if ok.sum() < 2:
            env[k] = np.nan
            continue
        env[k] = np.interp(across, across[ok], _upper_hull(across[ok], edge[k, ok]))
    # (rays that met no bone: from their neighbours round the joint)
    bad = np.isnan(env[:, 0])
    if bad.any():
        for j in range(len(across)):
            env[bad, j] = np.interp(angles[bad], angles[~bad], env[~bad, j], period=360.0)
    sigma = P.FACET_COLLAR_SMOOTH_ANGLE / _STEP_ANGLE
    env = gaussian_filter1d(env, sigma, axis=0, mode="wrap")
    env = gaussian_filter(env, (0.0, P.FACET_COLLAR_SMOOTH_ACROSS / 0.25), mode="nearest")
    look = RegularGridInterpolator(
        (np.append(angles, 180.0), across),
        np.vstack([env, env[:1]]),
        bounds_error=False,
        fill_value=None,
    )

    def face(angle, x, up):
        a = (np.asarray(angle) + 180.0) % 360.0 - 180.0
        xx = np.clip(x, across[0], across[-1])
        # (the recesses' swelling fading towards the lips, which stay on the bone)
        fade = np.clip(1.0 - (x / reach(np.cos(np.radians(a)))) ** 2, 0.0, 1.0) ** 2
        return look(np.column_stack([a, xx])) + recess_bulge(up, margins) * fade

    return face
