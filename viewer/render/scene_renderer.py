"""Maps the scene state onto VTK actors.

Actors are created once, when the renderer is built; every state change afterwards only sets
actor properties (visibility, opacity, colour, lighting, pickability). Works with an off-screen
``pyvista.Plotter`` and with a ``pyvistaqt.QtInteractor`` alike.
"""
from __future__ import annotations

from typing import Callable, Mapping

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonDataModel import vtkStaticCellLocator
from vtkmodules.vtkFiltersHybrid import vtkPolyDataSilhouette
from vtkmodules.vtkRenderingCore import vtkActor, vtkCellPicker, vtkPolyDataMapper

from ..scene.camera import CameraPose, frame, standard_view
from ..scene.events import Event
from ..scene.state import SceneState
from . import colours
from .picking import StructurePicker

#: lighting per look: (ambient, diffuse, specular)
_PLAIN = (0.12, 0.85, 0.25)
_SELECTED = (0.38, 0.8, 0.35)
_LIT = (0.5, 0.75, 0.4)
_DIMMED = (0.25, 0.6, 0.0)


class SceneRenderer:
    def __init__(self, plotter: pv.Plotter, state: SceneState, meshes: Mapping[str, pv.PolyData],
                 colour_of: Mapping[str, str] | None = None,
                 on_change: Callable[[], None] | None = None):
        self.plotter = plotter
        self.state = state
        self.meshes = dict(meshes)
        self._colour = {sid: colours.rgb((colour_of or {}).get(sid)
                                         or colours.FALLBACK[state.structures[sid].group])
                        for sid in self.meshes}
        self.on_change = on_change or (lambda: None)
        self.actors: dict[str, vtkActor] = {}
        plotter.set_background(colours.BACKGROUND_BOTTOM, top=colours.BACKGROUND_TOP)
        # see-through surfaces (X-ray, fading, dimming) are blended by VTK's order-independent
        # translucency; depth peeling is left off: under Mesa's llvmpipe it drops them entirely
        plotter.renderer.SetUseDepthPeeling(False)
        plotter.renderer.SetUseOIT(True)
        for sid, mesh in self.meshes.items():
            self.actors[sid] = self._add_actor(mesh)
        self._outline = self._make_outline()
        picker = vtkCellPicker()
        picker.SetTolerance(0.0005)
        self._cell_picker = picker
        self._locators: list[vtkStaticCellLocator] | None = None
        self.picker = StructurePicker(picker, plotter.renderer,
                                      {a: sid for sid, a in self.actors.items()})
        state.events.any.connect(self._on_state)
        self._update(self.actors.keys())
        plotter.renderer.ResetCameraClippingRange()

    def _add_actor(self, mesh: pv.PolyData) -> vtkActor:
        """One plain VTK actor per mesh, smooth-shaded with the mesh's own normals."""
        if mesh.point_data.active_normals is None:
            mesh.point_data.set_array(mesh.point_normals, "Normals")
            mesh.point_data.active_normals_name = "Normals"
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(mesh)
        mapper.ScalarVisibilityOff()
        actor = vtkActor()
        actor.SetMapper(mapper)
        prop = actor.GetProperty()
        prop.SetInterpolationToPhong()
        prop.SetSpecularPower(20)
        self.plotter.renderer.AddActor(actor)
        return actor

    # -- state -> actors -----------------------------------------------------------------------
    def _make_outline(self) -> vtkActor:
        self._silhouette = vtkPolyDataSilhouette()
        self._silhouette.SetCamera(self.plotter.renderer.GetActiveCamera())
        self._silhouette.SetEnableFeatureAngle(False)
        self._silhouette.SetBorderEdges(True)
        self._silhouette.SetInputData(pv.PolyData())
        mapper = vtkPolyDataMapper()
        mapper.SetInputConnection(self._silhouette.GetOutputPort())
        mapper.SetResolveCoincidentTopologyToPolygonOffset()
        actor = vtkActor()
        actor.SetMapper(mapper)
        prop = actor.GetProperty()
        prop.SetColor(*colours.rgb(colours.SELECT_OUTLINE))
        prop.SetLineWidth(5.0)
        prop.SetLighting(False)
        prop.SetRenderLinesAsTubes(True)
        actor.SetPickable(False)
        actor.SetVisibility(False)
        self.plotter.renderer.AddActor(actor)
        return actor

    def _on_state(self, event: Event) -> None:
        self._update(self.actors.keys() if event.ids is None else event.ids & self.actors.keys())
        self.on_change()

    def _update(self, ids) -> None:
        for sid in ids:
            self._apply(sid)
        self.picker.set_pickable(s for s in self.actors if self.state.appearance(s).pickable)
        sel = self.state.selected
        if sel in self.actors and self.state.appearance(sel).visible:
            self._silhouette.SetInputData(self.meshes[sel])
            self._outline.SetVisibility(True)
        else:
            self._outline.SetVisibility(False)

    def _apply(self, sid: str) -> None:
        look = self.state.appearance(sid)
        actor = self.actors[sid]
        prop = actor.GetProperty()
        actor.SetVisibility(look.visible)
        actor.SetPickable(look.pickable)
        base = self._colour[sid]
        if look.selected:
            colour, light = colours.mix(base, colours.SELECT_TINT, 0.45), _SELECTED
        elif look.lit:
            colour, light = colours.mix(base, colours.GLOW, 0.25), _LIT
        elif look.dimmed:
            colour, light = colours.mix(base, colours.DIM_TOWARD, 0.5), _DIMMED
        else:
            colour, light = tuple(base), _PLAIN
        prop.SetColor(*colour)
        prop.SetAmbient(light[0])
        prop.SetDiffuse(light[1])
        prop.SetSpecular(light[2])
        prop.SetOpacity(look.opacity)
        # a see-through surface must not hide what lies behind it in the depth buffer
        actor.SetForceTranslucent(look.opacity < 1.0)

    # -- picking -------------------------------------------------------------------------------
    def pick(self, x: float, y: float) -> str | None:
        """The structure at VTK display point (x, y) (pixels, origin bottom-left), or None."""
        if self._locators is None:
            self._build_locators()
        return self.picker.pick(x, y)

    def _build_locators(self) -> None:
        """Cell locators make a pick ten times faster (about 0.4 ms); built at the first pick
        (some 50 ms for the whole model), not at start-up."""
        self._locators = []
        for mesh in self.meshes.values():
            loc = vtkStaticCellLocator()
            loc.SetDataSet(mesh)
            loc.BuildLocator()
            self._cell_picker.AddLocator(loc)
            self._locators.append(loc)

    # -- geometry and camera -------------------------------------------------------------------
    def bounds(self, ids=None) -> tuple[float, ...]:
        ids = [i for i in (ids if ids is not None else self.actors) if i in self.meshes]
        if not ids:
            return (-100.0, 100.0, -100.0, 100.0, -100.0, 100.0)
        b = np.array([self.meshes[i].bounds for i in ids]).reshape(-1, 3, 2)
        return tuple(np.ravel(np.stack([b[:, :, 0].min(0), b[:, :, 1].max(0)], axis=1)))

    def shown_bounds(self) -> tuple[float, ...]:
        shown = [i for i in self.actors if self.state.appearance(i).visible
                 and self.state.structures[i].group not in ("skin",)]
        return self.bounds(shown or None)

    def camera_pose(self) -> CameraPose:
        cam = self.plotter.renderer.GetActiveCamera()
        return CameraPose(tuple(cam.GetPosition()), tuple(cam.GetFocalPoint()), tuple(cam.GetViewUp()))

    def set_camera_pose(self, pose: CameraPose) -> None:
        cam = self.plotter.renderer.GetActiveCamera()
        cam.SetPosition(*pose.position)
        cam.SetFocalPoint(*pose.focal_point)
        cam.SetViewUp(*pose.view_up)
        cam.OrthogonalizeViewUp()
        self.plotter.renderer.camera_set = True  # stop pyvista resetting it on the first render
        self.plotter.renderer.ResetCameraClippingRange()

    def view_pose(self, name: str) -> CameraPose:
        return standard_view(name, self.shown_bounds())

    def framing_pose(self, sid: str) -> CameraPose:
        return frame(self.camera_pose(), self.bounds([sid]))

    def world_to_display(self, point) -> tuple[float, float]:
        ren = self.plotter.renderer
        ren.SetWorldPoint(*point, 1.0)
        ren.WorldToDisplay()
        x, y, _ = ren.GetDisplayPoint()
        return x, y
