"""The S1 superior endplate and the sacral promontory (issue 8; Gray's Anatomy 42nd ed.,
"Sacrum"; Bogduk ch. 2), measured on the built ``s1_segment``: a flat oval endplate (no saddle),
ringed by a raised rim, its front margin a lip jutting over the body's front."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.anatomy import parameters as P
from viewer.anatomy.s1_endplate import endplate_axes, outline_distance

from .tissue_geometry import creased_share


@pytest.fixture(scope="module")
def s1(model):
    return model.mesh("s1_segment")


@pytest.fixture(scope="module")
def axes(lm) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The endplate's centre, and its right, anterior and normal directions."""
    n = np.asarray(lm["s1_endplate_normal"], float)
    right = np.array([1.0, 0.0, 0.0])
    anterior = np.cross(n, right)
    return (
        np.asarray(lm["s1_endplate_center"], float),
        right,
        anterior / np.linalg.norm(anterior),
        n,
    )


def _top(s1, axes, x: float, along: float) -> float:
    """Height above the endplate's plane of the bone's top at (x, along) in the plane."""
    c, right, anterior, n = axes
    origin = c + x * right + along * anterior + 40.0 * n
    loc, _, _ = s1.ray.intersects_location([origin], [-n])
    assert len(loc), (x, along)
    return float(((loc - c) @ n).max())


def test_s1_endplate_is_flat_not_a_saddle(s1, axes):
    """Inside its rim (an oval 2/3 of the endplate's size round its centre) the endplate's top
    lies within 0.75 mm of its best plane (a very shallow dish at most), and it is no saddle: the
    rise from its centre to its sides and the rise to its front and back differ by less than
    0.3 mm (LLP26's mean rose 1.6 mm to its sides and fell 0.3 mm to its front and back, its
    top 1.4 mm off its plane)."""
    half_width = 2.0 / 3.0 * P.S1_ENDPLATE_HALF_WIDTH
    back, front = (2.0 / 3.0 * e for e in (P.S1_ENDPLATE_BACK, P.S1_ENDPLATE_FRONT))
    middle, half_depth = 0.5 * (back + front), 0.5 * (front - back)
    pts = []
    for x in np.linspace(-half_width, half_width, 13):
        for along in np.linspace(back, front, 11):
            if (x / half_width) ** 2 + ((along - middle) / half_depth) ** 2 <= 1.0:
                pts.append((x, along, _top(s1, axes, x, along)))
    p = np.asarray(pts)
    a = np.column_stack([p[:, 0], p[:, 1], np.ones(len(p))])
    coef, *_ = np.linalg.lstsq(a, p[:, 2], rcond=None)
    deviation = np.abs(p[:, 2] - a @ coef).max()
    assert deviation < 0.75, f"the endplate deviates {deviation:.2f} mm from its plane"
    centre = _top(s1, axes, 0.0, middle)
    across = np.mean([_top(s1, axes, s * half_width, middle) for s in (-1.0, 1.0)]) - centre
    along = np.mean([_top(s1, axes, 0.0, e) for e in (back, front)]) - centre
    assert abs(across - along) < 0.3, f"a saddle: {across:.2f} mm across, {along:.2f} mm along"


def test_s1_endplate_is_ringed_by_a_raised_rim(s1, axes):
    """Just inside its margin, all round, the endplate stands higher than at its centre (the ring
    apophysis round a very slightly depressed middle), by no more than 1.5 mm."""
    centre = _top(s1, axes, 0.0, 0.0)
    w, front, back = P.S1_ENDPLATE_HALF_WIDTH, P.S1_ENDPLATE_FRONT, P.S1_ENDPLATE_BACK
    inset = 1.5
    behind = back + P.S1_ENDPLATE_POSTERIOR_CONCAVITY + inset
    for x, along in ((0.0, front - inset), (0.0, behind), (w - inset, 0.0), (-(w - inset), 0.0)):
        rise = _top(s1, axes, x, along) - centre
        assert 0.15 < rise < 1.5, (x, along, rise)


def test_sacral_promontory_is_a_lip_over_the_body(s1, axes):
    """In the midline the endplate's front margin (the bone within a millimetre of its plane)
    reaches at least 1 mm further forward than the body's front 4-6 mm below it: the promontory
    juts over the body as a lip (LLP26's mean rounded off 6 mm behind the body's front)."""
    c, right, anterior, n = axes
    section = s1.section(right, c)
    pts = np.vstack([np.asarray(d) for d in section.discrete]) - c
    h, along = pts @ n, pts @ anterior
    front = along > 0.0
    margin = along[front & (np.abs(h) < 1.0)].max()
    body = along[front & (h < -4.0) & (h > -6.0)].max()
    assert margin - body >= 1.0, f"margin {margin:.1f} mm, body below it {body:.1f} mm"


def test_s1_endplate_rolls_into_the_body_and_alae(s1, axes):
    """Round the endplate (from just inside its outline to 6 mm outside it, down to 10 mm below
    its plane, the canal behind left out) its rim rolls into the body's sides and front and into
    the alae on a fillet: less than 1.5 % of that surface lies on a crease (a face turned more
    than 25 degrees from its 1.5 mm neighbourhood). Blind review s36: "the endplate sits on top
    like a separate cap" (its wall met the alae in a square step: 2.8 % creased)."""
    c, _, _, n = axes
    q = (s1.triangles_center - c) @ endplate_axes(n)
    outside = outline_distance(q[:, 0], q[:, 1])
    band = (outside > -1.0) & (outside < 6.0) & (q[:, 2] < 0.5) & (q[:, 2] > -10.0)
    band &= q[:, 1] > P.S1_ENDPLATE_BACK + 4.0
    share = creased_share(s1, band, limit=25.0, radius=1.5)
    assert share < 0.015, f"{100 * share:.1f} % of the endplate's border is creased"


def test_s1_endplate_is_flush_with_the_body_beside_the_promontory(s1, axes):
    """Away from the promontory (50, 55 and 60 degrees from the midline, either side) the
    endplate's margin (the bone within a millimetre of its plane) reaches on average no more than
    0.45 mm further out than the body 4-6 mm below it: the endplate is the body's top, flush with
    its sides, not a disc laid on it; only the promontory's middle juts as a lip (blind review
    s40: "the endplate a raised disc stuck on"; main before stop 41: 0.80 mm, 0.43-1.06 mm)."""
    c, right, anterior, n = axes
    overhangs = []
    for degrees in (50.0, 55.0, 60.0):
        for sign in (1.0, -1.0):
            t = np.radians(degrees)
            out = sign * np.sin(t) * right + np.cos(t) * anterior
            section = s1.section(np.cross(n, out), c)
            pts = np.vstack([np.asarray(d) for d in section.discrete]) - c
            h, reach = pts @ n, pts @ out
            ahead = reach > 0.0
            margin = reach[ahead & (np.abs(h) < 1.0)].max()
            body = reach[ahead & (h < -4.0) & (h > -6.0)].max()
            overhangs.append(margin - body)
    assert np.mean(overhangs) < 0.45, np.round(overhangs, 2)
