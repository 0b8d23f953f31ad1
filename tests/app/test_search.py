"""The search field as a user meets it (issue 10, part 5): real key events typed into the field
of a shown window, one Enter, and what the window then shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from viewer.app.search import SearchField, row_text, search_matches


def type_and_enter(qtbot, window, text: str) -> None:
    """Click into the field, type ``text`` key by key, press Enter once."""
    field = window.search_field
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, text)
    QApplication.processEvents()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    QApplication.processEvents()


@pytest.fixture
def field(window):
    """The window's search field, emptied and its list closed after the test."""
    yield window.search_field
    window.search_field.clear()
    window.search_field.results.hide()


def test_one_enter_selects_the_best_match_while_the_list_is_open(qtbot, window, field):
    field.setFocus()
    qtbot.keyClicks(field, "sciatic")
    assert field.results.isVisible(), "several matches: the list shows them"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.state.selected == "sciatic_nerve_left"
    assert not field.results.isVisible()


def test_piriformis_and_enter_selects_the_piriformis(qtbot, window, field):
    type_and_enter(qtbot, window, "piriformis")
    assert window.state.selected == "piriformis_left"


def test_disc_gives_the_disc_before_discectomy(qtbot, window, field):
    field.setFocus()
    qtbot.keyClicks(field, "disc")
    rows = field.results.ids()
    assert rows[0] == "l5_s1_disc_annulus"
    assert "discectomy" in rows
    structures = [i for i in rows if i in window.content.structures]
    assert rows.index("discectomy") > rows.index(structures[-1]), "structures before topics"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.state.selected == "l5_s1_disc_annulus"
    assert window.state.focus is None, "no topic opened"


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("piriformus", "piriformis_left"),  # one typo
        ("sciatc nerv", "sciatic_nerve_left"),  # one in each word
        ("erecter spinea", "erector_spinae_left"),  # two in one word
        ("tailbone", "sacrum_lower"),  # the coccyx, at the tip of the lower sacrum
        ("thigh bone", "femur_left"),
        ("buttock muscle", "piriformis_left"),
    ],
)
def test_typos_and_patient_words_find_their_structure(qtbot, window, field, typed, expected):
    type_and_enter(qtbot, window, typed)
    assert window.state.selected == expected


def test_numbness_opens_the_story_of_the_s1_nerve(qtbot, window, field):
    type_and_enter(qtbot, window, "numbness")
    assert window.state.focus is not None
    assert (window.state.focus.kind, window.state.focus.key) == ("story", "s1_radiculopathy")


def test_the_list_is_ranked_and_arrows_choose_another_row(qtbot, window, field):
    field.setFocus()
    qtbot.keyClicks(field, "disc")
    assert field.results.isVisible() and field.results.count() > 2
    assert field.results.currentRow() == 0
    qtbot.keyClick(field, Qt.Key.Key_Down)
    second = field.results.ids()[1]
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.state.selected == second == "l5_s1_disc_nucleus"


def test_a_click_on_a_row_chooses_it(qtbot, window, field):
    field.setFocus()
    qtbot.keyClicks(field, "femur")
    assert field.results.ids() == ["femur_left", "femur_right"]
    rect = field.results.visualItemRect(field.results.item(1))
    qtbot.mouseClick(field.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.state.selected == "femur_right"
    assert not field.results.isVisible()


def test_escape_closes_the_list_and_one_match_needs_no_list(qtbot, window, field):
    field.setFocus()
    qtbot.keyClicks(field, "thecal")
    assert not field.results.isVisible(), "one match: nothing to choose between"
    field.clear()
    qtbot.keyClicks(field, "disc")
    assert field.results.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not field.results.isVisible()
    assert window.state.selected is None


def test_nothing_found_says_so_and_selects_nothing(qtbot, window, field):
    type_and_enter(qtbot, window, "zebra")
    assert window.state.selected is None
    assert "Nothing called 'zebra'" in window.statusBar().currentMessage()


def test_the_list_offers_only_what_the_scene_has(qtbot, content):
    scene = {"femur_left"}
    field = SearchField(content, scene)
    qtbot.addWidget(field)
    assert [h.id for h in search_matches(content, scene, "femur")] == ["femur_left"]
    hit = search_matches(content, scene, "thigh bone")[0]
    assert row_text(content, hit) == "Femur (left) — thigh bone  (structure)"
