"""The contact sheet: every structure rendered off-screen from standard views on one image, with the
real mean reference bones beside ours where the project's shared folder is present.

``python -m viewer.render.contact_sheet OUT.png [--meshes DIR]`` (or ``make sheet``)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .. import locations
from ..anatomy import meshio
from ..anatomy.structures import STRUCTURES
from ..vocabulary import VIEW_DIRECTIONS, ViewName

REFERENCE_DIR = locations.PACKAGE_DIR.parent.parent / "shared" / "reference" / "meshes"

Direction = tuple[tuple[float, float, float], tuple[float, float, float]]

#: the sheet's columns: four of the standard views (direction to the eye, view-up; model frame)
SHEET_VIEWS: tuple[ViewName, ...] = ("anterior", "left", "posterior", "superior")
VIEWS: dict[str, Direction] = {name: VIEW_DIRECTIONS[name] for name in SHEET_VIEWS}

# Reference meshes: file, and the same four view directions in the reference's own frame.
_CLOUTHIER: dict[str, Direction] = {
    "anterior": ((1, 0, 0), (0, 0, 1)),
    "left": ((0, 1, 0), (0, 0, 1)),
    "posterior": ((-1, 0, 0), (0, 0, 1)),
    "superior": ((0, 0, 1), (1, 0, 0)),
}
_LPS: dict[str, Direction] = {
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
    """Render every structure (one of each left/right pair) from :data:`SHEET_VIEWS` to ``out``.

    Parameters
    ----------
    out
        The PNG file to write (its folder is made).
    mesh_dir
        Where the meshes are; by default the bundled folder, then the user's (derived bones).

    Returns
    -------
    Path
        ``out``.
    """
    import pyvista as pv

    def load(sid: str) -> Any:
        path = locations.mesh_path(mesh_dir, sid) if mesh_dir else locations.mesh_file(sid)
        return pv.wrap(meshio.read_mesh(path)) if path.exists() else None

    colours = _colours()
    meshes = {s.id: load(s.id) for s in STRUCTURES}
    context = [meshes[c] for c in CONTEXT if meshes.get(c) is not None]
    # (title, mesh, colour, views, with context)
    rows: list[tuple[str, Any, str, Mapping[str, Direction], bool]] = []
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
        window_size=[TILE * ncols, TILE * len(rows)],
    )
    for r, (title, mesh, colour, views, with_context) in enumerate(rows):
        for c, name in enumerate(VIEWS):
            pl.subplot(r, c)
            pl.renderer.set_background("#f4f4f2")
            if with_context:
                for m in context:
                    pl.add_mesh(m, color="#e8e2d0", opacity=0.25, smooth_shading=True)
            pl.add_mesh(mesh, color=colour, smooth_shading=True, specular=0.2)
            direction, up = views[name]
            _place_camera(pl, mesh.bounds, direction, up)
            label = f"{title} — {name}" if c == 0 else name
            pl.add_text(label, font_size=8, color="black", position="upper_left")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    pl.screenshot(str(out))
    pl.close()
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m viewer.render.contact_sheet OUT.png [--meshes DIR]``."""
    ap = argparse.ArgumentParser(
        prog="python -m viewer.render.contact_sheet",
        description="Render every structure of the model from four views onto one image.",
    )
    ap.add_argument("out", type=Path, help="the PNG file to write")
    ap.add_argument("--meshes", type=Path, default=None, help="folder of the meshes to draw")
    args = ap.parse_args(argv)
    render_contact_sheet(args.out, mesh_dir=args.meshes)
    print(f"[sheet] wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
