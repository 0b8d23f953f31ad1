"""The one-page handout, made from the window with real clicks and keys: its PDF (read back
without poppler, :mod:`tests.app.pdf_text`) holds the story's patient text, the red flags, the
disclaimer, the date, the painted places and the physiotherapist's note on one A4 or Letter page,
with a high-resolution picture of the 3D view; the page as drawn shows the painted chart."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from tests.app.pdf_text import image_sizes, page_boxes, page_text, pages, words
from viewer.app import settings
from viewer.app.handout import page_image
from viewer.scene.pain_zones import ZoneKey

NOTE = "Walk twenty minutes a day; exercises 1 to 3 twice daily. See you on Friday."


@pytest.fixture
def dialog(window, qapp):
    window.show_story("s1_radiculopathy", "left")
    window.loop.apply_pose(window.renderer.camera_pose())
    painting = window.state.pain_painting
    for zone in ("buttock", "posterior_thigh", "calf"):
        painting.brush(ZoneKey(zone, "left"), "ache")
    painting.brush(ZoneKey("lateral_foot", "left"), "pins_and_needles")
    for _ in range(3):
        qapp.processEvents()
    toolbar = window.toolbar.widgetForAction(window.actions_by_name["handout"])
    QTest.mouseClick(toolbar, Qt.MouseButton.LeftButton)
    qapp.processEvents()
    d = window.handout_dialog
    assert d.isVisible()
    yield d
    d.close()
    painting.clear()


def save_with_the_button(dialog, path, monkeypatch):
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "PDF (*.pdf)"))
    )
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert path.exists()
    return path.read_bytes()


def test_the_pdf_says_what_the_patient_needs(window, dialog, tmp_path, monkeypatch):
    dialog.note.setFocus()
    QTest.keyClicks(dialog.note, NOTE)
    dialog.page_size.setCurrentText("Letter")
    data = save_with_the_button(dialog, tmp_path / "handout.pdf", monkeypatch)
    assert len(pages(data)) == 1
    assert page_boxes(data) == [(612.0, 792.0)]
    text = words(page_text(data))
    content = window.content
    story = content.story("s1_radiculopathy")
    assert story.patient_title in text
    assert words(story.caption.patient) in text
    flags = content.red_flags
    assert flags.title.patient in text
    for group in (flags.emergency, flags.serious):
        for sign in group.signs:
            assert words(sign.patient) in text, sign.id
    assert words(content.disclaimer) in text
    assert NOTE in text
    assert "Ache: back of the thigh (left), buttock (left), calf (left)" in text
    assert "Pins and needles: outer edge of the foot (left)" in text
    today = datetime.date.today()
    assert f"{today.day} {today.strftime('%B %Y')}" in text


def test_the_picture_is_high_resolution_and_a4_is_a4(window, dialog, tmp_path, monkeypatch):
    data = save_with_the_button(dialog, tmp_path / "a4.pdf", monkeypatch)
    assert page_boxes(data) == [(595.0, 842.0)]
    view = window.scene_view
    biggest = max(image_sizes(data))
    assert biggest[0] >= 2 * view.width() - 2 and biggest[1] >= 2 * view.height() - 2


def test_the_page_shows_the_painted_chart_and_the_red_flag_box(window, dialog):
    image = page_image(dialog.handout(), "A4", dpi=72)
    # the red-flag box's pink and the ache's red are on the page; the top is the white margin
    colours = {
        (image.pixelColor(x, y).red() // 16, image.pixelColor(x, y).green() // 16)
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    }
    pink = QColor("#fdecea")
    assert (pink.red() // 16, pink.green() // 16) in colours
    ache = [
        (x, y)
        for x in range(image.width() // 2, image.width(), 2)
        for y in range(0, image.height() // 2, 2)
        if (c := image.pixelColor(x, y)).red() > 170 and c.green() < 110 and c.blue() < 120
    ]
    assert len(ache) > 20, "the ache painted on the chart shows"
    assert image.pixelColor(5, 5) == QColor("white")


def test_the_note_is_never_kept_in_the_settings(window, dialog):
    QTest.keyClicks(dialog.note, "private note 4711")
    settings.save_window(window)
    window.patient_mode.save_settings()
    store = settings.settings()
    dumped = " ".join(f"{k}={store.value(k)!r}" for k in store.allKeys())
    assert store.allKeys() and "4711" not in dumped


def test_printing_goes_through_qprinter(window, dialog, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from viewer.app.handout import print_handout

    QTest.keyClicks(dialog.note, NOTE)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    print_handout(printer, dialog.handout(), "Letter")
    data = out.read_bytes()
    assert len(pages(data)) == 1 and page_boxes(data) == [(612.0, 792.0)]
    assert NOTE in words(page_text(data))
