"""Pain areas: thin closed patches lying just outside the skin where a pain is felt.

* ``s1_pain_area_<side>``: the upper S1 dermatome (buttock, back of the hip, posterior thigh;
  Harrison's table, reference D.1);
* ``referred_pain_area_<side>``: Fukui's L5/S1 referral (gluteal and trochanteric regions, D.3).

A region is a function of the skin's points and normals, negative inside. The skin (subdivided
to :data:`SKIN_EDGE` mm) is cut along the region's zero line, through its triangles rather than
between them, so the patch's border follows the region smoothly and moves only as much as the
skin does; the patch is decimated with its border kept, laid back onto the skin and thickened
into a shell. Each patch is cut on the right; its mirror image is laid onto the left skin.
"""

from __future__ import annotations

from collections.abc import Callable

import fast_simplification
import numpy as np
import trimesh

from . import implicit, meshing
from . import parameters as P
from .build import BuildContext
from .cap_flips import caps_flipped
from .frame import mirror_mesh, mirror_points, side_sign
from .geometry import merged, subdivided, triangle_quality, welded, without_slivers

#: the edge length (mm) the skin is subdivided to before it is cut [constructed]
SKIN_EDGE = 6.0
#: triangles of one pain area (the S1 area's). Its border is kept as cut, and its inside must stay
#: fine enough that the chords of its triangles lie within about 0.1 mm of the curved skin (a
#: coarser patch decimates into other long triangles on another machine, up to 1 mm apart). The
#: S1 area is cut on the right and its triangles laid onto the left skin (cut there, it folds
#: under decimation): its chords, fitted to the right skin, span the left skin's own curves and
#: sink under them by amounts that change with the triangles (0.38-0.51 mm apart between two
#: machines with 4,400 triangles, beside the natal cleft and at its upper lateral corner; 0.22 mm
#: with 6,900) [constructed]
MAX_FACES = 8000
#: the referred pain area's (a smaller patch, on gentler skin) [constructed]
REFERRED_MAX_FACES = 5000
#: how far (mm) a pain area stays above the end of the model's skin: laid onto the other side's
#: skin, a patch reaching the very end folds over its rim [constructed]
SKIN_CUT_MARGIN = 10.0
#: the S1 area lies on skin facing backwards at least this much (the backward component of its
#: normal): on the inner thigh, where the skin turns towards the other thigh, it stops [constructed]
S1_FACING_BACK = 0.45
#: decimation leaves needle triangles whose shortest edge is all but nothing (some 0.3 % of
#: them): vertices closer than this (mm) are merged, which moves the surface by less [constructed]
NEEDLE_EDGE = 0.1
#: it also leaves the odd flat cap triangle (one corner all but on its opposite edge, its
#: shortest edge some 0.3 mm): the shortest edge of every triangle of lower quality than this
#: (1 equilateral, 0 degenerate) is collapsed [constructed]
SLIVER_QUALITY = 0.05
#: and border edges shorter than this (mm) are collapsed: the decimation keeps every border
#: vertex the cut made, some a tenth of a millimetre apart (stop 35: 0.5, was 0.4: a 0.44 mm
#: border edge beside the natal cleft left a sliver of quality 0.007 once the skin dimpled over
#: the PSIS) [constructed]
BORDER_NEEDLE_EDGE = 0.5

#: a pain region: (points, their unit normals) -> values, negative inside the region
Region = Callable[[np.ndarray, np.ndarray], np.ndarray]

_SUBDIVIDED: dict[int, tuple[trimesh.Trimesh, trimesh.Trimesh, trimesh.Trimesh]] = {}
#: a border triangle alone at a corner sharper than this (degrees) is dropped from a patch
SPUR_DEGREES = 45.0
#: a decimated patch folded more than this (degrees) between two triangles is decimated again with
#: another aggressiveness: a triangle collapsed beside the border can flip over (a 177-degree fold
#: at the S1 area's top edge, which the shell's wall turns into a fin) [constructed]
PATCH_FOLD_DEGREES = 90.0
#: [constructed] mm: the mirror image of a patch is laid onto the left skin along the mirrored
#: skin normals where the skin lies within this distance of it along them
LAY_REACH = 6.0


def _subdivided(skin: trimesh.Trimesh) -> tuple[trimesh.Trimesh, trimesh.Trimesh]:
    """(a fresh copy of ``skin``, it subdivided to :data:`SKIN_EDGE`), made once per skin mesh."""
    hit = _SUBDIVIDED.get(id(skin))
    if hit is None or hit[0] is not skin:
        fresh = trimesh.Trimesh(skin.vertices, skin.faces, process=False)  # fresh caches
        hit = _SUBDIVIDED[id(skin)] = (skin, fresh, subdivided(fresh, SKIN_EDGE))
    return hit[1], hit[2]


def clipped(mesh: trimesh.Trimesh, values: np.ndarray) -> trimesh.Trimesh:
    """The part of ``mesh`` where the per-vertex ``values`` (linear over each triangle) are
    negative: triangles wholly inside are kept, those crossing the zero line are cut along it.

    Points on one edge are shared by the two triangles that meet there, and every piece keeps
    its triangle's winding, so the result is an oriented open surface."""
    faces = np.asarray(mesh.faces)
    verts = np.asarray(mesh.vertices, float)
    val = np.asarray(values, float)
    neg = val[faces] < 0.0
    count = neg.sum(axis=1)
    keep = [faces[count == 3]]
    # Each cut triangle turned so that its odd vertex (the one on its own side) comes first.
    lone = np.flatnonzero(count == 1)
    pair = np.flatnonzero(count == 2)
    first_lone = np.argmax(neg[lone], axis=1)  # the inside vertex
    first_pair = np.argmax(~neg[pair], axis=1)  # the outside vertex
    rolled_lone = faces[lone][np.arange(len(lone))[:, None], (first_lone[:, None] + [0, 1, 2]) % 3]
    rolled_pair = faces[pair][np.arange(len(pair))[:, None], (first_pair[:, None] + [0, 1, 2]) % 3]
    # the crossing point of every cut edge, one per edge
    cut_edges = np.vstack(
        [
            rolled_lone[:, [0, 1]],
            rolled_lone[:, [0, 2]],
            rolled_pair[:, [0, 1]],
            rolled_pair[:, [0, 2]],
        ]
    )
    key = np.sort(cut_edges, axis=1)
    unique, inverse = np.unique(key, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    a, b = unique[:, 0], unique[:, 1]
    t = val[a] / (val[a] - val[b])
    crossing = verts[a] + t[:, None] * (verts[b] - verts[a])
    ids = len(verts) + inverse
    n1, n2 = len(lone), len(pair)
    lone_01, lone_02 = ids[:n1], ids[n1 : 2 * n1]
    pair_01, pair_02 = ids[2 * n1 : 2 * n1 + n2], ids[2 * n1 + n2 :]
    # one vertex inside: the corner triangle (v0, e01, e02)
    keep.append(np.column_stack([rolled_lone[:, 0], lone_01, lone_02]))
    # two inside (v1, v2): the quadrilateral e01, v1, v2, e02 as two triangles
    keep.append(np.column_stack([pair_01, rolled_pair[:, 1], rolled_pair[:, 2]]))
    keep.append(np.column_stack([pair_01, rolled_pair[:, 2], pair_02]))
    out = trimesh.Trimesh(np.vstack([verts, crossing]), np.vstack(keep), process=True)
    out.update_faces(out.nondegenerate_faces())
    out.remove_unreferenced_vertices()
    return out


def _border_edges(faces: np.ndarray) -> np.ndarray:
    """The (directed, as the faces hold them) edges used by one face only."""
    directed = faces[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2)
    key = np.sort(directed, axis=1)
    _, inverse, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
    return directed[counts[inverse.ravel()] == 1]


def _own_side(skin: trimesh.Trimesh, sx: float) -> tuple[trimesh.Trimesh, np.ndarray]:
    """The skin's triangles on the side ``sx`` of the midline (their centres' ``x``), as a mesh
    sharing ``skin``'s vertices, and their indices in ``skin``."""
    keep = np.flatnonzero(sx * skin.triangles_center[:, 0] > 0.0)
    return trimesh.Trimesh(skin.vertices, skin.faces[keep], process=False), keep


def _laid(
    skin: trimesh.Trimesh, points: np.ndarray, sx: float, along: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``points`` laid onto the skin of their side ``sx`` of the midline: (the points on it, the
    skin's unit normal there, interpolated over its triangle: smooth from point to point).

    Without ``along``, onto the nearest point. With it (unit directions, one a point), along
    the line through each point in that direction, onto its crossing with the skin nearest the
    point (the nearest point where none lies within :data:`LAY_REACH`): a mirror image laid onto
    the other side's skin, which differs from the mirrored skin by up to 2 mm, moves
    continuously so (the nearest point of the skin's concave turn into the natal cleft jumps
    from one of its walls to the other as the point moves)."""
    half, keep = _own_side(skin, sx)
    closest, _, near = trimesh.proximity.closest_point(half, points)
    tri = keep[near]
    if along is not None:
        start = points + along * LAY_REACH
        hits, ray, face = half.ray.intersects_location(start, -along, multiple_hits=True)
        off = np.abs(np.einsum("ij,ij->i", hits - points[ray], along[ray]))
        order = np.lexsort((off, ray))  # by ray, nearest crossing first
        ray, hits, face, off = ray[order], hits[order], face[order], off[order]
        first = np.r_[True, ray[1:] != ray[:-1]]
        ok = first & (off <= LAY_REACH)
        closest[ray[ok]] = hits[ok]
        tri[ray[ok]] = keep[face[ok]]
    bary = trimesh.triangles.points_to_barycentric(skin.triangles[tri], closest)
    nrm = (skin.vertex_normals[skin.faces[tri]] * bary[:, :, None]).sum(axis=1)
    return closest, nrm / np.linalg.norm(nrm, axis=1)[:, None]


def _shell(patch: trimesh.Trimesh, closest: np.ndarray, nrm: np.ndarray) -> trimesh.Trimesh:
    """The open ``patch``, its vertices laid onto the skin at ``closest`` (the skin's normals
    there ``nrm``), lifted off along the normal into a closed shell (outer and inner copies
    joined by a wall along the patch's border)."""
    inner = closest + nrm * P.PAIN_AREA_GAP
    outer = closest + nrm * (P.PAIN_AREA_GAP + P.PAIN_AREA_THICKNESS)
    n = len(closest)
    fc = np.asarray(patch.faces)
    a, b = _border_edges(fc).T
    # the outer face holds a->b; its neighbour on the wall must hold b->a
    walls = np.column_stack([b, a, a + n, b, a + n, b + n]).reshape(-1, 3)
    faces_all = np.vstack([fc, fc[:, ::-1] + n, walls])
    return meshing.oriented(trimesh.Trimesh(np.vstack([outer, inner]), faces_all, process=True))


def _shells(skin: trimesh.Trimesh, right: trimesh.Trimesh) -> list[trimesh.Trimesh]:
    """The shells of the open patch ``right`` (cut from the right skin) and of its mirror image,
    laid onto the left skin along the mirrored normals of the right skin under it."""
    on_right, nrm = _laid(skin, np.asarray(right.vertices, float), 1.0)
    left = mirror_mesh(right)
    on_left, nrm_left = _laid(skin, np.asarray(left.vertices, float), -1.0, mirror_points(nrm))
    return [_shell(right, on_right, nrm), _shell(left, on_left, nrm_left)]


def skin_patches(
    skin: trimesh.Trimesh, region: Region, faces: int, one_piece: bool = False
) -> tuple[trimesh.Trimesh, trimesh.Trimesh]:
    """Thin closed shells of at most ``faces`` triangles lying just outside ``skin`` wherever
    ``region`` (on the right) is negative, and its mirror image on the left (each its largest
    closed piece where ``one_piece``).

    The patch is cut and decimated once, on the right; its mirror image is laid onto the left
    skin (which differs a little from the mirrored right one), so both patches have the same
    triangles and each lies on its own side's skin. The patch keeps its border while it is
    decimated; a decimation that folds the patch (:data:`PATCH_FOLD_DEGREES`) or leaves a shell
    open is redone with another aggressiveness or target (those of :mod:`meshing`)."""
    skin, fine = _subdivided(skin)
    patch = clipped(fine, region(fine.vertices, fine.vertex_normals))
    border = len(_border_edges(np.asarray(patch.faces)))
    per_side = max((faces - 2 * border) // 2, border + 50)
    for aggressiveness in meshing.DECIMATION_AGGRESSIVENESS:
        for share in meshing.TARGET_RETRIES:
            right = _decimated(patch, int(per_side * share), aggressiveness)
            if np.degrees(right.face_adjacency_angles).max(initial=0.0) > PATCH_FOLD_DEGREES:
                continue
            shells = _shells(skin, right)
            if one_piece:
                shells = [_largest_closed(s) for s in shells]
            if all(meshing.is_closed(s, one_piece) for s in shells):
                return shells[0], shells[1]
    raise meshing.MeshingError("pain area: no closed, unfolded shell on the skin patch")


def _decimated(patch: trimesh.Trimesh, target: int, aggressiveness: float) -> trimesh.Trimesh:
    """The open ``patch`` decimated to about ``target`` triangles with its border kept, its
    needles and slivers collapsed and the spurs of its border dropped."""
    if len(patch.faces) <= target:
        return _without_spurs(patch)
    pv, pf = fast_simplification.simplify(
        np.asarray(patch.vertices, np.float32),
        np.asarray(patch.faces, np.int32),
        target_count=target,
        agg=aggressiveness,
        preserve_border=True,
    )
    right = welded(trimesh.Trimesh(np.asarray(pv, float), pf, process=True), NEEDLE_EDGE)
    right = without_slivers(_border_tidied(right), SLIVER_QUALITY, keep_border=True)
    # (tidied once more: collapsing a sliver, or dropping a spur, can leave a new sliver ear on
    # the border: one of quality 0.004 beside the natal cleft, stop 28)
    return caps_flipped(_without_spurs(_border_tidied(_without_spurs(right))), SLIVER_QUALITY)


def _border_tidied(patch: trimesh.Trimesh) -> trimesh.Trimesh:
    """``patch`` with its border's needle edges (shorter than :data:`BORDER_NEEDLE_EDGE`)
    collapsed and its sliver ears (a triangle with two border edges, of lower quality than
    :data:`SLIVER_QUALITY`, whose corner lies all but on its third edge) dropped: the border
    runs on straight. The slivers inside are collapsed after it, the border left where it is."""
    faces = np.asarray(patch.faces)
    edges = _border_edges(faces)
    length = np.linalg.norm(np.diff(patch.vertices[edges], axis=1)[:, 0], axis=1)
    short = edges[length < BORDER_NEEDLE_EDGE]
    # one needle at a time: a chain of them would fold into one vertex far from some
    single = np.bincount(short.ravel(), minlength=len(patch.vertices))[short].max(axis=1) == 1
    if single.any():
        v = np.array(patch.vertices, float)
        a, b = short[single].T
        v[a] = v[b] = 0.5 * (v[a] + v[b])
        patch = merged(trimesh.Trimesh(v, faces, process=False), short[single])
        faces = np.asarray(patch.faces)
    sides = patch.edges_sorted  # three per face, face by face
    on_border = np.zeros(len(sides), bool)
    on_border[trimesh.grouping.group_rows(sides, require_count=1)] = True
    ear = (on_border.reshape(-1, 3).sum(axis=1) == 2) & (triangle_quality(patch) < SLIVER_QUALITY)
    return trimesh.Trimesh(patch.vertices, faces[~ear], process=False) if ear.any() else patch


def _without_spurs(patch: trimesh.Trimesh, rounds: int = 3) -> trimesh.Trimesh:
    """``patch`` without the spurs of its border: the triangles round a border vertex whose
    corners there add up to less than ``SPUR_DEGREES`` (the border turns back on itself there,
    and the shell's wall would fold past the surface check's limit round it)."""
    for _ in range(rounds):
        faces = np.asarray(patch.faces)
        total = np.zeros(len(patch.vertices))
        np.add.at(total, faces.ravel(), np.degrees(patch.face_angles).ravel())
        on_border = np.zeros(len(patch.vertices), bool)
        on_border[_border_edges(faces).ravel()] = True
        sharp = on_border & (total < SPUR_DEGREES)
        spur = np.any(sharp[faces], axis=1)
        if not spur.any():
            break
        patch = trimesh.Trimesh(patch.vertices, faces[~spur], process=False)
        patch.remove_unreferenced_vertices()
    return patch


def _largest_closed(shell: trimesh.Trimesh) -> trimesh.Trimesh:
    closed = shell.split(only_watertight=True)
    return max(closed, key=lambda m: m.area) if len(closed) else shell


# ---------------------------------------------------------------- the two regions
def _landmark(ctx: BuildContext, name: str) -> np.ndarray:
    return np.asarray(ctx.landmarks[name], float).reshape(-1)[:3]


def _body_axes(ctx: BuildContext, side: str) -> tuple[float, dict[str, np.ndarray]]:
    sx = side_sign(side)
    return sx, {
        k: _landmark(ctx, f"{k}_{side}")
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


def _flat(f: implicit.SDF, axis: int) -> implicit.SDF:
    """``f`` evaluated on points flattened onto the plane ``axis`` = 0 (a footprint seen along
    that axis: from behind for axis 1, from the side for axis 0)."""

    def g(v: np.ndarray) -> np.ndarray:
        q = np.array(v, float)
        q[:, axis] = 0.0
        return f(q)

    return g


def s1_pain_region(ctx: BuildContext, side: str) -> Region:
    """Buttock, back of the hip and posterior thigh of one side (S1 dermatome, upper part, D.1):
    a strip seen from behind, on the backward-facing skin."""
    sx, L = _body_axes(ctx, side)
    hip = L["femoral_head_center"]
    top = np.array([sx * abs(hip[0]) * 0.6, 0.0, L["psis"][2] - 20.0])
    low = np.array([sx * abs(hip[0]) * 0.85, 0.0, L["femur_shaft_cut_center"][2] + 30.0])
    strip = _flat(implicit.round_cone(top, low, 55.0, 42.0), 1)
    # it runs on down the thigh, but stops short of where the model's skin is cut off
    floor = float(ctx.mesh("skin").bounds[0, 2]) + SKIN_CUT_MARGIN

    def region(v: np.ndarray, n: np.ndarray) -> np.ndarray:
        return np.maximum.reduce(
            [strip(v), 80.0 * (n[:, 1] + S1_FACING_BACK), 6.0 - sx * v[:, 0], floor - v[:, 2]]
        )

    return region


def referred_pain_region(ctx: BuildContext, side: str) -> Region:
    """Gluteal region and the lateral hip over the greater trochanter (Fukui L5/S1, D.3): a patch
    on the buttock seen from behind joined to one over the trochanter seen from the side."""
    sx, L = _body_axes(ctx, side)
    hip, gt = L["femoral_head_center"], L["greater_trochanter_lateral"]
    buttock = _flat(
        implicit.ellipsoid([sx * (abs(hip[0]) + 15.0), 0.0, hip[2] + 20.0], (78.0, 1.0, 55.0)), 1
    )
    lateral = _flat(implicit.ellipsoid([0.0, gt[1] - 15.0, gt[2]], (1.0, 45.0, 55.0)), 0)

    def region(v: np.ndarray, n: np.ndarray) -> np.ndarray:
        back = np.maximum(buttock(v), 80.0 * (n[:, 1] + 0.3))
        side_ = np.maximum(lateral(v), 80.0 * (0.3 - sx * n[:, 0]))
        # the two lobes joined with a rounded notch below (a sharp one, where their outlines
        # cross, left a cusp in the border whose wall folded past 135 deg)
        joined = implicit.smooth_min(back, side_, P.REFERRED_PAIN_LOBE_BLEND)
        return np.maximum(joined, 6.0 - sx * v[:, 0])

    return region


def pain_areas(
    ctx: BuildContext,
    region_of: Callable[[BuildContext, str], Region],
    one_piece: bool,
    faces: int = MAX_FACES,
) -> dict[str, trimesh.Trimesh]:
    """The pain areas (side -> mesh) of the region that ``region_of(ctx, "right")`` makes, the
    left one its mirror image laid onto the left skin, of at most ``faces`` triangles each."""
    right, left = skin_patches(ctx.mesh("skin"), region_of(ctx, "right"), faces, one_piece)
    return {"right": right, "left": left}
