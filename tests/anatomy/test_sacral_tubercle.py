"""The S1 posterior arch (issue 8): laminae roofing a triangular canal and the S1 spinous
tubercle, one interspinous space below the L5 spinous process, measured on the built
``s1_segment`` and ``l5_vertebra``."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.anatomy import parameters as P


def _hits(mesh, origin, direction) -> np.ndarray:
    loc, _, _ = mesh.ray.intersects_location([origin], [direction])
    if len(loc) == 0:
        return np.empty(0)
    t = (loc - np.asarray(origin, float)) @ np.asarray(direction, float)
    return np.sort(t[t > 1e-6])


@pytest.fixture(scope="module")
def s1(model):
    return model.mesh("s1_segment")


@pytest.fixture(scope="module")
def tubercle_top(s1, lm) -> np.ndarray:
    """The highest point of S1 in the midline behind the canal: the top of the S1 tubercle."""
    canal = np.asarray(lm["sacral_canal_top_center"], float)
    v = s1.vertices
    behind = v[(np.abs(v[:, 0]) < 3.0) & (v[:, 1] < canal[1] - 10.0)]
    assert len(behind), "no S1 bone in the midline behind the canal"
    return behind[np.argmax(behind[:, 2])]


def test_s1_tubercle_lies_one_interspinous_space_below_l5(model, tubercle_top):
    """From the top of the S1 tubercle up to the lower border of the L5 spinous process above
    it is the L5-S1 interspinous distance, 13 mm (PMC7591979 Table 2, ISL length; A.7), within
    its tolerance; and the tubercle lies under the back half of the process, not behind its
    tip."""
    l5 = model.mesh("l5_vertebra").vertices
    midline = l5[np.abs(l5[:, 0]) < 3.0]
    tip_y = midline[:, 1].min()
    above = midline[np.abs(midline[:, 1] - tubercle_top[1]) < 3.0]
    gap = float(above[:, 2].min() - tubercle_top[2])
    ref = P.L5_S1_INTERSPINOUS_DISTANCE
    assert ref.accepts(gap), f"interspinous gap {gap:.1f} mm ({ref.value} ± {ref.tolerance()})"
    assert tip_y - 2.0 <= tubercle_top[1] <= tip_y + 15.0, (tip_y, tubercle_top)


def test_s1_tubercle_stands_out_of_the_laminae(s1, tubercle_top):
    """Seen from behind, the midline at the tubercle stands at least 3 mm proud of the laminae
    8 mm to either side: a knob, not a flat roof."""
    origin = tubercle_top + np.array([0.0, -40.0, -3.0])
    depth = {}
    for x in (-8.0, 0.0, 8.0):
        hits = _hits(s1, origin + (x, 0.0, 0.0), (0.0, 1.0, 0.0))
        assert len(hits), x
        depth[x] = hits[0]
    proud = min(depth[-8.0], depth[8.0]) - depth[0.0]
    assert proud >= 3.0, f"{proud:.1f} mm"


def test_s1_laminae_roof_a_triangular_canal(s1, lm):
    """Behind the top of the sacral canal S1 has a roof: rays straight back from the canal's
    top meet S1 bone within 20 mm, in the midline and 6 mm to either side. The canal is
    triangular, its apex behind (Gray's): 3 mm in front of the roof it is at least 6 mm
    narrower than 6 mm further forwards."""
    canal = np.asarray(lm["sacral_canal_top_center"], float)
    start = canal - np.array([0.0, 0.0, 4.0])
    roof = {}
    for x in (-6.0, 0.0, 6.0):
        hits = _hits(s1, start + (x, 0.0, 0.0), (0.0, -1.0, 0.0))
        assert len(hits) and hits[0] < 20.0, (x, hits[:2])
        roof[x] = hits[0]
    widths = []
    for back in (3.0, 9.0):
        p = start - (0.0, roof[0.0] - back, 0.0)
        w = [_hits(s1, p, (s, 0.0, 0.0)) for s in (1.0, -1.0)]
        assert all(len(h) for h in w), back
        widths.append(float(w[0][0] + w[1][0]))
    assert widths[1] >= widths[0] + 6.0, f"widths {widths} (3 and 9 mm in front of the roof)"
