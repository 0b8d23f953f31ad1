"""Camera poses in the model frame (mm, RAS): the standard views, framing a structure, and the
smooth move between two poses. Pure numpy; the renderer applies poses to a VTK camera."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..vocabulary import VIEW_DIRECTIONS

#: name -> (direction from the focal point to the eye, view-up): defined in the vocabulary
STANDARD_VIEWS = VIEW_DIRECTIONS
VIEW_ANGLE_DEG = 30.0
#: a standard view keeps the sphere around the model within this share of a narrow view's
#: width (the model itself is narrower than its sphere: the labels find room beside it)
WIDTH_SHARE = 0.95
#: a standard view of the shown model fills this share of the view's height ...
FILL_HEIGHT = 0.86
#: ... and at most this share of its width (the labels find room beside the model) ...
FILL_WIDTH = 0.72
#: ... or, where the labels' columns need more room, at least this share
LEAST_WIDTH = 0.4


Vec3 = tuple[float, float, float]


def vec3(v) -> Vec3:
    """Any three numbers as a tuple of floats."""
    x, y, z = (float(c) for c in v)
    return (x, y, z)


@dataclass(frozen=True)
class CameraPose:
    position: Vec3
    focal_point: Vec3
    view_up: Vec3

    @classmethod
    def of(cls, position, focal_point, view_up) -> CameraPose:
        """A pose from any three 3-vectors (lists, arrays)."""
        return cls(vec3(position), vec3(focal_point), vec3(view_up))

    def as_lists(self) -> list[list[float]]:
        return [list(self.position), list(self.focal_point), list(self.view_up)]

    @classmethod
    def from_lists(cls, data) -> CameraPose:
        rows = [list(row) for row in data]
        if len(rows) != 3 or not all(len(r) == 3 for r in rows):
            raise ValueError("a camera pose is three 3-vectors")
        return cls.of(*rows)


def _unit(v) -> np.ndarray:
    v = np.asarray(v, dtype=float)
    n = np.linalg.norm(v)
    return v / n if n > 0 else v


def fit_distance(
    bounds,
    view_angle_deg: float = VIEW_ANGLE_DEG,
    margin: float = 1.1,
    aspect: float | None = None,
) -> float:
    """Eye distance at which a sphere around ``bounds`` (xmin, xmax, ymin, ymax, zmin, zmax) fills
    the view's height; with ``aspect`` (the view's width over its height) it also keeps within
    ``WIDTH_SHARE`` of the width."""
    b = np.asarray(bounds, dtype=float).reshape(3, 2)
    radius = 0.5 * float(np.linalg.norm(b[:, 1] - b[:, 0]))
    half = np.radians(view_angle_deg) / 2
    if aspect is not None and aspect > 0:
        half = min(half, float(np.arctan(np.tan(half) * aspect * WIDTH_SHARE)))
    return margin * max(radius, 1.0) / float(np.sin(half))


def bounds_centre(bounds) -> np.ndarray:
    return np.asarray(bounds, dtype=float).reshape(3, 2).mean(axis=1)


def standard_view(name: str, bounds, aspect: float | None = None) -> CameraPose:
    """The standard view ``name`` of ``bounds``, the whole box in sight (see
    :func:`fit_distance` for ``aspect``)."""
    if name not in STANDARD_VIEWS:
        raise KeyError(f"unknown view {name!r}; one of {', '.join(STANDARD_VIEWS)}")
    direction, up = STANDARD_VIEWS[name]
    c = bounds_centre(bounds)
    eye = c + _unit(direction) * fit_distance(bounds, aspect=aspect)
    return CameraPose.of(eye, c, up)


def fitted_view(
    name: str, points, aspect: float | None = None, width_share: float = FILL_WIDTH
) -> CameraPose:
    """The standard view ``name`` of ``points`` (N x 3: the shown model's vertices, or a sample
    of them), centred on their outline as seen from that side and as near as lets them fill
    ``FILL_HEIGHT`` of the view's height and at most ``width_share`` of its width (``aspect``:
    the width over the height, None: a square view; ``width_share`` is kept between
    ``LEAST_WIDTH`` and ``FILL_WIDTH``: less leaves room for the labels beside the model).

    A sphere round the model's box (:func:`standard_view`) is wider than the model from most
    sides: the model filled about two thirds of the view's height, with empty space round it.
    """
    if name not in STANDARD_VIEWS:
        raise KeyError(f"unknown view {name!r}; one of {', '.join(STANDARD_VIEWS)}")
    pts = np.asarray(points, dtype=float).reshape(-1, 3)
    direction, up_hint = STANDARD_VIEWS[name]
    sight = _unit(direction)  # towards the eye
    up = np.asarray(up_hint, dtype=float)
    up = _unit(up - np.dot(up, sight) * sight)
    right = np.cross(up, sight)
    tan_v = float(np.tan(np.radians(VIEW_ANGLE_DEG) / 2))
    tan_h = tan_v * (aspect if aspect is not None and aspect > 0 else 1.0)
    width_share = min(FILL_WIDTH, max(LEAST_WIDTH, width_share))
    # the focal point in the middle of the outline as seen from that side (the same however
    # near the eye stands: a view opened before its window has its size looks at the same point)
    centre = 0.5 * (pts.min(axis=0) + pts.max(axis=0))
    rel = pts - centre
    across, upward = rel @ right, rel @ up
    focal = (
        centre
        + right * 0.5 * (across.min() + across.max())
        + up * 0.5 * (upward.min() + upward.max())
    )
    rel = pts - focal
    # a point at depth ``toward`` (towards the eye) and height h is within the share ``fill``
    # of the picture when h / (distance - toward) <= tan * fill
    need = np.maximum(
        np.abs(rel @ up) / (tan_v * FILL_HEIGHT), np.abs(rel @ right) / (tan_h * width_share)
    )
    distance = float(np.max(rel @ sight + need))
    return CameraPose.of(focal + sight * distance, focal, up)


def backed_off_to_fit(pose: CameraPose, bounds, aspect: float, margin: float = 1.05) -> CameraPose:
    """``pose``, moved back along its line of sight where needed so that every corner of
    ``bounds`` is in the view (``aspect``: its width over its height), with ``margin`` to spare;
    never nearer. A pose tuned for one shape of view can crop its subject in another (a wide,
    short view in presentation mode)."""
    focal = np.asarray(pose.focal_point, float)
    sight = _unit(np.subtract(pose.position, focal))  # towards the eye
    up = np.asarray(pose.view_up, float)
    up = _unit(up - np.dot(up, sight) * sight)
    right = np.cross(up, sight)
    b = np.asarray(bounds, float).reshape(3, 2)
    corners = np.array([[x, y, z] for x in b[0] for y in b[1] for z in b[2]]) - focal
    tan_v = float(np.tan(np.radians(VIEW_ANGLE_DEG) / 2))
    tan_h = tan_v * aspect
    toward = corners @ sight
    need = np.maximum(
        np.abs(corners @ up) * margin / tan_v, np.abs(corners @ right) * margin / tan_h
    )
    distance = float(np.linalg.norm(np.subtract(pose.position, focal)))
    wanted = float(np.max(toward + need))
    if wanted <= distance:
        return pose
    return CameraPose.of(focal + sight * wanted, focal, pose.view_up)


def frame(pose: CameraPose, bounds, margin: float = 1.6) -> CameraPose:
    """Keep the viewing direction, centre on ``bounds`` and come close enough to see it well."""
    direction = _unit(np.subtract(pose.position, pose.focal_point))
    c = bounds_centre(bounds)
    eye = c + direction * fit_distance(bounds, margin=margin)
    return CameraPose.of(eye, c, pose.view_up)


def interpolate(a: CameraPose, b: CameraPose, t: float) -> CameraPose:
    """The pose a fraction ``t`` (0..1, eased) of the way from ``a`` to ``b``: the focal point moves
    straight, the eye direction turns along the great circle, the distance changes smoothly."""
    t = float(np.clip(t, 0.0, 1.0))
    s = t * t * (3 - 2 * t)  # smoothstep
    fa, fb = np.asarray(a.focal_point, float), np.asarray(b.focal_point, float)
    da, db = np.subtract(a.position, fa), np.subtract(b.position, fb)
    la, lb = np.linalg.norm(da), np.linalg.norm(db)
    focal = fa + (fb - fa) * s
    direction = _slerp(_unit(da), _unit(db), s)
    eye = focal + direction * (la + (lb - la) * s)
    up = _slerp(_unit(a.view_up), _unit(b.view_up), s)
    # keep the up vector perpendicular to the viewing direction
    up = _unit(up - np.dot(up, direction) * direction)
    if not np.all(np.isfinite(up)) or np.linalg.norm(up) < 1e-6:
        up = np.asarray(b.view_up, float)
    return CameraPose.of(eye, focal, up)


def _slerp(u: np.ndarray, v: np.ndarray, s: float) -> np.ndarray:
    dot = float(np.clip(np.dot(u, v), -1.0, 1.0))
    if dot > 0.9995:
        return _unit(u + (v - u) * s)
    if dot < -0.9995:  # opposite: turn about any perpendicular axis
        axis = _unit(np.cross(u, [1.0, 0.0, 0.0] if abs(u[0]) < 0.9 else [0.0, 1.0, 0.0]))
        ang = np.pi * s
        return _unit(u * np.cos(ang) + axis * np.sin(ang))
    omega = np.arccos(dot)
    return _unit((np.sin((1 - s) * omega) * u + np.sin(s * omega) * v) / np.sin(omega))
