"""Condition shapes made from the model: a posterolateral herniation onto the S1 root, a spur
narrowing the L5-S1 foramen, a swollen SI joint, and pain areas on the skin (reference D.1-D.3)."""

from __future__ import annotations

import numpy as np
import pytest

from tests import known_defects
from tests.anatomy.tissue_geometry import (
    SKIN_SPACING,
    exact_depth,
    inside,
    signed_distance,
    surface_distance,
)
from viewer.anatomy import pain_areas
from viewer.anatomy.frame import side_sign
from viewer.anatomy.structures import BY_ID, STRUCTURES
from viewer.vocabulary import SIDES, StructureKind

PAIN_AREAS = [s.id for s in STRUCTURES if s.kind == StructureKind.PAIN_AREA]


def _sign(side):
    return side_sign(side)


@pytest.mark.parametrize("side", SIDES)
def test_herniation_is_posterolateral_on_its_side(model, side):
    h = model.mesh(f"disc_herniation_{side}")
    disc = model.mesh("l5_s1_disc_annulus")
    c = disc.bounds.mean(axis=0)
    assert _sign(side) * (h.centroid[0] - c[0]) > 5.0, "not on its own side"
    assert h.centroid[1] < c[1] - 8.0, "not behind the disc centre"
    # it grows out of the disc
    assert surface_distance(h.vertices, [disc]).min() < 0.5


@pytest.mark.parametrize("side", SIDES)
def test_herniation_reaches_the_traversing_s1_root(model, side):
    h = model.mesh(f"disc_herniation_{side}")
    root = model.mesh(f"s1_nerve_root_{side}")
    # exact signed distance to the root's triangles (trimesh: positive inside): the herniation
    # sinks into the root, so some of its vertices lie inside it or on its surface
    depth = exact_depth(root, h.vertices).max()
    assert depth >= -0.05, f"herniation stops {-depth:.2f} mm short of the S1 root"


def _free_space_along(path, meshes):
    return surface_distance(path, meshes)


@pytest.mark.parametrize("side", SIDES)
def test_spur_narrows_the_l5_s1_foramen(model, side):
    spur = model.mesh(f"foraminal_spur_{side}")
    bones = [model.mesh("l5_vertebra"), model.mesh("s1_segment")]
    # the spur grows from bone
    assert surface_distance(spur.vertices, bones).min() < 0.5
    # the exiting L5 root passes the foramen: the bone-free space around its course shrinks
    path = model.centerline(f"l5_nerve_root_{side}")
    to_spur = surface_distance(path, [spur])
    assert to_spur.min() < 10.0, "spur is not by the L5 root's foramen"
    # where the root passes the spur, the bone-free space around it shrinks
    passing = path[np.argsort(to_spur)[:3]]
    without = _free_space_along(passing, bones).min()
    with_spur = _free_space_along(passing, bones + [spur]).min()
    assert with_spur < without - 1.0, f"clearance {without:.1f} -> {with_spur:.1f} mm"
    assert _sign(side) * spur.centroid[0] > 10.0


@pytest.mark.parametrize("side", SIDES)
def test_inflammation_surrounds_its_sacroiliac_joint(model, side):
    inflamed = model.mesh(f"sacroiliac_inflammation_{side}")
    joint = model.mesh(f"sacroiliac_joint_{side}")
    assert inside(inflamed, joint.vertices).mean() > 0.98
    assert inflamed.volume > 2 * joint.volume


def _on_skin(model, mesh):
    """Each vertex's distance from the skin, and whether it lies outside it (every other vertex:
    a patch's vertices come in outer/inner pairs)."""
    skin = model.mesh("skin")
    v = mesh.vertices[::2]
    return surface_distance(v, [skin]), signed_distance(skin, v, SKIN_SPACING) > 0


def test_there_are_pain_areas_on_both_sides():
    assert sorted(BY_ID[sid].side or "" for sid in PAIN_AREAS) == ["left", "left", "right", "right"]


#: known defects (strict: the test fails when one is fixed, so its entry goes)
PAIN_AREA_KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(
    "sid",
    known_defects.cases(PAIN_AREAS, PAIN_AREA_KNOWN_FAILURES),
)
def test_pain_area_is_a_thin_patch_just_outside_the_skin_on_its_side(model, sid):
    area = model.mesh(sid)
    side = BY_ID[sid].side
    assert side is not None
    d, outside = _on_skin(model, area)
    assert d.max() < 3.0, f"{sid} strays {d.max():.1f} mm from the skin"
    assert outside.mean() > 0.97, "lies under the skin"
    assert np.all(_sign(side) * area.vertices[:, 0] > 0), "crosses to the other side"
    assert len(area.faces) <= pain_areas.MAX_FACES


@pytest.mark.parametrize("side", SIDES)
def test_s1_pain_covers_buttock_and_back_of_thigh(model, side):
    area = model.mesh(f"s1_pain_area_{side}")
    femur = model.mesh(f"femur_{side}")
    head_top = femur.bounds[1][2]
    v = area.vertices
    assert v[:, 2].max() > head_top, "does not reach the buttock"
    assert v[:, 2].min() < head_top - 120, "does not reach down the back of the thigh"
    # on the back of the body: behind the femur
    assert np.median(v[:, 1]) < femur.bounds[0][1]


@pytest.mark.parametrize("side", SIDES)
def test_referred_pain_covers_buttock_and_lateral_hip(model, side):
    area = model.mesh(f"referred_pain_area_{side}")
    femur = model.mesh(f"femur_{side}")
    v = area.vertices
    lateral = _sign(side) * v[:, 0] > (_sign(side) * femur.vertices[:, 0]).max()
    assert lateral.any(), "does not reach the lateral hip over the trochanter"
    assert (v[:, 1] < femur.bounds[0][1]).any(), "does not reach the buttock"
    assert area.body_count == 1
