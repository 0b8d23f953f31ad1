"""The click selects exactly what hovering names, at a device pixel ratio of 1 and of 1.5: over a
grid of points in every standard view, real mouse events (a press swaps in the coarse copies the
model is drawn with while it turns; the pick must not see them). What is picked is also what is
drawn under the cursor (an id buffer), except on the pixels along an edge, where either side is
fair."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.app.hover_click import GRID, SCALED_GRID, Try, hover_then_click
from viewer.vocabulary import VIEW_NAMES

ROOT = Path(__file__).resolve().parents[2]


def check(tries: list[Try], grid: tuple[int, int] = GRID) -> None:
    assert len(tries) == len(VIEW_NAMES) * (grid[0] * grid[1] + 1)
    for t in tries:
        assert t.selected == t.hovered, t
        assert t.status == (t.hovered and t.status) or t.hovered is None, t
        if t.drawn != "edge":
            assert t.hovered == t.drawn, t
    picked = [t for t in tries if t.hovered is not None]
    assert len(picked) > len(tries) / 2 and len({t.hovered for t in picked}) > 8


def test_hover_names_what_a_click_selects(window, qapp):
    assert window.scene_view.devicePixelRatioF() == 1.0
    size = window.size()
    window.resize(1000, 700)  # as the scaled run below (frames cost less than at full size)
    try:
        check(hover_then_click(window))
    finally:
        window.resize(size)


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs a display (pytest-xvfb)")
def test_hover_names_what_a_click_selects_at_a_scale_of_1_5():
    env = dict(os.environ, QT_SCALE_FACTOR="1.5")
    out = subprocess.run(
        [sys.executable, "-m", "tests.app.hover_click"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    assert line is not None, out.stderr[-3000:]
    result = json.loads(line[len("RESULT ") :])
    assert result["dpr"] == 1.5
    check([Try(**t) for t in result["tries"]], SCALED_GRID)
