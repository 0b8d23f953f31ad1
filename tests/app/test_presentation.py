"""Presentation mode (issue 10, finding 4): F5 leaves the 3D view alone with a caption bar and
large labels; the clicker keys and the arrows step through the story list, the S1 path's stages
or the article; Esc leaves it and puts the layout back exactly; a tour can drive the keys."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget
from pytestqt.exceptions import TimeoutError

from tests.app.driving import settle
from viewer.app.presentation import LABEL_BOOST, CallbackStepper


def _press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()
    qtbot.keyClick(window.scene_view, key, modifier)
    QApplication.processEvents()


def _layout(window) -> dict:
    """What leaving presentation mode must put back."""
    return {
        "geometry": window.geometry().getRect(),
        "full_screen": window.isFullScreen(),
        "menus": window.menuBar().isVisible(),
        "status": window.statusBar().isVisible(),
        "toolbar": window.toolbar.isVisible(),
        "docks": {
            # the visible docks: where each is and its size
            d.objectName(): (window.dockWidgetArea(d), d.size().toTuple())
            for d in window.findChildren(QDockWidget)
            if d.isVisible()
        },
        "text": (window.text_size.factor, window.text_size.effective),
        "labels": window.scene.labels.font_px,
    }


def test_f5_shows_the_view_alone_with_a_caption_and_large_labels(qtbot, window, content):
    story = list(content.stories)[1]
    window.show_story(story)
    settle(qtbot, window)
    label_px = window.scene.labels.font_px
    _press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.isFullScreen(), timeout=3000)
    assert window.presentation.active and window.actions_by_name["presentation"].isChecked()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not window.toolbar.isVisible()
    assert not any(d.isVisible() for d in window.docks.values())
    bar = window.presentation.caption_bar
    assert bar.isVisible()
    title, text, counter = window.presentation.caption
    assert title.startswith(content.story(story).title)
    assert text == content.story(story).caption.student
    assert counter == f"2 / {len(content.stories)}"
    # under the view, as wide as it, and large: legible from the back row
    assert bar.width() >= window.scene_view.width()
    assert bar.mapTo(window, bar.rect().topLeft()).y() >= window.scene_view.height() - 2
    # a title of 1/25 of the screen's height, the text of 1/36 at least (even a long text)
    assert bar.title.fontInfo().pixelSize() >= window.height() / 25
    assert bar.text.fontInfo().pixelSize() >= window.height() / 36
    assert bar.height() <= 0.31 * window.height()
    assert window.scene.labels.font_px >= round(label_px * LABEL_BOOST) - 1
    settle(qtbot, window)
    assert window.scene.labels.placed, "labels are drawn in presentation mode"


def test_the_clicker_keys_and_arrows_step_through_the_stories(qtbot, window, content):
    stories = list(content.stories)
    window.show_story(stories[0])
    window.presentation.enter()
    _press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.state.focus.key == stories[1]
    assert window.presentation.caption[2] == f"2 / {len(stories)}"
    # the view stays alone with its caption: a story no longer opens the body chart beside it
    assert not any(d.isVisible() for d in window.docks.values())
    _press(qtbot, window, Qt.Key.Key_Right)
    assert window.state.focus.key == stories[2]
    _press(qtbot, window, Qt.Key.Key_PageUp)
    _press(qtbot, window, Qt.Key.Key_Left)
    assert window.state.focus.key == stories[0]
    _press(qtbot, window, Qt.Key.Key_End)
    assert window.state.focus.key == stories[-1]
    assert window.presentation.caption[0].startswith(content.story(stories[-1]).title)
    window.presentation.leave()
    assert window.docks["chart"].isVisible()  # as the first story had left it
    window.show_story(stories[1])
    assert window.docks["chart"].isVisible()


def test_the_keys_step_through_the_s1_paths_stages(qtbot, window, content):
    path_id = next(iter(content.paths))
    stages = content.path(path_id).stages
    window.show_path(path_id)
    window.presentation.enter()
    assert window.presentation.caption[2] == f"0 / {len(stages)}"
    _press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.state.selected == stages[0].structure
    assert window.presentation.caption[1].startswith(stages[0].name)
    assert window.presentation.caption[2] == f"1 / {len(stages)}"
    _press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.state.selected == stages[1].structure
    _press(qtbot, window, Qt.Key.Key_PageUp)
    _press(qtbot, window, Qt.Key.Key_PageUp)
    assert window.state.selected is None and window.state.focus.key == path_id


def test_the_keys_step_through_the_article_sections(qtbot, window, content):
    window.presentation.enter()
    ids = window.article_panel.section_ids()
    _press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.state.focus.kind == "section" and window.state.focus.key == ids[0]
    _press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.state.focus.key == ids[1]
    assert window.presentation.caption[0] == content.section(ids[1]).title
    assert window.presentation.caption[2] == f"2 / {len(ids)}"


def test_esc_leaves_and_puts_the_layout_back_exactly(qtbot, window):
    window.docks["chart"].show()
    window.text_size.larger()
    QApplication.processEvents()
    before = _layout(window)
    _press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.isFullScreen(), timeout=3000)
    assert _layout(window) != before
    _press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=3000)
    assert not window.presentation.active
    assert not window.actions_by_name["presentation"].isChecked()
    # the resize after full screen comes a little later, and the layout is put back after it
    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: _layout(window) == before, timeout=2000)
    assert _layout(window) == before
    window.docks["chart"].hide()


def test_a_tour_can_drive_the_keys_and_set_the_caption(qtbot, window):
    calls: list[str] = []
    p = window.presentation
    p.set_stepper(
        CallbackStepper(
            lambda: calls.append("next"),
            lambda: calls.append("previous"),
            lambda: calls.append("first"),
            lambda: calls.append("last"),
        )
    )
    p.enter()
    p.set_caption("Stop 3", "The S1 root leaves the sacrum", "3 / 9")
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Home, Qt.Key.Key_End):
        _press(qtbot, window, key)
    assert calls == ["next", "previous", "first", "last"]
    assert p.caption == ("Stop 3", "The S1 root leaves the sacrum", "3 / 9")
    assert p.caption_bar.counter.text() == "3 / 9"
    window.show_story(next(iter(window.content.stories)))  # the tour's caption stays
    assert p.caption[0] == "Stop 3"
    p.leave()


def test_closing_during_a_presentation_keeps_the_users_layout(qtbot, content, viewer_mesh_dir):
    from viewer import MainWindow

    first = MainWindow(content, viewer_mesh_dir)
    first.show()
    shown = {name for name, d in first.docks.items() if d.isVisible()}
    assert shown
    first.presentation.enter()
    first.close()
    second = MainWindow(content, viewer_mesh_dir)
    qtbot.addWidget(second)
    second.show()
    try:
        QApplication.processEvents()
        assert {name for name, d in second.docks.items() if d.isVisible()} == shown
        assert second.menuBar().isVisible() and second.toolbar.isVisible()
        assert not second.presentation.caption_dock.isVisible()
        assert second.text_size.boost == 1.0
    finally:
        second.close()
