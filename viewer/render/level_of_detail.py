"""Level of detail: while the user turns the model each actor draws a decimated copy of its mesh.

A moving frame then costs a fraction of a still one. The copies are made once
(:meth:`LevelOfDetail.prepare`, a few at a time in idle moments), each behind its own mapper;
swapping mappers keeps both copies on the GPU side, so switching back costs nothing but the frame.
"""

from __future__ import annotations

from collections.abc import Mapping

import fast_simplification
import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkActor, vtkMapper, vtkPolyDataMapper

#: meshes above this many triangles get a coarse copy for moving frames, with about this share of
#: the triangles (never fewer than COARSE_MIN_TRIANGLES)
COARSE_ABOVE = 600
COARSE_SHARE = 0.08
COARSE_MIN_TRIANGLES = 400


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


def surface_mapper(mesh: pv.PolyData) -> vtkPolyDataMapper:
    """A mapper drawing ``mesh`` in its actor's colour (no scalars)."""
    mapper = vtkPolyDataMapper()
    mapper.SetInputData(mesh)
    mapper.ScalarVisibilityOff()
    return mapper


class LevelOfDetail:
    """Full and coarse mappers of each structure's actor; ``coarse`` says which are drawn."""

    def __init__(self, meshes: Mapping[str, pv.PolyData], actors: Mapping[str, vtkActor]):
        self.meshes = meshes
        self.actors = actors
        self.coarse = False
        self._coarse: dict[str, vtkPolyDataMapper] = {}
        self._fine: dict[str, vtkMapper] = {}

    def has_copy(self, sid: str) -> bool:
        return sid in self._coarse

    def copy_of(self, sid: str) -> pv.PolyData:
        """The coarse copy of ``sid`` (made already)."""
        return pv.wrap(self._coarse[sid].GetInput())

    def prepare(self, limit: int | None = None) -> bool:
        """Make the coarse copies still missing (at most ``limit`` of them, so that a caller can
        spread the work over idle time); True once every mesh that needs one has one."""
        todo = [
            sid
            for sid, m in self.meshes.items()
            if m.n_cells > COARSE_ABOVE and sid not in self._coarse
        ]
        for sid in todo[:limit]:
            self._coarse[sid] = surface_mapper(coarse_copy(self.meshes[sid]))
            if self.coarse:
                self._swap_in(sid)
        return limit is None or len(todo) <= limit

    def _swap_in(self, sid: str) -> None:
        actor = self.actors[sid]
        self._fine[sid] = actor.GetMapper()
        actor.SetMapper(self._coarse[sid])

    def set_coarse(self, on: bool) -> bool:
        """Draw the coarse copies (while the model moves) or the full meshes (still frames);
        True when that changed anything."""
        on = bool(on)
        if on == self.coarse:
            return False
        self.coarse = on
        for sid, actor in self.actors.items():
            if on and sid in self._coarse:
                self._swap_in(sid)
            elif not on and sid in self._fine:
                actor.SetMapper(self._fine.pop(sid))
        return True
