"""The sacroiliac joints: a thin joint space between the sacral and iliac auricular surfaces with
the published joint surface area (reference D.2), entering neither bone."""

from __future__ import annotations

import numpy as np
import pytest

from tests.anatomy.tissue_geometry import max_depth_in_bone, surface_distance
from viewer.anatomy import parameters as P
from viewer.anatomy.frame import side_sign
from viewer.vocabulary import SIDES


@pytest.mark.parametrize("side", SIDES)
def test_joint_lies_between_sacrum_and_ilium(model, side):
    joint = model.mesh(f"sacroiliac_joint_{side}")
    sacrum = [model.mesh("s1_segment"), model.mesh("sacrum_lower")]
    ilium = [model.mesh(f"hip_bone_{side}")]
    v = joint.vertices
    on_sacrum = surface_distance(v, sacrum) <= 1.0
    on_ilium = surface_distance(v, ilium) <= 1.0
    # one face on each bone: a good share of the vertices lies on each
    assert on_sacrum.mean() > 0.3 and on_ilium.mean() > 0.3, (on_sacrum.mean(), on_ilium.mean())
    sign = side_sign(side)
    assert np.all(sign * v[:, 0] > 0)


@pytest.mark.parametrize("side", SIDES)
def test_joint_does_not_enter_bone(model, side):
    depth = max_depth_in_bone(model, model.mesh(f"sacroiliac_joint_{side}"))
    assert depth <= 0.5, f"enters bone by {depth:.2f} mm"


@pytest.mark.parametrize("side", SIDES)
def test_joint_surface_area_matches_the_published_area(model, side):
    joint = model.mesh(f"sacroiliac_joint_{side}")
    sacrum = [model.mesh("s1_segment"), model.mesh("sacrum_lower")]
    # the sacral face of the joint: faces whose centres lie on the sacrum
    on_sacrum = surface_distance(joint.triangles_center, sacrum) <= 0.8
    area = float(joint.area_faces[on_sacrum].sum())
    ref = P.SI_JOINT_SURFACE_AREA
    assert ref.accepts(area), f"joint surface {area / 100:.1f} cm², published {ref.value / 100} cm²"


@pytest.mark.parametrize("side", SIDES)
def test_joint_is_a_thin_slab(model, side):
    joint = model.mesh(f"sacroiliac_joint_{side}")
    mean_thickness = joint.volume / (joint.area / 2)
    assert 0.5 < mean_thickness < 5.0, f"mean thickness {mean_thickness:.1f} mm"
    extent = np.sort(np.linalg.svd(joint.vertices - joint.centroid, full_matrices=False)[1])
    assert extent[0] < extent[1] / 3, "not flat"


@pytest.mark.parametrize("side", SIDES)
def test_joint_is_one_plate_without_holes(model, side):
    """One closed piece of genus 0: no hole or tunnel through the plate (Euler number 2)."""
    joint = model.mesh(f"sacroiliac_joint_{side}")
    assert joint.is_watertight and joint.body_count == 1
    assert joint.euler_number == 2, f"Euler number {joint.euler_number}: holes through the joint"


@pytest.mark.parametrize("side", SIDES)
def test_joint_ends_where_the_bones_part(model, side):
    """Every point of the joint lies close to both bones: at the margin it does not run on into
    the widening wedge between them (the thickest joint space inside is under 3.7 mm)."""
    joint = model.mesh(f"sacroiliac_joint_{side}")
    sacrum = [model.mesh("s1_segment"), model.mesh("sacrum_lower")]
    ilium = [model.mesh(f"hip_bone_{side}")]
    to_sacrum = surface_distance(joint.vertices, sacrum).max()
    to_ilium = surface_distance(joint.vertices, ilium).max()
    assert max(to_sacrum, to_ilium) < 3.5, (to_sacrum, to_ilium)
