"""The info panel: what the selected structure, story, path, article section or topic is, in the
student's or the patient's words.

It follows the scene state: the selected structure when there is one, else the focus (a story,
the S1 path, an article section or topic), else a welcome.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from ..scene.article import topic_structures
from ..scene.events import Event
from ..scene.state import SceneState, Voice
from ..vocabulary import GROUP_MEMBER

_STYLE = """
<style>
 body { font-size: 11pt; }
 h2 { margin: 0 0 4px 0; }
 .meta { color: #4a5560; }
 .note { background: #fff4d6; padding: 4px; }
 .disclaimer { color: #5a6470; font-size: 9pt; }
 .item-note { color: #6b4e00; }
</style>
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _link(content, sid: str, text: str | None = None) -> str:
    """A link that selects the structure when clicked."""
    return f"<a href='structure:{sid}'>{_e(text or content.structures[sid].name)}</a>"


def _topic_link(content, tid: str) -> str:
    """A link that opens the topic when clicked."""
    return f"<a href='topic:{tid}'>{_e(content.topics[tid].title)}</a>"


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
    parts.append(f"<p class='meta'><b>Group:</b> {GROUP_MEMBER[s.group]}{side}</p>")
    parts.append(f"<p>{_e(getattr(s, voice))}</p>")
    if s.note is not None:
        parts.append(f"<p class='note'><b>Note:</b> {_e(s.note.text)}</p>")
    sections = _section_titles(content, s.sections)
    if sections:
        parts.append(f"<p class='meta'><b>In the article:</b> {_e('; '.join(sections))}</p>")
    links = [
        _link(content, rid) if rid in content.structures else _topic_link(content, rid)
        for rid in s.related
        if rid in content.structures or rid in content.topics
    ]
    parts.append(_links("Related", links))
    topics = [_topic_link(content, t.id) for t in content.topics_for(sid) if t.id not in s.related]
    parts += [_links("Also in the topics", topics), _disclaimer(content)]
    return "".join(parts)


def _section_titles(content, section_ids) -> list[str]:
    titles = []
    for sec_id in section_ids:
        try:
            titles.append(content.section(sec_id).title)
        except KeyError:
            continue
    return titles


def _topic_body(content, tid: str, voice: str, heading: str) -> list[str]:
    """A topic's title, text, list items, notes, its sections, structures and story."""
    t = content.topic(tid)
    parts = [f"<{heading}>{_e(t.title)}</{heading}>", f"<p>{_e(getattr(t, voice))}</p>"]
    if t.note is not None:
        parts.append(f"<p class='note'><b>Note:</b> {_e(t.note.text)}</p>")
    if t.items:
        parts.append("<ul>")
        for it in t.items:
            text = (it.patient or it.student) if voice == "patient" else it.student
            extra = (
                f"<br><span class='item-note'><b>Note:</b> {_e(it.note.text)}</span>"
                if it.note is not None
                else ""
            )
            parts.append(f"<li><b>{_e(it.name)}</b>: {_e(text)}{extra}</li>")
        parts.append("</ul>")
    sections = _section_titles(content, t.sections)
    if sections:
        parts.append(f"<p class='meta'><b>In the article:</b> {_e('; '.join(sections))}</p>")
    parts.append(
        _links(
            "Structures",
            [_link(content, i) for i in topic_structures(content, tid) if i in content.structures],
        )
    )
    subtopics = [_topic_link(content, c.id) for c in content.children(tid)]
    parts.append(_links("More on this", subtopics))
    story = content.story_for_topic(tid)
    if story is not None:
        parts.append(
            f"<p><a href='story:{story.id}'><b>Show this in 3D</b></a> ({_e(story.title)})</p>"
        )
    return parts


def topic_html(content, tid: str, voice: str = "student") -> str:
    return "".join([_STYLE, *_topic_body(content, tid, voice, "h2"), _disclaimer(content)])


def section_html(content, section_id: str, voice: str = "student") -> str:
    """An article section with the full text of each topic drawn from it."""
    parts = [
        _STYLE,
        f"<h2>{_e(content.section(section_id).title)}</h2>",
        "<p class='meta'>A section of the article</p>",
    ]
    for tid in next(s.topics for s in content.tour() if s.section.id == section_id):
        parts += _topic_body(content, tid, voice, "h3")
    parts.append(_disclaimer(content))
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
        parts.append(
            f"<li>{_link(content, stage.structure, stage.name)}: {_e(getattr(stage, voice))}</li>"
        )
    parts.append("</ol><p><b>Where it is felt:</b></p><ul>")
    for region in p.body_regions:
        parts.append(f"<li><b>{_e(region.name)}</b>: {_e(getattr(region, voice))}</li>")
    parts.append(f"</ul>{_disclaimer(content)}")
    return "".join(parts)


def welcome_html(content) -> str:
    return (
        f"{_STYLE}<h2>{_e(content.title)}</h2>"
        "<p>Click a structure in the 3D view, the tree or the search field to read about it. "
        "Drag to turn the model; scroll to zoom.</p>"
        f"{_disclaimer(content)}"
    )


class InfoPanel(QTextBrowser):
    """Shows what the scene state points at (see the module); a link to a structure emits
    ``structure_clicked``, to a topic ``topic_clicked``, to a story ``story_clicked``; a change of
    voice emits ``voice_changed``."""

    structure_clicked = Signal(str)
    topic_clicked = Signal(str)
    story_clicked = Signal(str)
    voice_changed = Signal(str)

    def __init__(self, content, state: SceneState, parent=None):
        super().__init__(parent)
        self.setObjectName("info_panel")
        self.content = content
        self.scene_state = state
        self.subject: tuple[str, str] | None = None
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_link)
        state.events.selection.connect(self._follow_state)
        state.events.focus.connect(self._follow_state)
        state.events.voice.connect(self._follow_voice)
        self._follow_state()

    @property
    def voice(self) -> Voice:
        """The scene state's voice, which the panel speaks in."""
        return self.scene_state.voice

    def _follow_voice(self, event: Event) -> None:
        self.refresh()
        self.voice_changed.emit(event.value)

    def _follow_state(self, _event: Event | None = None) -> None:
        state = self.scene_state
        if state.selected is not None:
            self.show_subject("structure", state.selected)
        elif state.focus is not None:
            self.show_subject(state.focus.kind, state.focus.key)
        else:
            self.show_subject(None)

    def _on_link(self, url: QUrl) -> None:
        kind, _, key = url.toString().partition(":")
        signal = {
            "structure": self.structure_clicked,
            "topic": self.topic_clicked,
            "story": self.story_clicked,
        }.get(kind)
        if signal is not None:
            signal.emit(key)

    def set_voice(self, voice: Voice) -> None:
        """Tell in the student's or the patient's words (sets the scene state's voice)."""
        self.scene_state.set_voice(voice)

    def use_patient_words(self, on: bool) -> None:
        self.set_voice("patient" if on else "student")

    def show_subject(self, kind: str | None, key: str = "") -> None:
        """Show one structure, story, path, section or topic (None: the welcome)."""
        subject = (kind, key) if kind is not None else None
        if subject != self.subject or not self.toPlainText():
            self.subject = subject
            self.refresh()

    def refresh(self) -> None:
        if self.subject is None:
            self.setHtml(welcome_html(self.content))
            return
        kind, key = self.subject
        make = {
            "structure": structure_html,
            "story": story_html,
            "path": path_html,
            "topic": topic_html,
            "section": section_html,
        }[kind]
        self.setHtml(make(self.content, key, self.voice))
