"""Turning a muscle's shape into a mesh: OpenSim via-points mapped onto our pelvis, the shape
trimmed off the bones, sampled near its paths, cleared of fins, spikes and pits, and meshed as one
closed surface (used by :mod:`muscles` and :mod:`iliacus`)."""

from __future__ import annotations

import numpy as np
import trimesh
from scipy import ndimage

from . import implicit, meshing, perturbation, routing
from . import parameters as P
from .frame import opensim_pelvis_to_model
from .structures import ids

#: what the soft tissue keeps clear of: the bones and the disc
BONES = (*ids("bones"), "l5_s1_disc_annulus")
MUSCLE_FACES = 8000
VOXEL = 1.2
#: [constructed] an edge folded by more than this (degrees) is relaxed by :func:`unfolded`
FOLD_ANGLE = 100.0
#: :func:`trimmed` works only where the shape's field is under this (mm): near its surface
TRIM_NEAR = 1.5
#: ... and keeps it this far (mm) off the shapes it avoids
AVOID_GAP = 0.3


def opensim_points(landmarks, pelvis=(), femur=(), side: str = "right") -> np.ndarray:
    """OpenSim right-side points (pelvis body, then femur body; B.1) in the model frame, on ``side``.

    Femur points are placed relative to the model's own femoral head centre, with the pelvis
    mapping's orientation and scale (``frame.opensim_pelvis_to_model``)."""
    out = []
    if len(pelvis):
        out.append(np.atleast_2d(opensim_pelvis_to_model(np.asarray(pelvis, float), landmarks)))
    if len(femur):
        hip_os = np.asarray(P.GAIT2392_HIP_CENTER, float)
        f = np.atleast_2d(np.asarray(femur, float))
        rel = opensim_pelvis_to_model(hip_os + f, landmarks) - opensim_pelvis_to_model(
            hip_os[None], landmarks
        )
        out.append(np.asarray(landmarks["femoral_head_center_right"], float) + rel)
    pts = np.vstack(out)
    return pts if side == "right" else pts * np.array([-1.0, 1.0, 1.0])


def trimmed(
    f: implicit.SDF, bones: routing.Obstacles, cuts=(), avoid=(), crevice: float = 0.0
) -> implicit.SDF:
    """The shape ``f`` trimmed where it would come within the muscle margin of bone, cut by the
    half-spaces ``cuts`` and kept off the shapes ``avoid`` (other muscles).

    With ``crevice`` (mm), the bone and the shapes avoided are kept off as one, the crevices
    where they meet filled over about that width (a smooth union): the shape then ends in a
    rounded border short of a crevice instead of a wedge cut to nothing in it, whose tip moves
    far along the crevice for a tiny change in either surface."""
    margin = P.MUSCLE_BONE_MARGIN

    def g(p):
        v = f(p)
        m = v < TRIM_NEAR
        if m.any():
            q = p[m]
            off = margin - bones(q, reach=2.0 + margin + crevice)  # > 0 where it must not be
            for a in avoid:
                other = -a(q) + AVOID_GAP
                off = (
                    -implicit.smooth_min(-off, -other, crevice)
                    if crevice > 0.0
                    else np.maximum(off, other)
                )
            v[m] = np.maximum(v[m], off)
            for h in cuts:
                v[m] = np.maximum(v[m], h(q))
        return v

    return g


def _sampled(f, path: np.ndarray, reach: float, voxel: float) -> tuple[np.ndarray, np.ndarray]:
    """``f`` on a grid (origin, values), evaluated only within ``reach`` of ``path``."""
    lo, axes = meshing.sample_grid((path.min(axis=0) - reach, path.max(axis=0) + reach), voxel)
    shape = tuple(len(ax) for ax in axes)
    near = np.zeros(shape, bool)
    h = int(np.ceil(reach / voxel)) + 1
    for i, j, k in np.rint((routing.resample(path, reach / 2.0) - lo) / voxel).astype(int):
        near[max(i - h, 1) : i + h + 1, max(j - h, 1) : j + h + 1, max(k - h, 1) : k + h + 1] = 1
    near[-1, :, :] = near[:, -1, :] = near[:, :, -1] = False
    idx = np.nonzero(near)
    vol = np.full(shape, voxel)
    vol[idx] = f(perturbation.points(lo + np.stack(idx, axis=1) * voxel))
    return lo, vol


def without_fins(
    vol: np.ndarray, voxel: float, keep: np.ndarray | None = None, radius: float | None = None
) -> np.ndarray:
    """The sampled shape after a morphological opening and closing by a ball of ``radius``
    (``MUSCLE_OPENING_RADIUS`` by default): fins, spikes and slivers thinner than the ball go, pits and
    slits narrower than it fill; elsewhere the field is left as it was (smooth). Voxels where
    ``keep`` is True (the attached ends) are kept as they were."""
    r = (P.MUSCLE_OPENING_RADIUS if radius is None else radius) / voxel
    inside = vol < 0
    opened = ndimage.distance_transform_edt(~(ndimage.distance_transform_edt(inside) > r)) <= r
    if keep is not None:
        opened |= keep
    opened &= inside
    closed = ndimage.distance_transform_edt(~(ndimage.distance_transform_edt(~opened) > r)) > r
    closed |= opened
    out = np.where(opened, vol, voxel)  # fins removed: outside
    filled = closed & ~opened  # pits filled: just inside
    out[filled] = -0.5 * voxel
    return out


def mesh(
    f,
    paths,
    reach: float,
    faces: int,
    voxel: float = VOXEL,
    keep: tuple = (),
    opening: float | None = None,
    blur: float = 0.0,
    kept_within: float | None = None,
) -> trimesh.Trimesh:
    """Mesh a shape lying within ``reach`` of ``paths`` as one closed surface of at most
    ``faces`` triangles, without fins or pits (:func:`without_fins`, by a ball of ``opening``
    mm, ``MUSCLE_OPENING_RADIUS`` by default) except near the points ``keep`` (tendon
    attachments, kept whole within ``kept_within`` mm, ``MUSCLE_END_KEPT`` by default); with
    ``blur`` (mm), the sampled field smoothed over that much
    (Gaussian sigma) first, so the creases where a trim meets the surface round off (but not
    near ``keep``: an attached end keeps its reach, the blur eased in over as far again)."""
    path = np.vstack([routing.resample(p, 1.0) for p in paths])
    within = P.MUSCLE_END_KEPT if kept_within is None else kept_within
    ends = np.reshape(np.asarray(keep, float), (-1, 3))
    for scale in meshing.VOXEL_RETRIES:
        size = voxel * scale
        lo, vol = _sampled(f, path, reach, size)
        kept = None
        if len(ends):
            grid = np.stack(np.meshgrid(*[np.arange(n) for n in vol.shape], indexing="ij"), -1)
            grid = lo + grid * size
            near = np.min([np.linalg.norm(grid - e, axis=-1) for e in ends], axis=0)
            kept = near < within
        vol = without_fins(vol, size, kept, opening)
        if blur > 0.0:
            blurred = ndimage.gaussian_filter(vol, blur / size, mode="nearest")
            if kept is not None:  # the attached ends kept as they are, easing into the blur
                w = np.clip(near / within - 1.0, 0.0, 1.0)
                blurred = vol + w * (blurred - vol)
            vol = blurred
        out = meshing.closed_mesh_from_volume(vol, lo, size, faces)
        if out is not None:
            return out
    raise meshing.MeshingError("muscle: no closed mesh")


def landing(
    bones: routing.Obstacles,
    points: np.ndarray,
    direction: np.ndarray,
    clearance: float,
    reach: float,
    lowest: float = 0.0,
    step: float = 0.25,
) -> np.ndarray:
    """Each of ``points`` moved along ``direction`` to where a ray coming in from ``reach`` mm
    out first comes within ``clearance`` of the bones (interpolated between steps, so it moves
    continuously with the bones); at most down to ``lowest`` (where it stays if it never does).

    Unlike :meth:`routing.Obstacles.snap` and ``lift``, which follow the distance field's
    gradient, it always lands on the outer surface facing ``direction``: never inside a bone on
    the seam where two bone meshes touch, where the gradient is undefined (the sacrum's S1
    segment and the rest of it)."""
    p = np.atleast_2d(np.asarray(points, float))
    d = np.asarray(direction, float) / np.linalg.norm(direction)
    t = np.arange(reach, lowest - step / 2, -step)
    rays = p[:, None, :] + t[None, :, None] * d
    values = bones(rays.reshape(-1, 3)).reshape(len(p), len(t)) - clearance
    out = np.full(len(p), float(lowest))
    for i, v in enumerate(values):
        hit = np.flatnonzero(v <= 0.0)
        if len(hit) == 0:
            continue
        k = hit[0]
        if k == 0:
            out[i] = reach
            continue
        share = v[k - 1] / max(v[k - 1] - v[k], 1e-12)
        out[i] = t[k - 1] - share * step
    return p + out[:, None] * d


def striated(
    mesh: trimesh.Trimesh,
    path: np.ndarray,
    half_widths: np.ndarray,
    half_depths: np.ndarray,
    width_dirs: np.ndarray,
    fade: np.ndarray | None = None,
) -> trimesh.Trimesh:
    """A copy of ``mesh`` with the faint longitudinal striation of its fibre bundles: shallow
    grooves (``MUSCLE_STRIATION``) running along ``path``, at even steps round its elliptical
    section (``half_widths`` along ``width_dirs``, ``half_depths`` across), so they converge where
    the muscle narrows; they fade out where they would come closer than the mesh can show, and
    by ``fade`` (per vertex, 0..1: 0 keeps a vertex where it is)."""
    from scipy.spatial import cKDTree

    count, depth, finest = P.MUSCLE_STRIATION
    v = np.asarray(mesh.vertices, float)
    i = cKDTree(path).query(v)[1]
    t = np.gradient(path, axis=0)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    w = np.broadcast_to(np.asarray(width_dirs, float), path.shape)[i]
    w = w - (w * t[i]).sum(1, keepdims=True) * t[i]
    w /= np.maximum(np.linalg.norm(w, axis=1, keepdims=True), 1e-12)
    d = np.cross(t[i], w)
    rel = v - path[i]
    a, b = np.asarray(half_widths, float)[i], np.asarray(half_depths, float)[i]
    phi = np.arctan2((rel * d).sum(1) / b, (rel * w).sum(1) / a)
    period = np.pi * (a + b) / count  # about the perimeter over the bundles
    amp = depth * np.clip((period - finest) / finest, 0.0, 1.0)
    if fade is not None:
        amp = amp * np.clip(fade, 0.0, 1.0)
    groove = 0.5 - 0.5 * np.cos(count * phi)
    out = mesh.copy()
    out.vertices = v - np.asarray(mesh.vertex_normals) * (amp * groove)[:, None]
    return out


def unfolded(mesh: trimesh.Trimesh, rounds: int = 12) -> trimesh.Trimesh:
    """A copy of ``mesh`` where the few sharp folds decimation leaves where a muscle's surface
    meets its trimmed face on the bone at a narrow angle are relaxed: the vertices of edges folded
    by more than ``FOLD_ANGLE`` (and of vertices whose normal turns more than ``FOLD_ANGLE`` / 2
    from their ring's), with their ring, moved halfway to their ring's centroid, round by round
    until none is left. Elsewhere the surface is left as it was."""
    out = mesh.copy()
    e = np.asarray(out.edges_unique)
    i, j = np.concatenate([e[:, 0], e[:, 1]]), np.concatenate([e[:, 1], e[:, 0]])
    count = np.bincount(i, minlength=len(out.vertices)).astype(float)[:, None]
    for _ in range(rounds):
        v = np.array(out.vertices)
        folded = np.degrees(out.face_adjacency_angles) > FOLD_ANGLE
        vn = out.vertex_normals
        ring = np.zeros_like(vn)
        np.add.at(ring, i, vn[j])
        ring /= np.maximum(np.linalg.norm(ring, axis=1, keepdims=True), 1e-12)
        turned = (vn * ring).sum(1) < np.cos(np.radians(FOLD_ANGLE / 2.0))
        bad = np.zeros(len(v), bool)
        bad[out.face_adjacency_edges[folded].ravel()] = True
        bad |= turned
        if not bad.any():
            break
        near = bad.copy()
        near[j[bad[i]]] = True  # and their ring
        centroid = np.zeros_like(v)
        np.add.at(centroid, i, v[j])
        centroid /= np.maximum(count, 1.0)
        v[near] = 0.5 * v[near] + 0.5 * centroid[near]
        out = trimesh.Trimesh(v, out.faces, process=False)
    return out


def arc_at(path: np.ndarray, point: np.ndarray) -> float:
    """The length along the polyline ``path`` to its point nearest ``point``, mm: projected on
    its nearest segment, so it moves continuously with ``point`` and the path (unlike the length
    at the nearest vertex, which jumps a whole sample at a time)."""
    p = np.asarray(path, float)
    p0, seg = p[:-1], np.diff(p, axis=0)
    length2 = np.maximum((seg**2).sum(axis=1), 1e-18)
    t = np.clip(((np.asarray(point, float) - p0) * seg).sum(axis=1) / length2, 0.0, 1.0)
    k = int(np.argmin(np.linalg.norm(p0 + t[:, None] * seg - point, axis=1)))
    s = routing.arc_length(p)
    return float(s[k] + t[k] * (s[k + 1] - s[k]))
