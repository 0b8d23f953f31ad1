"""Content strings shown as plain text where Qt would guess rich text.

Qt renders a tooltip as HTML whenever it *looks* like HTML, so a structure name or story title
holding ``<img src="file:///…">`` showed a local image (and ``width=20000`` grew the window). Every
tooltip built from content goes through :func:`tooltip`: the text is escaped and wrapped so that Qt
shows exactly the characters written.
"""

from __future__ import annotations

import html


def tooltip(text: str) -> str:
    """``text`` as a tooltip that Qt shows literally, line breaks kept."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
