"""What the texts and colours say: textbook colours, plain patient language, corrective notes."""

from __future__ import annotations

import colorsys
import re

import pytest

from tests.content.voices import patient_labels, patient_texts
from viewer.anatomy.structures import BY_ID


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
        # cartilage bluish white: blue hue, very light
        ("joints", lambda h, light, s, rgb: 190 <= h <= 230 and light > 0.8),
        # muscle red-brown: red hue, dark-ish
        ("muscles", lambda h, light, s, rgb: (h <= 15 or h >= 350) and light < 0.45),
        # nerve yellow: yellow hue, bright (the dura pale: see below)
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


def test_ligaments_are_silvery_white_and_the_ligamentum_flavum_yellow(annotations):
    entries = [e for e in annotations.structures.values() if e.group == "ligaments"]
    assert len(entries) >= 8
    for e in entries:
        h, light, s = _hls(e.colour)
        if e.id.startswith("ligamentum_flavum"):
            # the "yellow ligament": its elastin makes it yellow, unlike every other ligament
            assert 40 <= h <= 60 and s > 0.5, (e.id, e.colour)
        else:
            # silvery white: very light, barely tinted, cool rather than ivory like bone
            assert light > 0.85 and s < 0.25 and h >= 180, (e.id, e.colour)


def test_the_dural_sac_is_paler_than_the_nerve_roots(annotations):
    dura = _hls(annotations.structures["dural_sac"].colour)
    root = _hls(annotations.structures["l5_nerve_root_left"].colour)
    assert dura[1] > 0.8 and dura[1] > root[1] + 0.15 and dura[2] < root[2]


def test_every_structure_has_both_voices_and_article_sections(annotations):
    assert len(annotations.structures) == len(BY_ID) > 40
    for e in annotations.structures.values():
        assert len(e.student.split()) >= 15, e.id
        assert len(e.patient.split()) >= 6, e.id
        assert e.sections, e.id


#: never shown to patients: anatomy words with a plain equivalent
BANNED = (
    "posterolateral",
    "annulus",
    "nucleus",
    "ramus",
    "rami",
    "lamina",
    "zygapophys",
    "osteophyte",
    "pedicle",
    "ventral",
    "dorsal",
    "traversing",
    "paraspinal",
    "proximal",
    "distal",
)
#: shown to patients only with a plain explanation at first use: "the buttock muscle
#: (piriformis)", "sciatica (pain down the leg)", "is called referred pain"
EXPLAIN = (
    "radiculopathy",
    "radicular",
    "foramen",
    "foramina",
    "dermatome",
    "sacroiliac",
    "piriformis",
    "plexus",
    "facet",
    "herniation",
    "referred pain",
    "epidural",
    "spondylolisthesis",
    "stenosis",
    "osteoarthritis",
    "lateral recess",
    "dural sac",
    "mobilisation",
)


def _banned_in(text: str) -> list[str]:
    return [w for w in BANNED if re.search(rf"\b{w}\b", text.lower())]


#: advice that diagnoses or orders (the red-flag box alone tells people what to do)
ADVICE = ("you should", "you must", "you have ", "you need to", "diagnosis is")


def _explained(text: str, term: str) -> bool:
    """Whether the first use of ``term`` in ``text`` is explained: inside brackets after plain
    words, glossed in brackets or by an apposition within two words, or introduced as 'called'."""
    low = text.lower()
    at = low.find(term)
    if at < 0:
        return True
    before, after = low[:at], low[at + len(term) :]
    after = after[re.match(r"[a-z'-]*", after).end() :]  # type: ignore[union-attr]
    return (
        before.count("(") > before.count(")")
        or re.match(r"\s*(?:[a-z-]+\s+){0,2}\(", after) is not None
        or re.match(r",\s+(?:the|a|an)\s", after) is not None
        or before.rstrip().endswith(("called", "named"))
    )


def test_explained_recognises_glosses_and_rejects_bare_terms():
    assert _explained("The buttock muscle (piriformis) is tight.", "piriformis")
    assert _explained(
        "A sore sacroiliac joint (where the spine meets the pelvis) hurts.", "sacroiliac"
    )
    assert _explained("This is called referred pain.", "referred pain")
    assert not _explained("The piriformis is tight.", "piriformis")
    assert not _explained("It is radicular pain, from a root.", "radicular")


def test_patient_texts_are_plain_short_and_do_not_diagnose(annotations):
    lengths = []
    for where, text in patient_texts(annotations):
        low = text.lower()
        assert _banned_in(text) == [], (where, text)
        for term in EXPLAIN:
            assert _explained(text, term), (where, term, text)
        if not where.startswith("red_flags"):
            assert not any(a in low for a in ADVICE), (where, text)
        for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
            n = len(sentence.split())
            assert n <= 20, (where, sentence)
            lengths.append(n)
    assert len(lengths) > 300
    assert sum(lengths) / len(lengths) < 12


def test_every_name_has_a_plain_patient_name(annotations):
    labels = patient_labels(annotations)
    assert len(labels) > 150
    for where, label in labels:
        assert _banned_in(label) == [], (where, label)
        for term in EXPLAIN:
            assert _explained(label, term), (where, term, label)
    names = dict(labels)
    assert names["femur_left"] == "Thigh bone (left)"
    assert names["piriformis_left"] == "Buttock muscle (left piriformis)"
    # every technical display name has a different, plainer patient name
    technical = [
        s
        for s in annotations.structures.values()
        if any(t in s.name.lower() for t in ("ligament", "longitudinal", "erector", "psoas"))
    ]
    assert len(technical) >= 10
    for s in technical:
        assert s.patient_name != s.name, s.id


def test_display_name_follows_the_voice(annotations):
    assert annotations.display_name("femur_left") == "Femur (left)"
    assert annotations.display_name("femur_left", "patient") == "Thigh bone (left)"
    assert annotations.display_name("s1_radiculopathy", "patient").endswith("(sciatica)")
    assert annotations.search("thigh bone")[0].id == "femur_left"


def test_patient_treatment_texts_point_to_the_clinician(annotations):
    for tid in ("treatment", "medications", "diagnosis", "imaging", "summary", "surgery"):
        text = annotations.topic(tid).patient.lower()
        assert any(w in text for w in ("clinician", "pharmacist", "surgeon", "doctor")), tid


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


def _all_notes(annotations) -> list:
    notes = [
        e.note
        for e in [*annotations.structures.values(), *annotations.topics.values()]
        if e.note is not None
    ]
    return notes + [it.note for t in annotations.topics.values() for it in t.items if it.note]


def test_every_correction_note_carries_a_full_citation(annotations):
    corrections = [n for n in _all_notes(annotations) if "the article" in n.text.lower()]
    assert len(corrections) >= 30
    for n in corrections:
        cited = [annotations.sources[s] for s in n.sources if s != "article"]
        assert cited, n.text
        # author or body, a title, and a year (or the address of a living guideline)
        assert any(
            re.search(r"(19|20)\d\d", c.citation) and len(c.citation.split()) >= 8 for c in cited
        ), n.text


def test_no_source_or_note_is_left_unverified(annotations, document):
    texts = [n.text for n in _all_notes(annotations)]
    texts += [s.citation for s in annotations.sources.values()]
    for text in texts:
        low = text.lower()
        assert not any(w in low for w in ("unverified", "unchecked", "secondary source")), text
    # every source is cited somewhere
    cited = set(re.findall(r'"([a-z0-9_]+)"', str(document)))
    used = {s for n in _all_notes(annotations) for s in n.sources}
    used |= {s for p in annotations.pain_patterns.values() for s in p.sources}
    used |= set(annotations.red_flags.emergency.sources) | set(
        annotations.red_flags.serious.sources
    )
    assert set(annotations.sources) <= used | cited
    assert set(annotations.sources) - {"article"} <= used
