"""Remake ``meshes/skin.base_index.npy``: for every vertex of ``meshes/skin.ply``, its index in
the MakeHuman hm08 ``base.obj`` (-1 where the skin's vertex was made by subdivision, a cut or a
cap). The pain explorer finds a painted skin vertex's zone through it (``pain_zones`` in
``annotations.json`` stores base.obj indices, which stay valid when the skin is rebuilt).

It rebuilds the bones and muscles the skin is registered to (about 2 minutes), makes the skin
with :func:`viewer.anatomy.skin.skin_with_index`, checks that it is the committed skin (every
vertex within 1e-3 mm) and writes the index in the committed skin's vertex order::

    python scripts/skin_base_index.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from scipy.spatial import cKDTree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from viewer import locations  # noqa: E402
from viewer.anatomy import meshio, skin  # noqa: E402
from viewer.anatomy.build import build_all  # noqa: E402

#: the builders the skin reads (bones, disc and muscles)
NEEDED = ["pelvis", "vertebra", "disc", "facet_joints", "sacroiliac_joints", "muscles"]
#: how far a rebuilt skin vertex may lie from the committed one (mm)
TOLERANCE_MM = 1e-3


def main() -> int:
    ctx = build_all(progress=print, builders=NEEDED)
    built, index = skin.skin_with_index(ctx)
    committed = meshio.read_mesh(locations.mesh_file("skin"))
    dist, nearest = cKDTree(np.asarray(built.vertices)).query(np.asarray(committed.vertices))
    if dist.max() > TOLERANCE_MM:
        print(f"skin_base_index: the rebuilt skin differs by {dist.max():.4f} mm", file=sys.stderr)
        return 1
    out = locations.mesh_path(ROOT / "meshes", "skin").with_suffix("")
    path = out.with_name(out.name + locations.BASE_INDEX_SUFFIX)
    np.save(path, index[nearest].astype(np.int32))
    print(f"{path}: {int((index[nearest] >= 0).sum())} of {len(nearest)} vertices indexed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
