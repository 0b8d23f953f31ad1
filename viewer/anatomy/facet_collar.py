"""The facet joint as an atlas draws it: two cartilage plates and a short capsular collar.

A zygapophysial joint (Bogduk, *Clinical and Radiological Anatomy of the Lumbar Spine*, ch. 3)
is two plates of hyaline cartilage, S1's superior facet concave, facing back and in, round L5's
convex inferior one, across a joint space of 1-2 mm; a short, thin fibrous capsule runs from
bone to bone just beyond the articular margins round the joint's back and poles, with small
recesses at its upper and lower poles; anteromedially the ligamentum flavum takes its place.

Here (in the bent joint coordinates of :func:`viewer.anatomy.facet_joints.capsule_sdf`) the
capsule's inner face is the two processes' smooth union: where they diverge beyond the articular
margins it spans the joint line taut (a fillet over the cleft, ``FACET_COLLAR_BRIDGE``), and
further off it lies on each process, where its lip is cut ``FACET_COLLAR_REACH*`` across the
joint (the bone's surface under it: seen alone, its cut edges open onto where the bones were).
Its wall is as thick as the capsule, thickest behind.
"""

from __future__ import annotations

import numpy as np

from . import parameters as P
from .implicit import smooth_min


def rounded_max(a, b, r):
    """The intersection of two distances with its edge rounded at radius ``r``."""
    return np.minimum(np.maximum(a, b), -r) + np.hypot(
        np.maximum(a + r, 0.0), np.maximum(b + r, 0.0)
    )


def recess_pouches(x, up, behind, margins) -> np.ndarray:
    """The subcapsular recesses (a distance, mm): at each pole of the joint, on its line (``x``
    across it, ``up`` along it from its middle, ``behind`` horizontally towards its back), a
    rounded pouch ``FACET_RECESS_CENTRE_BEYOND*`` beyond its articular margin there (``margins``:
    mm below and above the middle), the inferior the larger (``FACET_RECESS_RADIUS_*``): a
    rounded cylinder across the joint, ``FACET_RECESS_HALF_ACROSS`` either side of its line, its
    ends rounded over ``FACET_RECESS_END_ROUNDING`` (spanning from one process to the other within
    the collar's lips)."""
    out = []
    end = P.FACET_RECESS_END_ROUNDING
    along = np.abs(x) - (P.FACET_RECESS_HALF_ACROSS - end)
    for sign, margin, radius, beyond in (
        (1.0, margins[1], P.FACET_RECESS_RADIUS_SUPERIOR, P.FACET_RECESS_CENTRE_BEYOND_SUPERIOR),
        (-1.0, margins[0], P.FACET_RECESS_RADIUS_INFERIOR, P.FACET_RECESS_CENTRE_BEYOND),
    ):
        rho = np.hypot(up - sign * (margin + beyond), behind - P.FACET_RECESS_BEHIND) - (
            radius - end
        )
        out.append(
            np.hypot(np.maximum(rho, 0.0), np.maximum(along, 0.0))
            + np.minimum(np.maximum(rho, along), 0.0)
            - end
        )
    return np.minimum(out[0], out[1])


def collar(x, up, behind, l5_bone, s1_bone, patch, margins):
    """The capsule's collar and the limit of the cartilage plates (two distances, mm).

    ``x``, ``up``, ``behind``: the points' bent joint coordinates (across, L5 < 0; along the joint
    from its middle; horizontally towards its back); ``l5_bone``, ``s1_bone``: the bones'
    distances there; ``patch``: the articular patch's half-axes (up, horizontal: twice its
    standard deviations); ``margins``: the articular margins below and above its middle (mm).

    The joint's body is the processes' smooth union over ``FACET_COLLAR_BRIDGE`` with the recesses'
    pouches; the collar is its outer layer, ``FACET_CAPSULE_THICKNESS_POSTERIOR`` thick behind,
    ``FACET_CAPSULE_THICKNESS`` at the poles, sunk ``FACET_COLLAR_INSET`` into the bone, kept round
    the articular margins (from ``FACET_COLLAR_RING_INNER`` of the patch out to
    ``FACET_COLLAR_RING_OUTER`` beyond it), ``FACET_COLLAR_REACH_BEHIND`` / ``_REACH`` across onto
    each process and behind ``FACET_COLLAR_OPEN`` in front of the joint's middle. The plates reach
    into the collar's wall behind and over the poles, and to the patch's rim in front."""
    size = np.sqrt(patch[0] * patch[1])
    k = np.hypot(up / patch[0], behind / patch[1])
    # cosine of the angle round the joint from its back (1) to its front (-1)
    c = behind / patch[1] / np.maximum(k, 1e-9)
    t_back, t_pole = P.FACET_CAPSULE_THICKNESS_POSTERIOR, P.FACET_CAPSULE_THICKNESS
    thick = t_pole + (t_back - t_pole) * np.clip(c, 0.0, 1.0)
    # (a chamfer over the cleft between the processes: a taut, straight span, not a fillet)
    chamfer = (l5_bone + s1_bone - P.FACET_COLLAR_BRIDGE) / np.sqrt(2.0)
    body = smooth_min(np.minimum(l5_bone, s1_bone), chamfer, P.FACET_COLLAR_BRIDGE_ROUNDING)
    pouches = recess_pouches(x, up, behind, margins)
    body = smooth_min(body, pouches, P.FACET_RECESS_NECK_BLEND)
    inner = body + P.FACET_COLLAR_INSET
    # (its outer face grooved over the joint line: the cleft seen through the thin capsule)
    groove = P.FACET_JOINT_LINE_DEPTH * np.exp(-((x / P.FACET_JOINT_LINE_WIDTH) ** 2))
    layer = np.maximum(inner - thick + groove, -inner)
    reach = P.FACET_COLLAR_REACH + (P.FACET_COLLAR_REACH_BEHIND - P.FACET_COLLAR_REACH) * np.clip(
        c, 0.0, 1.0
    )
    # (out to FACET_COLLAR_RING_OUTER beyond the articular patch, and round the recesses;
    # only where both processes are near, FACET_COLLAR_SPAN: it runs from bone to bone)
    both_near = chamfer - np.minimum(l5_bone, s1_bone) - P.FACET_COLLAR_SPAN / np.sqrt(2.0)
    ring = np.maximum(
        (P.FACET_COLLAR_RING_INNER - k) * size,
        np.minimum(
            np.maximum((k - 1.0) * size - P.FACET_COLLAR_RING_OUTER, both_near),
            pouches - 2.0 * t_back,
        ),
    )
    keep = np.maximum(np.maximum(ring, np.abs(x) - reach), -behind - P.FACET_COLLAR_OPEN)
    capsule = rounded_max(layer, keep, P.FACET_COLLAR_EDGE_ROUNDING)
    # (the plates: within the articular patch in front; behind and over the poles out to the
    # collar's wall's middle, within its ring)
    plate_rim = np.maximum(
        inner - thick / 2.0,
        (k - 1.0) * size - P.FACET_COLLAR_RING_OUTER * np.clip(behind + 1.0, 0.0, 1.0),
    )
    return capsule, plate_rim, k
