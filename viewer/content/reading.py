"""Reading ``annotations.json``: JSON with line and column on errors, then the schema.

Both steps return what they could read and the :class:`~viewer.content.problems.Problem` list
that stopped them, never raising.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import strict_json
from .limits import MAX_FILE_BYTES
from .problems import Problem
from .schema import AnnotationsFile


def read_json(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The parsed file, or None and the problem that stops it parsing (with line and column).

    The file must be UTF-8 JSON of at most :data:`~viewer.content.limits.MAX_FILE_BYTES` holding
    one object; :func:`viewer.content.strict_json.loads` refuses NaN, Infinity, numbers too long,
    nesting too deep and duplicate keys, each at its line and column.
    """
    try:
        size = path.stat().st_size
        if not path.is_file():
            return None, [Problem(str(path), "not a file")]
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(str(path), f"the file has {size:,} bytes (at most {MAX_FILE_BYTES:,})")
            ]
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        return None, [Problem(str(path), f"cannot read the file ({exc.strerror or exc})")]
    except UnicodeDecodeError as exc:
        return None, [Problem(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    try:
        data = strict_json.loads(text)
    except strict_json.JsonProblem as exc:
        place = f"{path}:{exc.line}:{exc.column}" if exc.line else str(path)
        return None, [Problem(place, exc.message)]
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
        (
            tuple(p for p in err["loc"] if not _is_internal_step(p)),
            err["msg"].removeprefix("Value error, "),
        )
        for err in exc.errors(include_url=False)
    ]


def validate_schema(data: dict[str, Any]) -> tuple[AnnotationsFile | None, list[Problem]]:
    """The validated document, or None and one problem per schema error (at its JSON path)."""
    try:
        return AnnotationsFile.model_validate(data), []
    except ValidationError as exc:
        return None, [Problem(json_path(loc), msg) for loc, msg in schema_error_locations(exc)]
