"""What the build of the derived bones finds besides them, kept beside them: the bones' landmarks
(``pelvis.landmarks()``) and the S3/S4 foramina's tunnels (``pelvis.lower_sacral_foramina()``),
in ``meshes/derived_landmarks.npz``. Valid while the bones' recipe is this code's
(:func:`viewer.anatomy.mesh_validation.unusable_derived_meshes`): whoever needs them later (the
tests) reads them rather than deriving the bones again (half a minute)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from .mesh_validation import unusable_derived_meshes


def record_landmarks(
    folder: str | os.PathLike[str],
    marks: dict[str, np.ndarray],
    tunnels: dict[str, Any] | None = None,
) -> None:
    """Keep the derived bones' landmarks (``pelvis.landmarks()``) and their lower foramina's
    tunnels (``pelvis.lower_sacral_foramina()``) beside them in ``folder``, so that whoever needs
    them later (the tests) reads them rather than deriving the bones again (half a minute); they
    count while the bones' recipe does (:func:`recorded_landmarks`)."""
    import dataclasses
    import io

    from .. import locations

    arrays: dict[str, Any] = dict(marks)
    for name, tunnel in (tunnels or {}).items():
        for f in dataclasses.fields(tunnel):
            arrays[f"{_TUNNEL}{name}/{f.name}"] = np.asarray(getattr(tunnel, f.name))
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    locations.write_atomic(Path(folder) / locations.DERIVED_LANDMARKS_NAME, buffer.getvalue())


#: the prefix of a tunnel's arrays among the recorded landmarks (``tunnel/<name>/<field>``)
_TUNNEL = "tunnel/"


def _recorded(folder: str | os.PathLike[str]) -> dict[str, np.ndarray] | None:
    import zipfile

    from .. import locations

    if unusable_derived_meshes(folder):
        return None
    try:
        with np.load(Path(folder) / locations.DERIVED_LANDMARKS_NAME) as found:
            return {name: found[name] for name in found.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        return None


def recorded_landmarks(folder: str | os.PathLike[str]) -> dict[str, np.ndarray] | None:
    """The landmarks :func:`record_landmarks` kept in ``folder``; None where there are none, the
    file is damaged, or the derived bones there are unusable or were built by other code."""
    found = _recorded(folder)
    if found is None:
        return None
    return {k: v for k, v in found.items() if not k.startswith(_TUNNEL)}


def recorded_tunnels(folder: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The lower sacral foramina's tunnels (name -> ``sacral_carving.Tunnel``) kept in ``folder``
    by :func:`record_landmarks`; None as for :func:`recorded_landmarks`, or where none were kept."""
    from .sacral_carving import Tunnel

    found = _recorded(folder)
    if found is None:
        return None
    fields: dict[str, dict[str, Any]] = {}
    for key, value in found.items():
        if key.startswith(_TUNNEL):
            name, field = key[len(_TUNNEL) :].split("/")
            fields.setdefault(name, {})[field] = value if value.ndim else float(value)
    return {name: Tunnel(**kw) for name, kw in fields.items()} or None
