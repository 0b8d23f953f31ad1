"""Flat cap triangles taken out of an open patch without moving its surface (used by
:mod:`viewer.anatomy.pain_areas`): a triangle with one corner all but on its longest edge is
flipped with its neighbour across that edge, or, on the border, dropped."""

from __future__ import annotations

import numpy as np
import trimesh

from .geometry import border_vertices, triangle_quality, triangles_quality


def caps_flipped(patch: trimesh.Trimesh, quality: float, rounds: int = 3) -> trimesh.Trimesh:
    """``patch`` without the flat cap triangles the collapses leave beside its border (one
    corner all but on its longest edge, of lower ``quality`` (1 equilateral, 0 degenerate); the
    collapse of :func:`geometry.without_slivers` leaves those with a corner on the border): the
    longest edge of each is flipped with the neighbour across it (the quadrilateral's other
    diagonal, where both new triangles are better than the cap), or, where that edge is on the
    border and the corner inside, the cap is dropped (the border runs through the corner, all
    but on it). Nothing else moves: the surface stays where it was. (A 0.54 mm edge beside the
    natal cleft left a cap of quality 0.009 in both S1 areas when L5's transverse processes
    changed, s35: the skin over L5 moved the cut's border vertices.)"""
    for _ in range(rounds):
        faces = np.array(patch.faces)
        q = triangle_quality(patch)
        bad = np.flatnonzero(q < quality)
        if not len(bad):
            break
        v = np.asarray(patch.vertices, float)
        edge_faces: dict[tuple[int, int], list[int]] = {}
        for i, f in enumerate(faces):
            for k in range(3):
                a, b = int(f[k]), int(f[(k + 1) % 3])
                edge_faces.setdefault((min(a, b), max(a, b)), []).append(i)
        on_border = border_vertices(patch)
        touched: set[int] = set()
        drop: list[int] = []
        for i in bad.tolist():
            if i in touched:
                continue
            f = faces[i]
            length = np.linalg.norm(v[f] - v[np.roll(f, -1)], axis=1)  # (f0f1, f1f2, f2f0)
            k = int(np.argmax(length))
            a, b, c = int(f[k]), int(f[(k + 1) % 3]), int(f[(k + 2) % 3])
            across = [j for j in edge_faces[(min(a, b), max(a, b))] if j != i]
            if not across:  # the long edge on the border: drop the cap if its corner is inside
                if not on_border[c]:
                    drop.append(i)
                    touched.add(i)
                continue
            j = across[0]
            if j in touched:
                continue
            d = int(next(x for x in faces[j] if x not in (a, b)))
            if (min(c, d), max(c, d)) in edge_faces:
                continue
            new = np.array([[a, d, c], [d, b, c]])
            if triangles_quality(v[new]).min() <= min(q[i], q[j]):
                continue
            # (a quadrilateral bent over its long edge flips a triangle over: kept as it is)
            if np.any(_normals(v[new]) @ (_normals(v[faces[[i, j]]]).sum(axis=0)) <= 0.0):
                continue
            faces[i], faces[j] = new
            touched.update((i, j))
        keep = np.ones(len(faces), bool)
        keep[drop] = False
        patch = trimesh.Trimesh(patch.vertices, faces[keep], process=False)
        if not touched:
            break
    patch.remove_unreferenced_vertices()
    return patch


def _normals(tri: np.ndarray) -> np.ndarray:
    """Per triangle (n, 3, 3): its unit normal (by its winding)."""
    n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    return n / np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-30)
