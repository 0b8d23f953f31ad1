"""Tours below the widgets: the article's tour walks anatomy, the five mechanisms, diagnosis and
treatment with captions from the content in both voices; steps reorder; a tour file reads back
the same and says what its steps left out."""

from __future__ import annotations

import json

import pytest

from viewer.content import load_annotations
from viewer.scene.scene_file import SceneFileError
from viewer.scene.tour import (
    ARTICLE_PARTS,
    CAPTION_SENTENCES,
    article_tour,
    few_sentences,
    parse_tour,
    read_tour,
    save_tour,
    tour_to_text,
)


@pytest.fixture(scope="module")
def content():
    return load_annotations()


def test_the_article_tour_walks_the_parts_and_every_mechanism(content):
    tour = article_tour(content)
    foci = [(f.kind, f.key) for f in (s.scene.focus for s in tour.steps) if f is not None]
    assert len(foci) == len(tour.steps)
    sections = [k for kind, k in foci if kind == "section"]
    stories = [k for kind, k in foci if kind == "story"]
    assert sections == list(ARTICLE_PARTS)
    assert stories == list(content.stories)
    # the mechanisms follow their part
    assert foci.index(("section", "mechanisms")) < foci.index(("story", stories[0]))
    assert foci.index(("story", stories[-1])) < foci.index(("section", "diagnosis"))
    for step in tour.steps:
        assert step.title and step.student and step.patient and step.patient_title
        assert step.student.count(". ") < CAPTION_SENTENCES + 1
    story = content.story(stories[0])
    step = tour.steps[foci.index(("story", stories[0]))]
    assert step.caption_title("patient") == story.patient_title
    assert step.caption_text("student").startswith(story.caption.student[:40])


def test_few_sentences():
    assert few_sentences("One. Two! Three? Four.", 2) == "One. Two!"
    assert few_sentences("L5-S1 is e.g. low. Next one.", 1).startswith("L5-S1 is e.g. low.")


def test_steps_reorder_and_a_tour_file_reads_back_the_same(content, tmp_path):
    tour = article_tour(content)
    moved = tour.moved(0, 2)
    assert moved.steps[2] == tour.steps[0] and moved.steps[0] == tour.steps[1]
    assert tour.without(0).steps == tour.steps[1:]
    path = save_tour(moved, tmp_path / "t.l5s1tour")
    back, left = read_tour(path)
    assert back == moved and left == []


def test_a_tour_with_a_broken_step_opens_the_rest(content):
    data = json.loads(tour_to_text(article_tour(content)))
    data["steps"][1]["scene"]["voice"] = "robot"
    data["steps"].append("not a step")
    tour, left = parse_tour(json.dumps(data))
    assert len(tour.steps) == len(data["steps"]) - 1
    assert any(x.startswith("step 2: voice") for x in left) and any("not a step" in x for x in left)
    with pytest.raises(SceneFileError):
        parse_tour("[]")
