"""Teaching foci from the content: a condition story, or the S1 nerve path (no Qt, no VTK)."""

from __future__ import annotations

from collections.abc import Iterable

from .state import Focus

SKIN = "skin"


def story_focus(content, story_id: str, available: Iterable[str]) -> Focus:
    """Light the story's structures (and its nerve path), show its condition shapes, dim the rest."""
    story = content.story(story_id)
    have = set(available)
    lit = set(story.highlight)
    if story.nerve_path is not None:
        lit |= set(content.path(story.nerve_path).structures)
    shown = set(story.conditions)
    keep = None if story.dim == "rest" else have - set(story.dim) - lit - shown
    return Focus(
        "story",
        story_id,
        frozenset(lit & have),
        frozenset(shown & have),
        frozenset(keep) if keep is not None else frozenset(),
    )


def path_focus(content, path_id: str, available: Iterable[str]) -> Focus:
    """Light the nerve route, show the translucent skin with its pain areas, dim the rest."""
    path = content.path(path_id)
    have = set(available)
    shown = {SKIN, *path.pain_areas}
    return Focus("path", path_id, frozenset(set(path.structures) & have), frozenset(shown & have))
