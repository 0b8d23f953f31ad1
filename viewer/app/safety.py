"""The red-flag box and the teaching disclaimer: what every patient-facing view shows.

The box is a bordered, tinted panel headed by the content's red-flag title (in the voice), with
the emergency signs (go to emergency care now) and the other serious signs (see a doctor soon),
each group with what to do. Which views are patient-facing is the content's call
(``content.shows_red_flags``); a section of the article is when one of its topics is.
"""

from __future__ import annotations

import html

from ..scene.state import Voice

#: the box's look (Qt's rich text draws table borders, not div borders)
BOX_BORDER = "#b3261e"
BOX_BACKGROUND = "#fdecea"
#: the anchor that marks the box in the HTML
ANCHOR = "red-flags"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def red_flags_html(content, voice: Voice) -> str:
    """The red-flag box: a bordered panel with both groups of signs, in ``voice``."""
    flags = content.red_flags
    parts = [
        f"<a name='{ANCHOR}'></a>",
        f"<table width='100%' border='2' cellspacing='0' cellpadding='8' "
        f"style='border-color: {BOX_BORDER}; border-style: solid; "
        f"background-color: {BOX_BACKGROUND};'><tr><td>",
        f"<h3 style='color: {BOX_BORDER}; margin: 0;'>&#9888; {_e(getattr(flags.title, voice))}</h3>",
    ]
    for group in (flags.emergency, flags.serious):
        parts.append(f"<p style='margin: 6px 0 2px 0;'><b>{_e(getattr(group.title, voice))}</b>")
        parts.append(f"<br>{_e(getattr(group.action, voice))}</p><ul style='margin-top: 0;'>")
        parts += [f"<li>{_e(getattr(sign, voice))}</li>" for sign in group.signs]
        parts.append("</ul>")
    parts.append("</td></tr></table>")
    return "".join(parts)


def red_flags_text(content, voice: Voice) -> list[str]:
    """The box's lines as plain text (title, each group's title, action and signs)."""
    flags = content.red_flags
    lines = [getattr(flags.title, voice)]
    for group in (flags.emergency, flags.serious):
        lines += [getattr(group.title, voice), getattr(group.action, voice)]
        lines += [getattr(sign, voice) for sign in group.signs]
    return lines


def disclaimer_html(content) -> str:
    return f"<hr><p class='disclaimer'>{_e(content.disclaimer)}</p>"


def shows_red_flags(content, kind: str | None, key: str) -> bool:
    """Whether the info panel's view of (kind, key) carries the red-flag box."""
    if kind in ("story", "path", "topic", "structure"):
        return bool(content.shows_red_flags(kind, key))
    if kind == "section":
        topics: list[str] = next((s.topics for s in content.tour() if s.section.id == key), [])
        return any(content.shows_red_flags("topic", t) for t in topics)
    return False
