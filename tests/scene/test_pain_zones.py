"""The finer pain zones on the body chart and the 3D skin, from the bundled content."""

from __future__ import annotations

import collections

import numpy as np
import pytest

from viewer import locations
from viewer.anatomy import meshio
from viewer.scene.pain_zones import (
    ZoneKey,
    ZoneMap,
    clip_to_box,
    point_in_polygon,
    skin_vertex_zones,
)
from viewer.vocabulary import SIDES

#: zones the coarse anatomapa regions could not tell apart, which the explorer must
FINE_ZONES = {
    "buttock",
    "lateral_hip",
    "groin",
    "posterior_thigh",
    "lateral_thigh",
    "anterior_thigh",
    "calf",
    "sole",
    "lateral_foot",
    "heel",
}
#: zones the 3D skin reaches (iliac crest to mid-thigh)
SKIN_ZONES = {
    "low_back",
    "buttock",
    "lateral_hip",
    "groin",
    "posterior_thigh",
    "lateral_thigh",
    "anterior_thigh",
}


@pytest.fixture(scope="module")
def zone_map(content):
    return ZoneMap(content)


def test_clipping_a_square_to_a_box():
    square = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0))
    half = clip_to_box(square, 5.0, 20.0, -1.0, 11.0)
    assert sorted(half) == [(5.0, 0.0), (5.0, 10.0), (10.0, 0.0), (10.0, 10.0)]
    assert clip_to_box(square, 20.0, 30.0, 0.0, 10.0) == ()
    assert point_in_polygon(7.0, 5.0, half) and not point_in_polygon(3.0, 5.0, half)


def test_every_fine_zone_is_on_the_chart_on_both_sides(zone_map):
    assert FINE_ZONES <= set(zone_map.zones)
    for zone in zone_map.zones:
        for side in SIDES:
            views = [p.chart_view for p in zone_map.patches if p.key == ZoneKey(zone, side)]
            assert views, f"{zone} ({side}) is drawn nowhere"


def test_the_centre_of_each_zone_finds_that_zone(zone_map):
    for patch in zone_map.patches:
        centre = zone_map.centre(patch.key, patch.chart_view)
        assert centre is not None
        assert zone_map.zone_at(patch.chart_view, *centre) == patch.key, patch


def test_outer_foot_and_sole_are_apart_and_outer_is_lateral(zone_map):
    # seen from behind the patient's left is drawn on the left: the outer edge further left
    sole = zone_map.centre(ZoneKey("sole", "left"), "posterior")
    outer = zone_map.centre(ZoneKey("lateral_foot", "left"), "posterior")
    assert sole and outer and outer[0] < sole[0]
    # from the front the patient's left is drawn on the right: outer further right
    top = zone_map.centre(ZoneKey("top_of_foot", "left"), "anterior")
    outer_front = zone_map.centre(ZoneKey("lateral_foot", "left"), "anterior")
    assert top and outer_front and outer_front[0] > top[0]


def test_the_groin_is_on_the_front_and_the_buttock_on_the_back(zone_map):
    assert zone_map.views_of("groin") == {"anterior"}
    assert zone_map.views_of("buttock") == {"posterior"}
    assert zone_map.zone_at("anterior", 5.0, 5.0) is None


def test_every_skin_zone_covers_skin_on_both_sides(content):
    skin = meshio.read_mesh(locations.mesh_file("skin"))
    index = np.load(locations.mesh_file("skin", locations.BASE_INDEX_SUFFIX))
    assert len(index) == len(skin.vertices), (
        "skin.base_index.npy is stale: remake it with make meshes"
    )
    zones = skin_vertex_zones(content, skin.vertices, index)
    counts = collections.Counter(zones)
    for zone in SKIN_ZONES:
        for side in SIDES:
            assert counts[ZoneKey(zone, side)] >= 30, (zone, side)
    v = np.asarray(skin.vertices)
    for key, point in zip(zones, v, strict=True):
        if key is None or abs(point[0]) < 2.0:  # on the midline either side will do
            continue
        # RAS: the patient's left is -x; behind is -y
        assert (point[0] < 0) == (key.side == "left"), key
    behind = [p[1] for k, p in zip(zones, v, strict=True) if k and k.zone == "buttock"]
    front = [p[1] for k, p in zip(zones, v, strict=True) if k and k.zone == "groin"]
    assert max(behind) < min(front), "buttock skin lies behind groin skin"
