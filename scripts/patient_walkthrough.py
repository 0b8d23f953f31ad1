"""Make the pictures of a full patient explanation, start to handout, into ``docs/`` (a real
window under Xvfb, 1280 x 720, grabbed with QWidget.grab; the 3D view pasted in from VTK)::

    xvfb-run -a -s "-screen 0 1280x720x24" python scripts/patient_walkthrough.py

Settings go to a temporary folder (the user's are never touched).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

DOCS = ROOT / "docs"


def settle(app: QApplication, seconds: float = 0.6) -> None:
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.02)


def grab(window, path: Path) -> None:
    """The window as shown, its 3D view drawn in from VTK (Xvfb's grab leaves GL black)."""
    window.scene_view.render()
    image = window.grab().toImage()
    view = window.scene_view
    pixels = view.screenshot(None, return_img=True)
    h, w = pixels.shape[:2]
    shot = QImage(pixels.tobytes(), w, h, 3 * w, QImage.Format.Format_RGB888)
    p = QPainter(image)
    p.drawImage(view.mapTo(window, QPoint(0, 0)), shot)
    p.end()
    image.save(str(path))
    print(path)


def main() -> int:
    folder = tempfile.mkdtemp(prefix="l5s1-settings-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
    app = QApplication(sys.argv[:1])
    from viewer import MainWindow
    from viewer.app.handout import page_image, write_pdf
    from viewer.scene.pain_zones import ZoneKey

    window = MainWindow()
    window.resize(1280, 720)
    window.show()
    settle(app)
    # 1. patient mode, side chosen once
    window.patient_mode.set_on(True)
    window.side_chooser.choose("left")
    window.set_view("posterior", animate=False)
    settle(app)
    grab(window, DOCS / "patient_01_patient_mode.png")
    # 2. "Where do you feel it?": painted on the chart with the mouse
    explorer = window.pain.explorer
    chart = explorer.chart
    for zone, view, kind in (
        ("buttock", "posterior", "ache"),
        ("posterior_thigh", "posterior", "ache"),
        ("calf", "posterior", "ache"),
        ("lateral_foot", "posterior", "pins_and_needles"),
    ):
        explorer.choose("brush", kind)
        figure = chart.figures[view]
        x, y = explorer.zone_map.centre(ZoneKey(zone, "left"), view)
        QTest.mouseClick(figure, Qt.MouseButton.LeftButton, pos=figure.widget_point(x, y).toPoint())
        settle(app, 0.1)
    settle(app)
    grab(window, DOCS / "patient_02_explorer.png")
    # 3. the same pain on the 3D skin
    explorer.skin_toggle.setChecked(True)
    settle(app)
    grab(window, DOCS / "patient_03_skin.png")
    explorer.skin_toggle.setChecked(False)
    # 4. "Show me" on the best match: the S1 story, told plainly
    QTest.mouseClick(explorer.show_buttons[0], Qt.MouseButton.LeftButton)
    settle(app, 2.5)
    grab(window, DOCS / "patient_04_story.png")
    # 5. "When to get help", one click away
    dialog = window.patient_mode.show_red_flags()
    settle(app)
    dialog.grab().save(str(DOCS / "patient_05_red_flags.png"))
    print(DOCS / "patient_05_red_flags.png")
    dialog.close()
    # 6. the handout
    handout_dialog = window.make_handout()
    QTest.keyClicks(
        handout_dialog.note,
        "Walk 20 minutes a day. Exercises 1 to 3, twice daily. Next visit: Friday.",
    )
    settle(app)
    handout_dialog.grab().save(str(DOCS / "patient_06_handout_dialog.png"))
    print(DOCS / "patient_06_handout_dialog.png")
    h = handout_dialog.handout()
    page_image(h, "A4", dpi=110).save(str(DOCS / "patient_07_handout_page.png"))
    print(DOCS / "patient_07_handout_page.png")
    write_pdf(Path(folder) / "handout.pdf", h, "A4")
    handout_dialog.close()
    window.patient_mode.set_on(False)
    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
