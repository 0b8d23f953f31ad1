"""Render the pictures for a blind anatomy review (issue 8's "How to know"): each structure alone,
in one neutral colour, from six views, no labels, with a 10 mm scale bar, under shuffled numbers::

    python scripts/blind_review.py OUT_DIR [--seed N] [--meshes DIR] [--ids ID ...]

writes ``OUT_DIR/structure_NN.png`` for the reviewer and ``OUT_DIR/key.json`` (number -> id) for
the one who scores; keep the key out of the reviewer's sight. The reviewer names each picture from a
list that includes names not in the model and scores its realism 1-5 (5: commercial atlas).

Views, in two rows: anterior, from the patient's left, posterior; superior (anterior at the top),
oblique front-left-above, oblique behind-right-below. Off-screen (EGL): no display needed.

Each structure is drawn and lit as the app draws it (:class:`viewer.render.scene_renderer.
ModelScene`): the mesh file's own normals, Phong shading, the app's plain lighting
(:data:`viewer.scene.appearance.PLAIN`: ambient, diffuse, specular) and specular power, its section
caps in the lighter cut colour, under the light kit that follows each view's camera (pyvista's
default, the app's too). (Before stop 46 it was drawn with pyvista's defaults: no ambient light,
so a face turned down from the key light above the camera, the lordotic front of the anterior
longitudinal ligament in the anterior view, rendered near black where the app shows it lit.)
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

from vtkmodules.vtkRenderingCore import vtkActor  # noqa: E402

from viewer import locations  # noqa: E402
from viewer.render import colours  # noqa: E402
from viewer.render.level_of_detail import surface_mapper  # noqa: E402
from viewer.render.meshes import read_surface  # noqa: E402
from viewer.render.scene_renderer import SPECULAR_POWER  # noqa: E402
from viewer.render.section_caps import CAP_OFFSET, cap_surface  # noqa: E402
from viewer.scene.appearance import PLAIN  # noqa: E402

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


def _actor(surface: pv.PolyData, colour, specular: float, offset: bool = False) -> vtkActor:
    """``surface`` as the app draws a structure: its own normals, Phong-shaded, the app's plain
    lighting with ``specular``; ``offset``: drawn over the coincident faces (a section cap)."""
    mapper = surface_mapper(surface)
    if offset:
        mapper.SetResolveCoincidentTopologyToPolygonOffset()
        mapper.SetRelativeCoincidentTopologyPolygonOffsetParameters(*CAP_OFFSET)
    actor = vtkActor()
    actor.SetMapper(mapper)
    prop = actor.GetProperty()
    prop.SetInterpolationToPhong()
    prop.SetColor(*colour)
    ambient, diffuse, _ = PLAIN
    prop.SetAmbient(ambient)
    prop.SetDiffuse(diffuse)
    prop.SetSpecular(specular)
    prop.SetSpecularPower(SPECULAR_POWER)
    return actor


def _add_structure(plotter: pv.Plotter, mesh: pv.PolyData) -> None:
    """``mesh`` in :data:`NEUTRAL` and its section caps in the cut shade of it, as the app
    draws them (a cap's specular halved: a cut face is matt)."""
    if mesh.point_data.active_normals is None:
        mesh.point_data.set_array(mesh.point_normals, "Normals")
        mesh.point_data.active_normals_name = "Normals"
    plotter.renderer.AddActor(_actor(mesh, NEUTRAL, PLAIN[2]))
    caps = cap_surface(mesh)
    if caps is not None:
        cut = colours.cut_colour(NEUTRAL)
        plotter.renderer.AddActor(_actor(caps, cut, 0.5 * PLAIN[2], offset=True))


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
            _add_structure(plotter, mesh)
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
        mesh = read_surface(locations.mesh_path(args.meshes, sid))
        render(mesh, args.out / f"structure_{number:02d}.png")
        key[f"{number:02d}"] = sid
    (args.out / "key.json").write_text(json.dumps(key, indent=1))
    print(f"[blind] {len(key)} pictures in {args.out}; the key is key.json (keep it hidden)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
