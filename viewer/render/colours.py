"""Colours of the scene: the calm background, the selection outline, the glow of a nerve route,
each group's colour where the content gives none, and colour mixing.

The tints of the selected, lit and dimmed structures are appearance rules and live with them in
:mod:`viewer.scene.appearance`.
"""

from __future__ import annotations

import numpy as np

from ..scene.appearance import GLOW_TINT
from ..vocabulary import GROUPS, Group

BACKGROUND_TOP = "#f4f6f8"
BACKGROUND_BOTTOM = "#c9d3dd"
#: the selected structure's outline, readable on a projector
SELECT_OUTLINE = "#ff6a00"
#: the glowing sleeve and pulse along a lit nerve route: the lit structures' own tint
GLOW = GLOW_TINT
# Atlas colours (the convention of printed and 3D atlases: Netter, Complete Anatomy, BioDigital)
BONE_IVORY = "#ece3c8"
CARTILAGE_BLUISH_WHITE = "#d5e1ea"
DISC_BLUE_GREY = "#b9c9d8"
LIGAMENT_SILVERY_WHITE = "#e2e5e8"
LIGAMENTUM_FLAVUM_YELLOW = "#e6c34a"
MUSCLE_RED = "#ab3429"
NERVE_YELLOW = "#f2ca44"
DURA_PALE = "#efe5c6"
SKIN = "#e8b89a"
CONDITION_RED = "#d62828"
#: each group's colour, for a structure the content gives no colour
FALLBACK: dict[Group, str] = dict(
    zip(
        GROUPS,
        (
            BONE_IVORY,  # bones
            DISC_BLUE_GREY,  # disc
            CARTILAGE_BLUISH_WHITE,  # joints
            LIGAMENT_SILVERY_WHITE,  # ligaments
            MUSCLE_RED,  # muscles
            NERVE_YELLOW,  # nerves
            SKIN,  # skin
            CONDITION_RED,  # conditions
        ),
        strict=True,
    )
)
#: a section cap (where a structure is cut at the edge of the model) is drawn in its own colour
#: moved this far towards CUT_TOWARDS: lighter, as atlases draw a cut face
CUT_TOWARDS = "#fff6ee"
CUT_SHARE = 0.45

RGB = tuple[float, float, float]


def rgb(colour: str | tuple | np.ndarray) -> np.ndarray:
    """``"#rrggbb"`` (or three numbers 0..1) as an array of three floats 0..1."""
    if isinstance(colour, str):
        c = colour.lstrip("#")
        return np.array([int(c[i : i + 2], 16) / 255.0 for i in (0, 2, 4)])
    return np.asarray(colour, dtype=float)


def as_rgb(colour: str | tuple | np.ndarray) -> RGB:
    """A colour as a tuple of three floats 0..1."""
    r, g, b = (float(v) for v in rgb(colour))
    return (r, g, b)


def mix(a, b, t: float) -> RGB:
    """``a`` moved a fraction ``t`` of the way to ``b``."""
    r, g, bl = (float(v) for v in np.clip(rgb(a) * (1 - t) + rgb(b) * t, 0, 1))
    return (r, g, bl)


def cut_colour(colour) -> RGB:
    """The colour of a structure's section caps: its own colour, lighter."""
    return mix(colour, CUT_TOWARDS, CUT_SHARE)
