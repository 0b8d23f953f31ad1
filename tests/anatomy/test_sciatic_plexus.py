"""The sacral plexus as an atlas draws it (issue 8; Netter, "Sacral and coccygeal plexuses";
Gray's Anatomy 42nd ed.): the lumbosacral trunk and the S1-S3 ventral rami converging across the
front of piriformis as separate round cords, united only near the lower part of the greater
sciatic foramen into one flat band whose apex is the sciatic nerve below it, with its branches
leaving the sheet
(superior and inferior gluteal, posterior femoral cutaneous and pudendal nerves) as short cut
stubs ("short finger-like stubs splayed like a hand", blind review s37)."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from tests.anatomy.nerve_geometry import below_piriformis
from tests.anatomy.tissue_geometry import surface_distance
from viewer.anatomy import parameters as P
from viewer.anatomy import section_caps
from viewer.vocabulary import SIDES


def _ramus_cuts(model, mesh: trimesh.Trimesh) -> np.ndarray:
    """The centres of the sacral rami's cuts in their foramina: the section caps of ``mesh``
    within 4 mm of the sacrum (the branch stubs' and the roots' cords' cuts lie away from it)."""
    sacrum = [model.mesh("s1_segment"), model.mesh("sacrum_lower")]
    centres = []
    for patch in _cap_patches(mesh):
        area = mesh.area_faces[patch]
        centres.append((mesh.triangles_center[patch] * area[:, None]).sum(0) / area.sum())
    centres_ = np.array(centres).reshape(-1, 3)
    return centres_[surface_distance(centres_, sacrum) <= 4.0]


def _sheet(model, lm, side: str):
    """The sheet's frame and the nerve's surface in it: surface points (sampled) as (down the
    sheet from the plexus point towards the apex below piriformis, across it, through it), the
    apex's distance down and the S2 anterior foramen's. The points within
    ``SCIATIC_PLEXUS_WEBBED_BELOW_S2`` mm of a ramus's cut in its foramen are left out: each
    ramus's first centimetre is a cord, not the sheet (S3's foramen lies lower than S2's, so
    that its cord, turning back into its foramen out of the sheet's plane, crosses the first
    lines across the sheet: s42, a 5.1 mm "slit" that was S3's cord leaving the slab)."""
    mesh: trimesh.Trimesh = model.mesh(f"sciatic_nerve_{side}")
    cl, k = below_piriformis(model, lm, side)
    top, apex = cl[0], cl[k]
    down = (apex - top) / np.linalg.norm(apex - top)
    pts = trimesh.sample.sample_surface(mesh, 40000, seed=5)[0]
    near = pts[np.linalg.norm(pts - top, axis=1) < P.SCIATIC_PLEXUS_REACH]
    normal = np.linalg.svd(near - near.mean(0), full_matrices=False)[2][2]
    normal -= (normal @ down) * down
    normal /= np.linalg.norm(normal)
    across = np.cross(normal, down)
    rel = pts - top
    frame = np.stack([rel @ down, rel @ across, rel @ normal], axis=1)
    cuts = _ramus_cuts(model, mesh)
    if len(cuts):
        gap = np.linalg.norm(pts[:, None, :] - cuts[None], axis=2).min(axis=1)
        frame = frame[gap > P.SCIATIC_PLEXUS_WEBBED_BELOW_S2]
    s2 = float((lm[f"s2_anterior_foramen_{side}"] - top) @ down)
    return frame, float(np.linalg.norm(apex - top)), s2


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_is_one_webbed_sheet_narrowing_to_its_apex(model, lm, side):
    """Over the second half of the way from the plexus point (where S1 joins the band) to its
    apex below piriformis (short of the last 4 mm, where branches leave it) the plexus is one
    sheet: each line across it (every 3 mm) meets the nerve without a gap of more than 2 mm (no
    slit between its cords where they unite), and from its widest line its width narrows towards
    the apex (never growing by more than ``SCIATIC_SHEET_WIDENING_SLACK`` from one line to the
    next): a triangle, not fingers splayed from a palm.

    (s45: checked from halfway to the apex, no longer from ``SCIATIC_PLEXUS_WEBBED_BELOW_S2`` mm
    below the S2 foramen: Gray's Anatomy 42nd ed. (the sacral plexus): the lumbosacral trunk
    and the S1-S3 ventral rami converge across the front of piriformis as separate cords and
    unite only near the lower part of the greater sciatic foramen; webbed from 1 cm out of their
    foramina the plexus read as "a webbed sheet with finger-like spikes", blind review s44 2/2.
    Above the plexus point the cords are separate: test_sacral_plexus_rami_converge_as_separate
    _round_cords.)"""
    frame, apex, _ = _sheet(model, lm, side)
    slab = np.abs(frame[:, 2]) < P.SCIATIC_PLEXUS_MAX_THICKNESS
    widths = []
    for level in np.arange(0.5 * apex, apex - 4.0, 3.0):
        xs = np.sort(frame[slab & (np.abs(frame[:, 0] - level) < 0.5), 1])
        assert len(xs) > 2, f"nothing {level:.0f} mm down the sheet"
        gaps = np.diff(xs)
        assert gaps.max() <= 2.0, f"a slit {gaps.max():.1f} mm wide {level:.0f} mm down"
        widths.append(float(xs[-1] - xs[0]))
    rise = float(np.diff(widths[int(np.argmax(widths)) :]).max(initial=0.0))
    assert rise <= P.SCIATIC_SHEET_WIDENING_SLACK, f"widens by {rise:.1f}: {np.round(widths, 1)}"


def _cap_patches(mesh: trimesh.Trimesh) -> list[np.ndarray]:
    """The section caps of ``mesh``, each as the indices of its connected faces."""
    cap = np.flatnonzero(
        section_caps.cap_faces(mesh.faces, section_caps.cut_flags(mesh), mesh.face_normals)
    )
    pairs = mesh.face_adjacency
    both = np.isin(pairs[:, 0], cap) & np.isin(pairs[:, 1], cap)
    return [np.asarray(c) for c in trimesh.graph.connected_components(pairs[both], nodes=cap)]


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_branches_leave_the_sheet_as_cut_stubs(model, side):
    """The plexus's branches (superior and inferior gluteal, posterior femoral cutaneous,
    pudendal: Gray's Anatomy 42nd ed.) leave it as short stubs ending in flat cuts: at least
    ``SCIATIC_MIN_BRANCHES`` section caps ``SCIATIC_BRANCH_DIAMETER`` mm across (as a circle of
    their area), away from the sacrum (not the rami's cuts at their foramina) and from the
    roots (not the cuts of the roots' cords), ending ``SCIATIC_BRANCH_REACH`` mm from the nerve's
    centreline (a short stub, not a nub; further out: a ramus's cut in its foramen's tunnel)."""
    mesh: trimesh.Trimesh = model.mesh(f"sciatic_nerve_{side}")
    cl = model.centerline(f"sciatic_nerve_{side}")
    roots = np.vstack([model.centerline(f"{r}_{side}") for r in ("l5_nerve_root", "s1_nerve_root")])
    sacrum = [model.mesh("s1_segment"), model.mesh("sacrum_lower")]
    lo, hi = P.SCIATIC_BRANCH_DIAMETER
    near, far = P.SCIATIC_BRANCH_REACH
    stubs = []
    for patch in _cap_patches(mesh):
        area = float(mesh.area_faces[patch].sum())
        centre = (mesh.triangles_center[patch] * mesh.area_faces[patch, None]).sum(0) / area
        across = 2.0 * np.sqrt(area / np.pi)
        off_root = np.linalg.norm(roots - centre, axis=1).min() > 6.0
        off_bone = surface_distance(centre[None], sacrum)[0] > 4.0
        out = float(np.linalg.norm(cl - centre, axis=1).min())
        if lo <= across <= hi and off_root and off_bone and near <= out <= far:
            stubs.append(out)
    assert len(stubs) >= P.SCIATIC_MIN_BRANCHES, f"{len(stubs)} branch stubs: {np.round(stubs, 1)}"


def _outlines_across(mesh: trimesh.Trimesh, point, normal, reach: float) -> list[np.ndarray]:
    """The separate outlines where the plane through ``point`` (unit ``normal``) cuts ``mesh``,
    those with their centre within ``reach`` mm of ``point``."""
    sec = mesh.section(plane_origin=point, plane_normal=normal)
    loops = [] if sec is None else [np.asarray(d) for d in sec.discrete]
    out = []
    for lp in loops:
        if np.linalg.norm(lp.mean(0) - point) >= reach:
            continue
        # (sampled every 0.2 mm along its edges: a decimated mesh's crossings lie far apart)
        a, b = lp[:-1], lp[1:]
        n = np.maximum(np.ceil(np.linalg.norm(b - a, axis=1) / 0.2), 1).astype(int)
        out.append(
            np.vstack(
                [
                    p + np.linspace(0, 1, m, endpoint=False)[:, None] * (q - p)
                    for p, q, m in zip(a, b, n, strict=True)
                ]
            )
        )
    return out


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_rami_converge_as_separate_round_cords(model, lm, side):
    """The lumbosacral trunk and the S1 and S2 ventral rami converge across the front of
    piriformis as separate round cords and unite only near the lower part of the greater sciatic
    foramen (Gray's Anatomy 42nd ed., the sacral plexus), not a sheet webbed from their foramina
    ("a webbed sheet with finger-like spikes", blind review s44): a plane square to the nerve's
    first course ``SCIATIC_PLEXUS_CORDS_SECTION`` mm above the plexus point (about halfway up
    the cords) meets at least three separate outlines, each at most
    ``SCIATIC_PLEXUS_CORD_MAX_FLATTENING`` times as wide as it is thick, with clefts at least
    ``SCIATIC_PLEXUS_MIN_CLEFT`` mm wide between each and its nearest neighbour."""
    mesh: trimesh.Trimesh = model.mesh(f"sciatic_nerve_{side}")
    cl, k = below_piriformis(model, lm, side)
    down = (cl[k] - cl[0]) / np.linalg.norm(cl[k] - cl[0])
    point = cl[0] - P.SCIATIC_PLEXUS_CORDS_SECTION * down
    loops = _outlines_across(mesh, point, down, 2.0 * P.SCIATIC_PLEXUS_REACH)
    assert len(loops) >= 3, f"{len(loops)} outline(s) {P.SCIATIC_PLEXUS_CORDS_SECTION} mm up"
    for lp in loops:
        c = lp - lp.mean(0)
        axes = np.linalg.svd(c, full_matrices=False)[2]
        wide, thick = float(np.ptp(c @ axes[0])), float(np.ptp(c @ axes[1]))
        assert wide <= P.SCIATIC_PLEXUS_CORD_MAX_FLATTENING * thick, f"{wide:.1f} x {thick:.1f}"
    for i, lp in enumerate(loops):
        cleft = min(
            float(np.linalg.norm(lp[:, None] - other[None], axis=2).min())
            for j, other in enumerate(loops)
            if j != i
        )
        assert cleft >= P.SCIATIC_PLEXUS_MIN_CLEFT, f"a cleft {cleft:.1f} mm wide"


@pytest.mark.parametrize("side", SIDES)
def test_sacral_plexus_has_no_palm_above_where_the_rami_unite(model, lm, side):
    """Above where the S2 and S3 ventral rami unite with it (near the lower part of the greater
    sciatic foramen, Gray's Anatomy 42nd ed., the sacral plexus) the nerve is the lumbosacral
    trunk and S1 alone: midway between the trunk's join (``TRUNK_JOIN``) and S2's
    (``S2_RAMUS_JOIN``) its section is no wider than ``SCIATIC_UPPER_MAX_WIDTH_SHARE`` times the
    nerve below piriformis, not a broad flat palm the rami run into ("a palm with fingers",
    "a webbed flipper", blind reviews s43-s45: 27 mm wide there on a nerve 17 mm wide)."""
    mesh: trimesh.Trimesh = model.mesh(f"sciatic_nerve_{side}")
    cl, k = below_piriformis(model, lm, side)
    s = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(cl, axis=0), axis=1))])

    def width(i: int) -> float:
        t = cl[min(i + 1, len(cl) - 1)] - cl[max(i - 1, 0)]
        sec = mesh.section(plane_origin=cl[i], plane_normal=t / np.linalg.norm(t))
        assert sec is not None, "the plane misses the nerve"
        loop = min(
            (np.asarray(d) for d in sec.discrete),
            key=lambda lp: float(np.linalg.norm(lp.mean(0) - cl[i])),
        )
        return float(np.linalg.norm(loop[:, None] - loop[None], axis=2).max())

    i = int(np.argmin(np.abs(s - 0.5 * (P.TRUNK_JOIN[0] + P.S2_RAMUS_JOIN[0]))))
    top, below = width(i), width(k)
    most = P.SCIATIC_UPPER_MAX_WIDTH_SHARE * below
    assert top <= most, f"{top:.1f} mm wide above the rami's joins, {below:.1f} mm below"
