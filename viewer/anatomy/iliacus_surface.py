"""The finish of the iliacus's meshed surface (:mod:`iliacus`): its lumps smoothed away, kept off
the bone, and the faint grooves of its fan's fibre bundles converging on the brim."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import trimesh

from . import parameters as P
from . import routing

if TYPE_CHECKING:
    from .iliacus import Fossa


def smoothed(surface: trimesh.Trimesh, bones: routing.Obstacles, psoas) -> trimesh.Trimesh:
    """A copy of ``surface`` with its lumps smoothed away (``ILIACUS_SMOOTHING``: Taubin's
    filter, which keeps its volume): the knobs and dents left where it was trimmed off psoas and
    off the bone's relief. Each vertex moves less the closer its smoothed place comes to bone
    (none within half the muscle margin) or the deeper into psoas (none past
    ``ILIACUS_INTO_PSOAS``: fused with it as iliopsoas), smoothly, so it stays off the bone."""
    iterations, into_psoas = P.ILIACUS_SMOOTHING, P.ILIACUS_INTO_PSOAS
    out = surface.copy()
    trimesh.smoothing.filter_taubin(out, lamb=0.5, nu=0.53, iterations=iterations)
    v0 = np.asarray(surface.vertices, float)
    moved = np.asarray(out.vertices, float)
    half = 0.5 * P.MUSCLE_BONE_MARGIN
    w = np.clip((bones(moved, reach=2.0 * half + 1.0) - half) / half, 0.0, 1.0)
    if psoas is not None:
        w *= np.clip((np.asarray(psoas(moved), float) + into_psoas) / 1.0, 0.0, 1.0)
    out.vertices = v0 + w[:, None] * (moved - v0)
    return out


def fanned(
    surface: trimesh.Trimesh, fossa: Fossa, apex: np.ndarray, fade: np.ndarray
) -> trimesh.Trimesh:
    """A copy of ``surface`` with the faint striation of the fan's fibre bundles on its
    superficial face: shallow grooves (``ILIACUS_FIBRES``) along the lines converging from the
    crest on ``apex`` (seen in the fossa's plane), fading out near it where they come closer
    than the mesh can show, on the deep face against the bone, and by ``fade`` (0..1 per
    vertex)."""
    step, depth, finest = P.ILIACUS_FIBRES
    v = np.asarray(surface.vertices, float)
    n = np.asarray(surface.vertex_normals, float)
    u, w, _ = (fossa.coords(v) - fossa.coords(apex)).T
    r = np.hypot(u, w)
    phi = np.arctan2(u, w)
    period = r * step  # the grooves' spacing at this distance from the apex, mm
    amp = depth * np.clip((period - finest) / finest, 0.0, 1.0)
    amp *= np.clip((n @ fossa.n - 0.2) / 0.5, 0.0, 1.0) * np.clip(fade, 0.0, 1.0)
    groove = 0.5 - 0.5 * np.cos(2.0 * np.pi * phi / step)
    out = surface.copy()
    out.vertices = v - n * (amp * groove)[:, None]
    return out
