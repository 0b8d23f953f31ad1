"""The dural sac, the L5 and S1 nerve roots and the sciatic nerves, each with its centreline.

Every nerve is a sweep along a smooth centreline (:mod:`routing`) routed through the openings of the
built bones and kept clear of bone (and of piriformis); centrelines run proximal to distal. A
root's centreline is then faired (:func:`nerve_paths.fair`): it bends as little as it can while
it stays clear of bone, and leaves the sac running down it. The shapes (ganglia, sleeves,
trimming, section caps) are :mod:`nerve_shapes`; the sciatic band's is :mod:`sciatic_shape`.

* ``dural_sac``: the thecal sac, oval and smooth, from a flat section cap above L5 down the L5 and
  sacral canals, tapering to end at S2 and going on as the filum terminale; with the dural
  sleeve of each root, from the sac out over the root's ganglion, where it ends.
* ``l5_nerve_root_<side>``: leaves the sac above the L5 pedicle, runs under the pedicle, swells
  into its dorsal root ganglion in the L5-S1 intervertebral foramen, and over the sacral ala is
  joined by L4's branch (cut flat where it enters the model from above): from there on the
  lumbosacral trunk, over the ala in front of the sacroiliac joint down into the sciatic
  band's plexus end, beside S1 on its lateral side (B.6).
* ``s1_nerve_root_<side>``: leaves the sac at the L5-S1 disc, runs down the lateral recess and
  inside the sacral canal to its ganglion where the S1 foramina part; the ventral ramus (the
  centreline) leaves through the anterior foramen to the plexus, the dorsal ramus through the
  posterior foramen. Thickness ``parameters.S1_ROOT_THICKNESS`` (A.8).
* ``sciatic_nerve_<side>``: a flattened band from the plexus in front of piriformis (wider
  there, flat on the muscle), where the lumbosacral trunk and S1 end side by side, webbed in,
  and the S2 and S3 ventral rami join its medial edge out of their foramina; out of the
  greater sciatic notch below piriformis (clear of it), between the ischial
  tuberosity and the greater trochanter and down the back of the thigh to the lower end of the
  femur mesh (B.5). Width ``parameters.SCIATIC_WIDTH`` at the lower border of piriformis (A.8).

The S1 route joins up: the S1 root's centreline starts on the dural sac's centreline and ends where
the sciatic nerve's begins (the plexus point), so a pulse can travel sac -> root -> sciatic nerve.
The L5 root ends inside the band beside it. Published in ``ctx.landmarks``:
``sacral_plexus_<side>`` (that point), ``s1_root_origin_<side>`` / ``l5_root_origin_<side>``
(where each root leaves the sac, a point of the sac's centreline), ``l5_ganglion_<side>`` /
``s1_ganglion_<side>`` and ``lumbosacral_trunk_<side>`` (where L4's branch joins L5).
"""

from __future__ import annotations

import numpy as np

from ..vocabulary import SIDES
from . import bone_fields, dural_sac, implicit, nerve_paths, routing, sciatic_shape
from . import nerve_shapes as shapes
from . import parameters as P
from .build import BuildContext, Built
from .frame import ANTERIOR, RIGHT, side_sign
from .structures import ids

#: what the soft tissue keeps clear of: the bones and the disc
BONES = (*ids("bones"), "l5_s1_disc_annulus")


from .frame import unit as _unit  # noqa: E402


def _muscle_distance(ctx: BuildContext, sid: str) -> implicit.SDF:
    """Signed distance to a muscle, or a far value everywhere when it is not built."""
    if sid in ctx.built:
        return bone_fields.distance(ctx, [sid])
    return lambda p: np.full(len(p), 1e6)


class _Nerves:
    def __init__(self, ctx: BuildContext):
        self.ctx = ctx
        self.bones = routing.Obstacles(ctx, BONES)
        self.ls = bone_fields.Lumbosacral.from_context(ctx)
        #: per side: what that side's nerves keep clear of (the bones and piriformis)
        self.near: dict[str, routing.Obstacles] = {
            s: routing.Obstacles(ctx, (*BONES, f"piriformis_{s}")) for s in SIDES
        }
        self.piriformis: dict[str, implicit.SDF] = {
            s: _muscle_distance(ctx, f"piriformis_{s}") for s in SIDES
        }
        self.sac: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]

    def muscle_distance(self, sid: str) -> implicit.SDF:
        """Signed distance to a soft structure built before the nerves (far when not built)."""
        return _muscle_distance(self.ctx, sid)

    def down_the_sac(self, i: int) -> np.ndarray:
        """Unit direction down the sac's centreline at its point ``i``."""
        sac = self.sac[0]
        return _unit(sac[min(i + 3, len(sac) - 1)] - sac[max(i - 3, 0)])

    def leaving_the_sac(self, i: int, towards: np.ndarray) -> np.ndarray:
        """Unit direction in which a root leaves the sac's centreline at its point ``i``: down the
        sac, turned by ``P.ROOT_LEAVING_TURN`` of the way towards the point ``towards``."""
        down = self.down_the_sac(i)
        return _unit(down + P.ROOT_LEAVING_TURN * _unit(towards - self.sac[0][i]))

    def lm(self, name: str, side: str | None = None) -> np.ndarray:
        return np.asarray(self.ctx.landmarks[name if side is None else f"{name}_{side}"], float)

    def lateral_recess(self, side: str, r: float) -> np.ndarray:
        """Where the S1 root runs at the disc level: at the height of the vertebra's
        ``lateral_recess`` landmark (the disc's lower back edge, over the back of S1), ``P.S1_RECESS_X``
        from the midline, and ``P.S1_RECESS_GAP`` (surface to surface) behind what lies in front
        of it there (the disc, or the back of S1), where a posterolateral herniation meets it.
        Without that landmark: just behind the disc's posterolateral corner."""
        lms = self.ctx.landmarks
        if f"lateral_recess_{side}" not in lms:
            corner = self.lm("l5_s1_disc_posterolateral", side)
            normal = _unit(self.lm("l5_s1_disc_posterolateral_normal", side))
            return corner + normal * (r + 1.5)
        p = self.lm("lateral_recess", side).copy()
        p[0] = side_sign(side) * P.S1_RECESS_X
        p = self.bones.lift(p, r + P.S1_RECESS_GAP)[0]  # out of the bone, if in it
        # forwards until the root's surface comes within the gap of what lies in front
        t = np.arange(0.0, 30.0, 0.25)
        values = self.bones(p + t[:, None] * ANTERIOR) - (r + P.S1_RECESS_GAP)
        close = np.nonzero(values < 0.0)[0]
        if not len(close) or close[0] == 0:
            return p
        k = int(close[0])
        share = float(values[k - 1] / max(values[k - 1] - values[k], 1e-12))
        return p + (t[k - 1] + share * (t[k] - t[k - 1])) * ANTERIOR

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
        return self.near[side].lift(p, P.SCIATIC_THICKNESS / 2.0 + P.NERVE_BONE_CLEARANCE)[0]

    # ---------------------------------------------------------------- S1 root + sciatic
    def s1_and_sciatic(self, side: str):
        ls, bones, sac = self.ls, self.near[side], self.sac[0]
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
        hip = routing.first_clear(bones, mid, -ANTERIOR, half_t + P.SCIATIC_BEHIND_HIP)
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
        # down the recess and on into the tunnel without turning back towards the midline
        onward = tunnel[:-1][(tunnel[:-1] - recess) @ lat > 0.0]
        via_root = np.vstack(
            [
                origin,
                origin + self.leaving_the_sac(i0, recess) * P.ROOT_DOWN_THE_SAC,
                recess,
                onward,
                foramen,
                out_front,
                plexus,
            ]
        )
        via_sciatic = np.array([plexus, exit_, hip, upper, lower])
        split = self.lm("s1_posterior_foramen_path", side)[0]
        root = nerve_paths.routed_root(via_root, r, split, bones, hold_start=6.0)
        # The sciatic nerve leaves the plexus in the direction the root arrives ...
        lead = plexus + 8.0 * _unit(root[-1] - root[-12])
        sci = routing.spline(np.vstack([plexus, lead, via_sciatic[1:]]), 1.0)
        sci = routing.route(
            sci, sciatic_shape.clearance(sci, exit_), bones, hold_start=0.0, iterations=15
        )
        # faired: one long smooth curve out of the notch and down the thigh, no wiggles
        sci = routing.resample(sci, 1.0)
        sci = nerve_paths.fair(
            sci,
            sciatic_shape.clearance(sci, exit_),
            bones,
            hold_start=8.0,
            hold_end=4.0,
            step=1.0,
        )
        # ... and the root arrives along the direction the routed nerve leaves (no kink).
        before = plexus - 5.0 * _unit(sci[4] - sci[0])
        # it keeps to the lateral recess, where a posterolateral disc herniation presses on it
        root = nerve_paths.root_path(
            np.vstack([via_root[:-1], before, plexus]),
            r,
            split,
            bones,
            hold_route=6.0,
            hold_end=5.0,
            through=[recess],
        )
        return root, sci, exit_, plexus, sac[i0]

    def root_shape(self, side: str, root: np.ndarray, radius: float, drg_at: np.ndarray):
        """A root's radii (with its ganglion) and its dural sleeve (from where it leaves the sac
        out over its ganglion)."""
        radii, c = shapes.ganglion_profile(root, radius, drg_at)
        path, width, depth, _ = self.sac
        inside = implicit.sweep(path, width, depth, width_dirs=RIGHT)(root) < 0.0
        out = np.nonzero(~inside)[0]
        leaves = float(routing.arc_length(root)[out[0]]) if len(out) else 0.0
        return radii, shapes.sleeve(root, radius, c, leaves)

    def s1_root_mesh(self, side: str, root: np.ndarray, radii: np.ndarray):
        """The S1 root with its ganglion, its ventral ramus (the centreline, out of the anterior
        foramen) and its dorsal ramus (out of the posterior foramen)."""
        bones = self.near[side]
        r_d = P.S1_DORSAL_RAMUS_THICKNESS / 2.0
        back = self.lm("s1_posterior_foramen_path", side)
        out = self.lm("s1_posterior_foramen", side) + 5.0 * _unit(
            self.lm("s1_posterior_foramen_axis", side)
        )
        k = int(np.argmin(np.linalg.norm(root - back[0], axis=1)))
        dorsal = routing.spline(np.vstack([root[k], back[1:], out]), 0.4)
        dorsal = routing.route(
            dorsal, r_d + P.NERVE_BONE_CLEARANCE, bones, hold_start=3.0, iterations=10
        )
        f = shapes.union(1.0, [implicit.sweep(root, radii), implicit.sweep(dorsal, r_d)])
        f = shapes.trimmed(f, bones, avoid=[self.piriformis[side]])
        return shapes.mesh(f, [root, dorsal], float(radii.max()) + 2.0, 0.4)

    def band(self, side: str, sci: np.ndarray, exit_: np.ndarray):
        """The sciatic band's half-widths, half-thicknesses and width directions
        (:func:`sciatic_shape.band`), flat on piriformis and the notch it passes."""
        return sciatic_shape.band(sci, exit_, RIGHT * side_sign(side), self.near[side])

    def sacral_rami(self, side: str, sci, width, w) -> list[tuple[np.ndarray, float]]:
        """The S2 and S3 ventral rami: out of their anterior sacral foramina and laterally on the
        front of piriformis into the lower edge of the sciatic band's plexus end."""
        bones = self.near[side]
        s2_path = self.lm("s2_anterior_foramen_path", side)
        s2, s1 = self.lm("s2_anterior_foramen", side), self.lm("s1_anterior_foramen", side)
        axis2 = _unit(self.lm("s2_anterior_foramen_axis", side))
        s3_in = s2 + 0.8 * (s2 - s1)  # the S3 foramen: one segment on from S2
        s3 = bones.lift(s3_in, 2.0)[0]
        out = []
        for start, opening, thick, join in (
            (s2_path[len(s2_path) // 2], s2, P.S2_VENTRAL_RAMUS_THICKNESS, P.S2_RAMUS_JOIN),
            (s3_in - axis2 * 3.0, s3, P.S3_VENTRAL_RAMUS_THICKNESS, P.S3_RAMUS_JOIN),
        ):
            r = thick / 2.0
            end = sciatic_shape.edge_point(sci, width, w, *join)
            via = np.vstack([start, opening + axis2 * (r + 3.0), end])
            path = routing.spline(via, 0.4)
            path = routing.route(
                path, r + P.NERVE_BONE_CLEARANCE, bones, hold_start=0.0, hold_end=2.0, iterations=10
            )
            path = nerve_paths.fair(
                path, r + P.NERVE_BONE_CLEARANCE, bones, hold_start=2.0, hold_end=2.0, step=0.4
            )
            out.append((path, r))
        return out

    def sciatic_mesh(self, side: str, sci, exit_, roots) -> implicit.trimesh.Trimesh:
        """The band (:mod:`sciatic_shape`) with the S2 and S3 rami and the last stretches of the
        ``roots`` ((centreline, end radius) of the trunk and S1) webbed into its plexus end."""
        width, depth, w = self.band(side, sci, exit_)
        rami = self.sacral_rami(side, sci, width, w)
        stubs = [sciatic_shape.stub(path, r) for path, r in roots]
        f = shapes.union(
            P.SCIATIC_PLEXUS_WEB,
            [
                sciatic_shape.body(sci, width, depth, w, rami, stubs),
                *(implicit.sweep(p, r) for p, r in rami),
                *(implicit.sweep(p, r) for p, r in stubs),
            ],
        )
        # the full clearance: the rami's cut ends in their foramina are smoothed towards bone
        f = shapes.trimmed(
            f, self.near[side], avoid=[self.piriformis[side]], margin=P.NERVE_BONE_CLEARANCE
        )
        reach = float(width.max()) + 2.0
        paths = [sci, *(p for p, _ in rami), *(p for p, _ in stubs)]
        return shapes.mesh(f, paths, reach, 0.6, faces=7000)

    # ---------------------------------------------------------------- L5 root
    def l5_root(self, side: str, end: np.ndarray, before: np.ndarray):
        ls, bones, sac = self.ls, self.near[side], self.sac[0]
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
        via = np.array(
            [
                origin,
                origin + self.down_the_sac(i0) * P.ROOT_DOWN_THE_SAC,
                under,
                foramen,
                outside,
                ala,
                before,
                end,
            ]
        )
        path = nerve_paths.root_path(
            via, r, foramen, bones, hold_route=5.0, hold_end=P.ROOT_ARRIVAL
        )
        return path, origin, ala

    def l4_contribution(self, side: str, l5: np.ndarray, ala: np.ndarray) -> np.ndarray:
        """L4's branch to the lumbosacral trunk: from the top of the modelled region (where the L4
        ventral ramus leaves the L4-L5 foramen, above the model) down in front of the L5
        transverse process to the L5 root over the ala."""
        ls, bones = self.ls, self.near[side]
        lat = RIGHT * side_sign(side)
        r = P.L4_CONTRIBUTION_THICKNESS / 2.0
        foramen = self.lm("l5_s1_foramen", side)
        top = nerve_paths.l4_branch_top(ls, foramen, lat)
        mid = foramen + ls.up * 12.0 + lat * 10.0
        mid = routing.first_clear(bones, mid, ANTERIOR, r + 2.0)
        join = l5[int(np.argmin(np.linalg.norm(l5 - ala, axis=1)))]
        path = routing.spline(np.vstack([top, mid, join]), 0.5)
        path = routing.route(path, r + P.NERVE_BONE_CLEARANCE, bones, hold_end=1.0, iterations=10)
        return routing.resample(path, 0.5)

    def l5_root_mesh(self, side: str, l5: np.ndarray, radii: np.ndarray, l4: np.ndarray):
        """The L5 root with its ganglion, joined over the ala by L4's branch: from there on the
        lumbosacral trunk, as thick as the two together. L4's branch is cut flat at the top."""
        r4 = P.L4_CONTRIBUTION_THICKNESS / 2.0
        s = routing.arc_length(l5)
        s_join = float(s[int(np.argmin(np.linalg.norm(l5 - l4[-1], axis=1)))])
        trunk = np.sqrt(radii**2 + r4**2 * np.clip((s - s_join + 10.0) / 10.0, 0.0, 1.0))
        # the trunk a flat band over the ala and the pelvic brim (its section's area kept), round
        # again where it runs into the plexus beside S1 (the sciatic band's web takes it in)
        flat = np.interp(
            s,
            [s_join - 10.0, s_join + 5.0, s[-1] - P.SCIATIC_ROOT_STUB - 8.0, s[-1] - 4.0],
            [1.0, P.LUMBOSACRAL_TRUNK_FLATTENING, P.LUMBOSACRAL_TRUNK_FLATTENING, 1.0],
            left=1.0,
        )
        t, across = routing.frames(l5, RIGHT)  # its width across the body: it faces forwards
        sideways = np.abs(t @ RIGHT) > 0.95  # (where it runs out sideways it is still round)
        n_ = np.cross(t[sideways], ANTERIOR)
        across[sideways] = n_ / np.linalg.norm(n_, axis=1, keepdims=True)
        top_normal = _unit(l4[0] - l4[3])
        top = l4[0] - top_normal * 4.0
        cut = implicit.halfspace(top, top_normal)
        band = implicit.sweep(l5, trunk * np.sqrt(flat), trunk / np.sqrt(flat), width_dirs=across)
        f = shapes.union(1.5, [band, implicit.sweep(l4, r4)])
        f = shapes.trimmed(f, self.near[side], avoid=[self.piriformis[side]])
        g = implicit.intersection(
            f, lambda p: np.where(np.linalg.norm(p - l4[0], axis=1) < 8.0, cut(p), -1e3)
        )
        return shapes.capped_mesh(g, [l5, l4], float(trunk.max()) + 2.0, 0.3, top, top_normal)


def _trunk_radius() -> float:
    """The lumbosacral trunk's radius: the L5 root's and L4's branch's sections together."""
    return float(np.hypot(P.L5_ROOT_THICKNESS / 2.0, P.L4_CONTRIBUTION_THICKNESS / 2.0))


def build(ctx: BuildContext) -> dict[str, Built]:
    n = _Nerves(ctx)
    out: dict[str, Built] = {}
    n.sac = dural_sac.sac_path(n)
    sleeves = []
    for side in SIDES:
        root, sci, exit_, plexus, s1_origin = n.s1_and_sciatic(side)
        drg = n.lm("s1_posterior_foramen_path", side)[0]
        radii, sleeve = n.root_shape(side, root, P.S1_ROOT_THICKNESS.value / 2.0, drg)
        sleeves.append(sleeve)
        out[f"s1_nerve_root_{side}"] = Built(n.s1_root_mesh(side, root, radii), root)
        # the lumbosacral trunk joins the plexus band beside S1, towards its lateral edge
        width, _, w = n.band(side, sci, exit_)
        end = sciatic_shape.edge_point(sci, width, w, *P.TRUNK_JOIN)
        # it arrives along the band (from above, as the band runs down from the plexus)
        along = sci[int(np.argmin(np.linalg.norm(sci - end, axis=1))) + 4] - sci[0]
        l5, l5_origin, ala = n.l5_root(side, end, end - P.ROOT_ARRIVAL * _unit(along))
        radii5, sleeve5 = n.root_shape(
            side, l5, P.L5_ROOT_THICKNESS / 2.0, n.lm("l5_s1_foramen", side)
        )
        sleeves.append(sleeve5)
        l4 = n.l4_contribution(side, l5, ala)
        out[f"l5_nerve_root_{side}"] = Built(n.l5_root_mesh(side, l5, radii5, l4), l5)
        # the roots' last stretches, webbed into the band's plexus end (hidden inside the roots)
        stubs = [(root, float(radii[-1])), (l5, _trunk_radius())]
        out[f"sciatic_nerve_{side}"] = Built(n.sciatic_mesh(side, sci, exit_, stubs), sci)
        ctx.landmarks[f"sacral_plexus_{side}"] = plexus
        ctx.landmarks[f"s1_root_origin_{side}"] = s1_origin
        ctx.landmarks[f"l5_root_origin_{side}"] = l5_origin
        ctx.landmarks[f"sciatic_infrapiriform_{side}"] = exit_
        ctx.landmarks[f"s1_ganglion_{side}"] = drg
        ctx.landmarks[f"l5_ganglion_{side}"] = l5[
            int(np.argmin(np.linalg.norm(l5 - n.lm("l5_s1_foramen", side), axis=1)))
        ]
        ctx.landmarks[f"lumbosacral_trunk_{side}"] = l4[-1]
    out["dural_sac"] = dural_sac.sac_mesh(n, sleeves)
    return out
