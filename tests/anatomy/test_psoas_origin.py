"""The origin of psoas major as an anatomist sees it beside L5: separate fleshy slips onto the
margins of the L5 body with a hollow under the tendinous arch between them at the body's waist,
and a cut face above L5 through several bundles (Gray's Anatomy 42nd ed.; Bogduk, Pearcy &
Hadfield, Clin Biomech 1992;7:109). The levels are measured along the S1 endplate's normal."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import ConvexHull

from tests.anatomy.tissue_geometry import surface_distance
from viewer.vocabulary import SIDES

#: mm: the slips at the body's upper and lower margins reach at least this much further towards
#: the midline than the muscle does at the body's waist between them (the scalloped medial border)
SLIP_REACH_BEYOND_WAIST = 3.0
#: mm: under the tendinous arch at the waist the muscle's medial surface stands at least this far
#: off the body (the lumbar vessels pass there); its slips lie on the bone (within CONTACT)
ARCH_GAP = 3.5
CONTACT = 2.5
#: mm: the clefts between its bundles notch its cut face at least this deep (from its convex hull)
CLEFT_DEPTH = 1.2


def _axes(model, lm):
    """The S1 endplate's normal (up), the anterior direction across it, the disc's posterior
    margin along it, and the L5 body's lower and upper levels along up at its sides, where psoas
    lies (mm, from the disc's centre)."""
    up = np.asarray(lm["s1_endplate_normal"], float)
    up /= np.linalg.norm(up)
    ant = np.array([0.0, 1.0, 0.0]) - up[1] * up
    ant /= np.linalg.norm(ant)
    disc = model.mesh("l5_s1_disc_annulus").vertices
    centre = disc.mean(axis=0)
    centre[0] = 0.0
    mid = disc[np.abs(disc[:, 0]) < 4.0]
    a_lo, a_hi = np.sort((mid - centre) @ ant)[[0, -1]]
    v = model.mesh("l5_vertebra").vertices
    a = (v - centre) @ ant
    side = (np.abs(v[:, 0]) > 12.0) & (np.abs(v[:, 0]) < 0.5 * np.ptp(disc[:, 0]) + 5.0)
    body = v[side & (a > a_lo + 8.0) & (a < a_hi + 2.0)]
    s = (body - centre) @ up
    return centre, up, ant, a_lo, float(s.min()), float(s.max())


def _bands(model, lm):
    """The psoas-facing levels of the L5 body (its lower margin, its waist, its upper margin),
    with the axes of :func:`_axes`."""
    centre, up, ant, a_lo, low, top = _axes(model, lm)
    h = top - low
    return (
        centre,
        up,
        ant,
        float(a_lo),
        (
            (low, low + 0.3 * h),
            (low + 0.42 * h, low + 0.55 * h),
            (top - 0.3 * h, top + 1.0),
        ),
    )


@pytest.mark.parametrize("side", SIDES)
def test_psoas_slips_reach_the_l5_margins_beyond_its_border_at_the_waist(model, lm, side):
    """Seen from in front its medial border is scalloped: a slip runs in to the upper margin of
    the L5 body and one to its lower margin by the L5-S1 disc, each reaching further towards the
    midline than the muscle does over the body's waist between them."""
    centre, up, _, _, (lower, waist, upper) = _bands(model, lm)
    v = model.mesh(f"psoas_major_{side}").vertices
    s = (v - centre) @ up
    medial = np.abs(v[:, 0])

    def reach(band):
        m = (s >= band[0]) & (s <= band[1])
        assert m.any(), f"psoas does not reach the level {band}"
        return float(medial[m].min())

    at_waist = reach(waist)
    for name, band in (("lower", lower), ("upper", upper)):
        beyond = at_waist - reach(band)
        assert beyond >= SLIP_REACH_BEYOND_WAIST, (
            f"the {name} slip reaches only {beyond:.1f} mm nearer the midline than the waist"
        )


@pytest.mark.parametrize("side", SIDES)
def test_psoas_arches_over_the_waist_of_the_l5_body(model, lm, side):
    """Under the tendinous arch between the slips (the lumbar vessels' way) its medial surface
    stands off the waist of the body, while the slips at the margins lie on the bone."""
    centre, up, ant, a_lo, (lower, waist, upper) = _bands(model, lm)
    v = model.mesh(f"psoas_major_{side}").vertices
    # beside the body: in front of its transverse process, whose root it lies on at that level
    v = v[(np.abs(v[:, 0]) < 45.0) & ((v - centre) @ ant > a_lo + 8.0)]
    s = (v - centre) @ up
    l5 = [model.mesh("l5_vertebra")]

    def gap(band):
        m = (s >= band[0]) & (s <= band[1])
        return float(surface_distance(v[m], l5).min())

    assert gap(waist) >= ARCH_GAP, f"psoas lies {gap(waist):.1f} mm off the body's waist"
    for band in (lower, upper):
        assert gap(band) < CONTACT, "a slip does not reach the body's margin"


@pytest.mark.parametrize("side", SIDES)
def test_psoas_cut_face_above_l5_is_notched_between_its_bundles(model, lm, side):
    """Its cut face above L5 is a section through several bundles (the slips of the levels above,
    a layer from the bodies in front and one from the transverse processes behind): its outline
    is notched by the clefts between them, not a plain oval."""
    up = np.asarray(lm["s1_endplate_normal"], float)
    up /= np.linalg.norm(up)
    psoas = model.mesh(f"psoas_major_{side}")
    s = psoas.vertices @ up
    cut = psoas.section(up, psoas.vertices[np.argmax(s)] - 1.5 * up)
    assert cut is not None, "no section just under the cut face"
    flat, _ = cut.to_2D()
    loops = [np.asarray(q) for q in flat.discrete]
    outline = max(loops, key=lambda q: np.ptp(q, axis=0).prod())
    hull = ConvexHull(outline)
    inward = -(outline @ hull.equations[:, :2].T + hull.equations[:, 2])
    depth = float(inward.min(axis=1).max())
    assert depth >= CLEFT_DEPTH, f"the cut face is a plain oval (notches {depth:.1f} mm deep)"
