"""Hypothesis settings shared by the fuzz tests: a few hundred cases in the default run, at least
a thousand under ``pytest -m nightly`` (``make fuzz``)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

#: cases per property in the default run (about a second each)
DEFAULT_EXAMPLES = 200
#: cases per property in the nightly run
NIGHTLY_EXAMPLES = 1000


def fuzz_settings(examples: int = DEFAULT_EXAMPLES) -> settings:
    """Deterministic (derandomised), no deadline (the machine is shared), no database."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
