"""Condition stories and the S1 path rendered off-screen: the right structures lit, the rest
dimmed, condition shapes and the glowing route on screen."""

import numpy as np
import pytest
import pyvista as pv

from viewer.render import colours
from viewer.render.assembly import ModelScene
from viewer.render.meshes import load_centerline
from viewer.render.nerve_glow import PULSE_PHASE_STILL
from viewer.scene.appearance import DIMMED_OPACITY


class Teaching:
    """Stories and paths shown on the scene as the window's teaching controller shows them:
    the state's focus, and the camera each asks for."""

    def __init__(self, scene):
        self.scene = scene

    def show_story(self, story_id):
        self.scene.renderer.set_camera_pose(self.scene.focus_story(story_id))

    def show_path(self, path_id, animate=False):
        """Light the path; ``animate`` leaves the camera where it is."""
        pose = self.scene.focus_path(path_id)
        if not animate:
            self.scene.renderer.set_camera_pose(pose)
        return pose

    def clear(self):
        self.scene.state.set_focus(None)


@pytest.fixture(scope="module")
def shown(content, viewer_mesh_dir):
    plotter = pv.Plotter(off_screen=True, window_size=[640, 480])
    scene = ModelScene(plotter, content, viewer_mesh_dir)
    scene.renderer.set_camera_pose(scene.renderer.view_pose("posterior"))
    plotter.screenshot(None, return_img=True)
    yield scene, Teaching(scene)
    plotter.close()


def image(scene):
    scene.plotter.render()
    return scene.plotter.screenshot(None, return_img=True).reshape(-1, 3).astype(int)


def on_route(glow, p):
    """Distance from ``p`` to the route polyline, and the arc length at the nearest point."""
    a, b = glow.route[:-1], glow.route[1:]
    ab = b - a
    t = np.clip(
        np.einsum("ij,ij->i", p - a, ab) / np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-12), 0, 1
    )
    q = a + ab * t[:, None]
    d = np.linalg.norm(q - p, axis=1)
    i = int(np.argmin(d))
    return d[i], glow.s[i] + t[i] * np.linalg.norm(ab[i])


def glow_pixels(img) -> int:
    g = colours.rgb(colours.GLOW) * 255
    return int((np.abs(img - g).sum(axis=1) < 90).sum())


def test_each_story_lights_its_structures_and_dims_the_rest(shown, content):
    scene, teaching = shown
    for sid, story in content.stories.items():
        teaching.show_story(sid)
        actors = scene.renderer.actors
        for lit in story.highlight:
            a = actors[lit]
            assert a.GetVisibility() and a.GetProperty().GetOpacity() == 1.0, (sid, lit)
            assert a.GetProperty().GetAmbient() >= 0.4, (sid, lit)
        for cond in story.conditions:
            assert actors[cond].GetVisibility(), (sid, cond)
        others = [
            i
            for i in actors
            if i not in story.highlight
            and i not in story.conditions
            and scene.state.appearance(i).visible
            and not (story.nerve_path and i in content.path(story.nerve_path).structures)
        ]
        assert others and all(
            actors[i].GetProperty().GetOpacity() <= DIMMED_OPACITY for i in others
        ), sid
    teaching.clear()
    assert all(not scene.state.appearance(i).dimmed for i in scene.renderer.actors)
    assert not any(
        scene.renderer.actors[c].GetVisibility()
        for c in scene.renderer.actors
        if scene.state.structures[c].group == "conditions"
    )


def test_story_changes_the_picture(shown):
    scene, teaching = shown
    teaching.clear()
    before = image(scene)
    teaching.show_story("s1_radiculopathy")
    after = image(scene)
    assert np.abs(after - before).sum(axis=1).astype(bool).mean() > 0.05
    teaching.clear()


@pytest.mark.parametrize("path_id", ["s1_left", "s1_right"])
def test_s1_path_glows_along_its_side_with_skin_and_pain_area(shown, content, path_id):
    scene, teaching = shown
    teaching.clear()
    scene.renderer.set_camera_pose(teaching.show_path(path_id))
    teaching.clear()
    plain = image(scene)  # the same viewpoint, nothing lit
    teaching.show_path(path_id, animate=True)  # animate: the camera stays where it is
    side = path_id.split("_")[1]
    other = "right" if side == "left" else "left"
    actors = scene.renderer.actors
    glow = scene.glows.glow(path_id)
    assert glow is not None and glow.visible
    assert actors[f"s1_nerve_root_{side}"].GetProperty().GetOpacity() == 1.0
    assert actors[f"s1_nerve_root_{other}"].GetProperty().GetOpacity() <= DIMMED_OPACITY
    assert actors["skin"].GetVisibility() and actors["skin"].GetProperty().GetOpacity() < 0.5
    assert actors[f"s1_pain_area_{side}"].GetVisibility()
    lit = image(scene)
    # along the route the picture turned yellow (the glow), even through the skin
    h, w = 480, 640
    yellow = lambda px: (px[:, 0] + px[:, 1]) / 2 - px[:, 2]  # noqa: E731
    idx = []
    for q in glow.route[len(glow.route) // 3 :: 3]:
        x, y = scene.renderer.world_to_display(q)
        if 0 <= x < w and 0 <= y < h:
            idx.append((h - 1 - int(y)) * w + int(x))
    gain = yellow(lit[idx]) - yellow(plain[idx])
    assert len(idx) >= 3 and np.mean(gain > 20) > 0.6
    # the still pulse sits on the route, out past the root
    dist, along = on_route(glow, np.array(glow.pulse.GetPosition()))
    assert dist < 0.5 and along > 0.3 * glow.s[-1]
    # the route runs down the patient's own side (RAS: +x is the patient's right)
    assert (np.median(glow.route[len(glow.route) // 3 :, 0]) < 0) == (side == "left")
    teaching.clear()
    assert not glow.visible


def test_pulse_travels_outward(shown):
    scene, teaching = shown
    teaching.show_path("s1_left")
    glow = scene.glows.glow("s1_left")
    scene.glows.set_pulse(0.1)
    _, near = on_route(glow, np.array(glow.pulse.GetPosition()))
    scene.glows.set_pulse(0.9)
    _, far = on_route(glow, np.array(glow.pulse.GetPosition()))
    assert near < 0.2 * glow.s[-1] < 0.8 * glow.s[-1] < far
    scene.glows.set_pulse(PULSE_PHASE_STILL)
    teaching.clear()


def test_impingement_cause_is_seen_through_what_lies_in_front(shown, content):
    """The herniation and the spur are small and sit behind the roots, the facet and bone; in
    the story's picture their own colours must still be plain to see."""
    scene, teaching = shown
    teaching.show_story("s1_nerve_impingement")
    img = image(scene)
    story = content.story("s1_nerve_impingement")
    causes = story.conditions
    assert causes
    for cond in causes:
        target = colours.rgb(content.structures[cond].colour) * 255
        near = int((np.abs(img - target).sum(axis=1) < 40).sum())
        assert near >= 60, (cond, near)
    teaching.clear()


def test_pain_area_lets_the_lit_route_show_through(shown, content):
    """Where the sciatic nerve runs under the S1 pain area, the nerve looks nearly as it does
    without the patch: the patch tints it, it does not paint it over."""
    scene, teaching = shown
    teaching.show_story("s1_radiculopathy")
    w, h = scene.plotter.window_size
    line = load_centerline("sciatic_nerve_left", scene.mesh_dir)
    assert line is not None
    area = scene.meshes["s1_pain_area_left"]
    lo, hi = np.asarray(area.bounds[0::2]), np.asarray(area.bounds[1::2])
    under = line[np.all((line[:, [0, 2]] > lo[[0, 2]]) & (line[:, [0, 2]] < hi[[0, 2]]), axis=1)]
    pixels = []
    for p in under:
        x, y = scene.renderer.world_to_display(p)
        col, row = int(round(x)), h - 1 - int(round(y))
        if 0 <= col < w and 0 <= row < h:  # in the picture
            pixels.append(row * w + col)
    assert len(pixels) >= 5
    with_patch = image(scene)[pixels]
    patch = scene.renderer.actors["s1_pain_area_left"]
    patch.SetVisibility(False)
    without = image(scene)[pixels]
    patch.SetVisibility(True)
    change = np.abs(with_patch - without).sum(axis=1)
    assert np.median(change) < 100, np.median(change)
    teaching.clear()
