"""Maps the scene state onto VTK actors.

Actors are created once, when the renderer is built; every state change afterwards only copies
:meth:`SceneState.appearance` onto actor properties (visibility, opacity, colour, lighting,
pickability, the overlay copy). No rule of the scene's look is decided here. Works with an
off-screen ``pyvista.Plotter`` and with a ``pyvistaqt.QtInteractor`` alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkActor

from ..scene.camera import CameraPose, bounds_centre, fitted_view
from ..scene.events import Event
from ..scene.framing import (
    Framing,
    candidate_directions,
    choose_direction,
    framing_distance,
    pose_towards,
    seen_share,
)
from ..scene.state import SceneState
from ..vocabulary import StructureKind
from . import colours
from .level_of_detail import LevelOfDetail, surface_mapper
from .overlays import ConditionGhosts, SelectionOutline
from .picking import StructurePicker
from .section_caps import SectionCaps
from .visibility import SightLines, surface_samples

if TYPE_CHECKING:
    from .pulse_layer import PulseLayer

Bounds = tuple[float, float, float, float, float, float]
#: the structures' specular power (how tight their highlights are)
SPECULAR_POWER = 20.0
#: surface points of a chosen structure whose sight lines decide the side it is framed from
FRAMING_SAMPLES = 48
#: a point counts when it faces the eye at least this much (cosine)
FRAMING_FACING = 0.2
#: the bounds of an empty scene
NO_BOUNDS: Bounds = (-100.0, 100.0, -100.0, 100.0, -100.0, 100.0)


class SceneRenderer:
    #: the layer that draws the travelling pulse alone (set by the scene's assembly once the
    #: nerve glows exist; None: every frame is a full one)
    pulse_layer: PulseLayer | None = None

    def __init__(
        self,
        plotter: pv.BasePlotter,
        state: SceneState,
        meshes: Mapping[str, pv.PolyData],
        colour_of: Mapping[str, str] | None = None,
        on_change: Callable[[], None] | None = None,
    ):
        self.plotter = plotter
        self.state = state
        self.meshes = dict(meshes)
        given = colour_of or {}
        self._colour: dict[str, colours.RGB] = {
            sid: colours.as_rgb(given.get(sid) or colours.FALLBACK[state.structures[sid].group])
            for sid in self.meshes
        }
        self.on_change = on_change or (lambda: None)
        #: how wide (display pixels) a column of labels beside the model is: a standard view
        #: leaves that much free on each side (the scene sets it to its label layer's)
        self.label_room_px: Callable[[], float] = lambda: 0.0
        plotter.renderer.set_background(colours.BACKGROUND_BOTTOM, top=colours.BACKGROUND_TOP)
        renderer = plotter.renderer
        # see-through surfaces (X-ray, fading, dimming) are blended by VTK's order-independent
        # translucency; depth peeling is left off: under Mesa's llvmpipe it drops them entirely
        renderer.SetUseDepthPeeling(False)
        renderer.SetUseOIT(True)
        self.actors: dict[str, vtkActor] = {
            sid: self._add_actor(mesh) for sid, mesh in self.meshes.items()
        }
        self.detail = LevelOfDetail(self.meshes, self.actors)
        self.caps = SectionCaps(renderer, self.meshes)  # cut faces in the lighter cut colour
        self.outline = SelectionOutline(renderer, self._mesh_of)
        shapes = [
            sid
            for sid in self.meshes
            if state.structures[sid].kind is StructureKind.CONDITION_SHAPE
        ]
        self.ghosts = ConditionGhosts(
            plotter.render_window, renderer, {s: self.meshes[s] for s in shapes}, self._colour
        )
        #: rays through the full meshes: picking, the labels' anchors, framing
        self.sight = SightLines(self.meshes)
        self.picker = StructurePicker(self.sight, renderer)
        state.events.any.connect(self._on_state)
        self._update(self.actors.keys())
        renderer.ResetCameraClippingRange()

    def _add_actor(self, mesh: pv.PolyData) -> vtkActor:
        """One plain VTK actor per mesh, smooth-shaded with the mesh's own normals."""
        if mesh.point_data.active_normals is None:
            mesh.point_data.set_array(mesh.point_normals, "Normals")
            mesh.point_data.active_normals_name = "Normals"
        actor = vtkActor()
        actor.SetMapper(surface_mapper(mesh))
        prop = actor.GetProperty()
        prop.SetInterpolationToPhong()
        prop.SetSpecularPower(SPECULAR_POWER)
        self.plotter.renderer.AddActor(actor)
        return actor

    def _mesh_of(self, sid: str, coarse: bool) -> pv.PolyData:
        return self.detail.copy_of(sid) if coarse else self.meshes[sid]

    # -- level of detail -----------------------------------------------------------------------
    @property
    def coarse(self) -> bool:
        return self.detail.coarse

    def prepare_coarse(self, limit: int | None = None) -> bool:
        """Make coarse copies for moving frames (see :meth:`LevelOfDetail.prepare`)."""
        return self.detail.prepare(limit)

    def set_coarse(self, on: bool) -> None:
        """Draw the coarse copies (while the model moves) or the full meshes (still frames)."""
        if self.detail.set_coarse(on):
            self._update_outline()

    # -- state -> actors -----------------------------------------------------------------------
    def _on_state(self, event: Event) -> None:
        self._update(self.actors.keys() if event.ids is None else event.ids & self.actors.keys())
        self.on_change()

    def _update(self, ids: Iterable[str]) -> None:
        for sid in ids:
            self._apply(sid)
        self.picker.set_pickable(s for s in self.actors if self.actors[s].GetPickable())
        self._update_outline()
        self.ghosts.update_layer()

    def _update_outline(self) -> None:
        sel = self.state.selected
        if sel in self.actors and self.state.appearance(sel).visible:
            self.outline.show(sel, self.detail.coarse and self.detail.has_copy(sel))
        else:
            self.outline.show(None)

    def _apply(self, sid: str) -> None:
        """Copy the state's appearance of ``sid`` onto its actor."""
        look = self.state.appearance(sid)
        actor = self.actors[sid]
        prop = actor.GetProperty()
        actor.SetVisibility(look.visible)
        actor.SetPickable(look.pickable)
        base = self._colour[sid]
        colour = colours.mix(base, look.tint, look.tint_share) if look.tint else base
        prop.SetColor(*colour)
        ambient, diffuse, specular = look.lighting
        prop.SetAmbient(ambient)
        prop.SetDiffuse(diffuse)
        prop.SetSpecular(specular)
        prop.SetOpacity(look.opacity)
        # a see-through surface must not hide what lies behind it in the depth buffer
        actor.SetForceTranslucent(look.opacity < 1.0)
        # and shows its near side only: a ghost of one layer, not of every surface inside it
        prop.SetBackfaceCulling(look.opacity < 1.0)
        self.caps.follow(sid, actor, colour)
        self.ghosts.set_shown(sid, look.ghost)

    # -- picking -------------------------------------------------------------------------------
    def pick(self, x: float, y: float) -> str | None:
        """The structure drawn at VTK display point (x, y) (pixels, origin bottom-left), or None:
        a ray through the full meshes, whichever copies are drawn."""
        return self.picker.pick(x, y)

    # -- geometry and camera -------------------------------------------------------------------
    def bounds(self, ids: Iterable[str] | None = None) -> Bounds:
        """The box around ``ids`` (every structure when None)."""
        ids = [i for i in (ids if ids is not None else self.actors) if i in self.meshes]
        if not ids:
            return NO_BOUNDS
        b = np.array([self.meshes[i].bounds for i in ids]).reshape(-1, 3, 2)
        lo, hi = b[:, :, 0].min(0), b[:, :, 1].max(0)
        x0, x1, y0, y1, z0, z1 = (float(v) for v in np.ravel(np.stack([lo, hi], axis=1)))
        return (x0, x1, y0, y1, z0, z1)

    def shown_ids(self) -> list[str]:
        """What is shown, the skin left out (it would frame the whole body); every structure
        when nothing is."""
        shown = [
            i
            for i in self.actors
            if self.state.appearance(i).visible and self.state.structures[i].group != "skin"
        ]
        return [i for i in (shown or self.actors) if i in self.meshes]

    def camera_pose(self) -> CameraPose:
        cam = self.plotter.renderer.GetActiveCamera()
        return CameraPose.of(cam.GetPosition(), cam.GetFocalPoint(), cam.GetViewUp())

    def set_camera_pose(self, pose: CameraPose) -> None:
        cam = self.plotter.renderer.GetActiveCamera()
        cam.SetPosition(*pose.position)
        cam.SetFocalPoint(*pose.focal_point)
        cam.SetViewUp(*pose.view_up)
        cam.OrthogonalizeViewUp()
        self.plotter.renderer.camera_set = True  # stop pyvista resetting it on the first render
        self.plotter.renderer.ResetCameraClippingRange()

    def view_aspect(self) -> float | None:
        """The 3D view's width over its height (None before it has a size)."""
        w, h = self.plotter.renderer.GetSize()
        return w / h if w and h else None

    def view_pose(self, name: str) -> CameraPose:
        """The standard view ``name`` of what is shown, fitted to its outline from that side
        and to the view's shape (:func:`~viewer.scene.camera.fitted_view`)."""
        ids = self.shown_ids()
        if not ids:
            return self.camera_pose()
        points = np.vstack([np.asarray(self.meshes[i].points) for i in ids])
        width = float(self.plotter.renderer.GetSize()[0])
        free = 2.0 * self.label_room_px() / width if width > 0 else 0.0
        return fitted_view(name, points, aspect=self.view_aspect(), width_share=1.0 - free)

    def framing_pose(self, ids: Sequence[str]) -> CameraPose:
        """The pose that shows ``ids`` (see :meth:`framing`)."""
        return self.framing(ids).pose

    def framing(self, ids: Sequence[str]) -> Framing:
        """How to show ``ids``: the side the camera looks from (the current one when it sees
        enough of them), close enough to see them well, and what to fade when every side has
        something in front (:mod:`viewer.scene.framing`)."""
        targets = [i for i in ids if i in self.meshes]
        current = self.camera_pose()
        if not targets:
            return Framing(current)
        bounds = self.bounds(targets)
        centre = bounds_centre(bounds)
        distance = framing_distance(bounds)
        per = max(8, FRAMING_SAMPLES // len(targets))
        samples = [surface_samples(self.meshes[t], per) for t in targets]
        pts = np.vstack([p for p, _ in samples])
        normals = np.vstack([n for _, n in samples])
        blocking = [s for s in self.actors if s in targets or self.state.appearance(s).pickable]
        others = [s for s in blocking if s not in targets]
        sight = self.sight

        def facing(direction: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            eye = centre + direction * distance
            to_eye = eye - pts
            cos = np.einsum("ij,ij->i", normals, to_eye) / np.linalg.norm(to_eye, axis=1)
            return eye, pts[cos >= FRAMING_FACING]

        def seen(direction: np.ndarray) -> float:
            eye, front = facing(direction)
            if not len(front):
                return 0.0
            in_sight = float(np.mean([sight.in_sight(eye, q, blocking) for q in front]))
            return seen_share(in_sight, len(front) / len(pts))

        def blockers(direction: np.ndarray) -> list[frozenset[str]]:
            eye, front = facing(direction)
            return [frozenset(sight.in_front(eye, q, others)) for q in front]

        look = np.subtract(current.position, current.focal_point)
        direction, share, faded = choose_direction(
            candidate_directions(look), seen, blockers, len(pts)
        )
        pose = pose_towards(bounds, direction, distance, current.view_up)
        return Framing(pose, faded, share)

    def world_to_display(self, point) -> tuple[float, float]:
        ren = self.plotter.renderer
        ren.SetWorldPoint(*point, 1.0)
        ren.WorldToDisplay()
        x, y, _ = ren.GetDisplayPoint()
        return x, y
