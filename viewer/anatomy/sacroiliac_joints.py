"""The sacroiliac joints: the thin, ear-shaped (L-shaped) joint between the sacral and iliac
auricular surfaces, shown as the thin space its two layers of cartilage fill, with the joint line
where they meet as a rounded groove along the margin.

Each joint is the region between the two bones where they face each other closely (never
thinner than ``SI_JOINT_MIN_SPACE``, so it has no holes where the mean bones nearly touch). Its
faces are the two bones' own surfaces, so it follows them and enters neither; they are read as
smooth surfaces (:func:`_smooth_faced`: a moving-least-squares mean of the bones' tangent planes,
the sacrum's two pieces as one), so the faces carry no terraces and no crease at the sacrum's seam.

Its outline is the auricular surface's published L (:func:`auricular_l`; Waldrop 1993): a short
cranial limb (``SI_JOINT_CRANIAL_ARM``) and a longer caudal one (``SI_JOINT_CAUDAL_ARM``) meeting
in front at ``SI_JOINT_ARM_ANGLE``, the cranial one broad to its rounded end, the caudal one
tapering to a defined tip (the posterior-inferior toe), the notch between them facing back. The
L is turned and moved to where it holds the most sacral surface facing the ilium closely (the
closer, the more a place counts; :func:`_placed_l`). Where the bones part at the
margin the joint is no wider than the widest gap just inside (and never wider than
``SI_JOINT_REACH``), so it ends there instead of running into the wedge between them; its margin
is rounded. The joint line divides the space in the ratio of the sacral to the iliac cartilage
(``SI_SACRAL_CARTILAGE`` : ``SI_ILIAC_CARTILAGE``); along it the margin is set in by a smooth
Gaussian groove, the iliac layer's margin a little further (:func:`_joint_line`), fading out where
the joint is too thin to show it. Each side is fitted to its own bones (the sacrum is not exactly
symmetric). The thin margin is decimated the way that folds it least (:func:`_least_folded`),
the few folds left relaxed (:func:`muscle_meshing.unfolded`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import trimesh
from scipy import ndimage, signal
from scipy.spatial import cKDTree

from ..vocabulary import SIDES
from . import implicit, meshing, section_caps
from . import parameters as P
from .bone_fields import cut_where_near, distance, frame_matrix, mesh_in_frame, missing
from .build import Built
from .frame import unit as _unit
from .geometry import closed_without_slivers, joined, subdivided
from .muscle_meshing import unfolded

SACRUM = ("s1_segment", "sacrum_lower")
MAX_FACES = 5000
_PIXEL = 0.5  # [constructed] raster of the outline in the joint plane, mm
_BASE_WIDENING = 1.1  # [constructed] the limbs are this x the mean width where they meet
#: [constructed] and these x (at _TOE_FROM of their length, at their tips): the short cranial limb
#: keeps its width to its rounded end, the long caudal one tapers to a defined tip (the auricular
#: surface's posterior-inferior toe); both about the published 20 mm wide (Waldrop 1993), so
#: the posterior border between them is a deep concave notch (the ear's boomerang shape)
_TIP_NARROWING = {"cranial": (1.15, 1.05), "caudal": (1.2, 0.55)}  # x the mean width there
#: [constructed] the cranial limb is built this much shorter than published, mm: measured as the
#: outline's extent along its axis, it also spans the caudal limb's toe hanging below the corner
#: (the limbs meet at a little over a right angle), which the narrow limbs leave uncovered
_CRANIAL_ALLOWANCE = 3.0
_TOE_FROM = 0.7  # [constructed] the limbs narrow to their tips from this share of their length
_SPARSE = 0.05  # [constructed] the L avoids places with less close-facing surface than this x most
_TURNS = 30.0  # [constructed] the cranial limb is looked for within this of straight up, degrees
_SEARCH = 60.0  # [constructed] the auricular surface lies within this of its centre, mm
_GAP_REACH = 3.0  # [constructed] the joint's widest gap is looked for this far round a place, mm
_GAP_INSIDE = 1.0  # [constructed] the widest gap is read this far inside the margin, mm
_GAP_SLACK = 1.2  # [constructed] the joint may be this much wider than that, mm
_WIDEST = P.SI_JOINT_REACH - 0.15  # [constructed] never wider than this, mm
#: [constructed] share of the joint line's set-in applied where the bones part (under the slack)
_LINE_AT_GAP = 0.55
#: [constructed] more than 3-6 mm inside its outline the joint may be this much wider still, mm
_INNER_SLACK = 1.5
_MARGIN_ROUNDING = 0.8  # [constructed] the joint's margin is rounded by this, mm
_FOLD_LIMIT = 100.0  # [constructed] degrees between neighbouring triangles taken as unfolded
#: [constructed] rounds of Taubin smoothing after decimation, so the thin margin's outline is
#: even (decimation leaves it saw-toothed), shrinking nothing
_MARGIN_SMOOTHING = 8
_FACE_SPACING = 0.5  # [constructed] the bones' faces are sampled this far apart, mm
_FACE_BLUR = 0.9  # [constructed] each sample's plane counts by a Gaussian of this width, mm
_FACE_NEIGHBOURS = 12  # [constructed] this many nearest samples' planes are averaged
_FACE_BAND = (2.5, 3.5)  # [constructed] they hand over to the bone's distance here, mm
#: [constructed] shares of the face budget tried in turn where no decimation to the whole of it
#: comes out closed (stop 43: the sacrum's new pelvic surface moved its S1/S2 section's bands, and
#: every decimation of the left joint to 5000 and 4800 faces came out with a hole in its margin)
_FEWER_FACES = (1.0, 0.8)
#: [constructed] the voxels (mm) the joint is meshed at in turn, the next where no decimation of
#: the last came out closed (stop 43: the suite's perturbed rebuild of the new sacrum found none at
#: 0.35 for the left joint; a finer grid resolves its thin margin)
_VOXELS = (0.35, 0.3, 0.42)
#: [constructed] a triangle of lower quality (1 equilateral) is collapsed (the surface-quality
#: test's least is 0.01; stop 45's left joint kept one of 0.007 on its margin)
_SLIVER_QUALITY = 0.03


@dataclass(frozen=True)
class JointOutline:
    """The joint's outline in its plane: ``axes`` columns (anterior, cranial, normal from the
    sacrum to the ilium), ``origin``, and a signed 2D distance raster (negative inside)."""

    origin: np.ndarray
    axes: np.ndarray
    lo: np.ndarray
    sdf: np.ndarray
    gap: np.ndarray

    def plane(self, p: np.ndarray) -> np.ndarray:
        return (p - self.origin) @ self.axes[:, :2]

    def __call__(self, p: np.ndarray) -> np.ndarray:
        """Signed distance to the outline (in the plane) for model-frame points."""
        ij = (self.plane(p) - self.lo) / _PIXEL
        return ndimage.map_coordinates(self.sdf, ij.T, order=1, mode="nearest")

    def widest(self, p: np.ndarray) -> np.ndarray:
        """The widest gap between the bones round the point's place in the plane, mm."""
        ij = (self.plane(p) - self.lo) / _PIXEL
        return ndimage.map_coordinates(self.gap, ij.T, order=1, mode="nearest")


def _smax(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """Smooth maximum (intersection) of two fields, rounded over about ``k`` mm."""
    return -implicit.smooth_min(-a, -b, k)


def _splat(ij: np.ndarray, values: np.ndarray, shape) -> np.ndarray:
    """``values`` at fractional pixel positions ``ij``, shared bilinearly among four pixels."""
    out = np.zeros(shape)
    base = np.floor(ij).astype(int)
    frac = ij - base
    for di in (0, 1):
        for dj in (0, 1):
            share = np.abs(1 - di - frac[:, 0]) * np.abs(1 - dj - frac[:, 1])
            i = np.clip(base[:, 0] + di, 0, shape[0] - 1)
            j = np.clip(base[:, 1] + dj, 0, shape[1] - 1)
            np.add.at(out, (i, j), values * share)
    return out


def _gap_map(q, gaps, facing, lo, shape) -> np.ndarray:
    """Raster of the widest gap between the bones near each place of the plane: the gaps at the
    sacral faces ``facing`` the ilium, averaged per pixel, their greatest within
    ``_GAP_REACH`` and carried outwards past the faces to the raster's edge."""
    ij = (q[facing] - lo) / _PIXEL
    total = _splat(ij, gaps[facing], shape)
    count = _splat(ij, np.ones(facing.sum()), shape)
    have = count > 0.05
    mean = np.where(have, total / np.maximum(count, 1e-12), 0.0)
    _, (i, j) = ndimage.distance_transform_edt(~have, return_indices=True)
    filled = mean[i, j]
    size = 2 * int(_GAP_REACH / _PIXEL) + 1
    return ndimage.gaussian_filter(ndimage.maximum_filter(filled, size), 1.0 / _PIXEL)


def _smooth_faced(
    meshes: list[trimesh.Trimesh], coarse: implicit.SDF, each: list[implicit.SDF]
) -> implicit.SDF:
    """Signed distance to the union of the bones ``meshes`` whose zero level is smooth: near the
    surface the Gaussian-weighted mean of the signed distances to the tangent planes of its
    nearest surface samples (an implicit moving-least-squares surface; a piece's samples inside
    another piece, by ``each`` piece's distance, left out, so the pieces blend across their seam),
    handing over to ``coarse`` (the union's distance to its nearest sample) across
    ``_FACE_BAND``. The distance to the nearest sample jumps where a point crosses the surface
    between samples, which meshed the joint's two faces as terraces, one per layer of the grid
    (seen as stripes across the plate)."""
    kept_pts, kept_nrm = [], []
    for k, mesh in enumerate(meshes):
        pts, nrm = implicit.surface_samples(_without_section_caps(mesh), _FACE_SPACING)
        outside = np.ones(len(pts), bool)
        for j, other in enumerate(each):
            if j != k:
                outside &= other(pts) > 0.0
        kept_pts.append(pts[outside])
        kept_nrm.append(nrm[outside])
    pts, nrm = np.vstack(kept_pts), np.vstack(kept_nrm)
    tree = cKDTree(pts)

    def f(p: np.ndarray) -> np.ndarray:
        out = np.asarray(coarse(p), float).copy()
        lo, hi = _FACE_BAND
        near = np.flatnonzero(np.abs(out) < hi)
        if len(near):
            q = p[near]
            d, i = tree.query(q, k=_FACE_NEIGHBOURS)
            w = np.exp(-((d / _FACE_BLUR) ** 2)) + 1e-12
            planes = np.einsum("ikj,ikj->ik", q[:, None, :] - pts[i], nrm[i])
            fine = (w * planes).sum(axis=1) / w.sum(axis=1)
            t = np.clip((np.abs(out[near]) - lo) / (hi - lo), 0.0, 1.0)
            t = t * t * (3.0 - 2.0 * t)
            out[near] = fine + t * (out[near] - fine)
        return out

    return f


def _without_section_caps(mesh: trimesh.Trimesh) -> trimesh.Trimesh:
    """``mesh`` without the faces of its section caps (:mod:`viewer.anatomy.section_caps`): where
    the sacrum is divided below S1 both pieces carry a flat cap on the same plane, whose samples
    (normals along the cut, across the bone's own surface) lie on the other piece within its
    distance's error, so some were kept. Near the auricular surface they tilted the smooth
    surface's planes into ripples a few tenths of a mm high across the seam: the joint's sacral
    face crossed them several times, its plate split into layers there (the marching cubes' mesh
    of the left joint had 13 handles, stop 45) and no decimation of it came out closed."""
    caps = section_caps.cap_faces(mesh.faces, section_caps.cut_flags(mesh), mesh.face_normals)
    if not caps.any():
        return mesh
    return trimesh.Trimesh(mesh.vertices, mesh.faces[~caps], process=False)


def _tapered_limb(q, base, tip, r_base: float, r_tip: float) -> np.ndarray:
    """2D signed distance to a limb: the round ends of radius ``r_base`` at ``base`` and
    ``r_tip`` at ``tip`` and the tangents between them (an uneven capsule)."""
    axis = tip - base
    length = float(np.linalg.norm(axis))
    u = axis / length
    x = (q - base) @ u
    y = np.abs((q - base) @ np.array([-u[1], u[0]]))
    sin = (r_base - r_tip) / length  # the tangents' slope
    cos = np.sqrt(1.0 - sin * sin)
    k = -y * sin + x * cos  # where along the axis the nearest point of the tangent lies
    side = x * sin + y * cos - r_base
    d_base = np.hypot(x, y) - r_base
    d_tip = np.hypot(x - length, y) - r_tip
    return np.where(k < 0.0, d_base, np.where(k > cos * length, d_tip, side))


def auricular_l(q: np.ndarray, corner: np.ndarray, theta: float) -> np.ndarray:
    """2D signed distance to the auricular L: two limbs from ``corner`` (the middle of the place
    where they meet), the cranial one along the angle ``theta`` (radians, from the anterior axis
    towards the cranial one), the caudal one ``SI_JOINT_ARM_ANGLE`` further round (backwards),
    each narrowing to a round tip (``_TIP_NARROWING``); the notch between them rounded. A limb's length
    (``SI_JOINT_CRANIAL_ARM``, ``SI_JOINT_CAUDAL_ARM``) runs from the outer corner in front, half
    the base width before ``corner``, to its tip."""
    turn = np.radians(P.SI_JOINT_ARM_ANGLE.value)
    r_base = P.SI_JOINT_ARM_WIDTH.value / 2 * _BASE_WIDENING
    out = []
    limbs = (
        (theta, P.SI_JOINT_CRANIAL_ARM, "cranial"),
        (theta + turn, P.SI_JOINT_CAUDAL_ARM, "caudal"),
    )
    for angle, arm, name in limbs:
        r_mid, r_tip = (P.SI_JOINT_ARM_WIDTH.value / 2 * k for k in _TIP_NARROWING[name])
        d = np.array([np.cos(angle), np.sin(angle)])
        length = arm.value - (_CRANIAL_ALLOWANCE if name == "cranial" else 0.0)
        tip = corner + d * (length - r_base - r_tip)
        # full to _TOE_FROM of its length, then narrowing to its tip (the caudal limb's toe)
        mid = corner + (tip - corner) * _TOE_FROM
        limb = np.minimum(
            _tapered_limb(q, corner, mid, r_base, r_mid), _tapered_limb(q, mid, tip, r_mid, r_tip)
        )
        out.append(limb)
    return implicit.smooth_min(out[0], out[1], P.SI_JOINT_NOTCH_ROUNDING)


def _placed_l(dens: np.ndarray) -> np.ndarray:
    """The auricular L's signed distance raster, laid where it holds most close-facing surface
    (``dens``, less ``_SPARSE`` of its greatest, so sparse places count against it): every turn
    of the cranial limb within ``_TURNS`` of straight up, every place of the corner (a
    correlation over the raster)."""
    shape = np.array(dens.shape)
    grid = np.stack(np.meshgrid(*(np.arange(n) * _PIXEL for n in shape), indexing="ij"), -1)
    centre = (shape // 2) * _PIXEL
    gain = dens - _SPARSE * dens.max()
    best_score, corner, best_theta = -np.inf, centre, np.pi / 2
    for theta in np.radians(90.0 + np.arange(-_TURNS, _TURNS + 1e-9, 1.0)):
        # the L with its corner at the raster's centre; its score for each shift of the corner
        inside = (auricular_l(grid, centre, theta) < 0.0).astype(float)
        score = signal.correlate(gain, inside, mode="same", method="fft")
        k = np.unravel_index(int(np.argmax(score)), score.shape)
        if score[k] > best_score:
            best_score, best_theta = float(score[k]), float(theta)
            corner = centre + (np.array(k) - shape // 2) * _PIXEL
    return auricular_l(grid, corner, best_theta)


def _outline(centres, areas, weights, normals, near, centre, gaps) -> JointOutline:
    """The auricular L laid on the close-facing sacral faces (see :func:`_placed_l`)."""
    n = _unit((normals[near] * areas[near, None]).sum(axis=0))
    up = np.array([0.0, 0.0, 1.0]) - n[2] * n
    up = _unit(up)
    ant = np.cross(up, n)
    if ant[1] < 0:
        ant = -ant
    axes = np.column_stack([ant, up, np.cross(ant, up)])
    if axes[:, 2] @ n < 0:
        axes[:, 2] = -axes[:, 2]
    q = (centres - centre) @ axes[:, :2]
    lo = q[near].min(axis=0) - 15.0
    shape = np.ceil((q[near].max(axis=0) + 15.0 - lo) / _PIXEL).astype(int) + 1
    # area of close-facing sacral surface per pixel (shared bilinearly with the four nearest
    # pixels, so the density moves continuously with the faces), smoothed into a density
    dens = _splat((q[near] - lo) / _PIXEL, weights[near], shape)
    dens = ndimage.gaussian_filter(dens, P.SI_JOINT_OUTLINE_SMOOTHING / _PIXEL)
    sdf = _placed_l(dens)
    # the gaps are read well inside the margin, where the bones still face each other
    inside = ndimage.map_coordinates(sdf, ((q - lo) / _PIXEL).T, order=1, mode="nearest")
    facing = near & ((normals @ axes[:, 2]) > 0.5) & (inside < -_GAP_INSIDE)
    return JointOutline(centre, axes, lo, sdf, _gap_map(q, gaps, facing, lo, shape))


def _joint_line(ds: np.ndarray, di: np.ndarray) -> np.ndarray:
    """How far the margin is set in, mm, at a point ``ds`` from the sacrum and ``di`` from the
    ilium: a rounded groove (Gaussian profile) along the line where the sacral and iliac
    cartilage meet, and the iliac layer's margin set in a little past it (a smooth step); both
    fade out where the joint is thinner than ``SI_JOINT_LINE_FADE``."""
    share = P.SI_SACRAL_CARTILAGE / (P.SI_SACRAL_CARTILAGE + P.SI_ILIAC_CARTILAGE)
    across = ds - share * (ds + di)  # signed distance from the joint line, + towards the ilium
    s = across / P.SI_JOINT_LINE_WIDTH
    fade = np.clip((ds + di - P.SI_JOINT_LINE_FADE) / 0.4, 0.0, 1.0)
    fade = fade * fade * (3.0 - 2.0 * fade)
    groove = P.SI_JOINT_LINE_DEPTH * np.exp(-(s**2))
    step = P.SI_ILIAC_LAYER_INSET * 0.5 * (1.0 + np.tanh(s))
    return fade * (groove + step)


def joint_space(ctx, side: str):
    """(sdf, outline): the joint of one side and its outline."""
    c_s = np.asarray(ctx.landmarks[f"auricular_surface_{side}"], float)
    c_i = np.asarray(ctx.landmarks[f"iliac_auricular_surface_{side}"], float)
    # the sacrum's two pieces as one smooth surface, so the joint's sacral face has no crease
    # where they meet
    built = [s for s in SACRUM if s in ctx.built]
    d_s = _smooth_faced(
        [ctx.mesh(s) for s in built], distance(ctx, SACRUM), [distance(ctx, [s]) for s in built]
    )

    hip = f"hip_bone_{side}"
    d_i = _smooth_faced([ctx.mesh(hip)], distance(ctx, [hip]), [distance(ctx, [hip])])
    centre = (c_s + c_i) / 2
    reach = P.SI_JOINT_REACH

    sacrum = joined([ctx.mesh(s) for s in SACRUM if s in ctx.built])
    fine = subdivided(sacrum, 1.5)
    centres = fine.triangles_center
    close = np.linalg.norm(centres - centre, axis=1) < _SEARCH
    gap = np.full(len(centres), np.inf)
    gap[close] = d_i(centres[close])
    near = gap < reach
    # the closer the bones face each other, the more surely it is the auricular (cartilage) part
    # rather than the interosseous ligament's rougher ground behind it
    weight = fine.area_faces * np.clip(1.0 - gap / reach, 0.0, 1.0)
    outline = _outline(centres, fine.area_faces, weight, fine.face_normals, near, centre, gap)

    def joint(p):
        # between the two surfaces (|ds - di| <= ds + di), never thinner than SI_JOINT_MIN_SPACE
        ds, di = d_s(p), d_i(p)
        gap = ds + di
        # where the bones stand wider apart than _WIDEST (a hollow inside the L) the joint is a
        # thinner plate midway between them, no face further than _WIDEST from either bone
        thick = np.maximum(np.minimum(gap, 2.0 * _WIDEST - gap), P.SI_JOINT_MIN_SPACE)
        # no wider than the widest gap round it: where the bones part at the margin the joint
        # ends instead of running into the wedge between them (deeper inside the outline it
        # may be a little wider, so such hollows leave no holes)
        # (the joint line sets in both kinds of margin: this one and the outline's)
        line = _joint_line(ds, di)
        inner = _INNER_SLACK * np.clip((-outline(p) - 3.0) / 3.0, 0.0, 1.0)
        # (set in less here than the slack, so the joint's widest places inside keep no holes)
        wide = gap - (outline.widest(p) + _GAP_SLACK + inner) + _LINE_AT_GAP * line
        space = _smax(wide, np.abs(ds - di) / 2 - thick / 2, _MARGIN_ROUNDING)
        return _smax(space, outline(p) + line, _MARGIN_ROUNDING)

    def slab(p):  # cheap bound: the outline, near the joint's plane
        return np.maximum(outline(p), np.abs((p - centre) @ outline.axes[:, 2]) - 15.0)

    return cut_where_near(slab, joint), outline


def _least_folded(mesh: trimesh.Trimesh, target_faces: int) -> trimesh.Trimesh:
    """``mesh`` decimated to ``target_faces`` so that its thin margin folds least (under
    ``_FOLD_LIMIT`` degrees where one of meshing's retries does so)."""
    for share in _FEWER_FACES:
        out = meshing.least_folded_decimation(mesh, int(share * target_faces), _FOLD_LIMIT)
        if out is not None:
            return out
    raise meshing.MeshingError("no closed decimation of the sacroiliac joint")


def sacroiliac_joint(ctx, side: str) -> trimesh.Trimesh:
    f, outline = joint_space(ctx, side)
    M = frame_matrix(outline.origin, outline.axes)
    hi = outline.lo + np.array(outline.sdf.shape) * _PIXEL
    bounds = ((*(outline.lo + 4.0), -15.0), (*(hi - 4.0), 15.0))
    for voxel in _VOXELS:
        fine = mesh_in_frame(f, M, bounds, voxel=voxel, target_faces=0, smooth_iterations=8)
        try:
            coarse = _least_folded(fine, MAX_FACES)
        except meshing.MeshingError:
            continue
        # the saw-teeth decimation leaves along the thin margin evened out, and the few folds it
        # may still leave there relaxed (under half a mm)
        return closed_without_slivers(
            unfolded(meshing.taubin_smoothed(coarse, _MARGIN_SMOOTHING)), _SLIVER_QUALITY
        )
    raise meshing.MeshingError(f"no closed decimation of the sacroiliac joint ({side})")


def build(ctx) -> dict[str, Built]:
    if missing(ctx, SACRUM + ("hip_bone_left", "hip_bone_right")):
        return {}
    return {f"sacroiliac_joint_{s}": Built(sacroiliac_joint(ctx, s)) for s in SIDES}
