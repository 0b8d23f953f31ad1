"""Shared fixtures for the content tests: the bundled annotations and the source article."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `pytest` run without `python -m` does not put the checkout first
    sys.path.insert(0, str(ROOT))

from viewer import locations  # noqa: E402
from viewer.content import load_annotations  # noqa: E402

ARTICLE = ROOT.parent / "shared" / "article" / "can-s1-cause-hip-pain.txt"


@pytest.fixture(scope="session", name="annotations")
def bundled_annotations():
    """The bundled content, loaded strictly (any problem fails the session)."""
    return load_annotations()


@pytest.fixture(scope="session")
def document() -> dict:
    """annotations.json as plain JSON."""
    return json.loads(locations.annotations_path().read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def article() -> str:
    if not ARTICLE.is_file():
        pytest.skip(
            f"the source article is not here ({ARTICLE}); the coverage and own-words "
            "tests need the shared folder next to the checkout"
        )
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture()
def annotations_copy(tmp_path, document):
    """A writable copy of annotations.json and a function to rewrite it as JSON."""
    target = tmp_path / "annotations.json"

    def write(doc: dict | str) -> Path:
        target.write_text(
            doc if isinstance(doc, str) else json.dumps(doc, indent=2), encoding="utf-8"
        )
        return target

    return write
