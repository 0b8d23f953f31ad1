"""The statements issue 9 found wrong or overclaiming, and the advice NICE NG59 changed: each is
held to its corrected form (words that must be there, and words that must not come back)."""

from __future__ import annotations

import pytest


def _text(annotations, ref: str) -> str:
    """All text of one entry (``structure:id``, ``topic:id``, ``item:topic.item``, ``story:id``),
    both voices and its note, lower-cased."""
    kind, _, key = ref.partition(":")
    if kind == "item":
        tid, iid = key.split(".")
        entry = next(it for it in annotations.topic(tid).items if it.id == iid)
        parts = [entry.name, entry.student, entry.patient or ""]
    elif kind == "story":
        story = annotations.story(key)
        return " ".join([story.caption.student, story.caption.patient]).lower()
    else:
        entry = annotations.structure(key) if kind == "structure" else annotations.topic(key)
        parts = [entry.student, entry.patient, *entry.other_names]
    if entry.note is not None:
        parts.append(entry.note.text)
    return " ".join(parts).lower()


CASES = [
    # (where, must say, must not say)
    (
        "topic:s1_radiculopathy",
        ["radiculopathy is loss of the root's function", "radicular pain"],
        ["radiculopathy means a spinal nerve root is squeezed", "many people also feel"],
    ),
    ("topic:s1_radiculopathy", ["l2 to l4", "back of its capsule", "may also feel"], []),
    (
        "topic:piriformis_syndrome",
        ["whole sciatic nerve", "excluded", "disputed"],
        ["its s1 fibres carry"],
    ),
    ("story:piriformis_syndrome", ["whole sciatic nerve", "excluded"], ["s1 fibres inside it"]),
    ("story:referred_pain", ["coexists"], ["hip joint itself is normal"]),
    ("topic:referred_pain", ["coexist", "groin"], []),
    (
        "topic:sacroiliac_joint_dysfunction",
        ["under 4 degrees", "spondyloarthritis", "provocation tests"],
        ["abnormal motion inflames it"],
    ),
    ("structure:sacroiliac_inflammation_left", ["axial spondyloarthritis"], []),
    (
        "item:risk_factors.rheumatoid_arthritis",
        ["axial spondyloarthritis", "neck"],
        ["can involve the spine and sacroiliac joints"],
    ),
    (
        "topic:electrodiagnostic_studies",
        ["often normal", "h-reflex", "does not rule out"],
        ["show whether a nerve is working abnormally and which roots are affected"],
    ),
    (
        "topic:diagnosis",
        ["diagnosis is clinical", "red flags", "not routinely advised"],
        ["may add tests to confirm that s1 is involved"],
    ),
    ("topic:imaging", ["not show pain", "advises against routine imaging", "without pain"], []),
    (
        "structure:psoas_major_left",
        ["crosses the l5-s1 joint, and it does"],
        ["runs down beside it"],
    ),
    ("item:imaging.herniated_or_bulging_disc", ["a bulge", "a herniation is focal"], []),
    (
        "structure:disc_herniation_left",
        ["a bulge is not a herniation"],
        ["bulging disc", "bulge of the disc"],
    ),
    ("story:s1_radiculopathy", ["slipped disc"], ["bulging disc"]),
    ("structure:l5_vertebra", ["sacrum, the flat bone"], ["tailbone"]),
    (
        "structure:skin",
        ["over the posterior superior iliac spines"],
        ["just above the sacroiliac joints"],
    ),
    ("structure:hip_bone_left", ["greater sciatic foramen"], ["notch, through which"]),
    # current guidance (NICE NG59)
    (
        "topic:medications",
        ["ng59", "paracetamol alone", "gabapentinoids", "nsaid"],
        ["can help: anti"],
    ),
    ("item:medications.nerve_pain_medications", ["advised against for sciatica"], []),
    ("topic:physical_therapy", ["advises against traction", "only as part of a package"], []),
    (
        "topic:joint_injections",
        ["advises against spinal injections", "acute and severe sciatica"],
        [],
    ),
    ("topic:radiofrequency_ablation", ["medial branch block", "chronic low back pain"], []),
    (
        "topic:spinal_manipulation",
        ["does not change the position", "includes exercise"],
        ["improve mobility and alignment at"],
    ),
    ("topic:surgery", ["imaging matches the symptoms", "randomised trial", "disc replacement"], []),
    ("topic:alternative_therapies", ["advises against acupuncture", "mind-body exercise"], []),
    ("topic:prevention", ["insoles", "do not", "no one correct posture"], []),
    ("item:prevention.supports", ["neither prevents back pain", "advises against belts"], []),
    ("item:prevention.proper_lifting", ["does not prevent back pain"], []),
    (
        "item:prevention.listen_to_body",
        ["stay active", "does not mean harm"],
        ["stop an activity once pain begins"],
    ),
    ("item:prevention.good_posture", ["no single correct posture"], []),
    ("topic:outlook", ["six weeks", "red-flag", "ng59"], []),
    ("topic:treatment", ["self-management", "exercise"], []),
]


@pytest.mark.parametrize(
    "where, present, absent", CASES, ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)]
)
def test_statement_is_corrected(annotations, where, present, absent):
    text = _text(annotations, where)
    for phrase in present:
        assert phrase in text, (where, phrase)
    for phrase in absent:
        assert phrase not in text, (where, phrase)


def test_article_recommendations_against_the_guideline_carry_a_guideline_note(annotations):
    """Where the article recommends what NICE NG59 advises against, a note says so and cites it."""
    for ref in (
        "topic:medications",
        "topic:physical_therapy",
        "item:physical_therapy.traction",
        "item:physical_therapy.ultrasound",
        "item:alternative_therapies.acupuncture",
        "item:prevention.supports",
        "item:prevention.listen_to_body",
        "topic:joint_injections",
        "topic:spinal_manipulation",
        "topic:surgery",
    ):
        kind, _, key = ref.partition(":")
        if kind == "item":
            tid, iid = key.split(".")
            note = next(it for it in annotations.topic(tid).items if it.id == iid).note
        else:
            note = annotations.topic(key).note
        assert note is not None, ref
        assert "the article" in note.text.lower(), ref
        assert "nice_ng59" in note.sources, ref
