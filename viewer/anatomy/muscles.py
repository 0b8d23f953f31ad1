"""The muscles around the lumbosacral junction and the hip, and the piriformis spasm shape (the
back muscles, multifidus and erector spinae, are in :mod:`viewer.anatomy.back_muscles`).

Each muscle is a smooth sweep along a curve through via-points (:mod:`routing`): a fusiform belly
with thin tendon ends, routed around the bones and then trimmed where it would touch them, so it
lies on the bone instead of passing through it. Attached ends are snapped onto the bone surface.

* ``psoas_major_<side>``: from the side of the L5 body and the front of the L5 transverse process
  (continuing above L5 as a belly cut off at a plane), down over the pelvic brim in front of the
  hip to the lesser trochanter; via-points from gait2392 (B.2) mapped into the model frame.
* ``piriformis_<side>``: from the front of the sacrum, by slips lateral to the S2-S4 anterior
  foramina, out through the upper part of the greater sciatic notch to the upper border of the
  greater trochanter (B.3).
* ``piriformis_spasm_<side>``: the piriformis with a thicker, shorter belly (a tight muscle).

Published for the nerves in ``ctx.landmarks`` (per side): ``piriformis_path_<side>`` (its
centreline, medial to lateral), ``piriformis_half_height_<side>`` and
``piriformis_half_thickness_<side>`` (per centreline point), ``piriformis_width_dir_<side>``
(per point, the direction of its height), and ``piriformis_notch_point_<side>`` (its centre where
it passes the greater sciatic notch).
"""

from __future__ import annotations

import numpy as np
import trimesh
from scipy import ndimage

from ..vocabulary import SIDES
from . import bone_fields, implicit, meshing, perturbation, routing, section_caps
from . import parameters as P
from .build import BuildContext, Built
from .frame import ANTERIOR, RIGHT, SUPERIOR, opensim_pelvis_to_model, side_sign
from .structures import ids

#: what the soft tissue keeps clear of: the bones and the disc
BONES = (*ids("bones"), "l5_s1_disc_annulus")
MUSCLE_FACES = 8000
SPASM_FACES = 3000
VOXEL = 1.2
#: how far from its cutting plane a section cap's vertex may lie after meshing smooths it, mm
CAP_TOLERANCE = 0.9


from .frame import unit as _unit  # noqa: E402


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


def trimmed(f: implicit.SDF, bones: routing.Obstacles, cuts=(), avoid=()) -> implicit.SDF:
    """The shape ``f`` trimmed where it would come within the muscle margin of bone, cut by the
    half-spaces ``cuts`` and kept off the shapes ``avoid`` (other muscles)."""
    margin = P.MUSCLE_BONE_MARGIN

    def g(p):
        v = f(p)
        m = v < 1.5
        if m.any():
            v[m] = np.maximum(v[m], margin - bones(p[m], reach=2.0 + margin))
            for h in cuts:
                v[m] = np.maximum(v[m], h(p[m]))
            for a in avoid:
                v[m] = np.maximum(v[m], -a(p[m]) + 0.3)
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


def without_fins(vol: np.ndarray, voxel: float, keep: np.ndarray | None = None) -> np.ndarray:
    """The sampled shape after a morphological opening and closing by a ball of
    ``MUSCLE_OPENING_RADIUS``: fins, spikes and slivers thinner than the ball go, pits and
    slits narrower than it fill; elsewhere the field is left as it was (smooth). Voxels where
    ``keep`` is True (the attached ends) are kept as they were."""
    r = P.MUSCLE_OPENING_RADIUS / voxel
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
    f, paths, reach: float, faces: int, voxel: float = VOXEL, keep: tuple = ()
) -> trimesh.Trimesh:
    """Mesh a shape lying within ``reach`` of ``paths`` as one closed surface of at most
    ``faces`` triangles, without fins or pits (:func:`without_fins`) except near the points
    ``keep`` (tendon attachments, kept whole)."""
    path = np.vstack([routing.resample(p, 1.0) for p in paths])
    ends = np.reshape(np.asarray(keep, float), (-1, 3))
    for scale in meshing.VOXEL_RETRIES:
        size = voxel * scale
        lo, vol = _sampled(f, path, reach, size)
        kept = None
        if len(ends):
            grid = np.stack(np.meshgrid(*[np.arange(n) for n in vol.shape], indexing="ij"), -1)
            grid = lo + grid * size
            near = np.min([np.linalg.norm(grid - e, axis=-1) for e in ends], axis=0)
            kept = near < P.MUSCLE_END_KEPT
        vol = without_fins(vol, size, kept)
        out = meshing.closed_mesh_from_volume(vol, lo, size, faces)
        if out is not None:
            return out
    raise meshing.MeshingError("muscle: no closed mesh")


class _Side:
    """The muscles of one side, built from that side's landmarks."""

    def __init__(self, ctx: BuildContext, side: str, bones: routing.Obstacles):
        self.ctx, self.side, self.bones = ctx, side, bones
        self.lat = RIGHT * side_sign(side)  # pointing laterally
        self.ls = bone_fields.Lumbosacral.from_context(ctx)

    def lm(self, name: str) -> np.ndarray:
        lms = self.ctx.landmarks
        key = f"{name}_{self.side}"
        return np.asarray(lms[key] if key in lms else lms[name], float)

    def level(self, s: float, a: float = 0.0, x: float = 0.0) -> np.ndarray:
        """A point at height ``s`` above the disc centre, ``a`` anterior, ``x`` lateral."""
        return self.ls.centre + self.ls.up * s + self.ls.ant * a + self.lat * x

    # ---------------------------------------------------------------- psoas major
    def psoas(self) -> tuple[Built, np.ndarray]:
        bones, ls = self.bones, self.ls
        hw, hd = P.PSOAS_BELLY
        l5_mid = 0.5 * (ls.disc_top + ls.l5_top)
        beside = routing.first_clear(bones, self.level(l5_mid, -4.0), self.lat, hw - 3.0)
        # above L5 the belly carries straight on up beside the (unmodelled) L4 body
        top = beside + SUPERIOR * (ls.l5_top + P.PSOAS_ABOVE_L5 - l5_mid)
        # at the disc it lies in front of the ala, anterolateral to the disc (not out beside it)
        x_off = float((beside - ls.centre) @ self.lat)
        disc = routing.first_clear(
            bones,
            self.level(0.5 * (ls.disc_top + ls.disc_bottom), 0.0, x_off),
            _unit(ANTERIOR + P.PSOAS_DISC_LATERAL * self.lat),
            hw - 3.0,
        )
        brim, front = opensim_points(
            self.ctx.landmarks, P.PSOAS_GAIT2392_PELVIS[1:], side=self.side
        )
        p4, p5 = opensim_points(self.ctx.landmarks, femur=P.PSOAS_GAIT2392_FEMUR, side=self.side)
        insertion = bones.snap(0.7 * self.lm("lesser_trochanter") + 0.3 * p5)[0]
        via = np.array([top + ls.up * 8.0, top, beside, disc, brim, front, p4, insertion])
        # fusiform: widest at L5-S1, narrowing over the brim into a flat tendon
        bw, bd = P.PSOAS_BRIM
        t = P.PSOAS_TENDON_RADIUS
        rw = [hw * 0.92, hw * 0.96, hw, hw, bw, bw * 0.85, t * 1.6, t]
        rd = [hd * 0.92, hd * 0.96, hd, hd, bd, bd * 0.8, t * 1.2, t]
        path = routing.spline(via, 1.0)
        a = routing.along(path, via, rw)
        d = routing.along(path, via, rd)
        path = routing.route(path, 0.6 * np.minimum(a, d), bones, hold_end=15.0)
        path = routing.resample(path, 1.0)
        a = routing.along(path, via, rw)
        d = routing.along(path, via, rd)
        # Slip from the front of the transverse process into the belly.
        tp = bones.snap(self.lm("l5_transverse_tip") - self.lat * 8.0 + ANTERIOR * 4.0)[0]
        join = path[np.argmin(np.linalg.norm(path - beside, axis=1)) + 12]
        slip = routing.spline([tp, 0.5 * (tp + join) + ANTERIOR * 3.0, join], 1.0)
        sa = np.linspace(4.0, hw * 0.7, len(slip))
        cut = implicit.halfspace(top, ls.up)
        f = trimmed(
            implicit.smooth_union(
                4.0,
                implicit.sweep(path, a, d, width_dirs=self.lat),
                implicit.sweep(slip, sa, sa * 0.6, width_dirs=ls.up),
            ),
            bones,
            cuts=(cut,),
        )
        built = mesh(f, [path, slip], hw + 3.0, MUSCLE_FACES, keep=(path[-1],))
        section_caps.tag_plane(built, top, ls.up, CAP_TOLERANCE)  # runs on up beside L4: cut
        return Built(built), path

    # ---------------------------------------------------------------- piriformis
    def piriformis_path(self):
        """Centreline (medial origin to trochanter), half-height and half-thickness per point, the
        height direction per point, and the origin slips."""
        bones = self.bones
        hh, ht = P.PIRIFORMIS_BELLY
        s1a, s2a = self.lm("s1_anterior_foramen"), self.lm("s2_anterior_foramen")
        step = s2a - s1a
        levels = [s2a, s2a + 0.9 * step, s2a + 1.7 * step]  # S2, S3, S4 foramina
        origins = bones.snap(np.array([p + self.lat * P.PIRIFORMIS_ORIGIN_LATERAL for p in levels]))
        origin = origins[1]
        notch, spine = self.lm("greater_sciatic_notch"), self.lm("ischial_spine")
        down = _unit(spine - notch)
        at_notch = bones.lift(notch + down * (hh + 1.5), ht + 1.0)[0]
        gt = self.lm("greater_trochanter")
        insertion = bones.snap(gt - self.lat * 6.0 - SUPERIOR * 2.0)[0]
        inside = bones.lift(0.55 * origin + 0.45 * at_notch + ANTERIOR * 4.0, ht + 1.0)[0]
        outside = bones.lift(0.5 * (at_notch + insertion) - ANTERIOR * 4.0, ht + 1.0)[0]
        via = np.array([origin, inside, at_notch, outside, insertion])
        path = routing.spline(via, 1.0)
        t = P.PIRIFORMIS_TENDON_RADIUS
        rh = [hh * 0.55, hh, hh, hh * 0.6, t]
        rt = [ht * 0.7, ht, ht, ht * 0.7, t]
        path = routing.route(
            path, 0.7 * routing.along(path, via, rt), bones, hold_start=10.0, hold_end=10.0
        )
        path = routing.resample(path, 1.0)
        return path, via, rh, rt, origins, at_notch

    def piriformis(self, spasm: bool = False) -> Built:
        path, via, rh, rt, origins, at_notch = self.piriformis_path()
        s = routing.arc_length(path) / routing.arc_length(path)[-1]
        hh, ht = P.PIRIFORMIS_BELLY
        tendon = P.PIRIFORMIS_TENDON_RADIUS
        if spasm:
            k, short = P.PIRIFORMIS_SPASM_THICKENING, P.PIRIFORMIS_SPASM_BELLY_SHORTENING
            belly = (0.5 - 0.2 * short, 0.5 + 0.15 * short)
            a = routing.profile(s, (hh * 0.55 * k, tendon), hh * k, belly)
            d = routing.profile(s, (ht * 0.7 * k, tendon), ht * k, belly)
        else:
            a = routing.profile(s, (hh * 0.55, tendon), hh, (0.25, 0.6))
            d = routing.profile(s, (ht * 0.7, tendon), ht, (0.25, 0.6))
        _, up = routing.frames(path, SUPERIOR)
        parts = [implicit.sweep(path, a, d, width_dirs=up)]
        join = path[int(0.25 * len(path))]
        slips = []
        for o in origins[[0, 2]]:
            slip = routing.spline([o, 0.5 * (o + join) + self.lat * 3.0, join], 1.0)
            r = np.linspace(4.0, ht * (1.3 if spasm else 1.0), len(slip))
            parts.append(implicit.sweep(slip, r * 1.3, r, width_dirs=SUPERIOR))
            slips.append(slip)
        f = trimmed(implicit.smooth_union(5.0, *parts), self.bones)
        faces = SPASM_FACES if spasm else MUSCLE_FACES
        reach = (hh * (P.PIRIFORMIS_SPASM_THICKENING if spasm else 1.0)) + 3.0
        if not spasm:
            self.ctx.landmarks.update(
                {
                    f"piriformis_path_{self.side}": path,
                    f"piriformis_half_height_{self.side}": a,
                    f"piriformis_half_thickness_{self.side}": d,
                    f"piriformis_width_dir_{self.side}": up,
                    f"piriformis_notch_point_{self.side}": at_notch,
                }
            )
        return Built(
            mesh(
                f,
                [path, *slips],
                reach,
                faces,
                keep=(path[0], self.lm("greater_sciatic_notch"), path[-1]),
            )
        )


def build(ctx: BuildContext) -> dict[str, Built]:
    bones = routing.Obstacles(ctx, BONES)
    out: dict[str, Built] = {}
    for side in SIDES:
        m = _Side(ctx, side, bones)
        out[f"psoas_major_{side}"], _ = m.psoas()
        out[f"piriformis_{side}"] = m.piriformis()
        out[f"piriformis_spasm_{side}"] = m.piriformis(spasm=True)
    return out
