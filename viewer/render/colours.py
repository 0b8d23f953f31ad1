"""Colours of the scene: the calm background, the selection and glow tints, and colour mixing."""

from __future__ import annotations

import numpy as np

BACKGROUND_TOP = "#f4f6f8"
BACKGROUND_BOTTOM = "#c9d3dd"
#: the selected structure: an amber tint and an orange outline, readable on a projector
SELECT_TINT = "#ffc928"
SELECT_OUTLINE = "#ff6a00"
#: lit structures in a story or along the S1 path
GLOW = "#ffe14d"
DIM_TOWARD = "#8f9aa6"
FALLBACK = {
    "bones": "#e8dcc2",
    "disc": "#7fb3d5",
    "joints": "#9ccfb0",
    "ligaments": "#b8c8a0",
    "muscles": "#b5524a",
    "nerves": "#f2d13a",
    "skin": "#e8b89a",
    "conditions": "#d62828",
}


def rgb(colour: str | tuple) -> np.ndarray:
    if isinstance(colour, str):
        c = colour.lstrip("#")
        return np.array([int(c[i : i + 2], 16) / 255.0 for i in (0, 2, 4)])
    return np.asarray(colour, dtype=float)


def mix(a, b, t: float) -> tuple[float, float, float]:
    """``a`` moved a fraction ``t`` of the way to ``b``."""
    out = rgb(a) * (1 - t) + rgb(b) * t
    return tuple(float(v) for v in np.clip(out, 0, 1))
