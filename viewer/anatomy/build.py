"""Builds every structure and writes its mesh (and a nerve's centreline) where
:mod:`viewer.locations` says a structure's files live.

Builders run in a fixed order (bones before the soft tissue that attaches to them); each one is a
function ``build(ctx) -> dict[str, Built]`` and can read what earlier builders made through ``ctx``.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import trimesh

from .. import locations
from . import meshio, perturbation
from .structures import BY_ID


@dataclass
class Built:
    """One structure as built: its mesh, a nerve's centreline, and for the skin each vertex's
    index in the body surface it was cut from (MakeHuman base.obj; -1 on cuts and caps)."""

    mesh: trimesh.Trimesh
    centerline: np.ndarray | None = None
    vertex_index: np.ndarray | None = None


@dataclass
class BuildContext:
    """What earlier builders produced: meshes, centrelines and named landmarks (model frame, mm)."""

    built: dict[str, Built] = field(default_factory=dict)
    landmarks: dict[str, np.ndarray] = field(default_factory=dict)

    def mesh(self, structure_id: str) -> trimesh.Trimesh:
        return self.built[structure_id].mesh

    def centerline(self, structure_id: str) -> np.ndarray:
        cl = self.built[structure_id].centerline
        if cl is None:
            raise KeyError(f"{structure_id} has no centreline")
        return cl


#: (module in viewer.anatomy, function): in build order.
BUILDERS: tuple[tuple[str, str], ...] = (
    ("pelvis", "build"),  # s1_segment, sacrum_lower, hip bones, femurs (derived)
    ("vertebra", "build"),  # l5_vertebra, placed on S1 across the disc
    ("disc", "build"),  # l5_s1_disc_annulus, l5_s1_disc_nucleus
    ("facet_joints", "build"),  # facet_joint_left/right
    ("sacroiliac_joints", "build"),  # sacroiliac_joint_left/right
    ("ligaments", "build"),
    ("muscles", "build"),  # psoas, piriformis (+ piriformis_spasm)
    ("back_muscles", "build"),  # multifidus, erector spinae
    ("iliacus", "build"),  # iliacus, beside psoas (iliopsoas)
    ("nerves", "build"),  # dural sac, L5/S1 roots, sciatic nerves (+ centrelines)
    ("skin", "build"),
    ("conditions", "build"),  # herniation, spur, SI inflammation, pain areas
)


def _builder(module: str, func: str) -> Callable[[BuildContext], dict[str, Built]] | None:
    try:
        mod = importlib.import_module(f"{__package__}.{module}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__package__}.{module}":
            return None
        raise
    return getattr(mod, func)


def build_all(
    progress: Callable[[str], None] | None = None,
    derived_only: bool = False,
    builders: Collection[str] | None = None,
) -> BuildContext:
    """Run the builders in order and return the context holding what they built.

    Parameters
    ----------
    progress
        Called with one line per builder (its name, structure count and time).
    derived_only
        Stop as soon as every derived structure exists (they are built first).
    builders
        Only these builders (module names of :data:`BUILDERS`, run in build order; each needs
        the ones it reads from among them). All of them by default.
    """
    ctx = BuildContext()
    derived_ids = {s.id for s in BY_ID.values() if s.derived}
    if builders is not None and (unknown := set(builders) - {m for m, _ in BUILDERS}):
        raise KeyError(f"no such builders: {sorted(unknown)}")
    for module, func in BUILDERS:
        if derived_only and derived_ids <= ctx.built.keys():
            break
        if builders is not None and module not in builders:
            continue
        fn = _builder(module, func)
        if fn is None:
            continue
        t0 = time.perf_counter()
        before = set(ctx.landmarks)
        out = fn(ctx)
        for sid, built in out.items():
            if sid not in BY_ID:
                raise KeyError(f"builder {module} made unknown structure {sid!r}")
            ctx.built[sid] = _handed_on(built)
        for name in sorted(set(ctx.landmarks) - before):
            ctx.landmarks[name] = perturbation.array(ctx.landmarks[name])
        if progress:
            progress(f"{module:<10} {len(out):2d} structures  {time.perf_counter() - t0:5.1f} s")
    return ctx


def _handed_on(built: Built) -> Built:
    """What the next builders see: ``built`` itself, or, under a simulated other machine
    (:mod:`viewer.anatomy.perturbation`), a copy whose numbers differ in their last bits."""
    if perturbation.active() is None:
        return built
    mesh = trimesh.Trimesh(perturbation.array(built.mesh.vertices), built.mesh.faces, process=False)
    mesh.vertex_attributes.update(built.mesh.vertex_attributes)  # section caps
    line = None if built.centerline is None else perturbation.array(built.centerline)
    return Built(mesh, line, built.vertex_index)


def write(ctx: BuildContext, out_dir: Path, derived: bool | None = None) -> list[Path]:
    """Write the built structures; ``derived`` True/False writes only that kind, None both."""
    written = []
    for sid, built in sorted(ctx.built.items()):
        spec = BY_ID[sid]
        if derived is not None and spec.derived != derived:
            continue
        path = locations.mesh_path(out_dir, sid)
        meshio.write_mesh(built.mesh, path)
        written.append(path)
        if built.centerline is not None:
            meshio.write_centerline(built.centerline, locations.centerline_path(out_dir, sid))
        if built.vertex_index is not None:
            index_path = path.with_name(sid + locations.BASE_INDEX_SUFFIX)
            meshio.write_atomic(index_path, meshio.index_bytes(built.vertex_index))
    return written
