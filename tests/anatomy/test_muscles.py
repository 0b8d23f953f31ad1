"""The muscles as a student sees them: where they attach (against the OpenSim models' points mapped
onto our pelvis), that they lie on bone without passing through it, and the piriformis spasm.

(Closed surfaces, one piece and the left/right mirror are checked for every structure in
test_plausibility.py.)"""

from __future__ import annotations

import numpy as np
import pytest

from tests.anatomy.tissue_geometry import BONES, depth_inside, inside, surface_distance
from viewer.anatomy import parameters as P
from viewer.anatomy.muscles import opensim_points
from viewer.anatomy.structures import BY_ID, ids
from viewer.vocabulary import SIDES

SACRUM = ("s1_segment", "sacrum_lower")
CONTACT = 2.0  # mm: a muscle vertex this close to a bone is part of an attachment footprint
#: mm: the iliacus keeps this far medial of the greater trochanter's lateral extreme [constructed]
ILIACUS_TROCHANTER_GAP = 15.0


def footprint(model, muscle: str, bones, near=None, radius: float = 25.0) -> np.ndarray:
    """The muscle's vertices lying on ``bones`` (within CONTACT mm), optionally only those within
    ``radius`` of ``near``."""
    v = model.mesh(muscle).vertices
    if near is not None:
        v = v[np.linalg.norm(v - near, axis=1) < radius]
    d = surface_distance(v, [model.mesh(b) for b in bones])
    return v[d < CONTACT]


def tip(model, muscle: str, toward: np.ndarray, share: float = 0.02) -> np.ndarray:
    """The end of a muscle toward a point: its vertices nearest to that point."""
    v = model.mesh(muscle).vertices
    d = np.linalg.norm(v - toward, axis=1)
    return v[np.argsort(d)[: max(int(len(v) * share), 5)]]


# ---------------------------------------------------------------- psoas major (B.2)
@pytest.mark.parametrize("side", SIDES)
def test_psoas_attaches_to_l5_and_lesser_trochanter_where_gait2392_puts_it(model, lm, side):
    (origin,) = opensim_points(lm, P.PSOAS_GAIT2392_PELVIS[:1], side=side)
    _, insertion = opensim_points(lm, femur=P.PSOAS_GAIT2392_FEMUR, side=side)
    tolerance = 0.10 * np.linalg.norm(insertion - origin)
    on_l5 = footprint(model, f"psoas_major_{side}", ["l5_vertebra"])
    on_femur = footprint(model, f"psoas_major_{side}", [f"femur_{side}"], insertion, 30.0)
    assert len(on_l5) > 10, "psoas does not lie on the L5 vertebra"
    assert len(on_femur) > 5, "psoas does not reach the femur at the lesser trochanter"
    d_origin = np.linalg.norm(on_l5.mean(0) - origin)
    d_insertion = np.linalg.norm(on_femur.mean(0) - insertion)
    assert d_origin < tolerance, f"L5 attachment {d_origin:.1f} mm from gait2392 P1"
    assert d_insertion < tolerance, f"insertion {d_insertion:.1f} mm from gait2392 P5"
    # and it is the lesser trochanter the tendon ends on
    assert np.linalg.norm(on_femur.mean(0) - lm[f"lesser_trochanter_{side}"]) < 15.0


def section_area(mesh, z: float) -> float:
    """Area (mm²) of the mesh's cross-section by the horizontal plane at height ``z``."""
    cut = mesh.section([0, 0, 1], [0, 0, z])
    if cut is None:
        return 0.0
    area = 0.0
    for loop in cut.discrete:
        x, y = loop[:, 0], loop[:, 1]
        area += abs(0.5 * np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))
    return area


@pytest.mark.parametrize("side", SIDES)
def test_psoas_is_a_bulky_belly_at_l5(model, side):
    """Issue 8: a cross-section of 12-25 cm² at the level of L5 (not a slender hose), and a
    fusiform muscle: far thinner where its tendon reaches the femur."""
    l5 = model.mesh("l5_vertebra")
    psoas = model.mesh(f"psoas_major_{side}")
    body_low, body_top = l5.bounds[0][2], l5.bounds[1][2]
    for z in np.linspace(body_low + 0.25 * (body_top - body_low), body_top - 12.0, 3):
        area = section_area(psoas, z) / 100.0
        assert 12.0 <= area <= 25.0, f"psoas {area:.1f} cm² at z={z:.0f}"
    lt = model.mesh(f"femur_{side}").bounds[1][2] - 60.0
    assert section_area(psoas, lt) < 0.25 * section_area(psoas, 0.5 * (body_low + body_top))


@pytest.mark.parametrize("side", SIDES)
def test_psoas_cross_section_at_mid_l5_is_12_to_25_cm2(model, side):
    """Issue 8: at mid-height of the L5 body its cross-section (a plane section of the mesh
    across the spine's axis there) is 12-25 cm² (adult MRI/CT psoas areas at L4-L5 / L5;
    Bogduk, Pearcy & Hadfield 1992)."""
    l5 = model.mesh("l5_vertebra")
    psoas = model.mesh(f"psoas_major_{side}")
    z = 0.5 * (l5.bounds[0][2] + l5.bounds[1][2])
    area = section_area(psoas, z) / 100.0
    assert 12.0 <= area <= 25.0, f"psoas {area:.1f} cm² at mid-L5"
    cut = psoas.section([0, 0, 1], [0, 0, z])
    assert cut is not None and len(cut.discrete) == 1, "the belly is not one piece at L5"


@pytest.mark.parametrize("side", SIDES)
def test_psoas_is_fuller_beside_l5_than_at_its_cut_above(model, lm, side):
    """Fusiform, thickest about L4-L5/L5 (Gray's Anatomy; Bogduk, Pearcy & Hadfield 1992), not at
    the section where the model cuts it above L5: the cut face (the vertices within 1 mm of the
    cutting plane, normal to the S1 endplate's) is well narrower than the belly at mid-L5."""
    psoas = model.mesh(f"psoas_major_{side}")
    l5 = model.mesh("l5_vertebra")
    up = np.asarray(lm["s1_endplate_normal"], float)
    up /= np.linalg.norm(up)
    s = psoas.vertices @ up
    cap = psoas.vertices[s > s.max() - 1.0]
    z = 0.5 * (l5.bounds[0][2] + l5.bounds[1][2])
    belly = psoas.section([0, 0, 1], [0, 0, z]).vertices
    assert np.ptp(cap[:, 0]) < 0.75 * np.ptp(belly[:, 0]), "the belly is thickest at the cut"


@pytest.mark.parametrize("side", SIDES)
def test_psoas_reaches_the_side_of_the_l5_body_by_its_slips(model, side):
    """Its segmental slips arise from the margins of the vertebral bodies next to the discs
    (Gray's Anatomy 42nd ed.): some of it lies on the side of the L5 body itself (within a few
    mm of the disc's lateral margin), not only on the front of the transverse process."""
    v = model.mesh(f"psoas_major_{side}").vertices
    l5 = model.mesh("l5_vertebra")
    half = 0.5 * np.ptp(model.mesh("l5_s1_disc_annulus").vertices[:, 0])
    on = v[surface_distance(v, [l5]) < CONTACT]
    body = on[np.abs(on[:, 0]) < half + 7.0]
    assert len(body) > 5, f"only {len(body)} vertices of psoas on the side of the L5 body"


@pytest.mark.parametrize("side", SIDES)
def test_psoas_ends_in_a_rounded_tendon_on_the_lesser_trochanter(model, lm, side):
    """No whip: 10 mm back from its end on the lesser trochanter the tendon is a rounded cord
    (not flat, not a thin lash), and that end lies on the bone beside the trochanter."""
    psoas = model.mesh(f"psoas_major_{side}")
    femur = model.mesh(f"femur_{side}")
    lt = lm[f"lesser_trochanter_{side}"]
    end = tip(model, f"psoas_major_{side}", lt, 0.01)
    assert np.linalg.norm(end.mean(axis=0) - lt) < 15.0, "its end is not at the lesser trochanter"
    assert surface_distance(end, [femur]).min() <= 2.0, "its end does not reach the bone"
    v = psoas.vertices
    near = v[np.linalg.norm(v - end.mean(axis=0), axis=1) < 25.0]
    axis = near.mean(axis=0) - end.mean(axis=0)
    axis /= np.linalg.norm(axis)
    at = end.mean(axis=0) + axis * 10.0
    cut = psoas.section(plane_origin=at, plane_normal=axis)
    assert cut is not None
    ring = min(cut.discrete, key=lambda d: np.linalg.norm(d.mean(axis=0) - at))
    spread = np.linalg.svd(ring - ring.mean(axis=0), full_matrices=False)[1]
    assert spread[0] / spread[1] < 2.0, f"the tendon is flat ({spread[0] / spread[1]:.1f}:1)"
    thick = (
        2.0
        * np.abs(
            (ring - ring.mean(axis=0))
            @ np.linalg.svd(ring - ring.mean(axis=0), full_matrices=False)[2][1]
        ).max()
    )
    assert thick >= 1.6 * P.PSOAS_TENDON_RADIUS, f"the tendon is a {thick:.1f} mm lash"


@pytest.mark.parametrize("side", SIDES)
def test_psoas_leaves_the_l5_root_and_lumbosacral_trunk_outside(model, side):
    """The L5 ventral ramus, joined by L4's branch, runs behind and medial to psoas over the ala:
    no part of that nerve lies inside the muscle."""
    psoas = model.mesh(f"psoas_major_{side}")
    nerve = model.mesh(f"l5_nerve_root_{side}").vertices
    assert not inside(psoas, nerve).any(), "psoas swallows the L5 root / lumbosacral trunk"
    assert surface_distance(nerve, [psoas]).min() < 10.0, "the trunk is not beside psoas"


@pytest.mark.parametrize("side", SIDES)
def test_psoas_crosses_in_front_of_the_hip_joint(model, lm, side):
    head = lm[f"femoral_head_center_{side}"]
    v = model.mesh(f"psoas_major_{side}").vertices
    level = v[np.abs(v[:, 2] - head[2]) < 3.0]
    assert len(level), "psoas does not reach the level of the hip joint"
    assert level[:, 1].mean() > head[1] + lm[f"femoral_head_radius_{side}"][0]


#: the psoas tendon runs down and back to the lesser trochanter at no more than this many mm back
#: per mm down between any two sections 4 mm apart (about 57 deg from the vertical; 1.4-1.5 built,
#: 1.6-1.8 before the tendon was eased): an easy bend
#: in front of the hip, not a hook curling straight back [constructed; stop-28 blind review]
PSOAS_TENDON_MAX_SLOPE = 1.55


@pytest.mark.parametrize("side", SIDES)
def test_psoas_tendon_bends_down_and_back_to_the_trochanter_without_a_hook(model, lm, side):
    head = lm[f"femoral_head_center_{side}"]
    low = lm[f"lesser_trochanter_{side}"][2] + 2.0
    psoas = model.mesh(f"psoas_major_{side}")
    levels = np.arange(head[2] - 20.0, low, -4.0)
    backs = []
    for z in levels:
        section = psoas.section([0.0, 0.0, 1.0], [0.0, 0.0, z])
        assert section is not None, f"psoas has no section {head[2] - z:.0f} mm below the hip"
        backs.append(np.vstack(section.discrete)[:, 1].mean())
    slope = -np.diff(backs) / 4.0
    assert len(slope) >= 5, "psoas ends above the lesser trochanter"
    assert (slope > -0.5).all(), "the tendon turns forwards again on its way down"
    assert slope.max() < PSOAS_TENDON_MAX_SLOPE, f"{slope.max():.2f} mm back per mm down: a hook"


# ---------------------------------------------------------------- piriformis (B.3)
@pytest.mark.parametrize("side", SIDES)
def test_piriformis_runs_from_the_front_of_the_sacrum_to_the_greater_trochanter(model, lm, side):
    (origin,) = opensim_points(lm, P.PIRIFORMIS_GAIT2392_PELVIS[:1], side=side)
    (insertion,) = opensim_points(lm, femur=[P.PIRIFORMIS_GAIT2392_FEMUR], side=side)
    # gait2392's origin sits on its own sacrum; ours is a different (LLP26) sacrum, so the
    # tolerance is the brief's 10 % of origin-insertion distance plus the S2-S4 origin's own
    # craniocaudal spread (half the S2-S4 span, about 20 mm).
    spread = (
        0.5
        * 1.7
        * np.linalg.norm(lm[f"s2_anterior_foramen_{side}"] - lm[f"s1_anterior_foramen_{side}"])
    )
    tol_origin = 0.10 * np.linalg.norm(insertion - origin) + spread
    on_sacrum = footprint(model, f"piriformis_{side}", SACRUM)
    on_femur = footprint(model, f"piriformis_{side}", [f"femur_{side}"])
    assert len(on_sacrum) > 10 and len(on_femur) > 5
    d_origin = np.linalg.norm(on_sacrum.mean(0) - origin)
    d_insertion = np.linalg.norm(on_femur.mean(0) - insertion)
    assert d_origin < tol_origin, (
        f"origin {d_origin:.1f} mm from gait2392 P1 (tol {tol_origin:.1f})"
    )
    # gait2392's femur is not ours: allow, besides 10 %, the distance between its most lateral
    # greater-trochanter point (B.1) mapped onto our femur and our own.
    (gt_os,) = opensim_points(lm, femur=[(-14.4, -18.1, 61.9)], side=side)
    femur_mismatch = np.linalg.norm(gt_os - lm[f"greater_trochanter_lateral_{side}"])
    tol_insertion = 0.10 * np.linalg.norm(insertion - origin) + femur_mismatch
    assert d_insertion < tol_insertion, (
        f"insertion {d_insertion:.1f} mm from gait2392 P3 (tol {tol_insertion:.1f})"
    )
    # the origin is on the front (pelvic) surface of the sacrum, beside the anterior foramina
    c = on_sacrum.mean(0)
    assert np.linalg.norm(c - lm[f"s2_anterior_foramen_{side}"]) < np.linalg.norm(
        c - lm[f"s2_posterior_foramen_{side}"]
    )


def _origin_sections(model, lm, side):
    """The piriformis's sections by sagittal planes 3-14 mm lateral of the S2 anterior foramen
    (where it lies on the front of the sacrum): per plane, its loops as (points, area)."""
    pir = model.mesh(f"piriformis_{side}")
    sign = 1.0 if side == "right" else -1.0
    foramen = lm[f"s2_anterior_foramen_{side}"]
    out = []
    for off in (3.0, 5.0, 8.0, 11.0, 14.0):
        cut = pir.section(plane_origin=foramen + [sign * off, 0, 0], plane_normal=[1.0, 0, 0])
        loops = [] if cut is None else cut.discrete
        out.append([(d, 0.5 * abs(np.cross(d[:-1, 1:], d[1:, 1:]).sum())) for d in loops])
    return out


@pytest.mark.parametrize("side", SIDES)
def test_piriformis_arises_by_one_thin_sheet_on_the_sacrum(model, lm, side):
    """Its three digitations between the 1st-4th anterior sacral foramina are flat and merge
    into one fleshy sheet applied to the front of the sacrum (Gray's Anatomy 42nd ed.; the
    stop-23 blind review: separate "knobs like a fist" read wrong): beside the foramina (3 mm
    lateral of them) no more than the three digitations, each flat (under 4 mm thick on
    average: area over half its perimeter); from 8 mm lateral on each sagittal section is one
    piece, at least 30 mm long down the bone (the S2-S4 span), under 9 mm thick."""
    sections = _origin_sections(model, lm, side)
    assert len(sections[0]) <= 3, f"{len(sections[0])} slips beside the foramina"
    for ring, area in sections[0]:
        length = 0.5 * np.linalg.norm(np.diff(ring, axis=0), axis=1).sum()
        assert area / length < 4.0, f"a digitation {area / length:.1f} mm thick: a knob"
    for loops in sections[2:]:
        assert len(loops) == 1, f"{len(loops)} separate slips at the origin, not one sheet"
        ring, area = loops[0]
        length = 0.5 * np.linalg.norm(np.diff(ring, axis=0), axis=1).sum()
        assert length > 30.0, f"the sheet is {length:.0f} mm long down the sacrum"
        assert area / length < 9.0, f"the sheet is {area / length:.1f} mm thick"


@pytest.mark.parametrize("side", SIDES)
def test_piriformis_ends_in_a_flattened_tendon(model, lm, side):
    """Its tendon, 12 mm back from its end on the greater trochanter, is a flattened cord
    (Gray's Anatomy 42nd ed.: a rounded tendon; flattened in dissection and the atlases, the
    stop-23 blind review: "a rounded rod" read wrong): 1.25-2.5 times as wide as thick, and no
    broader than 4 PIRIFORMIS_TENDON half-widths."""
    pir = model.mesh(f"piriformis_{side}")
    path = np.asarray(tip(model, f"piriformis_{side}", lm[f"greater_trochanter_{side}"], 0.08))
    v = pir.vertices
    end = v[np.argmin(np.linalg.norm(v - lm[f"greater_trochanter_{side}"], axis=1))]
    axis = path.mean(axis=0) - end
    axis /= np.linalg.norm(axis)
    at = end + axis * 12.0  # 12 mm back from its end
    cut = pir.section(plane_origin=at, plane_normal=axis)
    assert cut is not None
    ring = min(cut.discrete, key=lambda d: np.linalg.norm(d.mean(axis=0) - at))
    centred = ring - ring.mean(axis=0)
    spread = np.linalg.svd(centred, full_matrices=False)[1]
    assert 1.25 < spread[0] / spread[1] < 2.5, f"the tendon is {spread[0] / spread[1]:.1f}:1"
    width = 2 * np.abs(centred).max()
    assert width < 4.0 * P.PIRIFORMIS_TENDON[0], f"the tendon is {width:.1f} mm across"


@pytest.mark.parametrize("side", SIDES)
def test_piriformis_tendon_is_a_slim_cord_not_a_stump(model, lm, side):
    """Its tendon is a slim flattened cord (Gray's Anatomy 42nd ed.: a rounded tendon to the
    upper border of the greater trochanter): 12 mm back from its end it is under 2.5
    PIRIFORMIS_TENDON half-widths across in every direction, not the swollen stump its
    fascicles' union would make."""
    pir = model.mesh(f"piriformis_{side}")
    path = np.asarray(tip(model, f"piriformis_{side}", lm[f"greater_trochanter_{side}"], 0.08))
    v = pir.vertices
    end = v[np.argmin(np.linalg.norm(v - lm[f"greater_trochanter_{side}"], axis=1))]
    axis = path.mean(axis=0) - end
    axis /= np.linalg.norm(axis)
    at = end + axis * 12.0
    cut = pir.section(plane_origin=at, plane_normal=axis)
    assert cut is not None
    ring = min(cut.discrete, key=lambda d: np.linalg.norm(d.mean(axis=0) - at))
    centred = ring - ring.mean(axis=0)
    axes = np.linalg.svd(centred, full_matrices=False)[2][:2]
    across = float(np.ptp(centred @ axes[0]))
    assert across < 2.5 * P.PIRIFORMIS_TENDON[0], f"the tendon is {across:.1f} mm across"


@pytest.mark.parametrize("side", SIDES)
def test_piriformis_belly_is_flat(model, lm, side):
    """A flat, pyramidal muscle (Gray's Anatomy 42nd ed.), not a cylinder: where it leaves the
    greater sciatic notch and a third of the way on to the trochanter its section is at least
    1.8 times as wide as it is thick."""
    pir = model.mesh(f"piriformis_{side}")
    v = pir.vertices
    notch, gt = lm[f"greater_sciatic_notch_{side}"], lm[f"greater_trochanter_{side}"]
    axis = (gt - notch) / np.linalg.norm(gt - notch)
    for share in (0.0, 0.3):
        at = notch + share * (gt - notch)
        near = v[np.abs((v - at) @ axis) < 2.0]
        assert len(near), f"no belly {share:.0%} of the way from the notch to the trochanter"
        cut = pir.section(plane_origin=near.mean(axis=0), plane_normal=axis)
        assert cut is not None
        ring = max(cut.discrete, key=len)
        spread = np.linalg.svd(ring - ring.mean(axis=0), full_matrices=False)[1]
        assert spread[0] / spread[1] > 1.8, f"{spread[0] / spread[1]:.1f}:1 at {share:.0%}"


@pytest.mark.parametrize("side", SIDES)
def test_piriformis_passes_through_the_greater_sciatic_notch(model, lm, side):
    v = model.mesh(f"piriformis_{side}").vertices
    notch = lm[f"greater_sciatic_notch_{side}"]
    assert np.linalg.norm(v - notch, axis=1).min() < 4.0


# ---------------------------------------------------------------- back muscles (B.4)
@pytest.mark.parametrize("side", SIDES)
def test_multifidus_spans_the_dorsal_sacrum_to_l5(model, lm, side):
    assert len(footprint(model, f"multifidus_{side}", SACRUM)) > 10
    on_l5 = footprint(model, f"multifidus_{side}", ["l5_vertebra"])
    assert len(on_l5) > 10
    # on the back of the spine, beside the midline
    v = model.mesh(f"multifidus_{side}").vertices
    assert v[:, 1].mean() < lm[f"s1_posterior_foramen_{side}"][1]
    assert 0.0 < abs(v[:, 0].mean()) < 35.0


@pytest.mark.parametrize("side", SIDES)
def test_erector_spinae_lies_lateral_to_multifidus_and_is_cut_above_l5(model, lm, side):
    es = model.mesh(f"erector_spinae_{side}")
    mf = model.mesh(f"multifidus_{side}")
    assert abs(es.vertices[:, 0].mean()) > abs(mf.vertices[:, 0].mean()) + 5.0
    assert es.vertices[:, 1].mean() < lm["s1_endplate_center"][1] - 20.0  # behind the spine
    top = es.vertices[:, 2].max()
    assert top > model.mesh("l5_vertebra").vertices[:, 2].max()
    # a clean cut: many vertices on the top plane
    assert (es.vertices[:, 2] > top - 1.5).sum() > 20
    assert len(footprint(model, f"erector_spinae_{side}", SACRUM + (f"hip_bone_{side}",))) > 10


# ---------------------------------------------------------------- iliacus (iliopsoas)
@pytest.mark.parametrize("side", SIDES)
def test_iliacus_is_a_fan_in_the_iliac_fossa_joining_psoas_on_the_lesser_trochanter(
    model, lm, side
):
    il = model.mesh(f"iliacus_{side}")
    hip = model.mesh(f"hip_bone_{side}")
    v = il.vertices
    # a fan: broad where it arises along the crest, from the ASIS back towards the ala
    upper = v[v[:, 2] > lm[f"asis_{side}"][2]]
    assert np.ptp(upper[:, 1]) > 60.0, f"its origin spans {np.ptp(upper[:, 1]):.0f} mm"
    # it lies on the fossa: its surface no farther from the ilium than the fan is thick, its
    # inner face (a good share of the vertices) within a few mm
    near = surface_distance(upper, [hip])
    assert np.median(near) <= P.ILIACUS_THICKNESS[1] and (near < 4.0).mean() > 0.3
    # on the inner face of the wing (the fossa faces into the pelvis), not on its outer face
    sign = 1.0 if side == "right" else -1.0
    _, _, faces = hip.nearest.on_surface(upper[near < 4.0])
    facing = sign * hip.face_normals[faces][:, 0]
    assert np.mean(facing < 0) > 0.8, "it does not lie on the inner face of the ilium"
    # with psoas as iliopsoas to the lesser trochanter, lateral to psoas
    end = tip(model, f"iliacus_{side}", lm[f"lesser_trochanter_{side}"])
    assert np.linalg.norm(end.mean(axis=0) - lm[f"lesser_trochanter_{side}"]) < 30.0
    ps = model.mesh(f"psoas_major_{side}").vertices
    level = lm[f"asis_{side}"][2] - 20.0
    il_at = v[np.abs(v[:, 2] - level) < 4.0]
    ps_at = ps[np.abs(ps[:, 2] - level) < 4.0]
    assert sign * il_at[:, 0].mean() > sign * ps_at[:, 0].mean(), "not lateral to psoas"


@pytest.mark.parametrize("side", SIDES)
def test_iliacus_fills_the_fossa_lateral_to_psoas(model, lm, side):
    """It fills the iliac fossa: most of the wing's inner face above the ASIS that psoas does not
    cover has iliacus lying on it (a strip or a cord in the fossa would leave it bare)."""
    sign = 1.0 if side == "right" else -1.0
    hip = model.mesh(f"hip_bone_{side}")
    v, n = hip.vertices, hip.vertex_normals
    fossa = v[(v[:, 2] > lm[f"asis_{side}"][2]) & (-sign * n[:, 0] > 0.3)]
    fossa = fossa[surface_distance(fossa, [model.mesh(f"psoas_major_{side}")]) > 8.0]
    covered = surface_distance(fossa, [model.mesh(f"iliacus_{side}")]) < 4.0
    assert len(fossa) > 200 and covered.mean() > 0.4, f"it covers {covered.mean():.0%} of the fossa"


@pytest.mark.parametrize("side", SIDES)
def test_iliacus_converges_down_and_medially_bending_forward_over_the_brim(model, lm, side):
    """A fan converging on the lesser trochanter (not on the greater, like gluteus medius): broad
    in the fossa, narrow in front of the hip joint, its end medial to its lateral border; and
    bent forward over the brim: its most anterior part lies between the ASIS and the hip joint,
    well in front of both the fan and the lesser trochanter."""
    sign = 1.0 if side == "right" else -1.0
    v = model.mesh(f"iliacus_{side}").vertices
    asis, hip_centre = lm[f"asis_{side}"], lm[f"acetabulum_center_{side}"]
    lt = lm[f"lesser_trochanter_{side}"]

    def span(z):
        s = v[np.abs(v[:, 2] - z) < 3.0]
        return float(np.linalg.norm(np.ptp(s[:, :2], axis=0))), s

    fan = max(span(z)[0] for z in np.arange(asis[2], v[:, 2].max() - 5.0, 5.0))
    at_hip, _ = span(hip_centre[2])
    assert fan > 2.0 * at_hip, f"fan {fan:.0f} mm across, {at_hip:.0f} mm in front of the hip"
    lateral = (sign * v[v[:, 2] > asis[2] - 20.0][:, 0]).max()
    end = tip(model, f"iliacus_{side}", lt)
    assert lateral - sign * end[:, 0].mean() > 15.0, "its end is not medial to its lateral border"
    front = v[np.argmax(v[:, 1])]
    assert hip_centre[2] < front[2] < asis[2], f"most anterior at z={front[2]:.0f}"
    upper = v[v[:, 2] > asis[2]]
    assert front[1] - upper[:, 1].mean() > 40.0 and front[1] - lt[1] > 60.0


@pytest.mark.parametrize("side", SIDES)
def test_iliacus_is_a_thick_muscle_filling_the_fossa_not_a_shell(model, lm, side):
    """It fills the hollow of the fossa (Gray's Anatomy 42nd ed.), about 2 cm thick where its
    fibres gather above the brim and thinner up at the crest (ILIACUS_THICKNESS, constructed):
    its superficial surface above the ASIS stands well off the bone, not a thin shell on it."""
    il = model.mesh(f"iliacus_{side}")
    hip = model.mesh(f"hip_bone_{side}")
    v, n = il.vertices, il.vertex_normals
    upper = v[:, 2] > lm[f"asis_{side}"][2]
    closest, depth, _ = hip.nearest.on_surface(v[upper])
    away = ((v[upper] - closest) * n[upper]).sum(axis=1) > 0.5 * depth  # facing off the bone
    off = depth[away & (depth < 45.0)]
    assert np.median(off) > 12.0 and np.percentile(off, 90) > 18.0, (
        f"its surface stands {np.median(off):.1f} mm off the bone (median), "
        f"{np.percentile(off, 90):.1f} mm (90th percentile)"
    )


@pytest.mark.parametrize("side", SIDES)
def test_iliacus_leaves_the_greater_trochanter_uncovered_lateral_to_it(model, side):
    """In front of the hip the iliopsoas lies over the joint, medial to the greater trochanter,
    which stands out lateral to it seen from the front (Gray's Anatomy 42nd ed.): the iliacus
    keeps well medial of the most lateral point of the femur that faces forward (the front of the
    trochanter), at its height."""
    sign = 1.0 if side == "right" else -1.0
    femur = model.mesh(f"femur_{side}")
    front = femur.vertices[femur.vertex_normals[:, 1] > 0.5]
    widest = front[np.argmax(sign * front[:, 0])]
    il = model.mesh(f"iliacus_{side}").vertices
    level = il[np.abs(il[:, 2] - widest[2]) < 15.0]
    gap = sign * widest[0] - (sign * level[:, 0]).max() if len(level) else 0.0
    assert gap > ILIACUS_TROCHANTER_GAP, f"only {gap:.1f} mm medial of it"


# ---------------------------------------------------------------- all muscles and bone
MUSCLES = ids("muscles")


#: Where each muscle attaches (pelvis landmarks): the brief exempts attachment footprints
#: (within FOOTPRINT mm) from the 0.5 mm no-penetration tolerance.
ATTACHMENTS = {
    "psoas_major": ("lesser_trochanter",),
    "iliacus": ("lesser_trochanter",),
    "piriformis": ("s2_anterior_foramen", "greater_trochanter"),
    "multifidus": ("s2_posterior_foramen", "psis"),
    "erector_spinae": ("s2_posterior_foramen", "psis"),
}
FOOTPRINT = 25.0


@pytest.mark.parametrize("muscle", MUSCLES)
def test_muscle_belly_does_not_pass_through_bone(model, lm, muscle):
    side = BY_ID[muscle].side
    name = muscle.removesuffix(f"_{side}")
    v = model.mesh(muscle).vertices[::3]
    for a in ATTACHMENTS[name]:
        v = v[np.linalg.norm(v - lm[f"{a}_{side}"], axis=1) > FOOTPRINT]
    depth = max(depth_inside(v, model.mesh(b)).max() for b in BONES)
    assert depth <= 0.5, f"{muscle} lies {depth:.2f} mm inside bone"


ATTACHED_ENDS = [
    ("psoas_major", "lesser_trochanter", "femur"),
    ("piriformis", "greater_trochanter", "femur"),
    ("piriformis", "s2_anterior_foramen", "sacrum"),
    ("multifidus", "s2_posterior_foramen", "sacrum"),
]


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("muscle,landmark,bone", ATTACHED_ENDS)
def test_attached_muscle_ends_lie_on_bone(model, lm, side, muscle, landmark, bone):
    end = tip(model, f"{muscle}_{side}", lm[f"{landmark}_{side}"])
    bones = [model.mesh(b) for b in (SACRUM if bone == "sacrum" else [f"{bone}_{side}"])]
    assert surface_distance(end, bones).min() <= 2.0


# ---------------------------------------------------------------- piriformis spasm
@pytest.mark.parametrize("side", SIDES)
def test_piriformis_spasm_is_thicker_and_presses_on_the_sciatic_nerve(model, side):
    normal = model.mesh(f"piriformis_{side}")
    spasm = model.mesh(f"piriformis_spasm_{side}")
    assert spasm.volume > 1.3 * normal.volume, "spasm belly is not thicker"
    # same attachments: the ends of the two shapes coincide
    for a, b in zip(spasm.bounds, normal.bounds, strict=True):
        assert np.abs(a - b).max() < 12.0
    # pressing on the nerve: more of the nerve's surface lies against (or under) the tight muscle
    nerve = model.mesh(f"sciatic_nerve_{side}").vertices
    touching_normal = (surface_distance(nerve, [normal]) < 1.0).sum() + inside(normal, nerve).sum()
    touching_spasm = (surface_distance(nerve, [spasm]) < 1.0).sum() + inside(spasm, nerve).sum()
    assert touching_spasm > 1.5 * touching_normal, "the tight muscle does not press on the nerve"
