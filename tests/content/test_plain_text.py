"""Content strings are plain text (issue 13, part 5): markup in a name, title or text is kept as
the characters it is, and the one widget that renders content as HTML (the info panel) shows it
escaped, never as an image, a style or a link."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from viewer.content import load_annotations_for_app

#: what a hostile or careless file might hold (issue 13: a local image shown in the caption and
#: tooltips, a 20,000-pixel image that grew the window)
PAYLOAD = '<img src="file:///etc/hosts" width=20000 height=20000><b>X</b>&amp;<STYLE>'
TEXT_KEYS = {
    "name",
    "patient_name",
    "title",
    "patient_title",
    "student",
    "patient",
    "text",
    "citation",
    "disclaimer",
    "action",
    "caption",
}


def _poison(node: Any, key: str = "") -> Any:
    """Every name, title and text of ``node`` with the payload in front."""
    if isinstance(node, dict):
        return {k: _poison(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [f"{PAYLOAD}{v}" if key == "other_names" else _poison(v, key) for v in node]
    if isinstance(node, str) and key in TEXT_KEYS:
        return f"{PAYLOAD}{node}"
    return node


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory, document):
    path = tmp_path_factory.mktemp("plain") / "annotations.json"
    doc = _poison(copy.deepcopy(document))
    path.write_text(json.dumps(doc), encoding="utf-8")
    content, problems = load_annotations_for_app(path)
    assert problems == [], "markup is plain text to the content: accepted as written"
    return content


def test_markup_is_kept_as_the_characters_it_is(poisoned):
    assert poisoned.structure("l5_vertebra").name.startswith(PAYLOAD)
    assert poisoned.topic("outlook").student.startswith(PAYLOAD)
    assert poisoned.search("l5 vertebra")[0].id == "l5_vertebra"


def test_the_info_panel_shows_markup_escaped(poisoned):
    from viewer.app import info_panel

    pages = [info_panel.welcome_html(poisoned)]
    for voice in ("student", "patient"):
        pages += [info_panel.structure_html(poisoned, s, voice) for s in poisoned.structures]
        pages += [info_panel.topic_html(poisoned, t, voice) for t in poisoned.topics]
        pages += [info_panel.story_html(poisoned, s, voice) for s in poisoned.stories]
        pages += [info_panel.path_html(poisoned, p, voice) for p in poisoned.paths]
        pages += [info_panel.section_html(poisoned, s.id, voice) for s in poisoned.sections]
    assert len(pages) > 100
    for page in pages:
        assert "&lt;img src=" in page, "the payload is shown, as text"
        for raw in ("<img", "<b>X", "<STYLE>", "&amp;<"):
            assert raw not in page
