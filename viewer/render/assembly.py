"""Puts the whole scene together on a plotter: content, state, meshes, actors, labels and the
glow of a lit nerve route.

Shared by the window (a ``QtInteractor``) and ``--screenshot`` (an off-screen ``pyvista.Plotter``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pyvista as pv

from ..anatomy.structures import STRUCTURES
from ..content import Annotations, load_annotations
from ..scene.camera import CameraPose
from ..scene.focus import path_focus, path_pose, story_focus, story_pose
from ..scene.pins import PinBoard
from ..scene.state import SceneState, SceneStructure, Voice
from ..vocabulary import Side, StructureKind
from .labels import LabelLayer, surface_anchor
from .meshes import load_meshes
from .nerve_glow import RouteGlows
from .pin_layer import PinLayer
from .pulse_layer import PulseLayer
from .scene_renderer import SceneRenderer

#: the structures that carry a leader-line label (of a left/right pair, the nearer one is
#: labelled), most important first: a condition shape, the subject of the story that shows it
#: (and drawn over the structure it marks, whose label it then takes: a label names what is seen)
LABELLED = (
    *(s.id for s in STRUCTURES if s.kind is StructureKind.CONDITION_SHAPE),
    "l5_vertebra",
    "s1_segment",
    "l5_s1_disc_annulus",
    "dural_sac",
    "s1_nerve_root_left",
    "s1_nerve_root_right",
    "sciatic_nerve_left",
    "sciatic_nerve_right",
    "piriformis_left",
    "piriformis_right",
    "hip_bone_left",
    "hip_bone_right",
    "sacroiliac_joint_left",
    "sacroiliac_joint_right",
    "femur_left",
    "femur_right",
)


class ModelScene:
    """Everything drawn in one plotter, built once: ``state`` (the one source of truth),
    ``renderer`` (actors), ``labels``, ``glows`` (the lit nerve route) and ``pins`` (the notes
    on surfaces, drawn by ``pin_layer``)."""

    def __init__(
        self,
        plotter: pv.BasePlotter,
        annotations: Annotations | None = None,
        mesh_dir: Path | None = None,
        label_scale: float = 1.0,
        on_change: Callable[[], None] | None = None,
    ):
        self.plotter = plotter
        self.content = annotations if annotations is not None else load_annotations()
        self.meshes = load_meshes([s.id for s in STRUCTURES], mesh_dir)
        self.mesh_dir = mesh_dir
        # the scene holds the structures that have a mesh
        self.state = SceneState(
            SceneStructure.from_spec(s) for s in STRUCTURES if s.id in self.meshes
        )
        colour_of = {sid: e.colour for sid, e in self.content.structures.items()}
        self.renderer = SceneRenderer(plotter, self.state, self.meshes, colour_of, on_change)
        anchors: dict[str, Sequence[float] | np.ndarray] = {}
        for sid in LABELLED:
            if sid in self.meshes:
                entry = self.content.structures.get(sid)
                anchor = entry.anchor if entry is not None else None
                anchors[sid] = anchor if anchor is not None else surface_anchor(self.meshes[sid])
        self.labels = LabelLayer(
            plotter,
            self.state,
            self.name,  # in the state's voice, relabelled when it changes
            anchors,
            self.meshes,
            self.renderer.sight,
            scale=label_scale,
            moving=lambda: self.renderer.coarse,
        )
        # a standard view leaves room for a column of labels on each side of the model
        self.renderer.label_room_px = self.labels.column_px
        self.glows = RouteGlows(plotter, self.state, self.content, self.meshes, mesh_dir)
        # the pulse drawn alone over the last full frame (the window's render loop asks it)
        self.renderer.pulse_layer = PulseLayer(plotter, self.state, self.glows)
        # pins and notes on the surfaces (saved in scene files)
        self.pins = PinBoard()
        self.pin_layer = PinLayer(plotter, self.state, self.pins, self.meshes, scale=label_scale)

    def name(self, sid: str, voice: Voice | None = None) -> str:
        """A structure's name in ``voice`` (default: the state's voice)."""
        entry = self.content.structures.get(sid)
        if entry is None:
            return sid.replace("_", " ")
        return self.content.display_name(sid, voice or self.state.voice)

    # -- teaching foci: the state's focus, and the camera each asks for -----------------------
    def focus_story(self, story_id: str, side: Side | None = None) -> CameraPose:
        """Put a condition story in focus, told on ``side`` (default: the side it is written
        for); the camera pose it asks for (not applied)."""
        focus = story_focus(self.content, story_id, self.state.ids, side)
        self.state.set_focus(focus)
        return story_pose(
            self.content, story_id, focus, self.renderer.bounds, self.renderer.view_aspect()
        )

    def focus_path(self, path_id: str) -> CameraPose:
        """Put an S1 nerve path in focus; the camera pose it asks for (not applied)."""
        focus = path_focus(self.content, path_id, self.state.ids)
        self.state.set_focus(focus)
        return path_pose(self.content, path_id, focus, self.renderer.bounds)

    def close(self) -> None:
        self.labels.close()
        self.pin_layer.close()
        self.state.events.disconnect_all()
