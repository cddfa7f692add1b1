"""Charts drawn as images, headless: matplotlib's ``Figure`` on the Agg canvas, never pyplot
(but for ``--show``). matplotlib is imported inside the functions, so printing never pays for it."""

from __future__ import annotations

import math
import os
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from actplot.charts import Chart

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
# No timestamps or versions in the files: the same command writes the same bytes.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Producer": None, "Creator": None},
}
DEFAULT_SIZE = (6.4, 4.8)
DEFAULT_DPI = 100.0
A4_PORTRAIT = (8.27, 11.69)
_AXIS = {"color": "0.35", "linewidth": 0.8, "zorder": 1}


class PlotError(ValueError):
    """A plot that cannot be written or shown; the message names the path and why."""


def plot_format(path: str) -> str:
    """The file format a path asks for by its suffix; ``-`` is PNG on stdout."""
    if path == "-":
        return "png"
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise PlotError(f"{path}: unknown image format {suffix or '(no suffix)'!r}; use .png, .svg or .pdf")
    return FORMATS[suffix]


def check_target(path: str) -> None:
    """Fail before any work if ``path`` cannot be written: unknown suffix or missing directory."""
    plot_format(path)
    parent = Path(path).parent
    if path != "-" and not parent.is_dir():
        problem = "is not a directory" if parent.exists() else "does not exist"
        raise PlotError(f"{path}: directory {str(parent)!r} {problem}")


def _figure_class():
    """matplotlib's Figure, imported quickly.

    As it imports, matplotlib writes a table of properties into the docstring of the ``set``
    method of every Artist class (80 of the 330 ms the import takes here, measured). actplot
    never reads those docstrings, so the table is left empty while the import runs.
    """
    import matplotlib.artist

    table = matplotlib.artist.kwdoc
    matplotlib.artist.kwdoc = lambda artist: ""
    try:
        from matplotlib.figure import Figure
    finally:
        matplotlib.artist.kwdoc = table
    return Figure


# Margins of a single chart, in inches: room for the tick labels, the axis labels and a title
# of two lines (name, formula). Fixed margins cost nothing; a layout engine costs 25 ms a plot.
_MARGINS = {"left": 0.85, "right": 0.25, "bottom": 0.6, "top": 0.85}


def figure(chart: Chart, size: Sequence[float] = DEFAULT_SIZE):
    """A figure of one chart."""
    width, height = size
    fig = _figure_class()(figsize=(width, height))
    fig.subplots_adjust(
        left=min(_MARGINS["left"] / width, 0.4),
        right=max(1 - _MARGINS["right"] / width, 0.6),
        bottom=min(_MARGINS["bottom"] / height, 0.4),
        top=max(1 - _MARGINS["top"] / height, 0.6),
    )
    _draw(fig.add_subplot(), chart)
    return fig


def sheet(charts: Sequence[Chart], size: Sequence[float] = A4_PORTRAIT, columns: int = 4, title: str = ""):
    """Small multiples: every chart in a grid on one page (A4 portrait by default); the
    derivatives are dashed (hatched bars), said once in the title instead of in every legend."""
    rows = math.ceil(len(charts) / columns)
    fig = _figure_class()(figsize=tuple(size), layout="constrained")
    if title:
        fig.suptitle(title, fontsize=11)
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    for ax, chart in zip(axes, charts, strict=False):
        _draw(ax, chart, compact=True)
    for ax in axes[len(charts) :]:
        ax.set_visible(False)
    return fig


def _draw(ax, chart: Chart, compact: bool = False) -> None:
    small = {"fontsize": 6.5} if compact else {}
    bars = [s for s in chart.series if s.style == "bars"]
    # Default limits hold every value: a line ending on the frame is drawn whole, not halved.
    clip = {"clip_on": not chart.fits}
    for series in chart.series:
        linestyle = "--" if series.dashed else "-"
        color = f"C{series.group}"
        if series.style == "curve":
            ax.plot(series.x, series.y, linestyle=linestyle, color=color, label=series.label, zorder=3, **clip)
        elif series.style == "points":
            marker = "x" if series.dashed else "o"
            ax.plot(series.x, series.y, marker, color=color, label=series.label, zorder=3, markersize=5, **clip)
        else:
            _draw_bars(ax, series, bars.index(series), len(bars), color, small)
    if not bars:
        ax.axhline(0, **_AXIS)
        ax.axvline(0, **_AXIS)
    ax.grid(True, alpha=0.3)
    ax.set_xlabel(chart.xlabel, **small)
    ax.set_ylabel(chart.ylabel, **small)
    if compact:
        ax.tick_params(labelsize=6)
    if chart.xlim:
        ax.set_xlim(*chart.xlim)
    if chart.ylim:
        ax.set_ylim(*chart.ylim)
    formula = chart.formula.replace(r"\frac", r"\dfrac")  # full-size fractions, readable when small
    if chart.title or formula:
        title = "\n".join(filter(None, [chart.title, f"${formula}$" if formula else ""]))
        ax.set_title(title, fontsize=7 if compact else 11)
    if chart.legend and not compact:
        ax.legend(fontsize="small", loc="best")


def _draw_bars(ax, series, index: int, count: int, color: str, small: dict) -> None:
    """Bars one per input, side by side when several series share the inputs, each labelled."""
    import numpy as np

    width = 0.8 / count
    positions = np.arange(series.x.size) + (index - (count - 1) / 2) * width
    hatch = "//" if series.dashed else None
    drawn = ax.bar(positions, series.y, width=width, color=color, label=series.label, hatch=hatch, alpha=0.9)
    if not (small and series.dashed):  # on a small panel only the function's own values
        digits = 3 if small else 4
        labels = [f"{v:.{digits}g}".replace("-", "\u2212") for v in series.y]
        ax.bar_label(drawn, labels=labels, padding=2, fontsize=small.get("fontsize", 9))
    ax.set_xticks(np.arange(series.x.size), [f"{v:g}" for v in series.x])
    ax.axhline(0, **_AXIS)
    ax.margins(y=0.15)  # room for the labels above and below the bars


def save(fig, path: str, *, stdout: BinaryIO | None = None, dpi: float = DEFAULT_DPI) -> None:
    """Write the figure to ``path`` (or PNG bytes to ``stdout`` for ``-``), atomically: a
    temporary file beside the target is renamed over it, so a failure leaves nothing behind
    and never a half-written file."""
    fmt = plot_format(path)
    options = {"format": fmt, "dpi": dpi, "metadata": _METADATA[fmt]}
    if path == "-":
        _savefig(fig, stdout, options)
        return
    check_target(path)
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
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
    with matplotlib.rc_context({"svg.hashsalt": "actplot"}), warnings.catch_warnings():
        # A figure too small for the layout engine is still drawn, without its notice.
        warnings.filterwarnings("ignore", message="constrained_layout not applied", category=UserWarning)
        fig.savefig(stream, **options)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def show(chart: Chart, size: Sequence[float] = DEFAULT_SIZE) -> None:
    """Open the chart in a window (``--show``); needs a display and an interactive backend."""
    _figure_class()
    import matplotlib.pyplot as plt

    if plt.get_backend().lower() in {"agg", "pdf", "svg", "ps", "cairo", "template"}:
        raise PlotError("cannot open a window: no display or interactive backend; use -o FILE or --terminal")
    fig = plt.figure(figsize=tuple(size), layout="constrained")
    _draw(fig.add_subplot(), chart)
    plt.show()
