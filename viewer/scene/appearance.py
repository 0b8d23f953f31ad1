"""How a structure looks: the values :meth:`SceneState.appearance` hands the renderer, and the
numbers its rules use (no Qt, no VTK).

The renderer copies an :class:`Appearance` onto an actor as it is: visibility, opacity,
pickability, the tint mixed into the structure's own colour, the lighting, and the overlay copy
that keeps a condition shape in sight.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary import Group

#: (ambient, diffuse, specular) of a surface's lighting
Lighting = tuple[float, float, float]

FADED_OPACITY = 0.25
DIMMED_OPACITY = 0.18
#: X-ray: bones (and the muscles over the roots) become see-through
XRAY_OPACITY: dict[Group, float] = {"bones": 0.16, "muscles": 0.3}
#: below this a surface is looked through, not clicked
PICKABLE_OPACITY = 0.5
#: below this, or dimmed, a structure carries no label
LABELLED_OPACITY = 0.3
BASE_OPACITY: dict[Group, float] = {"skin": 0.22}
#: pain areas are paint on the skin: half see-through, so the nerve beneath shows
PAIN_AREA_OPACITY = 0.55
#: over a lit nerve route a pain area is only a tint: the route shows through it, and a click
#: there reaches the nerve
PAIN_OVER_ROUTE_OPACITY = 0.25

#: the selected structure: an amber tint, readable on a projector
SELECT_TINT = "#ffc928"
#: lit structures in a story, along the S1 path or in an article entry
GLOW_TINT = "#ffe14d"
#: dimmed structures fade towards this grey
DIM_TINT = "#8f9aa6"

#: lighting and tint (colour, share of it) per look
PLAIN: Lighting = (0.12, 0.85, 0.25)
SELECTED: Lighting = (0.38, 0.8, 0.35)
LIT: Lighting = (0.5, 0.75, 0.4)
DIMMED: Lighting = (0.25, 0.6, 0.0)
SELECT_SHARE = 0.45
GLOW_SHARE = 0.25
DIM_SHARE = 0.5


@dataclass(frozen=True)
class Appearance:
    """How one structure is drawn now."""

    visible: bool
    opacity: float
    #: whether a click can land on it (visible and not see-through)
    pickable: bool
    #: the colour mixed into the structure's own colour, and how much of it (0: none)
    tint: str | None = None
    tint_share: float = 0.0
    lighting: Lighting = PLAIN
    selected: bool = False
    lit: bool = False
    dimmed: bool = False
    #: drawn again over everything, faint and outlined, so it stays in sight behind others
    ghost: bool = False
    #: whether it may carry a leader-line label
    labelled: bool = False
