"""Reading JSON strictly: what ``json.loads`` lets through and a content file must not hold.

:func:`loads` parses like :func:`json.loads` but refuses, each with its place (line and column):

- ``NaN``, ``Infinity`` and ``-Infinity`` (Python accepts them; JSON has no such values), and a
  number whose value is not finite (``1e999``);
- a number longer than :data:`~viewer.content.limits.MAX_NUMBER_CHARS` characters (a
  5,000-digit integer would otherwise stop Python's integer conversion);
- nesting deeper than :data:`~viewer.content.limits.MAX_DEPTH` (deeper still would end in a
  ``RecursionError``);
- the same key twice in one object (the first value would be lost without a word).

The fast path is the C parser; only when it stops on one of these does :func:`_locate` walk the
text token by token to find the place (so a good file costs one parse and one cheap depth walk).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .limits import MAX_DEPTH, MAX_NUMBER_CHARS


class JsonProblem(ValueError):
    """The text is not acceptable JSON: ``message`` at ``line``:``column`` (1-based; 0 when the
    place is not known)."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class _Refused(ValueError):
    """Raised inside the C parser's hooks; :func:`loads` then finds the place."""


def _constant(name: str) -> Any:
    raise _Refused(name)


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused(text)
    return int(text)


def _float(text: str) -> float:
    value = float(text) if len(text) <= MAX_NUMBER_CHARS else math.inf
    if not math.isfinite(value):
        raise _Refused(text)
    return value


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Refused("duplicate key")
    return out


def _depth(data: Any) -> int:
    """The nesting depth of parsed JSON (1 for a flat object), walking containers only."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        node, depth = todo.pop()
        if depth > deepest:
            deepest = depth
        if depth > MAX_DEPTH:
            break
        children = node.values() if isinstance(node, dict) else node
        todo.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return deepest


def loads(text: str) -> Any:
    """The JSON value of ``text``; raises :class:`JsonProblem` (with the place where it is
    known) for a syntax error or for anything the module docstring lists."""
    try:
        data = json.loads(
            text,
            parse_constant=_constant,
            parse_int=_int,
            parse_float=_float,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        raise JsonProblem(f"JSON syntax error: {exc.msg}", exc.lineno, exc.colno) from None
    except (_Refused, RecursionError, ValueError):
        raise _locate(text) from None
    if isinstance(data, dict | list) and _depth(data) > MAX_DEPTH:
        raise _locate(text)
    return data


# ------------------------------------------------------------------------ finding the place
_TOKEN = re.compile(
    r"""
    (?P<string>"(?:[^"\\]|\\.)*")
    | (?P<number>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)
    | (?P<constant>-?Infinity|NaN)
    | (?P<open>[\[{])
    | (?P<close>[\]}])
    | (?P<comma>,)
    | (?P<other>[^\s"\[\]{}:,]+|:)
    """,
    re.VERBOSE | re.DOTALL,
)


def _place(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _number_problem(token: str) -> str | None:
    if len(token) > MAX_NUMBER_CHARS:
        return f"a number of {len(token)} characters (at most {MAX_NUMBER_CHARS})"
    if not math.isfinite(float(token)):
        return f"the number {token} is too large (not finite)"
    return None


def _locate(text: str) -> JsonProblem:
    """The first thing :func:`loads` refuses, with its line and column (the text before it is
    valid JSON, so a tokenizer that knows strings, numbers and brackets is enough)."""
    # each open container: the keys seen so far (an object) or None (an array)
    stack: list[set[str] | None] = []
    expect_key = False
    for match in _TOKEN.finditer(text):
        kind, token, offset = match.lastgroup, match.group(), match.start()
        problem = None
        if kind == "constant":
            problem = f"{token} is not a JSON value (numbers must be finite)"
        elif kind == "number":
            problem = _number_problem(token)
        elif kind == "open":
            stack.append(set() if token == "{" else None)
            if len(stack) > MAX_DEPTH:
                problem = f"nested deeper than {MAX_DEPTH} levels"
        elif kind == "close" and stack:
            stack.pop()
        elif kind == "string" and expect_key and stack and stack[-1] is not None:
            key = json.loads(token)
            if key in stack[-1]:
                problem = f"the key {key!r} appears twice in one object"
            stack[-1].add(key)
        if problem is not None:
            return JsonProblem(problem, *_place(text, offset))
        expect_key = token == "{" or (kind == "comma" and bool(stack) and stack[-1] is not None)
    return JsonProblem("not acceptable JSON (a value the viewer cannot read)")
