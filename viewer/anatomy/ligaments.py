"""The L5-S1 ligaments: smooth bands lying on, or spanning between, the built bones.

* Longitudinal ligaments (ALL, PLL): flat bands lying on the front and the back of the bodies and
  the disc, the PLL narrow behind L5 and fanning over the disc (:mod:`longitudinal_ligaments`).
* Ligamentum flavum and interspinous ligament: thin sheets between the L5 and S1 posterior arches
  (:mod:`flavum` and :mod:`interspinous`, sheets of :mod:`ligament_sheets`, which also meshes every
  band spanning between bones).
* Supraspinous ligament: a rounded cord laid over the tips of the spinous processes and the
  median sacral crest, thinning down it, its deep fibres blending into the interspinous ligament
  between them (:mod:`supraspinous`).
* Iliolumbar ligament: a short, thick fibrous fan from the tip of the L5 transverse process
  to the iliac crest and the ala (:mod:`iliolumbar`).

Right-side structures are modelled; the left ones are their mirror images.
"""

from __future__ import annotations

from . import flavum, interspinous
from . import longitudinal_ligaments as longitudinal
from .bone_fields import (
    Lumbosacral,
    missing,
)
from .build import Built
from .iliolumbar import iliolumbar_ligaments
from .longitudinal_band import band
from .supraspinous import supraspinous

BONES = ("l5_vertebra", "s1_segment", "sacrum_lower", "hip_bone_left", "hip_bone_right")
SPINE = ("l5_vertebra", "l5_s1_disc_annulus", "s1_segment")
MAX_FACES = 3000


def build(ctx) -> dict[str, Built]:
    if missing(ctx, BONES + SPINE):
        return {}
    ls = Lumbosacral.from_context(ctx)
    out = {
        "anterior_longitudinal_ligament": band(ctx, ls, longitudinal.anterior_plan(ctx, ls)),
        "posterior_longitudinal_ligament": band(ctx, ls, longitudinal.posterior_plan(ls)),
        "supraspinous_ligament": supraspinous(ctx, ls),
    }
    out.update(flavum.ligamenta_flava(ctx))
    # the interspinous ligament meets the flava in front and the supraspinous ligament behind
    out["interspinous_ligament"] = interspinous.interspinous(
        ctx,
        float(ctx.landmarks["l5_spinous_tip"][0]),
        [out["ligamentum_flavum_right"], out["ligamentum_flavum_left"]],
        out["supraspinous_ligament"],
    )
    out.update(iliolumbar_ligaments(ctx, ls))
    return {k: Built(m) for k, m in out.items()}
