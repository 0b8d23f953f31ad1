"""The derived bones: S1 segment, lower sacrum, hip bones and proximal femurs.

Built at build time from the LLP26 mean bone surfaces of the PyPI package ``musculoskeletal-models``
(Auckland Bioengineering Institute; Mozilla Public License 2.0, https://mozilla.org/MPL/2.0/),
evaluated by :mod:`viewer.anatomy.llp26`. The resulting meshes are never committed.

* placed in the model frame by :mod:`viewer.anatomy.llp26_placement`;
* the sacrum's canal and S1/S2 foramina carved, and the sacrum cut into ``s1_segment`` and
  ``sacrum_lower``, by :mod:`viewer.anatomy.sacral_carving`; the S3/S4 foramina, the median
  sacral crest and the coccyx (part of ``sacrum_lower``) by :mod:`viewer.anatomy.sacral_detail`;
  the pelvic surface's transverse ridges, the ventral rami's grooves and the anterior foramina's
  sunk mouths by :mod:`viewer.anatomy.sacral_pelvic_surface`;
  the S1 laminae and spinous tubercle by :mod:`viewer.anatomy.sacral_tubercle`; the top of the
  S1 body (a flat rimmed endplate, the promontory's lip) by :mod:`viewer.anatomy.s1_endplate`;
* the acetabular fossa and notch sunk inside the lunate surface by :mod:`viewer.anatomy.acetabulum`;
* the spines, the notches between them, the iliac tubercle and the ischial tuberosity in relief
  by :mod:`viewer.anatomy.hip_relief`;
* landmarks found by :mod:`viewer.anatomy.pelvis_landmarks` (its docstring lists them all).

Symmetry: the left hip bone and left femur are LLP26's; the right ones are their mirror images
across x = 0 (LLP26's right hip is not an exact mirror of its left; the package's right femur is
itself mirrored from the left). The sacrum is LLP26's own, placed as above. The LLP26 means touch
and slightly overlap across the sacroiliac joints and at the acetabular rim: a joint space is
opened there. The femurs are cut across the shaft at mid-length and capped.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
import trimesh

from ..vocabulary import SIDES
from . import (
    acetabulum,
    even_caps,
    frame,
    hip_relief,
    perturbation,
    sacral_facets,
    section_bands,
    section_caps,
)
from . import parameters as P
from . import s1_endplate as endplate
from . import sacral_carving as carving
from . import sacral_detail as detail
from . import sacral_pelvic_surface as pelvic_surface
from . import sacral_tubercle as tubercle
from .build import BuildContext, Built
from .frame import unit
from .geometry import clear_of, fit_plane, moved, solid, to_manifold, transform_points
from .hip_joint_surfaces import neck_direction, socket_clear_of_head, spherical_head
from .llp26_placement import acetabulum_sphere, ct_bones, femoral_head_sphere, placement
from .meshing import smoothed
from .pelvis_landmarks import PelvisLandmarks, femur_landmarks, hip_landmarks, sacrum_landmarks


def _cut_femur(femur: trimesh.Trimesh) -> tuple[trimesh.Trimesh, np.ndarray, np.ndarray]:
    """Keep the femur from the head to mid-shaft; returns the capped mesh, the cap centre and
    the shaft axis (pointing up)."""
    v = femur.vertices
    top, bottom = v[:, 2].max(), v[:, 2].min()
    length = top - bottom
    levels = top - length * np.linspace(0.3, 0.7, 9)
    centres = []
    for z in levels:
        section = femur.section([0, 0, 1], [0, 0, z])
        if section is None:
            raise ValueError(f"the femur has no section at z = {z:.1f}")
        centres.append(np.vstack(section.discrete).mean(0))
    mid = np.mean(centres, axis=0)
    axis = unit(np.linalg.svd(np.asarray(centres) - mid)[2][0])
    axis = axis if axis[2] > 0 else -axis
    level = top - P.FEMUR_CUT_FRACTION * length
    on_axis = mid + (level - mid[2]) / axis[2] * axis
    kept = solid(to_manifold(femur).trim_by_plane(axis.tolist(), float(on_axis @ axis)))
    cap = kept.vertices[np.abs((kept.vertices - on_axis) @ axis) < 1e-3]
    section_caps.tag_plane(kept, on_axis, axis, 1e-3)  # the shaft runs on: a section
    return kept, cap.mean(0), axis


#: Taubin iterations that smooth the LLP26 sacrum's element creases [constructed]
SACRUM_SMOOTHING = 3


def _sectioned(part: trimesh.Trimesh, point: np.ndarray, inward: np.ndarray) -> trimesh.Trimesh:
    """``part`` of the sacrum with its cut (the plane through ``point``, ``inward`` pointing into
    the bone) rebuilt with an even rim and cap; the plain even cap where the rim's rows cannot be
    laid."""
    banded = section_bands.banded_section(part, point, inward, P.SACRAL_CUT_SPACING)
    if banded is not None:
        return banded
    return even_caps.even_cap(part, point, inward, P.SACRAL_CUT_SPACING)


@lru_cache(maxsize=1)
def _built() -> tuple[dict[str, trimesh.Trimesh], PelvisLandmarks, dict[str, carving.Tunnel]]:
    pl = placement()
    bones = ct_bones()
    hip_l = moved(bones["hip_bone_left"], pl.pelvis)
    # The LLP26 means touch and slightly overlap at the acetabular rim and across the sacroiliac
    # joints: a joint space is opened there. The hip's two surfaces are made congruent (the head
    # laid on its sphere, the socket's bumps inside it pushed out: hip_joint_surfaces), then the
    # femur, and the sacrum below, are cleared of the hip bones.
    placed_femur = moved(bones["femur_left"], pl.femur)
    head0, radius0 = femoral_head_sphere(placed_femur, frame.SUPERIOR, frame.RIGHT)
    round_femur = spherical_head(placed_femur, head0, radius0, neck_direction(placed_femur, head0))
    femur_full = clear_of(
        round_femur,
        socket_clear_of_head(hip_l, head0, radius0, P.HIP_JOINT_MIN_GAP),
        P.HIP_JOINT_MIN_GAP,
    )
    femur_l, cap_centre, shaft_axis = _cut_femur(femur_full)
    femur_left = femur_landmarks(femur_full, -1, cap_centre, shaft_axis)
    head, radius = femur_left.femoral_head_center, femur_left.femoral_head_radius
    # the acetabular fossa and notch inside the lunate surface (acetabulum)
    # (the landmarks are the bone's before it: the joint's centre is the whole socket's sphere)
    plain_l, plain_r = hip_l, frame.mirror_mesh(hip_l)
    hip_l = acetabulum.with_fossa(hip_l, *acetabulum_sphere(hip_l, head, radius))
    # (the socket kept clear of the head once its fossa is sunk: the fossa's floor, found from
    # the plain socket, stays as it was)
    hip_l = socket_clear_of_head(hip_l, head0, radius0, P.HIP_JOINT_MIN_GAP)
    hip_r = frame.mirror_mesh(hip_l)
    # LLP26's elements meet at creases that shade as facets: smooth them out first
    placed_sacrum = smoothed(moved(bones["sacrum"], pl.pelvis), SACRUM_SMOOTHING)
    # (cleared of the plain hip bones: the acetabulum lies far from the sacroiliac joints, and
    # the sacrum then does not change, not even in its last bits, when the socket is reshaped)
    sacrum = clear_of(
        clear_of(placed_sacrum, plain_l, P.SI_JOINT_MIN_GAP),
        plain_r,
        P.SI_JOINT_MIN_GAP,
    )
    hip_left = hip_landmarks(plain_l, sacrum, head, radius, -1)
    # the spines as points, the notches between them, the iliac tubercle and the ischial
    # tuberosity in relief (hip_relief), about the landmarks of the plain bone
    hip_l = hip_relief.with_relief(hip_l, hip_left, -1, sacrum)
    hip_r = frame.mirror_mesh(hip_l)
    sf = carving.sacral_frame(sacrum, pl.endplate_faces)
    endplate_centre = transform_points(
        fit_plane(
            bones["sacrum"].triangles_center[pl.endplate_faces],
            bones["sacrum"].area_faces[pl.endplate_faces],
        )[0][None],
        pl.pelvis,
    )[0]
    cut = carving.carving(sacrum, sf)
    # the S3 and S4 foramina, the median crest and the coccyx (sacral_detail)
    pits = carving._depression(sacrum)
    lower_tunnels: dict[str, carving.Tunnel] = {}
    for side in sorted(SIDES, reverse=True):
        lower_tunnels.update(detail.lower_tunnels(sacrum, sf, pits, side))
    cut = replace(cut, tunnels={**cut.tunnels, **lower_tunnels})
    # the anterior foramina's mouths sunk flush into the pelvic surface, each running out into
    # its ventral ramus's groove (sacral_pelvic_surface); the ridges laid on that surface
    front = pelvic_surface.sunk_openings(sacrum, cut.tunnels)
    crested = solid(
        to_manifold(front)
        + detail.median_crest(sacrum, sf, cut.canal_path)
        + pelvic_surface.transverse_ridges(front, cut.tunnels)
    )
    crested = solid(
        sacral_facets.superior_articular_processes(to_manifold(crested), endplate_centre, sf.normal)
    )
    # the S1 laminae and spinous tubercle (sacral_tubercle), added once the canal is carved
    # (the slivers the canal's cutter leaves in the canal dropped first, before anything made
    # under the build's rounding noise joins it, so that which go does not depend on it)
    carved_bone = solid(carving.carve(crested, cut))
    carved = to_manifold(carved_bone) + tubercle.s1_arch(cut, carved_bone)
    upper, lower = carved.split_by_plane(
        cut.cut_normal.tolist(), float(cut.cut_point @ cut.cut_normal)
    )
    # the top of the S1 body rebuilt: a flat rimmed endplate, the promontory's lip (s1_endplate)
    s1 = carving.without_fins(solid(endplate.with_endplate(upper, endplate_centre, sf.normal)))
    s_low = carving.without_fins(solid(detail.with_coccyx(lower, sacrum, sf)))
    # the faces where the sacrum is divided below S1 are a section through the bone: evenly
    # triangulated (not a fan from the rim), drawn in the cut colour when either part is seen
    # alone, with even rows of triangles either side of its rim (section_bands: no saw-tooth)
    s1, s_low = (
        _sectioned(part, cut.cut_point, sign * cut.cut_normal)
        for part, sign in ((s1, 1.0), (s_low, -1.0))
    )
    for part in (s1, s_low):
        section_caps.tag_plane(part, cut.cut_point, cut.cut_normal, 1e-3)

    meshes = {
        "s1_segment": s1,
        "sacrum_lower": s_low,
        "hip_bone_left": hip_l,
        "hip_bone_right": hip_r,
        "femur_left": femur_l,
        "femur_right": frame.mirror_mesh(femur_l),
    }
    meshes["femur_right"].vertex_attributes.update(femur_l.vertex_attributes)  # its section
    for m in meshes.values():
        m.fix_normals()

    # the sacral side of the right SI joint faces the mirrored hip bone
    hip_right = hip_left.mirrored()
    right_auricular = hip_landmarks(
        plain_r, sacrum, frame.mirror_points(head), radius, 1
    ).auricular_surface
    marks = PelvisLandmarks(
        sacrum=sacrum_landmarks(sacrum, s1, sf, cut, endplate_centre),
        hips={"left": hip_left, "right": replace(hip_right, auricular_surface=right_auricular)},
        femurs={"left": femur_left, "right": femur_left.mirrored()},
    )
    return meshes, marks, lower_tunnels


def lower_sacral_foramina() -> dict[str, carving.Tunnel]:
    """The S3 and S4 foramina's tunnels by name (``s3_anterior_left`` ...), as carved."""
    return _built()[2]


def pelvis_landmarks() -> PelvisLandmarks:
    """The derived bones' landmarks, typed (computed once per process)."""
    return _built()[1]


def landmarks() -> dict[str, np.ndarray]:
    """The published landmarks by name (model frame, mm), computed once per process."""
    return pelvis_landmarks().named()


def build(ctx: BuildContext) -> dict[str, Built]:
    # (as if on another machine, the bones are derived again: the derivation cached in this
    # process, by landmarks() or an earlier build, is this machine's)
    meshes, marks, _ = _built.__wrapped__() if perturbation.active() else _built()
    ctx.landmarks.update(marks.named())
    return {sid: Built(mesh.copy()) for sid, mesh in meshes.items()}
