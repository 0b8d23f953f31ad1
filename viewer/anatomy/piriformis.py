"""Piriformis (and the piriformis spasm shape), built by :mod:`muscles`.

* ``piriformis_<side>``: a flat triangular (pear-shaped) muscle from the front of the sacrum: one
  thin fleshy sheet applied to the bone between and lateral to the 2nd-4th anterior sacral
  foramina, its medial border lobed where three flat digitations reach in between the foramina
  (Gray's Anatomy 42nd ed.), its fascicles converging already on the bone (a triangle, not a
  square block); the thick belly, flattened (wider than thick), converges out through the upper
  part of the greater sciatic notch and stays fleshy well into the buttock before it tapers into
  a short, stout, flattened-round tendon on the upper border of the greater trochanter (B.3;
  Pine 2011, Windisch 2007); faint grooves between its fascicles show its fibres.
* ``piriformis_spasm_<side>``: the piriformis with a thicker, shorter belly (a tight muscle).

Published for the nerves in ``ctx.landmarks`` (per side): ``piriformis_path_<side>`` (its
centreline, medial to lateral), ``piriformis_half_height_<side>`` and
``piriformis_half_thickness_<side>`` (per centreline point), ``piriformis_width_dir_<side>``
(per point, the direction of its height), and ``piriformis_notch_point_<side>`` (its centre where
it passes the greater sciatic notch).
"""

from __future__ import annotations

import numpy as np

from . import implicit, meshing, routing
from . import parameters as P
from .build import BuildContext, Built
from .frame import ANTERIOR, RIGHT, SUPERIOR, side_sign
from .frame import unit as _unit
from .muscle_meshing import MUSCLE_FACES, landing, mesh, trimmed, unfolded

SPASM_FACES = 3000
#: a piriformis finger's tip is found by a ray from this far in front of the sacrum, mm
FINGER_REACH = 20.0


class Piriformis:
    """The piriformis of one side, built from that side's landmarks."""

    def __init__(self, ctx: BuildContext, side: str, bones: routing.Obstacles):
        self.ctx, self.side, self.bones = ctx, side, bones
        self.lat = RIGHT * side_sign(side)  # pointing laterally

    def lm(self, name: str) -> np.ndarray:
        lms = self.ctx.landmarks
        key = f"{name}_{self.side}"
        return np.asarray(lms[key] if key in lms else lms[name], float)

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
        fan = implicit.smooth_union(P.PIRIFORMIS_FASCICLE_BLEND, *parts)
        fan = implicit.smooth_intersection(P.PIRIFORMIS_BORDER_ROUNDING, fan, self.medial_border())
        f = trimmed(fan, self.bones)
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
            opening=P.PIRIFORMIS_OPENING,
            kept_within=P.PIRIFORMIS_END_KEPT,
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
        tendon_w, tendon_t = P.PIRIFORMIS_TENDON
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
        tendon = P.PIRIFORMIS_TENDON_START
        # (the buttock station halfway from the notch to the tendon: the belly tapers evenly)
        stations = [0.0, 0.5 * notch, notch, 0.5 * (notch + tendon), tendon]
        spread = np.interp(u, stations, [1.0, *P.PIRIFORMIS_CONVERGENCE, 0.0])
        # flat throughout, and thinner still where the greater sciatic foramen constricts it
        waist, outside = P.PIRIFORMIS_NOTCH_WAIST
        thick = np.interp(u, stations, [t0, ht, waist * ht, outside * ht, tendon_t]) * np.where(
            u < P.PIRIFORMIS_TENDON_START, k, 1.0
        )
        width = np.interp(u, stations, [w0, hw, hw, P.PIRIFORMIS_GLUTEAL_WIDTH * hw, tendon_w])
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
        # they join the centreline no nearer its medial end than where it has left the bone
        j_join = int(np.argmin(np.abs(u - P.PIRIFORMIS_JOIN_FROM)))
        runs, offsets = [], []
        centre = float(np.mean([lv for lv, _ in P.PIRIFORMIS_FASCICLES]))
        for level, medial in P.PIRIFORMIS_FASCICLES:
            # signed offset of its level from the fan's centre along the sacrum (up positive)
            offsets.append((centre - level) * chord)
            lift = 0.6 * t0 * k + P.MUSCLE_BONE_MARGIN  # pressed onto the bone, trimmed flat
            reach = max(medial + P.PIRIFORMIS_ON_BONE[0], P.PIRIFORMIS_ON_BONE[1])
            low, narrow = P.PIRIFORMIS_ON_BONE_LOW
            if level > low:  # the lower sacrum narrows: the run stays on its front
                reach = min(reach, narrow)
            # converging on the fan's centre as it runs laterally on the bone: the base a
            # trapezoid narrowing outwards (a triangle, not a square block on the sacrum)
            across = np.linspace(medial, reach, 5)
            levels = level + (centre - level) * P.PIRIFORMIS_RUN_CONVERGENCE * (
                (across - medial) / P.PIRIFORMIS_ON_BONE[1]
            )
            start = np.array(
                [line + lv * down + out_dir * q for lv, q in zip(levels, across, strict=True)]
            )
            runs.append(landing(bones, start, front, lift, FINGER_REACH, -FINGER_REACH))
        out = []
        for i, ((_, medial), run, off) in enumerate(
            zip(P.PIRIFORMIS_FASCICLES, runs, offsets, strict=True)
        ):
            # on the bone its width lies along the concave front of the sacrum (from the run
            # above to the run below), so the runs overlap as one sheet moulded to the bone
            above, below = runs[max(i - 1, 0)], runs[min(i + 1, len(runs) - 1)]
            along = _unit((above - below).mean(axis=0))
            along = along - (along @ out_dir) * out_dir
            along = _unit(along) * np.sign(along @ up[0])
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
            # on the bone a flat finger; beyond its run it thickens and widens smoothly into
            # the belly's fascicle (a step there stood up as a ridge across the sheet)
            finger_w = w0 * k * (tip + (1.0 - tip) * on_bone)
            thin = P.PIRIFORMIS_TIP_THICKNESS
            finger_t = t0 * k * (thin + (1.0 - thin) * on_bone)
            gone = np.linalg.norm(q - run[-1], axis=1) * np.sign((q - run[-1]) @ out_dir)
            grow = np.clip(gone / P.PIRIFORMIS_SHEET_GROW, 0.0, 1.0)
            grow = 0.5 - 0.5 * np.cos(np.pi * grow)
            wq = finger_w + grow * (width[near] - finger_w)
            tq = finger_t + grow * (thick[near] - finger_t)
            # the width turns from along the bone to the fan's height as it leaves the run
            turn = np.clip(gone / P.PIRIFORMIS_SHEET_TURN, 0.0, 1.0)
            turn = (0.5 - 0.5 * np.cos(np.pi * turn))[:, None]
            dirs = (1.0 - turn) * along + turn * up[near]
            out.append((q, wq, tq, dirs / np.linalg.norm(dirs, axis=1, keepdims=True)))
        a = np.max(np.abs(offsets)) * spread + width
        a = np.maximum(a, width)
        return out, a, thick, up

    def medial_border(self) -> implicit.SDF:
        """The origin's medial border on the front of the sacrum, as a field (positive medial to
        it): at each level down the sacrum (a share of the chord of its front) it lies
        ``PIRIFORMIS_MEDIAL_BORDER``'s distance lateral of the foramina's line, eased between its
        levels (half a cosine): three rounded digitations reaching medially between the foramina,
        the border curving round each foramen between them (smooth slips, not square ends)."""
        top, down, _, out_dir = self.sacral_front()
        line = top - out_dir * P.PIRIFORMIS_ORIGIN_LATERAL
        levels, laterals = np.array(P.PIRIFORMIS_MEDIAL_BORDER, float).T
        chord2 = float(down @ down)

        def f(p):
            rel = np.asarray(p, float) - line
            level = rel @ down / chord2
            i = np.clip(np.searchsorted(levels, level) - 1, 0, len(levels) - 2)
            t = np.clip((level - levels[i]) / (levels[i + 1] - levels[i]), 0.0, 1.0)
            edge = laterals[i] + (laterals[i + 1] - laterals[i]) * (0.5 - 0.5 * np.cos(np.pi * t))
            return edge - rel @ out_dir

        return f

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
