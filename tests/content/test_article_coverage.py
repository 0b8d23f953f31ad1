"""Every fact of the source article is reachable in the content, in the content's own words."""

from __future__ import annotations

import copy
import re

import pytest

from tests.content.article_facts import FACTS, SYNONYMS
from tests.content.own_words import RUN, copied_runs, words


def _texts_of_note(note) -> list[str]:
    return [note.text] if note is not None else []


def section_text(annotations, section_id: str) -> str:
    """All the text a user can reach from the entries that mark one article section."""
    parts: list[str] = []
    for s in annotations.structures.values():
        if section_id in s.sections:
            parts += [s.name, *s.other_names, s.student, s.patient, *_texts_of_note(s.note)]
    for t in annotations.topics.values():
        if section_id in t.sections:
            parts += [t.title, *t.other_names, t.student, t.patient, *_texts_of_note(t.note)]
            for it in t.items:
                parts += [it.name, it.student, it.patient or "", *_texts_of_note(it.note)]
    return " ".join(parts).lower()


def missing_terms(annotations, facts=FACTS) -> list[str]:
    missing = []
    for section_id, terms in facts.items():
        text = section_text(annotations, section_id)
        for term in terms:
            options = [term, *SYNONYMS.get(term, [])]
            if not any(o.lower() in text for o in options):
                missing.append(f"{section_id}: {term!r}")
    return missing


def test_every_article_section_has_its_facts_listed(annotations):
    assert [s.id for s in annotations.sections] == list(FACTS)


def test_every_article_fact_is_reachable_from_its_section(annotations):
    assert missing_terms(annotations) == []


def test_coverage_check_notices_a_missing_fact(annotations):
    assert missing_terms(annotations, {"prevention": ["levitation before breakfast"]}) == [
        "prevention: 'levitation before breakfast'"
    ]


def _article_list(article: str, lead: str) -> list[str]:
    """The dash list that follows the line starting with ``lead`` in the article."""
    lines = article.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(lead))
    items = []
    for line in lines[start + 1 :]:
        if line.startswith("–"):
            items.append(line.lstrip("– ").strip())
        elif items and line.strip():
            break
    return items


@pytest.mark.parametrize(
    "topic_id, lead",
    [
        ("imaging", "X-rays, CT scans"),
        ("risk_factors", "Some factors that can predispose"),
        ("prevention", "Steps to help prevent"),
        ("ligaments_of_l5_s1", "The L5-S1 joint is reinforced"),
        ("muscles_of_l5_s1", "The muscles surrounding"),
    ],
)
def test_article_lists_are_structured_lists_with_one_item_per_entry(
    annotations, article, topic_id, lead
):
    article_items = _article_list(article, lead)
    items = annotations.topic(topic_id).items
    assert len(items) == len(article_items), [it.name for it in items]
    assert len({it.id for it in items}) == len(items)
    # each item has its own text, not a shared one
    assert len({it.student for it in items}) == len(items)


def test_the_article_has_eight_imaging_findings_and_fifteen_risks_and_prevention_steps(
    annotations, article
):
    assert len(_article_list(article, "X-rays, CT scans")) == 8
    assert len(annotations.topic("risk_factors").items) == 15
    assert len(annotations.topic("prevention").items) == 15


def test_headed_sections_follow_the_article_order_and_titles(annotations, article):
    positions = []
    for s in annotations.sections:
        if s.heading:
            assert s.title in article, s.title
            positions.append(article.index(s.title))
    assert len(positions) >= 10 and positions == sorted(positions)


# ------------------------------------------------------------------------------ own words
def test_no_run_of_ten_article_words_appears_in_the_content(document, article):
    assert copied_runs(article, document) == []


def test_own_words_check_catches_a_copied_sentence(document, article):
    doc = copy.deepcopy(document)
    sentence = next(s for s in re.split(r"(?<=\.)\s+", article) if len(words(s)) >= 15)
    # change case and punctuation: the check must still see the copy
    doc["structures"]["l5_vertebra"]["student"] += " " + sentence.upper().replace(",", " ;")
    runs = copied_runs(article, doc)
    assert runs and all(len(r.split()) == RUN for r in runs)


def test_own_words_check_allows_short_shared_phrases(article):
    doc = {"text": "The facet joints sit behind the disc, one on either side."}
    assert copied_runs(article, doc) == []
