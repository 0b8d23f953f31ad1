"""The skin of the lower back, buttocks and upper thighs: a real human body surface (the
MakeHuman base mesh, CC0, see :mod:`viewer.anatomy.body_surface`) registered to the bones, on
which the pain areas are painted (shown translucent, off by default).

1. *Register.* An affine map (rotation, a scale along each body axis, translation) of the body
   surface is fitted by least squares so that, at each bony landmark (PSIS, iliac crest, ASIS,
   greater trochanter, L5 spinous process), the skin lies the published soft-tissue depth out
   from the bone, and the mesh's hip joints fall near the femoral head centres
   (``SKIN_TISSUE_DEPTHS`` and ``SKIN_HIP_JOINT_WEIGHT`` in ``parameters.py``).
2. *Clear.* Where a bone or muscle still comes closer to the skin than ``SKIN_MIN_DEPTH``, the
   skin is pushed out along its normal by the shortfall, spread smoothly over its neighbours;
   round the PSIS and the L5 spinous process the push is taken back as far as the skin's own
   clearance allows (the dimples over the PSIS, the median furrow: ``SKIN_DIMPLE``).
3. *Cut.* The surface is cut by two horizontal planes, above the iliac crest and at mid-thigh,
   and each cut is closed by a flat section cap (rings to the section's centre).

The skin's vertices that come from the body surface keep their index in ``base.obj``
(:func:`skin_with_index`), so that areas on the skin can be stored against them.
"""

from __future__ import annotations

import numpy as np
import trimesh
from scipy.optimize import least_squares
from scipy.sparse import coo_matrix
from scipy.spatial import cKDTree
from scipy.spatial.transform import Rotation

from ..vocabulary import SIDES
from . import body_surface, geometry, meshing, section_caps
from . import parameters as P
from .bone_fields import missing
from .build import BuildContext, Built
from .frame import side_sign
from .pain_areas import clipped
from .structures import ids

#: rings of a section cap, from its border to its centre [constructed]
CAP_RINGS = 5
#: vertices nearer a cut than this (mm; about a fifth of the surface's edges) are moved onto it
#: [constructed]
CUT_SNAP = 2.5


def _lm(ctx: BuildContext, name: str) -> np.ndarray:
    return np.asarray(ctx.landmarks[name], float).reshape(-1)[:3]


def tissue_targets(ctx: BuildContext) -> np.ndarray:
    """The points where the skin should lie: each bony landmark moved out by its tissue depth."""
    out = []
    for name, (direction, depth) in P.SKIN_TISSUE_DEPTHS.items():
        for side in SIDES if name != "l5_spinous_tip" else ("",):
            sx = side_sign(side) if side else 1.0
            d = np.array(direction, float) * [sx, 1.0, 1.0]
            lm = _lm(ctx, f"{name}_{side}" if side else name)
            out.append(lm + depth * d / np.linalg.norm(d))
    return np.array(out)


def _affine(params: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(3x3 linear part, translation) of the registration: rotation @ diag(scale)."""
    rot = Rotation.from_rotvec(params[:3]).as_matrix()
    return rot @ np.diag(np.exp(params[3:6])), params[6:9]


def register(ctx: BuildContext, body: body_surface.BodySurface) -> np.ndarray:
    """The body surface's vertices moved onto the bones (the fitted affine map)."""
    targets = tissue_targets(ctx)
    hips = np.array([_lm(ctx, f"femoral_head_center_{s}") for s in ("right", "left")])
    mesh = trimesh.Trimesh(body.vertices, body.faces, process=False)
    query = trimesh.proximity.ProximityQuery(mesh)
    centre = body.hip_centers.mean(axis=0)
    # start: the hip joints' midpoint onto the femoral heads' midpoint, unit scale
    x0 = np.zeros(9)
    x0[6:9] = hips.mean(axis=0) - centre

    def residuals(x: np.ndarray) -> np.ndarray:
        lin, t = _affine(x)
        inv = np.linalg.inv(lin)
        local = (targets - centre - t) @ inv.T + centre
        closest, _, tri = query.on_surface(local)
        signed = np.einsum("ij,ij->i", local - closest, mesh.face_normals[tri])
        dist = np.linalg.norm(local - closest, axis=1) * np.sign(signed)
        scale = np.exp(x[3:6]).mean()
        hip_err = ((body.hip_centers - centre) @ lin.T + centre + t - hips).ravel()
        # the body stays upright and keeps its proportions unless the landmarks ask otherwise
        shape = np.concatenate(
            [
                P.SKIN_ROTATION_STIFFNESS * x[:3],
                P.SKIN_PROPORTION_STIFFNESS * (x[3:6] - x[3:6].mean()),
            ]
        )
        return np.concatenate([dist * scale, P.SKIN_HIP_JOINT_WEIGHT * hip_err, shape])

    fit = least_squares(residuals, x0, x_scale=np.r_[[0.1] * 6, [50.0] * 3])
    lin, t = _affine(fit.x)
    return (body.vertices - centre) @ lin.T + centre + t


def _vertex_neighbours(faces: np.ndarray, n: int) -> coo_matrix:
    """Row-normalised adjacency of the mesh's vertices (the umbrella operator)."""
    e = faces[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2)
    e = np.vstack([e, e[:, ::-1]])
    adj = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n)).tocsr()
    adj.data[:] = 1.0
    deg = np.asarray(adj.sum(axis=1)).ravel()
    return coo_matrix(adj.multiply(1.0 / np.maximum(deg, 1)[:, None]))


def _structure_points(inner: list[trimesh.Trimesh]) -> tuple[np.ndarray, cKDTree]:
    """The points the skin keeps its distance from (the vertices and face centres of the
    structures ``inner``) and their tree."""
    samples = np.vstack([m.vertices for m in inner] + [m.triangles_center for m in inner])
    return samples, cKDTree(samples)


def _clearance_shortfall(v: np.ndarray, normals: np.ndarray, tree: cKDTree, samples: np.ndarray):
    """For each vertex, how much nearer than ``SKIN_MIN_DEPTH`` (and 2 mm) the nearest structure
    point behind it lies, along its inward normal (negative: how much farther), mm."""
    near = tree.query_ball_point(v, P.SKIN_MIN_DEPTH + 15.0)
    need = np.full(len(v), -np.inf)
    for i, idx in enumerate(near):
        if not idx:
            continue
        d = (samples[idx] - v[i]) @ -normals[i]
        lateral = np.linalg.norm(samples[idx] - v[i] + np.outer(d, normals[i]), axis=1)
        close = lateral < 6.0
        if close.any():
            need[i] = P.SKIN_MIN_DEPTH + 2.0 - d[close].min()
    return need


def cleared(vertices: np.ndarray, faces: np.ndarray, inner: list[trimesh.Trimesh]) -> np.ndarray:
    """``vertices`` pushed out along the skin's normals wherever a structure of ``inner`` comes
    closer than ``SKIN_MIN_DEPTH`` (the shortfall, spread over the neighbours)."""
    samples, tree = _structure_points(inner)
    avg = _vertex_neighbours(faces, len(vertices)).tocsr()
    v = np.array(vertices, float)
    for _ in range(P.SKIN_CLEARING_ROUNDS):
        normals = trimesh.Trimesh(v, faces, process=False).vertex_normals
        # the depth of the nearest structure point behind each vertex, along its inward normal
        need = np.maximum(_clearance_shortfall(v, normals, tree, samples), 0.0)
        if not need.any():
            break
        for _ in range(P.SKIN_CLEARING_SPREAD):
            need = np.maximum(need, avg @ need)
        for _ in range(P.SKIN_CLEARING_SPREAD):
            need = avg @ need
        v = v + normals * need[:, None]
    return v


def dimpled(
    vertices: np.ndarray,
    registered: np.ndarray,
    faces: np.ndarray,
    inner: list[trimesh.Trimesh],
    centres: np.ndarray,
) -> np.ndarray:
    """``vertices`` (the cleared skin) drawn back toward ``registered`` (where the registration
    put them) around each of ``centres`` (the skin's points over the PSIS and the L5 spinous
    process): the dimples over the PSIS and the median furrow between the erector spinae bulges
    (``SKIN_DIMPLE``). Each vertex goes back at most as far as its own clearance of
    bone and muscle allows, so none comes nearer to them than the clearing asks."""
    radius, rings = P.SKIN_DIMPLE
    samples, tree = _structure_points(inner)
    v = np.array(vertices, float)
    normals = trimesh.Trimesh(v, faces, process=False).vertex_normals
    dist = cKDTree(centres).query(registered)[0]
    weight = 1.0 - np.clip(dist / radius, 0.0, 1.0)
    weight = weight * weight * (3.0 - 2.0 * weight)
    pushed = np.maximum(np.einsum("ij,ij->i", v - registered, normals), 0.0)
    room = np.zeros(len(v))
    near = np.flatnonzero(weight > 0.0)
    room[near] = np.clip(-_clearance_shortfall(v[near], normals[near], tree, samples), 0.0, None)
    back = weight * pushed
    avg = _vertex_neighbours(faces, len(v)).tocsr()
    for _ in range(rings):
        back = avg @ back
    back = np.minimum(back, room)
    return v - normals * back[:, None]


def subdivided(body: body_surface.BodySurface) -> body_surface.BodySurface:
    """One Loop subdivision of the (coarse, made to be subdivided) base mesh; its own vertices
    come first and keep their base.obj index, the new ones get -1."""
    verts, faces = trimesh.remesh.subdivide_loop(body.vertices, body.faces, iterations=1)
    index = np.full(len(verts), -1, np.int64)
    index[: len(body.vertices)] = body.base_index
    return body_surface.BodySurface(verts, faces, index, body.hip_centers)


def _skin_point(vertices: np.ndarray, faces: np.ndarray, landmark: np.ndarray) -> np.ndarray:
    """Where a ray straight back from ``landmark`` (the PSIS, the L5 spinous tip) leaves the
    surface."""
    direction, _ = P.SKIN_TISSUE_DEPTHS["psis"]
    mesh = trimesh.Trimesh(vertices, faces, process=False)
    hits, _, _ = mesh.ray.intersects_location([landmark], [direction])
    if not len(hits):
        return landmark
    return hits[np.argmin(np.linalg.norm(hits - landmark, axis=1))]


def clip_levels(ctx: BuildContext) -> tuple[float, float]:
    """(bottom, top) heights of the skin: mid-thigh (below the femur cuts) and above the crest."""
    cuts = [_lm(ctx, f"femur_shaft_cut_center_{s}")[2] for s in SIDES]
    gts = [_lm(ctx, f"greater_trochanter_{s}")[2] for s in SIDES]
    bottom = min(min(cuts) - 15.0, min(gts) - P.SKIN_THIGH_CLIP_BELOW_TROCHANTER)
    return bottom, P.SKIN_TOP_ABOVE_S1


def capped(mesh: trimesh.Trimesh) -> trimesh.Trimesh:
    """``mesh`` with each planar border loop closed by a flat cap of rings to its centre."""
    verts = [np.asarray(mesh.vertices, float)]
    faces = [np.asarray(mesh.faces)]
    n = len(verts[0])
    for loop in geometry.border_loops(faces[0]):
        ring = verts[0][loop]
        centre = ring.mean(axis=0)
        prev = np.asarray(loop)
        m = len(loop)
        for k in range(1, CAP_RINGS):
            pts = centre + (ring - centre) * (1.0 - k / CAP_RINGS)
            cur = n + np.arange(m)
            verts.append(pts)
            n += m
            # the border runs a->b in the surface's faces; the cap's faces run b->a
            a, b = prev, np.roll(prev, -1)
            c, d = cur, np.roll(cur, -1)
            faces.append(np.column_stack([b, a, c]))
            faces.append(np.column_stack([b, c, d]))
            prev = cur
        verts.append(centre[None])
        faces.append(np.column_stack([np.roll(prev, -1), prev, np.full(m, n)]))
        n += 1
    return trimesh.Trimesh(np.vstack(verts), np.vstack(faces), process=False)


def skin_with_index(ctx: BuildContext) -> tuple[trimesh.Trimesh, np.ndarray]:
    """The skin, and for each of its vertices its index in base.obj (-1 on the cuts and caps)."""
    body = subdivided(body_surface.load())
    inner = [ctx.mesh(s) for s in ids("bones") + ids("disc") + ids("muscles") if s in ctx.built]
    verts = register(ctx, body)
    registered = verts
    verts = cleared(verts, body.faces, inner)
    # (the dimples over the PSIS and the median furrow over the L5 spinous process)
    marks = [_lm(ctx, f"psis_{s}") for s in SIDES] + [_lm(ctx, "l5_spinous_tip")]
    over = np.array([_skin_point(registered, body.faces, p) for p in marks])
    verts = dimpled(verts, registered, body.faces, inner, over)
    bottom, top = clip_levels(ctx)
    # vertices just off a cut go onto it, so that the cut leaves no sliver triangles
    for level in (bottom, top):
        verts[np.abs(verts[:, 2] - level) < CUT_SNAP, 2] = level
    surf = trimesh.Trimesh(verts, body.faces, process=False)
    z = verts[:, 2]
    part = clipped(surf, z - top)
    part = clipped(part, bottom - np.asarray(part.vertices)[:, 2])
    # the trunk and thighs (the forearms and hands beside them are cut off as pieces of their own)
    pieces = part.split(only_watertight=False)
    part = min(pieces, key=lambda m: abs(m.vertices[:, 0].mean()))
    mesh = meshing.oriented(capped(part))
    if not meshing.is_closed(mesh):
        raise meshing.MeshingError("skin: the cut body surface does not close")
    for level in (bottom, top):  # the body runs on above and below: sections
        section_caps.tag_plane(mesh, (0.0, 0.0, level), (0.0, 0.0, 1.0), 1e-6)
    dist, nearest = cKDTree(verts).query(mesh.vertices)
    index = np.where(dist < 1e-9, body.base_index[nearest], -1)
    return mesh, index


def skin(ctx: BuildContext) -> trimesh.Trimesh:
    return skin_with_index(ctx)[0]


def build(ctx: BuildContext) -> dict[str, Built]:
    if missing(ctx, ids("bones")):
        return {}
    mesh, index = skin_with_index(ctx)  # the index lets pain zones find the skin's vertices
    return {"skin": Built(mesh, vertex_index=index)}
