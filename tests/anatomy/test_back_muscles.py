"""Multifidus and erector spinae as a student sees them (issue 8 part 6): multifidus a fan of
fascicles from the L5 spinous process and lamina to the dorsal sacrum and the PSIS, filling the
gutter beside the spinous process; erector spinae rising from its aponeurosis over the sacrum and
the iliac crest, its columns cut above L5 by a clean section cap. Measured on the built meshes."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh
from scipy.ndimage import gaussian_filter1d
from scipy.signal import find_peaks

from tests.anatomy.tissue_geometry import surface_distance
from viewer.anatomy import parameters as P
from viewer.anatomy import section_caps
from viewer.vocabulary import SIDES

SACRUM = ("s1_segment", "sacrum_lower")
#: a muscle vertex this close to a bone is part of an attachment (as in test_muscles.py), mm
CONTACT = 2.0
#: least height of a ridge on the dorsal surface above the grooves beside it, mm
RIDGE = 0.5


def sign(side: str) -> float:
    return 1.0 if side == "right" else -1.0


def dorsal_profile(mesh: trimesh.Trimesh, side: str, z: float, xs: np.ndarray) -> np.ndarray:
    """How far behind the frontal plane the mesh's dorsal surface lies at height ``z``, at the
    lateral distances ``xs`` (NaN where a ray from behind misses it)."""
    origins = np.column_stack([sign(side) * xs, np.full(len(xs), -400.0), np.full(len(xs), z)])
    rays = np.tile([0.0, 1.0, 0.0], (len(xs), 1))
    hits, index, _ = mesh.ray.intersects_location(origins, rays, multiple_hits=True)
    out = np.full(len(xs), np.nan)
    for i in range(len(xs)):
        y = hits[index == i][:, 1]
        if len(y):
            out[i] = -y.min()
    return out


def ray_crossings(mesh: trimesh.Trimesh, x: float, z: float) -> np.ndarray:
    """Depths (behind the frontal plane) where a ray from behind at (x, z) crosses the surface,
    hindmost first."""
    hits, _, _ = mesh.ray.intersects_location([[x, -400.0, z]], [[0.0, 1.0, 0.0]])
    if not len(hits):  # (a miss: no crossings)
        return np.zeros(0)
    return np.sort(-hits[:, 1])[::-1]


def ridges(profile: np.ndarray, step: float) -> int:
    """Ridges of a dorsal profile standing at least RIDGE above the grooves on either side."""
    h = profile[np.isfinite(profile)]
    peaks, _ = find_peaks(h, prominence=RIDGE, distance=max(int(4.0 / step), 1))
    return len(peaks)


def spinous_process(model) -> np.ndarray:
    """The L5 vertices of the hinder half of its spinous process."""
    v = model.mesh("l5_vertebra").vertices
    tip = v[np.argmin(v[:, 1])]
    return v[(v[:, 1] < tip[1] + 16.0) & (np.abs(v[:, 0]) < 10.0)]


def lamina(model, side: str) -> np.ndarray:
    """The L5 vertices on the back of one lamina: beside the spinous process's root, behind the
    canal."""
    v = model.mesh("l5_vertebra").vertices
    xl = sign(side) * v[:, 0]
    tip = v[np.argmin(v[:, 1])]
    return v[(xl > 6.0) & (xl < 16.0) & (v[:, 1] < -14.0) & (v[:, 2] > tip[2] - 6.0)]


def near(muscle: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Distance from each point to the muscle's nearest vertex."""
    from scipy.spatial import cKDTree

    return cKDTree(muscle).query(points)[0]


# ---------------------------------------------------------------- multifidus
@pytest.mark.parametrize("side", SIDES)
def test_multifidus_shows_fascicle_ridges_fanning_across_the_sacrum(model, lm, side):
    mf = model.mesh(f"multifidus_{side}")
    step = 0.5
    xs = np.arange(4.0, sign(side) * lm[f"psis_{side}"][0], step)
    for z in (lm[f"s2_posterior_foramen_{side}"][2] + d for d in (-8.0, 0.0, 8.0)):
        found = ridges(dorsal_profile(mf, side, z, xs), step)
        assert found >= 3, f"{found} fascicle ridges across the sacrum at z={z:.0f}"


@pytest.mark.parametrize("side", SIDES)
def test_multifidus_arises_from_the_l5_spinous_process_and_lamina(model, side):
    v = model.mesh(f"multifidus_{side}").vertices
    on_side = v[sign(side) * v[:, 0] > 0]
    assert len(on_side) == len(v), "multifidus crosses the midline"
    spinous = spinous_process(model)
    spinous = spinous[sign(side) * spinous[:, 0] > 0]  # its face toward this side
    gap = near(v, spinous)
    assert gap.min() <= CONTACT + 1.0, f"{gap.min():.1f} mm from the spinous process"
    assert (gap < CONTACT + 1.0).sum() >= 20, "it lies against the spinous process only at a point"
    gap = near(v, lamina(model, side))
    assert gap.min() <= CONTACT + 1.0, f"{gap.min():.1f} mm from the L5 lamina"


@pytest.mark.parametrize("side", SIDES)
def test_multifidus_fills_the_gutter_to_the_spinous_tip(model, side):
    """Beside the spinous process it fills the gutter from the lamina to about the level of the
    tip (which stays palpable): its dorsal surface lies within 5 mm of the tip's depth."""
    mf = model.mesh(f"multifidus_{side}")
    spinous = spinous_process(model)
    tip = spinous[np.argmin(spinous[:, 1])]
    xs = np.arange(6.0, 16.0, 1.0)
    h = dorsal_profile(mf, side, tip[2], xs)
    assert np.isfinite(h).all(), "no multifidus beside the spinous tip"
    assert np.abs(h.max() - (-tip[1])) <= 5.0, f"surface {h.max():.0f} mm, tip {-tip[1]:.0f} mm"
    crossings = ray_crossings(mf, sign(side) * 10.0, tip[2])
    assert crossings[0] - crossings[-1] >= 20.0, "a thin layer, not a muscle filling the gutter"


@pytest.mark.parametrize("side", SIDES)
def test_multifidus_inserts_on_the_dorsal_sacrum_over_the_foramina_and_the_medial_psis(
    model, lm, side
):
    mf = model.mesh(f"multifidus_{side}")
    v = mf.vertices
    sacrum = [model.mesh(b) for b in SACRUM]
    for name in ("s1_posterior_foramen", "s2_posterior_foramen"):
        f = lm[f"{name}_{side}"]
        around = v[np.linalg.norm(v - f, axis=1) < 15.0]
        assert (surface_distance(around, sacrum) < CONTACT).sum() > 10, (
            f"not on the sacrum at {name}"
        )
        assert len(ray_crossings(mf, f[0], f[2])), f"does not lie over the {name}"
    # down the sacrum past S3: at least one foramen step (S1 to S2) on beyond the S2 foramen
    s1, s2 = lm[f"s1_posterior_foramen_{side}"], lm[f"s2_posterior_foramen_{side}"]
    step = np.linalg.norm(s2 - s1)
    reach = ((v - s2) @ ((s2 - s1) / step)).max()
    assert reach > step, f"reaches {reach:.0f} mm down the sacrum past S2, S3 lies {step:.0f} on"
    # on the medial side of the PSIS, not over it
    psis = lm[f"psis_{side}"]
    hip = [model.mesh(f"hip_bone_{side}")]
    around = v[np.linalg.norm(v - psis, axis=1) < 15.0]
    on_psis = around[surface_distance(around, hip) < CONTACT + 1.0]
    assert len(on_psis) > 10, "multifidus does not reach the PSIS"
    assert (sign(side) * on_psis[:, 0] < sign(side) * psis[0]).mean() > 0.9, "not medial to it"


def lateral_reach(mesh: trimesh.Trimesh, side: str, z: float, shares) -> np.ndarray:
    """How far from the midline the section at height ``z`` reaches at each depth share of its
    lateral part (0: the deepest point within 10 mm of its lateral border, 1: its hindmost point),
    mm."""
    sec = mesh.section(plane_origin=[0.0, 0.0, z], plane_normal=[0.0, 0.0, 1.0])
    assert sec is not None, f"no section at z={z:.0f}"
    pairs = np.vstack([np.column_stack([e.points[:-1], e.points[1:]]) for e in sec.entities])
    a, b = sec.vertices[pairs[:, 0]], sec.vertices[pairs[:, 1]]
    xa, xb, ha, hb = sign(side) * a[:, 0], sign(side) * b[:, 0], -a[:, 1], -b[:, 1]
    x, h = np.concatenate([xa, xb]), np.concatenate([ha, hb])
    lo, hi = h[x > x.max() - 10.0].min(), h.max()
    out = []
    for share in shares:
        level = lo + share * (hi - lo)
        cross = (ha - level) * (hb - level) <= 0.0
        t = (level - ha[cross]) / np.where(hb[cross] == ha[cross], 1e-9, hb[cross] - ha[cross])
        out.append(float((xa[cross] + t * (xb[cross] - xa[cross])).max()))
    return np.array(out)


@pytest.mark.parametrize("side", SIDES)
def test_multifidus_lateral_face_is_convex_and_rounded(model, side):
    """Its section is a rounded triangle: flat against the spinous process, its lateral face
    (against the erector spinae) convex, rounding over from the bone to its dorsal surface, not a
    wall standing on the bone (the walled slab reached within 1 mm as far at four fifths of its
    depth as at one fifth)."""
    mf = model.mesh(f"multifidus_{side}")
    tip = spinous_process(model)[:, 2].max()
    for z in (tip - 14.0, tip - 28.0):  # between the L5 spinous process and the PSIS
        deep, mid, dorsal = lateral_reach(mf, side, z, (0.2, 0.5, 0.8))
        assert dorsal <= deep - 4.0, f"a wall at z={z:.0f}: {deep:.1f} / {dorsal:.1f} mm"
        assert mid >= 0.5 * (deep + dorsal) - 0.5, f"the lateral face is hollow at z={z:.0f}"


def ridge_slopes(mesh: trimesh.Trimesh, side: str, z_hi: float, z_lo: float) -> np.ndarray:
    """How far each fascicle ridge moves laterally per mm down from ``z_hi`` to ``z_lo``, from
    the medial ridge to the lateral one (each ridge matched to the next one down the slope)."""
    step = 0.5
    xs = np.arange(4.0, 50.0, step)
    found = []
    for z in (z_hi, z_lo):
        h = dorsal_profile(mesh, side, z, xs)
        ok = np.isfinite(h)
        peaks, _ = find_peaks(h[ok], prominence=RIDGE, distance=int(4.0 / step))
        found.append(xs[ok][peaks])
    upper, lower = found
    slopes, taken = [], set()
    for x in upper:
        shift = lower - x
        free = [i for i in range(len(lower)) if i not in taken and shift[i] > -2.0]
        if free:
            i = min(free, key=lambda k: shift[k])
            taken.add(i)
            slopes.append(shift[i] / (z_hi - z_lo))
    return np.array(slopes)


@pytest.mark.parametrize("side", SIDES)
def test_multifidus_fascicles_diverge_caudolaterally(model, lm, side):
    """A fan from the spinous process, not parallel bands: going down the sacrum the medial
    fascicles run nearly straight down and each one further out turns more laterally (the
    parallel slanted bands of the old slab differed by 0.16 mm/mm)."""
    mf = model.mesh(f"multifidus_{side}")
    z2 = lm[f"s2_posterior_foramen_{side}"][2]
    slopes = ridge_slopes(mf, side, z2 + 18.0, z2)
    assert len(slopes) >= 3, f"{len(slopes)} fascicles followed down the sacrum"
    assert np.all(np.diff(slopes) > -0.05), f"fascicles cross: {np.round(slopes, 2)}"
    # (s29: its bands run nearly parallel down from the cut and fan out lower, over the sacrum)
    assert slopes[-1] - slopes[0] >= 0.18, f"nearly parallel: {np.round(slopes, 2)}"
    assert abs(slopes[0]) < 0.1, f"the medial fascicle leaves the spinous line: {slopes[0]:.2f}"


# ---------------------------------------------------------------- erector spinae
def sheet_slope_cosine(mesh: trimesh.Trimesh, x: float, z: float, step: float = 2.0) -> float:
    """Cosine of the angle between a one-layer sheet's normal at (x, z) and a ray from behind:
    from the slope of its mid-surface (halfway between its faces, so its ribs do not count)
    over ``step`` mm to either side and up and down."""

    def mid(px: float, pz: float) -> float:
        c = ray_crossings(mesh, px, pz)
        assert len(c) == 2, f"{len(c) // 2} layers at x={px:.0f}, z={pz:.0f}"
        return 0.5 * (c[0] + c[1])

    gx = (mid(x + step, z) - mid(x - step, z)) / (2 * step)
    gz = (mid(x, z + step) - mid(x, z - step)) / (2 * step)
    return float(1.0 / np.sqrt(1.0 + gx**2 + gz**2))


@pytest.mark.parametrize("side", SIDES)
def test_erector_spinae_aponeurosis_is_broad_over_the_dorsal_sacrum(model, lm, side):
    """A broad tendinous sheet, not a strip: at S2 it covers the dorsal sacrum in one layer from
    beside the median crest out to the line of the PSIS, and 14 mm lower (about S3) it still
    spans the sacrum from the median crest to beyond the lateral crest (Gray's Anatomy: it is
    attached to the median and lateral sacral crests and the posterior iliac crest)."""
    es = model.mesh(f"erector_spinae_{side}")
    z2 = lm[f"s2_posterior_foramen_{side}"][2]
    psis = sign(side) * lm[f"psis_{side}"][0]
    for z, reach in ((z2, 0.9 * psis), (z2 - 14.0, 0.65 * psis)):
        for xl in np.arange(4.0, reach, 2.0):
            layers = len(ray_crossings(es, sign(side) * xl, z)) // 2
            assert layers == 1, f"{layers} layers at x'={xl:.0f}, z={z:.0f} (to {reach:.0f})"


@pytest.mark.parametrize("side", SIDES)
def test_erector_spinae_aponeurosis_is_a_thick_sheet_over_the_sacrum_and_multifidus(
    model, lm, side
):
    """Its thickness is measured across the sheet (a ray from behind crosses it obliquely where
    it slopes down over multifidus's lateral edge, and reads it thicker by the slope's secant)."""
    es = model.mesh(f"erector_spinae_{side}")
    mf = model.mesh(f"multifidus_{side}")
    z = lm[f"s2_posterior_foramen_{side}"][2]
    want = P.ERECTOR_SPINAE_APONEUROSIS_THICKNESS
    for xl in (8.0, 16.0, 24.0):
        x = sign(side) * xl
        sheet = ray_crossings(es, x, z)
        assert len(sheet) == 2, f"{len(sheet) // 2} layers of erector at x'={xl:.0f}"
        thickness = (sheet[0] - sheet[1]) * sheet_slope_cosine(es, x, z)
        assert abs(thickness - want) <= 1.0, f"aponeurosis {thickness:.1f} mm thick at x'={xl}"
        under = ray_crossings(mf, x, z)
        # (over a groove between fascicles, or the deeper cleft between two bands, it bridges)
        cleft = P.MULTIFIDUS_TILE[0]
        assert len(under) and 0.0 < sheet[1] - under[0] < 3.0 + cleft, (
            "the aponeurosis does not lie on multifidus"
        )


@pytest.mark.parametrize("side", SIDES)
def test_erector_spinae_rises_from_the_sacrum_and_the_iliac_crest(model, lm, side):
    v = model.mesh(f"erector_spinae_{side}").vertices
    psis = lm[f"psis_{side}"]
    hip = [model.mesh(f"hip_bone_{side}")]
    around = v[np.linalg.norm(v - psis, axis=1) < 25.0]
    assert (surface_distance(around, hip) < CONTACT + 1.0).sum() > 10, "not on the iliac crest"
    # on the sacrum: its thin lower border, attached beside the median crest, touches the bone
    # along a line (some 10-25 vertices at this mesh's density; stop 28's U-shaped border meets
    # the bone along its medial third only, where the sacrum is broad: laterally it rises)
    on_sacrum = surface_distance(v, [model.mesh(b) for b in SACRUM]) < CONTACT + 1.0
    assert on_sacrum.sum() >= 6, "not on the sacrum"


@pytest.mark.parametrize("side", SIDES)
def test_erector_spinae_columns_run_up_in_bundles_to_a_clean_cap_above_l5(model, side):
    es = model.mesh(f"erector_spinae_{side}")
    l5_top = model.mesh("l5_vertebra").bounds[1][2]
    # columns: bundles show as ridges on their back above L5
    xs = np.arange(10.0, 90.0, 0.5)
    found = ridges(dorsal_profile(es, side, l5_top + 12.0, xs), 0.5)
    assert found >= 2, f"{found} bundles on the columns above L5"
    caps = section_caps.cap_faces(es.faces, section_caps.cut_flags(es), es.face_normals)
    area = es.area_faces[caps].sum() / 100.0
    assert 8.0 <= area <= 20.0, f"cap of {area:.1f} cm²"
    corners = es.vertices[es.faces[caps]].reshape(-1, 3)
    assert corners[:, 2].min() > l5_top, "the cut is not above L5"
    centre = corners.mean(axis=0)
    normal = np.linalg.svd(corners - centre)[2][2]
    assert np.abs((corners - centre) @ normal).max() < 1.0, "the cap is not flat"
    assert corners[:, 2].mean() > es.vertices[:, 2].max() - 10.0, "the cap is not its top"


@pytest.mark.parametrize("side", SIDES)
def test_erector_spinae_columns_are_rounded_with_the_bundles_as_ridges(model, side):
    """Each column's section is an oval, not a flat-backed block: its middle bundle stands out
    behind the bundles at its sides (across the back just under the cap)."""
    es = model.mesh(f"erector_spinae_{side}")
    l5_top = model.mesh("l5_vertebra").bounds[1][2]
    xs = np.arange(10.0, 90.0, 0.5)
    h = dorsal_profile(es, side, l5_top + 8.0, xs)
    h = h[np.isfinite(h)]
    peaks, _ = find_peaks(h, prominence=RIDGE, distance=int(4.0 / 0.5))
    assert len(peaks) >= 2, f"{len(peaks)} columns"
    top2 = np.sort(peaks[np.argsort(h[peaks])[-2:]])
    # the groove between longissimus and iliocostalis: the deepest point between their crests
    groove = top2[0] + int(np.argmin(h[top2[0] : top2[1]]))
    reach = int(6.0 / 0.5)  # about the width of one bundle to either side of the crest
    for lo, hi in ((0, groove), (groove, len(h))):
        crest = lo + int(np.argmax(h[lo:hi]))
        sides = h[[max(crest - reach, 0), min(crest + reach, len(h) - 1)]]
        drop = float(h[crest] - sides.max())
        assert drop >= 1.5, f"the column's back falls only {drop:.1f} mm beside its crest"


@pytest.mark.parametrize("side", SIDES)
def test_erector_spinae_swells_up_from_its_aponeurosis_and_leans_out(model, side):
    """Not a vertical prism: thin where it rises from the aponeurosis by the PSIS (its section
    there mostly the sheet, which runs on medially over multifidus), it swells into its belly
    toward the cut (its section at least twice as large there; the prism's was 0.83 as large
    low down), its lateral border (iliocostalis) leaning out as it rises (the prism's 6.8 mm)."""
    es = model.mesh(f"erector_spinae_{side}")
    l5_top = model.mesh("l5_vertebra").bounds[1][2]
    spans, areas = [], []
    for z in (l5_top - 38.0, l5_top + 8.0):
        sec = es.section(plane_origin=[0.0, 0.0, z], plane_normal=[0.0, 0.0, 1.0])
        assert sec is not None, f"no section at z={z:.0f}"
        x = sign(side) * sec.vertices[:, 0]
        spans.append((x.min(), x.max()))
        areas.append(section_area(es, np.array([0.0, 0.0, z]), np.array([0.0, 0.0, 1.0])))
    (_, lo_lat), (_, hi_lat) = spans
    ratio = areas[0] / areas[1]
    assert ratio <= 0.6, f"its section low down {ratio:.2f} of that below the cut"
    assert hi_lat - lo_lat >= 9.0, f"its lateral border leans out {hi_lat - lo_lat:.1f} mm"


@pytest.mark.parametrize("side", SIDES)
def test_multifidus_is_cut_above_l5_by_a_cap(model, side):
    """It runs on up the spine: its top is a flat section above L5, not a ragged end, and an
    oblique one across the column (rising behind), not a box cut square (s25b blind review)."""
    mf = model.mesh(f"multifidus_{side}")
    l5_top = model.mesh("l5_vertebra").bounds[1][2]
    caps = section_caps.cap_faces(mf.faces, section_caps.cut_flags(mf), mf.face_normals)
    area = mf.area_faces[caps].sum() / 100.0
    # (a wedge converging on the spinous process: some 18 mm wide by 25 mm deep at the cut,
    # its rim rounded; the old beam's cap, 31 mm wide, was over 3 cm²)
    assert area >= 2.0, f"cap of {area:.1f} cm²"
    corners = mf.vertices[mf.faces[caps]].reshape(-1, 3)
    assert corners[:, 2].min() > l5_top, "the cut is not above L5"
    centre = corners.mean(axis=0)
    normal = np.linalg.svd(corners - centre)[2][2]
    normal = normal if normal[2] > 0 else -normal
    assert np.abs((corners - centre) @ normal).max() < 1.0, "the cap is not flat"
    tilt = np.degrees(np.arccos(normal[2]))
    assert 10.0 <= tilt <= 30.0, f"the cut is {tilt:.0f} degrees off level"
    assert normal[1] > 0.0, "the cut does not rise behind"


# ---------------------------------------------------------------- tendon sheet and caps
def sheet_thickness(mesh: trimesh.Trimesh, side: str, z: float) -> float:
    """Mean thickness of a one-layer sheet along rays from behind at height ``z``, over a band
    beside the median crest (x' 6 to 12 mm: about one spacing of its fibre ribs), mm."""
    out = []
    for xl in np.arange(6.0, 12.01, 0.5):
        c = ray_crossings(mesh, sign(side) * xl, z)
        assert len(c) == 2, f"{len(c) // 2} layers at x'={xl:.1f}, z={z:.0f}"
        out.append(c[0] - c[1])
    return float(np.mean(out))


@pytest.mark.parametrize("side", SIDES)
def test_erector_spinae_aponeurosis_thins_to_its_lower_border_and_is_thinner_than_the_belly(
    model, lm, side
):
    """A tendinous sheet tapering to its attachment on the lower sacrum, not a cut blade of even
    thickness; the fleshy columns above it are many times thicker."""
    es = model.mesh(f"erector_spinae_{side}")
    v = es.vertices
    band = v[(sign(side) * v[:, 0] > 6.0) & (sign(side) * v[:, 0] < 12.0)]
    lowest = band[:, 2].min()
    at_s2 = sheet_thickness(es, side, lm[f"s2_posterior_foramen_{side}"][2])
    low = sheet_thickness(es, side, lowest + 6.0)
    assert low < 0.85 * at_s2, f"{low:.1f} mm by its lower border, {at_s2:.1f} mm at S2"
    l5_top = model.mesh("l5_vertebra").bounds[1][2]
    belly = max(
        np.ptp(c) if len(c) else 0.0
        for c in (ray_crossings(es, sign(side) * xl, l5_top) for xl in np.arange(20.0, 70.0, 2.0))
    )
    assert belly > 4.0 * at_s2, f"belly {belly:.0f} mm deep, aponeurosis {at_s2:.1f} mm"


@pytest.mark.parametrize("side", SIDES)
def test_erector_spinae_aponeurosis_shows_its_fibres_as_a_subtle_texture(model, lm, side):
    """Its dorsal face is finely ribbed along its fibres (running down to the median crest), as a
    tendinous sheet looks, not smooth as a cut plate, but only as a texture: across the sheet
    (its profile less its 3 mm Gaussian smoothing) at least 3 ribs of 0.2 mm or more, their
    median under 0.8 mm. (Ribs 1.5-2.8 mm deep, the s27 mesh's, read as "deep parallel drapery
    folds", "a brick wrapped in a curtain": blind reviews s27 and s28.) Measured across the
    sheet from beside the median crest out to 0.85 of the PSIS's distance from the midline,
    where the sheet spans the sacrum (at S2 it covers it out to 0.9 of it): the stop-33 window,
    x' 3 to 30 mm, held only 3.5 rib spacings, so one rib flattened at its edge by a slightly
    stouter L5 transverse process (branch s33-l5) left 2 of the 3 asked."""
    es = model.mesh(f"erector_spinae_{side}")
    step = 0.5
    xs = np.arange(3.0, 0.85 * sign(side) * lm[f"psis_{side}"][0], step)
    for z in (lm[f"s2_posterior_foramen_{side}"][2] + d for d in (-10.0, 0.0)):
        h = dorsal_profile(es, side, z, xs)
        h = h[np.isfinite(h)]
        fine = h - gaussian_filter1d(h, 3.0 / step, mode="nearest")
        _, found = find_peaks(fine, prominence=0.2, distance=int(4.0 / step))
        ribs = found["prominences"]
        assert len(ribs) >= 3, f"{len(ribs)} fibre ribs across the aponeurosis at z={z:.0f}"
        assert np.median(ribs) < 0.8, f"its fibre ribs {np.round(ribs, 1)} mm deep: folds"


def section_area(mesh: trimesh.Trimesh, origin: np.ndarray, normal: np.ndarray) -> float:
    """Area of the closed mesh's section by a plane, mm²: its outline's segments turned so that
    the surface's outward normal lies on their right, then the shoelace sum."""
    segs, faces = trimesh.intersections.mesh_plane(mesh, normal, origin, return_faces=True)
    assert len(segs), "the plane misses the mesh"
    a, b = segs[:, 0] - origin, segs[:, 1] - origin
    outward = mesh.face_normals[faces]
    flip = (np.cross(b - a, normal) * outward).sum(axis=1) < 0
    a[flip], b[flip] = b[flip].copy(), a[flip].copy()
    return float(0.5 * (np.cross(a, b) @ normal).sum())


@pytest.mark.parametrize(
    "sid", [f"{m}_{s}" for m in ("multifidus", "erector_spinae") for s in SIDES]
)
def test_section_caps_have_a_rounded_rim(model, sid):
    """The cut reads as a section across a rounded fleshy belly, not a square-cut slab: the flat
    cap is set in from the belly's outline, whose rim rounds over onto it (the section 2 mm below
    the cap is clearly larger than the cap; a square-cut end measured 0.83 to 0.89)."""
    mesh = model.mesh(sid)
    caps = section_caps.cap_faces(mesh.faces, section_caps.cut_flags(mesh), mesh.face_normals)
    assert caps.any(), "no cap"
    corners = mesh.vertices[mesh.faces[caps]].reshape(-1, 3)
    centre = corners.mean(axis=0)
    normal = np.linalg.svd(corners - centre)[2][2]
    normal = normal if normal[2] > 0 else -normal
    cap = mesh.area_faces[caps].sum()
    below = section_area(mesh, centre - 2.0 * normal, normal)
    assert cap < 0.8 * below, f"cap {cap / 100:.1f} cm², section below {below / 100:.1f} cm²"
