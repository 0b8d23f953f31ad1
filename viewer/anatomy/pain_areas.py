"""Pain areas: thin closed patches lying just outside the skin where a pain is felt.

* ``s1_pain_area_<side>``: the upper S1 dermatome (buttock, back of the hip, posterior thigh;
  Harrison's table, reference D.1);
* ``referred_pain_area_<side>``: Fukui's L5/S1 referral (gluteal and trochanteric regions, D.3).

A region is a function of the skin's points and normals, negative inside. The skin (subdivided
to :data:`SKIN_EDGE` mm) is cut along the region's zero line, through its triangles rather than
between them, so the patch's border follows the region smoothly and moves only as much as the
skin does; the patch keeps the skin's triangles (no decimation), and is thickened into a shell.
Each side's patch is cut from its own side's skin.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import trimesh

from . import implicit, meshing
from . import parameters as P
from .build import BuildContext
from .cap_flips import caps_flipped
from .frame import mirror_points, side_sign
from .geometry import merged, subdivided, triangle_quality, welded, without_slivers

#: the edge length (mm) the skin is subdivided to before a pain area is cut from it. The patch
#: keeps these triangles (it is not decimated), so it lies on the skin's own triangles on each
#: side and moves only as much as the skin does. (Until stop 39 it was cut to 6 mm triangles on
#: the right, decimated and its mirror image laid onto the left skin: the chords of the
#: decimated triangles sank under the skin's curves by amounts that changed with the triangles,
#: 0.54-0.55 mm apart between two machines, the S1 area's at the top of the buttock and the
#: referred area's border; 8 mm triangles give the S1 patch some 3,300, as many as decimation
#: kept.) [constructed]
SKIN_EDGE = 8.0
#: triangles of one pain area (the S1 area's shell: some 7,400) [constructed]
MAX_FACES = 8000
#: the referred pain area's (some 6,600) [constructed]
REFERRED_MAX_FACES = 7000
#: how far (mm) a pain area stays above the end of the model's skin: a patch reaching the very
#: end folds over its rim [constructed]
SKIN_CUT_MARGIN = 10.0
#: the S1 area lies on skin facing backwards at least this much (the backward component of its
#: normal): on the inner thigh, where the skin turns towards the other thigh, it stops [constructed]
S1_FACING_BACK = 0.45
#: mm: the S1 area's outline rounded where its bounds meet (the strip, the backward-facing skin,
#: the midline, the floor): a sharp corner where the floor met the thigh's inner turn folded the
#: shell's wall 122-129 deg once the patch kept the skin's own triangles [constructed]
S1_CORNER_ROUNDING = 8.0
#: mm: a cut beside a vertex of the subdivided skin leaves needle triangles there (a crossing
#: all but on the vertex): points closer than this are merged, which moves the border by less
#: [constructed]
NEEDLE_EDGE = 0.25
#: the cut can leave the odd flat cap triangle (one corner all but on its opposite edge): the
#: shortest edge of every triangle of lower quality than this
#: (1 equilateral, 0 degenerate) is collapsed [constructed]
SLIVER_QUALITY = 0.05
#: and border edges shorter than this (mm) are collapsed: two crossings of the cut can lie close
#: together where the zero line passes near a vertex of the subdivided skin (stop 35: 0.5, was
#: 0.4: a 0.44 mm border edge beside the natal cleft left a sliver of quality 0.007) [constructed]
BORDER_NEEDLE_EDGE = 0.5

#: a pain region: (points, their unit normals) -> values, negative inside the region
Region = Callable[[np.ndarray, np.ndarray], np.ndarray]

_SUBDIVIDED: dict[int, tuple[trimesh.Trimesh, trimesh.Trimesh, trimesh.Trimesh, np.ndarray]] = {}
#: a border triangle alone at a corner sharper than this (degrees) is dropped from a patch: the
#: shell's wall turns there by 180 less the corner, and the surface check allows 120 (stop 39: 65,
#: was 45: a 59-degree notch of 0.6 mm edges on the S1 area's inner-thigh border, where the skin's
#: own small triangles lie, folded the wall 122 deg) [constructed]
SPUR_DEGREES = 65.0


def _subdivided(skin: trimesh.Trimesh) -> tuple[trimesh.Trimesh, trimesh.Trimesh, np.ndarray]:
    """(a fresh copy of ``skin``, it subdivided to :data:`SKIN_EDGE`, the skin's smooth unit
    normals at the subdivided skin's vertices), made once per skin mesh.

    The normals are the skin's vertex normals interpolated over its triangles: a region that
    reads them (the S1 area stops where the skin turns to face the other thigh) has a zero line
    that runs on smoothly across the skin's triangles, where the subdivided mesh's own normals,
    constant over each of the skin's triangles, cut it into zigzags whose wall folds."""
    hit = _SUBDIVIDED.get(id(skin))
    if hit is None or hit[0] is not skin:
        fresh = trimesh.Trimesh(skin.vertices, skin.faces, process=False)  # fresh caches
        fine = subdivided(fresh, SKIN_EDGE)
        hit = _SUBDIVIDED[id(skin)] = (skin, fresh, fine, _nearest_on(fresh, fine.vertices)[1])
    return hit[1], hit[2], hit[3]


def _nearest_on(
    skin: trimesh.Trimesh, points: np.ndarray, keep: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(the nearest points of ``skin``, or of its triangles ``keep``, to ``points``; the skin's
    vertex normals interpolated over its triangles there, unit: smooth from point to point)."""
    keep = np.arange(len(skin.faces)) if keep is None else keep
    half = trimesh.Trimesh(skin.vertices, skin.faces[keep], process=False)
    closest, _, near = trimesh.proximity.closest_point(half, points)
    tri = keep[near]
    bary = trimesh.triangles.points_to_barycentric(skin.triangles[tri], closest)
    nrm = (skin.vertex_normals[skin.faces[tri]] * bary[:, :, None]).sum(axis=1)
    return closest, nrm / np.linalg.norm(nrm, axis=1)[:, None]


def clipped(mesh: trimesh.Trimesh, values: np.ndarray) -> trimesh.Trimesh:
    """The part of ``mesh`` where the per-vertex ``values`` (linear over each triangle) are
    negative: triangles wholly inside are kept, those crossing the zero line are cut along it.

    Points on one edge are shared by the two triangles that meet there, and every piece keeps
    its triangle's winding, so the result is an oriented open surface.

    The crossing moves continuously with the values, also as a vertex's value changes sign (a
    cut kept off the edges' ends, stop 39, jumped by 0.3 of an edge there: 0.77 mm on the S1 pain
    area between two machines); the needles a cut beside a vertex leaves are collapsed after."""
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


def _laid(skin: trimesh.Trimesh, points: np.ndarray, sx: float) -> tuple[np.ndarray, np.ndarray]:
    """``points`` laid onto the nearest point of the skin of their side ``sx`` of the midline:
    (the points on it, the skin's smooth unit normal there)."""
    return _nearest_on(skin, points, np.flatnonzero(sx * skin.triangles_center[:, 0] > 0.0))


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


def skin_patch(
    skin: trimesh.Trimesh, region: Region, side: str, faces: int, one_piece: bool = False
) -> trimesh.Trimesh:
    """A thin closed shell lying just outside the skin of ``side`` wherever ``region`` is
    negative (its largest closed piece where ``one_piece``), of at most ``faces`` triangles.

    The skin, subdivided to :data:`SKIN_EDGE`, is cut along the region's zero line and the cut
    kept as it is (not decimated): the patch lies on the skin's own triangles, so it moves only
    as much as the skin does from machine to machine. Each side is cut from its own skin."""
    skin, fine, normals = _subdivided(skin)
    patch = welded(clipped(fine, region(fine.vertices, normals)), NEEDLE_EDGE)
    patch = without_slivers(_border_tidied(patch), SLIVER_QUALITY, keep_border=True)
    patch = caps_flipped(_without_spurs(_border_tidied(_without_spurs(patch))), SLIVER_QUALITY)
    shell = _shell(patch, *_laid(skin, np.asarray(patch.vertices, float), side_sign(side)))
    if one_piece:
        shell = _largest_closed(shell)
    if not meshing.is_closed(shell, one_piece):
        raise meshing.MeshingError(f"pain area ({side}): the shell on the skin patch is not closed")
    if len(shell.faces) > faces:
        raise meshing.MeshingError(
            f"pain area ({side}): {len(shell.faces)} triangles, over {faces}: a larger SKIN_EDGE"
        )
    return shell


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
        bounds = (80.0 * (n[:, 1] + S1_FACING_BACK), 6.0 - sx * v[:, 0], floor - v[:, 2])
        out = strip(v)
        for bound in bounds:  # a rounded intersection: the outline's corners rounded
            out = -implicit.smooth_min(-out, -bound, S1_CORNER_ROUNDING)
        return out

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
    """The pain areas (side -> mesh) of the region ``region_of(ctx, "right")`` makes and of its
    mirror image, each cut from its own side's skin, of at most ``faces`` triangles each.

    The left region is the right one mirrored (not made from the left landmarks, which differ a
    little from the mirrored right ones), so the two outlines are mirror images and the patches
    differ only as the two sides' skin does."""
    skin = ctx.mesh("skin")
    right = region_of(ctx, "right")

    def left(v: np.ndarray, n: np.ndarray) -> np.ndarray:
        return right(mirror_points(v), mirror_points(n))

    return {
        "right": skin_patch(skin, right, "right", faces, one_piece),
        "left": skin_patch(skin, left, "left", faces, one_piece),
    }
