"""The renderer adapter on an off-screen plotter: state changes become actor properties (never new
actors), picking finds what is drawn, labels name what is shown."""

import numpy as np
import pytest
import pyvista as pv

from tests.conftest import others, visible_surface_point
from tests.render import fresh_scene
from viewer.anatomy.structures import STRUCTURES
from viewer.render.assembly import ModelScene
from viewer.scene.appearance import PICKABLE_OPACITY


@pytest.fixture(scope="module")
def scene(content, viewer_mesh_dir):
    plotter = pv.Plotter(off_screen=True, window_size=[800, 600])
    scene = ModelScene(plotter, content, viewer_mesh_dir)
    scene.renderer.set_camera_pose(scene.renderer.view_pose("posterior"))
    plotter.screenshot(None, return_img=True)  # the first frame (pyvista renders only after it)
    yield scene
    plotter.close()


@pytest.fixture(autouse=True)
def fresh(scene):
    yield
    fresh_scene.reset(scene)
    scene.renderer.set_camera_pose(scene.renderer.view_pose("posterior"))


@pytest.fixture
def as_the_app_starts(scene):
    """The scene as the app opens it: the back muscles over L5 faded or switched off (they hide
    L5 from behind and from the oblique view); the fresh scene again after the test."""
    scene.state.open_as_the_app_starts()
    yield scene


def props(plotter):
    c = plotter.renderer.GetViewProps()
    return [c.GetItemAsObject(i) for i in range(c.GetNumberOfItems())]


def test_every_mesh_is_one_actor_and_state_changes_add_none(scene):
    before = props(scene.plotter)
    assert set(scene.renderer.actors) == set(scene.meshes) == {s.id for s in STRUCTURES}
    st = scene.state
    st.select("piriformis_left")
    st.set_xray(True)
    st.hide(["femur_left"])
    st.isolate(["l5_vertebra"])
    st.show_all()
    scene.plotter.render()
    after = props(scene.plotter)
    assert len(after) == len(before) and all(a is b for a, b in zip(after, before, strict=True))


def test_hidden_structures_are_not_drawn(scene):
    actor = scene.renderer.actors["piriformis_left"]
    scene.state.hide(["piriformis_left"])
    assert not actor.GetVisibility() and not actor.GetPickable()
    scene.state.show(["piriformis_left"])
    assert actor.GetVisibility()
    assert not scene.renderer.actors["skin"].GetVisibility()


def test_xray_makes_bones_see_through_and_keeps_nerves_solid(scene):
    scene.state.set_xray(True)
    bone = scene.renderer.actors["l5_vertebra"].GetProperty().GetOpacity()
    nerve = scene.renderer.actors["s1_nerve_root_left"].GetProperty().GetOpacity()
    assert bone < PICKABLE_OPACITY and nerve == 1.0


def test_selection_tints_the_structure_and_draws_its_outline(scene, surface_point):
    actor = scene.renderer.actors["piriformis_left"]
    base = np.array(actor.GetProperty().GetColor())
    xy = surface_point(scene.plotter, scene.meshes, "piriformis_left")
    assert xy is not None
    img0 = scene.plotter.screenshot(None, return_img=True)
    scene.state.select("piriformis_left")
    scene.plotter.render()
    img1 = scene.plotter.screenshot(None, return_img=True)
    tinted = np.array(actor.GetProperty().GetColor())
    assert np.linalg.norm(tinted - base) > 0.1
    assert scene.renderer.outline.visible
    h = img0.shape[0]
    x, y = xy
    # the pixel on the muscle changed towards amber: more red+green than blue
    p0, p1 = img0[h - 1 - y, x].astype(int), img1[h - 1 - y, x].astype(int)
    assert np.abs(p1 - p0).sum() > 30 and (p1[0] + p1[1]) / 2 - p1[2] > (p0[0] + p0[1]) / 2 - p0[2]


def seen_point(scene, surface_point, sid):
    """A point where ``sid`` is drawn, from the first standard view that shows it."""
    for view in ("posterior", "oblique", "anterior", "left", "right", "superior", "inferior"):
        scene.renderer.set_camera_pose(scene.renderer.view_pose(view))
        xy = surface_point(scene.plotter, scene.meshes, sid)
        if xy is not None:
            return xy
    raise AssertionError(f"{sid} is hidden from every standard view")


@pytest.mark.parametrize("sid", ["piriformis_left", "l5_vertebra", "s1_nerve_root_right"])
def test_pick_finds_the_structure_drawn_at_a_point(scene, surface_point, sid):
    scene.state.set_xray(sid.startswith("s1_"))
    xy = seen_point(scene, surface_point, sid)
    assert scene.renderer.pick(*xy) == sid
    assert scene.renderer.pick(2, 2) is None  # the corner is background


def test_xray_reveals_the_s1_root_and_clicks_reach_it(scene):
    # The root runs 1-3 mm behind the disc and in its dural sleeve, so nowhere is it 3 mm clear
    # of a neighbour (the usual click clearance): the click keeps 1.2 mm clear, and the picks
    # below still must land on the root with X-ray on and miss it with X-ray off. The depth
    # buffer must match the root's own depth within 0.5 mm: the sleeve round it lies about a
    # millimetre in front, within the usual 2 mm, and a click there lands on the sleeve.
    sid = "s1_nerve_root_left"
    # (nor where the root runs buried in the sacral plexus's band, its end inside the sheet: a
    # click there lands on the band's surface in front of it, as it should)
    root = scene.meshes[sid]
    band = scene.meshes["sciatic_nerve_left"]
    buried = root.select_enclosed_points(band, check_surface=False)["SelectedPoints"] > 0
    avoid = np.vstack([others(scene.meshes, sid), np.asarray(root.points)[buried]])

    def surface_point(plotter, meshes, _sid):
        return visible_surface_point(
            plotter, meshes[sid], avoid=avoid, clearance=1.2, depth_tolerance=0.5
        )

    for view in ("posterior", "oblique", "left", "anterior", "superior", "inferior", "right"):
        scene.renderer.set_camera_pose(scene.renderer.view_pose(view))
        scene.state.set_xray(False)
        hidden = surface_point(scene.plotter, scene.meshes, sid) is None
        scene.state.set_xray(True)
        xy = surface_point(scene.plotter, scene.meshes, sid)
        if hidden and xy is not None:
            assert scene.renderer.pick(*xy) == "s1_nerve_root_left"
            scene.state.set_xray(False)
            assert scene.renderer.pick(*xy) != "s1_nerve_root_left"
            return
    pytest.fail("no view where X-ray uncovers the left S1 root")


def test_labels_name_the_shown_structures_only(scene, as_the_app_starts):
    scene.renderer.set_camera_pose(scene.renderer.view_pose("oblique"))
    scene.plotter.render()
    shown = scene.labels.shown
    assert "l5_vertebra" in shown
    # one label per left/right pair, the selected one when one is selected
    assert not {"piriformis_left", "piriformis_right"} <= set(shown)
    scene.renderer.set_camera_pose(scene.renderer.view_pose("posterior"))
    for sid in ("piriformis_left", "piriformis_right"):
        scene.state.select(sid)
        scene.plotter.render()
        assert sid in scene.labels.shown
    scene.state.select(None)
    scene.renderer.set_camera_pose(scene.renderer.view_pose("oblique"))
    scene.state.hide(["l5_vertebra"])
    scene.plotter.render()
    assert "l5_vertebra" not in scene.labels.shown
    scene.state.set_labels(False)
    scene.plotter.render()
    assert scene.labels.shown == []
    scene.state.set_labels(True)


def test_labels_are_hidden_while_the_model_moves(scene):
    """Whether a label's point is in sight is known on still frames only: while the coarse
    copies are drawn, no label is."""
    scene.renderer.set_camera_pose(scene.renderer.view_pose("oblique"))
    scene.plotter.render()
    assert scene.labels.shown
    scene.renderer.prepare_coarse()
    scene.renderer.set_coarse(True)
    try:
        scene.plotter.render()
        assert scene.labels.shown == []
        assert not any(t.GetVisibility() for t in scene.labels.texts.values())
    finally:
        scene.renderer.set_coarse(False)
    scene.plotter.render()
    assert scene.labels.shown


def outline_pixels(scene) -> int:
    """How many pixels have the selection outline's colour, drawn bare or seen through one faded
    veil of the back muscles (a faded surface in front blends a quarter of its colour in)."""
    from viewer.render import colours
    from viewer.scene.appearance import FADED_OPACITY

    img = scene.plotter.screenshot(None, return_img=True).astype(int)
    bare = np.array(colours.rgb(colours.SELECT_OUTLINE))
    muscle = np.array(colours.as_rgb(scene.content.structures["erector_spinae_left"].colour))
    near = np.zeros(img.shape[:2], bool)
    for rgb in (bare, (1 - FADED_OPACITY) * bare + FADED_OPACITY * muscle):
        near |= np.abs(img - (rgb * 255).astype(int)).sum(axis=2) < 40
    return int(near.sum())


def test_every_selection_in_turn_gets_its_outline(scene, as_the_app_starts):
    scene.renderer.set_camera_pose(scene.renderer.view_pose("oblique"))
    for sid in ("l5_vertebra", "piriformis_left", "l5_vertebra", "piriformis_left"):
        scene.state.select(sid)
        scene.plotter.render()
        # (L5 is small in this 800x600 oblique view and the faded back muscles tint part of
        # its outline: about 95 pixels keep the outline's colour; none without a selection)
        assert outline_pixels(scene) > 60, sid
    scene.state.select(None)
    scene.plotter.render()
    assert outline_pixels(scene) < 10  # no selection, no outline


def test_moving_frames_draw_coarse_copies_that_look_like_the_still_frame(scene, as_the_app_starts):
    ren = scene.renderer
    ren.set_camera_pose(ren.view_pose("oblique"))  # where L5 shows (not an earlier test's pose)
    ren.prepare_coarse()
    scene.state.select("l5_vertebra")
    scene.state.set_labels(False)  # moving frames carry none (tested above): compare the model
    before = props(scene.plotter)

    def drawn_triangles():
        return sum(
            a.GetMapper().GetInput().GetNumberOfCells()
            for a in ren.actors.values()
            if a.GetVisibility()
        )

    still_tris = drawn_triangles()
    scene.plotter.render()
    still = scene.plotter.screenshot(None, return_img=True).astype(int)
    ren.set_coarse(True)
    try:
        scene.plotter.render()  # as the window does on each frame while the model turns
        moving = scene.plotter.screenshot(None, return_img=True).astype(int)
        assert drawn_triangles() < 0.3 * still_tris
        assert outline_pixels(scene) > 60  # the selection stays outlined while turning
    finally:
        ren.set_coarse(False)
    after = props(scene.plotter)  # no actor added or replaced
    assert len(after) == len(before) and all(a is b for a, b in zip(after, before, strict=True))
    # the same picture, give or take the odd edge pixel
    assert np.abs(moving - still).mean() < 3.0
    scene.plotter.render()
    back = scene.plotter.screenshot(None, return_img=True).astype(int)
    assert np.array_equal(back, still) and drawn_triangles() == still_tris


def test_the_renderer_copies_the_states_appearance_onto_every_actor(scene, content):
    """Whatever the state says (plain, X-ray, faded, selected, a story, the S1 path), every
    actor shows exactly that: visibility, opacity, pickability, the tinted colour, the lighting,
    the condition shapes' overlay copy. No rule of its own."""
    from viewer.render import colours
    from viewer.scene.focus import path_focus, story_focus

    st, ren = scene.state, scene.renderer
    shapes = {i for i, s in st.structures.items() if s.kind == "condition_shape"}
    assert shapes and set(ren.ghosts.actors) == shapes

    def check():
        for sid, actor in ren.actors.items():
            look, prop = st.appearance(sid), actor.GetProperty()
            assert bool(actor.GetVisibility()) == look.visible, sid
            assert bool(actor.GetPickable()) == look.pickable, sid
            assert prop.GetOpacity() == pytest.approx(look.opacity), sid
            # a see-through surface is one veil: its far side (the inside of it) is not drawn
            assert bool(prop.GetBackfaceCulling()) == (look.opacity < 1.0), sid
            base = colours.as_rgb(content.structures[sid].colour)
            want = colours.mix(base, look.tint, look.tint_share) if look.tint else base
            assert prop.GetColor() == pytest.approx(want), sid
            lighting = (prop.GetAmbient(), prop.GetDiffuse(), prop.GetSpecular())
            assert lighting == pytest.approx(look.lighting), sid
            if sid in shapes:
                assert bool(ren.ghosts.actors[sid][0].GetVisibility()) == look.ghost, sid

    check()
    st.set_xray(True)
    st.set_faded(["piriformis_left"])
    st.select("l5_vertebra")
    check()
    st.set_focus(story_focus(content, "s1_nerve_impingement", st.ids))
    check()
    st.set_focus(path_focus(content, "s1_left", st.ids))
    check()
    assert not ren.actors["s1_pain_area_left"].GetPickable()


def test_a_pick_under_the_pain_patch_finds_the_lit_nerve(scene):
    """The S1 path from behind: where the sciatic nerve shows through the pain patch, a pick
    finds the nerve (the patch is a tint there, not a surface to click)."""
    from viewer.render.meshes import load_centerline

    pose = scene.focus_path("s1_left")
    scene.renderer.set_camera_pose(pose)
    scene.plotter.render()
    line = load_centerline("sciatic_nerve_left", scene.mesh_dir)
    assert line is not None
    area = scene.meshes["s1_pain_area_left"]
    lo, hi = np.asarray(area.bounds[0::2]), np.asarray(area.bounds[1::2])
    under = line[np.all((line[:, [0, 2]] > lo[[0, 2]]) & (line[:, [0, 2]] < hi[[0, 2]]), axis=1)]
    assert len(under) >= 5
    picks = [scene.renderer.pick(*scene.renderer.world_to_display(p)) for p in under[::3]]
    assert picks and all(p == "sciatic_nerve_left" for p in picks), picks
