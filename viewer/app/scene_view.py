"""The 3D view widget: pyvistaqt's ``QtInteractor`` that shows a finished frame without drawing
it again.

pyvistaqt's widget answers every finished VTK render by scheduling a Qt paint, and its paint
renders the scene once more before showing it (pyvista may change the scene without asking for a
paint). In this viewer every change of the scene asks for a render itself, so the paint that
follows a render only has to show that frame: each mouse move of a drag, each click, costs one
frame instead of two. Paints for any other reason (exposure, resizing) still render.
"""

from __future__ import annotations

from pyvistaqt import QtInteractor


class SceneView(QtInteractor):
    _frame_unshown = False

    def _cb_frame(self, obj, evt):
        # a render has finished: the paint it schedules only has to show it
        if not getattr(self, "_in_paint", True):
            self._frame_unshown = True
        super()._cb_frame(obj, evt)

    def resizeGL(self, w, h):
        self._frame_unshown = False  # the frame has the old size: draw a new one
        super().resizeGL(w, h)

    def paintGL(self):
        if not (self._frame_unshown and hasattr(self, "_in_paint")):
            super().paintGL()
            return
        self._frame_unshown = False
        self._in_paint = True  # pyvistaqt skips its render while it thinks it is painting
        try:
            super().paintGL()
        finally:
            self._in_paint = False
