"""The derived bones: S1 segment, lower sacrum, hip bones and proximal femurs.

Built at build time from the LLP26 mean bone surfaces of the PyPI package ``musculoskeletal-models``
(Auckland Bioengineering Institute; Mozilla Public License 2.0, https://mozilla.org/MPL/2.0/),
evaluated by :mod:`viewer.anatomy.llp26`. The resulting meshes are never committed.

Placement (CT frame of LLP26, LPS, into the model frame of :mod:`viewer.anatomy.frame`):

* the mid-sagittal plane is the best-fit symmetry plane of the whole LLP26 pelvis (the pelvis
  reflected and registered onto itself); its normal, pointing to the patient's right, is +x. It
  agrees with the inter-ASIS axis to within a few degrees (see ``placement().asis_axis_angle``);
* the S1 superior endplate is found on the sacrum as the flat, upward-facing patch at the top of
  the midline (a plane is fitted to it); the origin is its centroid, moved onto the mid-sagittal
  plane;
* the pelvis is turned about x until the endplate normal is tilted ``parameters.SACRAL_SLOPE``
  from vertical, facing anterior-superior;
* each femur keeps its CT coronal and axial pose but is swung about its head centre until its
  mechanical axis (head centre to knee centre) is vertical in the sagittal plane (standing).

Symmetry: the left hip bone and left femur are LLP26's; the right ones are their mirror images across
x = 0 (LLP26's right hip is not an exact mirror of its left; the package's right femur is itself
mirrored from the left). The sacrum is LLP26's own, placed as above.

The sacrum is cut in two by a plane just below the first sacral foramina: ``s1_segment`` above it,
``sacrum_lower`` below (the two touch along the cut and do not overlap). LLP26's foramina are
shallow depressions and it has no canal, so a sacral canal and the S1 (and S2) foramina are
carved as real openings: a nerve can run from the canal out through each anterior foramen
without touching bone. The femurs are cut across the shaft at mid-length and capped.

Landmarks published in ``ctx.landmarks`` (model frame, mm; ``_left``/``_right`` pairs are
mirror images):

=====================================  ========================================================
name                                   meaning
=====================================  ========================================================
s1_endplate_center                     centre of the S1 superior endplate (= origin)
s1_endplate_normal                     unit normal of the endplate, pointing up out of the bone
s1_endplate_anterior                   unit vector in the endplate plane, pointing anterior
s1_endplate_size                       (width, depth) of the flat endplate patch, mm
s1_endplate_width, s1_endplate_depth   the same as scalars (shape (1,) arrays)
sacral_promontory                      anterior-superior midline edge of the S1 body
s1_superior_articular_facet_{side}     centre of the S1 superior articular facet
s1_superior_articular_facet_normal_{side}  unit normal of that facet (out of the bone)
s1_anterior_foramen_{side}             centre of the anterior (pelvic) S1 foramen opening
s1_anterior_foramen_axis_{side}        unit axis of the opening, pointing out of the bone
s1_anterior_foramen_path_{side}        (N, 3) tunnel centreline: canal (side of the dural sac)
                                       -> opening -> 6 mm outside; the S1 root's way, clear of
                                       bone by more than the root's radius
s1_posterior_foramen_{side}            centre of the posterior (dorsal) S1 foramen opening
s1_posterior_foramen_axis_{side}       unit axis of that opening, pointing out of the bone
s1_posterior_foramen_path_{side}       (N, 3) its tunnel, forking off the anterior one
s1_foramen_canal_end_{side}            where the S1 tunnel leaves the sacral canal
s2_anterior_foramen_{side}, s2_anterior_foramen_axis_{side}, s2_anterior_foramen_path_{side}
s2_posterior_foramen_{side}, s2_posterior_foramen_axis_{side}, s2_posterior_foramen_path_{side}
                                       the same for the S2 foramina (on sacrum_lower)
sacral_canal_top_center                centre of the canal's upper opening (behind the endplate)
sacral_canal_path                      (N, 3) canal centreline, from 10 mm above the top opening
                                       down to the hiatus and out through it
sacral_canal_size                      (N, 2) canal width and depth at each path point, mm
sacral_canal_axis                      unit direction of the canal at its top (pointing down)
s1_s2_cut_point, s1_s2_cut_normal      the plane between s1_segment and sacrum_lower
                                       (normal points up, into s1_segment)
sacral_ala_{side}                      most lateral point of the ala (sacral width end)
sacral_apex                            lowest (coccygeal) tip of the sacrum
auricular_surface_{side}               centre of the sacral auricular (SI joint) surface
iliac_auricular_surface_{side}         centre of the iliac auricular surface facing it
asis_{side}, psis_{side}               anterior / posterior superior iliac spines
iliac_crest_top_{side}                 highest point of the iliac crest
greater_sciatic_notch_{side}           deepest point of the greater sciatic notch
ischial_spine_{side}                   tip of the ischial spine
ischial_tuberosity_{side}              lowest point of the ischial tuberosity
acetabulum_center_{side}               centre of the acetabular sphere (= hip joint centre)
acetabulum_radius_{side}               its radius (shape (1,))
femoral_head_center_{side}             centre of the sphere fitted to the femoral head
femoral_head_radius_{side}             its radius (shape (1,))
greater_trochanter_{side}              tip (highest point) of the greater trochanter
greater_trochanter_lateral_{side}      most lateral point of the greater trochanter
lesser_trochanter_{side}               tip of the lesser trochanter
femur_shaft_cut_center_{side}          centre of the cap where the shaft is cut
femur_shaft_axis_{side}                unit shaft axis at the cut, pointing up
pubic_symphysis                        midpoint of the two pubic symphyseal surfaces
=====================================  ========================================================

``landmarks()`` returns the same dict without writing anything (cached).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import manifold3d
import numpy as np
import trimesh
from scipy import sparse
from scipy.spatial import cKDTree

from . import frame, llp26
from . import parameters as P
from .compare import align

#: Sub-grid divisions per element edge (the reference meshes use 11 for the pelvis, 9 for the femur).
SACRUM_DIVISIONS = 10
HIP_DIVISIONS = 12
FEMUR_DIVISIONS = 14


# ---------------------------------------------------------------- small geometry helpers
_unit = frame.unit


def fit_sphere(points: np.ndarray) -> tuple[np.ndarray, float]:
    """Least-squares sphere (centre, radius) through points."""
    p = np.asarray(points, float)
    A = np.column_stack([2 * p, np.ones(len(p))])
    b = (p**2).sum(1)
    sol = np.linalg.lstsq(A, b, rcond=None)[0]
    c = sol[:3]
    return c, float(np.sqrt(sol[3] + c @ c))


def fit_plane(points: np.ndarray, weights=None) -> tuple[np.ndarray, np.ndarray]:
    """Weighted least-squares plane: (centroid, unit normal); the normal's sign is arbitrary."""
    p = np.asarray(points, float)
    w = np.ones(len(p)) if weights is None else np.asarray(weights, float)
    c = (p * w[:, None]).sum(0) / w.sum()
    q = (p - c) * np.sqrt(w)[:, None]
    return c, np.linalg.svd(q, full_matrices=False)[2][2]


def _transform(points, T) -> np.ndarray:
    return np.asarray(points, float) @ T[:3, :3].T + T[:3, 3]


def _moved(mesh: trimesh.Trimesh, T) -> trimesh.Trimesh:
    return trimesh.Trimesh(_transform(mesh.vertices, T), mesh.faces.copy(), process=False)


def _to_manifold(mesh: trimesh.Trimesh) -> manifold3d.Manifold:
    m = manifold3d.Manifold(
        manifold3d.Mesh(
            vert_properties=np.ascontiguousarray(mesh.vertices, dtype=np.float32),
            tri_verts=np.ascontiguousarray(mesh.faces, dtype=np.uint32),
        )
    )
    if m.status() != manifold3d.Error.NoError:
        raise ValueError(f"not a closed manifold mesh: {m.status()}")
    return m


def _from_manifold(m: manifold3d.Manifold) -> trimesh.Trimesh:
    out = m.to_mesh()
    return trimesh.Trimesh(
        np.asarray(out.vert_properties[:, :3], float),
        np.asarray(out.tri_verts, np.int64),
        process=False,
    )


def _rotation_about(axis, angle: float, centre) -> np.ndarray:
    T = trimesh.transformations.rotation_matrix(angle, _unit(axis), np.asarray(centre, float))
    return np.asarray(T)


# ---------------------------------------------------------------- LLP26 bones in their CT frame
@lru_cache(maxsize=1)
def _ct_bones() -> dict[str, trimesh.Trimesh]:
    parts = llp26.pelvis_parts(SACRUM_DIVISIONS)
    if HIP_DIVISIONS != SACRUM_DIVISIONS:
        hips = llp26.pelvis_parts(HIP_DIVISIONS)
        parts["hip_bone_left"], parts["hip_bone_right"] = (
            hips["hip_bone_left"],
            hips["hip_bone_right"],
        )
    parts["femur_left"] = llp26.femur_left(FEMUR_DIVISIONS)
    return parts


# LPS directions of the CT frame, used only to seed the searches below.
_CT_RIGHT = np.array([-1.0, 0.0, 0.0])
_CT_ANTERIOR = np.array([0.0, -1.0, 0.0])
_CT_SUPERIOR = np.array([0.0, 0.0, 1.0])


def _asis(hip: trimesh.Trimesh, anterior, superior, above) -> np.ndarray:
    """The most anterior point of the ilium above the level ``above`` (a point)."""
    v = hip.vertices
    high = v[(v - above) @ superior > 30.0]
    return high[np.argmax(high @ anterior)]


def _head_sphere(femur: trimesh.Trimesh, superior, medial) -> tuple[np.ndarray, float]:
    """Sphere fitted to the femoral head: seeded at the top of the head, refined on the points
    lying on the sphere (the neck and fovea drop out)."""
    v = femur.vertices
    top = v[np.argmax(v @ (_unit(superior) + 0.6 * _unit(medial)))]
    c, r = top - 22.0 * _unit(superior + 0.3 * medial), 22.0
    for _ in range(8):
        d = np.linalg.norm(v - c, axis=1)
        near = v[(d < r * 1.25) & (np.abs(d - r) < max(2.0, 0.15 * r))]
        c, r = fit_sphere(near)
    return c, r


@dataclass(frozen=True)
class Placement:
    pelvis: np.ndarray  # 4x4, CT -> model, for the sacrum and the left hip bone
    femur: np.ndarray  # 4x4, CT -> model, for the left femur
    endplate_faces: np.ndarray  # sacrum face indices of the endplate patch
    asis_axis_angle: float  # degrees between the symmetry-plane normal and the inter-ASIS axis
    midline_offset: float  # mm from the endplate centroid to the symmetry plane


def _symmetry_plane(points: np.ndarray, normal0, point0) -> tuple[np.ndarray, float]:
    """Best-fit mirror plane (unit normal, offset) of a point set: reflect it across a first guess,
    register the reflection rigidly back onto the points, read the plane off the composition."""
    n0 = _unit(normal0)
    M0 = np.eye(4)
    M0[:3, :3] -= 2 * np.outer(n0, n0)
    M0[:3, 3] = 2 * (n0 @ point0) * n0
    mirrored = _transform(points, M0)
    T = align(mirrored[::4], points, initial=np.eye(4), allow_scale=False)
    S = T @ M0
    w, vecs = np.linalg.eig(S[:3, :3])
    n = _unit(np.real(vecs[:, np.argmin(np.real(w))]))
    if n @ n0 < 0:
        n = -n
    images = _transform(points, S)
    return n, float(((points + images) / 2 @ n).mean())


def _endplate_patch(sacrum: trimesh.Trimesh, right, up0, mid_point):
    """Faces of the S1 superior endplate: the flat patch facing up at the top of the midline."""
    centres, normals, areas = sacrum.triangles_center, sacrum.face_normals, sacrum.area_faces
    lateral = (centres - mid_point) @ right
    n = _unit(up0 - (up0 @ right) * right)
    for _ in range(6):
        facing = normals @ n > np.cos(np.radians(25))
        h = centres @ n
        top = h[facing & (np.abs(lateral) < 10.0)].max()
        region = facing & (h > top - 3.0) & (np.abs(lateral) < 35.0)
        # keep the patch connected to the top of the midline
        sub = np.flatnonzero(region)
        seed = sub[np.argmax(h[sub] - 10.0 * (np.abs(lateral[sub]) > 10.0))]
        graph = trimesh.graph.connected_components(
            sacrum.face_adjacency[np.all(region[sacrum.face_adjacency], axis=1)],
            nodes=sub,
            min_len=1,
        )
        region = np.asarray(next(c for c in graph if seed in c))
        # Behind the body the alae run level with the endplate; in front they fall away. The
        # endplate's half-width is where the front half of the patch ends.
        ant = (centres[region] - centres[region].mean(0)) @ np.cross(n, right)
        half_width = np.percentile(np.abs(lateral[region][ant > 0]), 99)
        region = region[np.abs(lateral[region]) <= half_width]
        c, n_new = fit_plane(centres[region], areas[region])
        n = n_new if n_new @ n > 0 else -n_new
    return np.asarray(sorted(region)), c, n


@lru_cache(maxsize=1)
def placement() -> Placement:
    bones = _ct_bones()
    sac, hip_l, hip_r, fem = (
        bones[k] for k in ("sacrum", "hip_bone_left", "hip_bone_right", "femur_left")
    )
    # Left-right: first guess from the two ASIS, refined to the pelvis's symmetry plane.
    centre_guess = np.vstack([hip_l.vertices, hip_r.vertices]).mean(0)
    asis_l = _asis(hip_l, _CT_ANTERIOR, _CT_SUPERIOR, centre_guess)
    asis_r = _asis(hip_r, _CT_ANTERIOR, _CT_SUPERIOR, centre_guess)
    asis_axis = _unit(asis_r - asis_l)
    pts = np.vstack([sac.vertices, hip_l.vertices, hip_r.vertices])
    right, offset = _symmetry_plane(pts, asis_axis, (asis_l + asis_r) / 2)
    angle = float(np.degrees(np.arccos(np.clip(right @ asis_axis, -1, 1))))
    mid_point = right * offset

    # The endplate faces anterior-superior: seed the search halfway between the two.
    faces, c, n = _endplate_patch(sac, right, _unit(_CT_SUPERIOR + _CT_ANTERIOR), mid_point)
    midline_offset = float(c @ right - offset)
    origin = c - midline_offset * right
    n_sag = _unit(n - (n @ right) * right)
    U = np.column_stack([right, n_sag, np.cross(n_sag, right)])
    ss = np.radians(P.SACRAL_SLOPE.value)
    m_n = np.array([0.0, np.sin(ss), np.cos(ss)])
    M = np.column_stack([frame.RIGHT, m_n, np.cross(m_n, frame.RIGHT)])
    T = np.eye(4)
    T[:3, :3] = M @ U.T
    T[:3, 3] = -T[:3, :3] @ origin

    # Femur: same move, then swung about the head centre so the mechanical axis stands vertical
    # in the sagittal plane, then seated with the head centred in the acetabulum (the two LLP26
    # means are not exactly concentric: their surfaces would overlap).
    fem_m = _transform(fem.vertices, T)
    head, head_r = _head_sphere(
        trimesh.Trimesh(fem_m, fem.faces, process=False), frame.SUPERIOR, frame.RIGHT
    )
    knee = fem_m[fem_m[:, 2] < fem_m[:, 2].min() + 15.0].mean(0)
    axis = head - knee
    tilt = np.arctan2(axis[1], axis[2])
    F = _rotation_about(frame.RIGHT, tilt, head) @ T
    socket, _ = acetabulum_sphere(_moved(hip_l, T), head, head_r)
    F[:3, 3] += socket - head
    return Placement(T, F, faces, angle, midline_offset)


def acetabulum_sphere(hip: trimesh.Trimesh, near, radius: float) -> tuple[np.ndarray, float]:
    """Sphere fitted to the acetabulum's articular (lunate) surface: the part of the hip bone
    facing a point ``near`` its centre and lying on a sphere; the deeper fossa drops out."""
    v, nrm = hip.vertices, hip.vertex_normals
    c, r = np.asarray(near, float), radius
    for _ in range(8):
        d = np.linalg.norm(v - c, axis=1)
        facing = (nrm * (c - v)).sum(1) > 0.6 * d
        c, r = fit_sphere(v[facing & (np.abs(d - r) < 3.0)])
    return c, r


# ---------------------------------------------------------------- the sacrum's own axes
@dataclass(frozen=True)
class SacralFrame:
    """Axes of S1 in the model frame: ``normal`` of the endplate (up the S1 body), ``anterior``
    in the endplate plane, and the endplate patch's size."""

    normal: np.ndarray
    anterior: np.ndarray
    width: float
    depth: float
    posterior_edge: float  # anterior-coordinate of the endplate's posterior edge (negative)
    anterior_edge: float


def _sacral_frame(sacrum: trimesh.Trimesh, faces) -> SacralFrame:
    c, n = fit_plane(sacrum.triangles_center[faces], sacrum.area_faces[faces])
    n = n if n[2] > 0 else -n
    n = _unit(n - n[0] * frame.RIGHT)
    a = np.cross(n, frame.RIGHT)
    pts = sacrum.triangles_center[faces]
    lo, hi = np.percentile(pts[:, 0], [1, 99])
    back, front = np.percentile(pts @ a, [1, 99])
    return SacralFrame(n, a, float(hi - lo), float(front - back), float(back), float(front))


def _depression(mesh: trimesh.Trimesh) -> np.ndarray:
    """How far each vertex lies below a heavily smoothed copy of the surface (negative in pits:
    LLP26's sacral foramina are such shallow pits)."""
    edges = mesh.edges_unique
    n = len(mesh.vertices)
    adj = sparse.coo_matrix(
        (
            np.ones(2 * len(edges)),
            (np.r_[edges[:, 0], edges[:, 1]], np.r_[edges[:, 1], edges[:, 0]]),
        ),
        shape=(n, n),
    ).tocsr()
    average = sparse.diags(1.0 / np.asarray(adj.sum(1)).ravel()) @ adj
    smooth = np.array(mesh.vertices)
    for _ in range(60):
        smooth += 0.5 * (average @ smooth - smooth)
    return ((mesh.vertices - smooth) * mesh.vertex_normals).sum(1)


def _pit(mesh, depth, facing, side: int, lateral, height, sf: SacralFrame) -> np.ndarray:
    """Centre of the deepest pit on the surface facing ``facing``, on one side, within a lateral
    range and a range of heights along the S1 axis; snapped onto the surface."""
    v, nrm = mesh.vertices, mesh.vertex_normals
    h = v @ sf.normal
    lat = side * v[:, 0]
    sel = (
        (nrm @ _unit(facing) > 0.3)
        & (lat > lateral[0])
        & (lat < lateral[1])
        & (h > height[0])
        & (h < height[1])
    )
    w = np.clip(-depth[sel], 0.0, None) ** 2
    deepest = w > 0.25 * w.max()
    centre = (v[sel][deepest] * w[deepest, None]).sum(0) / w[deepest].sum()
    return mesh.nearest.on_surface(centre[None])[0][0]


def _onto_surface(mesh: trimesh.Trimesh, point, outward) -> np.ndarray:
    """The surface point met coming in along ``-outward`` from outside, towards ``point``."""
    start = np.asarray(point, float) + 30.0 * _unit(outward)
    return start - _ray_hits(mesh, start, -_unit(outward))[0] * _unit(outward)


def _ray_hits(mesh: trimesh.Trimesh, origin, direction) -> np.ndarray:
    """Distances along a ray to every crossing of the surface, sorted."""
    locs, _, _ = mesh.ray.intersects_location([origin], [_unit(direction)], multiple_hits=True)
    if len(locs) == 0:
        return np.empty(0)
    return np.sort((locs - origin) @ _unit(direction))


# ---------------------------------------------------------------- canal and foramina (carved)
def _ring(centre, tangent, up_hint, half_height: float, half_width: float, k: int = 32):
    """Points of an ellipse around ``centre`` in the plane normal to ``tangent``; its height
    axis is ``up_hint`` made normal to the tangent."""
    t = _unit(tangent)
    u = _unit(up_hint - (up_hint @ t) * t)
    w = np.cross(t, u)
    ang = np.linspace(0, 2 * np.pi, k, endpoint=False)
    return centre + half_height * np.cos(ang)[:, None] * u + half_width * np.sin(ang)[:, None] * w


def _tube(points, half_heights, half_widths, up_hints, tangents=None) -> manifold3d.Manifold:
    """A smooth solid tube: convex hulls of consecutive elliptical rings, united."""
    pts = np.asarray(points, float)
    if tangents is None:
        tangents = np.gradient(pts, axis=0)
    rings = [
        _ring(p, t, np.asarray(h, float), a, b)
        for p, t, h, a, b in zip(pts, tangents, up_hints, half_heights, half_widths, strict=True)
    ]
    hulls = [
        manifold3d.Manifold.hull_points(np.vstack([r0, r1]).astype(np.float64))
        for r0, r1 in zip(rings[:-1], rings[1:], strict=True)
    ]
    return manifold3d.Manifold.batch_boolean(hulls, manifold3d.OpType.Add)


@dataclass(frozen=True)
class Tunnel:
    path: np.ndarray  # (N, 3) centreline, canal end first, outside end last
    opening: np.ndarray  # centre of the opening on the bone surface
    axis: np.ndarray  # unit direction of the last segment (out of the bone)
    up: np.ndarray  # unit craniocaudal axis of the opening (its "height")
    half_height: float
    half_width: float


@dataclass(frozen=True)
class SacralCarving:
    canal_path: np.ndarray
    canal_half_widths: np.ndarray
    canal_half_depths: np.ndarray  # of the carved tube (deeper at the top opening)
    canal_shift: np.ndarray  # (N, 3) where the carved rings sit relative to the path
    tunnels: dict  # name ("s1_anterior_left" ...) -> Tunnel
    cut_point: np.ndarray
    cut_normal: np.ndarray  # points up, into s1_segment


def _canal(sacrum: trimesh.Trimesh, sf: SacralFrame):
    """Centreline, half-widths and half-depths of the sacral canal, top (above the bone, so the
    canal opens upwards to meet L5's) to the hiatus (out through the dorsal surface)."""
    w0, d0 = P.SACRAL_CANAL_TOP_WIDTH / 2, P.SACRAL_CANAL_TOP_DEPTH / 2
    w1, d1 = P.SACRAL_CANAL_LOW_WIDTH / 2, P.SACRAL_CANAL_LOW_DEPTH / 2
    a_top = sf.posterior_edge - d0 - 0.5
    high = a_top * sf.anterior + 80.0 * sf.normal
    top = high - _ray_hits(sacrum, high, -sf.normal)[0] * sf.normal
    v = sacrum.vertices
    apex = v[np.argmin(v[:, 2])]
    prom_y = (sf.anterior_edge * sf.anterior)[1]
    # Rays fanning in the mid-sagittal plane from a point in front of the lower sacrum: each one
    # crosses the pelvic surface, then the canal, then the dorsal surface.
    centre = np.array([0.0, prom_y, apex[2] + 20.0])

    def ray(theta):
        return np.array([0.0, np.cos(theta), np.sin(theta)])

    th_top = np.arctan2(*(top - centre)[[2, 1]])
    th_end = np.arctan2(*(apex - centre)[[2, 1]]) % (2 * np.pi)
    # The top opening, straight along the S1 axis as the L5 canal above it runs. LLP26 fills the
    # space between the L5 and S1 laminae, so the opening reaches back through it: the S1 lamina
    # starts where the canal narrows to its own depth below.
    pts = [top + 10.0 * sf.normal, top, top - 8.0 * sf.normal]
    hw, hd = [w0] * 3, [3 * d0] * 3
    # Down the sacrum the canal shares the bone's thickness with the body in front and the roof
    # behind: LLP26's sacrum is thinner than the textbook sum of the three, so the canal takes
    # at most 42 % of it and its roof 18 % [constructed].
    for th in np.linspace(th_top, th_end, 40)[1:]:
        s = (th - th_top) / (th_end - th_top)
        half_w = w0 + (w1 - w0) * s
        # the tightest bone across the canal's width (the dorsal surface dips beside the crest)
        spans = [
            _ray_hits(sacrum, centre + dx * frame.RIGHT, ray(th))
            for dx in (0.0, -0.7 * half_w, 0.7 * half_w)
        ]
        if min(len(h) for h in spans) < 2:
            break
        r_in, r_out = max(h[0] for h in spans), min(h[-1] for h in spans)
        thickness = r_out - r_in
        half_d = min(d0 + (d1 - d0) * s, 0.21 * thickness)
        if half_d < d1:
            break
        r = r_out - max(P.SACRAL_WALL_MIN, 0.18 * thickness) - half_d
        p = centre + r * ray(th)
        if p @ sf.normal > top @ sf.normal - 16.0:  # still beside the top opening
            continue
        pts.append(p), hw.append(half_w), hd.append(half_d)
    # The hiatus: turn out through the dorsal surface.
    last = pts[-1]
    out = _unit(last - centre)
    pts += [last + out * 6.0, last + out * 14.0]
    hw += [hw[-1]] * 2
    hd += [hd[-1]] * 2
    # the widened top rings are centred behind the canal's own centreline
    shift = np.zeros((len(pts), 3))
    shift[:3] = -2 * d0 * sf.anterior
    return np.array(pts), np.array(hw), np.array(hd), shift


def _tunnel(start, opening, outward, up, half_height: float, half_width: float) -> Tunnel:
    """A foramen from ``start`` (in the canal) out through the opening along the surface normal
    there, on a smooth bend (quadratic Bezier) that reaches the opening along its axis."""
    ctrl = opening - 10.0 * outward
    t = np.linspace(0.0, 1.0, 9)[:, None]
    bend = (1 - t) ** 2 * start + 2 * t * (1 - t) * ctrl + t**2 * opening
    path = np.vstack([bend, opening + 3.0 * outward, opening + 6.0 * outward])
    return Tunnel(
        path, opening, _unit(outward), _unit(up - (up @ outward) * outward), half_height, half_width
    )


def _carving(sacrum: trimesh.Trimesh, sf: SacralFrame) -> SacralCarving:
    canal_path, hw, hd, shift = _canal(sacrum, sf)
    pits = _depression(sacrum)
    pelvic_side = _unit(sf.anterior - 0.5 * sf.normal)
    dorsal_side = _unit(-sf.anterior + 0.3 * sf.normal)
    tunnels = {}
    for side_name, side in (("right", 1), ("left", -1)):
        asf1 = _pit(sacrum, pits, pelvic_side, side, (12, 35), (-45, -15), sf)
        psf1 = _pit(sacrum, pits, dorsal_side, side, (15, 35), (-35, -10), sf)
        # LLP26's pit gives the level; the published distance from the midline gives the place
        psf1 = _onto_surface(
            sacrum, np.r_[side * P.S1_POSTERIOR_FORAMEN_LATERAL.value, psf1[1:]], dorsal_side
        )
        asf2 = _pit(sacrum, pits, pelvic_side, side, (10, 32), (-75, -48), sf)
        psf2 = _pit(sacrum, pits, dorsal_side, side, (16, 32), (-62, -38), sf)
        for level, asf, psf in (("s1", asf1, psf1), ("s2", asf2, psf2)):
            sizes = {
                "anterior": (
                    getattr(P, f"{level.upper()}_ANTERIOR_FORAMEN_HEIGHT"),
                    getattr(P, f"{level.upper()}_ANTERIOR_FORAMEN_WIDTH"),
                ),
                "posterior": (
                    getattr(P, f"{level.upper()}_POSTERIOR_FORAMEN_HEIGHT"),
                    getattr(P, f"{level.upper()}_POSTERIOR_FORAMEN_WIDTH"),
                ),
            }
            # Each sacral foramen leaves the canal sideways, then forks: forwards to the pelvic
            # opening (the ventral ramus's way) and backwards to the dorsal one. The S1 root
            # leaves from the canal's side; the S2 tunnels from its middle (from its side they
            # would run under the thin dorsal wall and break through).
            k = int(np.argmin(np.linalg.norm(canal_path - asf, axis=1)))
            start = canal_path[k]
            if level == "s1":
                start = (
                    start + side * max(hw[k] - sizes["anterior"][1].value / 2, 0.0) * frame.RIGHT
                )
            fork = None
            for kind, centre in (("anterior", asf), ("posterior", psf)):
                # the surface's mean normal around the opening
                near = np.linalg.norm(sacrum.triangles_center - centre, axis=1) < 5.0
                outward = _unit((sacrum.face_normals[near] * sacrum.area_faces[near, None]).sum(0))
                h, w = sizes[kind]
                t = _tunnel(
                    start if fork is None else fork,
                    centre,
                    outward,
                    sf.normal,
                    h.value / 2,
                    w.value / 2,
                )
                tunnels[f"{level}_{kind}_{side_name}"] = t
                fork = t.path[3]
    # The S1/S2 cut: a plane across the sacrum (containing the left-right axis) passing a little
    # below the lowest points of the S1 openings, front and back.
    gap = P.S1_S2_CUT_BELOW_FORAMINA

    def below(t: Tunnel):
        return t.opening - (t.half_height + gap) * t.up

    front = np.mean([below(tunnels[f"s1_anterior_{s}"]) for s in ("left", "right")], axis=0)
    back = np.mean([below(tunnels[f"s1_posterior_{s}"]) for s in ("left", "right")], axis=0)
    normal = _unit(np.cross(frame.RIGHT, front - back))
    normal = normal if normal @ sf.normal > 0 else -normal
    point = (front + back) / 2
    # every S1 tunnel stays above the cut
    s1_pts = np.vstack([t.path[:-1] for n, t in tunnels.items() if n.startswith("s1")])
    lowest = ((s1_pts - point) @ normal).min() - max(t.half_height for t in tunnels.values())
    if lowest < gap:
        point = point + (lowest - gap) * normal
    return SacralCarving(canal_path, hw, hd, shift, tunnels, point, normal)


def _carve(sacrum: trimesh.Trimesh, carving: SacralCarving) -> manifold3d.Manifold:
    n = len(carving.canal_path)
    # the canal's rings: "height" along the left-right axis (its width), then its depth
    cutters = [
        _tube(
            carving.canal_path + carving.canal_shift,
            carving.canal_half_widths,
            carving.canal_half_depths,
            [np.asarray(frame.RIGHT)] * n,
        )
    ]
    for t in carving.tunnels.values():
        m = len(t.path)
        # circular where it leaves the canal, the published opening's ellipse near the surface
        at_opening = np.linalg.norm(t.path - t.opening, axis=1) < 5.0
        r = min(t.half_height, t.half_width)
        hh = np.where(at_opening, t.half_height, r)
        ww = np.where(at_opening, t.half_width, r)
        tangents = np.gradient(t.path, axis=0)
        tangents[at_opening] = t.axis  # the opening's stretch runs straight along its axis
        cutters.append(_tube(t.path, hh, ww, [t.up] * m, tangents))
    return _to_manifold(sacrum) - manifold3d.Manifold.batch_boolean(cutters, manifold3d.OpType.Add)


def _clear_of(mesh: trimesh.Trimesh, obstacle: trimesh.Trimesh, gap: float) -> trimesh.Trimesh:
    """``mesh`` with its vertices that lie inside ``obstacle``, or closer to it than ``gap``,
    moved out along the obstacle's surface normal to ``gap`` from it (same faces)."""
    v = np.array(mesh.vertices)
    near = np.flatnonzero(
        cKDTree(obstacle.vertices).query(v, distance_upper_bound=gap + 6.0)[0] < np.inf
    )
    if len(near):
        closest, dist, tri = trimesh.proximity.closest_point(obstacle, v[near])
        normal = obstacle.face_normals[tri]
        signed = np.where(((v[near] - closest) * normal).sum(1) >= 0, dist, -dist)
        move = signed < gap
        v[near[move]] = closest[move] + gap * normal[move]
    return trimesh.Trimesh(v, mesh.faces.copy(), process=False)


def _solid(m: manifold3d.Manifold) -> trimesh.Trimesh:
    """The manifold as a trimesh, without the zero-volume slivers booleans can leave."""
    parts = [p for p in m.decompose() if p.volume() > 1.0]
    return _from_manifold(manifold3d.Manifold.batch_boolean(parts, manifold3d.OpType.Add))


# ---------------------------------------------------------------- hip bone and femur landmarks
def _hip_landmarks(
    hip: trimesh.Trimesh, sacrum: trimesh.Trimesh, head_centre, head_radius, side: int
) -> dict[str, np.ndarray]:
    """Landmarks of one hip bone (``side`` +1 right, -1 left), model frame."""
    v = hip.vertices
    out = {}
    ac, ar = acetabulum_sphere(hip, head_centre, head_radius)
    out["acetabulum_center"], out["acetabulum_radius"] = ac, np.array([ar])
    above = v[v[:, 2] > ac[2] + 30.0]
    out["asis"] = above[np.argmax(above[:, 1])]
    out["psis"] = above[np.argmin(above[:, 1])]
    out["iliac_crest_top"] = v[np.argmax(v[:, 2])]
    behind = v[v[:, 1] < ac[1] - 10.0]
    it = behind[np.argmin(behind[:, 2])]
    out["ischial_tuberosity"] = it
    # ischial spine: the posterior-medial point of the ischium between acetabulum and tuberosity
    band = v[(v[:, 2] < ac[2] - 5.0) & (v[:, 2] > it[2] + 25.0) & (v[:, 1] < ac[1])]
    medial = -side * band[:, 0]
    spine = band[np.argmax(-band[:, 1] + 0.7 * medial)]
    out["ischial_spine"] = spine
    # greater sciatic notch: deepest point of the posterior border between the spine and the
    # posterior iliac spines (furthest in front of the line joining them), in side view
    psis = out["psis"]
    border = []
    for z in np.arange(spine[2] + 2.0, psis[2] - 10.0, 2.0):
        ring = v[np.abs(v[:, 2] - z) < 1.0]
        if len(ring):
            border.append(ring[np.argmin(ring[:, 1])])
    border = np.array(border)
    chord = _unit((psis - spine)[1:])
    rel = (border - spine)[:, 1:]
    depth = rel[:, 0] * chord[1] - rel[:, 1] * chord[0]  # signed distance in front of the chord
    out["greater_sciatic_notch"] = border[np.argmax(depth)]
    # auricular surfaces: where ilium and sacrum face each other across the SI joint
    gap_hip = cKDTree(sacrum.vertices).query(v)[0]
    near = gap_hip < gap_hip.min() + 4.0
    out["iliac_auricular_surface"] = v[near].mean(0)
    sv = sacrum.vertices
    gap_sac = cKDTree(v).query(sv)[0]
    near_s = (gap_sac < gap_sac.min() + 4.0) & (side * sv[:, 0] > 0)
    out["auricular_surface"] = sv[near_s].mean(0)
    # pubic symphysis face: the most medial point of the pubis
    pubis = v[(v[:, 1] > ac[1]) & (v[:, 2] < ac[2])]
    out["pubic_symphysis_face"] = pubis[np.argmax(-side * pubis[:, 0])]
    return out


def _femur_landmarks(femur: trimesh.Trimesh, side: int) -> dict[str, np.ndarray]:
    v = femur.vertices
    lateral = side * frame.RIGHT
    head, r = _head_sphere(femur, frame.SUPERIOR, -lateral)
    out = {"femoral_head_center": head, "femoral_head_radius": np.array([r])}
    beyond = v[(v - head) @ lateral > 30.0]
    out["greater_trochanter"] = beyond[np.argmax(beyond[:, 2])]
    upper = v[v[:, 2] > head[2] - 70.0]
    out["greater_trochanter_lateral"] = upper[np.argmax(upper @ lateral)]
    # lesser trochanter: the point sticking out furthest back and inwards from the shaft, below
    # the neck
    band = v[(v[:, 2] < head[2] - 35.0) & (v[:, 2] > head[2] - 85.0)]
    axis_pt = band.mean(0)
    out["lesser_trochanter"] = band[np.argmax((band - axis_pt) @ _unit(-lateral - frame.ANTERIOR))]
    return out


# ---------------------------------------------------------------- sacrum landmarks
def _sacrum_landmarks(
    sacrum: trimesh.Trimesh,
    s1: trimesh.Trimesh,
    sf: SacralFrame,
    carving: SacralCarving,
    endplate_centre,
) -> dict[str, np.ndarray]:
    out = {
        "s1_endplate_center": endplate_centre,
        "s1_endplate_normal": sf.normal,
        "s1_endplate_anterior": sf.anterior,
        "s1_endplate_size": np.array([sf.width, sf.depth]),
        "s1_endplate_width": np.array([sf.width]),
        "s1_endplate_depth": np.array([sf.depth]),
    }
    v = sacrum.vertices
    h = (v - endplate_centre) @ sf.normal
    along = (v - endplate_centre) @ sf.anterior
    rim = (np.abs(v[:, 0]) < 4.0) & (np.abs(h) < 5.0)
    out["sacral_promontory"] = v[rim][np.argmax(along[rim])]
    out["sacral_apex"] = v[np.argmin(v[:, 2])]
    # superior articular facets: above the endplate, behind it, facing back and inwards
    sv, sn, sa = s1.triangles_center, s1.face_normals, s1.area_faces
    sh = (sv - endplate_centre) @ sf.normal
    salong = (sv - endplate_centre) @ sf.anterior
    for name, side in (("right", 1), ("left", -1)):
        lat = side * v[:, 0]
        out[f"sacral_ala_{name}"] = v[np.argmax(lat)]
        slat = side * sv[:, 0]
        # facing back and inwards (in S1's own axes), not up: the joint surface, not the tip
        back = sn @ -sf.anterior
        inward = sn @ (-side * frame.RIGHT)
        up = sn @ sf.normal
        sel = (
            (sh > 0.0)
            & (salong < sf.posterior_edge + 5.0)
            & (slat > 8.0)
            & (slat < 40.0)
            & (back > 0.45)
            & (inward > 0.0)
            & (up < 0.6)
        )
        centre = (sv[sel] * sa[sel, None]).sum(0) / sa[sel].sum()
        out[f"s1_superior_articular_facet_{name}"] = s1.nearest.on_surface(centre[None])[0][0]
        out[f"s1_superior_articular_facet_normal_{name}"] = _unit((sn[sel] * sa[sel, None]).sum(0))
        for kind in ("s1_anterior", "s1_posterior", "s2_anterior", "s2_posterior"):
            t = carving.tunnels[f"{kind}_{name}"]
            out[f"{kind}_foramen_{name}"] = t.opening
            out[f"{kind}_foramen_axis_{name}"] = t.axis
            out[f"{kind}_foramen_path_{name}"] = t.path
        out[f"s1_foramen_canal_end_{name}"] = carving.tunnels[f"s1_anterior_{name}"].path[0]
    out["sacral_canal_top_center"] = carving.canal_path[1]
    out["sacral_canal_path"] = carving.canal_path
    depth = np.minimum(carving.canal_half_depths, P.SACRAL_CANAL_TOP_DEPTH / 2)
    out["sacral_canal_size"] = 2 * np.column_stack([carving.canal_half_widths, depth])
    out["sacral_canal_axis"] = _unit(carving.canal_path[2] - carving.canal_path[1])
    out["s1_s2_cut_point"] = carving.cut_point
    out["s1_s2_cut_normal"] = carving.cut_normal
    return out


# ---------------------------------------------------------------- the build
def _cut_femur(femur: trimesh.Trimesh) -> tuple[trimesh.Trimesh, np.ndarray, np.ndarray]:
    """Keep the femur from the head to mid-shaft; returns the capped mesh, the cap centre and
    the shaft axis (pointing up)."""
    v = femur.vertices
    top, bottom = v[:, 2].max(), v[:, 2].min()
    length = top - bottom
    levels = top - length * np.linspace(0.3, 0.7, 9)
    centres = np.array(
        [np.vstack(femur.section([0, 0, 1], [0, 0, z]).discrete).mean(0) for z in levels]
    )
    axis = _unit(np.linalg.svd(centres - centres.mean(0))[2][0])
    axis = axis if axis[2] > 0 else -axis
    level = top - P.FEMUR_CUT_FRACTION * length
    on_axis = centres.mean(0) + (level - centres.mean(0)[2]) / axis[2] * axis
    kept = _solid(_to_manifold(femur).trim_by_plane(axis.tolist(), float(on_axis @ axis)))
    cap = kept.vertices[np.abs((kept.vertices - on_axis) @ axis) < 1e-3]
    return kept, cap.mean(0), axis


@lru_cache(maxsize=1)
def _built() -> tuple[dict[str, trimesh.Trimesh], dict[str, np.ndarray]]:
    pl = placement()
    bones = _ct_bones()
    hip_l = _moved(bones["hip_bone_left"], pl.pelvis)
    hip_r = frame.mirror_mesh(hip_l)
    # The LLP26 means touch and slightly overlap across the sacroiliac joints and at the
    # acetabular rim: open a joint space there.
    sacrum = _clear_of(
        _clear_of(_moved(bones["sacrum"], pl.pelvis), hip_l, P.SI_JOINT_MIN_GAP),
        hip_r,
        P.SI_JOINT_MIN_GAP,
    )
    femur_full = _clear_of(_moved(bones["femur_left"], pl.femur), hip_l, P.HIP_JOINT_MIN_GAP)
    sf = _sacral_frame(sacrum, pl.endplate_faces)
    endplate_centre = _transform(
        fit_plane(
            bones["sacrum"].triangles_center[pl.endplate_faces],
            bones["sacrum"].area_faces[pl.endplate_faces],
        )[0][None],
        pl.pelvis,
    )[0]
    carving = _carving(sacrum, sf)
    carved = _carve(sacrum, carving)
    upper, lower = carved.split_by_plane(
        carving.cut_normal.tolist(), float(carving.cut_point @ carving.cut_normal)
    )
    s1, s_low = _solid(upper), _solid(lower)
    femur_l, cap_centre, shaft_axis = _cut_femur(femur_full)

    meshes = {
        "s1_segment": s1,
        "sacrum_lower": s_low,
        "hip_bone_left": hip_l,
        "hip_bone_right": hip_r,
        "femur_left": femur_l,
        "femur_right": frame.mirror_mesh(femur_l),
    }
    for m in meshes.values():
        m.fix_normals()

    lm = _sacrum_landmarks(sacrum, s1, sf, carving, endplate_centre)
    left = _femur_landmarks(femur_full, -1)
    left["femur_shaft_cut_center"] = cap_centre
    left["femur_shaft_axis"] = shaft_axis
    left.update(
        _hip_landmarks(
            hip_l, sacrum, left["femoral_head_center"], float(left["femoral_head_radius"][0]), -1
        )
    )
    sym = left.pop("pubic_symphysis_face")
    lm["pubic_symphysis"] = np.array([0.0, sym[1], sym[2]])
    # the sacral side of the right SI joint faces the mirrored hip bone
    right = {k: (frame.mirror_points(v) if v.shape == (3,) else v) for k, v in left.items()}
    right["auricular_surface"] = _hip_landmarks(
        meshes["hip_bone_right"],
        sacrum,
        right["femoral_head_center"],
        float(right["femoral_head_radius"][0]),
        1,
    )["auricular_surface"]
    for k, v in left.items():
        lm[f"{k}_left"] = v
    for k, v in right.items():
        lm[f"{k}_right"] = v
    return meshes, lm


def landmarks() -> dict[str, np.ndarray]:
    """The published landmarks (model frame, mm), computed once per process."""
    return {k: np.array(v, copy=True) for k, v in _built()[1].items()}


def build(ctx) -> dict:
    from .build import Built

    meshes, lm = _built()
    ctx.landmarks.update(landmarks())
    return {sid: Built(mesh.copy()) for sid, mesh in meshes.items()}
