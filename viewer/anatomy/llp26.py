"""Evaluates the LLP26 mean bone surfaces of the ``musculoskeletal-models`` package with numpy.

The package (Auckland Bioengineering Institute, PyPI ``musculoskeletal-models``, licensed under the
Mozilla Public License 2.0, https://mozilla.org/MPL/2.0/) stores each mean bone as a piecewise
Lagrange surface in three JSON files under ``musculoskeletal/models/atlas_meshes/``:

* ``<name>.mesh``: the elements, each with a basis type, and ``connectivity``, which says which
  element-local nodes are the same node of the mesh;
* ``<name>.ens``: the basis of each element type (``quad_L3_L3``, ``simplex_L4_L4`` ...) and a map
  from the mesh's node numbers to the parameter numbers;
* ``<field>.geof``: the node coordinates (mm, CT frame, LPS: +x patient's left, +y posterior,
  +z superior).

Nodes are numbered by walking the elements in order and their local nodes in order; a local node
takes the number of a connected node already numbered, otherwise the next free number. Local nodes
lie on an equispaced grid: quads row by row with xi1 outer and xi0 inner; triangles the same, each
row one node shorter (i + j <= order). Each element is sampled on an equispaced sub-grid of its
parameter square or triangle, the pieces are triangulated and the samples shared along element
edges are merged, giving one closed triangle mesh per bone. Nothing of the package is copied here:
the meshes are evaluated from the installed package at build time and never committed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import trimesh

PELVIS_MESH = "pelvis_combined_cubic_flat"
PELVIS_FIELD = "pelvis_combined_cubic_mean_rigid_LLP26"
FEMUR_LEFT_MESH = "femur_left_quartic_flat"
FEMUR_LEFT_FIELD = "femur_left_mean_rigid_LLP26"

_BASIS = re.compile(r"^(quad|simplex)_L(\d)_L(\d)$")


def atlas_dir() -> Path:
    """The folder of the installed package's mesh files."""
    import musculoskeletal.models as models  # the pure-data package; imported only to find it

    return Path(models.__file__).resolve().parent / "atlas_meshes"


@dataclass(frozen=True)
class Element:
    shape: str  # "quad" or "simplex"
    orders: tuple  # (order along xi0, order along xi1)
    nodes: np.ndarray  # parameter indices of the element's nodes, in local order


@dataclass(frozen=True)
class Field:
    name: str
    params: np.ndarray  # (P, 3) node coordinates, mm, CT frame
    elements: tuple  # of Element


def local_nodes(shape: str, orders) -> np.ndarray:
    """Local node positions (xi0, xi1) in the element's own order."""
    p0, p1 = orders
    if shape == "quad":
        return np.array([(i / p0, j / p1) for j in range(p1 + 1) for i in range(p0 + 1)])
    p = p0
    return np.array([(i / p, j / p) for j in range(p + 1) for i in range(p + 1 - j)])


def _lagrange_1d(order: int, x: np.ndarray) -> np.ndarray:
    """(order + 1, len(x)) values of the equispaced 1D Lagrange polynomials."""
    knots = np.linspace(0.0, 1.0, order + 1)
    out = np.ones((order + 1, len(x)))
    for k in range(order + 1):
        for m in range(order + 1):
            if m != k:
                out[k] *= (x - knots[m]) / (knots[k] - knots[m])
    return out


def basis(shape: str, orders, xi: np.ndarray) -> np.ndarray:
    """(len(xi), n_nodes) basis weights of an element at parameter points ``xi`` (n, 2)."""
    xi = np.asarray(xi, float)
    if shape == "quad":
        b0 = _lagrange_1d(orders[0], xi[:, 0])
        b1 = _lagrange_1d(orders[1], xi[:, 1])
        # xi0 runs fastest in the local node order
        return np.einsum("jn,in->nji", b1, b0).reshape(len(xi), -1)
    # Triangle: the complete polynomial of the given order interpolating the local nodes.
    p = orders[0]
    powers = [(a, b) for a in range(p + 1) for b in range(p + 1 - a)]

    def monomials(pts):
        return np.stack([pts[:, 0] ** a * pts[:, 1] ** b for a, b in powers], axis=1)

    vander = monomials(local_nodes(shape, orders))
    return monomials(xi) @ np.linalg.inv(vander)


@cache
def load_field(mesh_name: str, field_name: str) -> Field:
    folder = atlas_dir()
    mesh = json.loads((folder / f"{mesh_name}.mesh").read_text())
    ens = json.loads((folder / f"{mesh_name}.ens").read_text())
    geof = json.loads((folder / f"{field_name}.geof").read_text())
    params = np.array(
        [
            [float(node[f"dim {d}"]) for d in range(3)]
            for _, node in sorted(geof["field_parameters"].items())
        ]
    )
    custom = ens.get("custom_map") or {}
    conn = mesh["connectivity"]

    number: dict[str, int] = {}
    next_free = 0
    elements = []
    for eid in sorted(mesh["elements"], key=int):
        kind = mesh["elements"][eid].split()[1]
        basis = _BASIS.match(ens["basis"][kind])
        if basis is None:
            raise ValueError(f"element {eid}: unknown basis {ens['basis'][kind]!r}")
        shape, o0, o1 = basis.groups()
        orders = (int(o0), int(o1))
        n_local = len(local_nodes(shape, orders))
        idx = []
        for k in range(n_local):
            key = f"{eid}_{k}"
            if key not in number:
                known = [number[c] for c in conn.get(key, "").split() if c in number]
                if known:
                    number[key] = known[0]
                else:
                    number[key] = next_free
                    next_free += 1
                for c in conn.get(key, "").split():
                    number.setdefault(c, number[key])
            idx.append(int(custom.get(str(number[key]), number[key])))
        elements.append(Element(shape, orders, np.array(idx)))
    return Field(field_name, params, tuple(elements))


def _sub_grid(shape: str, d: int):
    """Sample points (n, 2) and triangles of a d-division grid on the parameter domain."""
    if shape == "quad":
        ij = [(i, j) for j in range(d + 1) for i in range(d + 1)]
        at = {v: k for k, v in enumerate(ij)}
        tris = []
        for j in range(d):
            for i in range(d):
                a, b, c, e = at[i, j], at[i + 1, j], at[i + 1, j + 1], at[i, j + 1]
                tris += [(a, b, c), (a, c, e)]
    else:
        ij = [(i, j) for j in range(d + 1) for i in range(d + 1 - j)]
        at = {v: k for k, v in enumerate(ij)}
        tris = []
        for j in range(d):
            for i in range(d - j):
                tris.append((at[i, j], at[i + 1, j], at[i, j + 1]))
                if i + j + 1 < d:
                    tris.append((at[i + 1, j], at[i + 1, j + 1], at[i, j + 1]))
    return np.array(ij, float) / d, np.array(tris)


def evaluate(field: Field, divisions: int, element_ids=None) -> trimesh.Trimesh:
    """The field's surface sampled ``divisions`` times along each element edge, as one mesh with
    the samples shared between elements merged (closed where the field is closed)."""
    verts, faces, offset = [], [], 0
    cache = {}
    ids = range(len(field.elements)) if element_ids is None else element_ids
    for e in ids:
        el = field.elements[e]
        key = (el.shape, el.orders)
        if key not in cache:
            xi, tris = _sub_grid(el.shape, divisions)
            cache[key] = (basis(el.shape, el.orders, xi), tris)
        w, tris = cache[key]
        verts.append(w @ field.params[el.nodes])
        faces.append(tris + offset)
        offset += len(w)
    v = np.concatenate(verts)
    f = np.concatenate(faces)
    # Merge the samples shared along element edges (identical up to rounding).
    _, first, inverse = np.unique(np.round(v, 6), axis=0, return_index=True, return_inverse=True)
    mesh = trimesh.Trimesh(v[first], inverse.reshape(-1)[f], process=False)
    mesh.update_faces(mesh.nondegenerate_faces())
    mesh.remove_unreferenced_vertices()
    mesh.fix_normals()
    return mesh


def pelvis_parts(divisions: int = 6) -> dict[str, trimesh.Trimesh]:
    """The mean sacrum and left/right hip bones (CT frame, mm), told apart as the three connected
    surfaces of the combined pelvis field: the sacrum is the middle one in x, LPS +x is left."""
    mesh = evaluate(load_field(PELVIS_MESH, PELVIS_FIELD), divisions)
    parts = sorted(mesh.split(only_watertight=False), key=lambda m: m.centroid[0])
    if len(parts) != 3:
        raise ValueError(f"expected 3 bones in the LLP26 pelvis field, got {len(parts)}")
    return {"hip_bone_right": parts[0], "sacrum": parts[1], "hip_bone_left": parts[2]}


def femur_left(divisions: int = 6) -> trimesh.Trimesh:
    """The mean left femur (CT frame, mm)."""
    return evaluate(load_field(FEMUR_LEFT_MESH, FEMUR_LEFT_FIELD), divisions)
