"""The built L5 measures like a real L5 (published CT morphometry, A.1), and its L5-S1 foramen is
open for the L5 root.

Everything is measured on the built meshes. The L5's own axes come from where it sits on the
disc: the plane fitted to the L5 surface touching the disc is its inferior endplate (normal: the
body axis, up); "anterior" is the model's +y laid into that plane. Distances are taken with rays
cast from inside the bone or the canal, the way a caliper reads a CT slice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
import trimesh
from scipy.spatial import cKDTree

from tests.anatomy.tissue_geometry import inside
from viewer.anatomy import parameters as P
from viewer.anatomy.geometry import joined

BUDGET = 35_000


@dataclass
class Frame:
    origin: np.ndarray
    axes: np.ndarray  # columns: right, anterior, up (the body axis)

    def to_local(self, pts):
        return (np.asarray(pts, float) - self.origin) @ self.axes

    def to_model(self, pts):
        return np.asarray(pts, float) @ self.axes.T + self.origin


def l5_frame(model) -> Frame:
    """The L5 frame seen from the meshes: origin and normal of the L5 surface touching the disc."""
    l5 = model.mesh("l5_vertebra")
    disc = joined([model.mesh("l5_s1_disc_annulus"), model.mesh("l5_s1_disc_nucleus")])
    disc_pts = trimesh.sample.sample_surface_even(disc, 30000, seed=0)[0]
    d = cKDTree(disc_pts).query(l5.vertices)[0]
    contact = l5.vertices[d < 0.8]
    c = contact.mean(axis=0)
    n = np.linalg.svd(contact - c)[2][2]
    n = n if n[2] > 0 else -n
    y = np.array([0.0, 1.0, 0.0]) - n[1] * n
    y /= np.linalg.norm(y)
    x = np.cross(y, n)
    return Frame(c, np.column_stack([x, y, n]))


def exits(mesh: trimesh.Trimesh, origin, direction) -> np.ndarray:
    """Distances along a ray to each surface crossing, nearest first."""
    loc, _, _ = mesh.ray.intersects_location([origin], [direction])
    if len(loc) == 0:
        return np.array([])
    t = (loc - origin) @ np.asarray(direction, float)
    return np.sort(t[t > 1e-6])


@dataclass
class L5Measures:
    body_width_mid: float
    body_depth_inferior: float
    height_anterior: float
    height_posterior: float
    canal_width: float
    canal_depth: float
    pedicle_width: float
    pedicle_height: float
    transverse_span: float
    spinous_length: float
    body_back: float
    pedicle_level: float


def measure_l5(model) -> tuple[L5Measures, trimesh.Trimesh, Frame]:
    fr = l5_frame(model)
    m = model.mesh("l5_vertebra")
    local = trimesh.Trimesh(fr.to_local(m.vertices), m.faces, process=False)
    return measure_local(local), local, fr


def measure_local(m: trimesh.Trimesh) -> L5Measures:
    """Measure an L5 given in its own frame (origin at the inferior endplate's centre, +z up the
    body axis, +y anterior)."""
    X, Y, Z = np.eye(3)

    # body: AP depth just above the inferior endplate's dish, then the walls at mid-height
    z_low = 4.0
    front = exits(m, (0, 0, z_low), Y)[0]
    back = exits(m, (0, 0, z_low), -Y)[0]
    depth = front + back
    y_front, y_back = front - 3.0, -back + 3.0

    def height(y0, step):
        # the tallest span of bone along the body axis within 6 mm inside the margin
        spans = [
            np.diff(t[:2])[0]
            for y in y0 + step * np.arange(0.0, 6.5, 0.5)
            if len(t := exits(m, (0, y, -40.0), Z)) >= 2
        ]
        return max(spans)

    h_ant = height(y_front, -1.0)
    h_post = height(y_back, 1.0)
    z_mid = 0.5 * (h_ant + h_post) / 2.0
    # width at mid-height in front of the pedicles (a 5 mm slab, as the reference sheet's slices)
    width = 0.0
    for y in np.arange(-0.3 * back, 0.8 * front, 1.0):
        for z in (z_mid - 2.5, z_mid, z_mid + 2.5):
            width = max(width, exits(m, (0, y, z), X)[0] + exits(m, (0, y, z), -X)[0])
    back_mid = exits(m, (0, 0, z_mid), -Y)[0]
    # the pedicles leave the body at its posterolateral corners, level with its back low down,
    # where the wall is not hollowed: the back wall's concavity in the midline, higher up
    # (Bogduk ch. 1; up to 2-3 mm), must not slide the canal's and the pedicles' windows forwards
    back_root = back

    # canal: behind the body, enclosed left and right by the pedicles
    enclosed = []
    for z in np.arange(2.0, 30.0, 0.5):
        r = exits(m, (0, -back_root - 5.0, z), X)
        lft = exits(m, (0, -back_root - 5.0, z), -X)
        if len(r) and len(lft) and r[0] < 25 and lft[0] < 25:
            enclosed.append(z)
    z_ped = float(np.median(enclosed))
    y_canal = -back_mid - 3.0
    canal_width = max(
        exits(m, (0, y, z_ped), X)[0] + exits(m, (0, y, z_ped), -X)[0]
        for y in np.arange(-back_mid - 1.0, -back_mid - 8.0, -1.0)
    )
    # depth: mid-sagittal, body to the laminae's junction, where the laminae close the roof
    depths = []
    for z in np.arange(2.0, z_ped + 0.1, 0.5):
        t_back, t_front = exits(m, (0, y_canal, z), -Y), exits(m, (0, y_canal, z), Y)
        if len(t_back) and len(t_front) and t_back[0] < 30.0 and t_front[0] < 6.0:
            depths.append(t_back[0] + t_front[0])
    canal_depth = float(np.median(depths))

    # pedicle: at L5 the transverse process grows out of the pedicle's side at mid-height, so the
    # pedicle's own width is read in its upper half (5 mm above the middle, above that root):
    # canal wall to lateral wall, median over 3-13 mm behind the body; its height: the bone
    # above and below a point just inside its medial wall, 3 mm behind the body
    widths = []
    for y in np.arange(-back_root - 3.0, -back_root - 13.5, -1.0):
        t = exits(m, (0, y, z_ped + 5.0), X)
        if len(t) >= 2:
            widths.append(t[1] - t[0])
    ped_w = float(np.median(widths))
    y_ped = -back_root - 3.0
    x_ped = exits(m, (0, y_ped, z_ped), X)[0] + 3.0
    up = exits(m, (x_ped, y_ped, z_ped), Z)[0]
    down = exits(m, (x_ped, y_ped, z_ped), -Z)[0]

    span = m.vertices[:, 0].max() - m.vertices[:, 0].min()
    tip = m.vertices[np.argmin(m.vertices[:, 1])]
    sp_len = float(np.linalg.norm(tip - np.array([0.0, -back_mid, z_mid])))
    return L5Measures(
        width,
        depth,
        h_ant,
        h_post,
        canal_width,
        canal_depth,
        ped_w,
        up + down,
        span,
        sp_len,
        -back_mid,
        z_ped,
    )


@pytest.fixture(scope="module")
def l5(model):
    return measure_l5(model)


@pytest.mark.parametrize(
    "name,ref",
    [
        ("height_anterior", P.L5_BODY_ANTERIOR_HEIGHT),
        ("height_posterior", P.L5_BODY_POSTERIOR_HEIGHT),
        ("body_depth_inferior", P.L5_ENDPLATE_DEPTH_INFERIOR),
        ("body_width_mid", P.L5_BODY_WIDTH_MID),
        ("canal_width", P.L5_CANAL_WIDTH),
        ("canal_depth", P.L5_CANAL_DEPTH),
        ("pedicle_width", P.L5_PEDICLE_WIDTH),
        ("pedicle_height", P.L5_PEDICLE_HEIGHT),
        ("transverse_span", P.L5_TRANSVERSE_SPAN),
        ("spinous_length", P.L5_SPINOUS_LENGTH),
    ],
)
def test_l5_measures_like_the_published_l5(l5, name, ref):
    value = getattr(l5[0], name)
    assert ref.accepts(value), (
        f"{name} {value:.1f} mm, published {ref.value} ± {ref.tolerance():.1f} ({ref.source})"
    )


def test_l5_body_is_wedged_taller_in_front(l5):
    m = l5[0]
    assert m.height_anterior - m.height_posterior > 2.0


def test_l5_spinous_process_is_short(l5):
    """L5's spinous process is the stubbiest of the lumbar ones: shorter than the L2-L5 mean."""
    assert l5[0].spinous_length < P.L5_SPINOUS_LENGTH.value


def test_l5_transverse_processes_arise_at_the_pedicle_body_junction(l5):
    """The tips are lateral to the pedicles and the processes join the bone next to the back of
    the body, not out on the laminae as higher up the spine."""
    m, mesh, _ = l5
    v = mesh.vertices
    tip = v[np.argmax(v[:, 0])]
    assert tip[0] > 40.0
    # bone crosses the line x = 30 (beyond the pedicle) close behind the body, at pedicle level
    band = v[(np.abs(v[:, 0] - 30.0) < 1.0) & (np.abs(v[:, 2] - m.pedicle_level) < 8.0)]
    assert len(band) and band[:, 1].max() > m.body_back - 8.0


def test_l5_canal_is_triangular(l5):
    """Wide in front, narrowing to an apex at the laminae behind (the L5 vertebral foramen)."""
    m, mesh, _ = l5
    X = np.array([1.0, 0.0, 0.0])
    y_front = m.body_back - 1.0
    y_rear = m.body_back - 0.75 * m.canal_depth

    def width(y):
        return (
            exits(mesh, (0, y, m.pedicle_level), X)[0] + exits(mesh, (0, y, m.pedicle_level), -X)[0]
        )

    assert width(y_rear) < 0.7 * width(y_front)


def test_l5_within_triangle_budget(model):
    assert len(model.mesh("l5_vertebra").faces) <= BUDGET


def test_l5_s1_foramen_is_open_for_the_l5_root(model, l5):
    """Between the L5 pedicle above and S1 below, behind the disc and in front of the facet joint,
    a root-sized passage runs out sideways: some straight lateral path from the canal's edge to
    beyond the pedicles keeps 2.5 mm from every bone and the disc (the L5 root is about 5 mm)."""
    m, _, fr = l5
    solid = joined(
        [
            model.mesh(s)
            for s in ("l5_vertebra", "s1_segment", "l5_s1_disc_annulus", "l5_s1_disc_nucleus")
        ]
    )
    tree = cKDTree(trimesh.sample.sample_surface(solid, 120000, seed=1)[0])
    xs = np.arange(12.0, 40.0, 0.5)
    yz = np.stack(
        np.meshgrid(
            np.arange(m.body_back + 2.0, m.body_back - 14.0, -1.0),
            np.arange(-12.0, m.pedicle_level, 1.0),
            indexing="ij",
        ),
        -1,
    ).reshape(-1, 2)
    for side in (1.0, -1.0):
        lines = np.stack(
            [np.column_stack([side * xs, np.full_like(xs, y), np.full_like(xs, z)]) for y, z in yz]
        )  # (candidates, points, 3)
        pts = fr.to_model(lines.reshape(-1, 3))
        clearance = tree.query(pts)[0].reshape(len(yz), len(xs)).min(axis=1)
        best = 0.0
        for k in np.argsort(clearance)[::-1][:20]:  # the roomiest lines that run outside bone
            if not inside(solid, pts.reshape(len(yz), len(xs), 3)[k][::4]).any():
                best = clearance[k]
                break
        assert best >= 2.5, f"the widest lateral passage keeps only {best:.1f} mm from bone"
