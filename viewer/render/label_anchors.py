"""Where a label's leader ends: a point where its structure is what the eye sees.

Several candidate points are tried per structure, in order: the content's label anchor (when it
faces the eye), then the structure's extremes along the view's axes (the one on its own side of
the view first) and its point nearest the eye, then more of its surface, those facing the eye
first. The candidates are the surface points nearest to a lattice over the structure's box, the
same points however the surface is triangulated. A candidate holds when the pixel under it, and
the pixels ``CLEAR_PX`` away on each side, show the structure: rays through the full-resolution
meshes (:mod:`.visibility`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import reference

from .visibility import SightLines, lattice_points

#: the pixels this far (logical) either side of a leader's end must show its structure too
CLEAR_PX = 1.5
#: a candidate point must face the eye at least this much (cosine) ...
MIN_FACING = 0.25
#: ... the preferred anchor (the content's) at least this much ...
PREFERRED_FACING = 0.5
#: ... and among the extremes, facing the eye fully is worth this many mm of extremeness
FACING_MM = 25.0
#: ... and at most this many candidates are tried per structure
MAX_TRIES = 48
#: candidates come from the surface points nearest to a lattice of about this many points over
#: the structure's box (the same points however the surface is triangulated)
LATTICE = 70
#: candidates whose extremes differ by less than this (mm) are a tie (see :func:`_greatest`):
#: along a long, straight edge seen side-on (the femur's shaft) many points are nearly as far
#: out, and a retriangulated surface shifts their facing bonus by a few tenths of a mm (1.5 mm
#: let the left femur's leader end jump 25 mm along the shaft in a fitted 400 x 300 view)
TIE_MM = 3.0


def surface_anchor(mesh: pv.PolyData) -> np.ndarray:
    """The point of the surface nearest the mesh's bounding-box centre: mid-structure, on the
    surface, and (unlike the nearest vertex) the same point however the surface is triangulated,
    so that a rebuilt mesh keeps its label where it was."""
    found = mesh.find_closest_cell(np.asarray(mesh.center), return_closest_point=True)
    _cell, point = found  # type: ignore[misc]  # a (cell, point) pair with return_closest_point
    return np.asarray(point, dtype=float)


def _greatest(values: np.ndarray, points: np.ndarray) -> int:
    """The index of the greatest of ``values`` (mm); values within ``TIE_MM`` of it are a tie,
    won by the point furthest to the patient's left (then the lowest): a symmetric structure
    seen from the front must not swap sides at a rebuild's sub-millimetre changes."""
    tied = np.flatnonzero(values >= values.max() - TIE_MM)
    return int(tied[np.lexsort((points[tied, 2], points[tied, 0]))[0]])


class LeaderEnds:
    """The leader ends of the structures of ``anchors`` (id -> preferred point, shared with the
    label layer), found among their surfaces ``meshes`` with ``sight``."""

    def __init__(
        self,
        meshes: Mapping[str, pv.PolyData],
        sight: SightLines,
        anchors: Mapping[str, np.ndarray],
    ):
        self.meshes = meshes
        self.sight = sight
        self.anchors = anchors
        self._samples: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._preferred_normals: dict[str, np.ndarray] = {}

    def samples(self, sid: str) -> tuple[np.ndarray, np.ndarray]:
        if sid not in self._samples:
            self._samples[sid] = lattice_points(self.meshes[sid], self.sight.locator(sid), LATTICE)
        return self._samples[sid]

    def candidates(
        self, sid: str, eye: np.ndarray, right: np.ndarray, up: np.ndarray, focal: np.ndarray
    ):
        """The points tried as ``sid``'s leader end, in the order they are tried (``focal``: the
        point the view looks at)."""
        pts, normals = self.samples(sid)
        to_eye = eye - pts
        dist = np.linalg.norm(to_eye, axis=1)
        facing = np.einsum("ij,ij->i", normals, to_eye) / np.maximum(dist, 1e-9)
        front = np.flatnonzero(facing >= MIN_FACING)
        order: list[int] = []
        if len(front):
            p = pts[front]
            across = p @ right
            # the extreme on the structure's own side of the view first: its leader is short,
            # and its label sits in that side's column
            centre = float(np.dot(focal, right))
            outward = across if float(np.mean(across)) >= centre else -across
            # extremes, each point's facing worth a few mm: a point barely facing the eye (whose
            # facing a rebuilt surface may tip either way) seldom wins
            bonus = FACING_MM * facing[front]
            for values in (outward, -outward, -dist[front], p @ up, -(p @ up)):
                order.append(int(front[_greatest(values + bonus, p)]))
            # then the rest, those facing the eye most first (in steps, ties: the patient's left)
            steps = np.round(facing[front] / 0.05)
            order += [int(front[k]) for k in np.lexsort((p[:, 0], -steps))]
        preferred, normal = self.preferred(sid)
        to_eye = eye - preferred
        if float(np.dot(normal, to_eye)) >= PREFERRED_FACING * float(np.linalg.norm(to_eye)):
            yield preferred
        for i in list(dict.fromkeys(order))[: MAX_TRIES - 1]:
            yield pts[i]

    def preferred(self, sid: str) -> tuple[np.ndarray, np.ndarray]:
        """The preferred anchor (on the surface) and the surface's smooth normal there."""
        if sid not in self._preferred_normals:
            point = self.anchors[sid]
            closest = [0.0, 0.0, 0.0]
            cell, sub, dist2 = reference(0), reference(0), reference(0.0)
            find: Any = self.sight.locator(sid).FindClosestPoint
            find(point, closest, cell, sub, dist2)
            mesh = self.meshes[sid]
            corners = mesh.regular_faces[int(cell)]
            normal = np.asarray(mesh.point_data["Normals"], dtype=float)[corners].sum(axis=0)
            self._preferred_normals[sid] = normal / max(float(np.linalg.norm(normal)), 1e-9)
        return self.anchors[sid], self._preferred_normals[sid]

    def find(
        self, sid: str, ren, blocking: frozenset[str], scale: float = 1.0, margin_px: float = 6.0
    ) -> np.ndarray | None:
        """The first candidate of ``sid`` in view (``margin_px`` logical pixels from its edges,
        times ``scale``, the device pixel ratio) whose pixel and its neighbours show ``sid``,
        nothing of ``blocking`` in front; None when none does."""
        cam = ren.GetActiveCamera()
        eye = np.asarray(cam.GetPosition())
        ahead = np.subtract(cam.GetFocalPoint(), eye)
        ahead /= np.linalg.norm(ahead)
        up = np.asarray(cam.GetViewUp(), dtype=float)
        right = np.cross(ahead, up)
        right /= np.linalg.norm(right)
        up = np.cross(right, ahead)
        w, h = ren.GetSize()
        margin = margin_px * scale
        mm_per_px = 2.0 * np.tan(np.radians(cam.GetViewAngle()) / 2) / max(h, 1)
        focal = np.asarray(cam.GetFocalPoint(), dtype=float)
        for point in self.candidates(sid, eye, right, up, focal):
            ren.SetWorldPoint(*point, 1.0)
            ren.WorldToDisplay()
            x, y, _ = ren.GetDisplayPoint()
            if not (margin <= x <= w - margin and margin <= y <= h - margin):
                continue
            if not self.sight.shows(eye, point, sid, blocking):
                continue
            step = CLEAR_PX * scale * mm_per_px * float(np.dot(point - eye, ahead))
            around = (right * step, -right * step, up * step, -up * step)
            if all(self.sight.shows(eye, point + d, sid, blocking) for d in around):
                return np.asarray(point, dtype=float)
        return None
