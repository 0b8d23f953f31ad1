"""Content text in tooltips is shown literally: markup in a name is never interpreted."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from viewer.app.plain_text import tooltip

PAYLOADS = [
    '<img src="file:///etc/hostname">',
    "<img width=20000 height=20000 src=x>",
    "<b>bold</b> & <style>*{font-size:90pt}</style>",
    "Piriformis (left) (Ctrl+4)",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_a_tooltip_shows_exactly_the_characters_written(qapp, text):
    doc = QTextDocument()
    doc.setHtml(tooltip(text))
    assert doc.toPlainText() == text
    assert "<img" not in tooltip(text) and "<style" not in tooltip(text)


def test_the_window_tooltips_are_plain(window, content):
    story = next(iter(content.stories.values()))
    act = window.actions_by_name[f"story_{story.id}"]
    doc = QTextDocument()
    doc.setHtml(act.toolTip())
    assert doc.toPlainText().startswith(story.title)
    for item in window.structure_tree.leaves.values():
        assert item.toolTip().startswith("<p ") and "<img" not in item.toolTip()
