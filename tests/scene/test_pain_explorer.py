"""The explorer's ranking of the bundled pain sources on painted examples (teaching facts:
Bogduk 2009, Lee 2008, Slipman 2000, Fukui 1997, Hopayian 2010, Lesher 2008)."""

from __future__ import annotations

import pytest

from viewer.scene.pain_explorer import NOT_DIAGNOSIS, ranked_sources, source_patterns
from viewer.scene.pain_painting import PainPainting
from viewer.scene.pain_zones import ZoneKey

SIX_SOURCES = {
    "s1_root",
    "l5_root",
    "sacroiliac_joint",
    "facet_joint",
    "piriformis_sciatic",
    "hip_joint",
}


def painted(side, *zones, kind="ache"):
    painting = PainPainting()
    for z in zones:
        painting.brush(ZoneKey(z, side), kind)
    return painting


def test_the_six_sources_are_content_with_stories(content):
    assert {p.id for p in source_patterns(content)} == SIX_SOURCES
    for p in source_patterns(content):
        assert p.story in content.stories, p.id
        assert set(p.zones) <= set(content.doc.pain_zones), p.id
        for ref in content.doc.pain_sources[p.id].sources:
            assert ref in content.sources


@pytest.mark.parametrize("side", ["left", "right"])
def test_buttock_back_of_thigh_and_outer_foot_rank_s1_first(content, side):
    ranked = ranked_sources(content, painted(side, "buttock", "posterior_thigh", "lateral_foot"))
    assert ranked[0].id == "s1_root" and ranked[0].side == side
    assert ranked[0].story == "s1_radiculopathy"
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


def test_groin_ranks_the_hip_joint_first_and_never_s1(content):
    ranked = ranked_sources(content, painted("left", "groin"))
    assert ranked[0].id == "hip_joint"
    assert "s1_root" not in {r.id for r in ranked}


@pytest.mark.parametrize(
    ("zones", "first"),
    [
        (("lateral_thigh", "lateral_leg", "top_of_foot"), "l5_root"),
        (("buttock", "low_back", "posterior_thigh", "calf"), "sacroiliac_joint"),
        (("low_back", "lateral_hip"), "facet_joint"),
        (("buttock",), "piriformis_sciatic"),
        (("groin", "anterior_thigh"), "hip_joint"),
    ],
)
def test_each_source_ranks_first_for_its_own_pattern(content, zones, first):
    ranked = ranked_sources(content, painted("left", *zones))
    assert ranked[0].id == first, [(r.id, round(r.score, 2)) for r in ranked]


def test_a_painted_side_ranks_on_that_side_only(content):
    painting = painted("right", "groin")
    painting.brush(ZoneKey("lateral_foot", "left"), "numbness")
    ranked = ranked_sources(content, painting)
    assert {(r.id, r.side) for r in ranked if r.id == "hip_joint"} == {("hip_joint", "right")}
    assert ("s1_root", "left") in {(r.id, r.side) for r in ranked}


def test_nothing_painted_lists_nothing_and_the_line_says_teaching(content):
    assert ranked_sources(content, PainPainting()) == []
    assert "not diagnosis" in NOT_DIAGNOSIS
