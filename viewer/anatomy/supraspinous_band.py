"""The supraspinous ligament's section swept along its line (:mod:`supraspinous`): a rounded cord
(an oval with round margins, flattening to a thin sheet where it fades out), its deep face
convex and lying on the tips, never hollowed by them; and, where it bridges the gap between two
tips, a midline web on its deep face, joined to it by a smooth fillet, into which the back edge
of the interspinous ligament runs (its deep fibres blending with it: Heylings 1978; Bogduk ch.
4); fine fibre ridges along its back.
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


def _ellipse(u, v, a, b, iterations: int = 4):
    """Signed distance to the ellipse of half-axes ``a`` (``u``) and ``b`` (``v``): its nearest
    point found by a few fixed-point steps along its evolute (exact to well under 0.01 mm here,
    even for a thin one, where the usual one-step estimate is not)."""
    pu, pv = np.abs(u), np.abs(v)
    tu = np.full_like(pu, np.sqrt(0.5))
    tv = np.full_like(pu, np.sqrt(0.5))
    for _ in range(iterations):
        x, y = a * tu, b * tv
        eu = (a * a - b * b) * tu**3 / a
        ev = (b * b - a * a) * tv**3 / b
        r = np.hypot(x - eu, y - ev)
        q = np.maximum(np.hypot(pu - eu, pv - ev), 1e-12)
        tu = np.clip(((pu - eu) * r / q + eu) / a, 0.0, 1.0)
        tv = np.clip(((pv - ev) * r / q + ev) / b, 0.0, 1.0)
        n = np.maximum(np.hypot(tu, tv), 1e-12)
        tu, tv = tu / n, tv / n
    d = np.hypot(pu - a * tu, pv - b * tv)
    return np.where((pu / a) ** 2 + (pv / b) ** 2 < 1.0, -d, d)


def cord_field(path, normal, half_w, thick, web, ridged) -> implicit.SDF:
    """The cord along ``path`` (samples along the line of the tips it lies on, their deep-face
    ``normal``). Its section at each sample: ``half_w`` either side, ``thick`` deep, its deep face
    ``SUPRASPINOUS_TIP_OVERLAP`` in front of the line (the tips just inside it), an oval with
    round margins (``SUPRASPINOUS_MARGIN_ROUNDING``); the midline web on its deep
    face reaching ``web`` mm in front of the line (``SUPRASPINOUS_WEB``: its half-width, the
    fillet that joins it to the cord; behind the cord's deep face where ``web`` is small, so
    over a tip the deep face is the cord's own); its fibres fine ridges along its back
    (``SUPRASPINOUS_FIBRE_RIDGES``: depth, spacing left-right), ``ridged`` their share. Below
    its last sample it ends in its section's thin rounded margin; above its first it runs on
    (it is cut there)."""
    c = np.asarray(path, float)
    n = len(c)
    t = np.gradient(c, axis=0)
    ds = np.linalg.norm(t, axis=1)
    t /= ds[:, None]
    nrm = np.asarray(normal, float)
    params = np.column_stack([half_w, thick, web, ridged])
    tree = cKDTree(c)
    web_half, fillet = P.SUPRASPINOUS_WEB
    overlap = P.SUPRASPINOUS_TIP_OVERLAP
    depth, spacing = P.SUPRASPINOUS_FIBRE_RIDGES
    x0 = float(c[0, 0])
    ridges = max(round(2.0 * float(np.median(half_w)) / spacing), 1)  # across its width

    def f(p: np.ndarray) -> np.ndarray:
        _, i = tree.query(p, k=1)
        s = np.einsum("ij,ij->i", p - c[i], t[i]) / ds[i]
        fi = np.clip(i + s, 0.0, n - 1.0)
        i0 = np.minimum(np.floor(fi).astype(int), n - 2)
        w1 = (fi - i0)[:, None]
        cc = c[i0] * (1 - w1) + c[i0 + 1] * w1
        nn = nrm[i0] * (1 - w1) + nrm[i0 + 1] * w1
        a, tk, wb, rg = (params[i0] * (1 - w1) + params[i0 + 1] * w1).T
        u = p[:, 0] - x0
        v = np.einsum("ij,ij->i", p - cc, nn)
        hb = 0.5 * tk
        mid = overlap - hb
        # (an oval with round margins: an ellipse grown by a share of its half-thickness, at
        # least a little, so a thin one is a sheet with round margins, never knife-edged)
        share, least = P.SUPRASPINOUS_MARGIN_ROUNDING
        r = np.minimum(np.maximum(share * hb, least), hb)
        out = _ellipse(u, v - mid, a - r, np.maximum(hb - r, 0.05)) - r
        # the web: a midline plate from the cord's middle forward to ``web``, round-edged
        # (none where it would not reach past the cord's deep face: there no fillet swells it)
        half_d = np.maximum(0.5 * (wb - mid), 0.05)
        edge = np.minimum(web_half, half_d)
        plate = _rounded_rect(u, v - mid - half_d, np.full_like(u, web_half), half_d, edge)
        plate = plate + 3.0 * (1.0 - implicit.smoothstep(wb - overlap + 1.0))
        out = implicit.smooth_min(out, plate, fillet)
        # (its fibres: ridges running along it, parallel to its margins, on its back and sides)
        behind_mid = np.clip((mid - v) / np.maximum(hb, 1e-6), 0.0, 1.0)
        out = out + rg * behind_mid * 0.5 * depth * np.cos(np.pi * ridges * u / a)
        # its lower end: past its last sample, its thin section's rounded margin
        past = (p - c[-1]) @ t[-1]
        end = past > 0.0
        if end.any():
            out[end] = np.hypot(np.maximum(out[end], 0.0), past[end])
        return out

    return f
