"""The piriformis's shape (issue 8; blind review s26: "a square knot plus a whip-like tendon"): a
flat pear-shaped muscle whose sacral origin is lobed by digitations between the anterior sacral
foramina, converging as a thick belly through the greater sciatic foramen into a short, stout,
rounded tendon on the greater trochanter.

Measured on the built meshes against the derived bones' landmarks: along the polyline from the
S2 anterior foramen to the greater sciatic notch (its pelvic part) and on to the greater
trochanter (its gluteal part), by sections normal to it.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.anatomy.tissue_geometry import surface_distance
from viewer.anatomy import parameters as P
from viewer.vocabulary import SIDES

SACRUM = ("s1_segment", "sacrum_lower")
#: mm: a vertex this near the sacrum lies on it (the origin's footprint)
ON_BONE = 2.5


def _section(mesh, at, axis):
    """The section of ``mesh`` by the plane through ``at`` normal to ``axis``: its (length,
    thickness) extents along the section's principal axes, or None where the plane misses it."""
    cut = mesh.section(plane_origin=at, plane_normal=axis)
    if cut is None:
        return None
    pts = np.vstack(cut.discrete)
    centred = pts - pts.mean(axis=0)
    axes = np.linalg.svd(centred, full_matrices=False)[2][:2]
    proj = centred @ axes.T
    return float(np.ptp(proj[:, 0])), float(np.ptp(proj[:, 1]))


def _gluteal_profile(model, lm, side, step: float = 2.0):
    """(distance from the greater sciatic notch along the notch-trochanter line, section length,
    section thickness) every ``step`` mm out to where the muscle ends."""
    mesh = model.mesh(f"piriformis_{side}")
    notch, gt = lm[f"greater_sciatic_notch_{side}"], lm[f"greater_trochanter_{side}"]
    axis = (gt - notch) / np.linalg.norm(gt - notch)
    out = []
    for s in np.arange(0.0, np.linalg.norm(gt - notch), step):
        sec = _section(mesh, notch + s * axis, axis)
        if sec is not None:
            out.append((s, *sec))
    return np.array(out)


def _medial_edge(model, lm, side):
    """The origin's medial border on the front of the sacrum: per 1.5 mm of level down the
    sacrum (from the S1 anterior foramen towards the apex), the least distance of the muscle's
    footprint from the midline; and the S2 foramen's level."""
    v = model.mesh(f"piriformis_{side}").vertices
    d = surface_distance(v, [model.mesh(b) for b in SACRUM])
    foot = v[d < ON_BONE]
    s1, s2, apex = (
        lm[f"s1_anterior_foramen_{side}"],
        lm[f"s2_anterior_foramen_{side}"],
        lm["sacral_apex"],
    )
    down = apex - s1
    down[0] = 0.0
    down /= np.linalg.norm(down)
    level = (foot - s1) @ down
    bins = np.arange(level.min(), level.max() + 1.5, 1.5)
    edge = []
    for lo in bins[:-1]:
        sel = (level >= lo) & (level < lo + 1.5)
        if sel.sum():
            edge.append((lo + 0.75, float(np.abs(foot[sel, 0]).min())))
    return np.array(edge), float((s2 - s1) @ down)


def _lobes(edge, depth: float):
    """The levels of the lobes of a medial border: its local minima of distance from the midline
    (reaching medially) standing at least ``depth`` mm proud of the border between them and the
    next lobes (their prominence; beyond its ends there is no muscle)."""
    from scipy.signal import find_peaks

    x = np.convolve(np.pad(edge[:, 1], 1, mode="edge"), np.ones(3) / 3.0, "valid")
    far = x.max() + 2.0 * depth
    peaks, _ = find_peaks(-np.r_[far, x, far], prominence=depth)
    return list(edge[peaks - 1, 0])


@pytest.mark.parametrize("side", SIDES)
def test_piriformis_origin_is_lobed_by_digitations_between_the_foramina(model, lm, side):
    """Its sacral origin is lobed, not a square block (Gray's Anatomy 42nd ed.: it arises by three
    digitations between and lateral to the 1st-4th anterior sacral foramina; blind review s26: "a
    square knot"): the medial border of its footprint on the sacrum reaches medially in at least
    three lobes (each ``PIRIFORMIS_DIGITATION_DEPTH`` mm deep or more), the first between the S1
    and S2 foramina, the next below S2."""
    edge, s2_level = _medial_edge(model, lm, side)
    lobes = _lobes(edge, P.PIRIFORMIS_DIGITATION_DEPTH)
    assert len(lobes) >= 3, f"{len(lobes)} digitations at levels {np.round(lobes, 1)}"
    assert 0.0 < lobes[0] < s2_level, (lobes, s2_level)
    assert lobes[1] > s2_level, (lobes, s2_level)


@pytest.mark.parametrize("side", SIDES)
def test_piriformis_digitations_are_rounded_not_a_saw_edge(model, lm, side):
    """Its digitations are smooth rounded slips (Gray's Anatomy 42nd ed.: three fleshy
    digitations between the anterior sacral foramina; s44 blind review: "a ragged crenellated
    medial edge"): the medial border of its footprint on the sacrum, per 1.5 mm of level, turns
    no more sharply than ``PIRIFORMIS_BORDER_MAX_TURN`` (its greatest second difference) and
    steps no further than ``PIRIFORMIS_BORDER_MAX_STEP`` from one level to the next (main at
    s44, the fascicles' square ends: turns of 4.4 mm, steps of 4.6-4.7 mm)."""
    edge, _ = _medial_edge(model, lm, side)
    x = edge[:, 1]
    turn = float(np.abs(np.diff(x, 2)).max())
    step = float(np.abs(np.diff(x)).max())
    assert turn <= P.PIRIFORMIS_BORDER_MAX_TURN, f"its medial border turns by {turn:.1f} mm"
    assert step <= P.PIRIFORMIS_BORDER_MAX_STEP, f"its medial border steps by {step:.1f} mm"


@pytest.mark.parametrize("side", SIDES)
def test_piriformis_is_pear_shaped_converging_from_a_broad_base(model, lm, side):
    """A pear / triangle (Gray's Anatomy 42nd ed.: pyramidal): its base on the sacrum is the
    broadest part (its sections by planes normal to the S2-foramen-to-notch line) and it narrows
    from there to the greater sciatic notch and on to the trochanter, without first narrowing
    to a neck and swelling again (the "square knot": a block on the sacrum, then a neck)."""
    mesh = model.mesh(f"piriformis_{side}")
    s2, notch = lm[f"s2_anterior_foramen_{side}"], lm[f"greater_sciatic_notch_{side}"]
    axis = (notch - s2) / np.linalg.norm(notch - s2)
    pelvic = [_section(mesh, s2 + f * (notch - s2), axis) for f in np.linspace(0.25, 1.0, 7)]
    lengths = np.array([sec[0] for sec in pelvic if sec is not None])
    gluteal = _gluteal_profile(model, lm, side)
    assert lengths[0] >= P.PIRIFORMIS_BASE_LENGTH, f"its base is {lengths[0]:.0f} mm long"
    # narrowing evenly: no section more than 3 mm longer than the one nearer the base
    assert np.all(np.diff(lengths) < 3.0), np.round(lengths, 1)
    assert np.all(np.diff(gluteal[:, 1]) < 3.0), np.round(gluteal[:, 1], 1)
    # the triangle: halfway from the base to the notch it has lost under two thirds of the
    # narrowing it will have at the notch (a square block keeps its length, then necks)
    half = lengths[len(lengths) // 2]
    assert lengths[0] - half < (2.0 / 3.0) * (lengths[0] - lengths[-1]) + 1.0, lengths


@pytest.mark.parametrize("side", SIDES)
def test_piriformis_belly_is_thick_beyond_the_notch(model, lm, side):
    """Its belly is a thick fleshy mass through the greater sciatic foramen and in the buttock:
    within the first half of its course from the notch to the trochanter its greatest thickness
    lies in ``PIRIFORMIS_BELLY_THICKNESS`` (CT: 17 +- 4 mm, 9-25 mm at its centre, Park CH et
    al., Korean J Pain 2011;24:87), and halfway to the trochanter it is still fleshy, a quarter
    wider than where it becomes tendon (``PIRIFORMIS_MUSCULOTENDINOUS_WIDTH``)."""
    prof = _gluteal_profile(model, lm, side)
    span = prof[-1, 0]
    first = prof[prof[:, 0] <= 0.5 * span]
    thick = first[:, 2].max()
    lo, hi = P.PIRIFORMIS_BELLY_THICKNESS
    assert lo <= thick <= hi, f"the belly is {thick:.1f} mm thick"
    mid = prof[np.argmin(np.abs(prof[:, 0] - 0.5 * span))]
    fleshy = 1.25 * P.PIRIFORMIS_MUSCULOTENDINOUS_WIDTH
    assert mid[1] >= fleshy, f"{mid[1]:.1f} mm wide halfway"


@pytest.mark.parametrize("side", SIDES)
def test_piriformis_tendon_is_short_and_stout(model, lm, side):
    """Its tendon is short and stout, not a long whip (issue 8; blind review s26: "a whip-like
    tendon"): the stretch at its end narrower than ``PIRIFORMIS_MUSCULOTENDINOUS_WIDTH`` (where
    the fleshy belly has become tendon) is ``PIRIFORMIS_TENDON_LENGTH`` mm long, and 6 mm back
    from its end the tendon is ``PIRIFORMIS_TENDON_WIDTH`` wide (7.35 +- 1.74 mm horizontal,
    Pine J et al., Clin Anat 2011;24:70; 3-9 mm across at the musculotendinous junction, Windisch
    G et al., Surg Radiol Anat 2007;29:37) and at least ``PIRIFORMIS_TENDON_MIN_THICKNESS``
    thick (4.78 +- 1.31 mm vertical, Pine 2011)."""
    prof = _gluteal_profile(model, lm, side, step=1.0)
    end = prof[-1, 0]
    fleshy = prof[prof[:, 1] >= P.PIRIFORMIS_MUSCULOTENDINOUS_WIDTH]
    length = end - fleshy[-1, 0]
    lo, hi = P.PIRIFORMIS_TENDON_LENGTH
    assert lo <= length <= hi, f"the tendon is {length:.0f} mm long"
    near_end = prof[np.argmin(np.abs(prof[:, 0] - (end - 6.0)))]
    lo, hi = P.PIRIFORMIS_TENDON_WIDTH
    assert lo <= near_end[1] <= hi, f"the tendon is {near_end[1]:.1f} mm wide"
    assert near_end[2] >= P.PIRIFORMIS_TENDON_MIN_THICKNESS, f"{near_end[2]:.1f} mm thick"


@pytest.mark.parametrize("side", SIDES)
def test_piriformis_tendon_is_a_cord_of_visible_length(model, lm, side):
    """Its belly tapers into a rounded cord of visible length on the greater trochanter, not a
    stump off the belly (Gray's Anatomy 42nd ed.: a rounded tendon, about 2-3 cm; s39 blind
    review: "the tendon a stump"): over its last ``PIRIFORMIS_CORD_LENGTH`` mm it is a cord no
    wider than the top of ``PIRIFORMIS_TENDON_WIDTH`` (Pine 2011: 7.35 +- 1.74 mm, mean + 2 SD)
    anywhere (was 11.3 mm across 20 mm from its end; the length 16 mm since s45, was 20: a short
    tendon blending with the obturator internus and gemelli tendon, Gray's Anatomy 42nd ed.; s44
    blind review: "a pencil-like tendon")."""
    prof = _gluteal_profile(model, lm, side, step=2.0)
    end = prof[-1, 0]
    cord = prof[prof[:, 0] >= end - P.PIRIFORMIS_CORD_LENGTH]
    widest = float(cord[:, 1].max())
    assert widest <= P.PIRIFORMIS_TENDON_WIDTH[1], (
        f"{widest:.1f} mm across within {P.PIRIFORMIS_CORD_LENGTH:.0f} mm of its end"
    )


def _front_heights(model, lm, side, level: float, lateral: np.ndarray) -> np.ndarray:
    """Heights (mm, out of the bone) of the muscle's front surface at one ``level`` (a share of
    the chord of the sacrum's front from lateral of the S1 anterior foramen to the apex, as the
    builder's) at distances ``lateral`` out from the anterior foramina's line; NaN off it."""
    mesh = model.mesh(f"piriformis_{side}")
    lat = np.array([1.0 if side == "right" else -1.0, 0.0, 0.0])
    top = lm[f"s1_anterior_foramen_{side}"] + lat * P.PIRIFORMIS_ORIGIN_LATERAL
    apex = lm["sacral_apex"] + lat * float((top - lm["sacral_apex"]) @ lat)
    down = apex - top
    front = np.cross(down, lat)
    front = front / np.linalg.norm(front) * np.sign(front[1])
    out = lat - (lat @ front) * front
    out /= np.linalg.norm(out)
    line = top - out * P.PIRIFORMIS_ORIGIN_LATERAL
    starts = line + level * down + np.outer(lateral, out) + front * 40.0
    hits, ray, _ = mesh.ray.intersects_location(
        starts, np.tile(-front, (len(starts), 1)), multiple_hits=False
    )
    h = np.full(len(starts), np.nan)
    h[ray] = (hits - line) @ front
    return h


@pytest.mark.parametrize("side", SIDES)
def test_piriformis_digitations_blend_into_the_belly_without_a_ridge(model, lm, side):
    """The flat digitations of its lower origin grow smoothly into the thick belly (Gray's
    Anatomy 42nd ed.: fleshy digitations converging on the belly; s39 blind review: "the slips
    are crumpled blobs"): going laterally from the foramina's line across the sheet, its front
    surface bends no more sharply than ``PIRIFORMIS_SHEET_MAX_BEND`` (the greatest second
    difference of its height on a 1 mm step, averaged over the levels of the lower two
    digitations; main at s40: 3.8 and 5.1, where the fascicles took the belly's size at once,
    a ridge across the sheet)."""
    lateral = np.arange(0.0, 30.0, 1.0)
    bends = []
    for level in P.PIRIFORMIS_LOWER_ORIGIN_LEVELS:
        bend = np.abs(np.diff(_front_heights(model, lm, side, level, lateral), 2))
        bends.append(float(np.nanmax(bend)))
    assert np.mean(bends) <= P.PIRIFORMIS_SHEET_MAX_BEND, np.round(bends, 1)
