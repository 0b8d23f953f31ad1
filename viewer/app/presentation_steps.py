"""Presentation mode's built-in stepping (:class:`TeachingSteps`): what PageDown / PageUp, the
arrows and Home / End step through when no guided tour drives them, and the caption of each step.

- A condition story in focus: the stories, in the Stories list's order, told on the chosen side.
- An S1 nerve path in focus: its stages, from the overview (0) to the last; each stage selects
  its structure on the path.
- Otherwise (an article section or topic, or nothing): the article's sections in reading order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..scene.article import outline
from ..scene.events import Event
from ..scene.focus import Focus
from ..scene.state import Voice

if TYPE_CHECKING:
    from .main_window import MainWindow

#: the caption's text lists at most this many of a section's topics
TOPICS_SHOWN = 6

CaptionSink = Callable[[str, str, str], None]


class TeachingSteps:
    """Steps ``window``'s stories, path stages or article sections; every change of focus,
    voice or stage writes the caption to ``caption`` (title, text, counter)."""

    def __init__(self, window: MainWindow, caption: CaptionSink):
        self.window = window
        self.content = window.content
        self.state = window.state
        self.caption = caption
        #: the path stage shown (0: the whole path, before its first stage)
        self.stage = 0
        self.state.events.focus.connect(self._on_focus)
        self.state.events.voice.connect(lambda _e: self.write_caption())

    def _on_focus(self, _event: Event) -> None:
        self.stage = 0
        self.write_caption()

    # -- stepping ------------------------------------------------------------------------------
    def _kind(self) -> str:
        focus = self.state.focus
        return focus.kind if focus is not None and focus.kind in ("story", "path") else "section"

    def _go(self, where: Callable[[int, int], int]) -> None:
        """Go to step ``where(current, count)`` of what is in focus (clamped to its range)."""
        kind = self._kind()
        if kind == "story":
            stories = list(self.content.stories)
            focus = self.state.focus
            now = stories.index(focus.key) if focus is not None else 0
            target = stories[max(0, min(len(stories) - 1, where(now, len(stories))))]
            if focus is None or target != focus.key:
                self.window.show_story(target)
        elif kind == "path":
            focus = self.state.focus
            assert focus is not None
            stages = self.content.path(focus.key).stages
            self.stage = max(0, min(len(stages), where(self.stage, len(stages) + 1)))
            self.state.select(stages[self.stage - 1].structure if self.stage else None)
            self.write_caption()
        else:
            ids = self.window.article_panel.section_ids()
            current = self.window.article_panel.current_section
            now = ids.index(current) if current in ids else -1
            step = max(0, min(len(ids) - 1, where(now, len(ids))))
            if now < 0 or step != now:
                self.window.article_panel.choose("section", ids[step])
            self.write_caption()

    def next(self) -> None:
        self._go(lambda now, _n: now + 1)

    def previous(self) -> None:
        self._go(lambda now, _n: now - 1)

    def first(self) -> None:
        self._go(lambda _now, _n: 0)

    def last(self) -> None:
        self._go(lambda _now, n: n - 1)

    # -- the caption ---------------------------------------------------------------------------
    def write_caption(self) -> None:
        self.caption(*self.caption_parts())

    def caption_parts(self) -> tuple[str, str, str]:
        """(title, text, counter) of what is shown now."""
        state = self.state
        return caption_for(
            self.content,
            state.focus,
            state.voice,
            self.stage,
            self.window.article_panel.current_section,
            state.selected,
            hint="PageDown: the article, section by section",
        )


def caption_for(
    content,
    focus: Focus | None,
    voice: Voice,
    stage: int = 0,
    current_section: str | None = None,
    selected: str | None = None,
    hint: str = "",
) -> tuple[str, str, str]:
    """The caption (title, text, counter) of ``focus``: a story's title and caption, a path's
    stage (0: all its stages), a topic's title, the article section ``current_section`` or the
    ``selected`` structure's name; else the content's title and ``hint``."""
    if focus is not None and focus.kind == "story":
        story = content.story(focus.key)
        title = story.patient_title if voice == "patient" else story.title
        stories = list(content.stories)
        counter = f"{stories.index(focus.key) + 1} / {len(stories)}"
        side = f" ({focus.side} side)" if focus.side else ""
        return title + side, getattr(story.caption, voice), counter
    if focus is not None and focus.kind == "path":
        path = content.path(focus.key)
        title = f"S1 nerve path, {path.side} side"
        n = len(path.stages)
        if stage == 0:
            names = [s.patient_name if voice == "patient" else s.name for s in path.stages]
            return title, " → ".join(names), f"0 / {n}"
        step = path.stages[stage - 1]
        name = step.patient_name if voice == "patient" else step.name
        return title, f"{name}: {getattr(step, voice)}", f"{stage} / {n}"
    if focus is not None and focus.kind == "topic":
        return content.display_name(focus.key, voice), "", ""
    sections = outline(content)
    ids = [s.id for s in sections]
    if (focus is None or focus.kind != "section") and selected is not None:
        return content.display_name(selected, voice), "", ""
    if current_section not in ids:
        return content.title, hint, ""
    node = sections[ids.index(current_section)]
    topics = [content.display_name(t.id, voice) for t in node.topics[:TOPICS_SHOWN]]
    more = " …" if len(node.topics) > TOPICS_SHOWN else ""
    return node.title, "; ".join(topics) + more, f"{ids.index(current_section) + 1} / {len(ids)}"
