"""The L5-S1 facet joint's surfaces, found on the bones: the joint space and its middle surface.

Where L5's inferior facet faces S1's superior one across ``parameters.FACET_JOINT_SPACE``
(:func:`joint_geometry`, :func:`articular_patch`), and the joint's middle surface midway between
the two facets (:func:`joint_surface`: the S1 facet concave, facing back and in, round L5's, a C/J
in axial section where it is cupped). :mod:`viewer.anatomy.facet_joints` builds the cartilages and
the capsule on them.
"""

from __future__ import annotations

import numpy as np
from scipy.interpolate import RectBivariateSpline
from scipy.ndimage import gaussian_filter

from . import implicit as imp
from . import meshing, vertebra
from . import parameters as P
from .build import BuildContext
from .frame import side_sign
from .geometry import part, weighted_quantile

#: how far (mm) a bone's signed distance is answered exactly round a joint; beyond it, "far"
BONE_REACH = 10.0
#: how far (mm) round each point S1's distance is averaged (a smoothing of the bone's surface)
_S1_BLUR = 0.9
#: half-size (mm) of the grid on which the joint space is looked for, in the joint's plane
PATCH_REACH = 12.0
#: how far (mm) a line across the joint's weight ramps in as the gap's half-width falls within
#: the joint space (and as both bones' distances rise above zero)
_PATCH_RAMP = 0.3
#: how far (mm) a triangle of L5's facet ramps out of the articular surface beyond the joint space
_FACET_NEAR_RAMP = 0.6
#: the softness (mm) of the minimum that finds the gap's middle on each line
_PATCH_SOFTNESS = 0.1
#: the share of L5's facet (by area) lying beyond each of its margins above and below
_MARGIN_QUANTILE = 0.01


def ramp(x: np.ndarray, width: float) -> np.ndarray:
    """0 at and below 0, rising linearly to 1 at ``width`` (mm)."""
    return np.clip(x / width, 0.0, 1.0)


def joint_frame(normal):
    """Columns: across the joint (the normal), craniocaudal within it, horizontal within it."""
    n = np.asarray(normal, float) / np.linalg.norm(normal)
    up = np.array([0.0, 0.0, 1.0]) - n[2] * n
    up /= np.linalg.norm(up)
    return np.column_stack([n, up, np.cross(n, up)])


def joint_geometry(ctx: BuildContext, side: str):
    """Centre and normal of the joint in the L5 frame: L5's inferior facet where it faces S1
    (:func:`articular_surface`) moved half the joint space along its outward normal (towards
    S1's facet)."""
    c, n = articular_surface(ctx, side)
    return c + 0.5 * P.FACET_JOINT_SPACE * n, n


def articular_surface(ctx: BuildContext, side: str):
    """Centre and outward normal (L5 frame) of L5's inferior facet where it faces S1: the mean
    of the placed L5's surface (its triangles, by area) behind and beside the body on this side,
    each weighed by how near S1 it lies (:func:`_facing_s1`). (L5's own landmark counts the
    triangles within a sharp bound: it moved 0.3 mm and turned 2 deg on a perturbed rebuild,
    and the capsule with it.)"""
    m, c, w = _facing_s1(ctx, side)
    centre = (w[:, None] * c).sum(axis=0) / w.sum()
    normal = (w[:, None] * m.face_normals).sum(axis=0)
    return centre, normal / np.linalg.norm(normal)


def articular_margins(ctx: BuildContext, side: str, centre, R) -> tuple[float, float]:
    """The lower and upper margins of L5's inferior facet where it faces S1 (mm along the joint's
    craniocaudal axis, ``R``'s second column, from ``centre``; L5 frame): the
    ``_MARGIN_QUANTILE`` and ``1 - _MARGIN_QUANTILE`` quantiles of its surface's height there
    (by area, weighed as in :func:`articular_surface`: continuous in the bones), the joint's
    own poles, where its recesses lie."""
    _, c, w = _facing_s1(ctx, side)
    height = (c - centre) @ R[:, 1]
    bottom, top = weighted_quantile(height, w, [_MARGIN_QUANTILE, 1 - _MARGIN_QUANTILE])
    return float(bottom), float(top)


def _facing_s1(ctx: BuildContext, side: str):
    """The placed L5 (its mesh, L5 frame), its triangles' centres and their weights as its
    inferior facet facing S1 on this side: by area, behind and beside the body, each weighed by
    how near S1 it lies (fully within ``FACET_JOINT_SPACE`` + 0.5 mm, ramping out over
    ``_FACET_NEAR_RAMP``)."""
    T = np.asarray(ctx.landmarks["l5_frame"], float)
    m = ctx.mesh("l5_vertebra").copy()
    m.apply_transform(np.linalg.inv(T))
    c, area = m.triangles_center, m.area_faces
    region = (c[:, 0] * side_sign(side) > 5.0) & (c[:, 1] < -15.0) & (c[:, 2] < 8.0)
    s1 = vertebra.s1_facet_distance(ctx, T)
    if s1 is None:
        raise ValueError("facet joints: no S1 to articulate with")
    w = np.zeros(len(c))
    d = s1(c[region])
    w[region] = area[region] * ramp(
        P.FACET_JOINT_SPACE + 0.5 + _FACET_NEAR_RAMP - d, _FACET_NEAR_RAMP
    )
    return m, c, w


def s1_distance_near(ctx: BuildContext, T: np.ndarray, centre) -> imp.SDF:
    """Signed distance (L5 frame) to S1 within ``BONE_REACH`` of the joint at ``centre``, from the
    S1 mesh cropped round it (clamped to +``BONE_REACH`` further off)."""
    return bone_distance_near(ctx, "s1_segment", T, centre)


def bone_distance_near(ctx: BuildContext, bone: str, T: np.ndarray, centre) -> imp.SDF:
    """Signed distance (L5 frame) to the built ``bone`` within ``BONE_REACH`` of the joint at
    ``centre``, from its mesh cropped round it (clamped to +``BONE_REACH`` further off), averaged
    over ``_S1_BLUR`` round each point (the mesh's creases smoothed)."""
    m = ctx.mesh(bone).copy()
    m.apply_transform(np.linalg.inv(T))
    crop = np.sqrt(2.0) * PATCH_REACH + 2.0 * BONE_REACH
    keep = np.flatnonzero(np.linalg.norm(m.triangles_center - centre, axis=1) < crop)
    near = imp.mesh_distance(part(m, keep), spacing=0.3)
    steps = _S1_BLUR * np.vstack([np.eye(3), -np.eye(3)])

    def f(p):
        # averaged over a small star of neighbours: the mesh's creases and its sampling
        d = sum(near(p + step) for step in steps) / len(steps)
        d = np.minimum(d, BONE_REACH)
        return np.where(d < -BONE_REACH, BONE_REACH, d)  # "deep inside" a crop is behind it

    return f


def on_lattice(f: imp.SDF, lo, hi, spacing: float) -> imp.SDF:
    """``f`` interpolated trilinearly from a lattice of ``spacing`` (mm) over the box ``lo`` to
    ``hi`` (beyond it, from its faces), evaluated only at the lattice's nodes round the points
    asked for, each once: a costly, smooth field (a bone's blurred distance) asked for at many
    points in a few places. Its values do not depend on the order of the questions."""
    lo = np.asarray(lo, float)
    axes = [np.arange(lo[i], hi[i] + spacing, spacing) for i in range(3)]
    shape = np.array([len(ax) for ax in axes])
    values = np.full(tuple(shape), np.nan)
    corners = np.stack(np.meshgrid([0, 1], [0, 1], [0, 1], indexing="ij"), -1).reshape(-1, 3)

    # (the lattice's steps as the interpolation takes them: the cell it reads each point from is
    # the one filled for it)
    step = np.array([ax[1] - ax[0] for ax in axes])
    top = np.array([ax[-1] for ax in axes])

    def g(p):
        p = np.clip(np.asarray(p, float), lo, top)
        cell = np.clip(np.floor((p - lo) / step).astype(int), 0, shape - 2)
        # (the nodes round the points not yet filled, each once)
        nodes = (cell[:, None, :] + corners[None]).reshape(-1, 3)
        need = np.unique(np.ravel_multi_index(nodes.T, shape))
        flat = values.reshape(-1)
        need = need[np.isnan(flat[need])]
        if len(need):
            flat[need] = f(lo + np.column_stack(np.unravel_index(need, shape)) * spacing)
        return meshing.linear_on_grid(axes, values, p)

    return g


def _gap_lines(l5: imp.SDF, s1: imp.SDF, centre, R):
    """The joint space's middle on lines across the joint through a 0.5 mm grid in its plane:
    the grid (its coordinates, mm, along the joint's craniocaudal and horizontal axes), and per
    line the middle's position across (mm, along ``R``'s first column from ``centre``) and the
    line's weight (0-1: how much it passes through the joint space; see
    :func:`articular_patch`), each shaped as the grid."""
    g = np.arange(-PATCH_REACH, PATCH_REACH + 0.01, 0.5)
    x = np.arange(-4.0, 4.01, 0.25)
    q = np.stack(np.meshgrid(x, g, g, indexing="ij"), -1).reshape(-1, 3)
    a, b = l5(centre + q @ R.T), s1(centre + q @ R.T)
    far = np.maximum(a, b).reshape(len(x), -1)  # (across, line)
    half = far.min(axis=0)
    # (a soft argmin across: the gap's middle on each line)
    soft = np.exp(-(far - half) / _PATCH_SOFTNESS)
    across = (soft * x[:, None]).sum(axis=0) / soft.sum(axis=0)
    # (the ramp centred on the joint space's half-width, with a margin)
    limit = 0.5 * (P.FACET_JOINT_SPACE + 0.7) + 0.5 * _PATCH_RAMP
    # (a line through bone alone, or beside the joint, has both distances' larger one far off)
    w = ramp(limit - half, _PATCH_RAMP) * ramp(
        np.minimum(a, b).reshape(len(x), -1).max(axis=0), _PATCH_RAMP
    )
    shape = (len(g), len(g))
    return g, across.reshape(shape), w.reshape(shape)


def articular_patch(l5: imp.SDF, s1: imp.SDF, centre, R) -> tuple[np.ndarray, np.ndarray]:
    """The joint space between the two facets, in joint coordinates (across, craniocaudal,
    horizontal: the columns of ``R``, from ``centre``): the mean and the standard deviation of
    the joint space's middle surface (an elliptic patch has half-axes of twice its standard
    deviations), found on lines across the joint through a 0.5 mm grid in its plane.

    On each line the middle of the gap is where the farther of the two bones is nearest (the
    least, over the line's samples, of the larger of the two distances: the gap's half-width,
    where the line passes between the bones); a line counts as much as that half-width lies
    within the joint space (ramping over ``_PATCH_RAMP``), its middle taken as a soft minimum.
    Every step is continuous in the bones' distances, so the patch moves continuously with the
    bones (a count of sample points inside sharp bounds, or an argmin, jumps as single points
    cross them: 0.13 mm mean on a perturbed rebuild)."""
    return _patch_moments(*_gap_lines(l5, s1, centre, R))


def _patch_moments(g, across, w):
    """Mean and standard deviation of the gap's middle (see :func:`articular_patch`)."""
    up, h = np.meshgrid(g, g, indexing="ij")
    pts = np.column_stack([across.ravel(), up.ravel(), h.ravel()])
    w = w.ravel()
    mean = (w[:, None] * pts).sum(axis=0) / w.sum()
    spread = np.sqrt((w[:, None] * (pts - mean) ** 2).sum(axis=0) / w.sum())
    return mean, spread


def joint_surface(l5: imp.SDF, s1: imp.SDF, centre, R):
    """The articular patch (:func:`articular_patch`) and the joint's middle surface taken from
    the bones: a function of (craniocaudal, horizontal) joint coordinates giving the middle of
    the space between L5's and S1's facets across the joint (mm, as ``articular_patch``'s mean).

    It is the gap's middle found on each line, smoothed over ``FACET_SURFACE_SMOOTHING`` (the
    bones' facets carry sub-millimetre ripples of their meshes), and beyond the patch it runs on
    as the least-squares quadric through the patch (planar, with its curvatures along and across
    the joint: the S1 facet's cup), its arguments eased towards ``FACET_SURFACE_REACH`` SD of the
    patch so it stays bounded round the hood. The cartilages lie on it, so they follow the real
    articular surfaces' curve (a C in axial section where the S1 facet is cupped)."""
    g, across, w = _gap_lines(l5, s1, centre, R)
    mean, sd = _patch_moments(g, across, w)
    up, h = np.meshgrid(g - mean[1], g - mean[2], indexing="ij")
    reach = P.FACET_SURFACE_REACH * sd[1:]

    def basis(u, v):
        u, v = reach[0] * np.tanh(u / reach[0]), reach[1] * np.tanh(v / reach[1])
        return np.column_stack([np.ones_like(u), u, v, u * u, v * v])

    A = basis(up.ravel(), h.ravel())
    sw = np.sqrt(w.ravel())
    coef = np.linalg.lstsq(A * sw[:, None], across.ravel() * sw, rcond=None)[0]
    residual = across - (A @ coef).reshape(across.shape)
    sigma = P.FACET_SURFACE_SMOOTHING / 0.5
    # (the residual smoothed where the bones are, fading to the quadric beyond them)
    ripple = gaussian_filter(w * residual, sigma, mode="constant") / (
        gaussian_filter(w, sigma, mode="constant") + 0.1
    )
    spline = RectBivariateSpline(g, g, ripple, kx=3, ky=3)

    def surface(u, v):
        u, v = np.asarray(u, float), np.asarray(v, float)
        inside = spline(np.clip(u, g[0], g[-1]), np.clip(v, g[0], g[-1]), grid=False)
        return basis(u - mean[1], v - mean[2]) @ coef + inside

    return mean, sd, surface
