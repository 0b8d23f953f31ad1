"""The dural sac, the L5 and S1 nerve roots and the sciatic nerves, each with its centreline.

Every nerve is a sweep along a smooth centreline (:mod:`routing`) routed through the openings of the
built bones and kept clear of bone (and of piriformis); centrelines run proximal to distal. A
root's centreline is then faired (:func:`nerve_paths.fair`): it bends as little as it can while
it stays clear of bone, and leaves the sac running down it. The shapes (ganglia, sleeves,
trimming, section caps) are :mod:`nerve_shapes`, a root's two bundles :mod:`root_bundles`; the
sciatic band and its plexus end are :mod:`sciatic_nerve` and :mod:`sciatic_shape`.

* ``dural_sac``: the thecal sac, oval and smooth, from a flat section cap above L5 down the L5 and
  sacral canals, narrowing below L5 in a long cone to end at S2 and going on as the filum
  terminale; with the dural sleeve of each root, from the sac out over the root's ganglion,
  where it ends, and lower on the cone the S2 roots' sleeves (:mod:`dural_sac`).
* ``l5_nerve_root_<side>``: :mod:`l5_root` (with L4's branch: the lumbosacral trunk, and its
  dorsal ramus).
* ``s1_nerve_root_<side>``: leaves the sac just above the L5-S1 disc, crosses the back of the
  posterolateral disc ``S1_ROOT_DISC_GAP`` behind it, runs in one smooth curve down the
  lateral recess (over the back of S1) and inside the sacral canal to its ganglion where the
  S1 foramina part, thickening a little beyond it; the ventral ramus (the
  centreline) leaves through the anterior foramen to the plexus, the dorsal ramus through the
  posterior foramen and on backwards and down (:mod:`s1_dorsal`). Thickness
  ``parameters.S1_ROOT_THICKNESS`` (A.8).
* ``sciatic_nerve_<side>``: a flattened band from the plexus in front of piriformis (widest
  there, facing forwards), where the lumbosacral trunk and S1 (cords drawn from the roots' own
  meshes) end side by side and the S2 and S3 ventral rami join its medial edge out of their
  foramina, separate cords webbed in only where they merge; out of the
  greater sciatic notch below piriformis (clear of it), turning down at once beneath it
  (through a point ``SCIATIC_DROP`` below its exit), between the ischial
  tuberosity and the greater trochanter and down the back of the thigh to the lower end of the
  femur mesh (B.5). Width ``parameters.SCIATIC_WIDTH`` at the lower border of piriformis (A.8).

Each root's mesh is cut off flat (a section) a little inside the sac and inside the sciatic
band, where it is hidden; the centrelines run on. The S1 route joins up: the S1 root's
centreline starts on the dural sac's centreline and ends where the sciatic nerve's begins
(the plexus point), so a pulse can travel sac -> root -> sciatic nerve.
The L5 root ends inside the band beside it. Published in ``ctx.landmarks``:
``sacral_plexus_<side>`` (that point), ``s1_root_origin_<side>`` / ``l5_root_origin_<side>``
(where each root leaves the sac, a point of the sac's centreline), ``l5_ganglion_<side>`` /
``s1_ganglion_<side>`` and ``lumbosacral_trunk_<side>`` (where L4's branch joins L5).
"""

from __future__ import annotations

import numpy as np

from ..vocabulary import SIDES
from . import (
    bone_fields,
    dural_sac,
    implicit,
    l5_root,
    nerve_paths,
    routing,
    sciatic_nerve,
    sciatic_shape,
)
from . import nerve_shapes as shapes
from . import parameters as P
from . import root_bundles as roots
from . import s1_dorsal as dorsal
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
        #: per side: what that side's nerves keep clear of (the bones, the disc as a smoothed
        #: copy: :func:`routing.with_smoothed`, and piriformis)
        routed = routing.with_smoothed(ctx, "l5_s1_disc_annulus", P.ANNULUS_SMOOTHING)
        self.near: dict[str, routing.Obstacles] = {
            s: routing.Obstacles(routed, (*BONES, f"piriformis_{s}")) for s in SIDES
        }
        self.piriformis: dict[str, implicit.SDF] = {
            s: _muscle_distance(ctx, f"piriformis_{s}") for s in SIDES
        }
        self.sac: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]

    def muscle_distance(self, sid: str) -> implicit.SDF:
        """Signed distance to a soft structure built before the nerves (far when not built)."""
        return _muscle_distance(self.ctx, sid)

    def sac_level(self, level: float) -> float:
        """Arc length along the sac's centreline where it reaches ``level`` (along the lumbosacral
        axis), interpolated: a root's origin moves continuously with the sac."""
        sac = self.sac[0]
        height = self.ls.s(sac)  # falling along the sac, top to bottom
        return float(np.interp(-level, -height, routing.arc_length(sac)))

    def sac_point(self, s: float) -> np.ndarray:
        """The point of the sac's centreline at arc length ``s``."""
        return routing.at_length(self.sac[0], s)

    def down_the_sac(self, s: float) -> np.ndarray:
        """Unit direction down the sac's centreline at arc length ``s``."""
        return routing.direction_at(self.sac[0], s, 3.0)

    def leaving_the_sac(self, s: float, towards: np.ndarray) -> np.ndarray:
        """Unit direction in which a root leaves the sac's centreline at arc length ``s``: down
        the sac, turned by ``P.ROOT_LEAVING_TURN`` of the way towards the point ``towards``."""
        down = self.down_the_sac(s)
        return _unit(down + P.ROOT_LEAVING_TURN * _unit(towards - self.sac_point(s)))

    def lm(self, name: str, side: str | None = None) -> np.ndarray:
        return np.asarray(self.ctx.landmarks[name if side is None else f"{name}_{side}"], float)

    def behind_the_disc(self, side: str, r: float) -> np.ndarray:
        """Where the S1 root crosses the L5-S1 disc: behind its posterolateral annulus at
        mid-height (``l5_s1_disc_posterolateral``), its surface ``S1_ROOT_DISC_GAP`` behind the
        annulus (Bogduk ch. 9: it leaves the sac at the disc and runs down across the back of the
        posterolateral disc, where a posterolateral herniation catches it), lifted clear of bone."""
        corner = self.lm("l5_s1_disc_posterolateral", side)
        normal = _unit(self.lm("l5_s1_disc_posterolateral_normal", side))
        keep = r + P.S1_ROOT_DISC_GAP
        p = (
            corner
            + normal * keep
            - RIGHT * side_sign(side) * P.S1_ROOT_DISC_MEDIAL
            + self.ls.up * P.S1_ROOT_DISC_ABOVE_MID
        )
        if "l5_s1_disc_annulus" in self.ctx.built:  # back onto that distance from the annulus
            disc = bone_fields.distance(self.ctx, ["l5_s1_disc_annulus"])
            for _ in range(3):
                grad = np.array(
                    [(disc(p[None] + e)[0] - disc(p[None] - e)[0]) / 1.0 for e in np.eye(3) * 0.5]
                )
                p = p - _unit(grad) * (float(disc(p[None])[0]) - keep)
        return self.bones.lift(p, r + P.NERVE_BONE_CLEARANCE)[0]

    # ---------------------------------------------------------------- plexus
    def plexus(self, side: str) -> np.ndarray:
        """The sacral plexus point: on the front (pelvic) surface of piriformis, medially."""
        path = self.lm("piriformis_path", side)
        i = int(P.SCIATIC_PLEXUS_ALONG * len(path))
        t = _unit(path[i + 1] - path[i - 1])
        w = self.lm("piriformis_width_dir", side)[i]
        d = np.cross(t, w)
        d = d if d @ ANTERIOR > 0 else -d
        thick = self.lm("piriformis_half_thickness", side)[i]
        p = path[i] + d * (thick + P.SCIATIC_THICKNESS / 2.0 + 1.5)
        return self.near[side].lift(p, P.SCIATIC_THICKNESS / 2.0 + P.NERVE_BONE_CLEARANCE)[0]

    # ---------------------------------------------------------------- S1 root + sciatic
    def s1_and_sciatic(self, side: str):
        ls, bones = self.ls, self.near[side]
        lat = RIGHT * side_sign(side)
        r = P.S1_ROOT_THICKNESS.value / 2.0
        s0 = self.sac_level(0.5 * (ls.disc_top + ls.disc_bottom) + P.S1_ROOT_LEAVES_ABOVE_DISC)
        origin = self.sac_point(s0)
        disc = self.behind_the_disc(side, r)
        tunnel = self.lm("s1_anterior_foramen_path", side)  # canal -> anterior opening
        foramen = self.lm("s1_anterior_foramen", side)
        axis = _unit(self.lm("s1_anterior_foramen_axis", side))
        plexus = self.plexus(side)
        # Below piriformis at the notch.
        pp = self.lm("piriformis_path", side)
        # (interpolated along the muscle's path: no snapping to one of its points)
        s_pp = routing.arc_length(pp)
        idx = np.arange(len(pp))
        j = float(
            np.interp(
                routing.nearest_length(pp, self.lm("piriformis_notch_point", side)), s_pp, idx
            )
        )
        wd = self.lm("piriformis_width_dir", side)
        below = -np.array([np.interp(j, idx, wd[:, a]) for a in range(3)])
        below = _unit(below if below[2] < 0 else -below)
        half_t = P.SCIATIC_THICKNESS / 2.0
        height = float(np.interp(j, idx, self.lm("piriformis_half_height", side)))
        exit_ = routing.at_length(pp, float(np.interp(j, idx, s_pp))) + below * (
            height + P.SCIATIC_BELOW_PIRIFORMIS_GAP + half_t
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
        out_front = foramen + axis * P.S1_RAMUS_OUT_OF_FORAMEN
        # down the recess and on into the tunnel without turning back towards the midline
        onward = tunnel[:-1][(tunnel[:-1] - disc) @ lat > 0.0]
        via_root = np.vstack(
            [
                origin,
                origin + self.leaving_the_sac(s0, disc) * P.ROOT_DOWN_THE_SAC,
                disc,
                onward,
                foramen,
                out_front,
                plexus,
            ]
        )
        # beneath piriformis it turns down at once (the infrapiriform foramen)
        drop = exit_ + _unit(np.array([0.0, 0.0, -1.0]) - 0.3 * ANTERIOR) * P.SCIATIC_DROP
        drop = routing.first_clear(bones, drop, -ANTERIOR, half_t + P.NERVE_BONE_CLEARANCE)
        via_sciatic = np.array([plexus, exit_, drop, hip, upper, lower])
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
        before = plexus - P.S1_RAMUS_PLEXUS_APPROACH * _unit(sci[4] - sci[0])
        # it keeps to the lateral recess, where a posterolateral disc herniation presses on it
        root = nerve_paths.root_path(
            np.vstack([via_root[:-1], before, plexus]),
            r,
            split,
            bones,
            hold_route=6.0,
            hold_end=5.0,
            through=[disc],
            through_hold=P.S1_ROOT_DISC_HOLD,
        )
        return root, sci, exit_, plexus, origin

    def s1_ganglion(self, side: str, root: np.ndarray) -> np.ndarray:
        """The S1 ganglion's centre: on the root's centreline ``S1_GANGLION_BEFORE_SPLIT`` mm
        before the point nearest to where its posterior foramen's tunnel forks off (interpolated:
        it moves continuously with the root), so that the dorsal ramus branches off at the
        ganglion's distal pole, not from its side."""
        split = routing.nearest_length(root, self.lm("s1_posterior_foramen_path", side)[0])
        return routing.at_length(root, split - P.S1_GANGLION_BEFORE_SPLIT)

    def root_shape(self, side: str, root: np.ndarray, radius: float, drg_at: np.ndarray):
        """A root's radii (with its ganglion), its dural sleeve (from where it leaves the sac
        out over its ganglion), the arc length where it leaves the sac and its ganglion's centre
        (both interpolated: they move continuously with the sac and the root)."""
        radii, c = shapes.ganglion_profile(root, radius, drg_at)
        path, width, depth, _ = self.sac
        outside = implicit.sweep(path, width, depth, width_dirs=RIGHT)(root)
        s = routing.arc_length(root)
        at = routing.first_crossing(-outside, 0.0, 1.0)  # (in points)
        leaves = float(np.interp(at, np.arange(len(s)), s)) if at is not None else 0.0
        return radii, shapes.sleeve(root, radius, c, leaves), leaves, c

    @staticmethod
    def root_cuts(root: np.ndarray, leaves: float) -> list[tuple[np.ndarray, np.ndarray]]:
        """Where a root's mesh is cut off, flat (point, outward normal): inside the sac, a little
        before it leaves it (``ROOT_CUT_IN_SAC`` mm; at most a tenth of the way along: the
        rootlets gathered into it run on up inside the sac), and ``ROOT_CUT_IN_PLEXUS`` mm
        before its end in the sciatic band's plexus end."""
        s = routing.arc_length(root)
        first = min(max(leaves - P.ROOT_CUT_IN_SAC, 1.0), 0.09 * s[-1])
        last = s[-1] - P.ROOT_CUT_IN_PLEXUS
        return [shapes.cut_plane(root, first, -1.0), shapes.cut_plane(root, last, 1.0)]

    def s1_root_mesh(
        self, side: str, root: np.ndarray, radii: np.ndarray, leaves: float, ganglion: float
    ):
        """The S1 root with its ganglion (centred at arc length ``ganglion``), its ventral ramus
        (the centreline, out of the anterior foramen) and its dorsal ramus (out of the posterior
        foramen), which branches off ``S1_DORSAL_RAMUS_BRANCH`` mm beyond the ganglion's centre,
        at its distal pole (where the spinal nerve divides): its dorsal and ventral roots, the
        ganglion an ovoid on the dorsal one (:mod:`root_bundles`)."""
        bones = self.near[side]
        r_d = P.S1_DORSAL_RAMUS_THICKNESS / 2.0
        dorsal_path = dorsal.path(
            root,
            ganglion + P.S1_DORSAL_RAMUS_BRANCH,
            self.lm("s1_posterior_foramen_path", side),
            self.lm("s1_posterior_foramen", side),
            _unit(self.lm("s1_posterior_foramen_axis", side)),
            bones,
            r_d,
        )
        pair, join, _ = roots.bundles(
            root, P.S1_ROOT_THICKNESS.value / 2.0, ganglion, P.S1_VENTRAL_ON_GANGLION
        )
        lat = RIGHT * side_sign(side)
        # (on along the way out of the foramen: the ramus's own course there wavers, routed
        # over the bone beside the opening)
        twigs = roots.ramus_branches(
            dorsal_path,
            lat,
            bones,
            r_d * P.RAMUS_BRANCH_SHARE,
            level=True,
            onward=dorsal.outward(_unit(self.lm("s1_posterior_foramen_axis", side))),
        )
        r_t = r_d * P.RAMUS_BRANCH_SHARE
        f = shapes.union(
            P.S1_DORSAL_RAMUS_FILLET,
            [
                implicit.smooth_union(P.ROOT_BUNDLE_FILLET, *pair),
                roots.nerve(root, radii, join),
                roots.dorsal_ramus(dorsal_path, 2.0 * r_d, lat),
                *(implicit.sweep(t, r_t) for t in twigs),
            ],
        )
        f = shapes.trimmed(f, bones, avoid=[self.piriformis[side]])
        return shapes.root_mesh(
            f,
            [root, dorsal_path, *twigs],
            float(radii.max()) + 3.0,
            self.root_cuts(root, leaves),
            twigs,
        )


def build(ctx: BuildContext) -> dict[str, Built]:
    n = _Nerves(ctx)
    out: dict[str, Built] = {}
    n.sac = dural_sac.sac_path(n)
    sleeves = []
    for side in SIDES:
        root, sci, exit_, plexus, s1_origin = n.s1_and_sciatic(side)
        drg = n.s1_ganglion(side, root)
        radii, sleeve, leaves, c1 = n.root_shape(side, root, P.S1_ROOT_THICKNESS.value / 2.0, drg)
        sleeves.append(sleeve)
        # (narrowing into the plexus band; swelling gently where the spinal nerve forms)
        tapered = radii * shapes.end_taper(root) * shapes.spinal_nerve_swelling(root, c1)
        s1_mesh = n.s1_root_mesh(side, root, tapered, leaves, c1)
        out[f"s1_nerve_root_{side}"] = Built(s1_mesh, root)
        # the lumbosacral trunk joins the plexus band beside S1, towards its lateral edge
        # (where it joins the band lying flat on piriformis: its own course as before)
        width, _, w = sciatic_nerve.band(n, side, sci, exit_, facing=False)
        end = sciatic_shape.edge_point(sci, width, w, *P.TRUNK_JOIN)
        # it arrives along the band (from above, as the band runs down from the plexus)
        along = routing.at_length(sci, routing.nearest_length(sci, end) + 4.0) - sci[0]
        l5, l5_origin, ala = l5_root.path(n, side, end, end - P.ROOT_ARRIVAL * _unit(along))
        radii5, sleeve5, leaves5, c5 = n.root_shape(
            side, l5, P.L5_ROOT_THICKNESS / 2.0, n.lm("l5_s1_foramen", side)
        )
        sleeves.append(sleeve5)
        l4, l4_top = l5_root.l4_contribution(n, side, l5, ala)
        l5_mesh = l5_root.mesh(n, side, l5, radii5, c5, l4, leaves5, l4_top)
        out[f"l5_nerve_root_{side}"] = Built(l5_mesh, l5)
        # the roots' last stretches, webbed into the band's plexus end (hidden inside the roots)
        # (S1's from just out of its anterior foramen), drawn as the roots' own meshes are
        stubs = [
            (root, routing.arc_length(root)[-1] - P.SCIATIC_S1_STUB, s1_mesh),
            (l5, routing.arc_length(l5)[-1] - P.SCIATIC_TRUNK_CORD, l5_mesh),
        ]
        out[f"sciatic_nerve_{side}"] = Built(sciatic_nerve.mesh(n, side, sci, exit_, stubs), sci)
        ctx.landmarks[f"sacral_plexus_{side}"] = plexus
        ctx.landmarks[f"s1_root_origin_{side}"] = s1_origin
        ctx.landmarks[f"l5_root_origin_{side}"] = l5_origin
        ctx.landmarks[f"sciatic_infrapiriform_{side}"] = exit_
        ctx.landmarks[f"s1_ganglion_{side}"] = drg
        ctx.landmarks[f"l5_ganglion_{side}"] = routing.at_length(l5, c5)
        ctx.landmarks[f"lumbosacral_trunk_{side}"] = l4[-1]
    sac = dural_sac.sac_mesh(n, sleeves)
    assert sac.centerline is not None
    origins = [
        line[0] for sid, b in out.items() if "root" in sid and (line := b.centerline) is not None
    ]
    out["dural_sac"] = Built(sac.mesh, dural_sac.with_points(sac.centerline, origins))
    return out
