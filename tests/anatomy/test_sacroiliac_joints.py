"""The sacroiliac joints: a thin joint space between the sacral and iliac auricular surfaces with
the published joint surface area (reference D.2), entering neither bone."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

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


# ---------------------------------------------------------------- the auricular L and joint line
_PIX = 0.5  # raster of the joint's silhouette in its plane, mm


def _plane(joint):
    """(centre, anterior, cranial, normal): the joint's plane (least-variance normal)."""
    c = joint.vertices.mean(axis=0)
    n = np.linalg.svd(joint.vertices - c, full_matrices=False)[2][2]
    up = np.array([0.0, 0.0, 1.0]) - n[2] * n
    up /= np.linalg.norm(up)
    ant = np.cross(up, n)
    return c, ant * np.sign(ant[1]), up, n


def _silhouette(joint, samples: int) -> tuple[np.ndarray, np.ndarray]:
    """The joint's filled outline in its own plane (anterior, up), on a ``_PIX`` grid, from
    ``samples`` points spread evenly over its surface; and the grid's origin."""
    from scipy import ndimage

    c, ant, up, _ = _plane(joint)
    pts, _ = trimesh.sample.sample_surface_even(joint, samples, radius=0.25, seed=0)
    q = (pts - c) @ np.column_stack([ant, up])
    lo = q.min(axis=0) - 3.0
    ij = np.floor((q - lo) / _PIX).astype(int)
    mask = np.zeros(ij.max(axis=0) + 7, bool)
    mask[ij[:, 0], ij[:, 1]] = True
    return ndimage.binary_fill_holes(ndimage.binary_closing(mask, iterations=3)), lo


def _limbs(joint):
    """(cranial, caudal) limb lengths and the angle between them, measured on the silhouette in
    the joint's plane: the medial axis's longest path is split at its corner, a line fitted to
    each half away from the corner, and each limb's length is the silhouette's extent along its
    line (from the outer corner to the tip)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra
    from skimage.morphology import skeletonize

    mask, lo = _silhouette(joint, 40000)
    skel = np.argwhere(skeletonize(mask))
    index = {tuple(p): k for k, p in enumerate(skel)}
    rows, cols, w = [], [], []
    for k, p in enumerate(skel):
        for d in ((0, 1), (1, 0), (1, 1), (1, -1)):
            other = index.get((p[0] + d[0], p[1] + d[1]))
            if other is not None:
                rows.append(k)
                cols.append(other)
                w.append(float(np.hypot(*d)))
    graph = coo_matrix((w, (rows, cols)), shape=(len(skel),) * 2).tocsr()
    first = dijkstra(graph, directed=False, indices=0)
    a = int(np.argmax(np.where(np.isfinite(first), first, -1)))
    dist, pred = dijkstra(graph, directed=False, indices=a, return_predecessors=True)
    path = [int(np.argmax(np.where(np.isfinite(dist), dist, -1)))]
    while path[-1] != a:
        path.append(int(pred[path[-1]]))
    line = skel[path] * _PIX + lo
    chord = (line[-1] - line[0]) / np.linalg.norm(line[-1] - line[0])
    off = (line - line[0]) @ np.array([-chord[1], chord[0]])
    k = int(np.argmax(np.abs(off)))
    far = np.linalg.norm(line - line[k], axis=1) > 12.0
    axes = []
    for half, end in ((np.arange(len(line)) < k, line[0]), (np.arange(len(line)) > k, line[-1])):
        seg = line[far & half]
        u = np.linalg.svd(seg - seg.mean(axis=0))[2][0]
        axes.append((u * np.sign(u @ (end - line[k])), end))
    sil = np.argwhere(mask) * _PIX + lo
    lengths = [float(np.ptp(sil @ u)) for u, _ in axes]
    angle = float(np.degrees(np.arccos(np.clip(axes[0][0] @ axes[1][0], -1.0, 1.0))))
    cranial_first = axes[0][1][1] > axes[1][1][1]
    cranial, caudal = lengths if cranial_first else lengths[::-1]
    return cranial, caudal, angle


@pytest.mark.parametrize("side", SIDES)
def test_joint_is_an_auricular_l_with_a_longer_caudal_limb(model, side):
    """The ear-shaped outline: a short cranial and a long caudal limb at about a right angle, of
    the published lengths (Waldrop 1993: 44 and 56 mm, 93°)."""
    cranial, caudal, angle = _limbs(model.mesh(f"sacroiliac_joint_{side}"))
    assert P.SI_JOINT_CRANIAL_ARM.accepts(cranial), f"cranial limb {cranial:.1f} mm"
    assert P.SI_JOINT_CAUDAL_ARM.accepts(caudal), f"caudal limb {caudal:.1f} mm"
    assert caudal - cranial > 6.0, (cranial, caudal)
    assert 75.0 < angle < 125.0, f"{angle:.0f} deg between the limbs"


@pytest.mark.parametrize("side", SIDES)
def test_joint_line_is_a_groove_along_the_margin(model, side):
    """Where the sacral (thicker) and iliac cartilage meet, the margin is set in: rim vertices on
    the joint line lie deeper inside the outline than rim vertices on the sacral layer beside
    them (median over the rim where the joint is thick enough to show it)."""
    joint = model.mesh(f"sacroiliac_joint_{side}")
    v = joint.vertices
    ds = surface_distance(v, [model.mesh("s1_segment"), model.mesh("sacrum_lower")])
    di = surface_distance(v, [model.mesh(f"hip_bone_{side}")])
    share = P.SI_SACRAL_CARTILAGE / (P.SI_SACRAL_CARTILAGE + P.SI_ILIAC_CARTILAGE)
    u = ds / np.maximum(ds + di, 1e-9)
    rim = (ds > 0.3) & (di > 0.3) & (ds + di > P.SI_JOINT_LINE_FADE + 0.4)
    n = _plane(joint)[3]
    out = joint.vertex_normals - np.outer(joint.vertex_normals @ n, n)
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    on_line = np.flatnonzero(rim & (np.abs(u - share) < 0.08))
    sacral = np.flatnonzero(rim & (u > share - 0.4) & (u < share - 0.2))
    assert len(on_line) > 20 and len(sacral) > 20, (len(on_line), len(sacral))
    insets = []
    for g in on_line:
        near = sacral[np.linalg.norm(v[sacral] - v[g], axis=1) < 2.0]
        if len(near):
            direction = out[np.concatenate([[g], near])].mean(axis=0)
            insets.append((v[near].mean(axis=0) - v[g]) @ direction)
    assert len(insets) > 20 and np.median(insets) > 0.15, f"inset {np.median(insets):.2f} mm"


@pytest.mark.parametrize("side", SIDES)
def test_caudal_limb_tapers_to_a_defined_toe(model, side):
    """The long caudal limb of the auricular surface narrows to its posterior end (the ear's
    lobe-like toe; Gray's Anatomy 42nd ed.), it is not a blunt paddle: 4 mm from its tip the
    silhouette is under 0.6 of its width 20 mm from the tip."""
    joint = model.mesh(f"sacroiliac_joint_{side}")
    c, ant, up, _ = _plane(joint)
    pts, _ = trimesh.sample.sample_surface_even(joint, 20000, radius=0.25, seed=0)
    q = (pts - c) @ np.column_stack([ant, up])
    tip = q[np.argmin(q[:, 0])]  # the most posterior point: the caudal limb's tip
    axis = tip - q[q[:, 1] < tip[1] + 15.0].mean(axis=0)
    axis /= np.linalg.norm(axis)
    across = q @ np.array([-axis[1], axis[0]])
    back = (tip - q) @ axis  # how far from the tip along the limb

    def width(d: float) -> float:
        band = across[np.abs(back - d) < 1.0]
        assert len(band), f"no joint {d} mm from the caudal tip"
        return float(np.ptp(band))

    near, far = width(4.0), width(20.0)
    assert near < 0.6 * far, f"{near:.1f} mm wide 4 mm from the tip, {far:.1f} mm at 20 mm"


@pytest.mark.parametrize("side", SIDES)
def test_posterior_border_is_a_deep_concave_notch(model, side):
    """The ear (boomerang) shape: between the short cranial and the long caudal limb the
    posterior border is concave (Gray's Anatomy 42nd ed.; Waldrop 1993: two limbs about 20 mm
    wide meeting at about 93°), so the outline in the joint's plane leaves a notch at least
    7 mm deep inside its convex hull, not a triangular sail."""
    from matplotlib.path import Path as Polygon
    from scipy import ndimage
    from scipy.spatial import ConvexHull

    joint = model.mesh(f"sacroiliac_joint_{side}")
    mask, lo = _silhouette(joint, 30000)
    grid = np.stack(np.meshgrid(*(np.arange(n) for n in mask.shape), indexing="ij"), -1)
    grid = grid * _PIX + lo
    sil = grid[mask]
    hull = Polygon(sil[ConvexHull(sil).vertices])
    in_hull = hull.contains_points(grid.reshape(-1, 2)).reshape(mask.shape)
    pocket = in_hull & ~mask
    assert pocket.any(), "no notch: the outline is convex"
    depth = ndimage.distance_transform_edt(in_hull) * _PIX
    deepest = np.unravel_index(int(np.argmax(np.where(pocket, depth, -1.0))), mask.shape)
    assert depth[deepest] >= 7.0, f"notch {depth[deepest]:.1f} mm deep"
    # it faces back: the notch lies behind the joint's middle, above the caudal limb
    assert grid[deepest] @ np.array([1.0, 0.0]) < 0.0, grid[deepest]


@pytest.mark.parametrize("side", SIDES)
def test_joint_faces_are_smooth_without_terraces(model, side):
    """The articular faces are smooth cartilage (Gray's Anatomy 42nd ed.: the auricular surfaces
    are covered by cartilage; their ridge-and-groove undulation is broad, over centimetres), not
    stepped in millimetre terraces: over both faces, the median angle between a point's normal and
    the mean normal of the face within 2 mm round it is under 2.1 degrees."""
    from scipy.spatial import cKDTree

    joint = model.mesh(f"sacroiliac_joint_{side}")
    n = _plane(joint)[3]
    pts, face = trimesh.sample.sample_surface_even(joint, 30000, radius=0.2, seed=0)
    normals = joint.face_normals[face]
    medians = []
    for sign in (1.0, -1.0):
        on_face = sign * (normals @ n) > 0.8
        p, q = pts[on_face], normals[on_face]
        around = cKDTree(p).query_ball_point(p, 2.0)
        mean = np.array([q[k].mean(axis=0) for k in around])
        mean /= np.linalg.norm(mean, axis=1, keepdims=True)
        turn = np.degrees(np.arccos(np.clip((mean * q).sum(axis=1), -1.0, 1.0)))
        medians.append(float(np.median(turn)))
    assert np.mean(medians) < 2.1, f"faces turn {medians} degrees within 2 mm"


def _depth_inside(joint, points) -> np.ndarray:
    """How far inside the joint's silhouette (in its plane) each point lies, mm."""
    from scipy import ndimage

    c, ant, up, _ = _plane(joint)
    mask, lo = _silhouette(joint, 30000)
    depth = ndimage.distance_transform_edt(mask) * _PIX
    ij = np.floor(((points - c) @ np.column_stack([ant, up]) - lo) / _PIX).astype(int)
    ij = np.clip(ij, 0, np.array(mask.shape) - 1)
    return depth[ij[:, 0], ij[:, 1]]


@pytest.mark.parametrize("side", SIDES)
def test_sacral_surface_has_a_central_groove_along_the_l(model, side):
    """The auricular surfaces are not flat: the sacral one carries a central groove running along
    the L, the iliac one a matching ridge (Gray's Anatomy 42nd ed.: "the iliac surface has a
    corresponding elevation"; Vleeming et al. 2012, J Anat 221:537). The joint fills the groove:
    along the L's middle (more than 7 mm inside its outline) its sacral face lies at least 0.8 mm
    further from the ilium than near its rim (2-4 mm inside), median over the sacral face."""
    joint = model.mesh(f"sacroiliac_joint_{side}")
    sacrum = [model.mesh("s1_segment"), model.mesh("sacrum_lower")]
    v = joint.vertices
    on_sacrum = np.flatnonzero(surface_distance(v, sacrum) <= 0.3)
    to_ilium = surface_distance(v[on_sacrum], [model.mesh(f"hip_bone_{side}")])
    inside = _depth_inside(joint, v[on_sacrum])
    middle, rim = inside > 7.0, (inside > 2.0) & (inside < 4.0)
    assert middle.sum() > 50 and rim.sum() > 50, (middle.sum(), rim.sum())
    deeper = np.median(to_ilium[middle]) - np.median(to_ilium[rim])
    assert deeper >= 0.8, f"groove {deeper:.2f} mm deep"
