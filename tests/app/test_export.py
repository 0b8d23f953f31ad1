"""Export (issue 10, finding 7): File › Export picture… writes the view at a chosen resolution
(presets up to 4K, or custom) with the labels, the caption and, optionally, the body chart, into a
folder the user picks and the app remembers; ``--screenshot`` has the same options."""

from __future__ import annotations

import numpy as np
from PIL import Image

from viewer.__main__ import main
from viewer.app.caption_bar import BACKGROUND
from viewer.app.chart_drawing import PATTERN_COLOURS
from viewer.app.export_dialog import ExportDialog
from viewer.app.export_picture import CHART_SHARE, PRESETS
from viewer.app.settings import settings


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)


def _share_near(pixels: np.ndarray, colour: str, tolerance: float = 30.0) -> float:
    """The share of ``pixels`` within ``tolerance`` of ``colour``."""
    d = np.abs(pixels[..., :3].astype(float) - _rgb(colour)).max(axis=-1)
    return float((d < tolerance).mean())


def _check_caption_and_chart(path, size, chart: bool) -> None:
    img = np.asarray(Image.open(path).convert("RGB"))
    assert img.shape[:2] == (size[1], size[0])
    # the caption: a dark band along the bottom, as wide as the picture
    band = img[-max(4, size[1] // 40) :, :, :]
    assert _share_near(band, BACKGROUND) > 0.6
    # the body chart: a white column on the right with the first pattern's colour in it
    column = img[: size[1] // 2, int(size[0] * (1 - CHART_SHARE)) + 4 :, :]
    white = float((column.min(axis=-1) > 245).mean())
    pattern = _share_near(column, PATTERN_COLOURS[0], 60.0)
    if chart:
        assert white > 0.5 and pattern > 0.002
    else:
        assert white < 0.2  # the chart's column is over half white; a picture has some white


def test_the_export_dialog_writes_the_chosen_size_caption_and_chart(
    qtbot, window, content, tmp_path
):
    window.show_story(next(iter(content.stories)))
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.preset.findText(max(PRESETS, key=lambda k: PRESETS[k][0])) >= 0
    assert max(w for w, _h in PRESETS.values()) == 3840  # up to 4K
    dialog.preset.setCurrentText("HD 1280 × 720")
    assert (dialog.width_box.value(), dialog.height_box.value()) == (1280, 720)
    dialog.width_box.setValue(1400)  # a custom size
    assert dialog.preset.currentText() == "Custom"
    dialog.caption.setChecked(True)
    dialog.chart.setChecked(True)
    dialog.folder.setText(str(tmp_path / "pictures"))
    path = dialog.export()
    assert path.parent == tmp_path / "pictures" and path.suffix == ".png"
    _check_caption_and_chart(path, (1400, 720), chart=True)
    assert window.statusBar().currentMessage() == f"Saved {path}"
    # the folder is remembered for the next export
    assert settings().value("export_folder") == str(tmp_path / "pictures")
    again = ExportDialog(window)
    qtbot.addWidget(again)
    assert again.folder.text() == str(tmp_path / "pictures")


def test_an_export_without_the_chart_leaves_it_out(qtbot, window, content, tmp_path):
    window.show_story(next(iter(content.stories)))
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.width_box.setValue(800)
    dialog.height_box.setValue(500)
    dialog.chart.setChecked(False)
    dialog.folder.setText(str(tmp_path))
    _check_caption_and_chart(dialog.export(), (800, 500), chart=False)


def test_screenshot_at_4k_with_caption_and_chart(qapp, content, tmp_path, capsys):
    out = tmp_path / "story.png"
    story = next(iter(content.stories))
    code = main(
        [
            "--screenshot",
            str(out),
            "--size",
            "3840x2160",
            "--caption",
            "--chart",
            "--story",
            story,
        ]
    )
    assert code == 0 and capsys.readouterr().out.strip() == str(out)
    _check_caption_and_chart(out, (3840, 2160), chart=True)


def test_ctrl_shift_e_opens_the_export_dialog(qtbot, window, monkeypatch):
    from PySide6.QtCore import Qt

    opened: list[ExportDialog] = []

    def exec_(self) -> int:
        opened.append(self)
        return 0

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    window.activateWindow()
    qtbot.keyClick(
        window.scene_view,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(opened) == 1
    dialog = opened[0]
    assert (dialog.width_box.value(), dialog.height_box.value()) == PRESETS["Full HD 1920 × 1080"]
    assert dialog.file_name.text().endswith("-1920x1080.png")
