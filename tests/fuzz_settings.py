"""How hard the fuzz tests search: a bounded, repeatable run in `make test`, a long
random one in `make fuzz`.

Every fuzz test (marked `@pytest.mark.fuzz`) takes its hypothesis settings from
`fuzz_settings(max_examples=N)`: N examples, derandomized (the same inputs every run,
so `make test` is deterministic). `make fuzz` sets ULTRACART_FUZZ_SCALE (default there:
20) to try N x scale examples from a fresh random seed each run, and prints hypothesis's
statistics (how many cases each test ran). To add a fuzz target (a hostile spec for the
code generator, say): mark the test `fuzz` and decorate it with fuzz_settings().
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

SCALE_VARIABLE = "ULTRACART_FUZZ_SCALE"


def scale() -> float:
    """The multiplier of every fuzz test's examples (1 in `make test`)."""
    try:
        value = float(os.environ.get(SCALE_VARIABLE, "1"))
    except ValueError:
        return 1.0
    return value if value > 0 else 1.0


def fuzz_settings(max_examples: int) -> settings:
    searching = scale() != 1.0
    return settings(
        max_examples=max(1, round(max_examples * scale())),
        deadline=None,
        derandomize=not searching,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
        print_blob=searching,
        # No "explain" phase: on a failure it reruns the case hundreds of times (minutes
        # with a server that stalls), to say which parts of the input mattered.
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    )
