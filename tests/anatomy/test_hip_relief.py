"""The hip bone's landmarks read as points and notches, not a melted mean (Gray's Anatomy, 42nd
ed., the hip bone; :mod:`viewer.anatomy.hip_relief`): measured on the built bone's borders in
side view (its horizontal sections' furthest-forward or furthest-back points)."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from viewer.vocabulary import SIDES

STEP = 1.0  # mm between the sections


def _border(hip, lo, hi, forward, keep=None):
    """In each horizontal section of ``hip`` from ``lo`` to ``hi``, the point furthest forward
    (``forward`` +1) or back (-1): rows (x, y, z), by height."""
    heights = np.arange(lo, hi, STEP)
    lines, _, _ = trimesh.intersections.mesh_multiplane(hip, [0, 0, 0], [0, 0, 1], heights)
    rows = []
    for z, seg in zip(heights, lines, strict=True):
        p = np.column_stack([np.asarray(seg).reshape(-1, 2), np.full(2 * len(seg), z)])
        if keep is not None:
            p = p[keep(p)]
        if len(p):
            rows.append(p[np.argmax(forward * p[:, 1])])
    return np.array(rows)


def _inside(rows, a, b, outward):
    """How far each row lies inside the chord from ``a`` to ``b`` (front to back, at its
    height), mm; ``outward`` +1 for a border facing forward, -1 back."""
    chord_y = a[1] + (rows[:, 2] - a[2]) * (b[1] - a[1]) / (b[2] - a[2])
    return outward * (chord_y - rows[:, 1])


def _between(rows, a, b):
    lo, hi = sorted((a[2], b[2]))
    return rows[(rows[:, 2] > lo + 2) & (rows[:, 2] < hi - 2)]


@pytest.fixture(scope="module", params=SIDES)
def bone(request, model, lm):
    side = request.param
    return (
        model.mesh(f"hip_bone_{side}"),
        {
            k: lm[f"{k}_{side}"]
            for k in (
                "asis",
                "psis",
                "ischial_spine",
                "ischial_tuberosity",
                "greater_sciatic_notch",
                "acetabulum_center",
                "acetabulum_radius",
            )
        },
        (1 if side == "right" else -1),
    )


def test_the_ischial_spine_is_a_point_between_the_sciatic_notches(bone):
    """The ischial spine projects back as a point beyond the line joining the deepest points of
    the greater and lesser sciatic notches (atlas: a clear point, ~8-12 mm; the LLP26 mean: 6.3
    mm, a low swelling)."""
    hip, m, _ = bone
    spine, gsn, tub = m["ischial_spine"], m["greater_sciatic_notch"], m["ischial_tuberosity"]
    rows = _border(hip, tub[2] + 30.0, gsn[2], -1.0)
    near = np.abs(rows[:, 2] - spine[2]) < 10.0
    tip = rows[near][np.argmin(rows[near, 1])]
    below = rows[rows[:, 2] < tip[2] - 2.0]
    lesser = below[np.argmax(_inside(below, below[0], tip, -1.0))]
    # the tip's distance beyond the notches' chord, square to it in side view
    chord = (gsn - lesser)[1:] / np.linalg.norm((gsn - lesser)[1:])
    rel = (tip - lesser)[1:]
    beyond = abs(rel[0] * chord[1] - rel[1] * chord[0])
    assert 8.0 < beyond < 14.0, beyond


def test_a_notch_lies_between_the_anterior_superior_and_inferior_iliac_spines(bone):
    """Below the ASIS the anterior border falls back in a notch to the AIIS, a knob above the
    acetabulum (Gray's; the LLP26 mean: 6.1 mm, a long shallow slope)."""
    hip, m, side = bone
    ac, r = m["acetabulum_center"], float(m["acetabulum_radius"][0])
    rows = _border(
        hip, ac[2] + r, m["asis"][2] + 6.0, 1.0, lambda p: side * p[:, 0] > side * ac[0] - 5.0
    )
    band = (rows[:, 2] > ac[2] + 28.0) & (rows[:, 2] < ac[2] + 48.0)
    aiis = rows[band][np.argmax(rows[band, 1])]
    asis = rows[np.argmax(rows[:, 1])]
    depth = _inside(_between(rows, aiis, asis), aiis, asis, 1.0).max()
    assert depth > 9.0, depth


def test_a_notch_lies_between_the_posterior_superior_and_inferior_iliac_spines(bone):
    """Above the greater sciatic notch the posterior border has two knobs, the PIIS and the PSIS,
    with a notch between them (Gray's; the LLP26 mean: 0.2 mm, straight)."""
    hip, m, _ = bone
    gsn, psis = m["greater_sciatic_notch"], m["psis"]
    rows = _border(hip, gsn[2], psis[2] + 8.0, -1.0)
    low = rows[rows[:, 2] < psis[2] - 8.0]
    piis = low[np.argmax(_inside(low, gsn, psis, 1.0))]  # the corner above the sciatic notch
    top = rows[rows[:, 2] > piis[2] + 12.0]
    psis_tip = top[np.argmin(top[:, 1])]
    depth = _inside(_between(rows, piis, psis_tip), piis, psis_tip, -1.0).max()
    assert depth > 4.5, depth


def test_the_ischial_tuberosity_swells_out_behind_the_ischium(bone):
    """The ischial tuberosity is a large rough oval swelling, clearly thicker than the ramus that
    runs forward from it (Gray's): in side view the posterior border over its lowest 35 mm bulges
    back well beyond the chord joining its ends (the LLP26 mean with stop 41's low bump: 7.9 mm,
    "no thicker than the ramus" to a blind reviewer)."""
    hip, m, _ = bone
    low = m["ischial_tuberosity"][2]
    rows = _border(hip, low + 1.0, low + 35.0, -1.0)
    bulge = -_inside(rows, rows[0], rows[-1], -1.0).min()
    assert 11.0 < bulge < 20.0, bulge
