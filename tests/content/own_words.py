"""Finding runs of words shared between the article and the content (used by the own-words test)."""

from __future__ import annotations

import json
import re

RUN = 10  # the shortest run of consecutive article words that counts as copied


def words(text: str) -> list[str]:
    """Lower-case words, with punctuation, dashes and quotes dropped (apostrophes kept inside)."""
    text = text.lower().replace("\u2019", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", text)


def strings_of(node) -> list[str]:
    """Every string value in a JSON document."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in strings_of(v)]
    if isinstance(node, list):
        return [s for v in node for s in strings_of(v)]
    return []


def copied_runs(article: str, document: dict, run: int = RUN) -> list[str]:
    """The runs of ``run`` consecutive article words found inside any one text of the document."""
    a = words(article)
    grams = {tuple(a[i : i + run]) for i in range(len(a) - run + 1)}
    found = []
    for text in strings_of(document):
        w = words(text)
        for i in range(len(w) - run + 1):
            g = tuple(w[i : i + run])
            if g in grams:
                found.append(" ".join(g))
    return found


def load(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
