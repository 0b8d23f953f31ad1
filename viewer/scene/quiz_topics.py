"""The quiz's questions from the article (no Qt, no VTK): one per mechanism (a condition story:
"click a structure it involves") and one per anatomy topic ("click a structure of ..."), each
with the structures that answer it, for :class:`viewer.scene.quiz.QuestionBank`."""

from __future__ import annotations

#: the kinds of topic asked about as anatomy (the mechanisms come from the stories)
ANATOMY_KINDS = ("anatomy",)


def article_questions(content) -> dict[str, tuple[str, list[str]]]:
    """Topic id -> (question, structure ids that answer it)."""
    out: dict[str, tuple[str, list[str]]] = {}
    for topic in content.topics.values():
        if topic.kind in ANATOMY_KINDS and topic.structures:
            out[topic.id] = (f"Click a structure of “{topic.title}”.", list(topic.structures))
    for story in content.stories.values():
        out[story.topic] = (
            f"{story.title} (told on the {story.side} side): click a structure it involves.",
            list(story.highlight),
        )
    return out
