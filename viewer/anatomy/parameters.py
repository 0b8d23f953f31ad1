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
LIGAMENTUM_FLAVUM_THICKNESS = Ref(3.64, 0.21, "Khasawneh R et al., Folia Morphol 2023;82:72, "
                                              "MRI n = 350, L5-S1 (A.7)")
PLL_WIDTH_L5 = Ref(1.9, None, "PLL morphometry, PMID 29288395 (13 cadavers): 1.9 mm at L5 (A.7)")
#: Share of the disc's width that the PLL's fan covers at the disc level.
PLL_DISC_FAN_FRACTION = Ref(0.705, 0.035, "Lee et al., J Korean Neurosurg Soc jkns.2017.0257: "
                                          "64-77 % of disc width (A.7); midpoint, half-range as SD")
PLL_THICKNESS = 1.0           # [constructed] a thin band on the back of the bodies
ALL_WIDTH = Ref(22.5, 2.5, "A.7 UNVERIFIED typical value: about 20-25 wide over the L5 body")
ALL_THICKNESS = Ref(1.5, 0.5, "A.7 UNVERIFIED typical value: about 1-2 thick")
#: FE-model cross-sections (A.7, PMC7591979 Table 2); a band of this area sets a cord's radius.
INTERSPINOUS_AREA = Ref(14.1, None, "PMC7591979 Table 2, ISL area mm² (A.7)")
SUPRASPINOUS_AREA = Ref(10.5, None, "PMC7591979 Table 2, SSL area mm² (A.7); often thin or absent "
                                    "at L5-S1 (A.7, UNVERIFIED)")
INTERSPINOUS_THICKNESS = 3.0  # [constructed] sagittal plate, mm (left-right)
SUPRASPINOUS_WIDTH = 4.0      # [constructed] mm; with SUPRASPINOUS_AREA gives ~2.6 mm thickness
ILIOLUMBAR_WIDTH = 10.0       # [constructed] flat band, mm (no source in A.7)
ILIOLUMBAR_THICKNESS = 3.0    # [constructed] mm
LIGAMENT_ANCHOR_DEPTH = 1.5   # [constructed] how deep a band's end is sunk into its bone, mm

# ---------------------------------------------------------------- sacroiliac joints (D.2)
SI_JOINT_SURFACE_AREA = Ref(1750.0, None, "PMC6905244 (Tzu Chi Med J review): about 17.5 cm² (D.2)")
SI_JOINT_MIN_SPACE = 1.0      # [constructed] least thickness of the joint space shown, mm

# ---------------------------------------------------------------- skin ([constructed])
SKIN_MIN_DEPTH = 10.0         # [constructed] least depth of skin outside bone/muscle, mm
SKIN_CLOSING_RADIUS = 45.0    # [constructed] smooths the envelope (morphological closing), mm
SKIN_TOP_ABOVE_S1 = 160.0     # [constructed] clip at the lower thorax, mm above the S1 endplate
SKIN_THIGH_CLIP_BELOW_TROCHANTER = 200.0  # [constructed] clip at mid-thigh, mm below the trochanter
THIGH_SOFT_TISSUE_RADIUS = 62.0  # [constructed] thigh radius about the femoral shaft, mm
BUTTOCK_RADII = (65.0, 55.0, 75.0)  # [constructed] gluteal mass ellipsoid (x, y, z half-axes), mm
WAIST_HALF_WIDTH = 145.0      # [constructed] half the waist width at L5, mm
WAIST_HALF_DEPTH = 95.0       # [constructed] half the waist depth at L5, mm

# ---------------------------------------------------------------- conditions ([constructed])
HERNIATION_BASE_RADIUS = 6.0  # [constructed] bulge radius where it leaves the annulus, mm
HERNIATION_TIP_RADIUS = 3.5   # [constructed] bulge radius against the S1 root, mm
HERNIATION_ROOT_INDENT = 0.3  # [constructed] how far the bulge presses into the root, mm
SPUR_BASE_RADIUS = 3.0        # [constructed] osteophyte radius at its base, mm
SPUR_TIP_RADIUS = 1.0         # [constructed]
SPUR_REACH = 0.55             # [constructed] share of the foramen's free clearance the spur fills
SI_INFLAMMATION_SWELLING = 3.5  # [constructed] swelling around the joint space, mm
PAIN_AREA_GAP = 0.4           # [constructed] gap between skin and pain patch, mm
PAIN_AREA_THICKNESS = 1.2     # [constructed] patch thickness, mm

# ---------------------------------------------------------------- muscles and nerves (A.8, B)
