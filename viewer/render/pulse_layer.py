"""The travelling pulse, drawn alone over the last full frame.

A full frame draws the whole scene; while a nerve route glows, its pixels (colour, and the
scene's depth) are kept as it is drawn. A pulse frame then leaves every other renderer out: it
puts back the kept pixels where the pulse was, and draws only the pulse and its halo, in a layer
of their own, depth-tested against the kept depth (so the pulse still passes behind what lies in
front of the route). A pulse frame costs a few milliseconds where a full frame costs a hundred or
more under software rendering; nothing else (labels, state, actors) is touched.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyvista as pv
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkCommand, vtkFloatArray, vtkUnsignedCharArray
from vtkmodules.vtkRenderingCore import vtkActor, vtkRenderer

from ..scene.events import Event
from ..scene.state import SceneState
from .nerve_glow import RouteGlows

#: pixels put back around the pulse's last box (its edge, smoothed)
MARGIN_PX = 3


def _renderers(window) -> list[vtkRenderer]:
    coll = window.GetRenderers()
    return [coll.GetItemAsObject(i) for i in range(coll.GetNumberOfItems())]


class PulseLayer:
    """The pulse and its halo in a layer over the scene, and the pulse frames that draw only
    them (see the module's docstring)."""

    def __init__(self, plotter: pv.BasePlotter, state: SceneState, glows: RouteGlows):
        self.plotter = plotter
        self.state = state
        self.glows = glows
        window = plotter.render_window
        assert window is not None, "a plotter has its render window from the start"
        self.window = window
        self.main = plotter.renderer
        #: the pulse's own layer, made the first time a route glows (a picture without one
        #: draws no extra layer)
        self.layer: vtkRenderer | None = None
        self._adopted: set[int] = set()
        self._colour: vtkUnsignedCharArray | None = None
        self._depth: vtkFloatArray | None = None
        self._size: tuple[int, int] = (0, 0)
        self._box: tuple[int, int, int, int] | None = None  # where the pulse was last drawn
        self._alone = False
        self.pulse_frames = 0
        self.main.AddObserver(vtkCommand.EndEvent, self._keep_depth)
        state.events.focus.connect(self._on_focus)

    def _make_layer(self) -> vtkRenderer:
        window = self.window
        layer = vtkRenderer()
        layer.SetLayer(window.GetNumberOfLayers())
        window.SetNumberOfLayers(window.GetNumberOfLayers() + 1)
        layer.SetActiveCamera(self.main.GetActiveCamera())
        layer.SetInteractive(False)
        layer.SetPreserveDepthBuffer(True)  # depth-tested against the scene's
        layer.SetUseOIT(False)  # the halo is one see-through sphere: plain blending will do
        layer.SetUseDepthPeeling(False)
        window.AddRenderer(layer)
        layer.AddObserver(vtkCommand.StartEvent, self._before_pulse)
        layer.AddObserver(vtkCommand.EndEvent, self._after_pulse)
        return layer

    # -- which actors ---------------------------------------------------------------------------
    def _parts(self) -> list[vtkActor]:
        glow = self.glows.shown
        return [] if glow is None else [glow.pulse, glow.halo]

    def _on_focus(self, _event: Event) -> None:
        """A route lit for the first time has just made its pulse: move it into the layer."""
        for actor in self._parts():
            if id(actor) not in self._adopted:
                if self.layer is None:
                    self.layer = self._make_layer()
                self.main.RemoveActor(actor)
                self.layer.AddActor(actor)
                self._adopted.add(id(actor))
        self._colour = self._depth = None

    @property
    def active(self) -> bool:
        """Whether a pulse travels (a route glows)."""
        return bool(self._parts())

    # -- keeping the full frame's pixels -------------------------------------------------------
    def _keep_depth(self, *_args: Any) -> None:
        """The main renderer has drawn: keep the scene's depth (other layers may clear it)."""
        if not self.active:
            self._colour = self._depth = None
            return
        window = self.window
        w, h = window.GetSize()
        depth = vtkFloatArray()
        window.GetZbufferData(0, 0, w - 1, h - 1, depth)
        self._depth, self._size = depth, (w, h)

    def _before_pulse(self, *_args: Any) -> None:
        window = self.window
        if self._alone:
            # a pulse frame: put back the scene where the pulse was
            if self._box is not None and self._colour is not None and self._depth is not None:
                self._put_back(*self._box)
            return
        if self._depth is None:
            return
        # a full frame: keep its colour (every layer below drawn), and give the pulse the
        # scene's depth again when a layer above the scene has cleared it
        w, h = self._size
        colour = vtkUnsignedCharArray()
        window.GetRGBACharPixelData(0, 0, w - 1, h - 1, 0, colour)
        self._colour = colour
        if any(r.GetDraw() for r in self._between()):
            window.SetZbufferData(0, 0, w - 1, h - 1, self._depth)

    def _between(self) -> list[vtkRenderer]:
        """The layers drawn between the scene and the pulse (the condition shapes' overlay)."""
        window = self.window
        top = self.layer.GetLayer() if self.layer is not None else window.GetNumberOfLayers()
        return [
            r
            for r in _renderers(window)
            if r is not self.main and r is not self.layer and r.GetLayer() < top
        ]

    def _after_pulse(self, *_args: Any) -> None:
        self._box = self._pulse_box()

    def _pulse_box(self) -> tuple[int, int, int, int] | None:
        """The pixels the pulse and its halo cover (x0, y0, x1, y1), inclusive."""
        parts = [a for a in self._parts() if a.GetVisibility()]
        if not parts:
            return None
        b = np.array([a.GetBounds() for a in parts]).reshape(-1, 3, 2)
        lo, hi = b[:, :, 0].min(axis=0), b[:, :, 1].max(axis=0)
        corners = np.array(np.meshgrid(*zip(lo, hi, strict=True), indexing="ij")).reshape(3, -1).T
        ren = self.main
        xy = []
        for c in corners:
            ren.SetWorldPoint(*c, 1.0)
            ren.WorldToDisplay()
            xy.append(ren.GetDisplayPoint()[:2])
        pts = np.asarray(xy)
        w, h = self._size
        x0, y0 = np.floor(pts.min(axis=0)).astype(int) - MARGIN_PX
        x1, y1 = np.ceil(pts.max(axis=0)).astype(int) + MARGIN_PX
        x0, y0 = max(0, int(x0)), max(0, int(y0))
        x1, y1 = min(w - 1, int(x1)), min(h - 1, int(y1))
        return (x0, y0, x1, y1) if x1 >= x0 and y1 >= y0 else None

    def _put_back(self, x0: int, y0: int, x1: int, y1: int) -> None:
        """The kept colour and depth of the box (x0, y0)-(x1, y1) into the frame."""
        assert self._colour is not None and self._depth is not None
        w, _h = self._size
        rgba = vtk_to_numpy(self._colour).reshape(-1, w, 4)[y0 : y1 + 1, x0 : x1 + 1]
        depth = vtk_to_numpy(self._depth).reshape(-1, w)[y0 : y1 + 1, x0 : x1 + 1]
        colour = numpy_to_vtk(np.ascontiguousarray(rgba).reshape(-1, 4), deep=True)
        z = numpy_to_vtk(np.ascontiguousarray(depth, dtype=np.float32).ravel(), deep=True)
        window = self.window
        window.SetRGBACharPixelData(x0, y0, x1, y1, colour, 0, 0)
        window.SetZbufferData(x0, y0, x1, y1, z)

    # -- pulse frames --------------------------------------------------------------------------
    def can_draw_alone(self) -> bool:
        """Whether the last full frame is kept, at the window's present size."""
        return (
            self.active
            and self.layer is not None
            and self._colour is not None
            and self._depth is not None
            and tuple(self.window.GetSize()) == self._size
        )

    def draw_alone(self) -> bool:
        """Draw a pulse frame (only the pulse moved since the last full frame); False when it
        cannot (nothing kept), and nothing is drawn."""
        if not self.can_draw_alone():
            return False
        window = self.window
        others = [r for r in _renderers(window) if r is not self.layer]
        drawn = [r.GetDraw() for r in others]
        self._alone = True
        try:
            for r in others:
                r.SetDraw(False)
            window.Render()
        finally:
            self._alone = False
            for r, d in zip(others, drawn, strict=True):
                r.SetDraw(d)
        self.pulse_frames += 1
        return True
