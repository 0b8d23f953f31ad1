"""The project's one vocabulary: standard views, structure groups, structure kinds and sides.

Every layer (the anatomy build, the content schema, the scene state, the renderer and the
widgets) takes these names from here; nothing else spells them out. Pure Python, no Qt, no VTK.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, get_args

#: the standard camera views, in the order of their keys (1 … 7)
ViewName = Literal["anterior", "posterior", "left", "right", "superior", "inferior", "oblique"]
VIEW_NAMES: tuple[ViewName, ...] = get_args(ViewName)
#: the view the app opens in and "reset view" returns to
DEFAULT_VIEW: ViewName = "oblique"

#: name -> (direction from the focal point to the eye, view-up), in the model frame (RAS:
#: +x the patient's right, +y anterior, +z superior)
VIEW_DIRECTIONS: dict[ViewName, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "anterior": ((0, 1, 0), (0, 0, 1)),
    "posterior": ((0, -1, 0), (0, 0, 1)),
    "left": ((-1, 0, 0), (0, 0, 1)),
    "right": ((1, 0, 0), (0, 0, 1)),
    "superior": ((0, 0, 1), (0, 1, 0)),
    "inferior": ((0, 0, -1), (0, 1, 0)),
    # from behind and to the left, a little above: the L5-S1 foramen, the S1 root and piriformis
    "oblique": ((-0.62, -0.72, 0.3), (0, 0, 1)),
}

#: the two sides of the body chart
ChartView = Literal["anterior", "posterior"]
CHART_VIEWS: tuple[ChartView, ...] = get_args(ChartView)

#: structure groups, in the order the structure tree lists them
Group = Literal["bones", "disc", "joints", "ligaments", "muscles", "nerves", "skin", "conditions"]
GROUPS: tuple[Group, ...] = get_args(Group)
#: group -> its heading in the structure tree, and one member's kind in the info panel
GROUP_TITLES: dict[Group, str] = {
    "bones": "Bones",
    "disc": "Disc",
    "joints": "Joints",
    "ligaments": "Ligaments",
    "muscles": "Muscles",
    "nerves": "Nerves",
    "skin": "Skin",
    "conditions": "Condition shapes",
}
GROUP_MEMBER: dict[Group, str] = {
    "bones": "Bone",
    "disc": "Intervertebral disc",
    "joints": "Joint",
    "ligaments": "Ligament",
    "muscles": "Muscle",
    "nerves": "Nervous tissue",
    "skin": "Skin",
    "conditions": "Condition shape",
}
#: groups hidden until asked for (the skin covers everything; condition shapes belong to stories)
HIDDEN_BY_DEFAULT: tuple[Group, ...] = ("skin", "conditions")
#: structures faded at the start: the back muscles that cover S1 (the app's subject), the L5-S1
#: facets and the laminae in the default view; with them faded S1 has visible, clickable points
FADED_AT_START: tuple[str, ...] = (
    "multifidus_left",
    "multifidus_right",
)
#: structures switched off at the start (the structure list switches them on): the erector spinae,
#: the outermost back muscle, stands behind L5 from every view that shows S1 from behind; even
#: faded, its tall columns veil L5 and the dural sac (atlases open on the deep layer likewise)
HIDDEN_AT_START: tuple[str, ...] = (
    "erector_spinae_left",
    "erector_spinae_right",
)

Side = Literal["left", "right"]
SIDES: tuple[Side, ...] = get_args(Side)


class StructureKind(StrEnum):
    """What a structure is, as far as showing it goes."""

    #: a real part of the body
    ANATOMY = "anatomy"
    #: a shape a condition story shows (a herniation, a spur, a swollen joint, a tight muscle)
    CONDITION_SHAPE = "condition_shape"
    #: a patch painted on the skin where pain is felt
    PAIN_AREA = "pain_area"
