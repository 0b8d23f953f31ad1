"""The sacral canal's top opening at S1 (issue 8; Gray's Anatomy 42nd ed., "Sacrum"), measured
on the built ``s1_segment``: its margins (the back of the body, the pedicles, the laminae) are
rounded, not square-cut."""

from __future__ import annotations

import numpy as np

from .tissue_geometry import creased_share


def test_canal_opening_has_rounded_margins(model, lm):
    """Within 16 mm of the canal's axis and 12 mm above or below where it meets the bone, less
    than 1.8 % of the surface lies on a crease (a face turned more than 25 degrees from its
    1.5 mm neighbourhood). Blind review s36: "a square-edged pocket beside an articular process"
    (the opening cut square and the laminae's borders square: 2.7 % creased)."""
    s1 = model.mesh("s1_segment")
    top = np.asarray(lm["sacral_canal_top_center"], float)
    down = np.asarray(lm["sacral_canal_axis"], float)
    rel = s1.triangles_center - top
    up = -(rel @ down)
    radial = np.linalg.norm(rel + up[:, None] * down, axis=1)
    near = (radial < 16.0) & (np.abs(up) < 12.0)
    share = creased_share(s1, near, limit=25.0, radius=1.5)
    assert share < 0.018, f"{100 * share:.1f} % of the opening's surround is creased"
