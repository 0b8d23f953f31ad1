"""The supraspinous ligament's section swept along its line (:mod:`supraspinous`): a band with
rounded margins, widest behind, its deep face reaching forward over each gap between two tips,
where the back edge of the interspinous ligament lies in a midline groove up its deep face (its
deep fibres blending with it: Heylings 1978; Bogduk ch. 4); fine fibre ridges along its back and a
thin fibrous lower edge.
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


def band_field(path, normal, half_w, behind, deep, bed, ridged) -> implicit.SDF:
    """The band along ``path`` (samples along the line it lies on, their deep-face ``normal``):
    its section at each sample reaches ``behind`` mm behind the line (its back face) and
    ``deep`` in front of it (its deep face), ``half_w`` either side at its back and middle,
    narrowing forward (``SUPRASPINOUS_FRONT_NARROWING``), with round margins; where ``bed`` (1
    in the gap between two tips) the interspinous ligament's back edge lies in a midline
    groove up its deep face (``SUPRASPINOUS_BED``: depth, half-width); its fibres fine ridges
    along its back (``SUPRASPINOUS_FIBRE_RIDGES``: depth, spacing left-right), ``ridged`` their
    share. Below its last sample it ends in a thin edge square to it, its fibre bundles running
    a little beyond the grooves between them (``SUPRASPINOUS_END_FRINGE``); above its first it
    runs on (it is cut there)."""
    c = np.asarray(path, float)
    n = len(c)
    t = np.gradient(c, axis=0)
    ds = np.linalg.norm(t, axis=1)
    t /= ds[:, None]
    nrm = np.asarray(normal, float)
    params = np.column_stack([half_w, behind, deep, bed, ridged])
    tree = cKDTree(c)
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
        a, tb, db, bt, rg = (params[i0] * (1 - w1) + params[i0 + 1] * w1).T
        u0 = p[:, 0] - x0
        v = np.einsum("ij,ij->i", p - cc, nn)
        hb = 0.5 * (db + tb)
        mid = 0.5 * (db - tb)
        # (its sides converge forward from its middle: widest behind, so that seen from behind
        # its width is the same where a bone trims its deep margins as where none does)
        toward = np.clip((v - mid) / np.maximum(hb, 1e-6), 0.0, 1.0)
        u = u0 / (1.0 - P.SUPRASPINOUS_FRONT_NARROWING * toward)
        out = _rounded_rect(u, v - mid, a, hb, np.minimum(hb, a))
        # the interspinous ligament's bed: a round-bottomed groove up the middle of its deep face
        # (out of a gap, sunk away)
        floor = db - bed_depth * bt
        half_h = 0.5 * (db + 2.0 - floor)
        groove = _rounded_rect(u0, v - floor - half_h, np.full_like(u0, bed_half), half_h, bed_half)
        groove = groove + 3.0 * (1.0 - bt)
        out = -implicit.smooth_min(-out, groove, 0.8)
        # (its fibres: ridges running along it, parallel to its margins, on its back and sides)
        behind_mid = np.clip((mid - v) / np.maximum(hb, 1e-6), 0.0, 1.0)
        out = out + rg * behind_mid * 0.5 * depth * np.cos(np.pi * ridges * u / a)
        # its lower end: a thin edge square to it, its fibre bundles (the ridges) running on a
        # little beyond the grooves between them, fading into the fascia (not a rounded cap)
        past = (p - c[-1]) @ t[-1] + fringe * 0.5 * (1.0 + np.cos(np.pi * ridges * u / a))
        end = past > -2.0 * fringe - 1.0
        if end.any():
            out[end] = -implicit.smooth_min(-out[end], -past[end], 0.5 * hb[end])
        return out

    return f
