"""Leader-line labels that follow the camera.

Each label is a ``vtkCaptionActor2D``: its leader line ends on the structure (the content's label
anchor, or the surface point nearest the mesh's centre) and its text box sits out from the
model's centre on screen, so that it does not cover what it names. Before every render the boxes
are moved outward and, for left/right pairs, only the side nearer the camera is labelled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import product

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import vtkActor2D, vtkPolyDataMapper2D, vtkTextActor

from ..anatomy.structures import mirror_id
from ..scene.state import SceneState

FONT_PX = 17  # logical pixels; scaled by the window's device pixel ratio
LEADER_PX = 70  # how far the box sits out from the anchor
_CHAR_W = 0.58  # mean glyph width, in font heights
#: of a left/right pair, the twin nearer the eye carries the label; twins whose distances differ by
#: less than this (mm) are a tie, and the patient's left is labelled: a front, back, top or bottom
#: view sees both alike, and the label must not jump sides at a rebuild's sub-millimetre changes
TWIN_TIE_MM = 5.0


def surface_anchor(mesh: pv.PolyData) -> np.ndarray:
    """The point of the surface nearest the mesh's bounding-box centre: mid-structure, on the
    surface, and (unlike the nearest vertex) the same point however the surface is triangulated,
    so that a rebuilt mesh keeps its label where it was."""
    found = mesh.find_closest_cell(np.asarray(mesh.center), return_closest_point=True)
    _cell, point = found  # type: ignore[misc]  # a (cell, point) pair with return_closest_point
    return np.asarray(point, dtype=float)


def separate(
    boxes: list[tuple[np.ndarray, np.ndarray]], gap: float = 4.0, rounds: int = 40
) -> None:
    """Push overlapping label boxes (centre, half-size; centres moved in place) apart vertically."""
    for _ in range(rounds):
        moved = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                (ci, hi), (cj, hj) = boxes[i], boxes[j]
                dx = abs(ci[0] - cj[0]) - (hi[0] + hj[0] + gap)
                dy = abs(ci[1] - cj[1]) - (hi[1] + hj[1] + gap)
                if dx < 0 and dy < 0:
                    push = -dy / 2 + 0.5
                    sign = 1.0 if ci[1] >= cj[1] else -1.0
                    ci[1] += sign * push
                    cj[1] -= sign * push
                    moved = True
        if not moved:
            return


class LabelLayer:
    def __init__(
        self,
        plotter: pv.BasePlotter,
        state: SceneState,
        names: Mapping[str, str],
        anchors: Mapping[str, Sequence[float] | np.ndarray],
        scale: float = 1.0,
        model_bounds: Callable[[], Sequence[float]] | None = None,
    ):
        self.plotter = plotter
        self.model_bounds = model_bounds
        self.state = state
        self.enabled = state.labels
        self.scale = scale
        self.anchors = {sid: np.asarray(p, dtype=float) for sid, p in anchors.items()}
        self.texts: dict[str, vtkTextActor] = {
            sid: self._text(names.get(sid, sid)) for sid in self.anchors
        }
        self._leaders = self._make_leaders()
        self._observer = plotter.renderer.AddObserver("StartEvent", self._place)
        state.events.labels.connect(self._on_labels)

    def _text(self, text: str) -> vtkTextActor:
        actor = vtkTextActor()
        actor.SetInput(text)
        tp = actor.GetTextProperty()
        tp.SetFontFamilyToArial()
        tp.BoldOn()
        tp.ShadowOff()
        tp.SetColor(0.08, 0.1, 0.14)
        tp.SetBackgroundColor(1.0, 1.0, 1.0)
        tp.SetBackgroundOpacity(0.85)
        tp.SetFrame(True)
        tp.SetFrameColor(0.3, 0.33, 0.38)
        tp.SetFrameWidth(1)
        tp.SetJustificationToCentered()
        tp.SetVerticalJustificationToCentered()
        actor.SetPickable(False)
        actor.SetVisibility(False)
        self.plotter.renderer.AddViewProp(actor)
        return actor

    def _make_leaders(self) -> vtkActor2D:
        self._leader_data = vtkPolyData()
        mapper = vtkPolyDataMapper2D()
        mapper.SetInputData(self._leader_data)
        actor = vtkActor2D()
        actor.SetMapper(mapper)
        prop = actor.GetProperty()
        prop.SetColor(0.1, 0.12, 0.16)
        prop.SetLineWidth(2.0)
        actor.SetPickable(False)
        self.plotter.renderer.AddViewProp(actor)
        return actor

    @property
    def shown(self) -> list[str]:
        """The structures labelled in the last frame."""
        return [sid for sid, t in self.texts.items() if t.GetVisibility()]

    def _on_labels(self, event) -> None:
        """The state switched the labels on or off."""
        self.enabled = bool(event.value)
        if not self.enabled:
            self._hide_all()

    def _hide_all(self) -> None:
        for t in self.texts.values():
            t.SetVisibility(False)
        self._leaders.SetVisibility(False)

    def _wanted(self, sid: str, eye: np.ndarray) -> bool:
        if not self.state.appearance(sid).labelled:
            return False
        twin = mirror_id(sid)
        if twin is not None and self.state.selected in (sid, twin):
            return self.state.selected == sid  # the selected one of a pair is labelled
        if twin is not None and twin in self.anchors and self.state.appearance(twin).visible:
            # label only the twin nearer the eye (ties: the patient's left)
            d_self = float(np.linalg.norm(self.anchors[sid] - eye))
            d_twin = float(np.linalg.norm(self.anchors[twin] - eye))
            if abs(d_self - d_twin) < TWIN_TIE_MM:
                return self.state.structures[sid].side == "left"
            return d_self < d_twin
        return True

    def _place(self, *_args) -> None:
        if not self.enabled or not self.texts:
            return
        ren = self.plotter.renderer
        eye = np.asarray(ren.GetActiveCamera().GetPosition())
        shown = [sid for sid in self.texts if self._wanted(sid, eye)]
        if not shown:
            self._hide_all()
            return
        font = max(8, int(round(FONT_PX * self.scale)))
        disp = {sid: self._to_display(ren, self.anchors[sid]) for sid in shown}
        centre = np.mean(list(disp.values()), axis=0)
        columns = self._columns(ren)
        boxes: dict[str, list] = {}
        for sid, actor in self.texts.items():
            if sid not in disp:
                actor.SetVisibility(False)
                continue
            p = disp[sid]
            half = np.array([0.5 * (len(actor.GetInput()) * _CHAR_W + 0.6) * font, 0.75 * font])
            if columns is not None:
                # textbook style: a column of labels either side of the model
                left = p[0] < centre[0]
                x = columns[0] - half[0] if left else columns[1] + half[0]
                x = float(np.clip(x, half[0] + 4, ren.GetSize()[0] - half[0] - 4))
                q = np.array([x, p[1]])
            else:
                d = p - centre
                n = np.linalg.norm(d)
                d = d / n if n > 1e-6 else np.array([1.0, 0.0])
                q = p + d * LEADER_PX * self.scale + d * half
            boxes[sid] = [p, q, half]
        separate([(b[1], b[2]) for b in boxes.values()], gap=0.3 * font)
        points, lines = [], []
        for sid, (p, q, half) in boxes.items():
            actor = self.texts[sid]
            actor.GetTextProperty().SetFontSize(font)
            actor.SetDisplayPosition(int(q[0]), int(q[1]))
            actor.SetVisibility(True)
            # leader: from the anchor to the nearest point of the box's edge
            edge = np.clip(p, q - half, q + half)
            points += [(p[0], p[1], 0.0), (edge[0], edge[1], 0.0)]
            lines.append((len(points) - 2, len(points) - 1))
        pts = vtkPoints()
        for xyz in points:
            pts.InsertNextPoint(*xyz)
        cells = vtkCellArray()
        for a, b in lines:
            cells.InsertNextCell(2, (a, b))
        self._leader_data.SetPoints(pts)
        self._leader_data.SetLines(cells)
        self._leaders.SetVisibility(bool(lines))

    def _columns(self, ren) -> tuple[float, float] | None:
        """Screen x of the left and right label columns: just outside the model's projection."""
        if self.model_bounds is None:
            return None
        b = np.asarray(self.model_bounds(), dtype=float).reshape(3, 2)
        xs = [self._to_display(ren, c)[0] for c in product(*b)]
        gap = 0.6 * LEADER_PX * self.scale
        return min(xs) - gap, max(xs) + gap

    @staticmethod
    def _to_display(ren, point) -> np.ndarray:
        ren.SetWorldPoint(*point, 1.0)
        ren.WorldToDisplay()
        x, y, _ = ren.GetDisplayPoint()
        return np.array([x, y])

    def close(self) -> None:
        self.plotter.renderer.RemoveObserver(self._observer)
