"""Where files live: the bundled content, the mesh folders, and each structure's files in them;
and how a file is written so that a crash never leaves half of it.

The one place that spells out a mesh's or a centreline's file name; a checkout and an installed
wheel alike.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_ROOT = PACKAGE_DIR.parent
_WHEEL_DATA = PACKAGE_DIR / "_data"


def _in_checkout() -> bool:
    return (_CHECKOUT_ROOT / "pyproject.toml").exists()


def _bundled(name: str) -> Path:
    checkout = _CHECKOUT_ROOT / name
    if checkout.exists() and _in_checkout():
        return checkout
    return _WHEEL_DATA / name


#: a structure's surface: ``<folder>/<id>.ply`` (binary PLY with vertex normals)
MESH_SUFFIX = ".ply"
#: a nerve's centreline, proximal to distal: ``<folder>/<id>.centerline.npy``
CENTERLINE_SUFFIX = ".centerline.npy"
#: the skin's vertex -> MakeHuman base.obj vertex index (-1: none): ``<folder>/skin.base_index.npy``
BASE_INDEX_SUFFIX = ".base_index.npy"


#: beside the derived meshes: a fingerprint of the code that built them (``derived.recipe``)
DERIVED_RECIPE_NAME = "derived.recipe"
#: beside the derived meshes: the landmarks found while deriving them (``derived_landmarks.npz``)
DERIVED_LANDMARKS_NAME = "derived_landmarks.npz"


def mesh_path(folder: str | os.PathLike[str], structure_id: str) -> Path:
    """The surface file of ``structure_id`` in ``folder``."""
    return Path(folder) / f"{structure_id}{MESH_SUFFIX}"


def centerline_path(folder: str | os.PathLike[str], structure_id: str) -> Path:
    """The centreline file of ``structure_id`` in ``folder``."""
    return Path(folder) / f"{structure_id}{CENTERLINE_SUFFIX}"


def annotations_path() -> Path:
    return _bundled("annotations.json")


def bundled_mesh_dir() -> Path:
    """The committed (modelled) meshes shipped with the code."""
    return _bundled("meshes")


def user_mesh_dir() -> Path:
    """Where derived meshes go for an installed package (never into site-packages)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "l5s1-viewer" / "meshes"


def derived_mesh_dir() -> Path:
    """The folder derived meshes are built into: next to the bundled ones in a writable checkout,
    else the user folder (an installed wheel's folder may be writable, but pip owns it)."""
    bundled = bundled_mesh_dir()
    if _in_checkout() and bundled.exists() and os.access(bundled, os.W_OK):
        return bundled
    return user_mesh_dir()


def mesh_file(structure_id: str, suffix: str = MESH_SUFFIX) -> Path:
    """The file of one structure: bundled first, then the user folder."""
    for folder in (bundled_mesh_dir(), user_mesh_dir()):
        p = folder / f"{structure_id}{suffix}"
        if p.exists():
            return p
    return bundled_mesh_dir() / f"{structure_id}{suffix}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically.

    The bytes go to a temporary file in the same folder, are flushed to disk, and the file is
    then renamed over ``path`` (``os.replace``, atomic on one file system). An interrupted write
    leaves the old file, or none, and at most a stray temporary file, never a truncated one.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
