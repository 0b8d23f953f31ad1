"""The sheet helpers of :mod:`viewer.anatomy.ligament_sheets` (a sheet round sampled mid-surface
points, of a given half-thickness, with round free rims; a point sunk into its bone) and the
ligamentum flavum they build, seen as a sheet: smooth, with no folded edges.

The helpers are checked on a flat square sheet whose distance is known exactly; the flavum on the
built meshes (its anatomy: test_ligaments)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.anatomy import ligament_sheets as LS
from viewer.vocabulary import SIDES


def _square(half_thickness, size: float = 10.0) -> tuple[np.ndarray, np.ndarray]:
    """Mid-surface samples of a flat square sheet in the plane z = 0 (0..size mm in x and y,
    ``SAMPLE_STEP`` apart) and their half-thicknesses (``half_thickness(x)``)."""
    g = np.arange(0.0, size + 1e-9, LS.SAMPLE_STEP)
    x, y = np.meshgrid(g, g, indexing="ij")
    pts = np.column_stack([x.ravel(), y.ravel(), np.zeros(x.size)])
    return pts, half_thickness(pts[:, 0])


def test_sheet_is_a_slab_of_its_half_thickness():
    """Inside its outline a sheet is a slab: its surface ``half_thickness`` either side of the
    mid-surface (within 0.05 mm, the samples' scallops), its distance signed (inside < 0)."""
    pts, r = _square(lambda x: np.full_like(x, 1.5))
    f = LS.sheet(pts, r)
    q = np.array([[4.8, 4.8, 0.0], [4.8, 4.8, 1.5], [4.8, 4.8, -1.5], [4.8, 4.8, 3.0]])
    d = f(q)
    assert d[0] == pytest.approx(-1.5, abs=0.05)
    assert abs(d[1]) < 0.05 and abs(d[2]) < 0.05, d
    assert d[3] == pytest.approx(1.5, abs=0.05)


def test_sheet_has_round_free_rims():
    """Its free edge is a half-round rim (a ligament's rounded edge), not a square one: the
    point 45 deg round the rim from its edge lies on its surface, and the corner of a square edge
    lies well outside it."""
    pts, r = _square(lambda x: np.full_like(x, 1.5))
    f = LS.sheet(pts, r)
    c, edge = 1.5 / np.sqrt(2.0), pts[:, 0].max()
    on_round, square_corner = f(np.array([[edge + c, 4.8, c], [edge + 1.5, 4.8, 1.5]]))
    assert abs(on_round) < 0.05, f"{on_round:.3f} mm off the round rim"
    assert square_corner > 0.5, f"a square edge: its corner {square_corner:.2f} mm off"


def test_sheet_follows_its_thickness_profile():
    """Each sample carries its own half-thickness: a sheet thinning from 2 to 1 mm (half) across
    x has its surface at those heights (on a sample's column, within 0.1 mm)."""
    pts, r = _square(lambda x: 2.0 - x / 10.0)
    f = LS.sheet(pts, r)
    d = f(np.array([[2.1, 4.8, 2.0 - 0.21], [8.1, 4.8, 2.0 - 0.81]]))
    assert np.abs(d).max() < 0.1, d


def test_sink_moves_a_point_away_from_its_target():
    """``sink`` moves a point ``depth`` mm away from the point it is sunk from (into its bone)."""
    p = LS.sink([1.0, 2.0, 3.0], [1.0, 2.0, 13.0], 2.0)
    assert np.allclose(p, [1.0, 2.0, 1.0])


@pytest.mark.parametrize("side", SIDES)
def test_ligamentum_flavum_is_a_smooth_sheet_without_folds(model, side):
    """Seen alone the flavum reads as a ligament sheet: a smooth surface whose neighbouring
    triangles turn gently (99.9 % of them by under 70 deg; none folded over 110 deg: its edges
    rounded, no fins where the bones cut it; the general limit, test_surface_quality, is
    120)."""
    m = model.mesh(f"ligamentum_flavum_{side}")
    a = np.degrees(m.face_adjacency_angles)
    assert np.percentile(a, 99.9) < 70.0, f"99.9 % of turns under {np.percentile(a, 99.9):.0f}"
    assert a.max() < 110.0, f"an edge folded {a.max():.0f} deg"
