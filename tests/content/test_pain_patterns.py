"""Pain maps: radicular pain, the S1 dermatome and somatic referred pain, kept apart and correct.

Each map is a pain pattern of annotations.json: body-chart regions (anatomapa ids) and skin areas
(3D patches), written for the left side and mirrored for the right.
"""

from __future__ import annotations

import copy
import re

import anatomapa
import numpy as np
import pytest
import trimesh
from anatomapa.model import loader as anatomapa_loader

from viewer import locations
from viewer.anatomy.structures import BY_ID
from viewer.content import ContentError, load_annotations
from viewer.content.sides import regions_of

SIDES = ("left", "right")
S1_PATTERNS = ("s1_radicular_pain", "s1_dermatome")
#: the front of the hip and the groin on the anterior chart (L1 to L3 territory, never S1)
FRONT_OF_HIP = {"hip", "genital", "lower_abdomen", "abdomen"}


def _canonical(region_id: str) -> str:
    return re.sub(r"_(left|right)$", "", region_id)


def _names(pattern) -> set[str]:
    return {r.name.lower() for r in pattern.body_regions}


def test_three_kinds_of_pain_map_are_separate_and_named(annotations):
    kinds = {pid: p.kind for pid, p in annotations.pain_patterns.items()}
    assert kinds["s1_radicular_pain"] == "radicular_pain"
    assert kinds["s1_dermatome"] == "dermatome"
    referred = {
        pid: set(p.source_structures)
        for pid, p in annotations.pain_patterns.items()
        if p.kind == "somatic_referred_pain"
    }
    sources = set().union(*referred.values())
    for structure in ("facet_joint_left", "sacroiliac_joint_left", "piriformis_left", "femur_left"):
        assert structure in sources, structure
    assert "radicular" in annotations.pain_pattern("s1_radicular_pain").name.lower()
    assert annotations.pain_pattern("s1_dermatome").name == "S1 dermatome"
    # the S1 radicular skin patch no longer calls itself a dermatome
    patch = annotations.structure("s1_pain_area_left")
    assert "dermatome" not in " ".join([patch.name, *patch.other_names]).lower()
    assert "radicular" in patch.name.lower()


def test_radicular_pattern_runs_from_buttock_to_sole_and_outer_foot(annotations):
    pattern = annotations.pain_pattern("s1_radicular_pain")
    for name in (
        "buttock",
        "back of the thigh",
        "calf",
        "sole of the foot",
        "outer edge of the foot",
    ):
        assert name in _names(pattern), name
    assert {r.chart_view for r in pattern.body_regions} == {"posterior"}
    assert "bogduk2009" in pattern.sources


def test_s1_dermatome_is_the_evidence_based_map(annotations):
    pattern = annotations.pain_pattern("s1_dermatome")
    usual = {_canonical(r.chart_region) for r in pattern.body_regions if r.frequency == "usual"}
    assert "foot" in usual
    names = " ".join(_names(pattern))
    assert all(w in names for w in ("heel", "sole", "outer edge of the foot"))
    # the back of the thigh is S2 and the buttock is not S1 skin
    assert not {"thigh", "buttocks"} & {_canonical(r.chart_region) for r in pattern.body_regions}
    assert "lee2008" in pattern.sources
    assert "lateral foot" in pattern.student and "s2" in pattern.student.lower()


@pytest.mark.parametrize("side", SIDES)
def test_s1_never_shades_the_front_of_the_hip_or_the_groin(annotations, side):
    shown = [r for pid in S1_PATTERNS for r in annotations.pain_pattern(pid, side).body_regions]
    shown += annotations.path(f"s1_{side}").body_regions
    for sid in ("s1_radiculopathy", "s1_nerve_impingement"):
        shown += regions_of(annotations.story_pain_patterns(sid, side))
    assert shown
    for r in shown:
        assert r.chart_view == "posterior", r
        assert _canonical(r.chart_region) not in FRONT_OF_HIP, r
    assert not any("groin" in r.name.lower() or "front" in r.name.lower() for r in shown)


@pytest.mark.parametrize("side", SIDES)
def test_s1_skin_patch_lies_on_the_back_of_the_body(annotations, side):
    """The 3D patch of the S1 pattern stays on the back: never over the front of the hip."""
    (area,) = annotations.pain_pattern("s1_radicular_pain", side).skin_areas
    assert not BY_ID[area].derived  # committed with the code, so this test always has it
    patch = trimesh.load(locations.mesh_file(area), force="mesh")
    skin = trimesh.load(locations.mesh_file("skin"), force="mesh")
    assert isinstance(patch, trimesh.Trimesh) and isinstance(skin, trimesh.Trimesh)
    middle = float(skin.bounds[:, 1].mean())  # +y is anterior
    assert len(patch.vertices) > 100
    assert float(patch.vertices[:, 1].max()) < middle
    # and on the patient's own side
    sign = 1.0 if side == "right" else -1.0  # +x is the patient's right
    assert float(np.median(sign * patch.vertices[:, 0])) > 0


def _drawn_x(view: str, region_id: str) -> float:
    """Mean x of a lateralised anatomapa region as drawn in one view (figure 540 wide)."""
    canonical, drawn_side = region_id.rsplit("_", 1)
    region = next(r for r in anatomapa_loader.load(view).regions() if r.id == canonical)
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", region.geometry[drawn_side])]
    xs = numbers[0::2]
    return sum(xs) / len(xs)


@pytest.mark.parametrize("side", SIDES)
def test_regions_are_anatomapa_ids_drawn_on_the_patients_side(annotations, side):
    known = {m.value for m in anatomapa.Region}
    checked = 0
    for pid in annotations.pain_patterns:
        for r in annotations.pain_pattern(pid, side).body_regions:
            listed = {x["id"] for x in anatomapa.list_regions(view=r.chart_view)}
            assert _canonical(r.chart_region) in listed, (pid, r.chart_region, r.chart_view)
            assert r.chart_region in known
            # seen from behind the patient's left is on the figure's left; from the front, mirrored
            on_left_of_figure = _drawn_x(r.chart_view, r.chart_region) < 270
            patient_left_drawn_left = r.chart_view == "posterior"
            assert on_left_of_figure == ((side == "left") == patient_left_drawn_left), (pid, r)
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize("pattern_id", ["s1_radicular_pain", "hip_joint_pain", "s1_dermatome"])
def test_patterns_can_be_painted_by_anatomapa(annotations, pattern_id):
    regions = annotations.pain_pattern(pattern_id).body_regions
    for view in ("anterior", "posterior"):
        values = {r.chart_region: 1.0 for r in regions if r.chart_view == view}
        if values:
            assert anatomapa.heatmap(values, view=view, on_unknown="error") is not None


STORY_PATTERNS = {
    "s1_radiculopathy": {"s1_radicular_pain", "s1_dermatome"},
    "s1_nerve_impingement": {"s1_radicular_pain", "s1_dermatome"},
    "sacroiliac_joint_dysfunction": {"sacroiliac_referred_pain"},
    "piriformis_syndrome": {"piriformis_buttock_pain"},
    "referred_pain": {"facet_referred_pain", "sacroiliac_referred_pain"},
}


@pytest.mark.parametrize("story_id, expected", sorted(STORY_PATTERNS.items()))
def test_each_story_names_the_pattern_that_belongs_to_it(annotations, story_id, expected):
    story = annotations.story(story_id)
    assert set(story.pain_patterns) == expected
    shown = {p.id for p in annotations.story_pain_patterns(story_id)}
    assert shown == expected
    if story_id not in ("s1_radiculopathy", "s1_nerve_impingement"):
        # no root is compressed in these stories: no S1 radicular map, no S1 patch
        assert not shown & set(S1_PATTERNS)
        assert not any(c.startswith("s1_pain_area") for c in story.conditions)
        assert story.nerve_path is None


def test_referred_pain_story_compares_with_pain_from_the_hip_joint(annotations):
    (hip,) = annotations.story_compare_patterns("referred_pain")
    assert hip.id == "hip_joint_pain"
    groin = [r for r in hip.body_regions if r.name == "Groin"]
    assert groin and groin[0].chart_view == "anterior" and groin[0].frequency == "usual"


@pytest.mark.parametrize("story_id", sorted(STORY_PATTERNS))
def test_a_story_on_the_right_shows_its_patterns_on_the_right(annotations, story_id):
    for pattern in annotations.story_pain_patterns(story_id, "right"):
        assert pattern.side == "right"
        for sid in [*pattern.source_structures, *pattern.skin_areas]:
            assert BY_ID[sid].side in (None, "right"), sid
        for r in pattern.body_regions:
            drawn = "right" if r.chart_view == "posterior" else "left"
            assert r.chart_region.endswith(f"_{drawn}"), r
    right = annotations.story_on_side(story_id, "right")
    assert {c for c in right.conditions if "pain_area" in c} == {
        a for p in annotations.story_pain_patterns(story_id, "right") for a in p.skin_areas
    }


@pytest.mark.parametrize("side", SIDES)
def test_path_body_regions_are_those_of_its_patterns_on_its_side(annotations, side):
    path = annotations.path(f"s1_{side}")
    assert path.pain_patterns == list(S1_PATTERNS)
    expected = regions_of([annotations.pain_pattern(i, side) for i in S1_PATTERNS])
    assert path.body_regions == expected and len(expected) >= 6


def test_every_pattern_cites_full_sources(annotations):
    for pattern in annotations.pain_patterns.values():
        assert pattern.sources
        for sid in pattern.sources:
            source = annotations.sources[sid]
            # a dated publication, or a living web resource with its address
            assert re.search(r"(19|20)\d\d", source.citation) or source.url, sid


def test_a_story_showing_another_patterns_patch_is_reported(annotations_copy, document):
    doc = copy.deepcopy(document)
    doc["stories"]["referred_pain"]["conditions"].append("s1_pain_area_left")
    with pytest.raises(ContentError) as err:
        load_annotations(annotations_copy(doc))
    assert any(
        p.place.endswith("story referred_pain") and "pain patterns draw" in p.message
        for p in err.value.problems
    ), err.value.problems


def test_a_region_on_the_wrong_side_is_reported(annotations_copy, document):
    doc = copy.deepcopy(document)
    doc["pain_patterns"]["s1_radicular_pain"]["body_regions"][1]["chart_region"] = "thigh_right"
    with pytest.raises(ContentError) as err:
        load_annotations(annotations_copy(doc))
    assert "'thigh_right' is not the patient's left on the posterior chart" in str(err.value)


def test_a_region_the_chart_does_not_have_is_reported(annotations_copy, document):
    doc = copy.deepcopy(document)
    doc["pain_patterns"]["hip_joint_pain"]["body_regions"][0]["chart_region"] = "groin_right"
    with pytest.raises(ContentError) as err:
        load_annotations(annotations_copy(doc))
    assert "no region 'groin_right' on the anterior chart" in str(err.value)
