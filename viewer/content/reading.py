"""Reading ``annotations.json``: JSON with line and column on errors, then the schema.

Both steps return what they could read and the :class:`~viewer.content.problems.Problem` list
that stopped them, never raising.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .problems import Problem
from .schema import AnnotationsFile


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _line_of_key(text: str, key: str) -> int | None:
    """The line of the second ``"key":`` of the file (the duplicate), when there is one."""
    needle = json.dumps(key) + ":"
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line.replace('" :', '":')]
    return hits[-1] if len(hits) > 1 else None


def read_json(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The parsed file, or None and the problems that stop it parsing (with line and column)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        return None, [Problem(str(path), f"cannot read the file ({exc.strerror or exc})")]
    except UnicodeDecodeError as exc:
        return None, [Problem(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        return None, [Problem(f"{path}:{exc.lineno}:{exc.colno}", f"JSON syntax error: {exc.msg}")]
    except _DuplicateKey as exc:
        line = _line_of_key(text, exc.key)
        return None, [
            Problem(
                f"{path}:{line}" if line else str(path),
                f"the key {exc.key!r} appears twice in one object",
            )
        ]
    if not isinstance(data, dict):
        return None, [Problem(f"{path}:1:1", "the file must hold one JSON object")]
    return data, []


def json_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a JSON path: ``$.structures.l5_vertebra.colour``."""
    out = "$"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _is_internal_step(part: int | str) -> bool:
    """pydantic's own union and tag step names, which are no part of the file's path."""
    return isinstance(part, str) and (
        part.startswith(("function-", "literal[", "list[", "tuple[")) or part == "str"
    )


def schema_error_locations(exc: ValidationError) -> list[tuple[tuple[int | str, ...], str]]:
    """Each error of ``exc`` as (its location in the file, its message)."""
    return [
        (tuple(p for p in err["loc"] if not _is_internal_step(p)), err["msg"])
        for err in exc.errors(include_url=False)
    ]


def validate_schema(data: dict[str, Any]) -> tuple[AnnotationsFile | None, list[Problem]]:
    """The validated document, or None and one problem per schema error (at its JSON path)."""
    try:
        return AnnotationsFile.model_validate(data), []
    except ValidationError as exc:
        return None, [Problem(json_path(loc), msg) for loc, msg in schema_error_locations(exc)]
