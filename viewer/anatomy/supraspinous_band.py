"""The supraspinous ligament's section swept along its line (:mod:`supraspinous`): a flattened band
with rounded margins, and in front of it, where it bridges a gap between two tips, a narrower
midline keel of its deep fibres reaching forward into the back of the interspinous ligament
(Heylings 1978; Bogduk ch. 4), the ligament's back edge lying in a shallow bed along the keel's
front.
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


def band_field(path, normal, half_w, behind, band_deep, deep, between, ridged) -> implicit.SDF:
    """The band along ``path`` (samples along the line it lies on, their deep-face ``normal``):
    its section at each sample reaches ``behind`` mm behind the line (its back face) and
    ``band_deep`` in front of it (its deep face), ``half_w`` either side, with round margins;
    a midline keel (``SUPRASPINOUS_KEEL``: half-width, fillet) reaches on to ``deep`` in front,
    the interspinous ligament's bed in its front (``SUPRASPINOUS_BED``: depth, half-width) where
    ``between`` (1 in a gap between two tips); its fibres fine longitudinal ridges
    (``SUPRASPINOUS_FIBRE_RIDGES``: depth, spacing left-right), ``ridged`` their share. Below its
    last sample it ends in a rounded edge; above its first it runs on (it is cut there)."""
    c = np.asarray(path, float)
    n = len(c)
    t = np.gradient(c, axis=0)
    ds = np.linalg.norm(t, axis=1)
    t /= ds[:, None]
    nrm = np.asarray(normal, float)
    params = np.column_stack([half_w, behind, band_deep, deep, between, ridged])
    tree = cKDTree(c)
    k_half, k_fillet = P.SUPRASPINOUS_KEEL
    bed_depth, bed_half = P.SUPRASPINOUS_BED
    depth, spacing = P.SUPRASPINOUS_FIBRE_RIDGES
    x0 = float(c[0, 0])
    ridges = max(round(2.0 * float(np.median(half_w)) / spacing), 1)  # across its width
    fringe = P.SUPRASPINOUS_END_FRINGE

    def f(p: np.ndarray) -> np.ndarray:
        _, i = tree.query(p, k=1)
        s = np.einsum("ij,ij->i", p - c[i], t[i]) / ds[i]
        fi = np.clip(i + s, 0.0, n - 1.0)
        i0 = np.minimum(np.floor(fi).astype(int), n - 2)
        w1 = (fi - i0)[:, None]
        cc = c[i0] * (1 - w1) + c[i0 + 1] * w1
        nn = nrm[i0] * (1 - w1) + nrm[i0 + 1] * w1
        tt = t[i0] * (1 - w1) + t[i0 + 1] * w1
        a, tb, db, dk, bt, rg = (params[i0] * (1 - w1) + params[i0 + 1] * w1).T
        d = p - cc
        u = p[:, 0] - x0
        v = np.einsum("ij,ij->i", d, nn)
        hb = 0.5 * (db + tb)
        # (its sides converge forward: widest at its back, so that seen from behind its width is
        # the same where a bone trims its deep margins as where none does)
        toward = np.clip((v - 0.5 * (db - tb)) / np.maximum(hb, 1e-6), 0.0, 1.0)
        u = u / (1.0 - P.SUPRASPINOUS_FRONT_NARROWING * toward)
        body = _rounded_rect(u, v - 0.5 * (db - tb), a, hb, np.minimum(hb, a))
        # the keel: from inside the band to ``deep`` in front, its front with the bed in it
        front = dk - bed_depth * bt * np.clip(1.0 - (u / bed_half) ** 2, 0.0, 1.0)
        lo = -0.5 * tb
        hk = np.maximum(0.5 * (front - lo), 0.05)
        ka = np.full_like(u, k_half)
        keel = _rounded_rect(u, v - 0.5 * (front + lo), ka, hk, np.minimum(hk, ka))
        # (out of a gap, sunk away: it shows only where it reaches forward of the band)
        keel = keel + 3.0 * (1.0 - bt)
        out = implicit.smooth_min(body, keel, k_fillet)
        # (its fibres: ridges running along it, parallel to its margins, on its back and sides)
        behind_mid = np.clip((0.5 * (db - tb) - v) / np.maximum(hb, 1e-6), 0.0, 1.0)
        out = out + rg * behind_mid * 0.5 * depth * np.cos(np.pi * ridges * u / a)
        # its lower end: a thin edge square to it, its fibre bundles (the ridges) running on a
        # little beyond the grooves between them, fading into the fascia (not a rounded cap)
        past = (p - c[-1]) @ t[-1] + fringe * 0.5 * (1.0 + np.cos(np.pi * ridges * u / a))
        end = past > -2.0 * fringe - 1.0
        if end.any():
            out[end] = -implicit.smooth_min(-out[end], -past[end], 0.5 * hb[end])
        return out

    return f
