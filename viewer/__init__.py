"""L5-S1 anatomy viewer: an interactive 3D teaching model of how a problem at S1 can cause hip pain.

``from viewer import MainWindow`` gives the Qt main window; importing the package itself loads
neither Qt nor VTK.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["MainWindow", "__version__"]


def __getattr__(name: str):
    if name == "MainWindow":
        from .app.main_window import MainWindow

        return MainWindow
    raise AttributeError(name)
