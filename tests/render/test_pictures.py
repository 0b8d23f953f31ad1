"""Image regression: the pictures a user sees, compared with stored ones.

The default picture (``python -m viewer --screenshot``'s), each standard view, each condition
story and each S1 nerve path are rendered off-screen at 400x300 and compared with
``tests/render/baseline/<name>.png`` within a tolerance (a picture is a rendering, not bytes:
drivers and fonts differ a little from machine to machine). A pixel has changed when one of its
channels moved by more than ``CHANGED_LEVEL`` (of 255); a picture fails when more than
``CHANGED_SHARE`` of its pixels changed or their mean difference exceeds ``MEAN_LEVEL``.

After a change meant to alter the pictures (the meshes, the content's colours or cameras, the
look), look at them, then store them as the new baseline::

    python -m pytest tests/render/test_pictures.py --regenerate-baseline

A failing comparison leaves the picture it rendered and a difference image in pytest's temporary
folder (named in the failure) to look at.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import pyvista as pv
from PIL import Image

from tests.render import fresh_scene
from viewer.content import load_annotations
from viewer.render.assembly import ModelScene
from viewer.render.screenshot import render_screenshot
from viewer.vocabulary import DEFAULT_VIEW, VIEW_NAMES

BASELINE = Path(__file__).resolve().parent / "baseline"
SIZE = (400, 300)
#: a channel moving by more than this (of 255) changes the pixel
CHANGED_LEVEL = 40
#: at most this share of the pixels may change ...
CHANGED_SHARE = 0.005
#: ... and their mean difference (largest channel, 0..255) stay under this
MEAN_LEVEL = 1.0

_CONTENT = load_annotations()
STORIES = list(_CONTENT.stories)
PATHS = list(_CONTENT.paths)


def difference(rendered: np.ndarray, stored: np.ndarray) -> tuple[float, float]:
    """(share of changed pixels, mean difference) between two RGB pictures of one size."""
    d = np.abs(rendered[..., :3].astype(int) - stored[..., :3].astype(int)).max(axis=2)
    return float((d > CHANGED_LEVEL).mean()), float(d.mean())


def within_tolerance(rendered: np.ndarray, stored: np.ndarray) -> bool:
    changed, mean = difference(rendered, stored)
    return changed <= CHANGED_SHARE and mean <= MEAN_LEVEL


def stored(name: str) -> np.ndarray:
    path = BASELINE / f"{name}.png"
    if not path.exists():
        pytest.fail(f"no stored picture {path}; make it with --regenerate-baseline")
    return np.asarray(Image.open(path).convert("RGB"))


def check(request, tmp_path: Path, name: str, rendered: np.ndarray) -> None:
    """Compare ``rendered`` with the stored picture ``name`` (or store it, regenerating)."""
    if request.config.getoption("--regenerate-baseline"):
        BASELINE.mkdir(exist_ok=True)
        Image.fromarray(rendered[..., :3]).save(BASELINE / f"{name}.png", optimize=True)
        pytest.skip(f"stored as the new baseline: {name}.png")
    expected = stored(name)
    assert rendered.shape[:2] == expected.shape[:2], (name, rendered.shape, expected.shape)
    changed, mean = difference(rendered, expected)
    if changed > CHANGED_SHARE or mean > MEAN_LEVEL:
        Image.fromarray(rendered[..., :3]).save(tmp_path / f"{name}.png")
        d = np.abs(rendered[..., :3].astype(int) - expected.astype(int)).max(axis=2)
        Image.fromarray(np.clip(d * 4, 0, 255).astype(np.uint8)).save(tmp_path / f"{name}.diff.png")
        pytest.fail(
            f"{name}: {changed:.2%} of the pixels changed (at most {CHANGED_SHARE:.2%}), mean "
            f"difference {mean:.2f} (at most {MEAN_LEVEL}); rendered and difference pictures in "
            f"{tmp_path}"
        )


@pytest.fixture(scope="module")
def scene(content, viewer_mesh_dir):
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    scene = ModelScene(plotter, content, viewer_mesh_dir)
    yield scene
    plotter.close()


def picture(scene: ModelScene, pose) -> np.ndarray:
    scene.renderer.set_camera_pose(pose)
    scene.plotter.render()
    return np.asarray(scene.plotter.screenshot(None, return_img=True))


@pytest.fixture
def fresh(scene):
    """The scene as it starts: nothing selected, lit or see-through, labels on."""
    return fresh_scene.reset(scene)


def test_the_default_picture(request, tmp_path, content, viewer_mesh_dir):
    """What ``python -m viewer --screenshot`` draws (its own plotter, the default view)."""
    out = render_screenshot(
        tmp_path / "shot.png", SIZE, annotations=content, mesh_dir=viewer_mesh_dir
    )
    check(request, tmp_path, "default", np.asarray(Image.open(out).convert("RGB")))


@pytest.mark.parametrize("view", VIEW_NAMES)
def test_each_standard_view(request, tmp_path, fresh, view):
    check(request, tmp_path, f"view_{view}", picture(fresh, fresh.renderer.view_pose(view)))


@pytest.mark.parametrize("story", STORIES)
def test_each_story(request, tmp_path, fresh, story):
    check(request, tmp_path, f"story_{story}", picture(fresh, fresh.focus_story(story)))


@pytest.mark.parametrize("path", PATHS)
def test_each_s1_path(request, tmp_path, fresh, path):
    check(request, tmp_path, f"path_{path}", picture(fresh, fresh.focus_path(path)))


def test_the_baseline_holds_one_picture_per_subject_and_nothing_else():
    names = {
        "default",
        *(f"view_{v}" for v in VIEW_NAMES),
        *(f"story_{s}" for s in STORIES),
        *(f"path_{p}" for p in PATHS),
    }
    assert {p.stem for p in BASELINE.glob("*.png")} == names


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda st: st.hide(["sciatic_nerve_left"]), id="the left sciatic nerve hidden"
        ),
        pytest.param(lambda st: st.select("piriformis_left"), id="the left piriformis selected"),
        pytest.param(lambda st: st.set_labels(False), id="no labels"),
    ],
)
def test_the_comparison_catches_a_change(fresh, change):
    """The same viewpoint as the stored default view, one thing changed: out of tolerance."""
    pose = fresh.renderer.view_pose(DEFAULT_VIEW)
    expected = stored(f"view_{DEFAULT_VIEW}")
    assert within_tolerance(picture(fresh, pose), expected)
    change(fresh.state)
    assert not within_tolerance(picture(fresh, pose), expected)
