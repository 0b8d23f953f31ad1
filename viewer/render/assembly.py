"""Puts the whole scene together on a plotter: content, state, meshes, actors and labels.

Shared by the window (a ``QtInteractor``) and ``--screenshot`` (an off-screen ``pyvista.Plotter``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyvista as pv

from ..anatomy.structures import STRUCTURES
from ..content import Annotations, load_annotations
from ..scene.state import SceneState, Structure
from .labels import LabelLayer, surface_anchor
from .meshes import load_meshes
from .scene_renderer import SceneRenderer

#: the structures that carry a leader-line label (of a left/right pair, the nearer one is labelled)
LABELLED = (
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
    """Everything drawn in one plotter, built once."""

    def __init__(
        self,
        plotter: pv.Plotter,
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
            Structure(s.id, s.group, s.side) for s in STRUCTURES if s.id in self.meshes
        )
        colour_of = {sid: e.colour for sid, e in self.content.structures.items()}
        self.renderer = SceneRenderer(plotter, self.state, self.meshes, colour_of, on_change)
        anchors = {}
        for sid in LABELLED:
            if sid in self.meshes:
                entry = self.content.structures.get(sid)
                anchor = entry.anchor if entry is not None and entry.anchor is not None else None
                anchors[sid] = anchor if anchor is not None else surface_anchor(self.meshes[sid])
        names = {sid: self.name(sid) for sid in anchors}
        self.labels = LabelLayer(
            plotter,
            self.state,
            names,
            anchors,
            scale=label_scale,
            model_bounds=self.renderer.shown_bounds,
        )

    def name(self, sid: str) -> str:
        entry = self.content.structures.get(sid)
        return entry.name if entry is not None else sid.replace("_", " ")

    def close(self) -> None:
        self.labels.close()
        self.state.events.disconnect_all()
