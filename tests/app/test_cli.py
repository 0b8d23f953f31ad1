"""The command line: ``python -m viewer`` without a display, ``--screenshot`` without X."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(args, mesh_dir=None, display=False, timeout=120):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    if display and "DISPLAY" in os.environ:
        env["DISPLAY"] = os.environ["DISPLAY"]
    if mesh_dir is not None:
        args = [*args, "--meshes", str(mesh_dir)]
    return subprocess.run(
        [sys.executable, "-m", "viewer", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_without_a_display_it_says_so_in_one_line_and_suggests_screenshot():
    out = run([])
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "display" in lines[0] and "--screenshot" in lines[0]
    assert "Traceback" not in out.stderr


def test_screenshot_renders_without_x(tmp_path, viewer_mesh_dir):
    import pyvista as pv

    png = tmp_path / "shot.png"
    out = run(
        [
            "--screenshot",
            str(png),
            "--size",
            "640x400",
            "--view",
            "posterior",
            "--select",
            "piriformis_left",
        ],
        viewer_mesh_dir,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and "WARN" not in out.stderr
    img = pv.read(png)
    assert img.dimensions[:2] == (640, 400)
    rgb = np.asarray(img.point_data.active_scalars)[:, :3].astype(int)
    # the selection's amber tint is on screen
    amberish = (rgb[:, 0] > 200) & (rgb[:, 1] > 120) & (rgb[:, 2] < 90)
    assert amberish.sum() > 50


@pytest.mark.parametrize(
    "args, word",
    [(["--select", "no_such_structure"], "no_such_structure"), (["--size", "huge"], "size")],
)
def test_bad_arguments_fail_with_a_message_not_a_traceback(tmp_path, viewer_mesh_dir, args, word):
    out = run(["--screenshot", str(tmp_path / "x.png"), *args], viewer_mesh_dir)
    assert out.returncode != 0
    assert word in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize(
    "args", [["--story", "piriformis_syndrome"], ["--highlight-path", "s1_right", "--xray"]]
)
def test_screenshot_of_a_story_and_of_the_s1_path(tmp_path, viewer_mesh_dir, args):
    import pyvista as pv

    png = tmp_path / "lit.png"
    out = run(["--screenshot", str(png), "--size", "480x320", *args], viewer_mesh_dir)
    assert out.returncode == 0, out.stderr
    rgb = np.asarray(pv.read(png).point_data.active_scalars)[:, :3].astype(int)
    # the lit structures' warm glow is on screen
    assert (((rgb[:, 0] + rgb[:, 1]) / 2 - rgb[:, 2]) > 80).sum() > 30


def test_a_story_screenshot_on_either_side(tmp_path, viewer_mesh_dir):
    """``--story ID --side right`` tells the story on the right: seen from behind, its glowing
    nerve runs down the right half of the picture, and on the left with ``--side left``."""
    import pyvista as pv

    centre = {}
    for side in ("left", "right"):
        png = tmp_path / f"{side}.png"
        args = ["--screenshot", str(png), "--size", "480x320", "--no-labels"]
        out = run([*args, "--story", "s1_radiculopathy", "--side", side], viewer_mesh_dir)
        assert out.returncode == 0, out.stderr
        rgb = np.asarray(pv.read(png).point_data.active_scalars)[:, :3].astype(int)
        glow = (((rgb[:, 0] + rgb[:, 1]) / 2 - rgb[:, 2]) > 80).reshape(320, 480)
        assert glow.sum() > 30, side
        centre[side] = np.nonzero(glow)[1].mean() / 480
    assert centre["left"] < 0.5 < centre["right"], centre
    out = run(["--screenshot", str(tmp_path / "x.png"), "--side", "middle"], viewer_mesh_dir)
    assert out.returncode != 0 and "side" in out.stderr and "Traceback" not in out.stderr


#: what only building meshes needs: a picture's start-up must not pay for importing them
BUILD_ONLY_LIBRARIES = ("trimesh", "scipy", "skimage", "networkx")


def test_a_picture_never_imports_the_mesh_builders_libraries(tmp_path, viewer_mesh_dir):
    png = tmp_path / "shot.png"
    args = ["--screenshot", str(png), "--size", "160x100", "--story", "piriformis_syndrome"]
    if viewer_mesh_dir is not None:
        args += ["--meshes", str(viewer_mesh_dir)]
    code = (
        "import sys, contextlib, io\n"
        "from viewer.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main({args!r})\n"
        f"print(rc, *sorted(m for m in {BUILD_ONLY_LIBRARIES!r} if m in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0 and png.exists(), out.stdout + out.stderr
    # the picture was drawn, and nothing but its status is printed: no builder library loaded
    assert out.stdout.split() == ["0"], out.stdout


def test_the_window_starts_without_the_mesh_builders_libraries(tmp_path, viewer_mesh_dir):
    if not os.environ.get("DISPLAY"):
        pytest.skip("the window needs X (the suite runs under Xvfb)")
    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings, QTimer\n"
        "QSettings.setDefaultFormat(QSettings.Format.IniFormat)\n"
        f"QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(tmp_path)!r})\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(sys.argv[:1])\n"
        "from viewer.app.main_window import MainWindow\n"
        f"w = MainWindow(mesh_dir={None if viewer_mesh_dir is None else str(viewer_mesh_dir)!r})\n"
        "w.show()\n"
        "QTimer.singleShot(300, app.quit)\n"
        "app.exec()\n"
        f"loaded = sorted(m for m in {BUILD_ONLY_LIBRARIES!r} if m in sys.modules)\n"
        "print(len(w.scene.renderer.actors), *loaded)\n"
        "w.close()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    # the model is in the window, and no builder library was loaded for it
    count, *loaded = out.stdout.split()
    assert int(count) > 40 and loaded == [], out.stdout
