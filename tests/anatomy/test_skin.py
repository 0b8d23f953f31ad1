"""The skin: the real body surface (MakeHuman hm08, CC0) registered to the bones, closed, smooth,
within budget, around every bone and muscle at a depth a body has, from above the iliac crest to
mid-thigh, cut by flat section caps."""

from __future__ import annotations

import numpy as np
import pytest

from tests.anatomy.tissue_geometry import BONES, SKIN_SPACING, signed_distance
from viewer.anatomy import body_surface
from viewer.anatomy import parameters as P
from viewer.anatomy import skin as skin_module
from viewer.anatomy.build import BuildContext, Built
from viewer.anatomy.structures import ids
from viewer.vocabulary import SIDES


def _cap_faces(mesh) -> np.ndarray:
    """Faces of the section caps: flat, facing straight up or down, at the top or the bottom."""
    z = mesh.triangles_center[:, 2]
    level = (np.abs(z - mesh.bounds[1][2]) < 0.01) | (np.abs(z - mesh.bounds[0][2]) < 0.01)
    return level & (np.abs(mesh.face_normals[:, 2]) > 0.999)


def test_skin_within_triangle_budget(model):
    assert len(model.mesh("skin").faces) <= 20_000


def test_skin_encloses_every_bone_at_depth(model):
    skin = model.mesh("skin")
    for b in BONES:
        v = model.mesh(b).vertices[::7]
        depth = -signed_distance(skin, v, SKIN_SPACING)
        assert (depth > 0).all(), f"{b} pokes out of the skin"
        depth = depth.min()
        assert depth >= P.SKIN_MIN_DEPTH - 2.0, f"{b} lies {depth:.1f} mm under the skin"


def test_skin_encloses_the_muscles(model):
    skin = model.mesh("skin")
    top = skin.bounds[1][2]
    for m in ids("muscles"):
        v = model.mesh(m).vertices[::5]
        v = v[v[:, 2] < top - 5]  # muscles running on above the cut are cut by it
        assert len(v), f"{m} lies wholly above the skin's cut"
        assert (signed_distance(skin, v, SKIN_SPACING) < 0).mean() > 0.99, (
            f"{m} pokes out of the skin"
        )


def test_skin_spans_above_the_iliac_crest_to_mid_thigh(model, lm):
    skin = model.mesh("skin")
    crest = max(lm[f"iliac_crest_top_{s}"][2] for s in SIDES)
    assert skin.bounds[1][2] > crest + 50, "should reach above the iliac crest"
    head_top = model.mesh("femur_right").bounds[1][2]
    assert skin.bounds[0][2] < head_top - 150, "should reach down the thigh"


def test_skin_is_cut_by_three_flat_section_caps(model):
    skin = model.mesh("skin")
    caps = _cap_faces(skin)
    top, bottom = skin.bounds[1][2], skin.bounds[0][2]
    centres = skin.triangles_center[caps]
    up = caps & (skin.face_normals[:, 2] > 0)
    down = caps & (skin.face_normals[:, 2] < 0)
    assert np.allclose(skin.triangles_center[up][:, 2], top, atol=0.01), "top cap faces down"
    assert np.allclose(skin.triangles_center[down][:, 2], bottom, atol=0.01), "thigh caps face up"
    # every face at the cut levels belongs to a flat cap: the cuts are clean planes
    z = skin.vertices[skin.faces][:, :, 2]
    on_cut = (np.abs(z - top) < 0.01).all(axis=1) | (np.abs(z - bottom) < 0.01).all(axis=1)
    assert (caps == on_cut).all(), "ragged cut: faces at a cut level that are not a flat cap"
    # one cap across the trunk, one across each thigh (left and right of the midline)
    low = centres[centres[:, 2] < top - 1]
    assert (low[:, 0] > 20).any() and (low[:, 0] < -20).any()
    assert not (np.abs(low[:, 0]) < 20).any(), "the thigh caps should be apart"
    assert skin.area_faces[caps].sum() > 0.1 * skin.area, "caps are missing"


def test_skin_is_smooth_away_from_its_cuts(model):
    skin = model.mesh("skin")
    caps = _cap_faces(skin)
    pairs = skin.face_adjacency
    body = ~caps[pairs].any(axis=1)
    angles = np.degrees(skin.face_adjacency_angles[body])
    assert np.percentile(angles, 99) < 30, "the surface shows steps or creases"


def test_skin_is_a_human_torso_and_thighs(model):
    """Proportions of a real body: the waist narrower than the hips, the buttocks behind the
    sacrum, two separate thighs at the bottom cut."""
    skin = model.mesh("skin")

    def width(z):
        s = skin.section([0, 0, 1], [0, 0, z])
        return np.ptp(s.vertices[:, 0])

    gt = model.mesh("femur_right").bounds[1][2] - 40
    assert width(skin.bounds[1][2] - 20) < 0.9 * width(gt), "no waist above the hips"
    sacrum_back = model.mesh("sacrum_lower").bounds[0][1]
    assert skin.bounds[0][1] < sacrum_back - 30, "buttocks should stand behind the sacrum"
    cut = skin.section([0, 0, 1], [0, 0, skin.bounds[0][2] + 5])
    assert len(cut.discrete) == 2, "two thighs at mid-thigh"


def _landmarks(model, lm) -> dict[str, np.ndarray]:
    """The pelvic landmarks and the L5 spinous tip (the hindmost point of L5)."""
    l5 = model.mesh("l5_vertebra").vertices
    return {**lm, "l5_spinous_tip": l5[np.argmin(l5[:, 1])]}


def test_skin_lies_at_the_published_depth_over_the_landmarks(model, lm):
    """The registration puts the skin near the soft-tissue depth over each palpable landmark."""
    skin = model.mesh("skin")
    landmarks = _landmarks(model, lm)
    for name, (direction, depth) in P.SKIN_TISSUE_DEPTHS.items():
        for side in SIDES if name != "l5_spinous_tip" else ("",):
            key = f"{name}_{side}" if side else name
            sx = -1.0 if side == "left" else 1.0
            d = np.array(direction) * [sx, 1, 1]
            d = d / np.linalg.norm(d)
            hits, _, _ = skin.ray.intersects_location([landmarks[key]], [d])
            assert len(hits), f"no skin out from {key}"
            found = np.linalg.norm(hits - landmarks[key], axis=1).min()
            assert abs(found - depth) < 12.0, f"{key}: skin {found:.0f} mm out, want {depth}"


def test_skin_keeps_the_base_mesh_indices(model, lm):
    inner = ids("bones") + ids("disc") + ids("muscles")
    ctx = BuildContext({s: Built(model.mesh(s)) for s in inner}, _landmarks(model, lm))
    mesh, index = skin_module.skin_with_index(ctx)
    assert len(index) == len(mesh.vertices)
    body = body_surface.load()
    kept = index >= 0
    assert kept.sum() > 500, "the skin should keep the base mesh's vertices"
    assert len(np.unique(index[kept])) == kept.sum(), "one skin vertex per base.obj vertex"
    assert set(index[kept]) <= set(body.base_index.tolist())


def test_body_surface_reads_a_base_mesh_in_model_axes():
    """base.obj's axes (dm; +x the subject's left, +y up, +z anterior) become RAS mm, the
    ``body`` group only, each vertex with its index."""
    text = "\n".join(
        [
            "v 0 0 0",  # 0: far below the region
            "v 1 0.5 0",  # 1: subject's left hip joint
            "v -1 0.5 0",  # 2: right hip joint
            "v 0.1 1.0 0.2",  # 3..6: a quad of body surface
            "v -0.1 1.0 0.2",
            "v -0.1 1.2 0.2",
            "v 0.1 1.2 0.2",
            "g body",
            "f 4/1 5/2 6/3 7/4",
            "g joint-l-upper-leg",
            "f 2 2 2",
            "g joint-r-upper-leg",
            "f 3 3 3",
        ]
    )
    region = body_surface.region_from_obj(text)
    assert region.hip_centers[0] == pytest.approx([100.0, 0.0, 50.0])  # right: +x in RAS
    assert sorted(region.base_index.tolist()) == [3, 4, 5, 6]
    v = region.vertices[list(region.base_index).index(3)]
    assert v == pytest.approx([-10.0, 20.0, 100.0])  # left of the subject, anterior, up
    assert len(region.faces) == 2


def test_committed_body_surface_is_the_hm08_region():
    body = body_surface.load()
    assert body.base_index.max() < 13380, "indices of hm08's body vertices"
    assert len(body.faces) > 5000
    assert (body.hip_centers[0, 0] > 0) and (body.hip_centers[1, 0] < 0)
