"""Every fact of the source article is reachable in the content, in the content's own words."""

from __future__ import annotations

import copy
import re

import pytest

from tests.content.own_words import RUN, copied_runs, words

# The article's facts as key terms, per article section (section ids of annotations.json). A term
# is found when it, or one of its SYNONYMS, appears (case-insensitive) in the texts of the
# entries that mark that section: names, other names, student and patient texts, items, notes.
FACTS: dict[str, list[str]] = {
    "introduction": [
        "L5",
        "S1",
        "sacrum",
        "lower back",
        "pelvis",
        "leg",
        "hip",
        "transfer forces",
        "movement",
    ],
    "anatomy": [
        "inferior surface",
        "superior surface",
        "articular cartilage",
        "lumbosacral disc",
        "cushion",
        "movement",
    ],
    "anatomy_features": [
        "facet joint",
        "left",
        "right",
        "align",
        "annulus fibrosus",
        "nucleus pulposus",
        "tough",
        "gelatinous",
        "neural foramen",
        "spinal nerves",
        "exit",
    ],
    "ligaments": [
        "anterior longitudinal ligament",
        "front of the vertebral bodies",
        "posterior longitudinal ligament",
        "back of the vertebral bodies",
        "ligamentum flavum",
        "lamina",
        "interspinous ligament",
        "spinous processes",
        "supraspinous ligament",
        "tips",
    ],
    "muscles": [
        "multifidus",
        "stabilize",
        "each vertebral segment",
        "erector spinae",
        "extend",
        "psoas major",
        "hip flexor",
        "piriformis",
        "femur",
        "laterally rotates",
    ],
    "mechanisms": [
        "irritate",
        "radiate",
        "lower back",
        "hip",
        "S1 radiculopathy",
        "S1 nerve impingement",
        "sacroiliac joint dysfunction",
        "piriformis syndrome",
        "referred pain",
    ],
    "s1_radiculopathy": [
        "radiculopathy",
        "compression",
        "irritation",
        "back of the leg",
        "foot",
        "numbness",
        "tingling",
        "hip",
        "L5",
        "sensation",
    ],
    "s1_nerve_impingement": [
        "compressed",
        "neural foramen",
        "herniated disc",
        "bone spurs",
        "narrowing",
        "hip",
    ],
    "sacroiliac_joint_dysfunction": [
        "sacrum",
        "pelvis",
        "S1",
        "common",
        "low back",
        "abnormal movement",
        "strain",
        "inflammation",
        "stability",
        "mobility",
        "hip pain",
    ],
    "piriformis_syndrome": [
        "sacrum",
        "femur",
        "external rotation",
        "spasm",
        "tightness",
        "back of the hip",
        "thigh",
        "provoke",
    ],
    "referred_pain": [
        "referred pain",
        "hip joint",
        "lumbar spine",
        "nerve pathways",
        "perceived",
        "hip pain",
    ],
    "diagnosis": [
        "history",
        "physical exam",
        "tenderness",
        "palpate",
        "sacroiliac",
        "hip mobility",
        "reflexes",
        "muscle wasting",
        "confirm",
    ],
    "imaging": [
        "x-ray",
        "CT",
        "MRI",
        "arthritis",
        "degenerative disc disease",
        "herniated",
        "bulging",
        "misalignment",
        "fracture",
        "bone spur",
        "tumor",
        "nerve impingement",
    ],
    "electrodiagnostic_studies": [
        "nerve conduction velocity",
        "EMG",
        "nerve dysfunction",
        "which nerve roots",
    ],
    "diagnostic_injections": ["numbing", "temporarily", "source of pain"],
    "physical_exam_maneuvers": ["provocative", "reproduces", "positive"],
    "risk_factors": [
        "degenerative disc disease",
        "spondylolisthesis",
        "slippage",
        "spinal stenosis",
        "narrowing of the spinal canal",
        "osteoarthritis",
        "rheumatoid arthritis",
        "pregnancy",
        "trauma",
        "leg length",
        "falls",
        "accidents",
        "bending",
        "twisting",
        "heavy lifting",
        "athletic training",
        "hip weakness",
        "tightness",
        "obesity",
        "older age",
        "compensation",
    ],
    "treatment": ["relieving pain", "joint mobility", "strengthening", "wear and tear"],
    "medications": [
        "over-the-counter",
        "prescription",
        "anti-inflammatories",
        "analgesics",
        "muscle relaxants",
        "nerve pain",
    ],
    "physical_therapy": [
        "flexibility",
        "posture",
        "core strength",
        "stability",
        "massage",
        "heat",
        "ice",
        "ultrasound",
        "traction",
        "joint mobilization",
    ],
    "joint_injections": ["corticosteroid", "swelling", "pain"],
    "radiofrequency_ablation": [
        "minimally invasive",
        "heat",
        "radio waves",
        "nerves",
        "pain signals",
    ],
    "spinal_manipulation": ["chiropractic", "osteopathic", "mobility", "alignment"],
    "surgery": [
        "conservative",
        "pressure",
        "S1 nerve",
        "stabilize",
        "discectomy",
        "laminectomy",
        "spinal fusion",
        "joint fusion",
    ],
    "alternative_therapies": [
        "massage",
        "acupuncture",
        "yoga",
        "mindfulness",
        "dietary supplements",
        "healing",
    ],
    "prevention": [
        "healthy weight",
        "posture",
        "sitting",
        "standing",
        "sleeping",
        "low-impact exercise",
        "core strengthening",
        "lifting",
        "legs",
        "back straight",
        "nutrition",
        "smoking",
        "chronic conditions",
        "acute injuries",
        "repetitive",
        "flares",
        "listening to your body",
        "stress",
        "ergonomics",
        "shoe inserts",
        "back braces",
    ],
    "outlook": [
        "conservative",
        "anti-inflammatory",
        "physical therapy",
        "injections",
        "home exercises",
        "surgery",
        "severe",
        "progressive",
        "early",
        "prevention",
        "healthy lifestyle",
        "improvement",
        "daily activities",
    ],
    "summary": [
        "common",
        "overlooked",
        "irritate",
        "back of the leg",
        "S1 radiculopathy",
        "nerve impingement",
        "sacroiliac joint dysfunction",
        "piriformis syndrome",
        "referred pain",
        "medical history",
        "physical examination",
        "imaging",
        "electrodiagnostic",
        "injections",
        "inflammation",
        "mobility",
        "strengthening",
        "degeneration",
        "medications",
        "therapy",
        "chiropractic",
        "radiofrequency ablation",
        "surgery",
        "identified",
        "improvement",
    ],
}

# The content's own wording for an article term (any one is enough).
SYNONYMS: dict[str, list[str]] = {
    "transfer forces": ["carries the weight", "passes the trunk's load", "weight of your"],
    "movement": ["move"],
    "inferior surface": ["lower face", "lower endplate"],
    "superior surface": ["upper face", "upper surface"],
    "articular cartilage": ["cartilage endplate"],
    "cushion": ["shock absorber"],
    "align": ["lined up", "aligned"],
    "gelatinous": ["gel"],
    "neural foramen": ["neural foramina", "intervertebral foramen"],
    "exit": ["leave"],
    "back of the vertebral bodies": ["back surface of the vertebral bodies"],
    "lamina": ["laminae"],
    "each vertebral segment": ["each segment", "each vertebral segment"],
    "extend": ["extension"],
    "laterally rotates": [
        "rotates the hip outward",
        "turns the hip outward",
        "rotate the hip outward",
    ],
    "radiate": ["spread"],
    "S1 radiculopathy": ["radiculopathy of the s1 root"],
    "S1 nerve impingement": ["impingement (compression) of the s1 nerve"],
    "sacroiliac joint dysfunction": ["dysfunction of the sacroiliac", "si joint dysfunction"],
    "compression": ["squeezed", "pressed"],
    "irritation": ["irritated"],
    "back of the leg": ["back of the thigh", "along the back of your leg"],
    "tingling": ["pins and needles"],
    "sensation": ["supply the region", "carries feeling"],
    "compressed": ["pressed on", "pinched"],
    "abnormal movement": ["abnormal motion", "odd movement"],
    "inflammation": ["inflames", "inflamed"],
    "stability": ["steady"],
    "mobility": ["mobile"],
    "external rotation": ["rotate the hip outward", "turns the hip outward"],
    "tightness": ["tight"],
    "provoke": ["set off"],
    "nerve pathways": ["pathways"],
    "perceived": ["read by the brain"],
    "physical exam": ["physical examination"],
    "palpate": ["palpates", "palpation"],
    "hip mobility": ["how freely the hip moves"],
    "reflexes": ["reflex"],
    "x-ray": ["x-rays"],
    "misalignment": ["alignment"],
    "fracture": ["fractures"],
    "tumor": ["tumour"],
    "nerve conduction velocity": ["nerve conduction"],
    "nerve dysfunction": ["nerve is working abnormally"],
    "which nerve roots": ["which roots"],
    "numbing": ["anaesthetic"],
    "temporarily": ["for a while", "short time"],
    "source of pain": ["pain generator", "where the pain comes from"],
    "reproduces": ["brings back", "brings on"],
    "slippage": ["slipping", "slipped"],
    "trauma": ["injury"],
    "heavy lifting": ["heavy loads"],
    "older age": ["age"],
    "compensation": ["spare another painful area"],
    "relieving pain": ["ease pain"],
    "joint mobility": ["mobility"],
    "strengthening": ["strengthen"],
    "wear and tear": ["wear"],
    "prescription": ["prescribed"],
    "analgesics": ["pain relievers"],
    "flexibility": ["flexible"],
    "ice": ["cold"],
    "joint mobilization": ["joint mobilisation"],
    "radio waves": ["radio-frequency", "radiofrequency"],
    "pain signals": ["carrying pain"],
    "conservative": ["conservative care", "other treatments"],
    "stabilize": ["stabilise", "stability", "steady"],
    "healing": ["recovery"],
    "low-impact exercise": ["low-impact"],
    "core strengthening": ["core strength"],
    "back straight": ["back kept straight"],
    "lifting": ["lift with the legs"],
    "smoking": ["tobacco"],
    "acute injuries": ["injuries"],
    "flares": ["flare-ups"],
    "listening to your body": ["listen to your body"],
    "shoe inserts": ["insoles"],
    "back braces": ["brace"],
    "home exercises": ["home exercise"],
    "progressive": ["worsening"],
    "improvement": ["improve"],
    "daily activities": ["usual activities"],
    "overlooked": ["often missed"],
    "medical history": ["history"],
    "physical examination": ["examination"],
    "degeneration": ["joint wear"],
    "medications": ["medicines"],
    "identified": ["is found"],
}


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
