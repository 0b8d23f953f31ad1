"""The command line writes exactly the path named and answers every bad argument in one line.

Before: ``--screenshot existing_dir`` and ``--screenshot noext`` printed one path and wrote
``X.png``; ``--screenshot /dev/null`` created ``/dev/null.png``; ``--meshes`` naming a missing
folder opened an empty scene with exit status 0.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import NIGHTLY_EXAMPLES, fuzz_settings
from viewer.__main__ import main, meshes_folder_problem, screenshot_target_problem

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["noext", "picture.jpg", "shot.PNG.txt"])
def test_a_name_that_is_not_png_is_refused_and_nothing_is_written(tmp_path, capsys, name):
    target = tmp_path / name
    assert main(["--screenshot", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ".png" in err
    assert list(tmp_path.iterdir()) == []


def test_a_folder_or_a_device_is_refused(tmp_path, capsys):
    folder = tmp_path / "out.png"
    folder.mkdir()
    assert main(["--screenshot", str(folder)]) == 2
    assert "folder" in capsys.readouterr().err
    assert screenshot_target_problem(Path("/dev/null")) is not None
    assert not Path("/dev/null.png").exists()


def test_a_missing_mesh_folder_is_one_line_and_a_failure(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert main(["--screenshot", str(tmp_path / "x.png"), "--meshes", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "mesh folder not found" in err
    assert meshes_folder_problem(missing) and meshes_folder_problem(None) is None


def test_the_picture_goes_exactly_where_it_was_asked(tmp_path):
    target = tmp_path / "deep" / "Exact Name.png"
    out = subprocess.run(
        [sys.executable, "-m", "viewer", "--screenshot", str(target), "--size", "200x150"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == str(target)
    assert target.is_file() and target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["Exact Name.png"]


_args = st.lists(
    st.one_of(
        st.sampled_from(
            ["--screenshot", "--story", "--select", "--view", "--side", "--size", "--meshes"]
        ),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    ),
    max_size=6,
)


def _never_a_traceback(tmp_path: Path, args: list[str], capsys) -> None:
    # no --screenshot target that could render: only argument handling is under test here
    args = [a for a in args if a != "--screenshot"] + ["--screenshot", str(tmp_path / "x.txt")]
    try:
        code = main(args)
    except SystemExit as exc:  # argparse: usage line and status 2
        code = exc.code if isinstance(exc.code, int) else 2
    assert code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()


@fuzz_settings()
@given(args=_args)
def test_fuzz_command_lines_end_in_a_message(tmp_path_factory, capsys, args):
    _never_a_traceback(tmp_path_factory.mktemp("cli"), args, capsys)


@pytest.mark.nightly
@fuzz_settings(NIGHTLY_EXAMPLES)
@given(args=_args)
def test_fuzz_command_lines_end_in_a_message_nightly(tmp_path_factory, capsys, args):
    _never_a_traceback(tmp_path_factory.mktemp("cli"), args, capsys)
