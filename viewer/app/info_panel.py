"""The info panel: what the selected structure, story, path, article section or topic is, in the
student's or the patient's words (the scene state's voice).

It follows the scene state: the selected structure when there is one, else the focus (a story or
the S1 path told on its side, an article section or topic), else a welcome. In the patient's
words every heading, name, list and stage name is the plain one (``content.display_name``).
Every view ends with the teaching disclaimer; the patient-facing ones (the content says which)
carry the red-flag box (:mod:`.safety`) near the top, after their first paragraph.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from ..scene.article import topic_structures
from ..scene.events import Event
from ..scene.focus import path_focus, story_focus
from ..scene.pain_map import pain_map
from ..scene.state import Focus, SceneState, Voice
from ..vocabulary import GROUP_MEMBER, Side
from .safety import disclaimer_html, red_flags_html, shows_red_flags

_STYLE_AT = """
<style>
 body {{ font-size: {body:.1f}pt; }}
 h2 {{ margin: 0 0 4px 0; }}
 .meta {{ color: #4a5560; }}
 .note {{ background: #fff4d6; padding: 4px; }}
 .disclaimer {{ color: #5a6470; font-size: {small:.1f}pt; }}
 .item-note {{ color: #6b4e00; }}
</style>
"""
#: the body's and the disclaimer's size at the standard text size (points)
BODY_PT, SMALL_PT = 11.0, 9.0


def style_at(scale: float) -> str:
    """The panel's style sheet at ``scale`` times the standard text size."""
    return _STYLE_AT.format(body=BODY_PT * scale, small=SMALL_PT * scale)


_STYLE = style_at(1.0)
#: the words around the content, by voice
WORDS: dict[str, dict[Voice, str]] = {
    "highlighted": {"student": "Highlighted", "patient": "Shown in the picture"},
    "related": {"student": "Related", "patient": "See also"},
    "also_in": {"student": "Also in the topics", "patient": "Read more"},
    "structures": {"student": "Structures", "patient": "Parts of the body"},
    "more": {"student": "More on this", "patient": "More on this"},
    "felt": {"student": "Where the pain is felt", "patient": "Where you may feel it"},
    "other_names": {"student": "Other names", "patient": "Also called"},
}


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _link(content, sid: str, voice: Voice, text: str | None = None) -> str:
    """A link that selects the structure when clicked."""
    return f"<a href='structure:{sid}'>{_e(text or content.display_name(sid, voice))}</a>"


def _topic_link(content, tid: str, voice: Voice) -> str:
    """A link that opens the topic when clicked."""
    return f"<a href='topic:{tid}'>{_e(content.display_name(tid, voice))}</a>"


def _links(label: str, links: list[str]) -> str:
    return f"<p><b>{label}:</b> {', '.join(links)}</p>" if links else ""


def _section_titles(content, section_ids) -> list[str]:
    titles = []
    for sec_id in section_ids:
        try:
            titles.append(content.section(sec_id).title)
        except KeyError:
            continue
    return titles


def _with_safety(content, parts: list[str], safe: bool, voice: Voice) -> str:
    """``parts`` (style, heading, first paragraph, rest) with the red-flag box after the first
    paragraph when ``safe``, and the disclaimer at the end."""
    if safe:
        parts = [*parts[:3], red_flags_html(content, voice), *parts[3:]]
    return "".join([*parts, disclaimer_html(content)])


def structure_html(content, sid: str, voice: Voice = "student") -> str:
    s = content.structure(sid)
    parts = [_STYLE, f"<h2>{_e(content.display_name(sid, voice))}</h2>"]
    parts.append(f"<p>{_e(getattr(s, voice))}</p>")
    names = [s.name, *s.other_names] if voice == "patient" else list(s.other_names)
    if names:
        parts.append(
            f"<p class='meta'><b>{WORDS['other_names'][voice]}:</b> {_e(', '.join(names))}</p>"
        )
    side = f" &middot; {s.side}" if s.side else ""
    parts.append(f"<p class='meta'><b>Group:</b> {GROUP_MEMBER[s.group]}{side}</p>")
    if s.note is not None:
        parts.append(f"<p class='note'><b>Note:</b> {_e(s.note.text)}</p>")
    sections = _section_titles(content, s.sections)
    if sections:
        parts.append(f"<p class='meta'><b>In the article:</b> {_e('; '.join(sections))}</p>")
    links = [
        _link(content, rid, voice)
        if rid in content.structures
        else _topic_link(content, rid, voice)
        for rid in s.related
        if rid in content.structures or rid in content.topics
    ]
    parts.append(_links(WORDS["related"][voice], links))
    topics = [
        _topic_link(content, t.id, voice) for t in content.topics_for(sid) if t.id not in s.related
    ]
    parts.append(_links(WORDS["also_in"][voice], topics))
    return _with_safety(content, parts, shows_red_flags(content, "structure", sid), voice)


def _topic_body(content, tid: str, voice: Voice, heading: str) -> list[str]:
    """A topic's title, text, list items, notes, its sections, structures and story."""
    t = content.topic(tid)
    parts = [
        f"<{heading}>{_e(content.display_name(tid, voice))}</{heading}>",
        f"<p>{_e(getattr(t, voice))}</p>",
    ]
    if t.note is not None:
        parts.append(f"<p class='note'><b>Note:</b> {_e(t.note.text)}</p>")
    if t.items:
        parts.append("<ul>")
        for it in t.items:
            name = it.patient_name if voice == "patient" else it.name
            text = (it.patient or it.student) if voice == "patient" else it.student
            extra = (
                f"<br><span class='item-note'><b>Note:</b> {_e(it.note.text)}</span>"
                if it.note is not None
                else ""
            )
            parts.append(f"<li><b>{_e(name)}</b>: {_e(text)}{extra}</li>")
        parts.append("</ul>")
    sections = _section_titles(content, t.sections)
    if sections:
        parts.append(f"<p class='meta'><b>In the article:</b> {_e('; '.join(sections))}</p>")
    parts.append(
        _links(
            WORDS["structures"][voice],
            [
                _link(content, i, voice)
                for i in topic_structures(content, tid)
                if i in content.structures
            ],
        )
    )
    subtopics = [_topic_link(content, c.id, voice) for c in content.children(tid)]
    parts.append(_links(WORDS["more"][voice], subtopics))
    story = content.story_for_topic(tid)
    if story is not None:
        title = story.patient_title if voice == "patient" else story.title
        parts.append(f"<p><a href='story:{story.id}'><b>Show this in 3D</b></a> ({_e(title)})</p>")
    return parts


def topic_html(content, tid: str, voice: Voice = "student") -> str:
    parts = [_STYLE, *_topic_body(content, tid, voice, "h2")]
    return _with_safety(content, parts, shows_red_flags(content, "topic", tid), voice)


def section_html(content, section_id: str, voice: Voice = "student") -> str:
    """An article section with the full text of each topic drawn from it."""
    parts = [
        _STYLE,
        f"<h2>{_e(content.section(section_id).title)}</h2>",
        "<p class='meta'>A section of the article</p>",
    ]
    for tid in next(s.topics for s in content.tour() if s.section.id == section_id):
        parts += _topic_body(content, tid, voice, "h3")
    return _with_safety(content, parts, shows_red_flags(content, "section", section_id), voice)


def _felt(content, focus: Focus, voice: Voice) -> list[str]:
    """Where the pain of the story or path is felt: each pattern with its regions."""
    pain = pain_map(content, focus)
    if pain.empty:
        return []
    parts = [f"<p><b>{WORDS['felt'][voice]} ({_e(pain.side or 'both')} side):</b></p><ul>"]
    for mapped in pain.patterns:
        pattern = content.pain_patterns[mapped.id]
        parts.append(f"<li><b>{_e(mapped.title(voice))}</b>: {_e(getattr(pattern, voice))}<ul>")
        seen: set[str] = set()
        for r in pattern.body_regions:
            if r.name in seen:
                continue
            seen.add(r.name)
            often = "" if r.frequency == "usual" else " (sometimes)"
            parts.append(f"<li>{_e(r.name)}{often}: {_e(getattr(r, voice))}</li>")
        parts.append("</ul></li>")
    parts.append("</ul>")
    return parts


def story_html(content, story_id: str, voice: Voice = "student", side: Side | None = None) -> str:
    st = content.story_on_side(story_id, side) if side else content.story(story_id)
    title = st.patient_title if voice == "patient" else st.title
    told = f"Shown on your {st.side} side" if voice == "patient" else f"Told on the {st.side} side"
    parts = [
        _STYLE,
        f"<h2>{_e(title)}</h2><p class='meta'>{_e(told)}</p>",
        f"<p>{_e(getattr(st.caption, voice))}</p>",
    ]
    topic = content.topics.get(st.topic)
    if topic is not None:
        parts.append(f"<p>{_e(getattr(topic, voice))}</p>")
    lit = [_link(content, i, voice) for i in st.highlight if i in content.structures]
    parts.append(_links(WORDS["highlighted"][voice], lit))
    parts += _felt(content, story_focus(content, story_id, content.structures, st.side), voice)
    return _with_safety(content, parts, shows_red_flags(content, "story", story_id), voice)


def path_html(content, path_id: str, voice: Voice = "student") -> str:
    p = content.path(path_id)
    heading = (
        f"The path of the S1 nerve ({p.side} side)"
        if voice == "patient"
        else f"The S1 nerve path ({p.side} side)"
    )
    parts = [_STYLE, f"<h2>{_e(heading)}</h2>"]
    stages = ["<ol>"]
    for stage in p.stages:
        name = stage.patient_name if voice == "patient" else stage.name
        stages.append(
            f"<li>{_link(content, stage.structure, voice, name)}: {_e(getattr(stage, voice))}</li>"
        )
    stages.append("</ol>")
    parts.append("".join(stages))
    parts += _felt(content, path_focus(content, path_id, content.structures), voice)
    return _with_safety(content, parts, shows_red_flags(content, "path", path_id), voice)


def welcome_html(content) -> str:
    return (
        f"{_STYLE}<h2>{_e(content.title)}</h2>"
        "<p>Click a structure in the 3D view, the tree or the search field to read about it. "
        "Drag to turn the model; scroll to zoom.</p>"
        "<p><b>Stories</b> (the Stories tab, Ctrl+1 to Ctrl+9) show a condition: what is "
        "involved and where its pain is felt. The <b>S1 nerve path</b> (P, or Shift+P for the "
        "right side) follows the S1 root from the spine down the leg. The <b>article</b> "
        "(the Article tab, Ctrl+T; Alt+Right steps on) lights what each section speaks of. "
        "F5 presents full screen; Ctrl+= and Ctrl+- change the text size.</p>"
        f"{disclaimer_html(content)}"
    )


class InfoPanel(QTextBrowser):
    """Shows what the scene state points at (see the module); a link to a structure emits
    ``structure_clicked``, to a topic ``topic_clicked``, to a story ``story_clicked``; a change of
    the state's voice emits ``voice_changed``. ``subject`` is (kind, key, side) or None."""

    structure_clicked = Signal(str)
    topic_clicked = Signal(str)
    story_clicked = Signal(str)
    voice_changed = Signal(str)

    def __init__(self, content, state: SceneState, parent=None):
        super().__init__(parent)
        self.setObjectName("info_panel")
        self.content = content
        self.scene_state = state
        self.subject: tuple[str, str, Side | None] | None = None
        #: the text size (1: standard), set by the window's text-size setting
        self.text_scale = 1.0
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

    @property
    def shows_red_flags(self) -> bool:
        """Whether the view shown now carries the red-flag box."""
        if self.subject is None:
            return False
        kind, key, _side = self.subject
        return shows_red_flags(self.content, kind, key)

    def _follow_voice(self, event: Event) -> None:
        self.refresh()
        self.voice_changed.emit(event.value)

    def _follow_state(self, _event: Event | None = None) -> None:
        state = self.scene_state
        if state.selected is not None:
            self.show_subject("structure", state.selected)
        elif state.focus is not None:
            self.show_subject(state.focus.kind, state.focus.key, state.focus.side)
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

    def show_subject(self, kind: str | None, key: str = "", side: Side | None = None) -> None:
        """Show one structure, story (told on ``side``), path, section or topic (None: the
        welcome)."""
        subject = (kind, key, side) if kind is not None else None
        if subject != self.subject or not self.toPlainText():
            self.subject = subject
            self.refresh()

    def set_text_scale(self, scale: float) -> None:
        """Draw the text at ``scale`` times the standard size."""
        if scale != self.text_scale:
            self.text_scale = scale
            self.refresh()

    def setHtml(self, text: str) -> None:  # noqa: N802 - Qt API, same meaning
        """Show ``text``, its style at the panel's text size."""
        super().setHtml(text.replace(_STYLE, style_at(self.text_scale)))

    def refresh(self) -> None:
        if self.subject is None:
            self.setHtml(welcome_html(self.content))
            return
        kind, key, side = self.subject
        voice = self.voice
        if kind == "story":
            self.setHtml(story_html(self.content, key, voice, side))
            return
        make = {
            "structure": structure_html,
            "path": path_html,
            "topic": topic_html,
            "section": section_html,
        }[kind]
        self.setHtml(make(self.content, key, voice))
