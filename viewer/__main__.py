"""``l5s1-viewer`` / ``python -m viewer``: open the viewer window, render a screenshot without a
display (``--screenshot``), or check the content (``--check``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .vocabulary import DEFAULT_VIEW, SIDES, VIEW_NAMES

PROG = "l5s1-viewer"
#: ``--tour article``: the app's own tour of the article
ARTICLE_TOUR = "article"
#: what ``--help`` says first, in plain words (the docstring's markup stays out of a terminal)
DESCRIPTION = (
    "An interactive 3D teaching viewer of the lumbosacral (L5-S1) region: open the window, "
    "render a picture without a display (--screenshot), or check the content (--check)."
)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1600x1000, not {text!r}") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError("width and height must be between 16 and 8192")
    return w, h


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION)
    ap.add_argument(
        "scene",
        nargs="?",
        metavar="FILE",
        type=Path,
        help="a scene file (*.l5s1scene) to open (or to render with --screenshot)",
    )
    ap.add_argument(
        "--tour",
        metavar="FILE",
        type=Path,
        help=f"play a guided tour (*.l5s1tour; {ARTICLE_TOUR!r}: the article's tour)",
    )
    ap.add_argument(
        "--step", metavar="N", type=int, default=1, help="the tour's step to show (from 1)"
    )
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


def load_tour(path: Path, content):
    """The tour ``--tour`` names: a tour file, or ``article`` for the app's own tour of the
    article; and what its steps left out."""
    from .scene.tour import article_tour, read_tour

    if str(path) == ARTICLE_TOUR and not path.exists():
        return article_tour(content), []
    return read_tour(path)


def _scene_document(args, content):
    """The scene to show (a scene file, or the tour's step ``--step``), or None; what was left
    out of it is in its ``left_out``."""
    from .scene.scene_file import ReadScene, read_scene

    if args.tour is not None:
        tour, left = load_tour(args.tour, content)
        if not 1 <= args.step <= len(tour.steps):
            raise ValueError(f"the tour has steps 1 to {len(tour.steps)}, not {args.step}")
        return ReadScene(tour.steps[args.step - 1].scene, left)
    return read_scene(args.scene) if args.scene is not None else None


def _screenshot_with_extras(args, content, document) -> Path:
    """``--screenshot`` with ``--caption`` or ``--chart`` (drawn with Qt, offscreen)."""
    from .app.export_picture import ExportOptions, export_screenshot

    options = ExportOptions(
        args.size, labels=not args.no_labels, caption=args.caption, chart=args.chart
    )
    return export_screenshot(
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
        document=document,
    )


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

            document = _scene_document(args, content)
            if args.caption or args.chart:
                out = _screenshot_with_extras(args, content, document)
            else:
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
                    document=document,
                )
            for line in document.left_out if document is not None else ():
                print(f"{PROG}: left out of the scene: {line}", file=sys.stderr)
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
    tour = None
    if args.tour is not None:
        try:
            tour, left = load_tour(args.tour, content)
        except (ValueError, OSError) as exc:
            return _fail(one_line(str(exc)))
        for line in left:
            print(f"{PROG}: left out of the tour: {line}", file=sys.stderr)
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
        scene_file=args.scene,
        tour=tour,
        step=args.step,
        patient=args.patient,
    )


if __name__ == "__main__":
    sys.exit(main())
