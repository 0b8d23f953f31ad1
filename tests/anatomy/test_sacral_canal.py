"""The sacral canal where ``sacrum_lower`` is cut from ``s1_segment`` (issue 8; Gray's Anatomy
42nd ed., "Sacrum": the sacral canal is triangular in section, its base the backs of the fused
bodies, flattened below S1; blind review s43: the cut face's canal "a punched round hole")."""

from __future__ import annotations

import numpy as np


def _canal_at_the_cut(model, lm) -> tuple[np.ndarray, np.ndarray]:
    """The canal's outline 0.3 mm under the S1/S2 section of ``sacrum_lower`` (the flat face
    square to the S1 axis), and the unit vector forwards (anterior) in that plane."""
    lower = model.mesh("sacrum_lower")
    n = np.asarray(lm["s1_endplate_normal"], float)
    n = n / np.linalg.norm(n)
    cap = lower.face_normals @ n > 0.9999
    assert cap.sum() > 100, "no flat section face square to the S1 axis"
    level = float(np.median(lower.triangles_center[cap] @ n)) - 0.3
    section = lower.section(n, level * n)
    loops = [p for p in section.discrete if np.abs(p[:, 0]).max() < 25.0]
    assert len(loops) == 1, f"{len(loops)} canal outlines near the midline"
    forward = np.cross(n, np.array([1.0, 0.0, 0.0]))
    forward = forward if forward[1] > 0 else -forward
    return loops[0], forward / np.linalg.norm(forward)


def test_sacral_canal_at_the_cut_is_a_flattened_triangle(model, lm):
    """At the S1/S2 section the canal is a flattened triangle, its base in front: at least 1.8
    times as wide as deep, and a quarter of its depth from its front at least twice as wide as a
    quarter from its back (main before stop 44: an ellipse 23.6 x 11.8 mm, 1.0 times; this
    branch 24.2 x 10.3 mm, 2.5 times)."""
    loop, forward = _canal_at_the_cut(model, lm)
    depth = loop @ forward
    front, back = depth.max(), depth.min()
    span = front - back
    width = np.ptp(loop[:, 0])

    def width_at(level: float) -> float:
        near = np.abs(depth - level) < 0.06 * span
        return float(np.ptp(loop[near, 0]))

    ratio = width_at(front - 0.25 * span) / width_at(back + 0.25 * span)
    assert width >= 1.8 * span, f"the canal is {width:.1f} wide, {span:.1f} deep"
    assert ratio >= 2.0, f"its front is {ratio:.2f} times as wide as its back"
