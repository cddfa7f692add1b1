"""Figures of activations, written headless: matplotlib's ``Figure`` on the Agg canvas, never
pyplot. matplotlib is imported inside the functions, so printing never pays for it."""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np

from actplot.registry import Activation

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
# No timestamps or versions in the files: the same command writes the same bytes.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Producer": None, "Creator": None},
}
_MARGIN = 0.2  # a fifth of the span, shared among the bounded sides (sigmoid -0.1..1.1, relu -1..5)


class PlotError(ValueError):
    """A plot that cannot be written; the message names the path and why."""


def plot_format(path: str) -> str:
    """The file format a path asks for by its suffix; ``-`` is PNG on stdout."""
    if path == "-":
        return "png"
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise PlotError(f"{path}: unknown image format {suffix or '(no suffix)'!r}; use .png, .svg or .pdf")
    return FORMATS[suffix]


def y_limits(record: Activation, y: np.ndarray) -> tuple[float, float] | None:
    """The output range with a margin on its bounded sides, the data's extremes elsewhere."""
    finite = y[np.isfinite(y)]
    if finite.size == 0:
        return None
    low, high = record.output_range
    bounded = [math.isfinite(low), math.isfinite(high)]
    if not any(bounded):
        return None
    low = low if bounded[0] else float(finite.min())
    high = high if bounded[1] else float(finite.max())
    if high <= low:
        return None
    margin = _MARGIN * (high - low) / sum(bounded)
    return low - margin * bounded[0], high + margin * bounded[1]


def figure(
    record: Activation,
    x: np.ndarray,
    y: np.ndarray,
    *,
    kind: str,
    label: str,
    size: Sequence[float] = (6.4, 4.8),
):
    """A figure of one activation: ``kind`` is ``curve`` (a sampled range), ``points`` (a list of
    values) or ``bars`` (a vector function of a list: one labelled bar per input)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=tuple(size), layout="constrained")
    ax = fig.add_subplot()
    if kind == "bars":
        positions = np.arange(x.size)
        bars = ax.bar(positions, y, color="C0")
        ax.bar_label(bars, labels=[f"{v:.4g}" for v in y], padding=2)
        ax.set_xticks(positions, [f"{v:g}" for v in x])
        ax.set_xlabel("input x")
        ax.set_ylabel(label)
    else:
        if kind == "curve":
            ax.plot(x, y, color="C0")
        else:
            ax.plot(x, y, "o", color="C0")
        ax.axhline(0, color="0.4", linewidth=0.8)
        ax.axvline(0, color="0.4", linewidth=0.8)
        ax.set_xlabel("x")
        ax.set_ylabel(label)
        limits = y_limits(record, y)
        if limits and "'" not in label:
            ax.set_ylim(*limits)
    ax.grid(True, alpha=0.3)
    ax.set_title(f"{record.name}:  {record.plain}", fontsize="medium")
    return fig


def save(fig, path: str, stdout: BinaryIO | None = None, dpi: float = 100) -> None:
    """Write the figure to ``path`` (or PNG bytes to ``stdout`` for ``-``), atomically: a
    temporary file beside the target is renamed over it, so a failure leaves nothing behind
    and never a half-written file."""
    fmt = plot_format(path)
    options = {"format": fmt, "dpi": dpi, "metadata": _METADATA[fmt]}
    if path == "-":
        _savefig(fig, stdout, options)
        return
    target = Path(path)
    directory = target.parent
    if not directory.is_dir():
        raise PlotError(f"{path}: directory {str(directory)!r} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise PlotError(f"{path}: cannot write there ({error.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            _savefig(fig, stream, options)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as error:
        raise PlotError(f"{path}: cannot write ({error.strerror})") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _savefig(fig, stream: BinaryIO, options: dict) -> None:
    import matplotlib

    # A fixed salt makes the SVG's element ids the same from run to run.
    with matplotlib.rc_context({"svg.hashsalt": "actplot"}):
        fig.savefig(stream, **options)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
