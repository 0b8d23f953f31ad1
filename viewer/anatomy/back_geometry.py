"""What the back muscles of one side share: the dorsal bone surface they lie on, its landmarks,
keeping clear of the bones, and meshing.

Both back muscles are height fields over the dorsal bone surface (:mod:`viewer.anatomy.dorsal_map`):
a solid from the bone up to a smooth dorsal surface, within an outline, with shapes swept along
it. Points on that surface are written (x', h, z): x' the distance lateral of the midline, h the
depth behind the frontal plane, z the height (model frame, mm).
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage
from scipy.spatial import cKDTree

from . import implicit, meshing, perturbation, routing
from . import parameters as P
from .build import BuildContext
from .dorsal_map import NO_BONE, DorsalMap, depth, dorsal_map, smooth_max
from .frame import side_sign
from .geometry import weighted_quantile

#: how far from its cutting plane a section cap's vertex may lie after smoothing, mm
CAP_TOLERANCE = 0.9
#: near-field of the bone distance that trims the muscles: values deeper inside bone than this are
#: not read (the depth map already keeps the muscle out there, and far from a surface a mesh
#: distance may carry the wrong sign), mm
TRIM_TRUST = 4.0
#: rounding of the outlines' edges and corners, mm
ROUNDING = 4.0
#: multifidus's rounded edge reaches this far beyond its outline, mm
MF_EDGE = 1.0
#: the spinous process's half-thickness is this quantile of the distance from the midline over
#: the surface of its hinder half, by area (:func:`spinous_half_thickness`): its side faces, a
#: few of the rounded borders' (the thinner upper and lower edges lie below it). 0.84 gives
#: 3.491 mm on stop 43's L5, where the 90th percentile of its vertices gave 3.487 (the multifidus
#: and erector laid out from it kept their shapes)
SPINOUS_HALF_QUANTILE = 0.84
#: each triangle is read at the centres of this many by this many equal sub-triangles, so that
#: the measure is an integral over the surface, whatever its triangulation
SPINOUS_HALF_SUBDIVISION = 4
#: the share of the opened field's departure from its own Gaussian smoothing added to it in
#: :func:`without_fins` (its plateaus sloped as their surroundings slope), that smoothing's sigma
#: (mm), and the departure (mm) beyond which it is no longer added in proportion
FIN_FIELD_SHARE = 0.05
FIN_FIELD_SMOOTHING = 0.9
FIN_FIELD_REACH = 0.2
#: :func:`upper_envelope` lifts its smoothed sheet back onto the field and smooths it again this
#: many times (an envelope smooth over the field's sharp ridges, not creased on them)
ENVELOPE_PASSES = 3


def back_bones(side: str) -> tuple[str, ...]:
    """The bones the back muscles of ``side`` lie on."""
    return ("l5_vertebra", "s1_segment", "sacrum_lower", f"hip_bone_{side}")


class BackSide:
    """The dorsal bone surface of one side and the landmarks the back muscles are laid out from.

    Attributes
    ----------
    map, smooth_floor, bed
        The dorsal bone surface, as found, without its finer relief, and bridged up and down
        (multifidus's deep face).
    tip, psis
        The L5 spinous tip (at the spinous process's side face) and the PSIS, as (x', h, z).
    l5_top, z_s2, z_bottom, z_cut
        Heights of the top of L5, the S2 posterior foramen, multifidus's lower end and its cut.
    """

    def __init__(self, ctx: BuildContext, side: str):
        self.ctx, self.side = ctx, side
        self.sign = side_sign(side)
        self.map: DorsalMap = dorsal_map(ctx, self.sign, back_bones(side))
        # the floor without the bone's finer relief, which multifidus's lateral face rounds onto
        smooth = ndimage.gaussian_filter(
            self.map.floor, P.MULTIFIDUS_BASE_SMOOTHING, mode="nearest"
        )
        self.smooth_floor = DorsalMap(self.sign, self.map.xs, self.map.zs, smooth)
        self.bones = routing.Obstacles(ctx, back_bones(side))
        lms = ctx.landmarks

        def lm(name: str) -> np.ndarray:
            return np.asarray(lms.get(f"{name}_{side}", lms.get(name)), float).reshape(-1)[:3]

        self.lm = lm
        # the bed multifidus's deep face lies on: the floor's upper envelope up and down (a
        # dilation then a smoothing along z only, never in front of the bone), so that it
        # bridges the hollows between the laminae, the facets and the sacral crests above and
        # below one another instead of taking their every step (across, beside the spinous
        # process, it keeps to the floor); on the sacrum, from the S1 foramen down, it lies on
        # the bone, where its sacral fascicles attach
        reach, sigma, above_s1 = P.MULTIFIDUS_DEEP_BRIDGING
        step = float(self.map.zs[1] - self.map.zs[0])
        n = int(round(reach / step))
        envelope = ndimage.grey_dilation(self.map.floor, size=(1, 2 * n + 1), mode="nearest")
        envelope = ndimage.gaussian_filter1d(envelope, sigma / step, axis=1, mode="nearest")
        z_s1 = float(lm("s1_posterior_foramen")[2])
        w = implicit.smoothstep((self.map.zs - z_s1) / above_s1)[None, :]
        bed = self.map.floor + w * np.maximum(envelope - self.map.floor, 0.0)
        self.bed = DorsalMap(self.sign, self.map.xs, self.map.zs, bed)
        l5 = ctx.mesh("l5_vertebra").vertices
        tip = lm("l5_spinous_tip")
        self.spinous_half = spinous_half_thickness(
            ctx.mesh("l5_vertebra"), 0.5 * (lm("l5_spinous_base")[1] + tip[1])
        )
        self.tip = np.array([self.spinous_half, depth(tip[None])[0], tip[2]])  # x', h, z
        psis = lm("psis")
        self.psis = np.array([self.sign * psis[0], depth(psis[None])[0], psis[2]])
        self.l5_top = float(l5[:, 2].max())
        s1p, s2p = lm("s1_posterior_foramen"), lm("s2_posterior_foramen")
        self.z_s2 = float(s2p[2])
        self.z_bottom = float(s2p[2] + P.MULTIFIDUS_CAUDAL_REACH * (s2p[2] - s1p[2]))
        self.z_cut = self.l5_top + P.MULTIFIDUS_ABOVE_L5

    def point(self, xl: float, h: float, z: float) -> np.ndarray:
        """The model-frame point at (x', h, z)."""
        return np.array([self.sign * xl, -h, z])

    def trimmed(self, f: implicit.SDF) -> implicit.SDF:
        """``f`` kept the muscle margin clear of the bones, read only near their surfaces."""
        margin = P.MUSCLE_BONE_MARGIN

        def g(p: np.ndarray) -> np.ndarray:
            v = f(p)
            m = np.flatnonzero(v < 1.5)
            if len(m):
                d = self.bones(p[m], reach=margin + 2.0)
                near = d > -TRIM_TRUST
                v[m[near]] = np.maximum(v[m[near]], margin - d[near])
            return v

        return g

    def mesh(self, f: implicit.SDF, lo_hi: tuple[np.ndarray, np.ndarray], faces: int):
        """Mesh ``f`` inside the box ``lo_hi`` (model frame) as one closed surface."""
        for scale in meshing.VOXEL_RETRIES:
            size = P.BACK_MUSCLE_VOXEL * scale
            lo, axes = meshing.sample_grid(lo_hi, size)
            X, Y, Z = np.meshgrid(*axes, indexing="ij")
            pts = np.stack([X.ravel(), Y.ravel(), Z.ravel()], axis=1)
            vol = f(perturbation.points(pts)).reshape(X.shape)
            out = meshing.closed_mesh_from_volume(without_fins(vol, size), lo, size, faces)
            if out is not None:
                return out
        raise meshing.MeshingError(f"back muscles ({self.side}): no closed mesh")

    def box(self, xl: tuple[float, float], h: tuple[float, float], z: tuple[float, float]):
        """The model-frame box spanning x' ``xl``, depth ``h`` and height ``z``."""
        xs = sorted([self.sign * xl[0], self.sign * xl[1]])
        return np.array([xs[0], -h[1], z[0]]), np.array([xs[1], -h[0], z[1]])


def spinous_half_thickness(l5, y_behind: float) -> float:
    """The half-thickness of the L5 spinous process, mm: the ``SPINOUS_HALF_QUANTILE`` quantile
    of ``|x|`` over the surface of ``l5`` behind ``y_behind`` (its hinder half), weighted by area.

    Read at the centres of an even subdivision of every triangle (each weighing its share of the
    area), not at the vertices: a quantile of the vertices moves with where the meshing puts them
    (another machine's last bits retriangulate the bone: 0.03 mm here, which the erector spinae's
    lower border on the sacrum, laid out from this, magnifies twentyfold), an area integral only
    with the surface itself.
    """
    k = SPINOUS_HALF_SUBDIVISION
    # (the centres of the k*k sub-triangles: those pointing up and those pointing down)
    centres = [(i + a, j + a) for i in range(k) for j in range(k - i) for a in (1 / 3, 2 / 3)]
    uv = np.array([c for c in centres if c[0] + c[1] < k], float) / k
    bary = np.column_stack([uv, 1.0 - uv.sum(axis=1)])
    pts = np.einsum("mb,fbd->fmd", bary, l5.triangles).reshape(-1, 3)
    weight = np.repeat(l5.area_faces / len(bary), len(bary))
    behind = pts[:, 1] < y_behind
    return float(weighted_quantile(np.abs(pts[behind, 0]), weight[behind], SPINOUS_HALF_QUANTILE))


def dorsal_depth(mesh, sign: float, xs: np.ndarray, zs: np.ndarray, ball: float) -> np.ndarray:
    """How far behind the frontal plane ``mesh``'s dorsal surface lies over the grid ``xs`` (x')
    by ``zs`` (z), mm: a ball of radius ``ball`` moved forward from behind until it touches the
    mesh's surface samples (as :func:`viewer.anatomy.dorsal_map.dorsal_map` reads the bone: a
    maximum of continuous functions of the samples, so it moves continuously with them);
    ``NO_BONE`` where the mesh lies behind no grid point."""
    samples = implicit.surface_samples(mesh, 0.5 * ball)[0]
    flat = np.column_stack([sign * samples[:, 0], samples[:, 2]])
    X, Z = np.meshgrid(xs, zs, indexing="ij")
    q = np.column_stack([X.ravel(), Z.ravel()])
    out = np.full(len(q), NO_BONE)
    tree = cKDTree(flat)
    for k, near in enumerate(tree.query_ball_point(q, ball)):
        if near:
            rho2 = ((flat[near] - q[k]) ** 2).sum(axis=1)
            out[k] = np.max(-samples[near, 1] + np.sqrt(np.maximum(ball * ball - rho2, 0.0))) - ball
    return out.reshape(X.shape)


def upper_envelope(
    grid: np.ndarray, step: float, lift: float, reach: float, sigma: float
) -> np.ndarray:
    """A smooth surface over the height field ``grid`` (spacing ``step``, mm) lying on it: a grey
    dilation by a disc of ``lift`` (over its finer ridges), a grey closing by a disc of
    ``reach`` (bridging hollows narrower than it, keeping broader shape), smoothed by a Gaussian
    of ``sigma`` (mm), and never below ``grid`` (a smooth maximum with it): a sheet spanning its
    grooves, steps and hollows."""

    def disc(r: float) -> np.ndarray:
        n = int(np.ceil(r / step))
        jj, ii = np.mgrid[-n : n + 1, -n : n + 1]
        return ii**2 + jj**2 <= (r / step) ** 2

    out = ndimage.grey_dilation(grid, footprint=disc(lift), mode="nearest")
    out = ndimage.grey_closing(out, footprint=disc(reach), mode="nearest")
    out = ndimage.gaussian_filter(out, sigma / step, mode="nearest")
    # (the smoothing lowers the sharpest ridges, the edges of the transverse processes and the
    # iliac crest, below ``grid``: lifted back onto them and smoothed again, so that the final
    # maximum with ``grid`` meets no ridge standing out of the sheet in a crease)
    for _ in range(ENVELOPE_PASSES):
        out = ndimage.gaussian_filter(np.maximum(out, grid), sigma / step, mode="nearest")
    return smooth_max(out, grid, 1.0)


def without_fins(vol: np.ndarray, voxel: float) -> np.ndarray:
    """The sampled shape after an opening and a closing by a ball of ``P.BACK_MUSCLE_OPENING``:
    fins and slivers thinner than it go, pits narrower than it fill.

    Both are taken on the field itself, not on its sign: the opening of the solid ``vol < 0`` is
    ``vol``'s grey closing (a maximum over the ball, then a minimum), its closing a grey opening.
    Each value is a minimum or maximum of sampled values, so the surface moves continuously with
    them: a grid value that changes in its last bits (another machine) moves the surface by as
    little, where a thresholded opening could flip a whole voxel. Where the shape has no feature
    thinner than the ball the field is kept as it was.
    """
    r = P.BACK_MUSCLE_OPENING / voxel
    n = int(np.ceil(r))
    zz, yy, xx = np.mgrid[-n : n + 1, -n : n + 1, -n : n + 1]
    ball = xx**2 + yy**2 + zz**2 <= r * r
    opened = ndimage.grey_closing(vol, footprint=ball, mode="nearest")
    kept = ndimage.grey_opening(opened, footprint=ball, mode="nearest")
    # (a minimum or maximum copies one sample's value over a ball: where that value lies within
    # a last bit of zero the surface runs along a flat plateau of it, and a last-bit change flips
    # the whole plateau's sign, moving the surface by a voxel; a share of the opened field's own
    # smoothing gives every plateau the slope of what surrounds it, so that the surface crosses
    # it where the field round it says, moving continuously with it. Not a share of the sampled
    # field itself (stop 43): over the plateaus left where a thin fin was taken out that share
    # brought single voxels of the fin back, two tunnels through the right erector's lower
    # border. Bounded: the surface moves FIN_FIELD_SHARE times FIN_FIELD_REACH, 0.01 mm, at most)
    reach = FIN_FIELD_REACH
    around = ndimage.gaussian_filter(kept, FIN_FIELD_SMOOTHING / voxel, mode="nearest")
    return kept + FIN_FIELD_SHARE * reach * np.tanh((around - kept) / reach)
