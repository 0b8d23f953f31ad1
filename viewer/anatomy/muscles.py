"""The muscles around the lumbosacral junction and the hip, and the piriformis spasm shape (the
back muscles, multifidus and erector spinae, are in :mod:`viewer.anatomy.back_muscles`).

Each muscle is a smooth sweep along a curve through via-points (:mod:`routing`): a fusiform belly
with thin tendon ends, routed around the bones and then trimmed where it would touch them, so it
lies on the bone instead of passing through it. Attached ends are snapped onto the bone surface.

* ``psoas_major_<side>``: from the side of the L5 body and the front of the L5 transverse process
  (continuing above L5 as a narrower belly cut off at a plane), down over the pelvic brim in front
  of the hip to the lesser trochanter; via-points from gait2392 (B.2) mapped into the model frame.
  A fusiform belly (fullest from L5 to the ala and brim) whose segmental slips on its
  posteromedial side reach the margins of the L5 body next to the discs and the front of the
  transverse process, a hollow under the tendinous arch between them at the body's waist; it ends
  in a short flattened tendon that rests on the trochanter, and is kept off the corridor of the
  L5 root and lumbosacral trunk behind it.
* ``piriformis_<side>``: a flat triangular (pyramidal) fan of fascicles from the front of the
  sacrum, one continuous fleshy sheet lateral to the anterior foramina from which three short
  digitations reach medially between them, the belly flattened (wider than thick) converging out
  through the upper part of the greater sciatic notch on a rounded tendon that narrows to its end
  on the upper border of the greater trochanter (B.3); the faint grooves between the fascicles
  show its fibres.

The psoas shows its fibres' direction by a faint longitudinal striation
(:func:`muscle_meshing.striated`).
* ``piriformis_spasm_<side>``: the piriformis with a thicker, shorter belly (a tight muscle).

Published for the nerves in ``ctx.landmarks`` (per side): ``piriformis_path_<side>`` (its
centreline, medial to lateral), ``piriformis_half_height_<side>`` and
``piriformis_half_thickness_<side>`` (per centreline point), ``piriformis_width_dir_<side>``
(per point, the direction of its height), and ``piriformis_notch_point_<side>`` (its centre where
it passes the greater sciatic notch).
"""

from __future__ import annotations

import numpy as np

from ..vocabulary import SIDES
from . import bone_fields, implicit, meshing, nerve_paths, routing, section_caps
from . import parameters as P
from .build import BuildContext, Built
from .frame import ANTERIOR, RIGHT, SUPERIOR, side_sign
from .muscle_meshing import (
    BONES,
    MUSCLE_FACES,
    arc_at,
    landing,
    mesh,
    opensim_points,
    striated,
    trimmed,
    unfolded,
)

__all__ = ["BONES", "MUSCLE_FACES", "build", "mesh", "opensim_points", "trimmed"]

SPASM_FACES = 3000
#: how far from its cutting plane a section cap's vertex may lie after meshing smooths it, mm
CAP_TOLERANCE = 0.9
#: a piriformis finger's tip is found by a ray from this far in front of the sacrum, mm
FINGER_REACH = 20.0


from .frame import unit as _unit  # noqa: E402


def _level_point(path: np.ndarray, f: np.ndarray) -> np.ndarray:
    """The point of ``path`` where ``f`` (per point) crosses zero nearest its smallest
    ``|f|``, interpolated between the two samples either side (continuous, not a whole sample
    at a time); the nearest sample where it does not cross there."""
    j = int(np.argmin(np.abs(f)))
    for k in (j, j - 1):
        if 0 <= k < len(f) - 1 and f[k] * f[k + 1] <= 0.0 and f[k] != f[k + 1]:
            t = f[k] / (f[k] - f[k + 1])
            return path[k] + t * (path[k + 1] - path[k])
    return path[j]


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
        # its medial face stands just off the waist of the body (the lumbar vessels pass under
        # the tendinous arch there): it reaches the bone by its slips
        beside = routing.first_clear(
            bones, self.level(l5_mid, P.PSOAS_BESIDE_L5[0]), self.lat, hw - P.PSOAS_BESIDE_L5[1]
        )
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
        # the rounded tendon's end rests on the lesser trochanter (not sunk flat into it)
        insertion = bones.lift(
            bones.snap(0.7 * self.lm("lesser_trochanter") + 0.3 * p5),
            P.PSOAS_TENDON_RADIUS * P.PSOAS_TENDON_REST,
        )[0]
        via = np.array([top + ls.up * 8.0, top, beside, disc, brim, front, p4, insertion])
        # fusiform: full from L5 to the ala, still fleshy over the brim and in front of the hip,
        # then narrowing fast below the joint into a short rounded tendon (no tapering whip)
        path = routing.spline(via, 1.0)
        a, d = self.psoas_radii(path, via)
        # the belly may lie in the bone's hollows (trimmed there); the tendon is kept whole
        thin = np.minimum(a, d)
        clear = np.maximum(0.6 * thin, np.minimum(thin + P.MUSCLE_BONE_MARGIN, P.PSOAS_CORD_CLEAR))
        path = routing.route(path, clear, bones, hold_end=15.0)
        path = routing.resample(path, 1.0)
        a, d = self.psoas_radii(path, via)
        # it lies in front of the transverse process and beside the body, reaching them by its
        # slips (those of the levels above meet the belly above the model): one belly, cut above
        cut = implicit.halfspace(top, ls.up)
        belly = implicit.sweep(path, a, d, width_dirs=self.lat)
        belly = implicit.smooth_union(P.PSOAS_SLIP_BLEND, belly, *self.psoas_slips(path))
        belly = implicit.smooth_subtract(P.PSOAS_ARCH_BLEND, belly, self.psoas_arch())
        f = trimmed(
            implicit.smooth_subtract(P.PSOAS_TRUNK_BLEND, belly, self.lumbosacral_corridor()),
            bones,
            cuts=(cut,),
        )
        built = mesh(f, [path], hw + 3.0, P.PSOAS_FACES, keep=(path[-1],))
        # its fibres' direction: faint striation, none on the cut face above or the attachment
        v = np.asarray(built.vertices)
        below_cut = ((top - v) @ ls.up - 1.5) / 4.0
        off_end = (np.linalg.norm(v - path[-1], axis=1) - 10.0) / 10.0
        built = striated(built, path, a, d, self.lat, np.minimum(below_cut, off_end))
        section_caps.tag_plane(built, top, ls.up, CAP_TOLERANCE)  # runs on up beside L4: cut
        return Built(built), path

    def psoas_slips(self, path: np.ndarray) -> list[implicit.SDF]:
        """Its segmental slips on the posteromedial side (Gray's Anatomy): from the margins of
        the L5 body next to the discs above and below it, and from the front of the base of
        the L5 transverse process; each a flattened band from its footprint on the bone into
        the belly."""
        ls, lat, bones = self.ls, self.lat, self.bones
        w, t = P.PSOAS_SLIP
        margin = P.MUSCLE_BONE_MARGIN + t
        ends, dirs = [], []
        for s, a in P.PSOAS_BODY_SLIPS:  # on the side of the body, coming in from beside it
            ends.append(landing(bones, self.level(s, a), lat, margin, 70.0)[0])
            dirs.append(ls.ant)  # broad along the body's margin
        pedicle = self.lm("l5_pedicle")
        base = pedicle + P.PSOAS_TP_SLIP * (self.lm("l5_transverse_tip") - pedicle)
        ends.append(landing(bones, base - ANTERIOR * 15.0, ANTERIOR, margin, 40.0)[0])
        dirs.append(lat)  # broad along the process
        slips = []
        for end, across in zip(ends, dirs, strict=True):
            on = _level_point(path, ls.s(path) - ls.s(end))
            inner = on + P.PSOAS_SLIP_REACH * (end - on)
            q = routing.spline([end, 0.5 * (end + inner), inner], 1.0)
            u = np.linspace(0.0, 1.0, len(q))
            slips.append(implicit.sweep(q, w * (1.0 + 0.6 * u), t * (1.0 + 1.5 * u), across))
        return slips

    def psoas_arch(self) -> implicit.SDF:
        """The hollow under the tendinous arch at the waist of the L5 body, between the two
        body slips (the lumbar vessels and the rami communicantes pass through it)."""
        (s0, a0), (s1, a1) = P.PSOAS_BODY_SLIPS
        s, a = 0.5 * (s0 + s1), 0.5 * (a0 + a1)
        r = P.PSOAS_ARCH_RADIUS
        on = landing(self.bones, self.level(s, a), self.lat, 0.0, 70.0)[0]
        q = routing.spline([on - self.ls.ant * 30.0, on, on + self.ls.ant * 30.0], 1.0)
        return implicit.sweep(q, np.full(len(q), r))

    @staticmethod
    def psoas_radii(path: np.ndarray, via: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Half-widths and half-depths along the psoas ``path`` from the shares of
        ``P.PSOAS_PROFILE`` at its via-points, eased (cosine) between them so the belly swells
        and narrows smoothly instead of tapering like a cone."""
        hw, hd = P.PSOAS_BELLY
        bw, bd = P.PSOAS_BRIM
        t = P.PSOAS_TENDON_RADIUS
        scale = np.array([[hw, hd]] * 4 + [[bw, bd]] * 2 + [[t, t]] * 2)
        values = scale * np.asarray(P.PSOAS_PROFILE, float)
        s = routing.arc_length(path)
        at = np.array([arc_at(path, v) for v in via])
        at[0], at[-1] = s[0], s[-1]
        at = np.maximum.accumulate(at)
        k = np.clip(np.searchsorted(at, s, side="right") - 1, 0, len(at) - 2)
        u = np.clip((s - at[k]) / np.maximum(at[k + 1] - at[k], 1e-9), 0.0, 1.0)
        w = 0.5 - 0.5 * np.cos(np.pi * u)
        r = values[k] + (values[k + 1] - values[k]) * w[:, None]
        return r[:, 0], r[:, 1]

    def lumbosacral_corridor(self):
        """Where the L5 ventral ramus, joined by L4's branch, runs out of the L5-S1 foramen and
        down over the ala behind the medial edge of psoas (the lumbosacral trunk; Gray's
        Anatomy): a tube psoas keeps clear of, from the same landmarks the nerves follow."""
        ls, lat = self.ls, self.lat
        foramen = self.lm("l5_s1_foramen")
        r = P.PSOAS_TRUNK_CLEARANCE
        # L4's branch comes down from above the model in front of the transverse process
        l4_top = nerve_paths.l4_branch_top(ls, foramen, lat)
        l4 = routing.first_clear(
            self.bones, foramen + ls.up * 12.0 + lat * 10.0, ANTERIOR, P.L4_CONTRIBUTION_THICKNESS
        )
        # the nerves' own via-points, moved where their fairing puts the trunk (the nerves are
        # built after the muscles): out in front of the foramen, over the ala nearer the body
        outside = foramen + lat * 9.0 + ANTERIOR * 11.0 - ls.up * 6.0
        ala = routing.first_clear(
            self.bones, self.lm("sacral_ala") - lat * 18.0, ANTERIOR, P.L5_ROOT_THICKNESS
        )
        below = ala - SUPERIOR * 25.0 - ANTERIOR * 6.0
        l4_branch = routing.spline([l4_top + ls.up * 10.0, l4_top, l4, ala], 1.0)
        l5_root = routing.spline([outside, ala, below], 1.0)
        return implicit.union(
            *(implicit.sweep(p, np.full(len(p), r)) for p in (l4_branch, l5_root))
        )

    # ---------------------------------------------------------------- piriformis
    def piriformis_path(self):
        """Centreline (medial origin to trochanter), its via-points, half-heights and
        half-thicknesses at them, and its point at the greater sciatic notch."""
        bones = self.bones
        hh, ht = P.PIRIFORMIS_BELLY
        s1a, s2a = self.lm("s1_anterior_foramen"), self.lm("s2_anterior_foramen")
        # the belly's medial end: on the front of the sacrum lateral to the S3 foramen
        origin = bones.snap(s2a + 0.9 * (s2a - s1a) + self.lat * P.PIRIFORMIS_ORIGIN_LATERAL)[0]
        notch, spine = self.lm("greater_sciatic_notch"), self.lm("ischial_spine")
        down = _unit(spine - notch)
        at_notch = bones.lift(notch + down * (hh + 1.5), ht + 1.0)[0]
        gt = self.lm("greater_trochanter")
        # the rounded tendon's end rests on the upper border of the trochanter (not sunk in it)
        insertion = bones.lift(
            bones.snap(gt - self.lat * 6.0 - SUPERIOR * 2.0), P.PIRIFORMIS_TENDON_REST
        )[0]
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
        return path, via, rh, rt, at_notch

    def piriformis(self, spasm: bool = False) -> Built:
        """A flat triangular (pear-shaped) fan of fascicles: from the front of the sacrum, the
        three between the foramina reaching a little further medially as short digitations off
        one continuous sheet, converging through the greater sciatic notch on one rounded tendon;
        the shallow grooves between the fascicles show its fibres' direction."""
        path, via, rh, rt, at_notch = self.piriformis_path()
        fascicles, a, d, up = self.piriformis_fascicles(path, at_notch, spasm)
        parts = [implicit.sweep(q, w, t, width_dirs=n) for q, w, t, n in fascicles]
        f = trimmed(implicit.smooth_union(P.PIRIFORMIS_FASCICLE_BLEND, *parts), self.bones)
        paths = [q for q, *_ in fascicles]
        faces = SPASM_FACES if spasm else MUSCLE_FACES
        reach = max(float(w.max()) for _, w, _, _ in fascicles) + 3.0
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
        built = mesh(
            f,
            paths,
            reach,
            faces,
            # the attachments and the digitations (thinner than the fin-removing ball) kept whole
            keep=(
                self.lm("greater_sciatic_notch"),
                path[-1],
                *(
                    q
                    for p, (_, medial) in zip(paths, P.PIRIFORMIS_FASCICLES, strict=True)
                    if medial < P.PIRIFORMIS_ON_BONE[0]
                    for q in routing.resample(p[: P.PIRIFORMIS_TIP_KEPT], 3.0)
                ),
            ),
        )
        # the odd fold decimation leaves where the fan meets its face on the bone: relaxed
        return Built(unfolded(meshing.smoothed(built, P.PIRIFORMIS_SMOOTHING)))

    def piriformis_fascicles(  # noqa: PLR0914
        self, path: np.ndarray, at_notch: np.ndarray, spasm: bool
    ):
        """The fan's fascicles: each arises on the front of the sacrum at a level (a share of the
        chord of its front), lies on the bone running laterally, then gathers towards the
        centreline ``path``, closer together through the notch, into the common tendon.
        Returns the fascicles (centreline, half-width, half-thickness, width direction), and
        along ``path`` the fan's half-height, half-thickness and height direction."""
        bones = self.bones
        top, down, front, out_dir = self.sacral_front()
        line = top - out_dir * P.PIRIFORMIS_ORIGIN_LATERAL  # the foramina's line
        chord = float(np.linalg.norm(down))
        k = P.PIRIFORMIS_SPASM_THICKENING if spasm else 1.0
        w0, t0 = P.PIRIFORMIS_FINGER
        hw, ht = P.PIRIFORMIS_FASCICLE
        tendon = P.PIRIFORMIS_TENDON_RADIUS
        # the fan's height direction: along the sacrum at its base, the notch's vertical beyond
        s = routing.arc_length(path)
        j_notch = int(np.argmin(np.linalg.norm(path - at_notch, axis=1)))
        _, up = routing.frames(path, SUPERIOR)
        turn = np.clip(s / s[j_notch], 0.0, 1.0)
        turn = (0.5 - 0.5 * np.cos(np.pi * turn))[:, None]
        up = np.array([_unit(u) for u in (1.0 - turn) * -_unit(down) + turn * up])
        # how far the fascicles stay apart along the path (shares of their offset at the base)
        u = s / s[-1]
        notch = u[j_notch]
        stations = [0.0, 0.5 * notch, notch, 0.5 * (notch + 1.0), P.PIRIFORMIS_TENDON_START]
        spread = np.interp(u, stations, [1.0, *P.PIRIFORMIS_CONVERGENCE, 0.0])
        # flat throughout, and thinner still where the greater sciatic foramen constricts it
        waist, outside = P.PIRIFORMIS_NOTCH_WAIST
        thick = np.interp(u, stations, [t0, ht, waist * ht, outside * ht, tendon]) * np.where(
            u < P.PIRIFORMIS_TENDON_START, k, 1.0
        )
        width = np.interp(u, stations, [w0, hw, hw, P.PIRIFORMIS_GLUTEAL_WIDTH * hw, tendon])
        width = width * np.where(u < P.PIRIFORMIS_TENDON_START, k, 1.0)
        # where the fascicles overlap, their smooth union swells the muscle: beyond the notch
        # they are made thinner by as much (all of it in the tendon, where they coincide; none
        # at the notch, so its lower border stays where the nerve passes, nor in the fan)
        gathered = np.clip(1.0 - spread / P.PIRIFORMIS_CONVERGENCE[1], 0.0, 1.0)
        thick = thick - P.PIRIFORMIS_BLEND_SWELL * gathered
        width = width - P.PIRIFORMIS_BLEND_SWELL * gathered
        # the tendon narrows a little to its rounded end on the trochanter (no blunt stump)
        end = np.interp(u, [P.PIRIFORMIS_TENDON_START, 1.0], [1.0, P.PIRIFORMIS_TENDON_END])
        thick, width = thick * end, width * end
        centre = float(np.mean([lv for lv, _ in P.PIRIFORMIS_FASCICLES]))
        # they join the centreline no nearer its medial end than where it has left the bone
        j_join = int(np.argmin(np.abs(u - P.PIRIFORMIS_JOIN_FROM)))
        out, offsets = [], []
        for level, medial in P.PIRIFORMIS_FASCICLES:
            # signed offset of its level from the fan's centre along the sacrum (up positive)
            off = (centre - level) * chord
            offsets.append(off)
            lift = 0.6 * t0 * k + P.MUSCLE_BONE_MARGIN  # pressed onto the bone, trimmed flat
            reach = max(medial + P.PIRIFORMIS_ON_BONE[0], P.PIRIFORMIS_ON_BONE[1])
            low, narrow = P.PIRIFORMIS_ON_BONE_LOW
            if level > low:  # the lower sacrum narrows: the run stays on its front
                reach = min(reach, narrow)
            start = np.array(
                [line + level * down + out_dir * q for q in np.linspace(medial, reach, 5)]
            )
            run = landing(bones, start, front, lift, FINGER_REACH, -FINGER_REACH)
            # then along the path, offset across it, from where the path is lateral to the run
            lat_run = float((run[-1] - line) @ out_dir)
            j0 = int(np.argmax(((path - line) @ out_dir) > lat_run + P.PIRIFORMIS_FASCICLE_JOIN))
            j0 = max(j0, j_join)
            tail = path[j0:] + up[j0:] * (off * spread[j0:])[:, None]
            q = routing.resample(routing.spline(np.vstack([run, tail[::6], tail[-1:]]), 1.0), 1.0)
            # radii by the nearest path point (the tail follows the path)
            near = np.array([np.argmin(np.linalg.norm(path - x, axis=1)) for x in q])
            on_bone = np.clip(((q - line) @ out_dir - medial) / P.PIRIFORMIS_TIP_RAMP, 0.0, 1.0)
            tip = P.PIRIFORMIS_TIP_WIDTH
            wq = np.where(near <= j0, w0 * k * (tip + (1.0 - tip) * on_bone), width[near])
            tq = np.where(near <= j0, t0 * k * (0.8 + 0.2 * on_bone), thick[near])
            out.append((q, wq, tq, up[near]))
        a = np.max(np.abs(offsets)) * spread + width
        a = np.maximum(a, width)
        return out, a, thick, up

    def sacral_front(self):
        """The chord of the sacrum's forward-concave front, from lateral of the S1 anterior
        foramen down to the apex: its top, its vector down, the direction out of the bone
        (forward) and laterally along it."""
        top = self.lm("s1_anterior_foramen") + self.lat * P.PIRIFORMIS_ORIGIN_LATERAL
        apex = self.lm("sacral_apex")
        apex = apex + self.lat * float((top - apex) @ self.lat)
        down = apex - top
        front = _unit(np.cross(down, self.lat))
        front *= np.sign(front @ ANTERIOR)
        out_dir = _unit(self.lat - (self.lat @ front) * front)
        return top, down, front, out_dir


def build(ctx: BuildContext) -> dict[str, Built]:
    bones = routing.Obstacles(ctx, BONES)
    out: dict[str, Built] = {}
    for side in SIDES:
        m = _Side(ctx, side, bones)
        out[f"psoas_major_{side}"], _ = m.psoas()
        out[f"piriformis_{side}"] = m.piriformis()
        out[f"piriformis_spasm_{side}"] = m.piriformis(spasm=True)
    return out
