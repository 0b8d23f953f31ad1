"""The muscles around the lumbosacral junction and the hip, and the piriformis spasm shape (the
back muscles, multifidus and erector spinae, are in :mod:`viewer.anatomy.back_muscles`).

Each muscle is a smooth sweep along a curve through via-points (:mod:`routing`): a fusiform belly
with thin tendon ends, routed around the bones and then trimmed where it would touch them, so it
lies on the bone instead of passing through it. Attached ends are snapped onto the bone surface.

* ``psoas_major_<side>``: from the side of the L5 body and the front of the L5 transverse process
  (continuing above L5 as a narrower belly cut off at a plane), down over the pelvic brim in front
  of the hip joint's medial half to the lesser trochanter; via-points from gait2392 (B.2) mapped
  into the model frame (over the brim and the hip moved medially, leaving the lateral half to
  iliacus). A fusiform belly (fullest from L5 to the ala, narrowing over the brim) arising by
  separate fleshy slips (:mod:`psoas_origin`): tongues wrapped onto the upper and lower margins
  of the L5 body next to the discs, over a hollow under the tendinous arch at the body's waist
  where its medial face stands off the bone, and one from the front of the transverse process;
  above L5 clefts between its bundles run down its surface and notch its cut face. It ends in a
  short flattened tendon that rests on the trochanter, and is kept off the corridor of the L5
  root and lumbosacral trunk behind it.
* ``piriformis_<side>`` and ``piriformis_spasm_<side>``: built by :mod:`piriformis`.

The psoas shows its fibres' direction by a faint longitudinal striation
(:func:`muscle_meshing.striated`).
"""

from __future__ import annotations

import numpy as np

from ..vocabulary import SIDES
from . import bone_fields, geometry, implicit, nerve_paths, psoas_origin, routing, section_caps
from . import parameters as P
from .build import BuildContext, Built
from .frame import ANTERIOR, RIGHT, SUPERIOR, side_sign
from .frame import unit as _unit
from .muscle_meshing import (
    BONES,
    MUSCLE_FACES,
    arc_at,
    mesh,
    opensim_points,
    striated,
    trimmed,
)
from .piriformis import Piriformis

__all__ = ["BONES", "MUSCLE_FACES", "build", "mesh", "opensim_points", "trimmed"]

#: how far from its cutting plane a section cap's vertex may lie after meshing smooths it, mm
CAP_TOLERANCE = 0.9
#: [constructed] a triangle of lower quality (1 equilateral) is collapsed (the surface-quality
#: test's least is 0.01)
SLIVER_QUALITY = 0.03


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
        a0, into, off = P.PSOAS_BESIDE_L5
        beside = routing.first_clear(bones, self.level(l5_mid, a0), self.lat, hw - into)
        beside = beside + self.lat * off  # the arch's hollow under it, the slips bridging it
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
        # over the brim and the hip it lies on the medial half of the joint, leaving its
        # lateral half to iliacus (the two fused as iliopsoas)
        brim, front = brim - self.lat * P.PSOAS_HIP_MEDIAL, front - self.lat * P.PSOAS_HIP_MEDIAL
        p4, p5 = opensim_points(self.ctx.landmarks, femur=P.PSOAS_GAIT2392_FEMUR, side=self.side)
        # the rounded tendon's end rests on the lesser trochanter (not sunk flat into it)
        insertion = bones.lift(
            bones.snap(0.7 * self.lm("lesser_trochanter") + 0.3 * p5),
            P.PSOAS_TENDON_RADIUS * P.PSOAS_TENDON_REST,
        )[0]
        # below the joint the tendon runs on down and back to the trochanter in one easy curve
        # (gait2392's P4, a wrapping point for its moment arm, is drawn towards the straight
        # line from the front of the hip to the insertion: through it, the tendon ran forwards,
        # down, then straight back, a hook)
        on_line = front + np.clip((p4 - front) @ _unit(insertion - front), 0.0, None) * _unit(
            insertion - front
        )
        p4 = p4 + P.ILIOPSOAS_TENDON_EASE * (on_line - p4)
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
        slips = psoas_origin.slips(
            ls, self.lat, bones, path, self.lm("l5_pedicle"), self.lm("l5_transverse_tip")
        )
        belly = implicit.smooth_union(P.PSOAS_SLIP_BLEND, belly, *(f for f, _ in slips))
        hollow = psoas_origin.arch(ls, self.lat, bones)
        belly = implicit.smooth_subtract(P.PSOAS_ARCH_BLEND, belly, hollow)
        grooves = psoas_origin.clefts(ls, self.lat, path, a, d, float(ls.s(top)))
        if grooves is not None:
            belly = implicit.smooth_subtract(P.PSOAS_CLEFT_BLEND, belly, grooves)
        f = trimmed(
            implicit.smooth_subtract(P.PSOAS_TRUNK_BLEND, belly, self.lumbosacral_corridor()),
            bones,
            cuts=(cut,),
        )
        axes = [path, *(q for _, q in slips)]  # the slips reach out of the belly onto the bone
        built = mesh(f, axes, hw + 3.0, P.PSOAS_FACES, keep=(path[-1],), blur=P.PSOAS_BLUR)
        # its fibres' direction: faint striation, none on the cut face above or the attachment
        v = np.asarray(built.vertices)
        below_cut = ((top - v) @ ls.up - 1.5) / 4.0
        off_end = (np.linalg.norm(v - path[-1], axis=1) - 10.0) / 10.0
        built = striated(built, path, a, d, self.lat, np.minimum(below_cut, off_end))
        built = geometry.closed_without_slivers(built, SLIVER_QUALITY)
        section_caps.tag_plane(built, top, ls.up, CAP_TOLERANCE)  # runs on up beside L4: cut
        return Built(built), path

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
            self.bones,
            nerve_paths.l4_branch_middle(ls, foramen, lat),
            ANTERIOR,
            P.L4_CONTRIBUTION_THICKNESS,
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


def build(ctx: BuildContext) -> dict[str, Built]:
    bones = routing.Obstacles(ctx, BONES)
    out: dict[str, Built] = {}
    for side in SIDES:
        m = _Side(ctx, side, bones)
        out[f"psoas_major_{side}"], _ = m.psoas()
        pir = Piriformis(ctx, side, bones)
        out[f"piriformis_{side}"] = pir.piriformis()
        out[f"piriformis_spasm_{side}"] = pir.piriformis(spasm=True)
    return out
