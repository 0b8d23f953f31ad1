"""The info panel: what the selected structure or story is, in the student's or the patient's words."""
from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

GROUP_NAMES = {"bones": "Bone", "disc": "Disc", "joints": "Joint", "ligaments": "Ligament",
               "muscles": "Muscle", "nerves": "Nerve", "skin": "Skin", "conditions": "Condition"}
VOICES = ("student", "patient")
_STYLE = """
<style>
 body { font-size: 11pt; }
 h2 { margin: 0 0 4px 0; }
 .meta { color: #4a5560; }
 .note { background: #fff4d6; padding: 4px; }
 .disclaimer { color: #5a6470; font-size: 9pt; }
</style>
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _link(content, sid: str, text: str | None = None) -> str:
    """A link that selects the structure when clicked."""
    return f"<a href='structure:{sid}'>{_e(text or content.structures[sid].name)}</a>"


def _links(label: str, links: list[str]) -> str:
    return f"<p><b>{label}:</b> {', '.join(links)}</p>" if links else ""


def _disclaimer(content) -> str:
    return f"<hr><p class='disclaimer'>{_e(content.disclaimer)}</p>"


def structure_html(content, sid: str, voice: str = "student") -> str:
    s = content.structure(sid)
    parts = [_STYLE, f"<h2>{_e(s.name)}</h2>"]
    if s.other_names:
        parts.append(f"<p class='meta'><b>Other names:</b> {_e(', '.join(s.other_names))}</p>")
    side = f" &middot; {s.side}" if s.side else ""
    parts.append(f"<p class='meta'><b>Group:</b> {GROUP_NAMES.get(s.group, s.group)}{side}</p>")
    parts.append(f"<p>{_e(getattr(s, voice))}</p>")
    if s.note is not None:
        parts.append(f"<p class='note'><b>Note:</b> {_e(s.note.text)}</p>")
    sections = []
    for sec_id in s.sections:
        try:
            sections.append(content.section(sec_id).title)
        except KeyError:
            continue
    if sections:
        parts.append(f"<p class='meta'><b>In the article:</b> {_e('; '.join(sections))}</p>")
    links = [_link(content, rid) if rid in content.structures else _e(content.topics[rid].title)
             for rid in s.related if rid in content.structures or rid in content.topics]
    parts += [_links("Related", links), _disclaimer(content)]
    return "".join(parts)


def story_html(content, story_id: str, voice: str = "student") -> str:
    st = content.story(story_id)
    parts = [_STYLE, f"<h2>{_e(st.title)}</h2>", f"<p>{_e(getattr(st.caption, voice))}</p>"]
    topic = content.topics.get(st.topic)
    if topic is not None:
        parts.append(f"<p>{_e(getattr(topic, voice))}</p>")
    lit = [_link(content, i) for i in st.highlight if i in content.structures]
    parts += [_links("Highlighted", lit), _disclaimer(content)]
    return "".join(parts)


def path_html(content, path_id: str, voice: str = "student") -> str:
    p = content.path(path_id)
    parts = [_STYLE, f"<h2>The S1 nerve path ({p.side})</h2><ol>"]
    for stage in p.stages:
        parts.append(f"<li>{_link(content, stage.structure, stage.name)}: "
                     f"{_e(getattr(stage, voice))}</li>")
    parts.append("</ol><p><b>Where it is felt:</b></p><ul>")
    for region in p.body_regions:
        parts.append(f"<li><b>{_e(region.name)}</b>: {_e(getattr(region, voice))}</li>")
    parts.append(f"</ul>{_disclaimer(content)}")
    return "".join(parts)


def welcome_html(content) -> str:
    return (f"{_STYLE}<h2>{_e(content.title)}</h2>"
            "<p>Click a structure in the 3D view, the tree or the search field to read about it. "
            "Drag to turn the model; scroll to zoom.</p>"
            f"{_disclaimer(content)}")


class InfoPanel(QTextBrowser):
    """Shows one structure, story or path; a link to a structure emits ``structure_clicked``."""

    structure_clicked = Signal(str)

    def __init__(self, content, parent=None):
        super().__init__(parent)
        self.setObjectName("info_panel")
        self.content = content
        self.voice = "student"
        self.subject: tuple[str, str] | None = None
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_link)
        self.show_nothing()

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("structure:"):
            self.structure_clicked.emit(text.split(":", 1)[1])

    def set_voice(self, voice: str) -> None:
        self.voice = voice
        self.refresh()

    def show_nothing(self) -> None:
        self.subject = None
        self.setHtml(welcome_html(self.content))

    def show_subject(self, kind: str, key: str) -> None:
        self.subject = (kind, key)
        self.refresh()

    def refresh(self) -> None:
        if self.subject is None:
            self.setHtml(welcome_html(self.content))
            return
        kind, key = self.subject
        make = {"structure": structure_html, "story": story_html, "path": path_html}[kind]
        self.setHtml(make(self.content, key, self.voice))
