"""The contact sheet: every structure rendered off-screen from standard views on one image, with the
real mean reference bones beside ours where the project's shared folder is present.

``python -m viewer.anatomy sheet OUT.png``
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .. import locations
from ..anatomy import meshio
from ..anatomy.structures import STRUCTURES

REFERENCE_DIR = locations.PACKAGE_DIR.parent.parent / "shared" / "reference" / "meshes"

# Camera directions (from focal point towards the camera) and view-up, model frame (RAS).
VIEWS = {
    "anterior": ((0, 1, 0), (0, 0, 1)),
    "left": ((-1, 0, 0), (0, 0, 1)),
    "posterior": ((0, -1, 0), (0, 0, 1)),
    "superior": ((0, 0, 1), (0, 1, 0)),
}

# Reference meshes: file, and the same four view directions in the reference's own frame.
_CLOUTHIER = {
    "anterior": ((1, 0, 0), (0, 0, 1)),
    "left": ((0, 1, 0), (0, 0, 1)),
    "posterior": ((-1, 0, 0), (0, 0, 1)),
    "superior": ((0, 0, 1), (1, 0, 0)),
}
_LPS = {
    "anterior": ((0, -1, 0), (0, 0, 1)),
    "left": ((1, 0, 0), (0, 0, 1)),
    "posterior": ((0, 1, 0), (0, 0, 1)),
    "superior": ((0, 0, 1), (0, -1, 0)),
}
REFERENCES = {
    "l5_vertebra": ("l5_mean_clouthier2023.ply", _CLOUTHIER),
    "s1_segment": ("sacrum_mean_llp26.ply", _LPS),
    "hip_bone_left": ("hip_bone_left_mean_llp26.ply", _LPS),
    "femur_left": ("femur_left_mean_llp26.ply", _LPS),
}

TILE = 260
CONTEXT = ("l5_vertebra", "s1_segment", "sacrum_lower", "hip_bone_left", "hip_bone_right")


def _colours() -> dict[str, str]:
    try:
        from ..content import load_annotations

        ann = load_annotations()
        return {s.id: s.colour for s in ann.structures.values()}
    except Exception:  # the sheet is a modelling tool: it still draws without content
        return {}


def _place_camera(plotter, bounds, direction, up):
    d = np.asarray(direction, float)
    c = np.array(
        [(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2, (bounds[4] + bounds[5]) / 2]
    )
    size = max(bounds[1] - bounds[0], bounds[3] - bounds[2], bounds[5] - bounds[4])
    plotter.camera.focal_point = c
    plotter.camera.position = c + d * size * 3
    plotter.camera.up = up
    plotter.camera.parallel_projection = True
    plotter.camera.parallel_scale = size * 0.55


def render_contact_sheet(out: Path, mesh_dir: Path | None = None) -> Path:
    import pyvista as pv

    def load(sid):
        path = (Path(mesh_dir) / f"{sid}.ply") if mesh_dir else locations.mesh_file(sid)
        return pv.wrap(meshio.read_mesh(path)) if path.exists() else None

    colours = _colours()
    meshes = {s.id: load(s.id) for s in STRUCTURES}
    context = [meshes[c] for c in CONTEXT if meshes.get(c) is not None]
    rows = []  # (title, mesh, colour, views, own-frame view set, with context)
    for spec in STRUCTURES:
        if spec.side == "right" or meshes.get(spec.id) is None:
            continue  # one of each pair: the mirror test covers the other side
        rows.append(
            (
                spec.id,
                meshes[spec.id],
                colours.get(spec.id, "#dddddd"),
                VIEWS,
                spec.group != "bones",
            )
        )
        if spec.id in REFERENCES and REFERENCE_DIR.is_dir():
            fname, frame_views = REFERENCES[spec.id]
            ref = pv.read(REFERENCE_DIR / fname)
            rows.append((f"reference: {fname}", ref, "#c8c0a8", frame_views, False))
    ncols = len(VIEWS)
    pl = pv.Plotter(
        off_screen=True,
        shape=(len(rows), ncols),
        border=False,
        window_size=(TILE * ncols, TILE * len(rows)),
    )
    for r, (title, mesh, colour, views, with_context) in enumerate(rows):
        for c, name in enumerate(VIEWS):
            pl.subplot(r, c)
            pl.set_background("#f4f4f2")
            if with_context:
                for m in context:
                    pl.add_mesh(m, color="#e8e2d0", opacity=0.25, smooth_shading=True)
            pl.add_mesh(mesh, color=colour, smooth_shading=True, specular=0.2)
            direction, up = views[name]
            _place_camera(pl, mesh.bounds if not with_context else mesh.bounds, direction, up)
            label = f"{title} — {name}" if c == 0 else name
            pl.add_text(label, font_size=8, color="black", position="upper_left")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    pl.screenshot(str(out))
    pl.close()
    return out
