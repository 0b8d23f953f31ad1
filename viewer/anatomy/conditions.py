"""Condition shapes, built from the model itself (hidden until a condition story shows them).

* ``disc_herniation_<side>``: the disc's own posterolateral herniation (``disc.herniation_sdf``)
  extruded into the lateral recess just far enough to press on the traversing S1 root (the built
  root says where); cut away where it would enter bone or the root, so it lies against the root.
* ``foraminal_spur_<side>``: an osteophyte growing from the S1 bone nearest the L5-S1 foramen
  (the superior articular process) towards the foramen's centre, filling ``SPUR_REACH`` of the
  free clearance there.
* ``sacroiliac_inflammation_<side>``: the SI joint space grown by ``SI_INFLAMMATION_SWELLING``.
* ``s1_pain_area_<side>``, ``referred_pain_area_<side>``: thin closed patches lying just outside
  the skin: the upper S1 dermatome (buttock, back of the hip, posterior thigh; Harrison's table,
  reference D.1) and Fukui's L5/S1 referral (gluteal and trochanteric regions, reference D.3).

(``piriformis_spasm_<side>`` is made with the muscles.)
"""

from __future__ import annotations

import numpy as np
import trimesh
from scipy.spatial import cKDTree

from . import disc, implicit
from . import parameters as P
from .bone_fields import cut_where_near, decimated_closed, distance, missing, nearest_surface_point
from .build import Built
from .frame import mirror_mesh

MAX_FACES = 2000
SIDES = ("left", "right")


from .frame import unit as _unit  # noqa: E402


def _lm(ctx, name) -> np.ndarray:
    return np.asarray(ctx.landmarks[name], float).reshape(-1)[:3]


def _mesh_near(f, centre, half: float, voxel: float, faces: int = MAX_FACES) -> trimesh.Trimesh:
    c = np.asarray(centre, float)
    return decimated_closed(implicit.mesh_sdf_banded(f, (c - half, c + half), voxel=voxel), faces)


# ---------------------------------------------------------------- disc herniation
def herniation_size(ctx, side: str) -> float:
    """How far (mm) the disc's posterolateral herniation must extrude to press
    ``HERNIATION_ROOT_INDENT`` into the traversing S1 root (bisection on the disc's own shape)."""
    root = ctx.mesh(f"s1_nerve_root_{side}")
    p = _lm(ctx, f"l5_s1_disc_posterolateral_{side}")
    near = root.vertices[np.linalg.norm(root.vertices - p, axis=1) < 30.0]
    lo, hi = 0.5, 20.0
    for _ in range(24):
        mid = (lo + hi) / 2
        if disc.herniation_sdf(ctx.landmarks, side, mid)(near).min() < -P.HERNIATION_ROOT_INDENT:
            hi = mid
        else:
            lo = mid
    return hi


def herniation(ctx, side: str) -> trimesh.Trimesh:
    """The disc's own posterolateral herniation (``disc.herniation_sdf``), grown until it presses
    on the S1 root, and cut where it would enter bone or the root (so it moulds round the root)."""
    size = herniation_size(ctx, side)
    shape = disc.herniation_sdf(ctx.landmarks, side, size)
    cut = distance(ctx, ["l5_vertebra", "s1_segment", f"s1_nerve_root_{side}"])
    shape = cut_where_near(shape, lambda q: -cut(q))  # the bones and root only where it reaches
    p = _lm(ctx, f"l5_s1_disc_posterolateral_{side}")
    d = _lm(ctx, f"l5_s1_disc_posterolateral_normal_{side}")
    return _mesh_near(shape, p + d * size / 2, size / 2 + 14.0, 0.35)


# ---------------------------------------------------------------- foraminal spur
def foramen_clearance(ctx, side: str, extra=None) -> float:
    """Free radius at the centre of the L5-S1 foramen: distance to the nearest bone (and spur)."""
    centre = _lm(ctx, f"l5_s1_foramen_{side}")[None]
    d = float(distance(ctx, ["l5_vertebra", "s1_segment"])(centre)[0])
    if extra is not None:
        d = min(d, float(extra(centre)[0]))
    return d


def spur(ctx, side: str) -> tuple[trimesh.Trimesh, implicit.SDF]:
    centre = _lm(ctx, f"l5_s1_foramen_{side}")
    base = nearest_surface_point(ctx.mesh("s1_segment"), centre)
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
    return decimated_closed(
        implicit.mesh_sdf_banded(grown, (lo - pad, hi + pad), voxel=0.9, smooth_iterations=15),
        MAX_FACES,
    )


# ---------------------------------------------------------------- pain areas on the skin
_SUBDIVIDED: dict = {}


def _subdivided(skin: trimesh.Trimesh) -> tuple[trimesh.Trimesh, trimesh.Trimesh]:
    """(a fresh copy of ``skin``, it subdivided to 3 mm edges), made once per skin mesh."""
    hit = _SUBDIVIDED.get(id(skin))
    if hit is None or hit[0] is not skin:
        fresh = trimesh.Trimesh(skin.vertices, skin.faces, process=False)  # fresh caches
        hit = _SUBDIVIDED[id(skin)] = (skin, fresh, fresh.subdivide_to_size(3.0))
    return hit[1], hit[2]


def skin_patch(skin: trimesh.Trimesh, region, faces: int) -> trimesh.Trimesh:
    """A thin closed shell lying just outside ``skin`` wherever ``region(vertices, normals) < 0``.

    The skin's faces inside the region are taken, decimated, and lifted off the skin along its
    normals (``PAIN_AREA_GAP``) to a thickness of ``PAIN_AREA_THICKNESS``."""
    skin, fine = _subdivided(skin)
    vals = region(fine.vertices, fine.vertex_normals)
    inside = (vals[fine.faces] < 0).all(axis=1)
    patch = trimesh.Trimesh(fine.vertices, fine.faces[inside], process=True)
    patch.remove_unreferenced_vertices()
    per_side = max(faces // 2 - 150, 100)
    if len(patch.faces) > per_side:
        import fast_simplification

        pv, pf = fast_simplification.simplify(
            np.asarray(patch.vertices, np.float32),
            np.asarray(patch.faces, np.int32),
            target_reduction=1.0 - per_side / len(patch.faces),
        )
        patch = trimesh.Trimesh(pv.astype(float), pf, process=True)
    # back onto the skin, then off it along the skin's normal
    closest, _, tri = trimesh.proximity.closest_point(skin, patch.vertices)
    tree = cKDTree(skin.vertices)
    nrm = skin.vertex_normals[tree.query(closest)[1]]
    nrm /= np.linalg.norm(nrm, axis=1)[:, None]
    inner = closest + nrm * P.PAIN_AREA_GAP
    outer = closest + nrm * (P.PAIN_AREA_GAP + P.PAIN_AREA_THICKNESS)
    n = len(closest)
    fc = np.asarray(patch.faces)
    edges = np.sort(fc[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2), axis=1)
    uniq, counts = np.unique(edges, axis=0, return_counts=True)
    boundary = {tuple(e) for e in uniq[counts == 1]}
    walls = []
    for a, b in fc[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2):
        if (min(a, b), max(a, b)) in boundary:
            # outer face holds a->b; its neighbour on the wall must hold b->a
            walls += [[b, a, a + n], [b, a + n, b + n]]
    faces_all = np.vstack([fc, fc[:, ::-1] + n, np.asarray(walls, int).reshape(-1, 3)])
    shell = trimesh.Trimesh(np.vstack([outer, inner]), faces_all, process=True)
    trimesh.repair.fix_normals(shell)
    if shell.volume < 0:
        shell.invert()
    return shell


def _body_axes(ctx, side: str):
    sx = 1.0 if side == "right" else -1.0
    return sx, {
        k: _lm(ctx, f"{k}_{side}")
        for k in (
            "greater_trochanter_lateral",
            "greater_trochanter",
            "femoral_head_center",
            "ischial_tuberosity",
            "psis",
            "iliac_crest_top",
            "femur_shaft_cut_center",
        )
    }


def _flat(f, axis: int):
    """``f`` evaluated on points flattened onto the plane ``axis`` = 0 (a footprint seen along
    that axis: from behind for axis 1, from the side for axis 0)."""

    def g(v):
        q = np.array(v, float)
        q[:, axis] = 0.0
        return f(q)

    return g


def s1_pain_region(ctx, side: str):
    """Buttock, back of the hip and posterior thigh of one side (S1 dermatome, upper part, D.1):
    a strip seen from behind, on the backward-facing skin."""
    sx, L = _body_axes(ctx, side)
    hip = L["femoral_head_center"]
    top = np.array([sx * abs(hip[0]) * 0.6, 0.0, L["psis"][2] - 20.0])
    low = np.array([sx * abs(hip[0]) * 0.85, 0.0, L["femur_shaft_cut_center"][2] + 30.0])
    strip = _flat(implicit.round_cone(top, low, 55.0, 42.0), 1)

    def region(v, n):
        return np.maximum.reduce([strip(v), 80.0 * (n[:, 1] + 0.35), 6.0 - sx * v[:, 0]])

    return region


def referred_pain_region(ctx, side: str):
    """Gluteal region and the lateral hip over the greater trochanter (Fukui L5/S1, D.3): a patch
    on the buttock seen from behind joined to one over the trochanter seen from the side."""
    sx, L = _body_axes(ctx, side)
    hip, gt = L["femoral_head_center"], L["greater_trochanter_lateral"]
    buttock = _flat(
        implicit.ellipsoid([sx * (abs(hip[0]) + 15.0), 0.0, hip[2] + 20.0], (78.0, 1.0, 55.0)), 1
    )
    lateral = _flat(implicit.ellipsoid([0.0, gt[1] - 15.0, gt[2]], (1.0, 45.0, 55.0)), 0)

    def region(v, n):
        back = np.maximum(buttock(v), 80.0 * (n[:, 1] + 0.3))
        side_ = np.maximum(lateral(v), 80.0 * (0.3 - sx * n[:, 0]))
        return np.maximum(np.minimum(back, side_), 6.0 - sx * v[:, 0])

    return region


def pain_area(ctx, region_of, side: str, one_piece: bool) -> trimesh.Trimesh:
    shell = skin_patch(ctx.mesh("skin"), region_of(ctx, side), MAX_FACES)
    if one_piece:
        parts = shell.split(only_watertight=True)
        shell = max(parts, key=lambda m: m.area)
    return shell


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
        # made on the right and mirrored: the patches follow the skin's triangles, which differ
        # a little from side to side
        m = pain_area(ctx, s1_pain_region, "right", one_piece=False)
        out.update(s1_pain_area_right=m, s1_pain_area_left=mirror_mesh(m))
        m = pain_area(ctx, referred_pain_region, "right", one_piece=True)
        out.update(referred_pain_area_right=m, referred_pain_area_left=mirror_mesh(m))
    return {k: Built(v) for k, v in out.items()}
