"""The lookups the app uses: by id, search, topics of a structure, the guided tour."""

from __future__ import annotations

import pytest


def test_lookup_by_id(annotations):
    assert annotations.structure("piriformis_left").name == "Piriformis (left)"
    assert annotations.topic("discectomy").parent == "surgery"
    assert annotations.entry("sciatic_nerve_right").group == "nerves"
    assert annotations.display_name("risk_factors") == "Risk factors"
    assert annotations.section("imaging").heading is False
    with pytest.raises(KeyError):
        annotations.structure("l6_vertebra")


def test_topics_link_the_structures_involved(annotations):
    discectomy = annotations.topic("discectomy").structures
    assert "l5_s1_disc_nucleus" in discectomy and "s1_nerve_root_left" in discectomy
    piriformis = annotations.topic("piriformis_syndrome").structures
    assert "piriformis_left" in piriformis and "sciatic_nerve_left" in piriformis
    titles = [t.id for t in annotations.topics_for("piriformis_right")]
    assert "piriformis_syndrome" in titles and "muscles_of_l5_s1" in titles
    assert "discectomy" in [t.id for t in annotations.topics_for("s1_nerve_root_right")]


def test_every_topic_the_issue_names_is_an_entry(annotations):
    needed = {
        "overview",
        "mechanisms",
        "s1_radiculopathy",
        "s1_nerve_impingement",
        "sacroiliac_joint_dysfunction",
        "piriformis_syndrome",
        "referred_pain",
        "diagnosis",
        "history_and_exam",
        "imaging",
        "electrodiagnostic_studies",
        "diagnostic_injections",
        "physical_exam_maneuvers",
        "risk_factors",
        "treatment",
        "medications",
        "physical_therapy",
        "joint_injections",
        "radiofrequency_ablation",
        "spinal_manipulation",
        "surgery",
        "discectomy",
        "laminectomy",
        "spinal_fusion",
        "joint_fusion",
        "alternative_therapies",
        "prevention",
        "outlook",
        "summary",
    }
    assert needed <= set(annotations.topics)
    assert {t.id for t in annotations.children("surgery")} == {
        "discectomy",
        "laminectomy",
        "spinal_fusion",
        "joint_fusion",
    }
    assert {t.id for t in annotations.topics.values() if t.kind == "mechanism"} == {
        "s1_radiculopathy",
        "s1_nerve_impingement",
        "sacroiliac_joint_dysfunction",
        "piriformis_syndrome",
        "referred_pain",
    }


def test_tour_follows_the_article_and_every_section_has_entries(annotations):
    tour = annotations.tour()
    assert [step.section.order for step in tour] == sorted(s.order for s in annotations.sections)
    assert tour[0].section.id == "introduction" and tour[-1].section.id == "summary"
    for step in tour:
        assert step.structures or step.topics, step.section.id
    step = {s.section.id: s for s in tour}
    assert "ligaments_of_l5_s1" in step["ligaments"].topics
    assert {
        "anterior_longitudinal_ligament",
        "posterior_longitudinal_ligament",
        "ligamentum_flavum_left",
        "interspinous_ligament",
        "supraspinous_ligament",
    } <= set(step["ligaments"].structures)
    assert {"multifidus_left", "erector_spinae_left", "psoas_major_left", "piriformis_left"} <= set(
        step["muscles"].structures
    )
    assert {"facet_joint_left", "l5_s1_disc_annulus", "l5_s1_disc_nucleus"} <= set(
        step["anatomy_features"].structures
    )


def test_every_topic_links_the_structures_it_involves(annotations):
    for t in annotations.topics.values():
        assert t.structures, t.id
        for sid in t.structures:
            assert sid in annotations.structures
    surgery = {t.id: set(t.structures) for t in annotations.children("surgery")}
    assert {"ligamentum_flavum_left", "dural_sac"} <= surgery["laminectomy"]
    assert "sacroiliac_joint_left" in surgery["joint_fusion"]
    assert {"l5_vertebra", "s1_segment"} <= surgery["spinal_fusion"]
