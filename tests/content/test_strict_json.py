"""Reading the JSON strictly (issue 13, parts 4, 6 and 7): what Python's parser lets through and
a content file must not hold is refused at its line and column, in one line, with no traceback."""

from __future__ import annotations

import json

import pytest

from viewer.content import ContentError, load_annotations, load_annotations_for_app
from viewer.content.check import run_check
from viewer.content.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NUMBER_CHARS
from viewer.content.strict_json import JsonProblem, loads


def _place_of(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """The (line, column) of the ``nth`` occurrence of ``needle``, 1-based."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def _with_camera_zoom(document: dict, value: str) -> str:
    """The bundled file with one story's camera zoom written as ``value`` (raw JSON text)."""
    doc = json.loads(json.dumps(document))
    doc["stories"]["piriformis_syndrome"]["camera"]["zoom"] = 1.234
    return json.dumps(doc, indent=2).replace("1.234", value)


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999", "-1e400"])
def test_non_finite_numbers_are_refused_where_they_stand(annotations_copy, document, value) -> None:
    text = _with_camera_zoom(document, value)
    path = annotations_copy(text)
    with pytest.raises(ContentError) as err:
        load_annotations(path)
    (problem,) = err.value.problems
    line, column = _place_of(text, value)
    assert problem.place == f"{path}:{line}:{column}"
    assert "finite" in problem.message
    content, problems = load_annotations_for_app(path)
    assert problems[0] == problem and "bundled content" in str(problems[-1])
    assert content.story("piriformis_syndrome").camera.zoom is not None


def test_a_5000_digit_number_is_refused_with_its_place(annotations_copy, document) -> None:
    text = _with_camera_zoom(document, "1" * 5000)
    path = annotations_copy(text)
    with pytest.raises(ContentError) as err:
        load_annotations(path)
    (problem,) = err.value.problems
    assert problem.place == f"{path}:{':'.join(map(str, _place_of(text, '1' * 5000)))}"
    assert f"at most {MAX_NUMBER_CHARS}" in problem.message
    assert len(str(problem)) < 200, "one short line, not the number"


def test_deep_nesting_is_refused_with_its_place_not_a_recursion_error(annotations_copy) -> None:
    head = '{"title": '
    for depth in (MAX_DEPTH + 1, 5000, 100_000):
        text = head + "[" * depth + "]" * depth + "}"
        path = annotations_copy(text)
        with pytest.raises(ContentError) as err:
            load_annotations(path)
        (problem,) = err.value.problems
        # the first bracket too deep: the object is level 1, so bracket n is level n + 1
        assert problem.place == f"{path}:1:{len(head) + MAX_DEPTH}"
        assert f"deeper than {MAX_DEPTH}" in problem.message


def test_the_bundled_file_is_well_within_the_depth_limit(document) -> None:
    def depth(node) -> int:
        children = node.values() if isinstance(node, dict) else node
        inner = [depth(c) for c in children if isinstance(c, dict | list)]
        return 1 + max(inner, default=0)

    assert depth(document) <= MAX_DEPTH // 2


def test_a_duplicate_key_is_reported_at_its_own_line(annotations_copy, document) -> None:
    """Issue 13: a duplicate at line 251 was reported at line 3820 (the last line holding a key of
    that name anywhere in the file)."""
    text = json.dumps(document, indent=2)
    first = text.index('"name": ', text.index('"piriformis_left"'))
    end_of_line = text.index("\n", first)
    text = text[: end_of_line + 1] + '      "name": "Again",\n' + text[end_of_line + 1 :]
    path = annotations_copy(text)
    with pytest.raises(ContentError) as err:
        load_annotations(path)
    (problem,) = err.value.problems
    line = text.count("\n", 0, first) + 2
    assert problem.place == f"{path}:{line}:7"
    assert problem.message == "the key 'name' appears twice in one object"
    assert text.count('"name": ') > 50, "the key is common: its line must be found, not guessed"


def test_keys_written_differently_are_the_same_key() -> None:
    with pytest.raises(JsonProblem) as err:
        loads('{"a": 1,\n "\\u0061": 2}')
    assert (err.value.line, err.value.column) == (2, 2)


def test_strings_that_look_like_json_are_only_strings() -> None:
    assert loads('{"a": "NaN, {\\"a\\": 1e999}", "b": [1, 2.5, -0.5e3]}') == {
        "a": 'NaN, {"a": 1e999}',
        "b": [1, 2.5, -500.0],
    }


def test_syntax_errors_keep_their_line_and_column() -> None:
    with pytest.raises(JsonProblem) as err:
        loads('{\n  "a": 1,,\n}')
    assert (err.value.line, err.value.column) == (2, 10)
    assert err.value.message.startswith("JSON syntax error")


def test_a_file_too_large_or_not_a_file_is_refused_before_reading(tmp_path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    problems = run_check(big, None)[:1]
    assert "at most" in problems[0].message and str(big) == problems[0].place
    folder = tmp_path / "folder.json"
    folder.mkdir()
    content, problems = load_annotations_for_app(folder)
    assert problems[0].message == "not a file" and "l5_vertebra" in content.structures
