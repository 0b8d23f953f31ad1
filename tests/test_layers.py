"""The lower layers (anatomy, content, scene state) import neither Qt nor VTK."""

import subprocess
import sys

import pytest

LOWER = [
    "viewer",
    "viewer.paths",
    "viewer.anatomy",
    "viewer.anatomy.build",
    "viewer.anatomy.structures",
    "viewer.anatomy.implicit",
    "viewer.content",
    "viewer.scene",
]


@pytest.mark.parametrize("module", LOWER)
def test_lower_layer_imports_no_qt_or_vtk(module):
    code = (
        "import importlib, pkgutil, sys\n"
        f"m = importlib.import_module({module!r})\n"
        "if hasattr(m, '__path__') and m.__name__ != 'viewer':\n"
        "    for info in pkgutil.walk_packages(m.__path__, m.__name__ + '.'):\n"
        "        if not info.name.endswith('__main__'):\n"
        "            importlib.import_module(info.name)\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in "
        "('PySide6', 'vtk', 'vtkmodules', 'pyvista', 'pyvistaqt', 'qtpy'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "", f"{module} pulls in {out.stdout.strip()}"
