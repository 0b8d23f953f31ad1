"""The dural sac, the L5 and S1 nerve roots and the sciatic nerves, each with its centreline.

Every nerve is a sweep along a smooth centreline (:mod:`routing`) routed through the openings of the
built bones and kept clear of bone; centrelines run proximal to distal.

* ``dural_sac``: the thecal sac in the L5 canal (cut off above L5) and down the sacral canal,
  ending at the S2 level.
* ``l5_nerve_root_<side>``: leaves the sac above the L5 pedicle, runs under the pedicle and out of
  the L5-S1 intervertebral foramen, over the sacral ala in front of the sacroiliac joint (the
  lumbosacral trunk) and down to the sacral plexus on the front of piriformis (B.6).
* ``s1_nerve_root_<side>``: leaves the sac at the L5-S1 disc, runs down the lateral recess medial
  to the S1 pedicle and inside the sacral canal, out of the S1 anterior sacral foramen and down to
  the sacral plexus (B.6). Thickness ``parameters.S1_ROOT_THICKNESS`` (A.8).
* ``sciatic_nerve_<side>``: from the plexus in front of piriformis, out of the greater sciatic
  notch below piriformis, between the ischial tuberosity and the greater trochanter and down the
  back of the thigh to the lower end of the femur mesh (B.5). A flattened trunk, width
  ``parameters.SCIATIC_WIDTH`` at the lower border of piriformis (A.8).

The S1 route joins up: the S1 root's centreline starts on the dural sac's centreline and ends where
the sciatic nerve's begins (the plexus point), so a pulse can travel sac -> root -> sciatic nerve.
The L5 root also ends at the plexus point. Published in ``ctx.landmarks``:
``sacral_plexus_<side>`` (that point) and ``s1_root_origin_<side>`` / ``l5_root_origin_<side>``
(where each root leaves the sac, a point of the sac's centreline).
"""

from __future__ import annotations

import numpy as np

from ..vocabulary import SIDES
from . import bone_fields, implicit, routing
from . import parameters as P
from .build import BuildContext, Built
from .frame import ANTERIOR, RIGHT, side_sign
from .muscles import mesh
from .structures import ids

#: what the soft tissue keeps clear of: the bones and the disc
BONES = (*ids("bones"), "l5_s1_disc_annulus")
NERVE_FACES = 5000


from .frame import unit as _unit  # noqa: E402


def _nerve(
    path, half_width, half_depth, width_dir, bones: routing.Obstacles, voxel: float, cut=None
) -> implicit.trimesh.Trimesh:
    """Mesh a nerve swept along ``path``, trimmed to stay clear of bone."""
    f = implicit.sweep(path, half_width, half_depth, width_dirs=width_dir)
    margin = 0.5 * P.NERVE_BONE_CLEARANCE

    def g(p):
        v = f(p)
        m = v < 1.0
        if m.any():
            v[m] = np.maximum(v[m], margin - bones(p[m], reach=2.0))
            if cut is not None:
                v[m] = np.maximum(v[m], cut(p[m]))
        return v

    reach = (
        float(np.max(np.maximum(half_width, half_width if half_depth is None else half_depth)))
        + 2.0
    )
    return mesh(g, [path], reach, NERVE_FACES, voxel)


class _Nerves:
    def __init__(self, ctx: BuildContext, bones: routing.Obstacles):
        self.ctx, self.bones = ctx, bones
        self.ls = bone_fields.Lumbosacral.from_context(ctx)

    def lm(self, name: str, side: str | None = None) -> np.ndarray:
        return np.asarray(self.ctx.landmarks[name if side is None else f"{name}_{side}"], float)

    # ---------------------------------------------------------------- dural sac
    def dural_sac(self) -> tuple[Built, np.ndarray]:
        ls = self.ls
        canal = self.lm("l5_canal_center")
        axis = _unit(self.lm("l5_body_axis"))
        top = canal + axis * (ls.l5_top - float(ls.s(canal)) + P.DURAL_SAC_ABOVE_L5)
        sacral = self.lm("sacral_canal_path")
        s2_level = 0.5 * (
            self.lm("s2_posterior_foramen", "left") + self.lm("s2_posterior_foramen", "right")
        )
        end = int(np.argmin(np.linalg.norm(sacral - s2_level, axis=1)))
        start = int(np.argmin(np.linalg.norm(sacral - self.lm("sacral_canal_top_center"), axis=1)))
        via = np.vstack([top + axis * 6.0, top, canal, sacral[start : end + 1]])
        path = routing.resample(routing.smooth(routing.spline(via, 1.0), 20), 1.0)
        path[:, 0] = 0.0
        s = routing.arc_length(path)
        taper = np.clip((s[-1] - s) / 18.0, 0.0, 1.0) ** 0.5
        # Fit the canal: no wider than the clearance the bones leave around the centreline.
        room = self.bones(path) - P.NERVE_BONE_CLEARANCE
        depth = np.minimum(P.DURAL_SAC_DEPTH / 2.0, room) * np.maximum(taper, 0.15)
        width = np.minimum(P.DURAL_SAC_WIDTH / 2.0, np.maximum(room * 1.4, depth)) * np.maximum(
            taper, 0.15
        )
        depth = np.maximum(depth, 1.0)
        width = np.maximum(width, 1.0)
        cut = implicit.halfspace(top, axis)
        mesh = _nerve(path, width, depth, RIGHT, self.bones, 0.6, cut=cut)
        centreline = path[routing.arc_length(path) >= 6.0]
        return Built(mesh, centreline), centreline

    def lateral_recess(self, side: str, r: float) -> np.ndarray:
        """Where the S1 root runs at the disc level: the vertebra's ``lateral_recess`` landmark, or
        else just behind the disc's posterolateral corner (medial to the S1 pedicle)."""
        lms = self.ctx.landmarks
        if f"lateral_recess_{side}" in lms:
            return self.lm("lateral_recess", side)
        corner = self.lm("l5_s1_disc_posterolateral", side)
        normal = _unit(self.lm("l5_s1_disc_posterolateral_normal", side))
        return corner + normal * (r + 1.5)

    # ---------------------------------------------------------------- plexus
    def plexus(self, side: str) -> np.ndarray:
        """The sacral plexus point: on the front (pelvic) surface of piriformis, medially."""
        path = self.lm("piriformis_path", side)
        i = int(0.3 * len(path))
        t = _unit(path[i + 1] - path[i - 1])
        w = self.lm("piriformis_width_dir", side)[i]
        d = np.cross(t, w)
        d = d if d @ ANTERIOR > 0 else -d
        thick = self.lm("piriformis_half_thickness", side)[i]
        p = path[i] + d * (thick + P.SCIATIC_THICKNESS / 2.0 + 1.5)
        return self.bones.lift(p, P.SCIATIC_THICKNESS / 2.0 + P.NERVE_BONE_CLEARANCE)[0]

    # ---------------------------------------------------------------- S1 root + sciatic
    def s1_and_sciatic(self, side: str, sac: np.ndarray):
        ls, bones = self.ls, self.bones
        lat = RIGHT * side_sign(side)
        r = P.S1_ROOT_THICKNESS.value / 2.0
        i0 = int(np.argmin(np.abs(ls.s(sac) - 0.5 * (ls.disc_top + ls.disc_bottom))))
        origin = sac[i0]
        recess = self.lateral_recess(side, r)
        tunnel = self.lm("s1_anterior_foramen_path", side)  # canal -> anterior opening
        foramen = self.lm("s1_anterior_foramen", side)
        axis = _unit(self.lm("s1_anterior_foramen_axis", side))
        plexus = self.plexus(side)
        # Below piriformis at the notch.
        pp = self.lm("piriformis_path", side)
        j = int(np.argmin(np.linalg.norm(pp - self.lm("piriformis_notch_point", side), axis=1)))
        below = -self.lm("piriformis_width_dir", side)[j]
        below = below if below[2] < 0 else -below
        half_t = P.SCIATIC_THICKNESS / 2.0
        exit_ = pp[j] + below * (
            self.lm("piriformis_half_height", side)[j] + P.SCIATIC_BELOW_PIRIFORMIS_GAP + half_t
        )
        exit_ = bones.lift(exit_, half_t + P.NERVE_BONE_CLEARANCE)[0]
        # Between the ischial tuberosity and the greater trochanter, behind the hip.
        mid = 0.5 * (
            self.lm("ischial_tuberosity", side) + self.lm("greater_trochanter_lateral", side)
        )
        hip = routing.first_clear(bones, mid, -ANTERIOR, half_t + 4.0)
        # Behind the femoral shaft, down to the cut end of the femur mesh.
        cut_c = self.lm("femur_shaft_cut_center", side)
        shaft = _unit(self.lm("femur_shaft_axis", side))
        behind = _unit(-ANTERIOR - 0.25 * lat)
        lt = self.lm("lesser_trochanter", side)
        upper = cut_c + shaft * (float((lt - cut_c) @ shaft) - 30.0)
        upper = routing.first_clear(bones, upper, behind, 0.0) + behind * P.SCIATIC_BEHIND_FEMUR
        lower = (
            routing.first_clear(bones, cut_c + shaft * 2.0, behind, 0.0)
            + behind * P.SCIATIC_BEHIND_FEMUR
        )
        out_front = foramen + axis * 6.0
        via_root = np.vstack(
            [
                origin,
                origin + lat * 4.0 - ls.up * 3.0,
                recess,
                tunnel[:-1],
                foramen,
                out_front,
                plexus,
            ]
        )
        via_sciatic = np.array([plexus, exit_, hip, upper, lower])
        root = routing.spline(via_root, 0.5)
        root = routing.route(
            root, r + P.NERVE_BONE_CLEARANCE, bones, hold_start=6.0, hold_end=0.0, iterations=15
        )
        root = routing.resample(root, 0.5)
        # The sciatic nerve leaves the plexus in the direction the root arrives.
        lead = plexus + 8.0 * _unit(root[-1] - root[-6])
        sci = routing.spline(np.vstack([plexus, lead, via_sciatic[1:]]), 1.0)
        sci = routing.route(
            sci, half_t + P.NERVE_BONE_CLEARANCE, bones, hold_start=0.0, iterations=15
        )
        sci = routing.resample(sci, 1.0)
        return root, sci, exit_, plexus, sac[i0]

    def s1_root_mesh(self, root) -> implicit.trimesh.Trimesh:
        r = P.S1_ROOT_THICKNESS.value / 2.0
        return _nerve(root, r, r, None, self.bones, 0.45)

    def sciatic_mesh(self, sci, exit_) -> implicit.trimesh.Trimesh:
        s = routing.arc_length(sci)
        k = int(np.argmin(np.linalg.norm(sci - exit_, axis=1)))
        w0 = P.S1_ROOT_THICKNESS.value / 2.0 + 2.0
        width = np.interp(
            s,
            [0.0, s[k] * 0.6, s[k], s[k] + 40.0, s[-1]],
            [
                w0,
                P.SCIATIC_WIDTH.value / 2.0,
                P.SCIATIC_WIDTH.value / 2.0,
                P.SCIATIC_WIDTH.value / 2.0,
                P.SCIATIC_DISTAL_WIDTH / 2.0,
            ],
        )
        depth = np.interp(
            s,
            [0.0, s[k], s[k] + 40.0, s[-1]],
            [
                P.SCIATIC_THICKNESS / 2.0,
                P.SCIATIC_THICKNESS / 2.0,
                P.SCIATIC_THICKNESS / 2.0,
                P.SCIATIC_DISTAL_THICKNESS / 2.0,
            ],
        )
        t, _ = routing.frames(sci, ANTERIOR)
        w = np.cross(t, ANTERIOR)
        flat = np.linalg.norm(w, axis=1) < 0.4
        w[flat] = RIGHT
        return _nerve(sci, width, depth, w, self.bones, 0.7)

    # ---------------------------------------------------------------- L5 root
    def l5_root(self, side: str, sac: np.ndarray, plexus: np.ndarray):
        ls, bones = self.ls, self.bones
        lat = RIGHT * side_sign(side)
        r = P.L5_ROOT_THICKNESS / 2.0
        pedicle = self.lm("l5_pedicle", side)
        foramen = self.lm("l5_s1_foramen", side)
        i0 = int(np.argmin(np.abs(ls.s(sac) - (float(ls.s(pedicle)) + 8.0))))
        origin = sac[i0]
        under = 0.5 * (pedicle + foramen) - lat * 3.0
        outside = foramen + lat * 8.0 + ANTERIOR * 6.0 - ls.up * 6.0
        # Over the ala and down in front of the sacroiliac joint: just anterior to the bone.
        ala = routing.first_clear(
            bones, self.lm("sacral_ala", side) - lat * 14.0, ANTERIOR, r + 2.0
        )
        si_front = routing.first_clear(
            bones, self.lm("auricular_surface", side) - ls.up * 8.0, ANTERIOR, r + 2.0
        )
        via = np.array(
            [
                origin,
                origin + lat * 4.0 - ls.up * 2.0,
                under,
                foramen,
                outside,
                ala,
                si_front,
                plexus,
            ]
        )
        path = routing.spline(via, 0.5)
        path = routing.route(path, r + P.NERVE_BONE_CLEARANCE, bones, hold_start=5.0, iterations=15)
        path = routing.resample(path, 0.5)
        return path, origin


def build(ctx: BuildContext) -> dict[str, Built]:
    bones = routing.Obstacles(ctx, BONES)
    n = _Nerves(ctx, bones)
    out: dict[str, Built] = {}
    out["dural_sac"], sac = n.dural_sac()
    for side in SIDES:
        root, sci, exit_, plexus, s1_origin = n.s1_and_sciatic(side, sac)
        out[f"s1_nerve_root_{side}"] = Built(n.s1_root_mesh(root), root)
        out[f"sciatic_nerve_{side}"] = Built(n.sciatic_mesh(sci, exit_), sci)
        l5, l5_origin = n.l5_root(side, sac, plexus)
        out[f"l5_nerve_root_{side}"] = Built(
            _nerve(l5, P.L5_ROOT_THICKNESS / 2.0, None, None, bones, 0.45), l5
        )
        ctx.landmarks[f"sacral_plexus_{side}"] = plexus
        ctx.landmarks[f"s1_root_origin_{side}"] = s1_origin
        ctx.landmarks[f"l5_root_origin_{side}"] = l5_origin
        ctx.landmarks[f"sciatic_infrapiriform_{side}"] = exit_
    return out
