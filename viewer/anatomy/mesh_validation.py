"""Checked reading of mesh and centreline files: nothing reaches VTK before it is known sound.

A PLY file is read by numpy alone, and only when its header agrees with its size, every vertex is
finite, every face is a triangle and every index points at a vertex. Anything else raises
:class:`MeshFileError` with the file and the reason in one line, so that the app can leave that
one structure out and say why, ``--check`` can report it, and the first-start build can rebuild
a derived file that is damaged rather than merely present.

Supported: binary PLY (little- or big-endian) with one ``vertex`` element of scalar properties
(``x``, ``y``, ``z`` required, ``nx``, ``ny``, ``nz`` used when present) and one ``face`` element
whose only property is a list of vertex indices; ASCII PLY of the same shape.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: the largest header read (a real header is a few hundred bytes)
MAX_HEADER_BYTES = 16_384
#: more than ten times the largest mesh of the model (the skin: about 60,000 vertices)
MAX_VERTICES = 2_000_000
MAX_FACES = 4_000_000
#: a centreline is a few hundred points
MAX_CENTERLINE_POINTS = 100_000
#: the model spans well under a metre; anything beyond this is a broken coordinate
MAX_COORDINATE_MM = 100_000.0

_SCALARS = {
    "char": "i1",
    "int8": "i1",
    "uchar": "u1",
    "uint8": "u1",
    "short": "i2",
    "int16": "i2",
    "ushort": "u2",
    "uint16": "u2",
    "int": "i4",
    "int32": "i4",
    "uint": "u4",
    "uint32": "u4",
    "float": "f4",
    "float32": "f4",
    "double": "f8",
    "float64": "f8",
}


class MeshFileError(ValueError):
    """A mesh or centreline file that cannot be used; ``str()`` is one line naming the file."""

    def __init__(self, path: str | os.PathLike[str], reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


@dataclass(frozen=True)
class TriangleMesh:
    """A checked triangle mesh: ``vertices`` (N, 3) float64, ``faces`` (M, 3) int64 in range,
    ``normals`` (N, 3) float32 or None, ``cut`` (N,) uint8 section-cap numbers or None
    (:mod:`viewer.anatomy.section_caps`)."""

    vertices: np.ndarray
    faces: np.ndarray
    normals: np.ndarray | None = None
    cut: np.ndarray | None = None


@dataclass(frozen=True)
class _Element:
    name: str
    count: int
    #: scalar properties (name, numpy type) or, for a list, ("list", count type, item type)
    properties: tuple[tuple[str, str, str], ...]


def _parse_header(path: Path, head: bytes) -> tuple[str, list[_Element], int]:
    end = head.find(b"end_header")
    if not head.startswith(b"ply"):
        raise MeshFileError(path, "not a PLY file (no 'ply' magic)")
    if end < 0:
        raise MeshFileError(path, f"no end_header in the first {MAX_HEADER_BYTES} bytes")
    line_end = head.find(b"\n", end)
    if line_end < 0:
        raise MeshFileError(path, "header ends without a newline")
    try:
        lines = head[:end].decode("ascii").replace("\r", "").split("\n")
    except UnicodeDecodeError:
        raise MeshFileError(path, "header is not ASCII text") from None
    fmt = ""
    declared: list[tuple[str, int, list[tuple[str, str, str]]]] = []
    for raw in lines[1:]:
        words = raw.split()
        if not words or words[0] in ("comment", "obj_info"):
            continue
        if words[0] == "format" and len(words) >= 2:
            fmt = words[1]
        elif words[0] == "element" and len(words) == 3:
            try:
                count = int(words[2])
            except ValueError:
                raise MeshFileError(path, f"element count {words[2]!r} is not a number") from None
            if count < 0:
                raise MeshFileError(path, f"negative {words[1]} count {count}")
            declared.append((words[1], count, []))
        elif words[0] == "property" and declared and len(words) >= 3:
            props = declared[-1][2]
            if words[1] == "list" and len(words) == 5:
                count_t, item_t = _SCALARS.get(words[2]), _SCALARS.get(words[3])
                if count_t is None or item_t is None:
                    raise MeshFileError(path, f"unknown list types in {raw.strip()!r}")
                props.append(("list:" + words[4], count_t, item_t))
            elif len(words) == 3 and words[1] in _SCALARS:
                props.append((words[2], _SCALARS[words[1]], ""))
            else:
                raise MeshFileError(path, f"unsupported property line {raw.strip()!r}")
        else:
            raise MeshFileError(path, f"unexpected header line {raw.strip()[:60]!r}")
    elements = [_Element(name, count, tuple(props)) for name, count, props in declared]
    if fmt not in ("binary_little_endian", "binary_big_endian", "ascii"):
        raise MeshFileError(path, f"unsupported PLY format {fmt or '(none)'!r}")
    return fmt, elements, line_end + 1


def _check_layout(path: Path, elements: list[_Element]) -> tuple[_Element, _Element]:
    names = [e.name for e in elements]
    if names != ["vertex", "face"]:
        raise MeshFileError(path, f"expected elements vertex, face; found {', '.join(names)}")
    vertex, face = elements
    if any(p[0].startswith("list:") for p in vertex.properties):
        raise MeshFileError(path, "vertex element has a list property")
    have = {p[0] for p in vertex.properties}
    if not {"x", "y", "z"} <= have:
        raise MeshFileError(path, "vertex element lacks x, y or z")
    if len(face.properties) != 1 or not face.properties[0][0].startswith("list:"):
        raise MeshFileError(path, "face element must hold exactly one list of vertex indices")
    if vertex.count < 3:
        raise MeshFileError(path, f"{vertex.count} vertices: not a surface")
    if face.count < 1:
        raise MeshFileError(path, "no faces")
    if vertex.count > MAX_VERTICES:
        raise MeshFileError(path, f"header claims {vertex.count} vertices (limit {MAX_VERTICES})")
    if face.count > MAX_FACES:
        raise MeshFileError(path, f"header claims {face.count} faces (limit {MAX_FACES})")
    return vertex, face


def _binary_body(
    path: Path, body: bytes, fmt: str, vertex: _Element, face: _Element
) -> tuple[np.ndarray, np.ndarray]:
    order = "<" if fmt == "binary_little_endian" else ">"
    vdtype = np.dtype([(name, order + t) for name, t, _ in vertex.properties])
    _, count_t, item_t = face.properties[0]
    # triangles only: every face record is then one count and three indices
    fdtype = np.dtype([("n", order + count_t), ("i", order + item_t, (3,))])
    expected = vertex.count * vdtype.itemsize + face.count * fdtype.itemsize
    if len(body) != expected:
        what = "short" if len(body) < expected else "long"
        raise MeshFileError(
            path,
            f"file is {what}: {len(body)} bytes after the header, {expected} expected for "
            f"{vertex.count} vertices and {face.count} triangles (truncated, or not triangles)",
        )
    vrec = np.frombuffer(body, dtype=vdtype, count=vertex.count)
    frec = np.frombuffer(
        body, dtype=fdtype, count=face.count, offset=vertex.count * vdtype.itemsize
    )
    if np.any(frec["n"] != 3):
        raise MeshFileError(path, "faces that are not triangles")
    return vrec, frec["i"].astype(np.int64)


def _ascii_body(
    path: Path, body: bytes, vertex: _Element, face: _Element
) -> tuple[np.ndarray, np.ndarray]:
    lines = body.decode("ascii", errors="replace").split("\n")
    rows = [ln.split() for ln in lines if ln.strip()]
    if len(rows) != vertex.count + face.count:
        raise MeshFileError(
            path, f"{len(rows)} data lines, {vertex.count + face.count} expected (truncated?)"
        )
    width = len(vertex.properties)
    try:
        vals = np.array([[float(v) for v in r] for r in rows[: vertex.count]], dtype=np.float64)
        tris = [[int(v) for v in r] for r in rows[vertex.count :]]
    except ValueError:
        raise MeshFileError(path, "a data line is not numbers") from None
    if vals.shape != (vertex.count, width):
        raise MeshFileError(path, "vertex lines of the wrong length")
    if any(len(t) != 4 or t[0] != 3 for t in tris):
        raise MeshFileError(path, "faces that are not triangles")
    vrec = np.zeros(vertex.count, dtype=[(name, "f8") for name, _, _ in vertex.properties])
    for k, (name, _, _) in enumerate(vertex.properties):
        vrec[name] = vals[:, k]
    return vrec, np.array([t[1:] for t in tris], dtype=np.int64)


def read_ply(path: str | os.PathLike[str]) -> TriangleMesh:
    """Read and check one PLY triangle mesh.

    Raises
    ------
    MeshFileError
        When the file is missing, not a regular file, empty, damaged or lying in its header,
        has non-finite or absurd coordinates, faces that are not triangles, or indices out of
        range.
    """
    p = Path(path)
    if not p.exists():
        raise MeshFileError(p, "missing")
    if not p.is_file():
        raise MeshFileError(p, "not a regular file")
    size = p.stat().st_size
    if size == 0:
        raise MeshFileError(p, "empty file (0 bytes)")
    with p.open("rb") as fh:
        head = fh.read(MAX_HEADER_BYTES)
        fmt, elements, body_start = _parse_header(p, head)
        vertex, face = _check_layout(p, elements)
        # the body can never be smaller than this: refuse lying headers before allocating
        smallest = vertex.count * 3 * 4 + face.count * (1 + 3 * 1)
        if fmt != "ascii" and size - body_start < smallest:
            raise MeshFileError(
                p,
                f"header claims {vertex.count} vertices and {face.count} faces; "
                f"the file is only {size} bytes (truncated)",
            )
        fh.seek(body_start)
        body = fh.read()
    if fmt == "ascii":
        vrec, faces = _ascii_body(p, body, vertex, face)
    else:
        vrec, faces = _binary_body(p, body, fmt, vertex, face)
    vertices = np.column_stack([vrec[c].astype(np.float64) for c in ("x", "y", "z")])
    if not np.all(np.isfinite(vertices)):
        raise MeshFileError(p, "vertices that are not finite numbers (NaN or infinity)")
    if np.abs(vertices).max() > MAX_COORDINATE_MM:
        raise MeshFileError(p, f"coordinates beyond {MAX_COORDINATE_MM:g} mm")
    if faces.min() < 0 or faces.max() >= vertex.count:
        raise MeshFileError(p, f"face indices outside 0..{vertex.count - 1}")
    normals = None
    names = vrec.dtype.names or ()
    if {"nx", "ny", "nz"} <= set(names):
        normals = np.column_stack([vrec[c] for c in ("nx", "ny", "nz")]).astype(np.float32)
        if not np.all(np.isfinite(normals)):
            normals = None  # the renderer recomputes them
    cut = np.asarray(vrec["cut"], np.uint8) if "cut" in names else None
    return TriangleMesh(vertices, faces, normals, cut)


def read_centerline_checked(path: str | os.PathLike[str]) -> np.ndarray:
    """Read and check a nerve centreline: an (N, 3) array of finite float points, N >= 2.

    Raises
    ------
    MeshFileError
        When the file is missing, not a regular file, empty, not a numpy array (pickles are never
        loaded), or not a finite (N, 3) float array with 2 <= N <= ``MAX_CENTERLINE_POINTS``.
    """
    p = Path(path)
    if not p.exists():
        raise MeshFileError(p, "missing")
    if not p.is_file():
        raise MeshFileError(p, "not a regular file")
    if p.stat().st_size == 0:
        raise MeshFileError(p, "empty file (0 bytes)")
    try:
        pts = np.load(p, allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        raise MeshFileError(p, f"not a numpy array file ({type(exc).__name__})") from None
    if not isinstance(pts, np.ndarray) or pts.dtype.kind not in "fiu":
        raise MeshFileError(p, "not an array of numbers")
    if pts.ndim != 2 or pts.shape[1] != 3:
        raise MeshFileError(p, f"shape {pts.shape}, (N, 3) expected")
    if not 2 <= len(pts) <= MAX_CENTERLINE_POINTS:
        raise MeshFileError(p, f"{len(pts)} points (2 to {MAX_CENTERLINE_POINTS} expected)")
    pts = pts.astype(np.float64)
    if not np.all(np.isfinite(pts)):
        raise MeshFileError(p, "points that are not finite numbers")
    return pts


def derivation_recipe() -> str:
    """A fingerprint of what the derived bones are built from: the model-building code (every
    module of :mod:`viewer.anatomy`) and the installed source of the bones. Files built by other
    code (an update pulled since) are rebuilt, not kept."""
    import hashlib
    from importlib import metadata

    digest = hashlib.sha256()
    for module in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes() + b"\0")
    try:
        digest.update(metadata.version("musculoskeletal-models").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"no source package")
    return digest.hexdigest()


def unusable_derived_meshes(folder: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """The derived bones that must be (re)built: id -> why (missing, empty, damaged, or built by
    other code than this: see :func:`derivation_recipe`).

    With ``folder``, the files there are checked (the folder a build was asked to fill);
    without, the files the app would read. A half-written or empty file is never enough.
    """
    from .. import locations
    from .structures import STRUCTURES

    out: dict[str, str] = {}
    folders: set[Path] = set()
    for spec in STRUCTURES:
        if not spec.derived:
            continue
        if folder is not None:
            path = locations.mesh_path(folder, spec.id)
        else:
            path = locations.mesh_file(spec.id)
        try:
            read_ply(path)
            folders.add(path.parent)
        except MeshFileError as exc:
            out[spec.id] = exc.reason
    recipe = derivation_recipe()
    for built_in in folders:
        stamp = built_in / locations.DERIVED_RECIPE_NAME
        if not stamp.is_file() or stamp.read_text(encoding="ascii", errors="replace") != recipe:
            for spec in STRUCTURES:
                if spec.derived and spec.id not in out:
                    out[spec.id] = "built by other code than this version's"
    return out


def record_derivation(folder: str | os.PathLike[str]) -> None:
    """Note in ``folder`` that its derived bones were built by this code (after a whole build)."""
    from .. import locations

    path = Path(folder) / locations.DERIVED_RECIPE_NAME
    locations.write_atomic(path, derivation_recipe().encode("ascii"))
