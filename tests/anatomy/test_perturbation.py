"""The simulated other machine (:mod:`viewer.anatomy.perturbation`) acts only inside its block."""

from __future__ import annotations

import numpy as np

from viewer.anatomy import perturbation


def test_the_noise_is_on_inside_the_block_and_off_after_it():
    x = np.linspace(1.0, 100.0, 50)
    assert perturbation.active() is None
    with perturbation.perturbed(1e-6, 7) as p:
        assert perturbation.active() is p
        moved = perturbation.points(x)
        assert not np.array_equal(moved, x)
        assert np.abs(moved - x).max() <= 1e-5 * np.abs(x).max()
        assert not np.array_equal(perturbation.array(x), x)
    assert perturbation.active() is None
    assert perturbation.points(x) is x
    assert np.array_equal(perturbation.array(x), x)


def test_the_block_ends_even_when_the_build_fails():
    try:
        with perturbation.perturbed(1e-6, 7):
            raise RuntimeError("a builder failed")
    except RuntimeError:
        pass
    assert perturbation.active() is None


def test_the_same_seed_gives_the_same_noise_and_integers_are_left_alone():
    x = np.linspace(1.0, 100.0, 50)
    with perturbation.perturbed(1e-6, 7):
        first = perturbation.points(x)
    with perturbation.perturbed(1e-6, 7):
        again = perturbation.points(x)
    assert np.array_equal(first, again)
    ints = np.arange(10)
    with perturbation.perturbed(1e-6, 7):
        assert np.array_equal(perturbation.array(ints), ints)


def test_a_build_as_on_another_machine_derives_the_bones_again(monkeypatch):
    """The bones' derivation is cached per process (landmarks() and the build share it): a build
    as on another machine must not reuse this machine's (it did whenever an earlier test in the
    rebuild test's process had asked for the landmarks: its bones were then not perturbed)."""
    from unittest import mock

    from viewer.anatomy import pelvis
    from viewer.anatomy.build import BuildContext

    asked: list[str] = []

    def answer(kind: str):
        asked.append(kind)
        return {}, mock.Mock(named=dict), {}

    cached = mock.Mock(side_effect=lambda: answer("cached"))
    cached.__wrapped__ = lambda: answer("derived again")
    monkeypatch.setattr(pelvis, "_built", cached)
    pelvis.build(BuildContext())
    with perturbation.perturbed(1e-6, 7):
        pelvis.build(BuildContext())
    assert asked == ["cached", "derived again"]
