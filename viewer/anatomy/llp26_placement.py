"""Where the LLP26 mean bones go: from the CT frame of LLP26 (LPS) into the model frame of
:mod:`viewer.anatomy.frame`.

* The mid-sagittal plane is the best-fit symmetry plane of the whole LLP26 pelvis (the pelvis
  reflected and registered onto itself); its normal, pointing to the patient's right, is +x. It
  agrees with the inter-ASIS axis to within a few degrees (``placement().asis_axis_angle``).
* The S1 superior endplate is found on the sacrum as the flat, upward-facing patch at the top of
  the midline (a plane is fitted to it); the origin is its centroid, moved onto the mid-sagittal
  plane.
* The pelvis is turned about x until the endplate normal is tilted ``parameters.SACRAL_SLOPE``
  from vertical, facing anterior-superior.
* The femur keeps its CT coronal and axial pose but is swung about its head centre until its
  mechanical axis (head centre to knee centre) is vertical in the sagittal plane (standing), and
  is seated with its head centred in the acetabulum.

The search windows used here are in :mod:`viewer.anatomy.parameters` with how each was chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import trimesh

from . import frame, llp26
from . import parameters as P
from .compare import align
from .frame import unit
from .geometry import fit_plane, fit_sphere, moved, rotation_about, transform_points

#: Sub-grid divisions per element edge (the reference meshes use 11 for the pelvis, 9 for the femur).
SACRUM_DIVISIONS = 10
HIP_DIVISIONS = 12
FEMUR_DIVISIONS = 14

# LPS directions of the CT frame, used only to seed the searches below.
_CT_RIGHT = np.array([-1.0, 0.0, 0.0])
_CT_ANTERIOR = np.array([0.0, -1.0, 0.0])
_CT_SUPERIOR = np.array([0.0, 0.0, 1.0])


@lru_cache(maxsize=1)
def ct_bones() -> dict[str, trimesh.Trimesh]:
    """The LLP26 mean sacrum, hip bones and left femur in their CT frame (evaluated once)."""
    parts = llp26.pelvis_parts(SACRUM_DIVISIONS)
    if HIP_DIVISIONS != SACRUM_DIVISIONS:
        hips = llp26.pelvis_parts(HIP_DIVISIONS)
        parts["hip_bone_left"], parts["hip_bone_right"] = (
            hips["hip_bone_left"],
            hips["hip_bone_right"],
        )
    parts["femur_left"] = llp26.femur_left(FEMUR_DIVISIONS)
    return parts


def _asis(
    hip: trimesh.Trimesh, anterior: np.ndarray, superior: np.ndarray, above: np.ndarray
) -> np.ndarray:
    """The most anterior point of the ilium high above the point ``above`` (the pelvis's centre)."""
    v = hip.vertices
    high = v[P.ASIS_ABOVE_PELVIS_CENTRE.holds((v - above) @ superior)]
    return high[np.argmax(high @ anterior)]


def femoral_head_sphere(
    femur: trimesh.Trimesh, superior: np.ndarray, medial: np.ndarray
) -> tuple[np.ndarray, float]:
    """Sphere (centre, radius) fitted to the femoral head: seeded at the top of the head,
    refined on the points lying on the sphere (the neck and fovea drop out)."""
    v = femur.vertices
    top = v[np.argmax(v @ (unit(superior) + P.FEMORAL_HEAD_TOP_MEDIAL_LEAN * unit(medial)))]
    r = P.FEMORAL_HEAD_SEED_RADIUS
    c = top - r * unit(superior + 0.3 * medial)
    for _ in range(8):
        d = np.linalg.norm(v - c, axis=1)
        shell = max(P.SPHERE_FIT_SHELL_MIN, P.SPHERE_FIT_SHELL_SHARE * r)
        near = v[(d < r * 1.25) & (np.abs(d - r) < shell)]
        c, r = fit_sphere(near)
    return c, r


def acetabulum_sphere(
    hip: trimesh.Trimesh, near: np.ndarray, radius: float
) -> tuple[np.ndarray, float]:
    """Sphere fitted to the acetabulum's articular (lunate) surface: the part of the hip bone
    facing a point ``near`` its centre and lying on a sphere; the deeper fossa drops out."""
    v, nrm = hip.vertices, hip.vertex_normals
    c, r = np.asarray(near, float), radius
    for _ in range(8):
        d = np.linalg.norm(v - c, axis=1)
        facing = (nrm * (c - v)).sum(1) > P.ACETABULUM_FACING_COSINE * d
        c, r = fit_sphere(v[facing & (np.abs(d - r) < P.ACETABULUM_SHELL)])
    return c, r


@dataclass(frozen=True)
class Placement:
    """The moves from LLP26's CT frame into the model frame, and what fixed them."""

    pelvis: np.ndarray  # 4x4, CT -> model, for the sacrum and the left hip bone
    femur: np.ndarray  # 4x4, CT -> model, for the left femur
    endplate_faces: np.ndarray  # sacrum face indices of the endplate patch
    asis_axis_angle: float  # degrees between the symmetry-plane normal and the inter-ASIS axis
    midline_offset: float  # mm from the endplate centroid to the symmetry plane


def _symmetry_plane(
    points: np.ndarray, normal0: np.ndarray, point0: np.ndarray
) -> tuple[np.ndarray, float]:
    """Best-fit mirror plane (unit normal, offset) of a point set: reflect it across a first guess,
    register the reflection rigidly back onto the points, read the plane off the composition."""
    n0 = unit(normal0)
    M0 = np.eye(4)
    M0[:3, :3] -= 2 * np.outer(n0, n0)
    M0[:3, 3] = 2 * (n0 @ point0) * n0
    mirrored = transform_points(points, M0)
    T = align(mirrored[::4], points, initial=np.eye(4), allow_scale=False)
    S = T @ M0
    w, vecs = np.linalg.eig(S[:3, :3])
    n = unit(np.real(vecs[:, np.argmin(np.real(w))]))
    if n @ n0 < 0:
        n = -n
    images = transform_points(points, S)
    return n, float(((points + images) / 2 @ n).mean())


def _endplate_patch(
    sacrum: trimesh.Trimesh, right: np.ndarray, up0: np.ndarray, mid_point: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Faces of the S1 superior endplate, the flat patch facing up at the top of the midline,
    and the plane fitted to it (centroid, unit normal)."""
    centres, normals, areas = sacrum.triangles_center, sacrum.face_normals, sacrum.area_faces
    lateral = (centres - mid_point) @ right
    n = unit(up0 - (up0 @ right) * right)
    seed_width = P.ENDPLATE_SEED_HALF_WIDTH
    for _ in range(6):
        facing = normals @ n > np.cos(np.radians(P.ENDPLATE_FACING_ANGLE))
        h = centres @ n
        top = h[facing & (np.abs(lateral) < seed_width)].max()
        region = (
            facing & (h > top - P.ENDPLATE_DEPTH_BAND) & (np.abs(lateral) < P.ENDPLATE_HALF_WIDTH)
        )
        # keep the patch connected to the top of the midline
        sub = np.flatnonzero(region)
        seed = sub[np.argmax(h[sub] - 10.0 * (np.abs(lateral[sub]) > seed_width))]
        graph = trimesh.graph.connected_components(
            sacrum.face_adjacency[np.all(region[sacrum.face_adjacency], axis=1)],
            nodes=sub,
            min_len=1,
        )
        patch = np.asarray(next(c for c in graph if seed in c))
        # Behind the body the alae run level with the endplate; in front they fall away. The
        # endplate's half-width is where the front half of the patch ends.
        ant = (centres[patch] - centres[patch].mean(0)) @ np.cross(n, right)
        half_width = np.percentile(np.abs(lateral[patch][ant > 0]), 99)
        patch = patch[np.abs(lateral[patch]) <= half_width]
        c, n_new = fit_plane(centres[patch], areas[patch])
        n = n_new if n_new @ n > 0 else -n_new
    return np.asarray(sorted(patch)), c, n


@lru_cache(maxsize=1)
def placement() -> Placement:
    """The placement of the LLP26 bones (computed once per process)."""
    bones = ct_bones()
    sac, hip_l, hip_r, fem = (
        bones[k] for k in ("sacrum", "hip_bone_left", "hip_bone_right", "femur_left")
    )
    # Left-right: first guess from the two ASIS, refined to the pelvis's symmetry plane.
    centre_guess = np.vstack([hip_l.vertices, hip_r.vertices]).mean(0)
    asis_l = _asis(hip_l, _CT_ANTERIOR, _CT_SUPERIOR, centre_guess)
    asis_r = _asis(hip_r, _CT_ANTERIOR, _CT_SUPERIOR, centre_guess)
    asis_axis = unit(asis_r - asis_l)
    pts = np.vstack([sac.vertices, hip_l.vertices, hip_r.vertices])
    right, offset = _symmetry_plane(pts, asis_axis, (asis_l + asis_r) / 2)
    angle = float(np.degrees(np.arccos(np.clip(right @ asis_axis, -1, 1))))
    mid_point = right * offset

    # The endplate faces anterior-superior: seed the search halfway between the two.
    faces, c, n = _endplate_patch(sac, right, unit(_CT_SUPERIOR + _CT_ANTERIOR), mid_point)
    midline_offset = float(c @ right - offset)
    origin = c - midline_offset * right
    n_sag = unit(n - (n @ right) * right)
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
    fem_m = transform_points(fem.vertices, T)
    head, head_r = femoral_head_sphere(
        trimesh.Trimesh(fem_m, fem.faces, process=False), frame.SUPERIOR, frame.RIGHT
    )
    knee = fem_m[fem_m[:, 2] < fem_m[:, 2].min() + P.KNEE_CENTRE_BAND].mean(0)
    axis = head - knee
    tilt = np.arctan2(axis[1], axis[2])
    F = rotation_about(frame.RIGHT, tilt, head) @ T
    socket, _ = acetabulum_sphere(moved(hip_l, T), head, head_r)
    F[:3, 3] += socket - head
    return Placement(T, F, faces, angle, midline_offset)
