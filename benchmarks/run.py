"""``make bench``: how fast the viewer is, beside a plain PyVista script on the same meshes.

Run under a display (``make bench`` uses ``xvfb-run``). Each number comes from fresh processes
(``benchmarks/probe.py``); cold starts are the median of three. Prints a table and writes
``benchmarks/results.md``.

    python benchmarks/run.py [--meshes DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROBE = HERE / "probe.py"
NOTES = "## Notes"
AIMS = {
    "first_frame": 1.3,
    "screenshot": 1.2,
    "pick_ms": 10.0,
    "panel_ms": 100.0,
    "click_ms": 120.0,
    "switch_ms": 300.0,
    "pulse_fps": 15.0,
}


def probe(*args: str) -> dict:
    t0 = time.time()
    argv = [sys.executable, str(PROBE), *args]
    argv = [a.replace("{T0}", repr(t0)) for a in argv]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=180)
    for line in out.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise RuntimeError(f"probe {' '.join(args)} failed:\n{out.stderr[-2000:]}")


def median_of(n: int, *args: str) -> dict:
    runs = [probe(*args) for _ in range(n)]
    return {
        k: statistics.median(r[k] for r in runs)
        for k in runs[0]
        if isinstance(runs[0][k], (int, float))
    }


def gl_renderer() -> str:
    code = (
        "import pyvista as pv; p = pv.Plotter(off_screen=True); p.add_mesh(pv.Sphere()); "
        "p.screenshot(None, return_img=True); "
        "print(p.render_window.ReportCapabilities().split('OpenGL renderer string:')[1]"
        ".splitlines()[0].strip())"
    )
    try:
        return (
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
            ).stdout.strip()
            or "unknown"
        )
    except (subprocess.SubprocessError, IndexError):
        return "unknown"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--meshes", type=Path, default=None, help="mesh folder (default: bundled)")
    ap.add_argument("--repeat", type=int, default=3, help="cold starts per measurement")
    args = ap.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        print("run.py: needs a display; use `make bench` (xvfb-run)", file=sys.stderr)
        return 2
    extra = [str(args.meshes)] if args.meshes else []
    n = args.repeat

    load_start = os.getloadavg()[0]
    rows = []
    win = median_of(n, "first-frame", "viewer-window", "{T0}", *extra)
    win_plain = median_of(n, "first-frame", "plain-window", "{T0}", *extra)
    shot = median_of(n, "first-frame", "viewer-screenshot", "{T0}", *extra)
    shot_plain = median_of(n, "first-frame", "plain-screenshot", "{T0}", *extra)
    inter = probe("interaction", "viewer", *extra)
    plain = probe("interaction", "plain", *extra)
    empty = probe("interaction", "empty")

    def ratio(a, b):
        return a / b if b else float("nan")

    def ms(v):
        return v * 1000

    still = ms(inter["still_in_window_s"])
    view = f"{inter['view_w']:.0f}x{inter['view_h']:.0f}"
    rows.append(
        (
            f"Click to highlighted frame (ms; window 1280x800, 3D view {view})",
            f"{ms(inter['click_to_frame_s']):.0f} (max {ms(inter['click_to_frame_max_s']):.0f})",
            f"{still:.0f}: one still frame, full meshes with FXAA (every click's frame before)",
            f"aim <= {AIMS['click_ms']:.0f} ms",
        )
    )
    rows.append(
        (
            "Story switch to finished frame (ms; first frame)",
            f"{ms(inter['story_done_s']):.0f} ({ms(inter['story_first_s']):.0f})",
            f"{still:.0f}: one still frame",
            f"aim <= {AIMS['switch_ms']:.0f} ms",
        )
    )
    rows.append(
        (
            "Article step to finished frame (ms; first frame)",
            f"{ms(inter['article_done_s']):.0f} ({ms(inter['article_first_s']):.0f})",
            f"{still:.0f}: one still frame",
            f"aim <= {AIMS['switch_ms']:.0f} ms",
        )
    )
    rows.append(
        (
            "Travelling pulse (frames/s; ms a frame)",
            f"{inter['pulse_fps']:.1f} ({ms(inter['pulse_frame_s']):.1f})",
            f"{inter['pulse_fps_full']:.1f} ({ms(inter['pulse_full_frame_s']):.0f}): "
            "each tick a full frame",
            f"aim >= {AIMS['pulse_fps']:.0f}/s (the tick is 50 ms: at most 20/s)",
        )
    )
    rows.append(
        (
            "`--screenshot` first image, cold (s)",
            shot["seconds"],
            f"{shot_plain['seconds']:.2f}: plain PyVista script",
            f"{ratio(shot['seconds'], shot_plain['seconds']):.2f}x (aim <= {AIMS['screenshot']}x)",
        )
    )
    rows.append(
        (
            "`--screenshot` steps (s): start (interpreter, imports, bones checked) / content / "
            "scene (PyVista, window, meshes, actors) / state and camera / first frame / PNG",
            " / ".join(
                f"{shot[k]:.2f}"
                for k in ("start_s", "content_s", "scene_s", "prepare_s", "frame_s", "png_s")
            ),
            "plain: "
            + " / ".join(f"{shot_plain[k]:.2f}" for k in ("start_s", "scene_s", "frame_and_png_s"))
            + " (imports / window and meshes / first frame and PNG)",
            "",
        )
    )
    rows.append(
        (
            "Still frame, 3D view 1280x800 (ms)",
            ms(inter["still_1280_s"]),
            f"{ms(plain['still_s']):.0f}: plain PyVista script (4x MSAA)",
            f"{ratio(inter['still_1280_s'], plain['still_s']):.2f}x",
        )
    )
    rows.append(
        (
            "Frame while rotating, 3D view 1280x800 (ms)",
            ms(inter["moving_1280_s"]),
            f"{ms(plain['frame_s']):.0f}: plain PyVista script",
            f"{ratio(inter['moving_1280_s'], empty['frame_s']):.2f}x the empty scene "
            f"({ms(empty['frame_s']):.1f} ms)",
        )
    )
    rows.append(
        (
            "Cold start to first frame, window (s)",
            win["seconds"],
            f"{win_plain['seconds']:.2f}: plain PyVista script",
            f"{ratio(win['seconds'], win_plain['seconds']):.2f}x (aim <= {AIMS['first_frame']}x)",
        )
    )
    rows.append(
        (
            "Pick, p50 / p95 (ms)",
            f"{inter['pick_p50']:.2f} / {inter['pick_p95']:.2f}",
            "",
            f"aim < {AIMS['pick_ms']:.0f} ms",
        )
    )
    rows.append(
        (
            "Click to info panel, p50 / p95 (ms)",
            f"{inter['click_p50']:.2f} / {inter['click_p95']:.2f}",
            "",
            f"aim < {AIMS['panel_ms']:.0f} ms",
        )
    )
    rows.append(
        (
            "Resident memory after load (MB)",
            inter["rss_mb"],
            f"{plain['rss_mb']:.0f}: plain PyVista script",
            f"{ratio(inter['rss_mb'], plain['rss_mb']):.2f}x",
        )
    )

    def fmt(v):
        return f"{v:.3g}" if isinstance(v, float) else str(v)

    header = "| measure | viewer | baseline (same run) | ratio / aim |\n|---|---|---|---|\n"
    body = "".join(f"| {a} | {fmt(b)} | {fmt(c)} | {d} |\n" for a, b, c, d in rows)
    cpus = os.cpu_count()
    machine = (
        f"{platform.machine()}, {cpus} CPU(s), OpenGL: {gl_renderer()}, "
        f"Python {platform.python_version()}"
    )
    load = os.getloadavg()[0]
    text = (
        f"# Benchmark results\n\n`make bench`, {time.strftime('%Y-%m-%d %H:%M')}; {machine}; "
        f"load average {load_start:.1f} at the start and {load:.1f} at the end (the 2 cores "
        f"are shared: single figures move with the load); meshes: {args.meshes or 'bundled'}; "
        f"cold starts: median of {n}; clicks to frame: median of 7 real clicks (Qt and VTK) "
        f"on the model seen from behind, picks and clicks to the panel: 200 points; stories: "
        f"each of the five, article: five steps. The plain script uses PyVista's defaults "
        f"(4x multisampling); the viewer uses FXAA on still frames (not on a click's first "
        f"frame) and none while turning.\n\n{header}{body}"
    )
    print(text)
    results = HERE / "results.md"
    # hand-written notes below the table (measurements over time) are kept
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    notes = old[old.index(NOTES) :] if NOTES in old else ""
    results.write_text(text + ("\n" + notes if notes else ""), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
