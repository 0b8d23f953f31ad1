"""The erector spinae's columns (longissimus and iliocostalis, and the mass under them) where
they meet its aponeurosis and its cut: kept behind the aponeurosis's deep face over the sacrum,
and filled out toward the cut into one oval (Gray's Anatomy, 42nd ed.; Bogduk, Clinical and
Radiological Anatomy of the Lumbar Spine, ch. 9; Macintosh & Bogduk 1987). Used by
:mod:`viewer.anatomy.erector_spinae`."""

from __future__ import annotations

import numpy as np

from . import implicit
from . import parameters as P
from .back_geometry import BackSide
from .dorsal_map import depth, smooth_max
from .erector_aponeurosis import smootherstep


def behind_sheet(back: BackSide, columns: implicit.SDF, sheet_centre, half: float) -> implicit.SDF:
    """``columns`` kept ``ERECTOR_SPINAE_APONEUROSIS_BLEND`` behind the aponeurosis's deep face
    (its centre surface ``sheet_centre`` less ``half`` its thickness) over the sacrum, up to
    ``ERECTOR_SPINAE_BEHIND_SHEET``'s height above the PSIS and fading out over its reach. The
    columns' fronts ran within that blend of the sheet's deep face, nearly parallel to it: the
    smooth union bulged the deep face forward where they came near, its edges the contour
    lines of their distance apart, oblique creases across the sheet's deep face (the s45 blind
    review's "stepped contour lines"). Over the sacrum the erector spinae is its aponeurosis,
    the columns rising from its back (Macintosh & Bogduk 1987; Bogduk ibid., ch. 9)."""
    up, reach, rounding = P.ERECTOR_SPINAE_BEHIND_SHEET
    clear = P.ERECTOR_SPINAE_APONEUROSIS_BLEND
    z_up = back.psis[2] + up

    def f(p: np.ndarray) -> np.ndarray:
        v = columns(p)
        w = 1.0 - smootherstep((p[:, 2] - z_up) / reach)
        on = np.flatnonzero(w > 0.0)
        if len(on):
            q = p[on]
            xl, z = back.map.lateral(q), q[:, 2]
            in_front = sheet_centre(xl, z) - half + clear - depth(q)
            v[on] = v[on] + w[on] * (smooth_max(v[on], in_front, rounding) - v[on])
        return v

    return f


def toward_one_oval(back: BackSide, columns: implicit.SDF, bellies, z_cut: float) -> implicit.SDF:
    """``columns`` (the two columns and the mass under them) turning, up toward the cut, into
    one oval round both columns' bellies (``bellies``: each column's path, half-widths and
    half-depths): the lumbar erector spinae cut across at L4-L5 is one rounded mass lateral to
    multifidus, longissimus and iliocostalis side by side in it, parted by a faint line behind,
    no cleft in front (Gray's Anatomy 42nd ed.; Bogduk ibid., ch. 9), so its section cap is one
    even oval, not two round knobs (s45 blind review: "the top a blunt flat-cut block with two
    round lobes"). The oval is a superellipse (``ERECTOR_SPINAE_TOP_OVAL``'s power) across the
    box of both bellies, sheared so that its back runs from longissimus's crest down to
    iliocostalis's lower one (no lip standing proud of either); its share rises from
    ``ERECTOR_SPINAE_TOP_OVAL``'s height below the cut over its reach: below, the columns keep
    their groove behind."""
    below, over, power = P.ERECTOR_SPINAE_TOP_OVAL
    (pl, wl, dl), (pi, wi, di) = bellies
    n = min(len(pl), len(pi))
    pl, pi = resampled(pl, n), resampled(pi, n)
    wl, wi, dl, di = (resampled(v, n) for v in (wl, wi, dl, di))
    xl, xi = back.sign * pl[:, 0], back.sign * pi[:, 0]
    hl, hi = -pl[:, 1], -pi[:, 1]
    x_lo, x_hi = np.minimum(xl - wl, xi - wi), np.maximum(xl + wl, xi + wi)
    xc = 0.5 * (x_lo + x_hi)
    # (the back's fall per mm laterally, crest to crest; depths measured off that slope)
    shear = (hi + di - hl - dl) / (xi - xl)
    sl, si = hl - shear * (xl - xc), hi - shear * (xi - xc)
    h_lo, h_hi = np.minimum(sl - dl, si - di), np.maximum(sl + dl, si + di)
    zc = 0.5 * (pl[:, 2] + pi[:, 2])
    order = np.argsort(zc)
    box = [v[order] for v in (xc, 0.5 * (h_lo + h_hi), 0.5 * (x_hi - x_lo), 0.5 * (h_hi - h_lo))]
    box.append(shear[order])
    zc = zc[order]

    def oval(p: np.ndarray) -> np.ndarray:
        # about the distance outside the superellipse, in x' and depth off the shear
        x0, h0, a, b, tilt = (np.interp(p[:, 2], zc, v) for v in box)
        x = back.map.lateral(p) - x0
        u = np.abs(x) / a
        w = np.abs(depth(p) - h0 - tilt * x) / b
        return ((u**power + w**power) ** (1.0 / power) - 1.0) * np.minimum(a, b)

    z_from = z_cut - below

    def f(p: np.ndarray) -> np.ndarray:
        v = columns(p)
        t = smootherstep((p[:, 2] - z_from) / over)
        on = np.flatnonzero(t > 0.0)
        if len(on):
            v[on] = v[on] + t[on] * (oval(p[on]) - v[on])
        return v

    return f


def resampled(values: np.ndarray, n: int) -> np.ndarray:
    """``values`` (per point of a path) at ``n`` points evenly spaced along their index."""
    values = np.asarray(values, float)
    t = np.linspace(0.0, len(values) - 1.0, n)
    i = np.arange(len(values))
    if values.ndim == 1:
        return np.interp(t, i, values)
    return np.column_stack([np.interp(t, i, values[:, k]) for k in range(values.shape[1])])
