"""The layers contract: anatomy -> content -> scene -> render -> app, nothing upward.

The contract itself lives in ``pyproject.toml`` (``[tool.importlinter]``) and is checked by
import-linter, which reads every import statement, those inside functions and in ``__main__``
modules included.
"""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import viewer

ROOT = Path(__file__).resolve().parents[1]


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_every_module_of_the_package_is_in_a_layer():
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    named = {m.strip() for layer in layers for m in layer.split("|")}
    top = {f"viewer.{m.name}" for m in pkgutil.iter_modules(viewer.__path__)}
    assert top - named == set(), "modules outside the layers contract"


def test_layers_contract_holds():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe is not None, "import-linter is not installed (pip install -e '.[test]')"
    out = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout
