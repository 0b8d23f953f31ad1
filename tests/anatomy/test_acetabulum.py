"""The acetabulum reads as a real one: a horseshoe lunate surface round a deeper fossa that runs
down into the notch (Gray's Anatomy, 42nd ed.; :mod:`viewer.anatomy.acetabulum`)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.anatomy.test_pelvis import _femoral_head
from viewer.anatomy import acetabulum
from viewer.anatomy.geometry import first_hit
from viewer.vocabulary import SIDES

#: a direction of the socket belongs to the fossa when the bone lies this much further from the
#: head's centre than the lunate surface does (its median over the socket), mm
FOSSA_STEP = 2.5


def _floor(model, side):
    """Distances from the femoral head's centre to the socket's wall over directions sampled
    evenly within 80 deg of the socket's deepest point; returns (directions, distances, pole,
    notch)."""
    hip, femur = model.mesh(f"hip_bone_{side}"), model.mesh(f"femur_{side}")
    head, radius = _femoral_head(femur, side)
    _, opening, notch = acetabulum.socket_axes(hip, head, radius + 1.5)
    pole = -opening
    rng = np.random.default_rng(0)
    u = rng.normal(size=(4000, 3))
    u /= np.linalg.norm(u, axis=1)[:, None]
    u = u[u @ pole > np.cos(np.radians(80))]
    dist = first_hit(hip, np.repeat(head[None], len(u), 0), u, 60.0)
    keep = np.isfinite(dist)
    u, dist = u[keep], dist[keep]
    return u, dist, pole, notch


@pytest.fixture(scope="module", params=SIDES)
def floor(request, model):
    return _floor(model, request.param)


def _towards(pole, target, deg):
    t = target - (target @ pole) * pole
    t /= np.linalg.norm(t)
    return np.cos(np.radians(deg)) * pole + np.sin(np.radians(deg)) * t


def test_fossa_lies_deeper_than_the_lunate_surface_over_a_third_of_the_socket(floor):
    u, dist, _, _ = floor
    deep = dist > np.median(dist) + FOSSA_STEP
    assert 0.2 < deep.mean() < 0.5, deep.mean()


def test_lunate_surface_is_widest_above_and_the_fossa_runs_into_the_notch(floor):
    u, dist, pole, notch = floor
    lunate = np.median(dist)

    def depth_near(direction):
        near = u @ direction > np.cos(np.radians(8))
        return np.median(dist[near]) - lunate

    roof = _towards(pole, np.array([0.0, 0.0, 1.0]), 55)
    assert depth_near(roof) < 1.5  # the roof bears the head
    assert depth_near(_towards(pole, notch, 40)) > FOSSA_STEP  # the fossa, below the centre
    assert depth_near(_towards(pole, notch, 72)) > FOSSA_STEP  # on into the notch
