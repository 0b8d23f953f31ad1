"""Pins drawn in the 3D view: a marker on the structure's surface and a boxed note joined to it by
a leader line, placed anew at every frame, so it follows the camera (no Qt).

A pin's place comes from its structure's mesh as it is at that frame
(:func:`viewer.scene.pins.pin_position`): the pin follows its structure when the shape changes,
and shows exactly when its structure does.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkFiltersSources import vtkSphereSource
from vtkmodules.vtkRenderingCore import (
    vtkActor,
    vtkActor2D,
    vtkPolyDataMapper,
    vtkPolyDataMapper2D,
    vtkTextActor,
)

from ..scene.events import Event
from ..scene.pins import Pin, PinBoard, pin_position
from ..scene.state import SceneState

MARKER_RADIUS_MM = 1.6
MARKER_COLOUR = (0.85, 0.1, 0.45)
#: where a note's box sits from its marker, in logical pixels (right and up)
LABEL_OFFSET_PX = (34.0, 30.0)
FONT_PX = 15
#: beyond this share of the view's width (height) a note goes left of (below) its marker
FLIP_SHARE = 0.7
#: two notes on the same side closer than this many lines (of the font) are set apart
NOTE_LINE_SHARE = 1.9
#: notes whose anchors are closer than this across (logical pixels) may overlap
NOTE_WIDTH_PX = 260.0


class PinLayer:
    """The markers and notes of ``board``'s pins on ``plotter``."""

    def __init__(
        self,
        plotter: pv.BasePlotter,
        state: SceneState,
        board: PinBoard,
        meshes: Mapping[str, pv.PolyData],
        scale: float = 1.0,
    ):
        self.plotter = plotter
        self.state = state
        self.board = board
        self.meshes = meshes
        self.scale = scale
        #: False hides every pin (the quiz)
        self.enabled = True
        self.markers: dict[str, vtkActor] = {}
        self.notes: dict[str, vtkTextActor] = {}
        self._faces: dict[str, np.ndarray] = {}
        self._sphere = vtkSphereSource()
        self._sphere.SetRadius(MARKER_RADIUS_MM)
        self._sphere.SetThetaResolution(16)
        self._sphere.SetPhiResolution(12)
        self._leader_data = vtkPolyData()
        self._leaders = self._make_leaders()
        board.events.pins.connect(self._on_pins)
        self._observer = plotter.renderer.AddObserver("StartEvent", self.place)

    # -- actors ----------------------------------------------------------------------------
    def _make_leaders(self) -> vtkActor2D:
        mapper = vtkPolyDataMapper2D()
        mapper.SetInputData(self._leader_data)
        actor = vtkActor2D()
        actor.SetMapper(mapper)
        actor.GetProperty().SetColor(*MARKER_COLOUR)
        actor.GetProperty().SetLineWidth(2.0)
        actor.SetPickable(False)
        actor.SetVisibility(False)
        self.plotter.renderer.AddViewProp(actor)
        return actor

    def _marker(self) -> vtkActor:
        mapper = vtkPolyDataMapper()
        mapper.SetInputConnection(self._sphere.GetOutputPort())
        actor = vtkActor()
        actor.SetMapper(mapper)
        prop = actor.GetProperty()
        prop.SetColor(*MARKER_COLOUR)
        prop.SetAmbient(0.4)
        actor.SetPickable(False)
        self.plotter.renderer.AddActor(actor)
        return actor

    def _note(self) -> vtkTextActor:
        actor = vtkTextActor()
        tp = actor.GetTextProperty()
        tp.SetFontFamilyToArial()
        tp.SetFontSize(int(round(FONT_PX * self.scale)))
        tp.SetColor(0.1, 0.05, 0.1)
        tp.SetBackgroundColor(1.0, 0.96, 0.75)
        tp.SetBackgroundOpacity(0.92)
        tp.SetFrame(True)
        tp.SetFrameColor(*MARKER_COLOUR)
        tp.SetFrameWidth(2)
        tp.SetVerticalJustificationToBottom()
        actor.SetPickable(False)
        self.plotter.renderer.AddViewProp(actor)
        return actor

    def _on_pins(self, event: Event) -> None:
        for pid in event.ids or ():
            if pid in self.board:
                if pid not in self.markers:
                    self.markers[pid] = self._marker()
                    self.notes[pid] = self._note()
                self.notes[pid].SetInput(self.board.get(pid).text or "…")
            elif pid in self.markers:
                self.plotter.renderer.RemoveActor(self.markers.pop(pid))
                self.plotter.renderer.RemoveViewProp(self.notes.pop(pid))

    # -- where each pin is ---------------------------------------------------------------------
    def faces(self, sid: str) -> np.ndarray:
        mesh = self.meshes[sid]
        faces = self._faces.get(sid)
        if faces is None or len(faces) != mesh.n_cells:
            faces = np.asarray(mesh.faces).reshape(-1, 4)[:, 1:]
            self._faces[sid] = faces
        return faces

    def position(self, pin: Pin) -> np.ndarray:
        """Where ``pin`` sits now (mm), on its structure's surface as the mesh is now."""
        mesh = self.meshes[pin.structure]
        return pin_position(pin, np.asarray(mesh.points), self.faces(pin.structure))

    def shown(self, pin: Pin) -> bool:
        """Whether ``pin`` is drawn: pins on, and its structure shown."""
        return (
            self.enabled
            and pin.structure in self.meshes
            and pin.structure in self.state.structures
            and self.state.appearance(pin.structure).visible
        )

    def note_position(self, pin_id: str) -> tuple[float, float] | None:
        """Where the note of ``pin_id`` was drawn at the last frame (display pixels), or None."""
        note = self.notes.get(pin_id)
        if note is None or not note.GetVisibility():
            return None
        x, y = note.GetPosition()
        return float(x), float(y)

    def place(self, *_args) -> None:
        """Put each marker on its surface point and each note beside it (every frame)."""
        ren = self.plotter.renderer
        width, height = ren.GetSize()
        pts, lines = vtkPoints(), vtkCellArray()
        ox, oy = (v * self.scale for v in LABEL_OFFSET_PX)
        line_px = FONT_PX * self.scale * NOTE_LINE_SHARE
        taken: list[tuple[float, float, bool]] = []  # the notes placed: x, y, to the right
        for pin in self.board:
            marker, note = self.markers.get(pin.id), self.notes.get(pin.id)
            if marker is None or note is None:
                continue
            on = self.shown(pin)
            marker.SetVisibility(on)
            note.SetVisibility(on)
            if not on:
                continue
            p = self.position(pin)
            marker.SetPosition(*p)
            ren.SetWorldPoint(*p, 1.0)
            ren.WorldToDisplay()
            x, y, _ = ren.GetDisplayPoint()
            # the note goes up and right of its marker, or down / left near the view's edge
            up, right = y < height * FLIP_SHARE, x < width * FLIP_SHARE
            nx, ny = x + (ox if right else -ox), y + (oy if up else -oy)
            # clear of the notes placed before it on the same side (one line apart)
            while any(
                r == right and abs(ty - ny) < line_px and abs(tx - nx) < NOTE_WIDTH_PX * self.scale
                for tx, ty, r in taken
            ):
                ny += line_px if up else -line_px
            taken.append((nx, ny, right))
            tp = note.GetTextProperty()
            tp.SetJustificationToLeft() if right else tp.SetJustificationToRight()
            tp.SetVerticalJustificationToBottom() if up else tp.SetVerticalJustificationToTop()
            note.SetDisplayPosition(int(round(nx)), int(round(ny)))
            a = pts.InsertNextPoint(x, y, 0.0)
            b = pts.InsertNextPoint(nx, ny, 0.0)
            lines.InsertNextCell(2, (a, b))
        self._leader_data.SetPoints(pts)
        self._leader_data.SetLines(lines)
        self._leaders.SetVisibility(lines.GetNumberOfCells() > 0)

    def close(self) -> None:
        self.plotter.renderer.RemoveObserver(self._observer)
