"""Medians, spreads and ratios of benchmark samples."""

from __future__ import annotations

import statistics
from typing import TypedDict


class Summary(TypedDict):
    median: float
    p25: float
    p75: float
    min: float
    max: float
    n: int


def summarize(samples: list[float]) -> Summary:
    ordered = sorted(samples)
    if len(ordered) >= 2:
        p25, _, p75 = statistics.quantiles(ordered, n=4, method="inclusive")
    else:
        p25 = p75 = ordered[0]
    return Summary(
        median=statistics.median(ordered),
        p25=p25,
        p75=p75,
        min=ordered[0],
        max=ordered[-1],
        n=len(ordered),
    )


def paired_ratio(numerator: list[float], denominator: list[float]) -> Summary:
    """Ratios taken round by round (the samples of one round ran back to back)."""
    return summarize([a / b for a, b in zip(numerator, denominator, strict=True)])
