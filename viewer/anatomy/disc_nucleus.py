"""The L5-S1 disc's nucleus pulposus: its size (:func:`radii`), its shape (:func:`core_sdf`: a
lens in the disc's mid-plane pressed onto both endplates, seen from above a smooth convex oval,
not the disc's kidney outline) and its low lobulation (:func:`lobulation`). The disc
(:mod:`viewer.anatomy.disc`) cuts it to the space between the bones and builds the annulus round
it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import implicit as imp
from . import parameters as P

if TYPE_CHECKING:
    from .disc import DiscGeometry

#: [constructed] mm: the rounded thickness of the nucleus's tapering rim
NUCLEUS_RIM = 0.6


#: relative heights of the lens (-1 to 1) at which its lobes are sampled for its column
_LEVELS = np.linspace(-1.0, 1.0, 9)


def radii(shape: P.L5Shape) -> tuple[float, float]:
    """Half-width and half-depth of the nucleus at its equator: an ellipse of
    ``DISC_NUCLEUS_TARGET_FRACTION`` of the mid-height cross-section, ``DISC_NUCLEUS_ASPECT``
    times as wide as it is deep."""
    disc_area = (
        np.pi * (shape.body_width / 2.0 + P.DISC_BULGE) * (shape.body_depth / 2.0 + P.DISC_BULGE)
    )
    area = P.DISC_NUCLEUS_TARGET_FRACTION * disc_area * P.DISC_OUTLINE_FILL
    depth = float(np.sqrt(area / (np.pi * P.DISC_NUCLEUS_ASPECT)))
    return P.DISC_NUCLEUS_ASPECT * depth, depth


def core_sdf(g: DiscGeometry, bones: imp.SDF | None = None, column: bool = False) -> imp.SDF:
    """The nucleus: a biconvex lens, its equator an ellipse in the disc's mid-plane (halfway
    between the endplates' tilts), centred a little posterior, its profile
    ``h = c (1 - rho**2)**e`` (``DISC_NUCLEUS_PROFILE_EXPONENT`` ``e``: thickest at its centre
    and tapering to a thin rounded rim, so its faces leave the endplates soon after touching
    them and the annulus's inner wall curves round it), its equator a smooth convex oval (Bogduk
    ch. 2: the nucleus is an oval mass in the centre of the disc, slightly posterior; it does not
    copy the disc's posterior concavity), low lobes round it (:func:`lobulation`,
    ``DISC_NUCLEUS_LOBES``). Its upper
    and lower half-heights ``c`` are set so that its poles reach ``DISC_NUCLEUS_POLE_CONTACT``
    (L5, S1) mm into the bone straight above
    and below its centre (``bones``; the endplate planes without it); it thins to a rounded
    rim at mid-height, where the annulus wraps it.

    With ``column`` the field is that of the lens's outline carried straight up and down (its
    profile left out, its lobes at their fullest over its height; along the L5 axis, z, where the
    lens is tilted by half the disc's wedge): a column that holds the whole lens, the
    annulus's cavity (its wall stands at the nucleus's widest outline, so seen along the L5 axis
    the annulus's opening is the nucleus's outline)."""
    rx, ry = radii(g.shape)
    centre, axes = _placement(g)
    ez = axes[2]
    half0 = -float(centre[2])
    up, down = half0, half0
    if bones is not None:
        for sign in (1.0, -1.0):
            r = np.arange(0.0, 3.0 * half0, 0.05)
            d = bones(centre + sign * r[:, None] * ez)
            # the first crossing, interpolated between samples (no 0.05 mm step on rebuild)
            i = max(int(np.argmax(d < 0.0)), 1)
            hit = float(r[i - 1] + 0.05 * d[i - 1] / max(d[i - 1] - d[i], 1e-9))
            if sign > 0:
                up = hit
            else:
                down = hit
    into_l5, into_s1 = P.DISC_NUCLEUS_POLE_CONTACT
    # (a lens tapering to an edge, grown by NUCLEUS_RIM mm: its rim a rounded bead, not a
    # knife edge finer than the mesh, which came out serrated)
    k = NUCLEUS_RIM
    rx, ry = rx - k, ry - k
    radii_up = np.array([rx, ry, up + into_l5 - k])
    radii_down = np.array([rx, ry, down + into_s1 - k])

    power = 1.0 / P.DISC_NUCLEUS_PROFILE_EXPONENT

    def field(u):
        # star-shaped about its axis: every level's section a scaled copy of the equator's
        # oval, gently lobulated (lobulation)
        x, y = u[:, 0] / rx, u[:, 1] / ry
        theta = np.arctan2(y, x)
        c = np.where(u[:, 2] > 0.0, radii_up[2], radii_down[2])
        zeta = u[:, 2] / c
        if column:  # (its lobes at their fullest over the lens's height: it holds every level)
            lobes = np.max([lobulation(theta, np.full_like(theta, z)) for z in _LEVELS], axis=0)
            return (x * x + y * y) / (1.0 + lobes) ** 2 - 1.0
        rho2 = (x * x + y * y) / (1.0 + lobulation(theta, zeta)) ** 2
        return rho2 + np.abs(zeta) ** power - 1.0

    # (the column stands along the L5 axis, the lens's tilt by half the disc's wedge left out: seen
    # along that axis its opening is the lens's outline)
    frame = np.stack([axes[0], np.array([0.0, 1.0, 0.0]), np.array([0.0, 0.0, 1.0])])
    frame = frame if column else axes

    def f(p):
        u = (p - centre) @ frame.T
        h = 1e-3
        grad = np.column_stack(
            [(field(u + h * e) - field(u - h * e)) / (2.0 * h) for e in np.eye(3)]
        )
        return field(u) / np.maximum(np.linalg.norm(grad, axis=1), 1e-9) - k

    return f


def _placement(g: DiscGeometry) -> tuple[np.ndarray, np.ndarray]:
    """The lens's centre (L5 frame: in the disc's mid-plane, ``DISC_NUCLEUS_POSTERIOR_SHIFT``
    behind the endplate's centre) and its axes (rows: x, y, z; its equator in the disc's
    mid-plane, halfway between the two endplates' tilts)."""
    s = g.shape
    yn = s.body_front_y - s.body_depth / 2.0 - P.DISC_NUCLEUS_POSTERIOR_SHIFT
    a0, _, _ = g.heights(np.array([[0.0, yn, 0.0]]))
    z_mid = -float(a0[0]) / (1.0 + float(g.s1_normal[2]))  # where a = b above the centre
    centre = np.array([0.0, yn, z_mid])
    ez = np.array([0.0, 0.0, 1.0]) + g.s1_normal
    ez /= np.linalg.norm(ez)
    ex = np.array([1.0, 0.0, 0.0]) - ez[0] * ez
    ex /= np.linalg.norm(ex)
    return centre, np.stack([ex, np.cross(ez, ex), ez])


def radial(g: DiscGeometry):
    """The elliptic radius about the lens's axis of L5-frame points: 0 on its axis, 1 on its
    equator's ellipse (:func:`radii`; the bean's dent and lobes left out), whatever the height."""
    rx, ry = radii(g.shape)
    centre, axes = _placement(g)

    def f(p):
        u = (p - centre) @ axes[:2].T
        return np.hypot(u[:, 0] / rx, u[:, 1] / ry)

    return f


def lobulation(theta, zeta):
    """The nucleus's low lobulation: the relative change of its radius at angle ``theta`` (about
    its axis, 0 to the right, -90 deg straight back) and relative height ``zeta`` (-1 at its lower
    pole, 1 at its upper), a sum of ``DISC_NUCLEUS_LOBES`` waves (count round the axis, relative
    amplitude, phase, tilt: how much the wave turns from its lower to its upper half), so the
    gel's outline swells and sinks irregularly but smoothly, differently above and below."""
    out = np.zeros_like(theta)
    for count, amplitude, phase, tilt in P.DISC_NUCLEUS_LOBES:
        out += amplitude * np.cos(count * theta + phase + tilt * zeta)
    return out
