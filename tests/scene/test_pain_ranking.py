"""Ranking pain sources against a painted map: the pure logic, on hand-made patterns."""

from __future__ import annotations

import pytest

from viewer.scene.pain_ranking import PainPattern, combine, overlap, rank

RADICULAR_S1 = PainPattern(
    "s1_root",
    {"buttock": 1.0, "posterior_thigh": 1.0, "calf": 1.0, "lateral_foot": 1.0, "sole": 0.7},
    story="s1_radiculopathy",
)
HIP_JOINT = PainPattern(
    "hip_joint", {"groin": 1.0, "anterior_thigh": 0.6, "lateral_hip": 0.5, "buttock": 0.3}
)
SI_JOINT = PainPattern("si_joint", {"buttock": 1.0, "lower_back": 0.6, "posterior_thigh": 0.4})


def test_painting_a_pattern_exactly_scores_one():
    assert overlap(dict(RADICULAR_S1.zones), RADICULAR_S1.zones) == pytest.approx(1.0)
    assert overlap({}, RADICULAR_S1.zones) == 0.0


def test_buttock_thigh_and_outer_foot_rank_the_s1_root_first():
    painted = {"buttock": 1.0, "posterior_thigh": 0.8, "lateral_foot": 0.6}
    ranked = rank(painted, [HIP_JOINT, SI_JOINT, RADICULAR_S1])
    assert ranked[0].pattern.id == "s1_root"
    assert ranked[0].pattern.story == "s1_radiculopathy"
    assert set(ranked[0].matched) == set(painted)
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


def test_groin_pain_ranks_the_hip_joint_first_and_never_s1():
    ranked = rank({"groin": 1.0}, [RADICULAR_S1, SI_JOINT, HIP_JOINT])
    assert [r.pattern.id for r in ranked] == ["hip_joint"]


def test_painting_outside_a_pattern_lowers_its_score():
    core = rank({"buttock": 1.0, "posterior_thigh": 1.0}, [SI_JOINT])[0].score
    wider = rank({"buttock": 1.0, "posterior_thigh": 1.0, "shin": 1.0}, [SI_JOINT])[0].score
    assert wider < core


def test_pain_types_combine_by_their_strongest():
    ache = {"buttock": 0.4}
    pins = {"buttock": 0.9, "lateral_foot": 0.5, "calf": 0.0}
    assert combine([ache, pins]) == {"buttock": 0.9, "lateral_foot": 0.5}


def test_nothing_painted_ranks_nothing():
    assert rank({}, [RADICULAR_S1, HIP_JOINT]) == []
