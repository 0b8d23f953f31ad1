"""The hip joint's two articular surfaces made congruent: a spherical femoral head in a socket
whose lunate surface is kept clear of it.

Gray's Anatomy (42nd ed., the femur; the hip joint): the femoral head is smooth and forms about
two-thirds of a sphere; the acetabulum's lunate surface is congruent with it. The LLP26 means,
placed in the model frame, overlap at the socket: the mean socket's roof bulges up to 0.9 mm
inside the head's sphere and the mean head is only round to +-1 mm. Moving the head's vertices
out along the socket's normals (stop 45's ``clear_of``) pressed the socket's own bumps into the
head: a flattened, grooved patch that a blind reviewer named ("a grooved patch on the head",
femur 3/3). Here the head's articular cap is laid on its fitted sphere instead, and the few
socket vertices inside the sphere plus the joint's gap are pushed out radially, about the same
centre, onto the sphere ``gap`` larger (a rounded maximum, no step where the push ends).
"""

from __future__ import annotations

import numpy as np
import trimesh

from . import parameters as P
from .frame import unit
from .implicit import smooth_min, smoothstep


def neck_direction(femur: trimesh.Trimesh, centre: np.ndarray) -> np.ndarray:
    """Unit direction from the femoral head's centre down the neck: towards the centroid of the
    bone's surface in the shell ``FEMORAL_NECK_SAMPLE`` about the centre (a ring round the neck,
    whose centroid lies on the neck's axis)."""
    v = np.asarray(femur.vertices)
    d = np.linalg.norm(v - centre, axis=1)
    ring = v[P.FEMORAL_NECK_SAMPLE.holds(d)]
    return unit(ring.mean(0) - centre)


def spherical_head(
    femur: trimesh.Trimesh, centre: np.ndarray, radius: float, neck: np.ndarray
) -> trimesh.Trimesh:
    """``femur`` with its head's articular cap laid on the sphere (``centre``, ``radius``).

    Parameters
    ----------
    femur : trimesh.Trimesh
        The placed femur.
    centre, radius : numpy.ndarray, float
        The sphere fitted to its head (``llp26_placement.femoral_head_sphere``).
    neck : numpy.ndarray
        Unit direction from the centre down the neck (``neck_direction``).

    Returns
    -------
    trimesh.Trimesh
        Same faces; a vertex on the head within ``FEMORAL_HEAD_CAP_ANGLE`` of the head's pole
        (straight up the neck's axis) and ``FEMORAL_HEAD_SHELL`` of the sphere is moved radially
        onto the sphere; towards ``FEMORAL_HEAD_MARGIN_ANGLE`` (the articular margin) and the
        shell's edge the move fades out smoothly.
    """
    v = np.array(femur.vertices)
    offset = v - centre
    dist = np.linalg.norm(offset, axis=1)
    angle = np.degrees(np.arccos(np.clip(-(offset @ neck) / dist, -1.0, 1.0)))
    full, margin = P.FEMORAL_HEAD_CAP_ANGLE.value, P.FEMORAL_HEAD_MARGIN_ANGLE.value
    weight = 1.0 - smoothstep((angle - full) / (margin - full))
    # (and only near the sphere: faded out over the shell's last millimetre, no cut-off step)
    weight *= 1.0 - smoothstep(np.abs(dist - radius) - (P.FEMORAL_HEAD_SHELL - 1.0))
    new_dist = dist + weight * (radius - dist)
    v = centre + offset * (new_dist / dist)[:, None]
    return trimesh.Trimesh(v, femur.faces.copy(), process=False)


def socket_clear_of_head(
    hip: trimesh.Trimesh, centre: np.ndarray, radius: float, gap: float
) -> trimesh.Trimesh:
    """``hip`` with the socket's vertices nearer the head's centre than ``radius + gap`` pushed
    radially out onto that sphere (a rounded maximum over ``HIP_SOCKET_ROUNDING`` mm, so that
    the socket stays smooth where the push ends); only vertices facing the centre move.

    Returns
    -------
    trimesh.Trimesh
        Same faces; nothing moves more than the socket's overlap plus a quarter of the rounding.
    """
    v = np.array(hip.vertices)
    offset = v - centre
    dist = np.linalg.norm(offset, axis=1)
    target = radius + gap
    k = P.HIP_SOCKET_ROUNDING
    facing = (np.asarray(hip.vertex_normals) * -offset).sum(1) > 0.0
    near = facing & (dist < target + k)
    new_dist = dist.copy()
    new_dist[near] = -smooth_min(-dist[near], np.full(near.sum(), -target), k)
    v = centre + offset * (new_dist / dist)[:, None]
    return trimesh.Trimesh(v, hip.faces.copy(), process=False)
