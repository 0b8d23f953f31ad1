"""The origin of psoas major: its segmental slips, the hollow under the tendinous arch between
them, and the clefts between its bundles above L5 (used by :mod:`muscles`).

Psoas arises by a series of fleshy slips (Gray's Anatomy 42nd ed.; Bogduk N, Pearcy M, Hadfield G,
Clin Biomech 1992;7:109): from the margins of each vertebral body next to the discs and the discs,
the slips of adjacent bodies bridging the waist of the body between them by a tendinous arch over
the lumbar vessels, and from the front and lower border of each transverse process (a deeper
layer). In the model only L5 is present: its upper and lower body slips and its transverse-process
slip show, each a short flattened tongue fanning out onto the bone, with a hollow between the two
body slips under the belly's medial border. Above L5 the belly is made of the bundles from the
levels above: the clefts between them run down its surface and notch its cut face.
"""

from __future__ import annotations

import numpy as np

from . import bone_fields, implicit, routing
from . import parameters as P
from .frame import ANTERIOR
from .muscle_meshing import landing


def level_point(path: np.ndarray, f: np.ndarray) -> np.ndarray:
    """The point of ``path`` where ``f`` (per point) crosses zero nearest its smallest
    ``|f|``, interpolated between the two samples either side (continuous, not a whole sample
    at a time); the nearest sample where it does not cross there."""
    j = int(np.argmin(np.abs(f)))
    for k in (j, j - 1):
        if 0 <= k < len(f) - 1 and f[k] * f[k + 1] <= 0.0 and f[k] != f[k + 1]:
            t = f[k] / (f[k] - f[k + 1])
            return path[k] + t * (path[k + 1] - path[k])
    return path[j]


def _tongue(points: np.ndarray, across) -> tuple[implicit.SDF, np.ndarray]:
    """One slip along ``points``, from its footprint on the bone (the first) into the belly (the
    last): broad along ``across`` where it fans onto the bone, narrower at its neck, thicker where
    it enters the belly (``P.PSOAS_SLIP_WIDTH``, ``P.PSOAS_SLIP_THICKNESS`` at those three
    places); with its axis."""
    q = routing.spline(points, 0.5)
    u = routing.arc_length(q)
    u = u / max(float(u[-1]), 1e-9)
    knots = np.array([0.0, 0.5, 1.0])
    w = np.interp(u, knots, P.PSOAS_SLIP_WIDTH)
    t = np.interp(u, knots, P.PSOAS_SLIP_THICKNESS)
    return implicit.sweep(q, w, t, across), q


def slips(
    ls: bone_fields.Lumbosacral,
    lat: np.ndarray,
    bones: routing.Obstacles,
    path: np.ndarray,
    pedicle: np.ndarray,
    tip: np.ndarray,
) -> list[tuple[implicit.SDF, np.ndarray]]:
    """Its segmental slips on the posteromedial side: from the upper and lower margins of the
    L5 body (next to the discs), and from the front of the L5 transverse process (``pedicle`` to
    ``tip``); each a flattened tongue from its footprint on the bone into the belly (``path``),
    with its axis. The body slips lie on the bone, wrapped round the side of the body from the
    belly to their footprint on its anterolateral face (``P.PSOAS_SLIP_AROUND``)."""
    margin = P.MUSCLE_BONE_MARGIN + P.PSOAS_SLIP_THICKNESS[0]
    out = []
    first, last = P.PSOAS_SLIP_AROUND
    for s, a, press in P.PSOAS_BODY_SLIPS:  # on the side of the body, round onto its front
        at = ls.centre + ls.up * s + ls.ant * a
        # pressed onto the bone, the trim off it flattens a footprint under the slip
        on = [
            landing(bones, at, _around(ls, lat, deg), margin - press, 70.0)[0]
            for deg in np.linspace(last, first, 6)
        ]
        inner = level_point(path, ls.s(path) - s)
        on.append(on[-1] + P.PSOAS_SLIP_REACH * (inner - on[-1]))
        out.append(_tongue(np.array(on), ls.up))  # fanning up and down over the margin
    base = pedicle + P.PSOAS_TP_SLIP * (tip - pedicle)
    end = landing(bones, base - ANTERIOR * 15.0, ANTERIOR, margin - P.PSOAS_SLIP_PRESS, 40.0)[0]
    inner = level_point(path, ls.s(path) - ls.s(end))
    inner = end + P.PSOAS_SLIP_REACH * (inner - end)
    out.append(_tongue(np.array([end, 0.5 * (end + inner), inner]), lat))  # along the process
    return out


def _around(ls: bone_fields.Lumbosacral, lat: np.ndarray, degrees: float) -> np.ndarray:
    """The direction ``degrees`` round from lateral towards the front, across the spine's axis."""
    phi = np.radians(degrees)
    return np.cos(phi) * lat + np.sin(phi) * ls.ant


def arch(ls: bone_fields.Lumbosacral, lat: np.ndarray, bones: routing.Obstacles) -> implicit.SDF:
    """The hollow under the tendinous arch at the waist of the L5 body, between the two body
    slips (the lumbar vessels and the rami communicantes pass through it): a tube round the
    body's side at its waist, on its surface, back to the root of the transverse process
    (``P.PSOAS_ARCH_AROUND``)."""
    (s0, a0, _), (s1, a1, _) = P.PSOAS_BODY_SLIPS
    at = ls.centre + ls.up * (0.5 * (s0 + s1)) + ls.ant * (0.5 * (a0 + a1))
    first, last = P.PSOAS_ARCH_AROUND
    on = [
        landing(bones, at, _around(ls, lat, deg), 0.0, 70.0)[0]
        for deg in np.linspace(first, last, 12)
    ]
    q = routing.spline(on, 1.0)
    return implicit.sweep(q, np.full(len(q), P.PSOAS_ARCH_RADIUS))


def clefts(
    ls: bone_fields.Lumbosacral,
    lat: np.ndarray,
    path: np.ndarray,
    half_widths: np.ndarray,
    half_depths: np.ndarray,
    top: float,
) -> implicit.SDF | None:
    """The clefts between its bundles above L5 (``P.PSOAS_CLEFTS``): grooves down its surface at
    fixed places round its section, deepest at the cut (``top``, a level ``s``) and fading out
    below; None where the path never rises that far."""
    s = ls.s(path)
    t = np.gradient(path, axis=0)
    t /= np.maximum(np.linalg.norm(t, axis=1, keepdims=True), 1e-12)
    w = lat - (t @ lat)[:, None] * t
    w /= np.linalg.norm(w, axis=1, keepdims=True)
    d = np.cross(t, w)
    d *= np.sign(d @ ls.ant)[:, None]  # towards the front on both sides
    grooves = []
    for angle, radius, depth_to in P.PSOAS_CLEFTS:
        # full at the cut, easing out to nothing by the level depth_to
        ramp = np.clip((s - depth_to) / max(top - depth_to, 1e-9), 0.0, 1.0)
        ramp = 0.5 - 0.5 * np.cos(np.pi * ramp)
        keep = ramp > 0.05
        if keep.sum() < 2:
            continue
        phi = np.radians(angle)
        rim = (
            path
            + (half_widths * np.cos(phi))[:, None] * w
            + (half_depths * np.sin(phi))[:, None] * d
        )
        # carried on above the cut so the groove is open through the cut face
        extra = rim[keep][:1] + ls.up * np.arange(1.0, 10.0)[:, None]
        q = np.vstack([extra[::-1], rim[keep]])
        r = np.concatenate([np.full(len(extra), radius), radius * ramp[keep]])
        grooves.append(implicit.sweep(q, r))
    return implicit.union(*grooves) if grooves else None
