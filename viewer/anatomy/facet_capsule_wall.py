"""The facet capsule's wall, profile by profile: how far its sleeve reaches onto the processes
(:func:`cuff_length`) and the recesses at its poles (:func:`pole_share`,
:func:`recess_pouches`), each in the bent joint coordinates of
:func:`viewer.anatomy.facet_joints.capsule_sdf` (mm).
"""

from __future__ import annotations

import numpy as np

from . import parameters as P
from .implicit import smooth_min


def cuff_length(c: np.ndarray) -> np.ndarray:
    """How far (mm) across the joint the sleeve reaches onto each process, by the cosine ``c`` of
    the angle round its rim from the joint's back: ``FACET_CUFF_HALF_LENGTH`` at the poles, more
    behind (the posterior capsule), less towards its front edge."""
    behind = P.FACET_CUFF_HALF_LENGTH_BEHIND - P.FACET_CUFF_HALF_LENGTH
    front = P.FACET_CUFF_HALF_LENGTH - P.FACET_CUFF_HALF_LENGTH_FRONT
    return P.FACET_CUFF_HALF_LENGTH + np.where(c >= 0.0, behind * c, front * c)


def pole_share(q, middle, radii) -> np.ndarray:
    """How far (0-1) each point ``q`` (joint coordinates) lies towards a pole of the joint: 1 right
    above or below the joint's middle, falling off round the rim as the cosine of the angle from
    the pole to the power ``FACET_RECESS_SPREAD`` (the recesses' spread)."""
    k = np.hypot((q[:, 1] - middle[1]) / radii[0], (q[:, 2] - middle[2]) / radii[1])
    cos_pole = np.abs(q[:, 1] - middle[1]) / radii[0] / np.maximum(k, 1e-9)
    return cos_pole**P.FACET_RECESS_SPREAD


def recess_pouches(
    radial: np.ndarray,
    up: np.ndarray,
    horizontal: np.ndarray,
    x: np.ndarray,
    margins: tuple[float, float],
) -> tuple[np.ndarray, np.ndarray]:
    """The sleeve's outline (``radial``: about the distance, mm, out from its outer face in the
    joint's plane) with the subcapsular recesses joined on at its poles: at each pole a rounded
    pouch, a disc in the joint's plane ``FACET_RECESS_RADIUS_SUPERIOR`` / ``_INFERIOR`` in radius,
    its centre ``FACET_RECESS_CENTRE_BEYOND`` beyond the joint's lower articular margin (above,
    ``_SUPERIOR``: within the upper one; ``margins``: mm below and above the joint's middle, each
    joint's own, where its recesses lie; ``up``, ``horizontal``: mm from that middle in the
    joint's plane, the latter towards the joint's back) and ``FACET_RECESS_BEHIND`` behind it
    (clear of the hood's open front, which would cut it open), reaching
    ``FACET_RECESS_HALF_ACROSS`` either side of the joint line (``x``, mm), blended into the
    sleeve over ``FACET_RECESS_NECK_BLEND`` (a soft swelling of the one loose capsule at its
    pole, no neck). Returns the joined outline and how far (mm) the pouches push it out there
    (0 on the sleeve away from them)."""
    above = up >= 0.0
    radius = np.where(above, P.FACET_RECESS_RADIUS_SUPERIOR, P.FACET_RECESS_RADIUS_INFERIOR)
    beyond = np.where(above, P.FACET_RECESS_CENTRE_BEYOND_SUPERIOR, P.FACET_RECESS_CENTRE_BEYOND)
    centre = np.where(above, margins[1] + beyond, -(margins[0] + beyond))
    # (across the joint a rounded cylinder, its half-length FACET_RECESS_HALF_ACROSS, its ends
    # rounded over FACET_RECESS_END_ROUNDING: spanning the joint from one process to the other,
    # flat across its middle, closed within the sleeve's lips; an exact distance, so its wall is
    # as thick over its ends as round its middle)
    end = P.FACET_RECESS_END_ROUNDING
    rho = np.hypot(up - centre, horizontal - P.FACET_RECESS_BEHIND) - (radius - end)
    along = np.abs(x) - (P.FACET_RECESS_HALF_ACROSS - end)
    pouch = (
        np.hypot(np.maximum(rho, 0.0), np.maximum(along, 0.0))
        + np.minimum(np.maximum(rho, along), 0.0)
        - end
    )
    joined = smooth_min(radial, pouch, P.FACET_RECESS_NECK_BLEND)
    return joined, radial - joined


def recess_floor(beyond_rim: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How far (mm) the articular plates' layer is carried away from the joint line (each plate
    towards its own process) by how far beyond the sleeve's wall (``beyond_rim``, mm out in the
    joint's plane; < 0 within the sleeve) a point lies, and that rise's slope: 0 within the
    sleeve, rising smoothly by ``FACET_RECESS_FLOOR_RISE`` over ``FACET_RECESS_FLOOR_RUN`` out
    into the recesses' pouches, where the plates go on as their floors (the pouch a hollow of the
    joint's cavity, walled off from the processes beyond)."""
    s = np.clip(beyond_rim / P.FACET_RECESS_FLOOR_RUN, 0.0, 1.0)
    rise = P.FACET_RECESS_FLOOR_RISE * s * s * (3.0 - 2.0 * s)
    slope = P.FACET_RECESS_FLOOR_RISE * 6.0 * s * (1.0 - s) / P.FACET_RECESS_FLOOR_RUN
    return rise, slope
