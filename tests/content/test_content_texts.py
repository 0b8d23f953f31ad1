"""What the texts and colours say: textbook colours, plain patient language, corrective notes."""

from __future__ import annotations

import colorsys
import re

import pytest


def _hls(colour: str) -> tuple[float, float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, light, s


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@pytest.mark.parametrize(
    "group, check",
    [
        # bone ivory: light, warm (red/yellow hue), little saturation left
        ("bones", lambda h, light, s, rgb: 30 <= h <= 60 and light > 0.7),
        # disc blue-grey: blue hue, muted
        ("disc", lambda h, light, s, rgb: 190 <= h <= 230 and s < 0.5),
        # ligament pale: very light
        ("ligaments", lambda h, light, s, rgb: light > 0.85),
        # muscle red-brown: red hue, dark-ish
        ("muscles", lambda h, light, s, rgb: (h <= 15 or h >= 350) and light < 0.45),
        # nerve yellow: yellow hue, bright
        ("nerves", lambda h, light, s, rgb: 40 <= h <= 60 and light > 0.6),
        # conditions alarming red/orange: saturated red-orange
        ("conditions", lambda h, light, s, rgb: (h <= 35 or h >= 350) and s > 0.7),
    ],
)
def test_colours_follow_textbook_convention(annotations, group, check):
    entries = [e for e in annotations.structures.values() if e.group == group]
    assert entries
    for e in entries:
        h, light, s = _hls(e.colour)
        assert check(h, light, s, _rgb(e.colour)), (e.id, e.colour)


def test_every_structure_has_both_voices_and_article_sections(annotations):
    for e in annotations.structures.values():
        assert len(e.student.split()) >= 15, e.id
        assert len(e.patient.split()) >= 6, e.id
        assert e.sections, e.id


JARGON = (
    "radiculopathy",
    "foramen",
    "foramina",
    "posterolateral",
    "annulus",
    "nucleus",
    "ramus",
    "rami",
    "dermatome",
    "lamina",
    "zygapophys",
    "osteophyte",
    "pedicle",
    "plexus",
    "ventral",
    "dorsal",
    "traversing",
    "paraspinal",
    "proximal",
    "distal",
)
ADVICE = ("you should", "you must", "you have ", "you need to", "diagnosis is")


def _patient_texts(annotations) -> list[tuple[str, str]]:
    texts = [(s.id, s.patient) for s in annotations.structures.values()]
    for t in annotations.topics.values():
        texts.append((t.id, t.patient))
        texts += [(f"{t.id}.{it.id}", it.patient) for it in t.items if it.patient]
    texts += [(s.id, s.caption.patient) for s in annotations.stories.values()]
    for p in annotations.paths.values():
        texts += [(f"{p.id}.{st.id}", st.patient) for st in p.stages]
        texts += [(f"{p.id}.{r.name}", r.patient) for r in p.body_regions]
    return texts


def test_patient_texts_are_plain_short_and_do_not_diagnose(annotations):
    lengths = []
    for where, text in _patient_texts(annotations):
        low = text.lower()
        assert not any(j in low for j in JARGON), (where, text)
        assert not any(a in low for a in ADVICE), (where, text)
        for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
            n = len(sentence.split())
            assert n <= 20, (where, sentence)
            lengths.append(n)
    assert sum(lengths) / len(lengths) < 12


def test_patient_treatment_texts_point_to_the_clinician(annotations):
    for tid in ("treatment", "medications", "diagnosis", "imaging", "summary"):
        text = annotations.topic(tid).patient.lower()
        assert any(w in text for w in ("clinician", "pharmacist", "surgeon")), tid


def _note(entry) -> str:
    assert entry.note is not None, entry.id
    return entry.note.text.lower()


def test_notes_correct_where_the_article_is_loose(annotations):
    s1 = _note(annotations.structure("s1_segment"))
    assert "first segment" in s1 and "two facet joints" in s1
    root = _note(annotations.structure("s1_nerve_root_left"))
    assert "first anterior sacral foramen" in root and "l5 root" in root
    assert "traversing s1" in root
    sciatic = _note(annotations.structure("sciatic_nerve_left"))
    assert "l4 to s3" in sciatic and "85-90 %" in sciatic
    injections = _note(annotations.topic("diagnostic_injections"))
    assert all(w in injections for w in ("sacroiliac", "facet", "transforaminal"))
    assert "sacroiliac" in _note(annotations.topic("joint_injections"))
    assert "l5" in _note(annotations.structure("l5_nerve_root_right"))
    assert "behind the disc" in _note(annotations.structure("facet_joint_left"))
    assert "sciatic nerve" in _note(annotations.topic("piriformis_syndrome"))


def test_clinical_facts_follow_the_reference(annotations):
    root = annotations.structure("s1_nerve_root_left").student.lower()
    for fact in (
        "buttock",
        "back of thigh",
        "calf",
        "sole",
        "outer foot",
        "ankle jerk",
        "walking on the toes",
    ):
        assert fact in root, fact
    assert "fortin's area" in annotations.structure("sacroiliac_joint_left").student.lower()
    assert "ankle jerk" in annotations.topic("history_and_exam").student.lower()


def test_every_note_cites_a_listed_source(annotations):
    notes = [
        e.note
        for e in [*annotations.structures.values(), *annotations.topics.values()]
        if e.note is not None
    ]
    notes += [it.note for t in annotations.topics.values() for it in t.items if it.note]
    assert len(notes) >= 20
    for n in notes:
        assert n.sources and set(n.sources) <= set(annotations.sources)
