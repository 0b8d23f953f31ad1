"""Builds the back muscles of both sides: multifidus and erector spinae, laid on the back of L5,
the sacrum and the posterior ilium.

* ``multifidus_<side>`` (:mod:`viewer.anatomy.multifidus`): a wedge in posterior view filling
  the gutter beside the spinous process, narrow where it converges on the L5 spinous process
  and lamina, widening down over the dorsal sacrum to the PSIS, its fascicles fanning down and
  out as rounded bundles overlapping like roof tiles on its back.
* ``erector_spinae_<side>`` (:mod:`viewer.anatomy.erector_spinae`): its broad, flat aponeurosis
  over the sacrum and the multifidus, and the longissimus and iliocostalis columns rising from it
  as one thick rounded mass up to a section cap above L5.

What both share (the dorsal bone surface, landmarks, meshing) is in
:mod:`viewer.anatomy.back_geometry`.
"""

from __future__ import annotations

from ..vocabulary import SIDES
from .back_geometry import BackSide
from .build import BuildContext, Built
from .erector_spinae import build_erector_spinae
from .multifidus import build_multifidus


def build(ctx: BuildContext) -> dict[str, Built]:
    out: dict[str, Built] = {}
    for side in SIDES:
        back = BackSide(ctx, side)
        out[f"multifidus_{side}"] = build_multifidus(back)
        out[f"erector_spinae_{side}"] = build_erector_spinae(back, out[f"multifidus_{side}"].mesh)
    return out
