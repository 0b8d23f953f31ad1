"""The L5-S1 ligaments: bands attached to bone at both ends, entering none, with the published
sizes (reference A.7)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.anatomy.tissue_geometry import (
    ends,
    max_depth_in_bone,
    surface_distance,
    thickness_through_middle,
)
from viewer.anatomy import parameters as P
from viewer.anatomy.frame import side_sign
from viewer.vocabulary import SIDES

LIGAMENTS = [
    "anterior_longitudinal_ligament",
    "posterior_longitudinal_ligament",
    "ligamentum_flavum_left",
    "ligamentum_flavum_right",
    "interspinous_ligament",
    "supraspinous_ligament",
    "iliolumbar_ligament_left",
    "iliolumbar_ligament_right",
]

#: The bones each ligament joins (each end must lie on one of them).
ATTACHMENTS = {
    "anterior_longitudinal_ligament": ("l5_vertebra", "s1_segment"),
    "posterior_longitudinal_ligament": ("l5_vertebra", "s1_segment"),
    "ligamentum_flavum_left": ("l5_vertebra", "s1_segment"),
    "ligamentum_flavum_right": ("l5_vertebra", "s1_segment"),
    "interspinous_ligament": ("l5_vertebra", "s1_segment"),
    "supraspinous_ligament": ("l5_vertebra", "s1_segment"),
    "iliolumbar_ligament_left": ("l5_vertebra", "hip_bone_left"),
    "iliolumbar_ligament_right": ("l5_vertebra", "hip_bone_right"),
}


@pytest.mark.parametrize("sid", LIGAMENTS)
def test_each_end_is_attached_to_its_bone(model, sid):
    first, second = ends(model.mesh(sid))
    bones = [model.mesh(b) for b in ATTACHMENTS[sid]]
    # one end on one bone, the other end on the other bone (in either order)
    d = np.array([[surface_distance(e, [b]).min() for b in bones] for e in (first, second)])
    best = min(max(d[0, 0], d[1, 1]), max(d[0, 1], d[1, 0]))
    assert best <= 2.0, f"{sid}: an end is {best:.1f} mm from its bone ({d.round(1).tolist()})"


@pytest.mark.parametrize("sid", LIGAMENTS)
def test_ligament_does_not_enter_bone(model, sid):
    depth = max_depth_in_bone(model, model.mesh(sid))
    assert depth <= 0.5, f"{sid} enters bone by {depth:.2f} mm"


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_thickness_matches_mri(model, side):
    t = thickness_through_middle(model.mesh(f"ligamentum_flavum_{side}"))
    ref = P.LIGAMENTUM_FLAVUM_THICKNESS
    assert ref.accepts(t), f"LF {side} is {t:.2f} mm thick, published {ref.value} ± {ref.sd}"


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_lines_the_back_of_the_canal_on_its_side(model, side):
    lf = model.mesh(f"ligamentum_flavum_{side}")
    disc = model.mesh("l5_s1_disc_annulus")
    sign = side_sign(side)
    assert np.all(sign * lf.vertices[:, 0] > -0.5), "crosses the midline"
    assert lf.centroid[1] < disc.bounds[0][1], "not behind the disc"


def _above_disc(model, mesh, half=2.5):
    """Vertices of ``mesh`` level with the L5 body: a slice halfway between the top of the disc
    and the top of the band."""
    top_of_disc = model.mesh("l5_s1_disc_annulus").bounds[1][2]
    v = mesh.vertices
    mid = (top_of_disc + v[:, 2].max()) / 2
    return v[np.abs(v[:, 2] - mid) < half]


def test_pll_is_narrow_behind_the_l5_body(model):
    v = _above_disc(model, model.mesh("posterior_longitudinal_ligament"))
    assert len(v) > 10
    width = float(np.ptp(v[:, 0]))
    ref = P.PLL_WIDTH_L5
    assert abs(width - ref.value) <= max(ref.tolerance(), 0.3), (
        f"PLL is {width:.2f} mm wide at L5, published {ref.value}"
    )


def test_pll_fans_over_the_disc(model):
    pll = model.mesh("posterior_longitudinal_ligament")
    disc = model.mesh("l5_s1_disc_annulus")
    share = np.ptp(pll.vertices[:, 0]) / np.ptp(disc.vertices[:, 0])
    assert 0.64 <= share <= 0.77, f"PLL fan covers {share:.0%} of the disc width (64-77 %)"
    # the fan lies on the back of the disc, inside the canal
    assert pll.centroid[1] < disc.centroid[1]


def test_all_covers_the_front_of_the_bodies(model):
    all_ = model.mesh("anterior_longitudinal_ligament")
    disc = model.mesh("l5_s1_disc_annulus")
    v = _above_disc(model, all_)
    width = float(np.ptp(v[:, 0]))
    assert P.ALL_WIDTH.accepts(width), f"ALL is {width:.1f} mm wide over L5 (about 20-25)"
    assert all_.centroid[1] > disc.centroid[1], "not in front of the disc"
    # from the L5 body's anterior rim (its most anterior point) down onto S1
    l5 = model.mesh("l5_vertebra").vertices
    midline = l5[np.abs(l5[:, 0]) < 3]
    front_mid = midline[np.argmax(midline[:, 1])]
    assert all_.bounds[1][2] > front_mid[2] - 4.0
    assert all_.bounds[0][2] < disc.bounds[0][2]


def test_posterior_midline_ligaments_lie_behind_the_canal_in_the_midline(model):
    disc = model.mesh("l5_s1_disc_annulus")
    isl = model.mesh("interspinous_ligament")
    ssl = model.mesh("supraspinous_ligament")
    for m in (isl, ssl):
        assert abs(m.centroid[0]) < 1.0
        assert m.bounds[1][1] < disc.bounds[0][1], "reaches forward of the back of the disc"
    # the supraspinous ligament runs over the tips, behind the interspinous ligament
    assert ssl.centroid[1] < isl.centroid[1]


@pytest.mark.parametrize("side", SIDES)
def test_iliolumbar_ligament_runs_from_l5_out_to_the_ilium(model, side):
    il = model.mesh(f"iliolumbar_ligament_{side}")
    sign = side_sign(side)
    assert np.all(sign * il.vertices[:, 0] > 20), "should lie lateral, off the L5 body"
    assert np.ptp(il.vertices[:, 0]) > 8, "should span from the transverse process to the ilium"
