"""Condition stories and the S1 nerve path, drawn on a :class:`ModelScene`.

The glowing sleeve along each S1 route and its travelling pulse are made once, hidden, when this
is built; showing a path only switches them on and moves the pulse (``set_pulse``).
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkActor

from ..scene.camera import CameraPose, standard_view
from ..scene.focus import path_focus, story_focus
from . import colours
from .meshes import load_centerline

PULSE_PHASE_STILL = 0.62  # where the pulse sits in a still picture: out in the buttock


def _arc_lengths(points: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))])


class NervePathGlow:
    """A translucent glowing sleeve over each nerve of one route, and a pulse that travels it."""

    def __init__(self, plotter: pv.Plotter, segments: list[tuple[np.ndarray, float]]):
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
        for a in (*self.actors, self.pulse, self.halo):
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


class Teaching:
    """Shows a condition story or an S1 path on the scene; ``clear`` puts the scene back."""

    def __init__(self, scene):
        self.scene = scene
        self._glows: dict[str, NervePathGlow | None] = {}
        self.story: str | None = None
        self.path: str | None = None

    def glow(self, path_id: str | None) -> NervePathGlow | None:
        """The glow of one S1 route, made (once) the first time it is asked for; None without
        centrelines."""
        if path_id is None or path_id not in self.scene.content.paths:
            return None
        if path_id not in self._glows:
            lines = []
            for sid in self.scene.content.path(path_id).structures:
                line = load_centerline(sid, self.scene.mesh_dir)
                if line is not None and sid in self.scene.meshes:
                    lines.append((sid, line))
            segments = []
            for n, (sid, line) in enumerate(lines):
                if n + 1 < len(lines):
                    # the route leaves this nerve where the next one begins (the S1 root leaves
                    # the dural sac part-way down)
                    k = int(np.argmin(np.linalg.norm(line - lines[n + 1][1][0], axis=1)))
                    line = line[: max(k, 1) + 1]
                segments.append((line, _sleeve_radius(self.scene.meshes[sid], line)))
            self._glows[path_id] = NervePathGlow(self.scene.plotter, segments) if segments else None
        return self._glows[path_id]

    def _camera(self, cam, ids) -> CameraPose:
        bounds = self.scene.renderer.bounds(ids)
        if cam.view is not None:
            pose = standard_view(cam.view, bounds)
        else:
            pose = CameraPose(tuple(cam.position), tuple(cam.focal_point), tuple(cam.view_up))
        if cam.zoom:
            f = np.asarray(pose.focal_point)
            eye = f + (np.asarray(pose.position) - f) / cam.zoom
            pose = CameraPose(tuple(eye), pose.focal_point, pose.view_up)
        return pose

    def show_story(self, story_id: str, animate: bool = True) -> CameraPose:
        """Light the story; returns the camera pose it asks for (applied now unless animated)."""
        story = self.scene.content.story(story_id)
        focus = story_focus(self.scene.content, story_id, self.scene.state.ids)
        self.story, self.path = story_id, None
        self._light(focus, story.nerve_path)
        # frame the story's own structures and condition shapes, not the whole lit nerve route
        framed = (set(story.highlight) | focus.shown) & set(self.scene.meshes)
        pose = self._camera(story.camera, sorted(framed or (focus.lit | focus.shown)))
        if not animate:
            self.scene.renderer.set_camera_pose(pose)
        return pose

    def show_path(self, path_id: str, animate: bool = False) -> CameraPose:
        """Light the S1 route with its pulse and show the skin with the S1 pain area."""
        path = self.scene.content.path(path_id)
        focus = path_focus(self.scene.content, path_id, self.scene.state.ids)
        self.story, self.path = None, path_id
        self._light(focus, path_id)
        # frame the route, the pain area and the skin around them
        ids = [i for i in (*path.structures, *focus.shown) if i in self.scene.meshes]
        pose = standard_view("posterior", self.scene.renderer.bounds(ids))
        if not animate:
            self.scene.renderer.set_camera_pose(pose)
        return pose

    def _shown_glow(self) -> NervePathGlow | None:
        if self.path is not None:
            return self.glow(self.path)
        if self.story is not None:
            return self.glow(self.scene.content.story(self.story).nerve_path)
        return None

    def _light(self, focus, path_id: str | None) -> None:
        """Apply the focus and show only this route's glow, its pulse at the still position."""
        self._hide_glows()
        glow = self.glow(path_id)
        if glow is not None:
            glow.set_visible(True)
            glow.set_pulse(PULSE_PHASE_STILL)
        self.scene.state.set_focus(focus)

    def set_pulse(self, phase: float) -> None:
        glow = self._shown_glow()
        if glow is not None:
            glow.set_pulse(phase)

    @property
    def pulsing(self) -> bool:
        return self._shown_glow() is not None

    def _hide_glows(self) -> None:
        for g in self._glows.values():
            if g is not None:
                g.set_visible(False)

    def clear(self) -> None:
        self._hide_glows()
        self.story = self.path = None
        self.scene.state.set_focus(None)
