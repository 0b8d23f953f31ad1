"""``l5s1-viewer`` / ``python -m viewer``: open the viewer window, render a screenshot without a
display (``--screenshot``), or check the content (``--check``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .vocabulary import DEFAULT_VIEW, SIDES, VIEW_NAMES

PROG = "l5s1-viewer"


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1600x1000, not {text!r}") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError("width and height must be between 16 and 8192")
    return w, h


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--screenshot",
        metavar="PATH",
        type=Path,
        help="render the model off-screen to a PNG and exit (needs no display)",
    )
    ap.add_argument(
        "--size",
        metavar="WxH",
        type=_size,
        default=(1600, 1000),
        help="screenshot size in pixels (default 1600x1000)",
    )
    ap.add_argument(
        "--view", choices=VIEW_NAMES, help=f"the viewpoint (screenshot default: {DEFAULT_VIEW})"
    )
    ap.add_argument("--select", metavar="ID", help="select (highlight) a structure by id")
    ap.add_argument("--xray", action="store_true", help="bones see-through")
    ap.add_argument(
        "--story", metavar="ID", help="show a condition story (ids in annotations.json)"
    )
    ap.add_argument(
        "--highlight-path",
        metavar="ID",
        help="light the S1 nerve path of one side (ids in annotations.json: s1_left, s1_right)",
    )
    ap.add_argument(
        "--side",
        choices=SIDES,
        help="tell the story (or the S1 path) on this side of the body (default: its own)",
    )
    ap.add_argument(
        "--voice",
        choices=("student", "patient"),
        default=None,
        help="the words texts and labels speak in (default: the student's, or as last time)",
    )
    ap.add_argument("--no-labels", action="store_true", help="leave the labels out")
    ap.add_argument(
        "--patient",
        action="store_true",
        help="open in patient mode (large text, plain words, stories and the pain explorer)",
    )
    ap.add_argument(
        "--caption",
        action="store_true",
        help="screenshot: put the caption (the story's, path's or structure's title and text) "
        "under the picture",
    )
    ap.add_argument(
        "--chart",
        action="store_true",
        help="screenshot: put the body chart (where the pain is felt) beside the picture",
    )
    ap.add_argument(
        "--check", action="store_true", help="check annotations.json and the meshes, then exit"
    )
    ap.add_argument("--annotations", metavar="FILE", type=Path, help="another annotations.json")
    ap.add_argument("--meshes", metavar="DIR", type=Path, help="another mesh folder")
    return ap


def _fail(message: str, code: int = 2) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def screenshot_target_problem(path: Path) -> str | None:
    """Why the picture cannot be written to exactly ``path`` (None when it can): only a ``.png``
    name that is not a folder, a device or another special file."""
    if path.suffix.lower() != ".png":
        return f"the screenshot must be a .png file: {path}"
    if path.is_dir():
        return f"the screenshot path is a folder: {path}"
    if path.exists() and not path.is_file():
        return f"the screenshot path is not a regular file: {path}"
    return None


def meshes_folder_problem(folder: Path | None) -> str | None:
    """Why ``--meshes`` cannot be used (None when it can)."""
    if folder is not None and not folder.is_dir():
        return f"mesh folder not found: {folder}"
    return None


def has_display() -> bool:
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def missing_derived_meshes() -> list[str]:
    """The derived bones missing, empty or damaged (checked, not merely present)."""
    from .anatomy.mesh_validation import unusable_derived_meshes

    return list(unusable_derived_meshes())


def ensure_derived_meshes() -> None:
    """Build the bones derived from musculoskeletal-models when they are missing (first start),
    printing the build's progress."""
    if not missing_derived_meshes():
        return  # the usual case: nothing to import, nothing to build
    print(
        f"{PROG}: first start: building the bone meshes derived from musculoskeletal-models",
        file=sys.stderr,
        flush=True,
    )
    from .anatomy.__main__ import main as anatomy_main

    try:
        anatomy_main(["build", "--derived-only", "--if-missing"])
    except Exception as exc:  # the viewer still opens with what exists
        print(
            f"{PROG}: could not build the derived bone meshes ({exc}); they will be missing",
            file=sys.stderr,
        )


def _load_content(args):
    """The content, with bad entries left out (or the bundled content when the file cannot be
    used at all); each problem is reported on stderr with its place."""
    from .content import load_annotations_for_app

    content, problems = load_annotations_for_app(args.annotations)
    for problem in problems:
        print(f"content problem: {problem}", file=sys.stderr)
    args.content_problems = problems
    return content


def _screenshot_with_extras(args, content) -> int:
    """``--screenshot`` with ``--caption`` or ``--chart`` (drawn with Qt, offscreen)."""
    from .app.export_picture import ExportOptions, export_screenshot

    options = ExportOptions(
        args.size, labels=not args.no_labels, caption=args.caption, chart=args.chart
    )
    out = export_screenshot(
        args.screenshot,
        options,
        content,
        args.meshes,
        view=args.view or DEFAULT_VIEW,
        select=args.select,
        xray=args.xray,
        story=args.story,
        highlight_path=args.highlight_path,
        side=args.side,
        voice=args.voice or "student",
    )
    print(out)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.check:
        from .content import check

        forwarded = []
        if args.annotations:
            forwarded += ["--annotations", str(args.annotations)]
        if args.meshes:
            forwarded += ["--meshes", str(args.meshes)]
        return check.main(forwarded)
    from .content import ContentError, one_line

    if (problem := meshes_folder_problem(args.meshes)) is not None:
        return _fail(problem)
    if args.screenshot is not None:
        if (problem := screenshot_target_problem(args.screenshot)) is not None:
            return _fail(problem)
        try:
            if args.meshes is None:
                ensure_derived_meshes()
            content = _load_content(args)
            from .render.screenshot import render_screenshot

            if args.caption or args.chart:
                return _screenshot_with_extras(args, content)
            out = render_screenshot(
                args.screenshot,
                args.size,
                args.view or DEFAULT_VIEW,
                args.select,
                args.xray,
                content,
                args.meshes,
                labels=not args.no_labels,
                story=args.story,
                highlight_path=args.highlight_path,
                side=args.side,
                voice=args.voice or "student",
            )
        except ContentError as exc:
            return _fail("\n".join(f"{PROG}: {line}" for line in exc.lines())[len(PROG) + 2 :])
        except (ValueError, KeyError, OSError) as exc:
            return _fail(one_line(str(exc).strip("'\"")))
        print(out)
        return 0

    if not has_display():
        return _fail(
            "no display found (DISPLAY is not set); to render without one, use --screenshot PATH"
        )
    if args.meshes is None:
        ensure_derived_meshes()
    try:
        content = _load_content(args)
    except ContentError as exc:
        return _fail("\n".join(f"{PROG}: {line}" for line in exc.lines())[len(PROG) + 2 :])
    for name, asked, known in (
        ("story", args.story, content.stories),
        ("nerve path", args.highlight_path, content.paths),
        ("structure", args.select, content.structures),
    ):
        if asked is not None and asked not in known:
            return _fail(f"no {name} {asked!r}; one of: {', '.join(known)}")
    from .app.launcher import run

    return run(
        content,
        args.meshes,
        select=args.select,
        view=args.view,
        xray=args.xray,
        story=args.story,
        highlight_path=args.highlight_path,
        side=args.side,
        voice=args.voice,
        content_problems=args.content_problems,
        patient=args.patient,
    )


if __name__ == "__main__":
    sys.exit(main())
