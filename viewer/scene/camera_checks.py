"""Whether a camera pose is one the app can use: finite, within the model's reach, not degenerate.

Poses come from content, settings and scene files; a NaN or an absurd number there once made the
camera NaN, was saved on close, and left every later start showing only the background. Every
pose from outside goes through :func:`pose_problem` first and is ignored, with its reason, when
it fails.
"""

from __future__ import annotations

import json

import numpy as np

from .camera import CameraPose

#: no eye or focal point of a useful view lies this far (mm) from the model's origin
MAX_CAMERA_REACH_MM = 100_000.0
#: closer than this (mm) from eye to focal point, or shorter view-up, is degenerate
MIN_LENGTH_MM = 1e-3
#: settings text longer than this is not a camera pose (a real one is under 200 characters)
MAX_POSE_TEXT = 2_000


def pose_problem(pose: CameraPose) -> str | None:
    """Why ``pose`` cannot be used, or None when it can."""
    rows = np.array([pose.position, pose.focal_point, pose.view_up], dtype=float)
    if not np.all(np.isfinite(rows)):
        return "not finite (NaN or infinity)"
    if np.abs(rows[:2]).max() > MAX_CAMERA_REACH_MM:
        return f"beyond {MAX_CAMERA_REACH_MM:g} mm"
    direction = rows[1] - rows[0]
    if np.linalg.norm(direction) < MIN_LENGTH_MM:
        return "the eye is on the focal point"
    up = rows[2]
    if np.linalg.norm(up) < MIN_LENGTH_MM:
        return "no view-up direction"
    if (
        np.linalg.norm(np.cross(direction / np.linalg.norm(direction), up / np.linalg.norm(up)))
        < 1e-6
    ):
        return "view-up along the line of sight"
    return None


def pose_from_text(text: object) -> tuple[CameraPose | None, str | None]:
    """A usable pose from settings text (JSON: three 3-vectors), or None and why not."""
    if not isinstance(text, str) or not text:
        return None, "no camera saved"
    if len(text) > MAX_POSE_TEXT:
        return None, f"camera text longer than {MAX_POSE_TEXT} characters"
    try:
        pose = CameraPose.from_lists(json.loads(text, parse_constant=_refuse_constant))
    except (ValueError, TypeError, RecursionError) as exc:
        return None, f"not a camera pose ({type(exc).__name__})"
    problem = pose_problem(pose)
    return (None, problem) if problem else (pose, None)


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number")
