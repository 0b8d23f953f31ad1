"""The article's order, Qt-free: the outline follows the article and stepping stays inside it."""

from viewer.scene.article import outline, section_structures, step_section, topic_structures


def test_outline_is_the_article_in_reading_order_with_nested_topics(content):
    secs = outline(content)
    assert [s.id for s in secs] == [s.id for s in content.sections]
    surgery = next(s for s in secs if s.id == "surgery")
    assert [n.id for n in surgery.topics] == ["surgery"]
    assert {c.id for c in surgery.topics[0].children} == {
        "discectomy",
        "laminectomy",
        "spinal_fusion",
        "joint_fusion",
    }


def test_stepping_moves_one_section_and_stops_at_the_ends(content):
    order = [s.id for s in content.sections]
    assert step_section(order, None, 1) == order[0]
    assert step_section(order, None, -1) == order[-1]
    assert step_section(order, order[3], 1) == order[4]
    assert step_section(order, order[3], -1) == order[2]
    assert step_section(order, order[-1], 1) == order[-1]
    assert step_section(order, order[0], -1) == order[0]


def test_a_sections_structures_include_those_its_topics_name(content):
    imaging = set(section_structures(content, "imaging"))
    assert set(topic_structures(content, "imaging")) <= imaging
    assert set(next(s for s in content.tour() if s.section.id == "imaging").structures) <= imaging
