"""Section caps: where a structure runs on beyond the modelled region, it ends in a flat cut.

Atlases draw such a cut face in a lighter colour, so that it reads as a deliberate section and
not as the structure's real end. A builder marks the vertices of each cap in the mesh's vertex
attribute :data:`ATTRIBUTE` (0: not on a cap; 1, 2, ...: the cap's number); the attribute is
written into the mesh file as a vertex property and read back with it, and the renderer draws
the cap faces (:func:`cap_faces`) in the cut colour. Picks still name the structure: the caps
are part of its one surface.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the renderer reads caps without trimesh (a picture's start-up stays light)
    import trimesh

#: the vertex attribute (and PLY vertex property) naming each vertex's cap
ATTRIBUTE = "cut"
#: a face is on a cap only if its normal lies within this angle of the cap's mean normal
#: (side faces whose three corners all lie on the cap's rim are left out), degrees
CAP_NORMAL_TOLERANCE = 35.0


def tag(mesh: trimesh.Trimesh, vertex_ids) -> int:
    """Mark ``vertex_ids`` of ``mesh`` as one new cap; returns the cap's number."""
    flags = cut_flags(mesh)
    number = int(flags.max()) + 1
    flags[np.asarray(vertex_ids, dtype=np.int64)] = number
    mesh.vertex_attributes[ATTRIBUTE] = flags
    return number


def tag_plane(
    mesh: trimesh.Trimesh, point, normal, tolerance: float = 0.25, within: float = np.inf
) -> int:
    """Mark as one cap the vertices lying on the plane through ``point`` with ``normal`` (within
    ``tolerance`` mm) and less than ``within`` mm from ``point`` (a cut made only near it: the
    plane may cross the mesh elsewhere): the flat face a half-space cut leaves. Returns the cap's
    number, or 0 when no face of ``mesh`` lies on that plane there."""
    n = np.asarray(normal, float)
    n = n / np.linalg.norm(n)
    offset = np.asarray(mesh.vertices) - np.asarray(point, float)
    on = np.abs(offset @ n) < tolerance
    if np.isfinite(within):
        on &= np.linalg.norm(offset, axis=1) < within
    faces = np.asarray(mesh.faces)
    if not on[faces].all(axis=1).any():
        return 0
    return tag(mesh, np.flatnonzero(on))


def cut_flags(mesh: trimesh.Trimesh) -> np.ndarray:
    """Each vertex's cap number (0 off every cap), as uint8."""
    found = mesh.vertex_attributes.get(ATTRIBUTE)
    flags = None if found is None else np.asarray(found)
    if flags is None or len(flags) != len(mesh.vertices):
        return np.zeros(len(mesh.vertices), np.uint8)
    return np.asarray(flags, np.uint8).copy()


def cap_faces(faces: np.ndarray, flags: np.ndarray, face_normals: np.ndarray) -> np.ndarray:
    """Which faces lie on a section cap: all three corners on the same cap, the face turned the
    way the cap as a whole faces (within :data:`CAP_NORMAL_TOLERANCE`)."""
    faces = np.asarray(faces)
    corner = np.asarray(flags)[faces]
    same = (corner[:, 0] > 0) & (corner[:, 0] == corner[:, 1]) & (corner[:, 0] == corner[:, 2])
    out = np.zeros(len(faces), bool)
    normals = np.asarray(face_normals, float)
    for number in np.unique(corner[same, 0]):
        on = same & (corner[:, 0] == number)
        mean = normals[on].sum(axis=0)
        if np.linalg.norm(mean) == 0:
            continue
        mean /= np.linalg.norm(mean)
        out |= on & (normals @ mean > np.cos(np.radians(CAP_NORMAL_TOLERANCE)))
    return out
