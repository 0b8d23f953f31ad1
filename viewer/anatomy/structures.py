"""The structure ids: the contract between the model, the content and the app.

Each id names one mesh file; nerves also have a centreline file (:mod:`viewer.locations` says
where and under which name).
``derived`` meshes are rebuilt from the installed ``musculoskeletal-models`` package and never
committed; all others are modelled here and committed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary import GROUPS, SIDES, Group, Side, StructureKind

__all__ = ["GROUPS", "STRUCTURES", "BY_ID", "StructureSpec", "ids", "mirror_id"]


@dataclass(frozen=True)
class StructureSpec:
    id: str
    group: Group
    side: Side | None = None  # None for midline structures
    kind: StructureKind = StructureKind.ANATOMY
    derived: bool = False
    centerline: bool = False
    one_piece: bool = True  # a single connected surface


def _pair(base: str, group: Group, **kw) -> list[StructureSpec]:
    return [StructureSpec(f"{base}_{s}", group, side=s, **kw) for s in SIDES]


_SHAPE = StructureKind.CONDITION_SHAPE
_PAIN = StructureKind.PAIN_AREA

STRUCTURES: tuple[StructureSpec, ...] = tuple(
    [
        StructureSpec("l5_vertebra", "bones"),
        StructureSpec("s1_segment", "bones", derived=True),
        StructureSpec("sacrum_lower", "bones", derived=True),
        *_pair("hip_bone", "bones", derived=True),
        *_pair("femur", "bones", derived=True),
        StructureSpec("l5_s1_disc_annulus", "disc"),
        StructureSpec("l5_s1_disc_nucleus", "disc"),
        *_pair("facet_joint", "joints"),
        *_pair("sacroiliac_joint", "joints"),
        StructureSpec("anterior_longitudinal_ligament", "ligaments"),
        StructureSpec("posterior_longitudinal_ligament", "ligaments"),
        *_pair("ligamentum_flavum", "ligaments"),
        StructureSpec("interspinous_ligament", "ligaments"),
        StructureSpec("supraspinous_ligament", "ligaments"),
        *_pair("iliolumbar_ligament", "ligaments"),
        *_pair("psoas_major", "muscles"),
        *_pair("piriformis", "muscles"),
        *_pair("multifidus", "muscles"),
        *_pair("erector_spinae", "muscles"),
        StructureSpec("dural_sac", "nerves", centerline=True),
        *_pair("l5_nerve_root", "nerves", centerline=True),
        *_pair("s1_nerve_root", "nerves", centerline=True),
        *_pair("sciatic_nerve", "nerves", centerline=True),
        StructureSpec("skin", "skin"),
        # Condition shapes, hidden until a condition story shows them. Built from the model's
        # parameters (a herniation is the disc's own surface pushed out, etc.).
        *_pair("disc_herniation", "conditions", kind=_SHAPE),  # posterolateral L5-S1, onto S1
        *_pair("foraminal_spur", "conditions", kind=_SHAPE),  # osteophyte in the L5-S1 foramen
        *_pair("sacroiliac_inflammation", "conditions", kind=_SHAPE),  # swollen SI joint
        *_pair("piriformis_spasm", "conditions", kind=_SHAPE),  # tight, thickened belly
        # skin patches: buttock, hip, back of thigh; buttock and lateral hip
        *_pair("s1_pain_area", "conditions", kind=_PAIN, one_piece=False),
        *_pair("referred_pain_area", "conditions", kind=_PAIN),
        *_pair("iliacus", "muscles"),  # issue 8: joins psoas as iliopsoas
    ]
)

BY_ID = {s.id: s for s in STRUCTURES}


def ids(group: str | None = None) -> list[str]:
    return [s.id for s in STRUCTURES if group is None or s.group == group]


def mirror_id(structure_id: str) -> str | None:
    """The id of the other side's twin, or None for a midline structure."""
    if structure_id.endswith("_left"):
        return structure_id[: -len("_left")] + "_right"
    if structure_id.endswith("_right"):
        return structure_id[: -len("_right")] + "_left"
    return None
