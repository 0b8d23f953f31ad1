"""``run()``: the application, one window, and what the command line asked it to show."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ..content import Annotations, Problem
from ..scene.state import Voice
from ..scene.tour import Tour
from ..vocabulary import Side
from .main_window import MainWindow
from .settings import APPLICATION, ORGANISATION


def run(
    content: Annotations,
    mesh_dir: Path | None = None,
    select: str | None = None,
    view: str | None = None,
    xray: bool = False,
    story: str | None = None,
    highlight_path: str | None = None,
    side: Side | None = None,
    voice: Voice | None = None,
    content_problems: Sequence[Problem] = (),
    scene_file: Path | None = None,
    tour: Tour | None = None,
    step: int = 1,
    patient: bool = False,
) -> int:
    """Open the window on ``content`` and run the event loop; the exit code.

    ``side`` tells the story (or the S1 path) on that side; ``voice`` (None: as last time) is
    the words the texts and labels speak in; ``scene_file`` a scene to open (over the rest);
    ``tour`` a guided tour to play from step ``step`` (from 1); ``patient`` opens in patient
    mode."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    window = MainWindow(content, mesh_dir)
    window.show()
    if patient:
        window.patient_mode.set_on(True)
    if view:
        window.set_view(view, animate=False)
    window.state.set_xray(xray)
    if voice is not None:
        window.set_voice(voice)
    if story:
        window.show_story(story, side)
    if highlight_path:
        window.show_path(highlight_path, side)
    if select:
        window.select(select, frame=True)
    if scene_file is not None:
        window.scene_files.open_reporting(scene_file)
    if tour is not None and tour.steps:
        window.tours.set_tour(tour)
        window.tours.player.play(tour, max(0, min(step, len(tour.steps)) - 1))
    window.request_render()
    if content_problems:
        window.report_content_problems(content_problems)
    return app.exec()
