"""Maps the scene state onto VTK actors.

Actors are created once, when the renderer is built; every state change afterwards only sets
actor properties (visibility, opacity, colour, lighting, pickability). Works with an off-screen
``pyvista.Plotter`` and with a ``pyvistaqt.QtInteractor`` alike.

Level of detail: while the user turns the model (``set_coarse(True)``) each actor draws a
decimated copy of its mesh through a second mapper, so a moving frame costs a fraction of a still
one; the copies are made once (``prepare_coarse``), and swapping mappers keeps both copies on the
GPU side, so switching back costs nothing but the frame.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import fast_simplification
import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonDataModel import vtkStaticCellLocator
from vtkmodules.vtkFiltersHybrid import vtkPolyDataSilhouette
from vtkmodules.vtkRenderingCore import vtkActor, vtkCellPicker, vtkPolyDataMapper, vtkRenderer

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

#: meshes above this many triangles get a coarse copy for moving frames, with about this share of
#: the triangles (never fewer than COARSE_MIN_TRIANGLES)
COARSE_ABOVE = 600
COARSE_SHARE = 0.08
COARSE_MIN_TRIANGLES = 400

#: the small condition shapes (a herniation, a spur, an inflamed joint, a tight muscle) stay in
#: sight through whatever lies in front of them: an overlay layer, drawn over the whole scene,
#: holds a faint unlit copy of each and its bold outline in the shape's own colour
GHOST_OPACITY = 0.55
GHOST_LINE_WIDTH = 4.0
#: a pain area over a lit nerve route is only a tint, so the route shows through it
PAIN_OVER_ROUTE_OPACITY = 0.25


def is_pain_area(sid: str) -> bool:
    return "pain_area" in sid


def coarse_copy(mesh: pv.PolyData) -> pv.PolyData:
    """A decimated copy of a triangle mesh, with its own smooth normals."""
    target = max(COARSE_MIN_TRIANGLES, int(mesh.n_cells * COARSE_SHARE))
    points, faces = fast_simplification.simplify(
        np.asarray(mesh.points, dtype=np.float32),
        mesh.regular_faces,
        target_reduction=1.0 - target / mesh.n_cells,
    )
    coarse = pv.PolyData.from_regular_faces(points, faces)
    coarse.point_data.set_array(coarse.point_normals, "Normals")
    coarse.point_data.active_normals_name = "Normals"
    return coarse


class SceneRenderer:
    def __init__(
        self,
        plotter: pv.Plotter,
        state: SceneState,
        meshes: Mapping[str, pv.PolyData],
        colour_of: Mapping[str, str] | None = None,
        on_change: Callable[[], None] | None = None,
    ):
        self.plotter = plotter
        self.state = state
        self.meshes = dict(meshes)
        self._colour = {
            sid: colours.rgb(
                (colour_of or {}).get(sid) or colours.FALLBACK[state.structures[sid].group]
            )
            for sid in self.meshes
        }
        self.on_change = on_change or (lambda: None)
        self.actors: dict[str, vtkActor] = {}
        self._fine_mappers: dict[str, vtkPolyDataMapper] = {}
        self._coarse_mappers: dict[str, vtkPolyDataMapper] = {}
        self.coarse = False
        plotter.set_background(colours.BACKGROUND_BOTTOM, top=colours.BACKGROUND_TOP)
        # see-through surfaces (X-ray, fading, dimming) are blended by VTK's order-independent
        # translucency; depth peeling is left off: under Mesa's llvmpipe it drops them entirely
        plotter.renderer.SetUseDepthPeeling(False)
        plotter.renderer.SetUseOIT(True)
        for sid, mesh in self.meshes.items():
            self.actors[sid] = self._add_actor(mesh)
        self._outline = self._make_outline()
        self._ghosts = self._make_ghosts()
        picker = vtkCellPicker()
        picker.SetTolerance(0.0005)
        self._cell_picker = picker
        self._locators: list[vtkStaticCellLocator] | None = None
        self.picker = StructurePicker(
            picker, plotter.renderer, {a: sid for sid, a in self.actors.items()}
        )
        state.events.any.connect(self._on_state)
        self._update(self.actors.keys())
        plotter.renderer.ResetCameraClippingRange()

    def _add_actor(self, mesh: pv.PolyData) -> vtkActor:
        """One plain VTK actor per mesh, smooth-shaded with the mesh's own normals."""
        if mesh.point_data.active_normals is None:
            mesh.point_data.set_array(mesh.point_normals, "Normals")
            mesh.point_data.active_normals_name = "Normals"
        actor = vtkActor()
        actor.SetMapper(self._mapper(mesh))
        prop = actor.GetProperty()
        prop.SetInterpolationToPhong()
        prop.SetSpecularPower(20)
        self.plotter.renderer.AddActor(actor)
        return actor

    @staticmethod
    def _mapper(mesh: pv.PolyData) -> vtkPolyDataMapper:
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(mesh)
        mapper.ScalarVisibilityOff()
        return mapper

    # -- level of detail -----------------------------------------------------------------------
    def prepare_coarse(self, limit: int | None = None) -> bool:
        """Make the coarse copies still missing (at most ``limit`` of them, so that a caller
        can spread the work over idle time); True once every mesh that needs one has one."""
        todo = [
            sid
            for sid, m in self.meshes.items()
            if m.n_cells > COARSE_ABOVE and sid not in self._coarse_mappers
        ]
        for sid in todo[:limit]:
            self._coarse_mappers[sid] = self._mapper(coarse_copy(self.meshes[sid]))
            if self.coarse:
                self.actors[sid].SetMapper(self._coarse_mappers[sid])
        return limit is None or len(todo) <= limit

    def set_coarse(self, on: bool) -> None:
        """Draw the coarse copies (while the model moves) or the full meshes (still frames)."""
        on = bool(on)
        if on == self.coarse:
            return
        self.coarse = on
        for sid, actor in self.actors.items():
            if on and sid in self._coarse_mappers:
                self._fine_mappers[sid] = actor.GetMapper()
                actor.SetMapper(self._coarse_mappers[sid])
            elif not on and sid in self._fine_mappers:
                actor.SetMapper(self._fine_mappers.pop(sid))
        self._update_outline()

    # -- state -> actors -----------------------------------------------------------------------
    def _make_outline(self) -> vtkActor:
        self._silhouettes: dict[tuple[str, bool], vtkPolyDataSilhouette] = {}
        self._outline_of: tuple[str, bool] | None = None
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(pv.PolyData())
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

    def _make_ghosts(self) -> dict[str, tuple[vtkActor, vtkActor]]:
        """The overlay layer with a see-through copy and an outline of every condition shape,
        made once and hidden; ``_apply`` shows them with their shape."""
        window = self.plotter.render_window
        overlay = vtkRenderer()
        overlay.SetLayer(window.GetNumberOfLayers())
        window.SetNumberOfLayers(window.GetNumberOfLayers() + 1)
        overlay.SetInteractive(False)
        overlay.SetActiveCamera(self.plotter.renderer.GetActiveCamera())
        window.AddRenderer(overlay)
        self._overlay = overlay
        ghosts = {}
        for sid, mesh in self.meshes.items():
            if self.state.structures[sid].group != "conditions" or is_pain_area(sid):
                continue
            fill = vtkActor()
            fill.SetMapper(self._mapper(mesh))
            outline = vtkActor()
            sil = self._silhouette_of(mesh)
            line_mapper = vtkPolyDataMapper()
            line_mapper.SetInputConnection(sil.GetOutputPort())
            line_mapper.ScalarVisibilityOff()
            outline.SetMapper(line_mapper)
            for actor, opacity in ((fill, GHOST_OPACITY), (outline, 1.0)):
                prop = actor.GetProperty()
                prop.SetColor(*self._colour[sid])
                prop.SetLighting(False)
                prop.SetOpacity(opacity)
                actor.SetPickable(False)
                actor.SetVisibility(False)
                overlay.AddActor(actor)
            fill.GetProperty().BackfaceCullingOn()
            outline.GetProperty().SetLineWidth(GHOST_LINE_WIDTH)
            outline.GetProperty().SetRenderLinesAsTubes(True)
            ghosts[sid] = (fill, outline)
        return ghosts

    def _silhouette_of(self, mesh: pv.PolyData) -> vtkPolyDataSilhouette:
        """The outline of a mesh as the scene's camera sees it."""
        sil = vtkPolyDataSilhouette()
        sil.SetCamera(self.plotter.renderer.GetActiveCamera())
        sil.SetEnableFeatureAngle(False)
        sil.SetBorderEdges(True)
        sil.SetInputData(mesh)
        return sil

    def _silhouette(self, key: tuple[str, bool]) -> vtkPolyDataSilhouette:
        """The outline filter of one structure's full or coarse mesh, kept: a silhouette filter
        caches its mesh's edges and does not notice a new input older than that cache."""
        if key not in self._silhouettes:
            sid, coarse = key
            mesh = self._coarse_mappers[sid].GetInput() if coarse else self.meshes[sid]
            self._silhouettes[key] = self._silhouette_of(mesh)
        return self._silhouettes[key]

    def _on_state(self, event: Event) -> None:
        self._update(self.actors.keys() if event.ids is None else event.ids & self.actors.keys())
        self.on_change()

    def _update(self, ids) -> None:
        for sid in ids:
            self._apply(sid)
        self.picker.set_pickable(s for s in self.actors if self.state.appearance(s).pickable)
        self._update_outline()
        # the overlay clears the depth buffer for itself: draw it only while it has a shape
        self._overlay.SetDraw(any(fill.GetVisibility() for fill, _ in self._ghosts.values()))

    def _update_outline(self) -> None:
        sel = self.state.selected
        if sel in self.actors and self.state.appearance(sel).visible:
            key = (sel, self.coarse and sel in self._coarse_mappers)
            if self._outline_of != key:
                sil = self._silhouette(key)
                self._outline.GetMapper().SetInputConnection(sil.GetOutputPort())
                self._outline_of = key
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
        opacity = look.opacity
        if is_pain_area(sid) and self._route_lit():
            opacity = min(opacity, PAIN_OVER_ROUTE_OPACITY)
        prop.SetOpacity(opacity)
        # a see-through surface must not hide what lies behind it in the depth buffer
        actor.SetForceTranslucent(opacity < 1.0)
        for ghost in self._ghosts.get(sid, ()):
            ghost.SetVisibility(look.visible)

    def _route_lit(self) -> bool:
        """Whether a teaching focus lights a nerve."""
        focus = self.state.focus
        return focus is not None and any(
            self.state.structures[i].group == "nerves"
            for i in focus.lit
            if i in self.state.structures
        )

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
        shown = [
            i
            for i in self.actors
            if self.state.appearance(i).visible and self.state.structures[i].group not in ("skin",)
        ]
        return self.bounds(shown or None)

    def camera_pose(self) -> CameraPose:
        cam = self.plotter.renderer.GetActiveCamera()
        return CameraPose(
            tuple(cam.GetPosition()), tuple(cam.GetFocalPoint()), tuple(cam.GetViewUp())
        )

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
