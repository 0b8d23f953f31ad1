"""Pins below the widgets: a pin stays on its triangle whatever the mesh does, barycentric
weights round-trip a surface point, notes are one short line, and the board says what changed."""

from __future__ import annotations

import numpy as np

from viewer.scene.pins import MAX_PIN_TEXT, Pin, PinBoard, barycentric_of, clean_text, pin_position


def test_a_surface_point_round_trips_through_its_barycentric_weights():
    rng = np.random.default_rng(3)
    for _ in range(50):
        tri = rng.normal(size=(3, 3)) * 20
        w = rng.dirichlet([1, 1, 1])
        p = w @ tri
        back = barycentric_of(p, tri)
        assert np.allclose(back, w, atol=1e-9) and abs(sum(back) - 1) < 1e-12


def test_a_point_off_the_triangle_is_projected_into_it():
    tri = np.array([[0.0, 0, 0], [10, 0, 0], [0, 10, 0]])
    w = barycentric_of([2.0, 3.0, 7.0], tri)  # above the triangle: its foot
    assert np.allclose(np.asarray(w) @ tri, [2.0, 3.0, 0.0])
    assert min(barycentric_of([-5.0, -5.0, 0.0], tri)) >= 0.0  # outside: clamped into it


def test_a_pin_follows_its_triangle_when_the_shape_changes():
    points = np.array([[0.0, 0, 0], [10, 0, 0], [0, 10, 0], [10, 10, 0]])
    faces = np.array([[0, 1, 2], [1, 3, 2]])
    pin = Pin("p", "disc", 1, (0.2, 0.3, 0.5), "bulge")
    before = pin_position(pin, points, faces)
    swollen = points * 1.5 + [0.0, 0.0, 4.0]
    assert np.allclose(pin_position(pin, swollen, faces), before * 1.5 + [0, 0, 4.0])


def test_notes_are_one_short_line():
    assert clean_text("two\nlines\tand\x00 more  spaces") == "two lines and more spaces"
    assert len(clean_text("x" * 1000)) == MAX_PIN_TEXT


def test_the_board_emits_one_event_per_change_with_the_pins_changed():
    board = PinBoard()
    seen = []
    board.events.pins.connect(lambda e: seen.append(e.ids))
    a = Pin(board.new_id(), "l5_vertebra", 0, (1.0, 0.0, 0.0), "a")
    board.put(a)
    board.put(a)  # the same: nothing
    board.put(a.with_text("b"))
    b = Pin(board.new_id(), "s1_segment", 2, (0.0, 1.0, 0.0))
    board.replace_all([b])
    board.remove(b.id)
    board.remove(b.id)  # gone already: nothing
    assert seen == [{a.id}, {a.id}, {a.id, b.id}, {b.id}]
    assert a.id != b.id and len(board) == 0
