"""Every anatomical number of the model, each with its source.

All values are in the model frame's units (mm, degrees; see ``frame.py``). References to the
project's reference sheet (``shared/reference/anatomy.md``) name its table (e.g. "A.1").
``Ref`` values are published measurements used both to build the model and to test the built
meshes (within one SD where the source gives one, otherwise within ±10 %).
Modelling choices that no source gives are marked ``[constructed]`` in their comment.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ref:
    """A published value: mean, SD (None where the source gives none) and its source."""

    value: float
    sd: float | None
    source: str

    def tolerance(self) -> float:
        return self.sd if self.sd is not None else abs(self.value) * 0.10

    def accepts(self, measured: float) -> bool:
        return abs(measured - self.value) <= self.tolerance()


# ---------------------------------------------------------------- posture (A.6)
SACRAL_SLOPE = Ref(39.5, 7.8, "Mac-Thiong JM et al., Eur Spine J 2011;20 Suppl 5:572 (A.6)")

# ---------------------------------------------------------------- L5 vertebra (A.1)
# (section owned by the L5 model)

# ---------------------------------------------------------------- sacrum and S1 (A.3)
# (section owned by the sacrum/pelvis model)

# ---------------------------------------------------------------- L5-S1 disc (A.4)
# (section owned by the disc model)

# ---------------------------------------------------------------- facets (A.5)

# ---------------------------------------------------------------- ligaments (A.7)

# ---------------------------------------------------------------- muscles and nerves (A.8, B)
