"""What a plot shows, independent of where it is drawn: the series, their style, the title,
the axis labels and limits. ``plotting`` draws a Chart with matplotlib, ``terminal`` with
Unicode characters; neither decides what goes into it."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from actplot.functions import Activation

_MARGIN = 0.2  # a fifth of the span, shared among the bounded sides (sigmoid -0.1..1.1, relu -1..5)


@dataclass(frozen=True)
class Series:
    """One line, set of points or set of bars; ``dashed`` marks a derivative; series of one
    ``group`` (a function and its derivative) share a colour."""

    label: str
    x: np.ndarray
    y: np.ndarray
    style: str = "curve"
    dashed: bool = False
    group: int = 0


@dataclass(frozen=True)
class Chart:
    """Everything one panel shows. ``formula`` is matplotlib mathtext (without the dollars),
    drawn under the title in images and left out in the terminal."""

    title: str
    series: tuple[Series, ...]
    formula: str = ""
    xlabel: str = "x"
    ylabel: str = "h(x)"
    xlim: tuple[float, float] | None = None
    ylim: tuple[float, float] | None = None
    legend: bool = False
    fits: bool = False  # the limits hold every value: nothing needs clipping at the frame


def y_limits(output_range: tuple[float, float], y: np.ndarray) -> tuple[float, float] | None:
    """The output range with a margin on its bounded sides and the data's extremes on the others
    (the article's sigmoid -0.1..1.1 and ReLU -1..5 over -5..5); None where nothing is bounded."""
    finite = y[np.isfinite(y)]
    if finite.size == 0:
        return None
    low, high = output_range
    bounded = (math.isfinite(low), math.isfinite(high))
    if not any(bounded):
        return None
    low = low if bounded[0] else float(finite.min())
    high = high if bounded[1] else float(finite.max())
    if high <= low:
        return None
    margin = _MARGIN * (high - low) / sum(bounded)
    return low - margin * bounded[0], high + margin * bounded[1]


def function_chart(
    record: Activation,
    x: np.ndarray,
    y: np.ndarray,
    *,
    style: str,
    derivative: bool = False,
    dy: np.ndarray | None = None,
    title: str | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
) -> Chart:
    """One activation (or its derivative) at x; ``dy`` overlays the derivative, dashed."""
    name = record.name + ("'" if derivative else "")
    ylabel = "h'(x)" if derivative else "h(x)"
    series = [Series(name, x, y, style)]
    if dy is not None:
        series.append(Series(record.name + "'", x, dy, style, dashed=True, group=1))
    fits = ylim is None and xlim is None
    if ylim is None and not derivative and style != "bars":
        ylim = y_limits(record.output_range, y if dy is None else np.concatenate([y, dy]))
    if style == "bars" and ylim is None and not derivative and record.output_range == (0.0, 1.0):
        # Probabilities: the whole unit interval, room for the labels (and a negative derivative).
        low = min(0.0, 1.15 * float(np.min(dy))) if dy is not None else 0.0
        ylim = (low, 1.1)
    return Chart(
        title=title if title is not None else name,
        series=tuple(series),
        formula="" if derivative or title == "" else record.math,
        xlabel="input x" if style == "bars" else "x",
        ylabel=f"{name}(x)" if style == "bars" else ylabel,
        xlim=xlim,
        ylim=ylim,
        legend=dy is not None,
        fits=fits,
    )


def comparison_chart(
    entries: list[tuple[str, np.ndarray, np.ndarray | None]],
    x: np.ndarray,
    *,
    title: str | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
) -> Chart:
    """Several functions over the same x as (label, y, derivative or None); each derivative is
    dashed in its function's colour."""
    series = []
    for group, (label, y, dy) in enumerate(entries):
        series.append(Series(label, x, y, group=group))
        if dy is not None:
            series.append(Series(label + "'", x, dy, dashed=True, group=group))
    return Chart(
        title=title if title is not None else ", ".join(label for label, *_ in entries),
        series=tuple(series),
        xlim=xlim,
        ylim=ylim,
        legend=True,
    )
