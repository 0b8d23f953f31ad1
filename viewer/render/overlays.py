"""What is drawn over the surfaces: the selected structure's outline, and the faint outlined copy
of each condition shape that keeps it in sight through whatever lies in front of it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pyvista as pv
from vtkmodules.vtkFiltersHybrid import vtkPolyDataSilhouette
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkRenderer

from . import colours
from .level_of_detail import surface_mapper

#: the condition shapes' overlay: a faint unlit copy and a bold outline in the shape's own colour
GHOST_OPACITY = 0.55
GHOST_LINE_WIDTH = 4.0
OUTLINE_LINE_WIDTH = 5.0


def silhouette_of(mesh: pv.PolyData, renderer: vtkRenderer) -> vtkPolyDataSilhouette:
    """The outline of a mesh as ``renderer``'s camera sees it."""
    sil = vtkPolyDataSilhouette()
    sil.SetCamera(renderer.GetActiveCamera())
    sil.SetEnableFeatureAngle(False)
    sil.SetBorderEdges(True)
    sil.SetInputData(mesh)
    return sil


class SelectionOutline:
    """A bold outline around one structure's full or coarse mesh."""

    def __init__(self, renderer: vtkRenderer, mesh_of: Callable[[str, bool], pv.PolyData]):
        self._renderer = renderer
        self._mesh_of = mesh_of
        # a silhouette filter caches its mesh's edges and does not notice a new input older than
        # that cache: one filter per (structure, coarse), kept
        self._silhouettes: dict[tuple[str, bool], vtkPolyDataSilhouette] = {}
        self._shown: tuple[str, bool] | None = None
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(pv.PolyData())
        mapper.SetResolveCoincidentTopologyToPolygonOffset()
        actor = vtkActor()
        actor.SetMapper(mapper)
        prop = actor.GetProperty()
        prop.SetColor(*colours.rgb(colours.SELECT_OUTLINE))
        prop.SetLineWidth(OUTLINE_LINE_WIDTH)
        prop.SetLighting(False)
        prop.SetRenderLinesAsTubes(True)
        actor.SetPickable(False)
        actor.SetVisibility(False)
        renderer.AddActor(actor)
        self.actor = actor

    def show(self, sid: str | None, coarse: bool = False) -> None:
        """Outline ``sid`` (its coarse copy when ``coarse``); None: no outline."""
        if sid is None:
            self.actor.SetVisibility(False)
            return
        key = (sid, coarse)
        if self._shown != key:
            if key not in self._silhouettes:
                self._silhouettes[key] = silhouette_of(self._mesh_of(sid, coarse), self._renderer)
            self.actor.GetMapper().SetInputConnection(self._silhouettes[key].GetOutputPort())
            self._shown = key
        self.actor.SetVisibility(True)

    @property
    def visible(self) -> bool:
        return bool(self.actor.GetVisibility())


class ConditionGhosts:
    """An overlay layer, drawn over the whole scene, with a see-through copy and an outline of
    each condition shape; made once, hidden, and shown with its shape."""

    def __init__(
        self,
        window,
        main: vtkRenderer,
        meshes: Mapping[str, pv.PolyData],
        colour_of: Mapping[str, colours.RGB],
    ):
        overlay = vtkRenderer()
        overlay.SetLayer(window.GetNumberOfLayers())
        window.SetNumberOfLayers(window.GetNumberOfLayers() + 1)
        overlay.SetInteractive(False)
        overlay.SetActiveCamera(main.GetActiveCamera())
        window.AddRenderer(overlay)
        self.overlay = overlay
        self.actors: dict[str, tuple[vtkActor, vtkActor]] = {}
        for sid, mesh in meshes.items():
            fill = vtkActor()
            fill.SetMapper(surface_mapper(mesh))
            outline = vtkActor()
            line_mapper = vtkPolyDataMapper()
            # the filter is held by the connection once made: keep it alive until then
            sil = silhouette_of(mesh, main)
            line_mapper.SetInputConnection(sil.GetOutputPort())
            line_mapper.ScalarVisibilityOff()
            outline.SetMapper(line_mapper)
            for actor, opacity in ((fill, GHOST_OPACITY), (outline, 1.0)):
                prop = actor.GetProperty()
                prop.SetColor(*colour_of[sid])
                prop.SetLighting(False)
                prop.SetOpacity(opacity)
                actor.SetPickable(False)
                actor.SetVisibility(False)
                overlay.AddActor(actor)
            fill.GetProperty().BackfaceCullingOn()
            outline.GetProperty().SetLineWidth(GHOST_LINE_WIDTH)
            outline.GetProperty().SetRenderLinesAsTubes(True)
            self.actors[sid] = (fill, outline)
        overlay.SetDraw(False)

    def set_shown(self, sid: str, on: bool) -> None:
        for actor in self.actors.get(sid, ()):
            actor.SetVisibility(on)

    def update_layer(self) -> None:
        """The overlay clears the depth buffer for itself: draw it only while it has a shape."""
        self.overlay.SetDraw(any(fill.GetVisibility() for fill, _ in self.actors.values()))

    def shown(self) -> Iterable[str]:
        return [sid for sid, (fill, _) in self.actors.items() if fill.GetVisibility()]
