"""The supraspinous ligament's section swept along its line (:mod:`supraspinous`): between the
tips a rounded cord, its section an oval about twice as wide as deep, its margins thinner than
its middle; over each tip wider and no thicker, thinning to rounded margins and arched across so
that its margins lie forward of its middle, down the sides of the tip (a smooth concave deep
face); down the crest a flat band; its deep face a little forward of the line of the tips in the
gaps between them, where its deep fibres blend with the interspinous ligament (Heylings 1978;
Bogduk ch. 4); fine fibre ridges along its back and a thin lower end.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from . import implicit
from . import parameters as P


def _rounded_rect(u, v, a, b, r):
    """Signed distance to the rectangle ``|u| <= a``, ``|v| <= b`` with its corners rounded by
    ``r`` (``r <= min(a, b)``; ``r == b``: round margins)."""
    qx = np.abs(u) - (a - r)
    qy = np.abs(v) - (b - r)
    out = np.hypot(np.maximum(qx, 0.0), np.maximum(qy, 0.0))
    return out + np.minimum(np.maximum(qx, qy), 0.0) - r


def band_field(
    path, normal, half_w, behind, deep, arch, ridged, thinning, x_mid: float
) -> implicit.SDF:
    """The ligament along ``path`` (samples along the line it lies on, their deep-face ``normal``),
    its middle in the plane ``x = x_mid``: its section at each sample reaches ``behind`` mm
    behind the line (its back) and ``deep`` in front of it (its deep face) in its middle,
    ``half_w`` either side; across it the section is arched, its margins ``arch`` mm forward
    of its middle, and thins towards them by the share ``thinning`` (to no less than
    ``SUPRASPINOUS_MARGIN_LEAST``), its
    margins rounded; its fibres fine ridges along its
    back (``SUPRASPINOUS_FIBRE_RIDGES``: depth, spacing left-right), ``ridged`` their share (they
    spread with it where it widens, a fan). Below its last sample it ends square to it, its
    edge rounded (where :mod:`supraspinous` has narrowed it to a blunt point); above its first it
    runs on (it is cut there)."""
    c = np.asarray(path, float)
    n = len(c)
    t = np.gradient(c, axis=0)
    ds = np.linalg.norm(t, axis=1)
    t /= ds[:, None]
    nrm = np.asarray(normal, float)
    params = np.column_stack([half_w, behind, deep, arch, ridged, thinning])
    tree = cKDTree(c)
    depth, spacing = P.SUPRASPINOUS_FIBRE_RIDGES
    ridges = max(round(2.0 * float(np.median(half_w)) / spacing), 1)  # across its width
    margin = 0.5 * P.SUPRASPINOUS_MARGIN_LEAST

    def f(p: np.ndarray) -> np.ndarray:
        _, i = tree.query(p, k=1)
        s = np.einsum("ij,ij->i", p - c[i], t[i]) / ds[i]
        fi = np.clip(i + s, 0.0, n - 1.0)
        i0 = np.minimum(np.floor(fi).astype(int), n - 2)
        w1 = (fi - i0)[:, None]
        cc = c[i0] * (1 - w1) + c[i0 + 1] * w1
        nn = nrm[i0] * (1 - w1) + nrm[i0 + 1] * w1
        a, tb, db, ar, rg, thin = (params[i0] * (1 - w1) + params[i0 + 1] * w1).T
        u = p[:, 0] - x_mid
        across = np.minimum((u / a) ** 2, 1.0)
        v = np.einsum("ij,ij->i", p - cc, nn) - ar * across
        full = 0.5 * (db + tb)
        hb = np.maximum(full * (1.0 - thin * across), np.minimum(full, margin))
        mid = 0.5 * (db - tb)
        out = _rounded_rect(u, v - mid, a, hb, np.minimum(hb, a))
        # (its fibres: ridges running along it, parallel to its margins, on its back)
        behind_mid = np.clip((mid - v) / np.maximum(hb, 1e-6), 0.0, 1.0)
        out = out + rg * behind_mid * 0.5 * depth * np.cos(np.pi * ridges * u / a)
        # its lower end: square to it, its edge rounded (no fringe of fibre bundles: blind
        # review s43, "a ragged flat bottom end")
        past = (p - c[-1]) @ t[-1]
        end = past > -1.0
        if end.any():
            out[end] = -implicit.smooth_min(-out[end], -past[end], 0.5 * hb[end])
        return out

    return f
