"""What every shipped mesh must be, whoever built it and wherever: the checks the committed meshes
(test_plausibility.py) and a fresh rebuild (test_rebuild.py) both pass."""

from __future__ import annotations

import trimesh

from viewer.anatomy.structures import StructureSpec


def problems(mesh: trimesh.Trimesh, spec: StructureSpec) -> list[str]:
    """What is wrong with ``mesh`` as the surface of ``spec``: nothing for a closed, consistently
    wound, outward surface, in one connected piece where the structure is one piece."""
    found = []
    if len(mesh.faces) == 0:
        return [f"{spec.id} has no triangles"]
    if not mesh.is_watertight:
        found.append(f"{spec.id} has open edges")
    if not mesh.is_winding_consistent:
        found.append(f"{spec.id} has inconsistent winding")
    if mesh.is_watertight and mesh.volume <= 0:
        found.append(f"{spec.id} is inside out")
    if spec.one_piece and mesh.body_count != 1:
        found.append(f"{spec.id} is in {mesh.body_count} pieces")
    return found
