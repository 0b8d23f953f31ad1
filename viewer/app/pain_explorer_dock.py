"""Puts the "Where does it hurt?" explorer into the window: its dock (beside the pain map), the
paint layer on the 3D skin and the skin brush, and "Show me" opening the story on its side.

``install_pain_explorer(window)`` is called once, after the other docks are built and before the
menus (so the Window menu lists the dock).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .. import locations
from ..render.skin_paint import SKIN, SkinPaintLayer
from ..scene.pain_zones import ZoneMap
from .docks import RIGHT, _dock, _scrolling
from .pain_explorer import PainExplorer
from .pain_skin_brush import SkinBrush

if TYPE_CHECKING:
    from .main_window import MainWindow


def skin_base_index(vertex_count: int) -> np.ndarray:
    """The skin's base.obj index per vertex (all -1 when the file is missing or stale, so the
    skin then paints nothing rather than the wrong zones)."""
    path = locations.mesh_file(SKIN, locations.BASE_INDEX_SUFFIX)
    if path.exists():
        index = np.load(path, allow_pickle=False)
        if index.shape == (vertex_count,):
            return index
    return np.full(vertex_count, -1, np.int64)


class PainExplorerParts:
    """What the installer made: ``explorer`` (the widget), ``dock``, ``layer`` (the skin's paint,
    None without a skin mesh) and ``brush`` (None likewise)."""

    def __init__(self, window: MainWindow):
        self.zone_map = ZoneMap(window.content)
        self.explorer = PainExplorer(window.content, window.state, self.zone_map)
        self.dock = _dock(
            window, "pain_explorer_dock", "Where does it hurt?", _scrolling(self.explorer), RIGHT
        )
        window.tabifyDockWidget(window.docks["chart"], self.dock)
        guard = window.slot_errors.guard
        self.explorer.story_requested.connect(guard(self._show_story, "show me"))
        self.layer: SkinPaintLayer | None = None
        self.brush: SkinBrush | None = None
        renderer = window.scene.renderer
        if SKIN in renderer.meshes:
            index = skin_base_index(renderer.meshes[SKIN].n_points)
            self.layer = SkinPaintLayer(
                renderer, window.content, window.state.pain_painting, index, window.request_render
            )
            self.brush = SkinBrush(
                window.pointer, self.layer, window.state, self.explorer.apply_tool
            )
            self.explorer.skin_painting_toggled.connect(guard(self._paint_on_skin))
        else:
            self.explorer.skin_toggle.setEnabled(False)
        self._window = window

    def _show_story(self, story_id: str, side: str) -> None:
        self._window.show_story(story_id, side)  # type: ignore[arg-type]

    def _paint_on_skin(self, on: bool) -> None:
        if self.brush is not None:
            self.brush.set_active(on)
            self._window.request_render()

    def stop(self) -> None:
        if self.brush is not None:
            self.brush.stop()
        if self.layer is not None:
            self.layer.close()


def install_pain_explorer(window: MainWindow) -> PainExplorerParts:
    parts = PainExplorerParts(window)
    window.docks["pain"] = parts.dock
    return parts
