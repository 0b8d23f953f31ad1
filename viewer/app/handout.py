"""The one-page handout a patient takes home: what it says (:class:`Handout`, gathered from the
window by :func:`handout_from_window`) and the page itself, drawn with QPainter on a PDF
(:func:`write_pdf`, QPdfWriter), a printer (:func:`print_handout`, QPrinter) or an image
(:func:`page_image`, the preview).

The page (A4 or Letter): a heading and the date; a high-resolution picture of the current 3D
view with plain labels; the painted pain chart, back and front, with its key; the active story's
patient text; where the pain was marked, in words; the physiotherapist's note; the red flags;
the disclaimer. The text shrinks until it fits one page. Privacy: nothing of the handout is kept
once it is saved or printed where the user chose.
"""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from ..render.nerve_glow import PULSE_PHASE_STILL
from ..scene.pain_painting import PAIN_TYPE_NAMES, PAIN_TYPES, PainPainting
from ..scene.pain_zones import ZoneMap
from .pain_chart_drawing import PAIN_STYLES, chart_image

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from .main_window import MainWindow

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
#: the PDF's resolution (dots per inch): the picture keeps its detail
PDF_DPI = 300
#: the page's margin (points)
MARGIN_PT = 30.0
#: the text's size (points) before it shrinks to fit, and the smallest it may become
TEXT_PT, MIN_TEXT_PT = 9.5, 6.5
HEADING = "Understanding your pain"
RED = "#b3261e"


@dataclass(frozen=True)
class Handout:
    """Everything on the page."""

    title: str
    date: datetime.date
    picture: QImage
    charts: tuple[QImage, QImage]
    story_title: str
    story_text: str
    pain_lines: tuple[str, ...]
    red_flags_title: str
    red_flag_groups: tuple[tuple[str, str, tuple[str, ...]], ...]
    disclaimer: str
    note: str = ""


def pain_lines(zone_map: ZoneMap, painting: PainPainting) -> tuple[str, ...]:
    """Where each pain type was marked, in plain words: "Ache: buttock (left), calf (left)"."""
    marks = painting.marks()
    lines = []
    for kind in PAIN_TYPES:
        places = sorted(
            f"{zone_map.name(k.zone, 'patient').lower()} ({k.side})"
            for k, types in marks.items()
            if kind in types
        )
        if places:
            lines.append(f"{PAIN_TYPE_NAMES[kind]}: {', '.join(places)}")
    return tuple(lines)


def capture_view(window: MainWindow, scale: int = 2) -> QImage:
    """The 3D view as it is now, ``scale`` times its size on screen, with labels in the
    patient's words (the labels and voice are put back after)."""
    state = window.state
    voice, labels = state.voice, state.labels
    state.set_voice("patient")
    state.set_labels(True)
    layer = window.scene.labels
    device_scale = layer.scale
    width, height = window.scene.plotter.renderer.GetSize()
    try:
        # drawn at the larger size itself (not tiled), the labels' text scaled along
        layer.scale = device_scale * scale
        window.scene.glows.set_pulse(PULSE_PHASE_STILL)  # the pulse where still pictures show it
        window.scene_view.render()
        pixels = window.scene_view.screenshot(
            None, return_img=True, window_size=(width * scale, height * scale)
        )
    finally:
        layer.scale = device_scale
        state.set_labels(labels)
        state.set_voice(voice)
        window.request_render()
    rgb = np.ascontiguousarray(np.asarray(pixels)[:, :, :3], dtype=np.uint8)
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def story_texts(content, focus) -> tuple[str, str]:
    """The active story's plain title and patient text (its caption and its topic's text); for
    a nerve path, its stages; nothing in focus: a line saying so."""
    if focus is not None and focus.kind == "story":
        story = content.story(focus.key)
        topic = content.topics.get(story.topic)
        text = story.caption.patient
        if topic is not None and topic.patient:
            text = f"{text}\n\n{topic.patient}"
        return story.patient_title, text
    if focus is not None and focus.kind == "path":
        path = content.path(focus.key)
        stages = " ".join(f"{s.patient_name}: {s.patient}" for s in path.stages)
        return f"The S1 nerve's path, {path.side} side", stages
    return "No story chosen", "Choose a story in the app to add its explanation here."


def handout_from_window(
    window: MainWindow, note: str = "", today: datetime.date | None = None
) -> Handout:
    """The handout of what the window shows now, with the physiotherapist's ``note``."""
    content = window.content
    zone_map = window.pain.zone_map
    painting = window.state.pain_painting
    title, text = story_texts(content, window.state.focus)
    flags = content.red_flags
    groups = tuple(
        (g.title.patient, g.action.patient, tuple(s.patient for s in g.signs))
        for g in (flags.emergency, flags.serious)
    )
    return Handout(
        title=HEADING,
        date=today or datetime.date.today(),
        picture=capture_view(window),
        charts=(
            chart_image(zone_map, painting, "posterior", 900),
            chart_image(zone_map, painting, "anterior", 900),
        ),
        story_title=title,
        story_text=text,
        pain_lines=pain_lines(zone_map, painting),
        red_flags_title=flags.title.patient,
        red_flag_groups=groups,
        disclaimer=content.disclaimer,
        note=note.strip(),
    )


def _e(text: str) -> str:
    return html.escape(text).replace("\n\n", "<br><br>").replace("\n", "<br>")


def text_html(h: Handout, pt: float) -> str:
    """The page's text part (points given as pixels: the page is drawn in points)."""
    big, small = pt * 1.35, pt * 0.9
    parts = [
        f"<p style='font-size: {big:.1f}px; font-weight: bold; margin: 0;'>{_e(h.story_title)}</p>",
        f"<p style='margin-top: 2px;'>{_e(h.story_text)}</p>",
    ]
    if h.pain_lines:
        parts.append("<p style='margin-bottom: 0;'><b>Where you marked your pain</b></p><p>")
        parts.append("<br>".join(_e(line) for line in h.pain_lines) + "</p>")
    note = _e(h.note) if h.note else "&nbsp;"
    parts.append(
        "<table width='100%' border='1' cellspacing='0' cellpadding='5' "
        "style='border-color: #4a5560;'><tr><td>"
        f"<b>Note from your physiotherapist</b><br>{note}</td></tr></table>"
    )
    parts.append(
        f"<table width='100%' border='2' cellspacing='0' cellpadding='5' "
        f"style='margin-top: 6px; border-color: {RED}; background-color: #fdecea;'><tr><td>"
        f"<p style='font-size: {big:.1f}px; color: {RED}; font-weight: bold; margin: 0;'>"
        f"{_e(h.red_flags_title)}</p>"
    )
    for title, action, signs in h.red_flag_groups:
        parts.append(f"<p style='margin: 3px 0 0 0;'><b>{_e(title)}</b> {_e(action)}</p><ul>")
        parts += [f"<li>{_e(s)}</li>" for s in signs]
        parts.append("</ul>")
    parts.append("</td></tr></table>")
    parts.append(
        f"<p style='font-size: {small:.1f}px; color: #4a5560;'><i>{_e(h.disclaimer)}</i></p>"
    )
    return "".join(parts)


def _document(h: Handout, width: float, pt: float) -> QTextDocument:
    doc = QTextDocument()
    font = QFont()
    font.setPixelSize(max(1, round(pt)))
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(text_html(h, pt))
    doc.setTextWidth(width)
    return doc


def _legend(p: QPainter, x: float, y: float, width: float) -> None:
    """The pain types' colours and patterns, two a row."""
    step = width / 2
    for n, kind in enumerate(PAIN_TYPES):
        style = PAIN_STYLES[kind]
        box = QRectF(x + (n % 2) * step, y + (n // 2) * 13, 9, 9)
        p.fillRect(box, QColor("white"))
        p.fillRect(box, QBrush(QColor(style.colour), style.pattern))
        p.setPen(QPen(QColor("#333333"), 0.5))
        p.drawRect(box)
        p.drawText(QRectF(box.right() + 3, box.top() - 2, step - 14, 12), PAIN_TYPE_NAMES[kind])


def draw_page(p: QPainter, page: QRectF, h: Handout) -> None:
    """Draw the handout on ``page`` (points; ``p`` already scaled so that 1 unit is 1 pt)."""
    x0, y = page.left() + MARGIN_PT, page.top() + MARGIN_PT
    width = page.width() - 2 * MARGIN_PT
    bottom = page.bottom() - MARGIN_PT
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    heading = QFont()
    heading.setPixelSize(18)
    heading.setBold(True)
    p.setFont(heading)
    p.setPen(QColor("#1f2a33"))
    p.drawText(QRectF(x0, y, width, 24), Qt.AlignmentFlag.AlignLeft, h.title)
    small = QFont()
    small.setPixelSize(9)
    p.setFont(small)
    p.drawText(
        QRectF(x0, y + 4, width, 20),
        Qt.AlignmentFlag.AlignRight,
        f"Date: {h.date.strftime('%d %B %Y').lstrip('0')}",
    )
    y += 28
    # the 3D view (left) and the chart (right)
    row_h = min(270.0, (bottom - y) * 0.42)
    pic_w = width * 0.58
    pic = QRectF(x0, y, pic_w, row_h)
    fitted = QSizeF(h.picture.size()).scaled(pic.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(pic.left(), pic.top(), fitted.width(), fitted.height())
    p.drawImage(target, h.picture)
    p.setPen(QPen(QColor("#9aa0a6"), 0.6))
    p.drawRect(target)
    chart_x = x0 + pic_w + 10
    chart_w = width - pic_w - 10
    p.setFont(small)
    p.setPen(QColor("#1f2a33"))
    p.drawText(
        QRectF(chart_x, y, chart_w, 12), Qt.AlignmentFlag.AlignCenter, "Where you marked pain"
    )
    each = chart_w / 2
    for n, (name, image) in enumerate(zip(("Back", "Front"), h.charts, strict=True)):
        box = QRectF(chart_x + n * each, y + 26, each, row_h - 60)
        p.setFont(small)
        p.setPen(QColor("#1f2a33"))
        p.drawText(QRectF(box.left(), y + 13, each, 12), Qt.AlignmentFlag.AlignCenter, name)
        size = QSizeF(image.size()).scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
        p.drawImage(
            QRectF(box.center().x() - size.width() / 2, box.top(), size.width(), size.height()),
            image,
        )
    legend = QFont()
    legend.setPixelSize(8)
    p.setFont(legend)
    _legend(p, chart_x + 6, y + row_h - 28, chart_w - 6)
    y += row_h + 10
    # the text, shrunk until it fits
    pt = TEXT_PT
    doc = _document(h, width, pt)
    while doc.size().height() > bottom - y and pt > MIN_TEXT_PT:
        pt -= 0.25
        doc = _document(h, width, pt)
    p.save()
    p.translate(x0, y)
    doc.drawContents(p, QRectF(0, 0, width, bottom - y))
    p.restore()


def _paint(device: QPagedPaintDevice, h: Handout) -> None:
    rect = device.pageLayout().fullRect(QPageLayout.Unit.Point)
    p = QPainter(device)
    scale = device.logicalDpiX() / 72.0
    p.scale(scale, scale)
    draw_page(p, QRectF(0, 0, rect.width(), rect.height()), h)
    p.end()


def _layout(page_size: str) -> QPageLayout:
    return QPageLayout(
        QPageSize(PAGE_SIZES[page_size]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
    )


def write_pdf(path: str | Path, h: Handout, page_size: str = "A4") -> Path:
    """The handout as a one-page PDF at ``path`` (``page_size``: "A4" or "Letter")."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(_layout(page_size))
    writer.setTitle(h.title)
    writer.setCreator("L5-S1 viewer")
    _paint(writer, h)
    return Path(path)


def print_handout(printer: QPrinter, h: Handout, page_size: str = "A4") -> None:
    """Print the handout on ``printer`` (one page)."""
    printer.setPageLayout(_layout(page_size))
    _paint(printer, h)


def page_image(h: Handout, page_size: str = "A4", dpi: int = 100) -> QImage:
    """The page as an image (the preview, and what the PDF shows), white ground."""
    size_pt = QPageSize(PAGE_SIZES[page_size]).size(QPageSize.Unit.Point)
    image = QImage(
        round(size_pt.width() * dpi / 72),
        round(size_pt.height() * dpi / 72),
        QImage.Format.Format_RGB32,
    )
    image.fill(QColor("white"))
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    p = QPainter(image)
    p.scale(dpi / 72.0, dpi / 72.0)
    draw_page(p, QRectF(0, 0, size_pt.width(), size_pt.height()), h)
    p.end()
    return image
