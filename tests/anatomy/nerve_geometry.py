"""Measurements on the built nerves shared by the nerve tests: sections across a centreline,
equivalent diameters, a band's width and thickness, where a ganglion swells, how tightly a
centreline bends."""

from __future__ import annotations

import numpy as np
import trimesh

from viewer.anatomy import parameters as P


def tangent(cl: np.ndarray, i: int) -> np.ndarray:
    a, b = cl[max(i - 2, 0)], cl[min(i + 2, len(cl) - 1)]
    return (b - a) / np.linalg.norm(b - a)


def section(mesh: trimesh.Trimesh, point, normal) -> np.ndarray:
    """Vertices of the cross-section loop of ``mesh`` through ``point`` nearest to it."""
    sec = mesh.section(plane_origin=point, plane_normal=normal)
    assert sec is not None, "plane misses the mesh"
    loops = [np.asarray(d) for d in sec.discrete]
    return min(loops, key=lambda loop: np.linalg.norm(loop.mean(0) - point))


def below_piriformis(model, lm, side):
    """The sciatic centreline point where it passes the greater sciatic notch."""
    cl = model.centerline(f"sciatic_nerve_{side}")
    notch = lm[f"greater_sciatic_notch_{side}"]
    spine = lm[f"ischial_spine_{side}"]
    # the notch's opening: between its deepest point and the ischial spine
    d = np.linalg.norm(cl - 0.5 * (notch + spine), axis=1)
    return cl, int(np.argmin(d))


def diameters(
    mesh: trimesh.Trimesh, cl: np.ndarray, step: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """Equivalent diameters (from the section's area) of ``mesh`` across its centreline, every
    ``step`` points, with the indices measured."""
    idx, out = [], []
    for i in range(3, len(cl) - 3, step):
        try:
            loop = section(mesh, cl[i], tangent(cl, i))
        except AssertionError:
            continue
        c = loop - loop.mean(0)
        xy = c @ np.linalg.svd(c, full_matrices=False)[2][:2].T
        area = 0.5 * abs(
            np.dot(xy[:, 0], np.roll(xy[:, 1], 1)) - np.dot(xy[:, 1], np.roll(xy[:, 0], 1))
        )
        idx.append(i)
        out.append(2.0 * np.sqrt(area / np.pi))
    return np.array(idx), np.array(out)


def extents(loop: np.ndarray) -> tuple[float, float]:
    """Width and thickness of a cross-section loop (along its principal axes)."""
    c = loop - loop.mean(0)
    axes = np.linalg.svd(c, full_matrices=False)[2]
    a, b = c @ axes[0], c @ axes[1]
    return float(a.max() - a.min()), float(b.max() - b.min())


def ganglion(model, root: str):
    """The ganglion's centre point and its diameter over the root's just before it (the 15 mm
    before the ganglion's half-length: beyond it the L5 root becomes the thicker trunk)."""
    cl = model.centerline(root)
    idx, d = diameters(model.mesh(root), cl)
    # a running median over 5 sections (2.5 mm): one plane grazing a bend is no ganglion
    smooth = np.median(
        np.lib.stride_tricks.sliding_window_view(np.pad(d, 2, mode="edge"), 5), axis=1
    )
    inner = (idx > 0.1 * len(cl)) & (idx < 0.75 * len(cl))
    k = int(np.argmax(np.where(inner, smooth, 0.0)))
    peak = float(d[max(k - 2, 0) : k + 3].max())
    s = arc_length(cl)[idx]
    before = (s < s[k] - P.DRG_LENGTH / 2.0 - 1.0) & (s > s[k] - P.DRG_LENGTH / 2.0 - 16.0)
    return cl[idx[k]], peak / float(np.median(d[before]))


def flat_faces(mesh: trimesh.Trimesh, near_z: float) -> float:
    """Area of the planar face (within 0.05 mm of one plane, normals within 3 degrees) among the
    faces within 8 mm of the height ``near_z``. Every candidate is tried as the plane's seed (a
    sample of them missed a cap of a few triangles: 2.9 of 5.0 mm^2 found on one build)."""
    c = mesh.triangles_center
    cand = np.nonzero(c[:, 2] > near_z - 8.0)[0]
    n = mesh.face_normals[cand]
    best = 0.0
    for k in cand:
        same = cand[(n @ mesh.face_normals[k]) > np.cos(np.radians(3.0))]
        off = np.abs((mesh.triangles_center[same] - c[k]) @ mesh.face_normals[k])
        best = max(best, float(mesh.area_faces[same[off < 0.05]].sum()))
    return best


def arc_length(cl: np.ndarray) -> np.ndarray:
    """Cumulative length along a polyline, from 0."""
    return np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(cl, axis=0), axis=1))])


def bend_radii(cl: np.ndarray, span: float = 4.0) -> np.ndarray:
    """Per point at least ``span`` mm from the ends: the radius of the circle through it and the
    points ``span`` mm before and after it (mm; infinite where straight)."""
    s = arc_length(cl)
    i = np.nonzero((s >= span) & (s <= s[-1] - span))[0]
    a = np.stack([np.interp(s[i] - span, s, cl[:, k]) for k in range(3)], axis=1)
    b = cl[i]
    c = np.stack([np.interp(s[i] + span, s, cl[:, k]) for k in range(3)], axis=1)
    ab, bc, ca = (np.linalg.norm(x, axis=1) for x in (b - a, c - b, a - c))
    twice_area = np.linalg.norm(np.cross(b - a, c - a), axis=1)
    return np.where(twice_area > 1e-9, ab * bc * ca / np.maximum(2.0 * twice_area, 1e-12), np.inf)


def most_turning(cl: np.ndarray, window: float = 20.0, step: float = 2.0) -> float:
    """The most the direction turns (degrees, summed) within any ``window`` mm of the centreline,
    its direction taken over ``step`` mm chords (so that sub-millimetre noise does not count)."""
    s = arc_length(cl)
    t = np.arange(0.0, s[-1], step)
    pts = np.stack([np.interp(t, s, cl[:, k]) for k in range(3)], axis=1)
    d = np.diff(pts, axis=0)
    d /= np.linalg.norm(d, axis=1, keepdims=True)
    turn = np.degrees(np.arccos(np.clip((d[1:] * d[:-1]).sum(axis=1), -1.0, 1.0)))
    n = max(int(round(window / step)) - 1, 1)
    return float(max(turn[i : i + n].sum() for i in range(max(len(turn) - n + 1, 1))))
