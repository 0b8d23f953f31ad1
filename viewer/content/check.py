"""``python -m viewer --check [--annotations FILE] [--meshes DIR]``: content and meshes together.

Prints each problem with its place (``file:line:col`` for a JSON syntax error, the JSON path for a
schema error, the id for a missing mesh or centreline or an unknown id), one line each and the
same lines the app reports for the same file, and exits non-zero when there is any. It never ends
in a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import locations
from ..anatomy.mesh_validation import MeshFileError, read_centerline_checked, read_ply
from ..anatomy.structures import STRUCTURES
from .loader import Problem, content_problems


def _mesh_file(structure_id: str, what: str, mesh_dir: Path | None) -> Path:
    """The mesh or centreline file of a structure, in ``mesh_dir`` or where the app looks."""
    if mesh_dir is None:
        suffix = locations.MESH_SUFFIX if what == "mesh" else locations.CENTERLINE_SUFFIX
        return locations.mesh_file(structure_id, suffix)
    if what == "mesh":
        return locations.mesh_path(mesh_dir, structure_id)
    return locations.centerline_path(mesh_dir, structure_id)


def mesh_problems(mesh_dir: Path | None) -> list[Problem]:
    """A problem for every structure whose mesh (or nerve centreline) file is missing, empty or
    damaged: each file is read by the checked reader the app uses, so ``--check`` and the app
    refuse the same files for the same one-line reasons.

    ``mesh_dir`` None looks where the app looks: the bundled folder, then the user folder.
    """
    problems = []
    if mesh_dir is not None and not mesh_dir.is_dir():
        return [Problem(str(mesh_dir), "mesh folder not found")]
    for spec in STRUCTURES:
        for what in ["mesh", "centreline"] if spec.centerline else ["mesh"]:
            f = _mesh_file(spec.id, what, mesh_dir)
            try:
                read_ply(f) if what == "mesh" else read_centerline_checked(f)
            except MeshFileError as exc:
                hint = ""
                if exc.reason == "missing":
                    hint = (
                        " (derived bone: run `python -m viewer.anatomy build --derived-only`)"
                        if spec.derived
                        else " (run `python -m viewer.anatomy build`)"
                    )
                problems.append(
                    Problem(f"structure {spec.id}", f"{what} file {exc.reason}: {f}{hint}")
                )
    return problems


def run_check(
    annotations_path: str | Path | None = None, mesh_dir: str | Path | None = None
) -> list[Problem]:
    """Every problem of the annotations file (as the app reports it when it opens the file) and
    of the mesh folder, in that order."""
    problems = content_problems(annotations_path)
    return problems + mesh_problems(Path(mesh_dir) if mesh_dir is not None else None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m viewer --check",
        description="Check the annotations and the meshes together.",
    )
    ap.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument(
        "--annotations",
        type=Path,
        default=None,
        help="annotations file (default: the bundled annotations.json)",
    )
    ap.add_argument(
        "--meshes",
        type=Path,
        default=None,
        help="mesh folder (default: the bundled and the user mesh folders)",
    )
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage
        return int(exc.code or 0)
    try:
        problems = run_check(args.annotations, args.meshes)
    except Exception as exc:  # a bug must still end in a message, not a traceback
        print(f"check failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print("content and meshes OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
