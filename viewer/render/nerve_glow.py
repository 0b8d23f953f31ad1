"""The glowing sleeve along a lit nerve route and the pulse that travels it.

A route's sleeve and pulse are made once, hidden, the first time it is lit; lighting it again
only switches them on, and the pulse moves with ``set_pulse``.
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkActor

from ..scene.state import SceneState
from . import colours
from .meshes import load_centerline

PULSE_PHASE_STILL = 0.62  # where the pulse sits in a still picture: out in the buttock


def _arc_lengths(points: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))])


class NervePathGlow:
    """A translucent glowing sleeve over each nerve of one route, and a pulse that travels it."""

    def __init__(self, plotter: pv.BasePlotter, segments: list[tuple[np.ndarray, float]]):
        self.plotter = plotter
        self.actors: list[vtkActor] = []
        pts, radii = [], []
        for line, radius in segments:
            sleeve = pv.lines_from_points(line).tube(radius=radius, n_sides=20, capping=True)
            actor = plotter.add_mesh(
                sleeve,
                color=colours.GLOW,
                opacity=0.5,
                ambient=0.85,
                diffuse=0.3,
                specular=0.0,
                smooth_shading=True,
                pickable=False,
                reset_camera=False,
                render=False,
            )
            self.actors.append(actor)
            pts.append(line)
            radii.append(np.full(len(line), radius))
        self.route = np.concatenate(pts)
        self.radii = np.concatenate(radii)
        self.s = _arc_lengths(self.route)
        r = float(self.radii.max())
        self.pulse = plotter.add_mesh(
            pv.Sphere(radius=1.0, theta_resolution=24, phi_resolution=24),
            color="#fff7c2",
            ambient=1.0,
            diffuse=0.0,
            specular=0.0,
            pickable=False,
            reset_camera=False,
            render=False,
        )
        self.halo = plotter.add_mesh(
            pv.Sphere(radius=1.0, theta_resolution=24, phi_resolution=24),
            color=colours.GLOW,
            opacity=0.35,
            ambient=1.0,
            diffuse=0.0,
            pickable=False,
            reset_camera=False,
            render=False,
        )
        self._max_radius = r
        self.set_visible(False)

    def set_visible(self, on: bool) -> None:
        parts: list[vtkActor] = [*self.actors, self.pulse, self.halo]
        for a in parts:
            a.SetVisibility(bool(on))

    @property
    def visible(self) -> bool:
        return bool(self.pulse.GetVisibility())

    def set_pulse(self, phase: float) -> np.ndarray:
        """Put the pulse a fraction ``phase`` of the way along the route (proximal to distal)."""
        target = (phase % 1.0) * self.s[-1]
        i = int(np.clip(np.searchsorted(self.s, target) - 1, 0, len(self.s) - 2))
        seg = self.s[i + 1] - self.s[i]
        f = 0.0 if seg <= 0 else (target - self.s[i]) / seg
        p = self.route[i] + (self.route[i + 1] - self.route[i]) * f
        r = self.radii[i] * 1.5
        self.pulse.SetPosition(*p)
        self.pulse.SetScale(r, r, r)
        self.halo.SetPosition(*p)
        self.halo.SetScale(2 * r, 2 * r, 2 * r)
        return p


def _sleeve_radius(mesh: pv.PolyData, line: np.ndarray) -> float:
    """A little more than the nerve's typical radius around its centreline."""
    pts = np.asarray(mesh.points)
    if len(pts) > 4000:
        pts = pts[:: len(pts) // 4000]
    d = np.linalg.norm(pts[:, None, :] - line[None, :, :], axis=2).min(axis=1)
    return float(np.median(d)) * 1.25 + 0.6


class RouteGlows:
    """The glow of the nerve route the scene state's focus names, and its pulse.

    Listens to ``state.events.focus``: a focus with a ``route`` shows that route's glow with the
    pulse at its still position; any other focus, or none, hides every glow. It holds no story
    or path of its own: the state's focus is the one record of what is shown.
    """

    def __init__(self, plotter: pv.BasePlotter, state: SceneState, content, meshes, mesh_dir=None):
        self.plotter = plotter
        self.state = state
        self.content = content
        self.meshes = meshes
        self.mesh_dir = mesh_dir
        self._glows: dict[str, NervePathGlow | None] = {}
        state.events.focus.connect(self._on_focus)

    def glow(self, path_id: str | None) -> NervePathGlow | None:
        """The glow of one route, made (once) the first time it is asked for; None without
        centrelines."""
        if path_id is None or path_id not in self.content.paths:
            return None
        if path_id not in self._glows:
            lines = []
            for sid in self.content.path(path_id).structures:
                line = load_centerline(sid, self.mesh_dir)
                if line is not None and sid in self.meshes:
                    lines.append((sid, line))
            segments = []
            for n, (sid, line) in enumerate(lines):
                if n + 1 < len(lines):
                    # the route leaves this nerve where the next one begins (the S1 root leaves
                    # the dural sac part-way down)
                    k = int(np.argmin(np.linalg.norm(line - lines[n + 1][1][0], axis=1)))
                    line = line[: max(k, 1) + 1]
                segments.append((line, _sleeve_radius(self.meshes[sid], line)))
            self._glows[path_id] = NervePathGlow(self.plotter, segments) if segments else None
        return self._glows[path_id]

    @property
    def shown(self) -> NervePathGlow | None:
        """The glow of the route in focus, if any."""
        focus = self.state.focus
        return self.glow(focus.route) if focus is not None else None

    @property
    def pulsing(self) -> bool:
        """Whether a route glows (and its pulse can travel)."""
        return self.shown is not None

    def set_pulse(self, phase: float) -> None:
        glow = self.shown
        if glow is not None:
            glow.set_pulse(phase)

    def _on_focus(self, _event) -> None:
        shown = self.shown
        for g in self._glows.values():
            if g is not None and g is not shown:
                g.set_visible(False)
        if shown is not None:
            shown.set_visible(True)
            shown.set_pulse(PULSE_PHASE_STILL)
