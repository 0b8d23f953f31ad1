"""Fuzzing the content loader (issue 13, part 8): random valid documents and mutations of the
bundled one. The property: never a traceback. A damaged file gives a clean problem list (one
line each) and usable content; the strict loader raises only :class:`ContentError`; a valid
document loads as written and finds what it holds."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.fuzzing import NIGHTLY_EXAMPLES, fuzz_settings
from viewer.content import (
    Annotations,
    ContentError,
    limits,
    load_annotations,
    load_annotations_for_app,
)
from viewer.content.search import normalise
from viewer.vocabulary import SIDES


# ------------------------------------------------------------------------------ the property
def _exercise(content: Annotations) -> None:
    """Use every lookup the app uses, on every entry: none may raise."""
    for tid in content.topics:
        content.children(tid)
        content.story_for_topic(tid)
        content.display_name(tid, "patient")
    for sid in content.structures:
        content.topics_for(sid)
        content.display_name(sid)
    for story in content.stories:
        for side in SIDES:
            content.story_on_side(story, side)
            content.story_pain_patterns(story, side)
            content.story_compare_patterns(story, side)
    for path in content.paths:
        content.path_pain_patterns(path)
        assert content.path(path).body_regions is not None
    content.tour()
    content.patient_facing_views()
    for query in ("disc", "piriformus", "tailbone", "<img>", "🦴", "x" * 300):
        hits = content.search(query)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def _opens_cleanly(path: Path) -> None:
    content, problems = load_annotations_for_app(path)
    assert isinstance(content, Annotations)
    assert content.structures, "the model's structures are always there"
    for problem in problems:
        line = str(problem)
        assert "\n" not in line and len(line) <= 300 and "Traceback" not in line
    _exercise(content)
    try:
        strict = load_annotations(path)
    except ContentError as exc:
        assert exc.problems, "a refusal says why"
    else:
        assert problems == [], "what loads strictly opens without a word"
        _exercise(strict)


# ------------------------------------------------------------------- mutations of the bundle
_BUNDLED = json.loads(
    (Path(__file__).resolve().parents[2] / "annotations.json").read_text(encoding="utf-8")
)
_BUNDLED_TEXT = json.dumps(_BUNDLED, indent=1)
_IDS = sorted({*_BUNDLED["structures"], *_BUNDLED["topics"], *_BUNDLED["stories"], "nope"})

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**40), 10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(_IDS),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _mutate(doc: Any, data: st.DataObject) -> None:
    """One change at a random place of ``doc``: a new value, a key gone or renamed, an element
    gone or doubled."""
    node = doc
    for _ in range(data.draw(st.integers(0, 8))):
        children = list(node) if isinstance(node, dict) else range(len(node))
        inner = [k for k in children if isinstance(node[k], dict | list) and node[k]]
        if not inner:
            break
        child = node[data.draw(st.sampled_from(inner))]
        if not isinstance(child, dict | list) or not child:
            break
        node = child
    if not node:
        return
    key = data.draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
    how = data.draw(st.sampled_from(["value", "delete", "rename", "double", "empty"]))
    if how == "value":
        node[key] = data.draw(json_values)
    elif how == "delete":
        del node[key]
    elif how == "rename" and isinstance(node, dict):
        node[data.draw(st.sampled_from([*_IDS, "", "Bad Key", "x" * 70]))] = node.pop(key)
    elif how == "double" and isinstance(node, list):
        node.insert(key, copy.deepcopy(node[key]))
    elif how == "empty":
        node[key] = type(node[key])() if isinstance(node[key], dict | list | str) else None


_TOKENS = ["NaN", "Infinity", "-Infinity", "1e999", "9" * 400, "[" * 40, '"a": 1, "a": 2', ",", "}"]


@st.composite
def damaged_files(draw) -> str:
    """The bundled file damaged as JSON (1 to 4 changes) or as text (a cut, a changed
    character, a token that JSON or the viewer refuses)."""
    if draw(st.booleans()):
        doc = json.loads(_BUNDLED_TEXT)  # a fresh copy, twice as fast as deepcopy
        data = draw(st.data())
        for _ in range(draw(st.integers(1, 4))):
            _mutate(doc, data)
        return json.dumps(doc, indent=1)
    text = _BUNDLED_TEXT
    at = draw(st.integers(0, len(text) - 1))
    how = draw(st.sampled_from(["cut", "char", "token"]))
    if how == "cut":
        return text[:at]
    if how == "char":
        return text[:at] + draw(st.characters()) + text[at + 1 :]
    return text[:at] + draw(st.sampled_from(_TOKENS)) + text[at:]


@fuzz_settings()
@given(text=damaged_files())
def test_fuzz_damaged_content_never_stops_the_app(tmp_path, text):
    path = tmp_path / "annotations.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _opens_cleanly(path)


@pytest.mark.nightly
@fuzz_settings(NIGHTLY_EXAMPLES)
@given(text=damaged_files())
def test_fuzz_damaged_content_never_stops_the_app_nightly(tmp_path, text):
    path = tmp_path / "annotations.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _opens_cleanly(path)


# ------------------------------------------------------------------ random valid documents
_WORD = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Z")), min_size=1, max_size=12
)
#: plain text: words of printable characters with single spaces between them
plain_names = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
plain_texts = st.lists(_WORD, min_size=1, max_size=30).map(" ".join)
coordinates = st.floats(-limits.MAX_COORDINATE_MM, limits.MAX_COORDINATE_MM, allow_nan=False)
points = st.tuples(coordinates, coordinates, coordinates)


@st.composite
def cameras(draw) -> dict:
    zoom = draw(st.none() | st.floats(limits.MIN_ZOOM, limits.MAX_ZOOM))
    if draw(st.booleans()):
        camera: dict = {"view": draw(st.sampled_from(["posterior", "anterior", "left"]))}
    else:
        position, focal, up = draw(points), draw(points), draw(points)
        sight = [p - f for p, f in zip(position, focal, strict=True)]
        cross = [
            sight[1] * up[2] - sight[2] * up[1],
            sight[2] * up[0] - sight[0] * up[2],
            sight[0] * up[1] - sight[1] * up[0],
        ]
        assume(math.hypot(*sight) > 1 and math.hypot(*up) > 1e-3)
        assume(math.hypot(*cross) > 1e-3 * math.hypot(*sight) * math.hypot(*up))
        camera = {"position": position, "focal_point": focal, "view_up": up}
    return camera if zoom is None else {**camera, "zoom": zoom}


@st.composite
def valid_documents(draw) -> dict:
    """The bundled document with new names, texts, other names, cameras and entry order."""
    doc = json.loads(_BUNDLED_TEXT)  # a fresh copy, twice as fast as deepcopy
    for table in ("structures", "topics"):
        for key in draw(st.lists(st.sampled_from(sorted(doc[table])), max_size=4, unique=True)):
            entry = doc[table][key]
            entry["name" if table == "structures" else "title"] = draw(plain_names)
            entry["other_names"] = draw(st.lists(plain_names, max_size=3))
            entry["student"] = draw(plain_texts)
        order = draw(st.permutations(list(doc[table])))
        doc[table] = {k: doc[table][k] for k in order}
    for story in doc["stories"].values():
        story["camera"] = draw(cameras())
    return doc


def _loads_as_written(tmp_path: Path, doc: dict) -> None:
    path = tmp_path / "annotations.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    content = load_annotations(path)
    _exercise(content)
    for sid, entry in doc["structures"].items():
        assert content.structure(sid).name == entry["name"]
        renamed = entry["name"] != _BUNDLED["structures"][sid]["name"]
        # a name of punctuation alone has no word to search by; the bundled names are searched
        # by tests/content/test_search.py
        if renamed and normalise(entry["name"]):
            assert sid in [h.id for h in content.search(entry["name"])], entry["name"]
    for tid, entry in doc["topics"].items():
        renamed = entry["title"] != _BUNDLED["topics"][tid]["title"]
        if renamed and normalise(entry["title"]):
            assert tid in [h.id for h in content.search(entry["title"])], entry["title"]
    assert list(content.topics) == list(doc["topics"])
    assert load_annotations_for_app(path)[1] == []


@fuzz_settings()
@given(doc=valid_documents())
def test_fuzz_valid_documents_load_as_written(tmp_path, doc):
    _loads_as_written(tmp_path, doc)


@pytest.mark.nightly
@fuzz_settings(NIGHTLY_EXAMPLES)
@given(doc=valid_documents())
def test_fuzz_valid_documents_load_as_written_nightly(tmp_path, doc):
    _loads_as_written(tmp_path, doc)
