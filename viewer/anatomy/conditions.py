"""Condition shapes, built from the model itself (hidden until a condition story shows them).

* ``disc_herniation_<side>``: a posterolateral extrusion of the disc: a rounded, lobulated
  fragment of nucleus on a narrow neck through the annulus, bulging back into the lateral recess
  onto the traversing S1 root (aimed at ``lateral_recess_<side>``) and sunk a little below the
  tear, extruded just far enough to press on the root (the built root says where); cut away
  where it would enter bone or the root, so it lies against the root.
* ``foraminal_spur_<side>``: an osteophyte growing from the S1 bone nearest the L5-S1 foramen
  (the superior articular process) towards the foramen's centre, filling ``SPUR_REACH`` of the
  free clearance there.
* ``sacroiliac_inflammation_<side>``: the SI joint space grown by ``SI_INFLAMMATION_SWELLING``.
* ``s1_pain_area_<side>``, ``referred_pain_area_<side>``: thin closed patches lying just outside
  the skin (:mod:`viewer.anatomy.pain_areas`).

(``piriformis_spasm_<side>`` is made with the muscles.)
"""

from __future__ import annotations

import numpy as np
import trimesh

from ..vocabulary import SIDES
from . import implicit, meshing, pain_areas, root_bundles, routing
from . import nerve_shapes as shapes
from . import parameters as P
from .bone_fields import cut_where_near, distance, facing_surface_point, missing
from .build import Built
from .frame import mirror_mesh
from .structures import BY_ID

MAX_FACES = 2000


from .frame import unit as _unit  # noqa: E402


def _lm(ctx, name) -> np.ndarray:
    return np.asarray(ctx.landmarks[name], float).reshape(-1)[:3]


def _mesh_near(f, centre, half: float, voxel: float, faces: int = MAX_FACES) -> trimesh.Trimesh:
    c = np.asarray(centre, float)
    return meshing.mesh_sdf_banded(f, (c - half, c + half), voxel=voxel, target_faces=faces)


# ---------------------------------------------------------------- disc herniation
def herniation_axis(ctx, side: str) -> tuple[np.ndarray, np.ndarray]:
    """Where the herniation leaves the disc (``l5_s1_disc_posterolateral_<side>``) and the unit
    direction it extrudes in: towards the S1 root in its lateral recess (``lateral_recess_<side>``,
    where the root runs behind the disc's lower back edge and over the back of S1). A
    posterolateral extrusion migrating down onto the traversing root (Bogduk ch. 15)."""
    p = _lm(ctx, f"l5_s1_disc_posterolateral_{side}")
    return p, _unit(_lm(ctx, f"lateral_recess_{side}") - p)


def herniation_sdf(ctx, side: str, size: float) -> implicit.SDF:
    """A fragment of nucleus extruded ``size`` mm from the disc's posterolateral corner towards
    the S1 root (:func:`herniation_axis`): a narrow neck through the tear in the annulus (from
    1.5 mm inside it to ``HERNIATION_NECK_LENGTH`` out; ``HERNIATION_NECK``) opening into a
    rounded, lobulated mass behind the disc (``HERNIATION_FRAGMENT``, at least; a main lobe
    reaching from the neck's end to ``size`` mm out, and smaller lobes on it, ``HERNIATION_LOBES``:
    above and inward, below and outward, on its far side above), sunk ``HERNIATION_MIGRATION``
    below the tear (migrating a little down behind S1). The neck is filleted into the mass
    (``HERNIATION_NECK_FILLET``), the lobes into each other (``HERNIATION_LOBE_FILLET``)."""
    p, t = herniation_axis(ctx, side)
    up = _unit(np.asarray(ctx.landmarks["l5_frame"], float)[:3, 2])
    up = _unit(up - (up @ t) * t)
    across = np.cross(t, up)
    axes = np.column_stack([t, across, up])
    disc_back = float(_lm(ctx, "l5_s1_disc_posterior_height")[0])
    neck_w, neck_h = P.HERNIATION_NECK
    neck = implicit.elliptic_cone(
        p - 1.5 * t,
        p + P.HERNIATION_NECK_LENGTH * t,
        (neck_w, neck_w),
        (neck_h * disc_back, neck_h * disc_back),
        up,
    )
    # the mass fills the way from the neck's end to its far side, ``size`` mm out
    depth, width, height = P.HERNIATION_FRAGMENT
    depth = max(depth, 0.5 * (size - P.HERNIATION_NECK_LENGTH))
    centre = p + max(size - depth, 0.0) * t - P.HERNIATION_MIGRATION * up
    lobes = [implicit.ellipsoid(centre, (depth, width, height), axes)]
    # (the lobes mirror with the side: "inward" is towards the midline, -across on the left)
    inward = -np.sign(across[0]) * across if abs(across[0]) > 1e-6 else across
    for (dx, du, dz), r in P.HERNIATION_LOBES:
        c = centre + dx * depth * t + du * width * inward + dz * height * up
        lobes.append(implicit.ellipsoid(c, np.array([depth, width, height]) * r, axes))
    mass = implicit.smooth_union(P.HERNIATION_LOBE_FILLET, *lobes)
    return implicit.smooth_union(P.HERNIATION_NECK_FILLET, neck, mass)


def herniation_size(ctx, side: str) -> float:
    """How far (mm) the disc's posterolateral herniation must extrude to press
    ``HERNIATION_ROOT_INDENT`` into the traversing S1 root (bisection on :func:`herniation_sdf`).

    The root is taken as the centrelines of its two roots (:func:`root_bundles.bundle_lines`,
    every 0.25 mm of its centreline) and their radii there, beyond their junction as its
    centreline and radius: its mesh's vertices, which another machine's decimation places
    elsewhere, made the size jump (the left herniation moved 0.13 mm on average between two
    machines)."""
    line = routing.resample(ctx.centerline(f"s1_nerve_root_{side}"), 0.25)
    radius = P.S1_ROOT_THICKNESS.value / 2.0
    radii, ganglion = shapes.ganglion_profile(line, radius, _lm(ctx, f"s1_ganglion_{side}"))
    dorsal, rd, ventral, rv, join = root_bundles.bundle_lines(
        line, radius, ganglion, P.S1_VENTRAL_ON_GANGLION
    )
    before = routing.arc_length(line) < join
    points = np.vstack([dorsal[before], ventral[before], line[~before]])
    reach = np.concatenate([rd[before], rv[before], radii[~before]]) - P.HERNIATION_ROOT_INDENT
    p = _lm(ctx, f"l5_s1_disc_posterolateral_{side}")
    near = np.linalg.norm(points - p, axis=1) < 30.0
    points, reach = points[near], reach[near]
    lo, hi = 0.5, P.HERNIATION_MAX_REACH
    for _ in range(24):
        mid = (lo + hi) / 2
        if (herniation_sdf(ctx, side, mid)(points) - reach).min() < 0.0:
            hi = mid
        else:
            lo = mid
    return hi


def herniation(ctx, side: str) -> trimesh.Trimesh:
    """The disc's posterolateral herniation (:func:`herniation_sdf`), grown until it presses
    on the S1 root, and cut where it would enter bone or the root (so it moulds round the root)."""
    size = herniation_size(ctx, side)
    shape = herniation_sdf(ctx, side, size)
    bones = distance(ctx, ["l5_vertebra", "s1_segment"])
    root = distance(ctx, [f"s1_nerve_root_{side}"])
    # the bones and root only where it reaches; it sinks HERNIATION_ROOT_CONTACT into the root, so
    # that it touches it after meshing (smoothing draws a surface back a little)
    shape = cut_where_near(
        shape,
        lambda q: np.maximum(-bones(q), -root(q) - P.HERNIATION_ROOT_CONTACT),
        rounding=P.HERNIATION_CUT_ROUNDING,
    )
    p, d = herniation_axis(ctx, side)
    return _mesh_near(shape, p + d * size / 2, size / 2 + 14.0, 0.35)


# ---------------------------------------------------------------- foraminal spur
#: the spur's base: where S1 faces the foramen, its surface within this of the nearest point, mm
SPUR_BASE_SPREAD = 1.5


def spur(ctx, side: str) -> tuple[trimesh.Trimesh, implicit.SDF]:
    centre = _lm(ctx, f"l5_s1_foramen_{side}")
    base = facing_surface_point(ctx.mesh("s1_segment"), centre, SPUR_BASE_SPREAD)
    towards = _unit(centre - base)
    clear = float(np.linalg.norm(centre - base))
    tip = base + towards * (P.SPUR_REACH * clear - P.SPUR_TIP_RADIUS)
    root = base - towards * 2.0  # rooted in the bone
    shape = implicit.round_cone(root, tip, P.SPUR_BASE_RADIUS, P.SPUR_TIP_RADIUS)
    mesh = _mesh_near(shape, (root + tip) / 2, clear / 2 + P.SPUR_BASE_RADIUS + 4, 0.25)
    return mesh, shape


# ---------------------------------------------------------------- SI joint inflammation
def si_inflammation(ctx, side: str) -> trimesh.Trimesh:
    joint = ctx.mesh(f"sacroiliac_joint_{side}")
    grown = implicit.offset(implicit.mesh_distance(joint, 1.0), P.SI_INFLAMMATION_SWELLING)
    lo, hi = joint.bounds
    pad = P.SI_INFLAMMATION_SWELLING + 4
    return meshing.mesh_sdf_banded(
        grown, (lo - pad, hi + pad), voxel=0.9, smooth_iterations=15, target_faces=MAX_FACES
    )


# ---------------------------------------------------------------- build
def build(ctx) -> dict[str, Built]:
    out = {}
    for side in SIDES:
        if not missing(ctx, ("l5_s1_disc_annulus", f"s1_nerve_root_{side}")):
            out[f"disc_herniation_{side}"] = herniation(ctx, side)
    if not missing(ctx, ("l5_vertebra", "s1_segment")):
        m = spur(ctx, "right")[0]
        out.update(foraminal_spur_right=m, foraminal_spur_left=mirror_mesh(m))
    for side in SIDES:
        if not missing(ctx, (f"sacroiliac_joint_{side}",)):
            out[f"sacroiliac_inflammation_{side}"] = si_inflammation(ctx, side)
    if not missing(ctx, ("skin",)):
        # each side's cut from its own side's skin
        for base, region, faces in (
            ("s1_pain_area", pain_areas.s1_pain_region, pain_areas.MAX_FACES),
            ("referred_pain_area", pain_areas.referred_pain_region, pain_areas.REFERRED_MAX_FACES),
        ):
            one_piece = BY_ID[f"{base}_right"].one_piece
            for placed, m in pain_areas.pain_areas(ctx, region, one_piece, faces).items():
                out[f"{base}_{placed}"] = m
    return {k: Built(v) for k, v in out.items()}
