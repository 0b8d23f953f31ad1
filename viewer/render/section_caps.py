"""Section caps drawn in the lighter cut colour.

Where a structure runs on beyond the modelled region its mesh ends in a flat cap whose vertices
the build tagged (:mod:`viewer.anatomy.section_caps`; the mesh file carries them as the vertex
property ``cut``, read into ``point_data["cut"]``). Each such structure gets one extra actor
holding only its cap faces, drawn just in front of the structure's own surface (polygon offset)
in :func:`colours.cut_colour` of whatever colour the structure shows, and shown, faded and lit
exactly as the structure is. The extra actor is never picked: picks are rays through the full
meshes and name the structure.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkActor, vtkRenderer

from ..anatomy.section_caps import ATTRIBUTE, cap_faces
from . import colours
from .level_of_detail import surface_mapper

#: polygon offset (factor, units) that draws a cap over the coincident faces of its structure
CAP_OFFSET = (-1.0, -8.0)


def cap_surface(mesh: pv.PolyData) -> pv.PolyData | None:
    """The cap faces of ``mesh`` as a surface of their own (flat-shaded normals), or None."""
    if ATTRIBUTE not in mesh.point_data:
        return None
    faces = mesh.regular_faces
    points = np.asarray(mesh.points, float)
    tri = points[faces]
    normals = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    normals = normals / np.where(length > 0, length, 1.0)
    on_cap = cap_faces(faces, np.asarray(mesh.point_data[ATTRIBUTE]), normals)
    if not on_cap.any():
        return None
    used, inverse = np.unique(faces[on_cap], return_inverse=True)
    triangles: np.ndarray = np.asarray(inverse, dtype=int).reshape(-1, 3)
    caps = pv.PolyData.from_regular_faces(points[used], triangles)
    caps.point_data.set_array(caps.point_normals, "Normals")
    caps.point_data.active_normals_name = "Normals"
    return caps


class SectionCaps:
    """One cap actor per structure that has section caps, following its structure's look."""

    def __init__(self, renderer: vtkRenderer, meshes: Mapping[str, pv.PolyData]):
        self.actors: dict[str, vtkActor] = {}
        for sid, mesh in meshes.items():
            caps = cap_surface(mesh)
            if caps is None:
                continue
            mapper = surface_mapper(caps)
            mapper.SetResolveCoincidentTopologyToPolygonOffset()
            mapper.SetRelativeCoincidentTopologyPolygonOffsetParameters(*CAP_OFFSET)
            actor = vtkActor()
            actor.SetMapper(mapper)
            actor.PickableOff()
            actor.GetProperty().SetInterpolationToPhong()
            renderer.AddActor(actor)
            self.actors[sid] = actor

    def follow(self, sid: str, structure: vtkActor, colour) -> None:
        """Give ``sid``'s cap the look of its structure's actor, in the cut shade of ``colour``."""
        cap = self.actors.get(sid)
        if cap is None:
            return
        src, dst = structure.GetProperty(), cap.GetProperty()
        cap.SetVisibility(structure.GetVisibility())
        dst.SetColor(*colours.cut_colour(colour))
        dst.SetOpacity(src.GetOpacity())
        dst.SetAmbient(src.GetAmbient())
        dst.SetDiffuse(src.GetDiffuse())
        dst.SetSpecular(src.GetSpecular() * 0.5)  # a cut face is matt
        dst.SetSpecularPower(src.GetSpecularPower())
        cap.SetForceTranslucent(structure.GetForceTranslucent())
