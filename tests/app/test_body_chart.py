"""The pain map (body chart): the patterns of the story or path in focus, named rightly, on the
side it is told on, usual and occasional areas and comparison patterns told apart, nothing once
it ends, and never the front of the hip or the groin for S1."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from viewer.anatomy.structures import STRUCTURES
from viewer.app.body_chart import BodyChart
from viewer.app.chart_drawing import blank_figure, shaded_in
from viewer.content.sides import drawn_side, unsided
from viewer.scene.article import article_focus
from viewer.scene.focus import path_focus, story_focus
from viewer.scene.state import SceneState, SceneStructure
from viewer.vocabulary import SIDES

ALL = [s.id for s in STRUCTURES]
#: anatomapa's regions at the front of the hip and the groin (L1-L3 land, never S1's)
FRONT_OF_HIP = {"hip", "genital", "lower_abdomen"}


@pytest.fixture
def chart(qtbot, content):
    state = SceneState(SceneStructure.from_spec(s) for s in STRUCTURES)
    widget = BodyChart(content, state)
    qtbot.addWidget(widget)
    return widget


def s1_views(content):
    """Every S1 path, and every story with an S1 pattern, on each side: (state focus, label)."""
    s1 = {pid for pid, p in content.pain_patterns.items() if pid.startswith("s1_")}
    assert s1 == {"s1_radicular_pain", "s1_dermatome"}
    out = [(path_focus(content, pid, ALL), pid) for pid in content.paths]
    for sid, story in content.stories.items():
        if s1 & set(story.pain_patterns):
            out += [(story_focus(content, sid, ALL, side), f"{sid}/{side}") for side in SIDES]
    assert len(out) == 2 + 2 * 2  # both paths, both S1 stories on both sides
    return out


def picture(svg: str) -> np.ndarray:
    """The SVG drawn as Qt draws it, RGB."""
    img = QImage(300, 500, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    QSvgRenderer(QByteArray(svg.encode())).render(painter, QRectF(0, 0, 300, 500))
    painter.end()
    ptr = img.constBits()
    return np.frombuffer(ptr, np.uint8).reshape(500, 300, 4)[..., :3].copy()


def test_s1_never_shades_the_front_of_the_hip_or_the_groin(chart, content):
    for focus, label in s1_views(content):
        chart.scene_state.set_focus(focus)
        assert not chart.pain_map.empty, label
        front = [r for r in chart.pain_map.regions if r.chart_view == "anterior"]
        assert front == [], label  # S1 is felt behind: nothing on the front figure at all
        drawn = shaded_in(chart.svgs["anterior"])
        assert not [d for d in drawn if unsided(d["region"]) in FRONT_OF_HIP], label
        assert drawn == [], label
        # and the front figure Qt draws is the bare figure, pixel for pixel
        bare = picture(blank_figure("anterior")[0])
        shown = picture(chart.svgs["anterior"])
        marks = np.zeros(bare.shape[:2], bool)
        marks[:70, :] = True  # the L and R marks at the top
        assert np.array_equal(bare[~marks], shown[~marks]), label
        assert shaded_in(chart.svgs["posterior"]), label  # the back is shaded


def test_the_check_would_see_a_groin_shaded(chart, content):
    """The referred-pain story compares with the hip joint's pain, felt in the groin: the same
    reading finds it on the front figure (so the S1 test above can fail)."""
    chart.scene_state.set_focus(story_focus(content, "referred_pain", ALL))
    front = {unsided(d["region"]) for d in shaded_in(chart.svgs["anterior"])}
    assert "hip" in front


def test_each_story_and_path_shows_its_own_patterns_named_rightly(chart, content):
    names = {
        "s1_radicular_pain": "S1 radicular pain",
        "s1_dermatome": "S1 dermatome",
        "facet_referred_pain": "referred pain",
        "sacroiliac_referred_pain": "referred pain",
        "piriformis_buttock_pain": "piriformis",
        "hip_joint_pain": "hip joint",
    }
    assert set(names) == set(content.pain_patterns)
    for sid, story in content.stories.items():
        for side in SIDES:
            chart.scene_state.set_focus(story_focus(content, sid, ALL, side))
            drawn = {m.id for m in chart.pain_map.patterns}
            assert drawn == set(story.pain_patterns) | set(story.compare_patterns), sid
            legend = chart.legend.text()
            for pid in drawn:
                assert names[pid] in legend, (sid, pid)
            for pid in set(content.pain_patterns) - drawn:
                assert content.pain_patterns[pid].name not in legend, (sid, pid)
            expected = {
                (r.chart_view, r.chart_region)
                for p in content.story_pain_patterns(sid, side)
                + content.story_compare_patterns(sid, side)
                for r in p.body_regions
            }
            shaded = {
                (view, d["region"]) for view in chart.svgs for d in shaded_in(chart.svgs[view])
            }
            assert shaded == expected, (sid, side)
    # radicular pain and the dermatome are two things, named so side by side
    chart.scene_state.set_focus(path_focus(content, "s1_left", ALL))
    assert "S1 radicular pain" in chart.legend.text() and "S1 dermatome" in chart.legend.text()


def test_the_title_says_the_side_and_l_and_r_mark_the_figures(chart, content):
    for side in SIDES:
        chart.scene_state.set_focus(story_focus(content, "s1_radiculopathy", ALL, side))
        assert f"{side} side" in chart.title.text()
        posterior = {d["region"] for d in shaded_in(chart.svgs["posterior"])}
        assert posterior and all(r.endswith(drawn_side(side, "posterior")) for r in posterior)
        for view, svg in chart.svgs.items():
            for mark_side, letter in (("left", "L"), ("right", "R")):
                assert f'data-side="{mark_side}"' in svg and f">{letter}</text>" in svg, view
        # seen from behind the patient's left is on the left; from the front on the right
        back = chart.svgs["posterior"]
        assert back.index('data-side="left" x="40.0"') >= 0
        front = chart.svgs["anterior"]
        assert 'data-side="right" x="40.0"' in front


def test_usual_sometimes_and_comparison_are_drawn_differently(chart, content):
    chart.scene_state.set_focus(story_focus(content, "referred_pain", ALL))
    svgs = "".join(chart.svgs.values())
    styles: dict[str, set[tuple[str, ...]]] = {}
    for shade in svgs.split('<path class="shade" ')[1:]:
        attrs = shade.split("/>")[0]
        kind = ("compare" if 'data-compare="true"' in attrs else "own") + (
            "/usual" if 'data-frequency="usual"' in attrs else "/sometimes"
        )
        look = tuple(
            part.split('"')[1]
            for part in attrs.split(" ")
            if part.startswith(("fill-opacity=", "stroke-dasharray="))
        ) + (("none",) if 'fill="none"' in attrs else ())
        styles.setdefault(kind, set()).add(look)
    assert {"own/usual", "own/sometimes", "compare/usual"} <= set(styles)
    looks = [styles[k] for k in ("own/usual", "own/sometimes", "compare/usual")]
    assert all(len(s) == 1 for s in looks)
    assert len({next(iter(s)) for s in looks}) == 3  # three different looks
    text = chart.legend.text()
    assert "for comparison" in text and "sometimes" in text and "usual" in text


def test_the_chart_clears_when_the_story_ends_or_for_an_article_entry(chart, content):
    chart.scene_state.set_focus(path_focus(content, "s1_right", ALL))
    assert shaded_in(chart.svgs["posterior"])
    chart.scene_state.set_focus(None)
    assert chart.pain_map.empty and not any(shaded_in(s) for s in chart.svgs.values())
    assert "No pain map" in chart.title.text() and chart.legend.isHidden()
    chart.scene_state.set_focus(story_focus(content, "piriformis_syndrome", ALL))
    assert shaded_in(chart.svgs["posterior"])
    chart.scene_state.set_focus(article_focus("topic", "discectomy", ["l5_vertebra"], ALL))
    assert chart.pain_map.empty and not any(shaded_in(s) for s in chart.svgs.values())


def test_a_story_without_a_pattern_shows_an_empty_chart(qtbot, content):
    bare = copy.deepcopy(content)
    story = bare.stories["s1_radiculopathy"]
    bare.stories[story.id] = story.model_copy(update={"pain_patterns": []})
    bare.stories[story.id]._id = story.id
    state = SceneState(SceneStructure.from_spec(s) for s in STRUCTURES)
    chart = BodyChart(bare, state)
    qtbot.addWidget(chart)
    state.set_focus(story_focus(bare, story.id, ALL))
    assert chart.pain_map.empty and not any(shaded_in(s) for s in chart.svgs.values())


def test_the_chart_speaks_in_the_states_voice(chart, content):
    chart.scene_state.set_focus(path_focus(content, "s1_left", ALL))
    radicular = content.pain_patterns["s1_radicular_pain"]
    assert radicular.name in chart.legend.text()
    chart.scene_state.set_voice("patient")
    assert radicular.patient_name in chart.legend.text()
    assert "your left side" in chart.title.text()
