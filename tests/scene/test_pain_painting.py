"""The painted pain map: brush, eraser, pain types, events and the scene-file dictionary."""

from __future__ import annotations

import json

import pytest

from viewer.scene.pain_painting import FORMAT_VERSION, PAIN_TYPES, PainPainting
from viewer.scene.pain_zones import ZoneKey

BUTTOCK_L = ZoneKey("buttock", "left")
FOOT_L = ZoneKey("lateral_foot", "left")
GROIN_R = ZoneKey("groin", "right")


def test_brush_and_eraser_change_the_map_and_emit_one_event_each():
    painting, seen = PainPainting(), list[object]()
    painting.events.painting.connect(seen.append)
    assert painting.brush(BUTTOCK_L, "ache")
    assert not painting.brush(BUTTOCK_L, "ache"), "painting the same again changes nothing"
    assert painting.brush(BUTTOCK_L, "sharp", 0.5)
    assert painting.brush(FOOT_L, "pins_and_needles")
    assert len(seen) == 3
    assert painting.types_at(BUTTOCK_L) == {"ache": 1.0, "sharp": 0.5}
    assert painting.erase(BUTTOCK_L, "ache")
    assert painting.types_at(BUTTOCK_L) == {"sharp": 0.5}
    assert painting.erase(FOOT_L)
    assert not painting.erase(FOOT_L)
    assert painting.painted("left") == {"buttock": 0.5}
    assert len(seen) == 5


def test_sides_are_kept_apart():
    painting = PainPainting()
    painting.brush(GROIN_R, "ache")
    painting.brush(BUTTOCK_L, "numbness", 0.7)
    assert painting.sides() == ["left", "right"]
    assert painting.painted("right") == {"groin": 1.0}
    assert painting.painted("left", "numbness") == {"buttock": 0.7}
    assert painting.painted("left", "ache") == {}


def test_an_unknown_pain_type_is_refused():
    with pytest.raises(ValueError):
        PainPainting().brush(BUTTOCK_L, "burning")


def test_to_dict_and_back_keeps_every_mark():
    painting = PainPainting()
    for n, kind in enumerate(PAIN_TYPES):
        painting.brush(BUTTOCK_L, kind, 0.25 * (n + 1))
    painting.brush(GROIN_R, "sharp")
    data = json.loads(json.dumps(painting.to_dict()))
    assert data["version"] == FORMAT_VERSION
    again = PainPainting.from_dict(data, zones={"buttock", "groin"})
    assert again.marks() == painting.marks()


@pytest.mark.parametrize(
    "bad",
    [
        {"version": 99, "marks": []},
        {"version": FORMAT_VERSION, "marks": "buttock"},
        {"version": FORMAT_VERSION, "marks": [{"zone": "buttock", "side": "left", "type": "ache"}]},
        {"version": 1, "marks": [{"zone": "knee", "side": "left", "type": "ache", "amount": 1}]},
        {"version": 1, "marks": [{"zone": "buttock", "side": "up", "type": "ache", "amount": 1}]},
        {"version": 1, "marks": [{"zone": "buttock", "side": "left", "type": "x", "amount": 1}]},
        {"version": 1, "marks": [{"zone": "buttock", "side": "left", "type": "ache", "amount": 2}]},
        {"version": 1, "marks": [{"zone": "Bad Id", "side": "left", "type": "ache", "amount": 1}]},
        {
            "version": 1,
            "marks": [{"zone": "buttock", "side": "left", "type": "ache", "amount": float("nan")}],
        },
    ],
)
def test_from_dict_refuses_a_bad_map(bad):
    with pytest.raises(ValueError):
        PainPainting.from_dict(bad, zones={"buttock"})


def test_clear_and_replace():
    painting, seen = PainPainting(), list[object]()
    painting.events.painting.connect(seen.append)
    painting.clear()
    assert seen == []
    other = PainPainting()
    other.brush(FOOT_L, "numbness")
    painting.replace(other)
    assert painting.marks() == other.marks() and len(seen) == 1
    painting.clear()
    assert painting.empty and len(seen) == 2
