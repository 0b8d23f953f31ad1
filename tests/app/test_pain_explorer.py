"""The "Where does it hurt?" explorer in the window, driven by real mouse events: painting and
erasing on the chart, the ranked list, "Show me" opening the story, painting on the 3D skin, and
no pain data in the settings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from viewer.app import settings
from viewer.scene.pain_zones import ZoneKey


@pytest.fixture
def explorer(window, qapp):
    window.docks["pain"].show()
    window.docks["pain"].raise_()
    qapp.processEvents()
    yield window.pain.explorer
    window.state.pain_painting.clear()
    window.pain.explorer.choose("brush", "ache")
    window.pain.explorer.skin_toggle.setChecked(False)


def zone_point(explorer, key: ZoneKey, view: str) -> QPoint:
    figure = explorer.chart.figures[view]
    x, y = explorer.zone_map.centre(key, view)
    return figure.widget_point(x, y).toPoint()


def click(explorer, key: ZoneKey, view: str) -> None:
    figure = explorer.chart.figures[view]
    QTest.mouseClick(figure, Qt.MouseButton.LeftButton, pos=zone_point(explorer, key, view))


def stroke(explorer, keys: list[ZoneKey], view: str) -> None:
    """One press-drag-release through the zones, in order."""
    figure = explorer.chart.figures[view]
    points = [zone_point(explorer, k, view) for k in keys]
    QTest.mousePress(figure, Qt.MouseButton.LeftButton, pos=points[0])
    for a, b in zip(points, points[1:], strict=False):
        for t in np.linspace(0, 1, 6)[1:]:
            QTest.mouseMove(figure, a + (b - a) * t)
    QTest.mouseRelease(figure, Qt.MouseButton.LeftButton, pos=points[-1])


def test_a_stroke_down_the_back_of_the_leg_ranks_s1_first_and_show_me_opens_its_story(
    window, explorer, qapp
):
    left = [ZoneKey(z, "left") for z in ("buttock", "posterior_thigh")]
    stroke(explorer, left, "posterior")
    click(explorer, ZoneKey("lateral_foot", "left"), "posterior")
    painting = window.state.pain_painting
    assert set(painting.painted("left")) == {"buttock", "posterior_thigh", "lateral_foot"}
    assert painting.types_at(ZoneKey("buttock", "left")) == {"ache": 1.0}
    assert explorer.rows[0].id == "s1_root" and explorer.rows[0].side == "left"
    label = explorer.findChild(type(explorer.heading), "pain_source_s1_root_left")
    assert label is not None and "S1" in label.text()
    assert explorer.disclaimer.isVisible() and "not diagnosis" in explorer.disclaimer.text()
    QTest.mouseClick(explorer.show_buttons[0], Qt.MouseButton.LeftButton)
    qapp.processEvents()
    focus = window.state.focus
    assert focus is not None and (focus.kind, focus.key) == ("story", "s1_radiculopathy")
    assert focus.side == "left"


def test_groin_on_the_front_ranks_the_hip_joint_first_and_never_s1(window, explorer):
    click(explorer, ZoneKey("groin", "right"), "anterior")
    assert explorer.rows[0].id == "hip_joint" and explorer.rows[0].side == "right"
    assert "s1_root" not in {r.id for r in explorer.rows}
    QTest.mouseClick(explorer.show_buttons[0], Qt.MouseButton.LeftButton)
    assert window.state.focus.key == "referred_pain" and window.state.focus.side == "right"


def test_pain_types_and_the_eraser(window, explorer):
    key = ZoneKey("calf", "left")
    explorer.choose("brush", "pins_and_needles")
    QTest.mouseClick(explorer.type_buttons["numbness"], Qt.MouseButton.LeftButton)
    click(explorer, key, "posterior")
    explorer.choose(pain_type="pins_and_needles")
    click(explorer, key, "posterior")
    assert set(window.state.pain_painting.types_at(key)) == {"numbness", "pins_and_needles"}
    QTest.mouseClick(explorer.tool_buttons["eraser"], Qt.MouseButton.LeftButton)
    click(explorer, key, "posterior")
    assert set(window.state.pain_painting.types_at(key)) == {"numbness"}
    explorer.choose(pain_type="all")
    click(explorer, key, "posterior")
    assert window.state.pain_painting.empty
    assert explorer.rows == []
    assert explorer.findChild(type(explorer.heading), "pain_sources_empty") is not None


def test_the_chart_draws_what_is_painted(window, explorer, qapp):
    figure = explorer.chart.figures["posterior"]
    key = ZoneKey("buttock", "left")
    point = zone_point(explorer, key, "posterior")
    before = figure.grab().toImage().pixelColor(point)
    assert abs(before.red() - before.blue()) < 30, "the bare figure is grey"
    click(explorer, key, "posterior")
    qapp.processEvents()
    point = zone_point(explorer, key, "posterior")  # the list below may have resized the chart
    after = figure.grab().toImage().pixelColor(point)
    assert after.red() > after.blue() + 60  # the ache's red


def test_painting_on_the_3d_skin(window, explorer, qapp):
    window.set_view("posterior", animate=False)
    QTest.mouseClick(explorer.skin_toggle, Qt.MouseButton.LeftButton)
    assert window.pain.brush.active and "skin" in window.state.visible
    layer = window.pain.layer
    # a point of the left buttock's skin, projected into the view
    skin = window.scene.renderer.meshes["skin"]
    wanted = [i for i, k in enumerate(layer.zones) if k == ZoneKey("buttock", "left")]
    centre = np.asarray(skin.points)[wanted].mean(axis=0)
    dx, dy = window.scene.renderer.world_to_display(centre)
    dpr = window.scene_view.devicePixelRatioF()
    height = window.scene.plotter.renderer.GetSize()[1]
    pos = QPoint(int(dx / dpr), int((height - dy) / dpr))
    QTest.mouseClick(window.scene_view, Qt.MouseButton.LeftButton, pos=pos)
    qapp.processEvents()
    assert window.state.pain_painting.painted("left") == {"buttock": 1.0}
    assert len(layer.painted_vertices()) >= 30
    assert window.state.selected is None, "a stroke paints, it does not select"
    QTest.mouseClick(explorer.skin_toggle, Qt.MouseButton.LeftButton)
    assert not window.pain.brush.active


def test_settings_hold_no_pain_data(window, explorer, qapp, tmp_path):
    # only what the app writes from here on (an earlier test's recent-scene paths may hold
    # its own name, "test_the_pain_map_...")
    settings.settings().clear()
    for zone in ("buttock", "groin", "lateral_foot"):
        window.state.pain_painting.brush(ZoneKey(zone, "left"), "sharp")
    settings.save_window(window)
    store = settings.settings()
    store.sync()
    assert store.allKeys(), "the settings were saved"
    dumped = " ".join(f"{k}={store.value(k)!r}" for k in store.allKeys()).lower()
    dumped += Path(store.fileName()).read_text(encoding="utf-8", errors="replace").lower()
    for word in ("buttock", "groin", "lateral_foot", "sharp", "pain_map", "marks"):
        assert word not in dumped, word
