"""Render the pictures for a blind anatomy review (issue 8's "How to know"): each structure alone,
in one neutral colour, from six views, no labels, with a 10 mm scale bar, under shuffled numbers::

    python scripts/blind_review.py OUT_DIR [--seed N] [--meshes DIR] [--ids ID ...]

writes ``OUT_DIR/structure_NN.png`` for the reviewer and ``OUT_DIR/key.json`` (number -> id) for
the one who scores; keep the key out of the reviewer's sight. The reviewer names each picture from a
list that includes names not in the model and scores its realism 1-5 (5: commercial atlas).

Views, in two rows: anterior, from the patient's left, posterior; superior (anterior at the top),
oblique front-left-above, oblique behind-right-below. Off-screen (EGL): no display needed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
import pyvista as pv

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from viewer import locations  # noqa: E402
from viewer.anatomy import meshio  # noqa: E402

#: one of each kind, the left one where paired (the set scored since stop 20)
DEFAULT_IDS = (
    "l5_vertebra",
    "s1_segment",
    "sacrum_lower",
    "hip_bone_left",
    "femur_left",
    "l5_s1_disc_annulus",
    "l5_s1_disc_nucleus",
    "facet_joint_left",
    "sacroiliac_joint_left",
    "anterior_longitudinal_ligament",
    "posterior_longitudinal_ligament",
    "ligamentum_flavum_left",
    "interspinous_ligament",
    "supraspinous_ligament",
    "iliolumbar_ligament_left",
    "psoas_major_left",
    "iliacus_left",
    "piriformis_left",
    "multifidus_left",
    "erector_spinae_left",
    "dural_sac",
    "l5_nerve_root_left",
    "s1_nerve_root_left",
    "sciatic_nerve_left",
)

#: (direction to the eye, view-up), model frame: +x right, +y anterior, +z superior
VIEWS = (
    ((0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    ((-1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
    ((0.0, -1.0, 0.0), (0.0, 0.0, 1.0)),
    ((0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),
    ((-0.6, 0.5, 0.6), (0.0, 0.0, 1.0)),
    ((0.6, -0.6, -0.4), (0.0, 0.0, 1.0)),
)
NEUTRAL = (0.82, 0.80, 0.76)
SCALE_MM = 10.0


def _scale_bar(plotter: pv.Plotter, mesh: pv.PolyData, eye: np.ndarray, up: np.ndarray) -> None:
    """A 10 mm bar below the structure, square to the line of sight, in dark grey."""
    right = np.cross(-eye, up)
    right /= np.linalg.norm(right)
    size = mesh.length
    start = np.asarray(mesh.center) - up * 0.55 * size - right * 0.45 * size
    bar = pv.Line(start, start + right * SCALE_MM)
    plotter.add_mesh(bar, color="#333333", line_width=6)


def render(mesh: pv.PolyData, out: Path) -> None:
    """``mesh`` alone from the six :data:`VIEWS`, each filling its tile, into ``out``."""
    plotter = pv.Plotter(off_screen=True, shape=(2, 3), window_size=(1500, 1000), border=False)
    try:
        for i, (eye_dir, up_dir) in enumerate(VIEWS):
            plotter.subplot(i // 3, i % 3)
            plotter.set_background("white")
            plotter.add_mesh(mesh, color=NEUTRAL, smooth_shading=True, specular=0.3)
            eye = np.asarray(eye_dir) / np.linalg.norm(eye_dir)
            up = np.asarray(up_dir, dtype=float)
            up = up - eye * float(up @ eye)
            up /= np.linalg.norm(up)
            _scale_bar(plotter, mesh, eye, up)
            centre = np.asarray(mesh.center)
            plotter.camera.focal_point = centre
            plotter.camera.position = centre + eye * mesh.length * 3.0
            plotter.camera.up = up
            plotter.reset_camera()
        plotter.screenshot(str(out))
    finally:
        plotter.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--meshes", type=Path, default=ROOT / "meshes")
    parser.add_argument("--ids", nargs="+", default=list(DEFAULT_IDS))
    args = parser.parse_args(argv)
    order = list(args.ids)
    random.Random(args.seed).shuffle(order)
    args.out.mkdir(parents=True, exist_ok=True)
    key = {}
    for number, sid in enumerate(order, 1):
        mesh = pv.wrap(meshio.read_mesh(locations.mesh_path(args.meshes, sid)))
        render(mesh, args.out / f"structure_{number:02d}.png")
        key[f"{number:02d}"] = sid
    (args.out / "key.json").write_text(json.dumps(key, indent=1))
    print(f"[blind] {len(key)} pictures in {args.out}; the key is key.json (keep it hidden)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
