"""Leader-line labels that tell the truth.

Each label names one structure, and its leader ends on a point where that structure is what the
eye sees (:mod:`.label_anchors`); a structure with no such point carries no label. This is
checked on still frames only, once per viewpoint and state: while the model moves the labels are
hidden. The labels speak in the state's voice and follow it.

The boxes sit in a column either side of the model's footprint on screen, never over it, over
each other or past the view's edge (:mod:`.label_layout`); their text scales with the window's
device pixel ratio and with :meth:`LabelLayer.set_text_scale` (the text-size setting).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import vtkActor2D, vtkPolyDataMapper2D, vtkTextActor

from ..anatomy.structures import mirror_id
from ..scene.events import Event
from ..scene.state import SceneState
from .label_anchors import LeaderEnds, surface_anchor
from .label_layout import Footprint, LabelBox, Placed, layout
from .visibility import SightLines

__all__ = ["FONT_PX", "TWIN_TIE_MM", "LabelLayer", "surface_anchor"]

FONT_PX = 17  # logical pixels, times the device pixel ratio and the text scale
GAP_PX = 18  # between the model's footprint and a box
SPACING_PX = 4  # between two boxes
MARGIN_PX = 6  # between a box and the view's edge
#: a standard view leaves room beside the model for labels this wide (a percentile of their widths)
ROOM_PERCENTILE = 90
DOT_PX = 5.0  # the dot at a leader's end
#: of a left/right pair, the twin nearer the eye carries the label; twins whose distances differ by
#: less than this (mm) are a tie, and the patient's left is labelled: a front, back, top or bottom
#: view sees both alike, and the label must not jump sides at a rebuild's sub-millimetre changes
TWIN_TIE_MM = 5.0


NameOf = Mapping[str, str] | Callable[[str], str]


class LabelLayer:
    """The labels of ``anchors`` (structure id -> preferred anchor, most important first)."""

    def __init__(
        self,
        plotter: pv.BasePlotter,
        state: SceneState,
        names: NameOf,
        anchors: Mapping[str, Sequence[float] | np.ndarray],
        meshes: Mapping[str, pv.PolyData],
        sight: SightLines,
        scale: float = 1.0,
        moving: Callable[[], bool] | None = None,
    ):
        self.plotter = plotter
        self.state = state
        self.meshes = meshes
        self.sight = sight
        self.enabled = state.labels
        self.scale = scale
        self.text_scale = 1.0
        self.moving = moving or (lambda: False)
        self._names = names
        self.anchors = {sid: np.asarray(p, dtype=float) for sid, p in anchors.items()}
        self.texts: dict[str, vtkTextActor] = {sid: self._text() for sid in self.anchors}
        self._relabel()
        self.leader_ends = LeaderEnds(meshes, sight, self.anchors)
        # the vertices, projected on still frames to find the model's footprint on screen
        self._vertices = {sid: np.asarray(m.points, dtype=np.float32) for sid, m in meshes.items()}
        self._outline: tuple[frozenset[str] | None, np.ndarray] = (None, np.zeros((0, 3)))
        self._key: tuple | None = None
        self._seen: dict[str, np.ndarray | None] = {}
        self._footprint: Footprint | None = None
        self._sizes: dict[tuple[str, int], tuple[tuple[float, float], ...]] = {}
        #: the labels of the last still frame: box, column and leader end (display pixels)
        self.placed: list[Placed] = []
        self._leaders = self._make_leaders()
        self._observer = plotter.renderer.AddObserver("StartEvent", self._place)
        state.events.labels.connect(self._on_labels)
        voice = getattr(state.events, "voice", None)
        if voice is not None:
            voice.connect(lambda _event: self._relabel())

    # -- the actors ----------------------------------------------------------------------------
    def _text(self) -> vtkTextActor:
        actor = vtkTextActor()
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
        actor.SetVisibility(False)
        self.plotter.renderer.AddViewProp(actor)
        return actor

    def name(self, sid: str) -> str:
        names = self._names
        return names(sid) if callable(names) else names.get(sid, sid)

    def _relabel(self) -> None:
        """Every label's text anew (the voice changed)."""
        for sid, actor in self.texts.items():
            actor.SetInput(self.name(sid))
        if hasattr(self, "_sizes"):
            self._sizes.clear()

    @property
    def shown(self) -> list[str]:
        """The structures labelled in the last frame."""
        return [p.sid for p in self.placed]

    def set_text_scale(self, factor: float) -> None:
        """Scale the labels' text (1: the standard size), e.g. with the app's text size."""
        self.text_scale = max(0.25, float(factor))

    @property
    def font_px(self) -> int:
        return max(8, int(round(FONT_PX * self.scale * self.text_scale)))

    def column_px(self) -> float:
        """How wide a column of labels beside the model is (display pixels): a label in its
        narrower form (the ROOM_PERCENTILE-th of their widths), the gap to the model and the
        margin to the view's edge; 0 when the labels are off. A standard view leaves this much
        free on each side of the model."""
        if not self.enabled or not self.texts:
            return 0.0
        font = self.font_px
        widths = [min(w for w, _h in self._box_sizes(sid, font)) for sid in self.texts]
        s = self.scale * self.text_scale
        return float(np.percentile(widths, ROOM_PERCENTILE)) + GAP_PX * s + MARGIN_PX * self.scale

    def _on_labels(self, event: Event) -> None:
        """The state switched the labels on or off."""
        self.enabled = bool(event.value)
        if not self.enabled:
            self._hide_all()

    def _hide_all(self) -> None:
        for t in self.texts.values():
            t.SetVisibility(False)
        self._leaders.SetVisibility(False)
        self.placed = []

    # -- where each label's leader ends --------------------------------------------------------
    def _blocking(self) -> frozenset[str]:
        """The structures that hide what lies behind them (those a click can land on)."""
        return frozenset(s for s in self.meshes if self.state.appearance(s).pickable)

    def anchor(self, sid: str) -> np.ndarray | None:
        """Where ``sid``'s leader ends from the current viewpoint (None: nowhere in sight)."""
        ren = self.plotter.renderer
        self._refresh_key(ren)
        if sid not in self._seen:
            blocking = self._key[-1] if self._key else frozenset()
            self._seen[sid] = self.leader_ends.find(sid, ren, blocking, self.scale, MARGIN_PX)
        return self._seen[sid]

    def _refresh_key(self, ren) -> None:
        cam = ren.GetActiveCamera()
        key = (
            cam.GetPosition(),
            cam.GetFocalPoint(),
            cam.GetViewUp(),
            cam.GetViewAngle(),
            tuple(ren.GetSize()),
            self._blocking(),
        )
        if key != self._key:
            self._key = key
            self._seen = {}
            self._footprint = None

    # -- which labels, and where ---------------------------------------------------------------
    def _wanted(self, eye: np.ndarray) -> list[str]:
        """The labels the state asks for now, most important first; of a left/right pair, the
        selected one, else the one nearer the eye (ties: the patient's left), else its twin when
        the nearer one is out of sight."""
        state = self.state
        out: list[str] = []
        sel = state.selected
        if sel in self.anchors and state.appearance(sel).labelled and self.anchor(sel) is not None:
            out.append(sel)
        for sid in self.anchors:
            if sid in out or not state.appearance(sid).labelled:
                continue
            twin = mirror_id(sid)
            if twin is not None and twin in self.anchors and sel in (sid, twin):
                continue  # the selected twin speaks for the pair
            if twin is not None and twin in self.anchors and state.appearance(twin).labelled:
                d_self = float(np.linalg.norm(self.anchors[sid] - eye))
                d_twin = float(np.linalg.norm(self.anchors[twin] - eye))
                if abs(d_self - d_twin) < TWIN_TIE_MM:
                    left = state.structures[sid].side == "left"
                    first, second = (sid, twin) if left else (twin, sid)
                else:
                    first, second = (sid, twin) if d_self < d_twin else (twin, sid)
                if (first if self.anchor(first) is not None else second) != sid:
                    continue
            if self.anchor(sid) is not None:
                out.append(sid)
        return out

    def footprint(self) -> Footprint:
        """The model on screen: every structure that hides what lies behind it."""
        ren = self.plotter.renderer
        self._refresh_key(ren)
        if self._footprint is None:
            blocking = self._key[-1] if self._key else frozenset()
            if self._outline[0] != blocking:
                pts = [self._vertices[s] for s in sorted(blocking)]
                self._outline = (blocking, np.vstack(pts) if pts else np.zeros((0, 3), np.float32))
            xy = self._project(ren, self._outline[1])
            self._footprint = Footprint.of_points(
                xy, ren.GetSize()[1], cell=4.0, grow=6.0 * self.scale
            )
        return self._footprint

    def forms(self, sid: str) -> list[str]:
        """A label's text on one line and, when it has more than one word, on two."""
        text = self.name(sid)
        words = text.split(" ")
        if len(words) < 2:
            return [text]
        # break at the space nearest the middle
        cut = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(text) / 2))
        return [text, " ".join(words[:cut]) + "\n" + " ".join(words[cut:])]

    def _box_sizes(self, sid: str, font: int) -> tuple[tuple[float, float], ...]:
        key = (sid, font)
        if key not in self._sizes:
            actor = self.texts[sid]
            actor.GetTextProperty().SetFontSize(font)
            sizes = []
            for text in self.forms(sid):
                actor.SetInput(text)
                bb = [0.0, 0.0, 0.0, 0.0]
                actor.GetBoundingBox(self.plotter.renderer, bb)
                sizes.append((bb[1] - bb[0] + 1.0, bb[3] - bb[2] + 1.0))
            self._sizes[key] = tuple(sizes)
        return self._sizes[key]

    def _place(self, *_args) -> None:
        if not self.enabled or not self.texts or self.moving():
            self._hide_all()
            return
        ren = self.plotter.renderer
        eye = np.asarray(ren.GetActiveCamera().GetPosition())
        wanted = self._wanted(eye)
        font = self.font_px
        boxes = []
        for sid in wanted:
            point = self.anchor(sid)
            assert point is not None
            x, y = self._to_display(ren, point)
            self.texts[sid].GetTextProperty().SetFontSize(font)
            boxes.append(LabelBox(sid, (x, y), self._box_sizes(sid, font)))
        size = ren.GetSize()
        s = self.scale * self.text_scale
        self.placed = layout(
            boxes,
            self.footprint(),
            (float(size[0]), float(size[1])),
            margin=MARGIN_PX * self.scale,
            gap=GAP_PX * s,
            spacing=SPACING_PX * s,
        )
        self._draw(self.placed)

    def _draw(self, placed: list[Placed]) -> None:
        on = {p.sid for p in placed}
        for sid, actor in self.texts.items():
            actor.SetVisibility(sid in on)
        pts = vtkPoints()
        lines, dots = vtkCellArray(), vtkCellArray()
        for p in placed:
            self.texts[p.sid].SetInput(self.forms(p.sid)[p.form])
            cx, cy = p.centre
            # the box's centre on a whole pixel, as the text is drawn
            self.texts[p.sid].SetDisplayPosition(int(round(cx)), int(round(cy)))
            a = pts.InsertNextPoint(p.anchor[0], p.anchor[1], 0.0)
            b = pts.InsertNextPoint(*p.leader_start, 0.0)
            lines.InsertNextCell(2, (a, b))
            dots.InsertNextCell(1, (a,))
        self._leader_data.SetPoints(pts)
        self._leader_data.SetLines(lines)
        self._leader_data.SetVerts(dots)
        self._leaders.GetProperty().SetPointSize(DOT_PX * self.scale)
        self._leaders.SetVisibility(bool(placed))

    # -- projection ----------------------------------------------------------------------------
    @staticmethod
    def _to_display(ren, point) -> tuple[float, float]:
        ren.SetWorldPoint(*point, 1.0)
        ren.WorldToDisplay()
        x, y, _ = ren.GetDisplayPoint()
        return float(x), float(y)

    @staticmethod
    def _project(ren, points: np.ndarray) -> np.ndarray:
        """World points -> display pixels (n x 2), all at once."""
        cam = ren.GetActiveCamera()
        m = cam.GetCompositeProjectionTransformMatrix(ren.GetTiledAspectRatio(), -1, 1)
        mat = np.array([[m.GetElement(i, j) for j in range(4)] for i in (0, 1, 3)])
        hom = points @ mat[:, :3].T.astype(points.dtype) + mat[:, 3].astype(points.dtype)
        w, h = ren.GetSize()
        x0, y0 = ren.GetOrigin()
        out = np.empty((len(points), 2))
        out[:, 0] = (hom[:, 0] / hom[:, 2] + 1) * 0.5 * w + x0
        out[:, 1] = (hom[:, 1] / hom[:, 2] + 1) * 0.5 * h + y0
        return out

    def close(self) -> None:
        self.plotter.renderer.RemoveObserver(self._observer)
