"""Shared test set-up: Qt settings in a temporary place, where the viewer's meshes come from, and
the stored pictures of the image-regression tests.

``pytest --mesh-dir DIR`` runs the viewer tests against another mesh folder (default: the bundled
meshes plus the derived bones, as the app finds them). ``pytest --regenerate-baseline
tests/render/test_pictures.py`` renders the pictures again and stores them as the new baseline.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bare `pytest` (not `python -m pytest`) must still find viewer/
    sys.path.insert(0, str(ROOT))


def pytest_addoption(parser):
    parser.addoption(
        "--mesh-dir",
        default=None,
        help="mesh folder for the viewer tests (default: the bundled meshes)",
    )
    parser.addoption(
        "--regenerate-baseline",
        action="store_true",
        default=False,
        help="store the pictures the image-regression tests render as their new baseline",
    )


@pytest.fixture(scope="session", autouse=True)
def _temporary_qt_settings(tmp_path_factory):
    """The app's QSettings (window layout, last view) go to a temporary folder, never ~/.config."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover - Qt is a dependency
        yield None
        return
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(scope="session")
def viewer_mesh_dir(request) -> Path | None:
    """The mesh folder the viewer tests load (None: the bundled one), checked to hold the whole
    model: every structure's surface and every nerve's centreline. The viewer tests then name
    structures without asking whether they are there: a missing one fails here, never passes."""
    from viewer.anatomy.structures import STRUCTURES
    from viewer.render.meshes import centerline_file, surface_file

    option = request.config.getoption("--mesh-dir")
    folder = Path(option) if option else None
    missing = [s.id for s in STRUCTURES if not surface_file(s.id, folder).exists()]
    missing += [
        f"{s.id} (centreline)"
        for s in STRUCTURES
        if s.centerline and not centerline_file(s.id, folder).exists()
    ]
    if missing:
        pytest.fail(
            f"no mesh for {', '.join(missing)}; build them with "
            "`python -m viewer.anatomy build` (or pass --mesh-dir)"
        )
    return folder


@pytest.fixture(scope="session")
def content():
    from viewer.content import load_annotations

    return load_annotations()


def visible_surface_point(
    plotter,
    mesh,
    tries: int = 400,
    avoid=None,
    clearance: float = 3.0,
    depth_tolerance: float = 2.0,
):
    """A display point (VTK pixels, origin bottom-left) where ``mesh``'s surface is the nearest
    opaque thing drawn: a vertex facing the camera whose depth matches the depth buffer around it,
    at least ``clearance`` mm from the ``avoid`` points (other structures it touches), the depth
    buffer within ``depth_tolerance`` mm of the vertex's depth. None if the mesh is hidden from
    this viewpoint."""
    import numpy as np
    from scipy.spatial import cKDTree

    ren = plotter.renderer
    depth = plotter.get_image_depth(fill_value=np.inf)  # eye-space z per pixel, row 0 at the top
    cam = ren.GetActiveCamera()
    eye = np.asarray(cam.GetPosition())
    ahead = np.subtract(cam.GetFocalPoint(), eye)
    ahead /= np.linalg.norm(ahead)
    pts = np.asarray(mesh.points)
    normals = np.asarray(
        mesh.point_data["Normals"] if "Normals" in mesh.point_data else mesh.point_normals
    )
    to_eye = eye - pts
    to_eye /= np.linalg.norm(to_eye, axis=1)[:, None]
    facing = np.einsum("ij,ij->i", normals, to_eye)
    if avoid is not None and len(avoid):
        near, _ = cKDTree(np.asarray(avoid)).query(pts, distance_upper_bound=clearance)
        facing = np.where(np.isfinite(near), -1.0, facing)  # touching another structure
    h, w = depth.shape
    step = max(1, int(np.sum(facing > 0.5)) // tries)
    for i in np.argsort(-facing)[::step]:
        if facing[i] < 0.5:
            break
        ren.SetWorldPoint(*pts[i], 1.0)
        ren.WorldToDisplay()
        x, y, _ = ren.GetDisplayPoint()
        xi, yi = int(round(x)), int(round(y))
        if not (5 <= xi < w - 5 and 5 <= yi < h - 5):
            continue
        z = -float(np.dot(pts[i] - eye, ahead))
        around = depth[h - 1 - yi - 1 : h - 1 - yi + 2, xi - 1 : xi + 2]
        if np.all(np.abs(around - z) < depth_tolerance):  # this surface is in front around it
            return xi, yi
    return None


def others(meshes, sid):
    """The points of every mesh but ``sid``'s: what a test click must keep clear of."""
    import numpy as np

    return np.vstack([np.asarray(m.points) for k, m in meshes.items() if k != sid])


@pytest.fixture(scope="session")
def surface_point():
    """``surface_point(plotter, meshes, sid)``: see :func:`visible_surface_point`."""
    return lambda plotter, meshes, sid: visible_surface_point(
        plotter, meshes[sid], avoid=others(meshes, sid)
    )
