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
#: each group's colour, for a structure the content gives no colour
FALLBACK: dict[Group, str] = dict(
    zip(
        GROUPS,
        (
            "#e8dcc2",  # bones
            "#7fb3d5",  # disc
            "#9ccfb0",  # joints
            "#b8c8a0",  # ligaments
            "#b5524a",  # muscles
            "#f2d13a",  # nerves
            "#e8b89a",  # skin
            "#d62828",  # conditions
        ),
        strict=True,
    )
)

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
