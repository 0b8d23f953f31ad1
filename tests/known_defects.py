"""Known defects in parametrised tests: each a strict xfail with its reason, so the test fails
once the defect is fixed and its entry must go."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pytest


def cases(ids: Iterable[str], known: Mapping[str, str]) -> list:
    """``ids`` as parameters, those in ``known`` (id -> why it fails today) as strict xfails."""
    return [
        pytest.param(i, marks=pytest.mark.xfail(strict=True, reason=known[i])) if i in known else i
        for i in ids
    ]
