"""``python -m viewer.anatomy build [--out DIR] [--derived-only] [--if-missing]``

Builds the model's meshes (the contact sheet of them is drawn by the renderer:
``python -m viewer.render.contact_sheet OUT.png``)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .. import locations
from .derived_landmarks import record_landmarks
from .mesh_validation import record_derivation, unusable_derived_meshes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m viewer.anatomy", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build the meshes into meshes/ (or --out)")
    b.add_argument("--out", type=Path, default=None)
    b.add_argument(
        "--derived-only",
        action="store_true",
        help="only the bones derived from the musculoskeletal-models package",
    )
    b.add_argument(
        "--if-missing",
        action="store_true",
        help="do nothing when every derived mesh is there and sound",
    )
    args = ap.parse_args(argv)

    if args.cmd == "build":
        from .build import build_all, write

        out = args.out or (
            locations.derived_mesh_dir() if args.derived_only else locations.bundled_mesh_dir()
        )
        if args.if_missing:
            unusable = unusable_derived_meshes(args.out)
            if not unusable:
                return 0
            for sid, why in unusable.items():
                print(f"[build] {sid}: {why}: rebuilding", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        print(
            f"[build] building {'derived bones' if args.derived_only else 'all structures'} "
            f"into {out}",
            file=sys.stderr,
            flush=True,
        )
        ctx = build_all(
            progress=lambda m: print(f"[build] {m}", file=sys.stderr, flush=True),
            derived_only=args.derived_only,
        )
        files = write(ctx, out, derived=True if args.derived_only else None)
        from . import pelvis  # (its bones derived by the build above: cached in this process)

        record_landmarks(out, pelvis.landmarks(), pelvis.lower_sacral_foramina())
        record_derivation(out)
        faces = sum(len(b.mesh.faces) for b in ctx.built.values())
        print(
            f"[build] wrote {len(files)} meshes, {faces} triangles, "
            f"{time.perf_counter() - t0:.1f} s",
            file=sys.stderr,
            flush=True,
        )
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
