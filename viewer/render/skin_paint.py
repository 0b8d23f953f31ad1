"""The painted pain map on the 3D skin: a layer over the skin coloured zone by zone, and the zone
under a display point (no Qt).

Each skin vertex belongs to a pain zone or none (:func:`viewer.scene.pain_zones.skin_vertex_zones`,
through the skin's base.obj index). The layer is one extra actor made once: the skin's surface
lifted :data:`LIFT_MM` along its normals, coloured per vertex (the colour of the zone's strongest
pain type, transparent where nothing is painted), drawn while the skin is shown; a change of
the painting only rewrites its colours. :meth:`SkinPaintLayer.zone_at` casts the ray through a
display point onto the skin's full mesh, whatever the skin looks like, so that a stroke paints
even where the skin is faint.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper

from ..scene.events import Event
from ..scene.pain_painting import PAIN_TYPES, PainPainting
from ..scene.pain_zones import ZoneKey, skin_vertex_zones
from .picking import display_ray
from .scene_renderer import SceneRenderer

SKIN = "skin"
#: how far the paint floats above the skin (mm), so that it never flickers into it
LIFT_MM = 0.8
#: each pain type's colour on the skin (RGB 0..255; the chart's colours)
TYPE_RGB: dict[str, tuple[int, int, int]] = {
    "ache": (209, 52, 63),
    "sharp": (224, 123, 0),
    "pins_and_needles": (106, 63, 181),
    "numbness": (31, 111, 178),
}
#: a vertex whose normal is this close to vertical lies on a section cap (never painted)
CAP_NORMAL_Z = 0.95
#: the paint's opacity at full strength
PAINT_ALPHA = 200


def strongest_type(types: Mapping[str, float]) -> str | None:
    """The pain type painted most strongly (ties: the first in :data:`PAIN_TYPES`)."""
    best = max(PAIN_TYPES, key=lambda t: (types.get(t, 0.0), -PAIN_TYPES.index(t)))
    return best if types.get(best, 0.0) > 0 else None


class SkinPaintLayer:
    """See the module. ``zones`` gives each skin vertex's zone (worked out when first needed: a
    window whose skin is never painted never pays for it); ``colours`` (N, 4) uint8 what the
    layer draws now."""

    def __init__(
        self,
        renderer: SceneRenderer,
        content,
        painting: PainPainting,
        base_index: np.ndarray,
        on_change: Callable[[], None] | None = None,
    ):
        self.renderer = renderer
        self.painting = painting
        self.on_change = on_change or (lambda: None)
        self._content = content
        self._base_index = base_index
        skin = renderer.meshes[SKIN]
        points = np.asarray(skin.points, float)
        normals = np.asarray(skin.point_normals, float)
        self._points = points
        self._caps = np.abs(normals[:, 2]) > CAP_NORMAL_Z
        self.mesh = pv.PolyData(points + LIFT_MM * normals, skin.faces)
        self.colours = np.zeros((len(points), 4), np.uint8)
        self.mesh.point_data["pain_rgba"] = self.colours
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(self.mesh)
        mapper.SetColorModeToDirectScalars()
        mapper.SetScalarModeToUsePointFieldData()
        mapper.SelectColorArray("pain_rgba")
        mapper.ScalarVisibilityOn()
        self.actor = vtkActor()
        self.actor.SetMapper(mapper)
        self.actor.SetPickable(False)
        self.actor.SetForceTranslucent(True)
        self.actor.GetProperty().SetInterpolationToPhong()
        renderer.plotter.renderer.AddActor(self.actor)
        painting.events.painting.connect(self._on_painting)
        renderer.state.events.visibility.connect(self._on_visibility)
        self.update()

    @cached_property
    def zones(self) -> list[ZoneKey | None]:
        """Each skin vertex's zone (None: in no zone)."""
        return skin_vertex_zones(self._content, self._points, self._base_index, self._caps)

    @cached_property
    def _nearest_vertex(self):
        from scipy.spatial import cKDTree  # here: only a stroke on the skin needs it

        return cKDTree(self._points)

    def _on_painting(self, _event: Event) -> None:
        self.update()
        self.on_change()

    def _on_visibility(self, _event: Event) -> None:
        self._show()

    def _show(self) -> None:
        """The paint is drawn where there is paint, on the skin while the skin is shown."""
        skin_shown = self.renderer.state.appearance(SKIN).visible
        self.actor.SetVisibility(bool(skin_shown and self.colours[:, 3].any()))

    def update(self) -> None:
        """Copy the painting onto the layer's colours."""
        marks = self.painting.marks()
        rgba = np.zeros_like(self.colours)
        for i, key in enumerate(self.zones if marks else ()):
            types = marks.get(key) if key is not None else None
            kind = strongest_type(types) if types else None
            if kind is not None and types is not None:
                rgba[i, :3] = TYPE_RGB[kind]
                rgba[i, 3] = int(PAINT_ALPHA * (0.5 + 0.5 * types[kind]))
        self.colours[:] = rgba
        self.mesh.point_data["pain_rgba"] = self.colours
        self.mesh.Modified()
        self._show()

    def painted_vertices(self) -> np.ndarray:
        """The indices of the skin vertices drawn painted."""
        return np.flatnonzero(self.colours[:, 3] > 0)

    def zone_at(self, x: float, y: float) -> ZoneKey | None:
        """The zone of the skin at VTK display point (x, y) (origin bottom-left), or None."""
        near, far = display_ray(self.renderer.plotter.renderer, x, y)
        hit = self.renderer.sight.first_hit(near, far, [SKIN])
        if hit is None:
            return None
        point = near + (far - near) * hit[1]
        _d, vertex = self._nearest_vertex.query(point)
        return self.zones[int(vertex)]

    def close(self) -> None:
        self.painting.events.painting.disconnect(self._on_painting)
        self.renderer.state.events.visibility.disconnect(self._on_visibility)
        self.renderer.plotter.renderer.RemoveActor(self.actor)
