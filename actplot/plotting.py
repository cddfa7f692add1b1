"""Charts drawn as images, headless: matplotlib's ``Figure`` on the Agg canvas, never pyplot
(but for ``--show``). matplotlib is imported inside the functions, so printing never pays for it.

Every figure is an ``ActplotFigure``: a matplotlib Figure that shows itself inline in Jupyter
and whose ``savefig`` writes reproducible bytes (no timestamps), SVG text as text and PDF fonts
as TrueType (Type 42), whoever calls it. Text that DejaVu Sans (matplotlib's font) lacks, such
as Japanese, falls back to IPAexGothic, which actplot's install brings (matplotlib-fontja).
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from actplot.charts import Chart, Stack, shorter, value_labels, wrap

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
# No timestamps or versions in the files: the same command writes the same bytes.
METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Producer": None, "Creator": None},
}
# Text stays text in SVG (searchable, editable) and PDF embeds TrueType (Type 42), as publishers ask;
# a fixed salt makes the SVG's element ids the same from run to run.
_RC = {"svg.fonttype": "none", "pdf.fonttype": 42, "ps.fonttype": 42, "svg.hashsalt": "actplot"}
DEFAULT_SIZE = (6.4, 4.8)
DEFAULT_DPI = 100.0
A4_PORTRAIT = (8.27, 11.69)
MAX_PIXELS = 10**8  # a raster larger than this (400 MB of RGBA) is refused before any is allocated
SHEET_COLUMNS, SHEET_ROWS = 4, 6  # panels of an A4 page: each still legible when printed
SHEET_NARROWEST = 4.0  # inches: four panels of a row, each with its tick labels
_SHEET_ROW = 1.75  # inches a row of panels needs at the least: names, formula, axes, tick labels
_AXIS = {"color": "0.35", "linewidth": 0.8, "zorder": 1}
_FONT = "DejaVu Sans"
_FALLBACK = "IPAexGothic"
# Past ten functions the colours repeat: each further ten takes a marker, so every legend entry differs.
_MARKERS = ("o", "s", "^", "v", "D", "P", "X", "*", "<", ">", "h", "p", "d")


class PlotError(ValueError):
    """A plot that cannot be written or shown; the message names the path and why."""


def plot_format(path: str) -> str:
    """The file format a path asks for by its suffix; ``-`` is PNG on stdout."""
    if path == "-":
        return "png"
    suffix = Path(path).suffix.lower()
    if path.endswith(os.sep) or os.path.isdir(path):  # (-o /tmp/: 'unknown image format' said nothing useful)
        raise PlotError(f"{path}: is a directory; give a file name such as {os.path.join(path, 'plot.png')}")
    if suffix not in FORMATS:
        raise PlotError(f"{path}: unknown image format {suffix or '(no suffix)'!r}; use .png, .svg or .pdf")
    return FORMATS[suffix]


def _target(path: str) -> Path:
    """Where ``path`` writes: a symbolic link is written through, to the file it points to."""
    return Path(os.path.realpath(path))


def check_target(path: str) -> None:
    """Fail before any work if ``path`` cannot be written: unknown suffix or missing directory."""
    plot_format(path)
    if path == "-":
        return
    parent = _target(path).parent
    if not parent.is_dir():
        problem = "is not a directory" if parent.exists() else "does not exist"
        # A link's own directory exists: name the one it points into.
        shown = Path(path).parent if os.path.realpath(Path(path).parent) == str(parent) else parent
        raise PlotError(f"{path}: directory {str(shown)!r} {problem}")


def check_raster(size: Sequence[float], dpi: float) -> None:
    """Fail before any work if a PNG of ``size`` inches at ``dpi`` is too large to allocate."""
    width, height = (round(side * dpi) for side in size)
    if width * height > MAX_PIXELS:
        raise PlotError(
            f"a PNG of {width} x {height} pixels (--size {size[0]:g} {size[1]:g} at --dpi {dpi:g}) is more than "
            f"{MAX_PIXELS:.0e} pixels; lower --dpi or --size, or write .svg or .pdf"
        )


def check_printable(text: str, what: str = "the title") -> None:
    """Fail if some character of ``text`` is not text to draw: a control or format character
    (U+0001, ESC, U+FEFF), a private-use or unassigned code point, or a byte not in the locale's
    encoding (Python's surrogate escape); the message names the characters. White space is allowed.
    A terminal would obey ESC and BEL, a font has no glyph for any of them."""
    unseen = sorted({c for c in text if not c.isprintable() and not c.isspace()})
    if unseen:
        shown = ", ".join(f"U+{ord(c):04X}" for c in unseen[:5])
        raise PlotError(
            f"{what} holds characters that are not text to draw (control, format, private-use or unassigned "
            f"characters, or bytes not in the terminal's encoding): {shown}"
        )


def check_text(text: str, what: str = "the title") -> None:
    """Fail if some character of ``text`` is not text to draw (``check_printable``) or has no glyph
    in DejaVu Sans or IPAexGothic (it would be drawn as an empty box, or crash the PDF writer); the
    message names the characters."""
    check_printable(text, what)
    missing = _missing_glyphs(text, _font_paths())
    if missing:
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:5])
        raise PlotError(f"{what} holds characters that no font of actplot can draw: {shown}")


def _font_paths() -> list[str]:
    import importlib.util

    import matplotlib

    fallback = importlib.util.find_spec("matplotlib_fontja")  # found, not imported: importing restyles pyplot
    paths = [os.path.join(matplotlib.get_data_path(), "fonts", "ttf", "DejaVuSans.ttf")]
    if fallback is not None and fallback.submodule_search_locations:
        paths.append(os.path.join(fallback.submodule_search_locations[0], "fonts", "ipaexg.ttf"))
    return paths


def _missing_glyphs(text: str, paths: Iterable[str]) -> list[str]:
    from matplotlib.font_manager import get_font  # cached: the same font objects that draw the text

    missing = sorted({c for c in text if c.isprintable() and not c.isspace()})
    for path in paths:
        if not missing:
            break
        font = get_font(path)
        missing = [c for c in missing if font.get_char_index(ord(c)) == 0]
    return missing


def _families(texts: Iterable[str]) -> list[str]:
    """The font families for text: DejaVu Sans, with IPAexGothic to fall back on where DejaVu has
    no glyph (registered with matplotlib only then: most plots never load it)."""
    paths = _font_paths()
    if not _missing_glyphs("".join(texts), paths[:1]) or len(paths) < 2:
        return [_FONT]
    from matplotlib import font_manager

    if not any(entry.name == _FALLBACK for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(paths[1])
    return [_FONT, _FALLBACK]


def _figure_class():
    """actplot's Figure class, matplotlib imported quickly.

    As it imports, matplotlib writes a table of properties into the docstring of the ``set``
    method of every Artist class (80 of the 330 ms the import takes here, measured). actplot
    never reads those docstrings, so the table is left empty while the import runs.
    """
    global _Figure
    if _Figure is not None:
        return _Figure
    import matplotlib.artist

    table = matplotlib.artist.kwdoc
    matplotlib.artist.kwdoc = lambda artist: ""
    try:
        from matplotlib.figure import Figure
    finally:
        matplotlib.artist.kwdoc = table

    class ActplotFigure(Figure):
        """A matplotlib Figure that writes reproducible files (no timestamps), SVG text as text and
        PDF fonts as TrueType, and shows itself inline in Jupyter (``_repr_png_``)."""

        place = None  # place(renderer): positions the axes before each draw

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.starts = {}  # each axis's texts before the first draw laid them out (ticks.Start)
            self.legend_keywords = {}  # axes with a legend: its keywords (the legend is made afresh at each draw)
            self.legends_placed = set()  # axes whose legend stands outside them in this draw (place)
            self.legends_beside = {}  # axes with a legend beside them: its left edge and bottom (display units)

        def savefig(self, fname, *, metadata=None, **kwargs):
            import matplotlib

            named = isinstance(fname, str | os.PathLike)
            fmt = kwargs.get("format") or (plot_format(os.fspath(fname)) if named else "png")
            if fmt == "png":  # zlib level 3: a third less time than the default 6, files 5-20% larger
                kwargs["pil_kwargs"] = {"compress_level": 3, **(kwargs.get("pil_kwargs") or {})}
            with matplotlib.rc_context(_RC):
                return super().savefig(
                    fname, metadata=METADATA.get(fmt, {}) if metadata is None else metadata, **kwargs
                )

        def draw(self, renderer):
            # The axes are placed under their titles as those are drawn (the mathtext of a formula is
            # parsed once, for the measure and the drawing both); the texts along the axes are laid
            # out afresh, from where they started, at every draw.
            from actplot import ticks

            for ax in self.axes:
                ticks.restore(ax, self.starts)
                _restore_texts(ax, self.starts)
            if self.place is not None:
                self.place(renderer)
            for ax in self.axes:
                _bar_labels_inside(ax, renderer)
                ticks.lay_out(ax, renderer, self.legends_beside.get(ax))
            for ax, keywords in self.legend_keywords.items():  # (after the axes' texts: they may shorten the axes)
                if ax not in self.legends_placed:
                    _legend_within(ax, keywords, renderer)
            super().draw(renderer)

        def _repr_png_(self) -> bytes:
            import io

            stream = io.BytesIO()
            self.savefig(stream, format="png", dpi=DEFAULT_DPI)
            return stream.getvalue()

    _Figure = ActplotFigure
    return _Figure


_Figure = None


def _restore_title(ax, starts: dict, title, text: str, width: float) -> None:
    """The texts on ``ax`` as they started (``_restore_texts``), the ``title`` (an annotation, or
    None) wrapped afresh from ``text`` to ``width`` inches: at the figure's size now, for a figure
    resized after it was made had kept the lines of its first size."""
    _restore_texts(ax, starts)
    if title is not None:
        title.set_text("\n".join(_wrap(text, width, _TITLE_SIZE)))


def _restore_texts(ax, starts: dict) -> None:
    """The texts on ``ax`` (title, formula, bar labels) as they stood before the first draw fitted
    them: each draw fits them from there again, so that a figure saved twice writes one picture (the
    axes' height differed in its last digit from save to save). A legend inside the axes is made
    afresh at each draw (``_legend_within``)."""
    for text in ax.texts:
        if text not in starts:
            starts[text] = (
                text.get_text(),
                text.get_fontsize(),
                getattr(text, "xyann", None),
                text.get_va(),
                text.get_gid(),
            )
            continue
        words, size, place, align, gid = starts[text]
        text.set(text=words, fontsize=size, verticalalignment=align, gid=gid)
        if place is not None:
            text.xyann = place


# Layout: margins in inches around the axes. The room above them holds the title's lines and the
# formula, measured as they are drawn (a fraction over a sum stands four times as tall as a line);
# a layout engine of a few lines does it at draw time, where matplotlib's own would cost half the time.
_MARGINS = {"left": 0.85, "right": 0.25, "bottom": 0.6}
_TITLE_SIZE = 11
_SMALL = 7  # the titles of a sheet's panels
_PAD = 0.08  # inches above the axes, between the formula and the title, and above the title
_LEGEND_INSIDE = 6  # more entries than this, and the legend stands beside the axes


def _display(formula: str) -> str:
    return formula.replace(r"\frac", r"\dfrac")  # full-size fractions, readable when small


def _wrap(text: str, width_inches: float, fontsize: float) -> list[str]:
    """A title's lines: wrapped where it would run past the width (about 0.55 em a column)."""
    return wrap(text, max(int(width_inches * 72 / (0.55 * fontsize)), 10))


def _room_above(titles: list, renderer, dpi: float, width: float, ax=None) -> float:
    """Inches the title's texts take above the axes (above ``ax`` where there are none: the y
    axis's offset still takes its room), measured as drawn (the formula first: one
    wider than ``width`` inches is set smaller, to fit, but never under 5 points nor under two
    pixels to the em, so that its scripts of scripts are still the pixel FreeType needs at the
    least; then, a formula of pieces, broken into a line a piece; one that does not fit even so
    is left out)."""
    if titles and titles[0].get_gid() == "formula" and titles[0].get_text():
        formula, least = titles[0], _least_formula(dpi)
        size = max(formula.get_fontsize(), least)
        for text in (formula.get_text(), _formula_lines(formula.get_text())):
            formula.set(text=text, fontsize=size)
            wide = formula.get_window_extent(renderer).width / dpi
            while wide > width and formula.get_fontsize() > least:  # mathtext does not scale in proportion
                formula.set_fontsize(max(formula.get_fontsize() * min(width / wide, 0.95), least))
                wide = formula.get_window_extent(renderer).width / dpi
            if wide <= width or "\n" in text:
                break
        if wide > width:  # (softmax's stood at 4.88 points at --size 3 2)
            formula.set_text("")
    ax = titles[0].axes if titles else ax  # (without a title, the y axis's offset still takes its room)
    lift = _offset_room(ax, renderer, dpi) if ax is not None else 0.0
    if titles:  # the formula (or the title) stands above the y axis's "1e6" or "+6.9314e5"
        titles[0].xyann = (0, (_PAD + lift) * 72)
    height = sum(text.get_window_extent(renderer).height for text in titles) / dpi
    # to a millionth of an inch: the texts' heights, measured where the last draw left them, differ
    # in their last digits, and so did the axes' height from save to save
    return round(height + lift + _PAD * (len(titles) + 1), 6)


def _formula_lines(text: str) -> str:
    """A formula of pieces (mathtext, ``$...$``) as a line a piece, each its own mathtext: broken
    after the ``, \\ \\`` between the cases of a piecewise formula, else before a product's
    ``\\,(``; the formula itself where it has neither."""
    inner = text[1:-1]
    if r", \ \ " in inner:
        *pieces, last = inner.split(r", \ \ ")
        lines = [piece + "," for piece in pieces] + [last]
    elif r"\,(" in inner:
        head, *rest = inner.split(r"\,(")
        lines = [head + r"\,", *("(" + piece for piece in rest)]
    else:
        return text
    return "\n".join(f"${line.strip()}$" for line in lines)


def _least_formula(dpi: float) -> float:
    """Points: the smallest a formula is set, 5, or two pixels to the em at a low resolution."""
    return max(5, 2 * 72 / dpi)


def _offset_room(ax, renderer, dpi: float) -> float:
    """Inches that the y axis's offset or multiplier (matplotlib's "1e6", "+6.9314e5", written
    over the axes' top left corner) takes, so that the title's texts stand above it; 0 without."""
    axis = ax.yaxis
    formatter = axis.get_major_formatter()
    if not hasattr(formatter, "get_offset"):
        return 0.0
    formatter.set_locs(axis.get_majorticklocs())
    offset = formatter.get_offset()
    if not offset:
        return 0.0
    axis.offsetText.set_text(offset)
    # to a millionth of an inch, as _room_above's sum: a text's height, measured where the last
    # draw left it, differs in its last digits (the title stood 1e-6 pt lower on an SVG saved after a PNG)
    return round(axis.offsetText.get_window_extent(renderer).height / dpi + _PAD / 2, 6)


def figure(chart: Chart | Stack, size: Sequence[float] = DEFAULT_SIZE):
    """A figure of one chart, or of a stack of them; a legend of many entries stands beside the
    axes, not over the data."""
    return _fill(_figure_class()(figsize=tuple(size)), chart)


def _fill(fig, chart: Chart | Stack):
    if isinstance(chart, Stack):
        return _fill_stack(fig, chart)
    many = chart.legend and len(chart.series) > _LEGEND_INSIDE

    def margins() -> tuple[float, float, float, float, float]:
        """The figure's width and height now (it may have been resized since it was made: it had
        kept the layout of its first size), and its margins: left, right, bottom (inches)."""
        width, height = fig.get_size_inches()
        # On a small figure the margins shrink, so that the axes keep at least a third of each side.
        left = min(_MARGINS["left"], 0.4 * width)
        # a first guess at the room a legend beside the axes takes, measured at each draw (place)
        guess = _legend_guess(chart, 0.6 * width - left - _MARGINS["right"], height) if many else 0.0
        start = min(_MARGINS["right"] + guess, 0.6 * width - left)  # the right margin before the legend is measured
        return width, height, left, start, _bottom(chart, width, height)

    width, height, left, start, bottom = margins()
    ax = fig.add_axes((left / width, bottom / height, 1 - (left + start) / width, 0.5))
    lines = _wrap(chart.title, width - left - start, _TITLE_SIZE)  # centred over the axes
    titles = _draw(ax, chart, lines, legend={"loc": "upper left", "borderaxespad": 0} if many else None)
    title = titles[-1] if titles and titles[-1].get_gid() == "title" else None

    def place(renderer) -> None:
        width, height, left, start, bottom = margins()

        def restore(right: float) -> None:  # (the title over axes ``right`` inches from the right edge)
            _restore_title(ax, fig.starts, title, chart.title, width - left - right)

        restore(start)
        ax.xaxis.label.set_text(_xlabel(chart, width))

        def lay_out(right: float, low: float, renderer, edge: float = 1.0) -> float:
            """The axes placed under their title's texts, ``right`` inches from the figure's right
            edge and ``low`` from its bottom, the texts left of ``edge`` (a fraction of the width);
            the inches the texts take above them."""
            ax.set_position((left / width, low / height, 1 - (left + right) / width, 0.5))
            # the axes keep at least 40% of the height, 20% for a long title (a legend below, 15%)
            room = max(0.6 * height - low, 0.15 * height)
            top = _fit_above(ax, titles, chart.title, room, renderer, fig.dpi, room + 0.2 * height, edge)
            ax.set_position((left / width, low / height, 1 - (left + right) / width, 1 - (low + top) / height))
            return top

        fig.legends_placed.discard(ax)
        fig.legends_beside.pop(ax, None)
        top = lay_out(start, bottom, renderer)
        if not chart.legend or not many and _legend_fits_within(ax, fig.legend_keywords[ax], renderer):
            return
        # Beside the axes: a legend of many entries, or of a few that would cover the axes' texts
        # inside them; the title fitted afresh over the narrower axes.
        from actplot import ticks

        inch = renderer.points_to_pixels(72)
        gap = max(_LEGEND_GAP, ticks.overhang(ax, renderer) / inch + 0.04)
        restore(start)
        keywords = fig.legend_keywords[ax]
        # (the axes keeping 15% before a legend below had cramped a tall narrow figure's: at --size 2.5 6,
        # 5 points beside axes 53 pixels wide, where below it stood at 8)
        fits, right = _legend_beside(ax, keywords, renderer, left, gap, (0.4, 0.25))
        if not fits:  # below the axes, across the figure (at --size 1 4 no legend fitted beside or inside)
            plain = min(_MARGINS["right"], 0.6 * width - left)  # (no room kept for a legend beside)

            def below(most: float, cut: bool = False) -> bool:
                """The legend below the axes in ``most`` inches (``_legend_below``), placed there if it fits."""
                restore(plain)
                fits, taken = _legend_below(ax, keywords, renderer, most, cut)
                if fits:
                    fig.legends_placed.add(ax)
                    lay_out(plain, bottom + taken, renderer)
                    ax.get_legend().set_bbox_to_anchor((0.5, _LEGEND_EDGE / height), transform=fig.transFigure)
                return fits

            if below(min(0.3 * height, 0.5 * height - bottom)):
                return
            if not many:  # inside after all, as small as it goes (_legend_within), if within the figure
                restore(start)
                lay_out(start, bottom, renderer)
                _legend_within(ax, keywords, renderer)
                extent, edges = ax.get_legend().get_window_extent(renderer), fig.bbox
                if edges.x0 <= extent.x0 and extent.x1 <= edges.x1 and edges.y0 <= extent.y0 and extent.y1 <= edges.y1:
                    return
                # (at --size 0.55 1.79 it ran past the figure's left edge: beside, or cut, as one of many)
                restore(start)
            fits, right = _legend_beside(ax, keywords, renderer, left, gap, (0.15,))
            if not fits:  # whole nowhere: below in more of the height, else cut where it shows more entries
                last = _LAST_BELOW * height - bottom
                restore(plain)
                under = _entries_shown(ax) if _legend_below(ax, keywords, renderer, last, cut=True)[0] else -1
                restore(start)
                fits, right = _legend_beside(ax, keywords, renderer, left, gap, (0.15,), cut=True)
                # (below, "… 16 more" alone fitted where nothing did beside: it had been dropped)
                if under > (_entries_shown(ax) if fits else -1) and below(last, cut=True):
                    return
                if not fits:  # not even "… 12 more" fits: no legend, rather than one past the edge
                    ax.get_legend().remove()
                    fig.legends_placed.add(ax)  # (not made again inside the axes)
                    restore(plain)
                    lay_out(plain, bottom, renderer)
                    return
        fig.legends_placed.add(ax)
        restore(right)
        edge = (width - right + gap) / width  # where the legend begins: the title stays left of it
        top = lay_out(right, bottom, renderer, edge)
        # from the axes' top; a legend taller than the axes, raised (the title keeps left of it) so
        # that it ends at their bottom, clear of the x axis's texts, as far as the figure's top allows
        legend = ax.get_legend()
        tall = legend.get_window_extent(renderer).height / inch
        y = max(min(top, height - bottom - tall), _LEGEND_EDGE)
        legend.set_bbox_to_anchor((edge, 1 - y / height), transform=fig.transFigure)
        fig.legends_beside[ax] = edge * fig.bbox.width, fig.bbox.height * (1 - y / height) - tall * inch

    fig.place = place
    return fig


_TIGHT_LEGEND = {"handlelength": 1.2, "handletextpad": 0.4, "columnspacing": 1.0, "borderpad": 0.3}  # (em)
_LEGEND_GAP = 0.1  # inches between the axes and a legend beside them
_LEGEND_EDGE = 0.05  # inches a legend beside the axes keeps from the figure's edges
_LEAST_LEGEND = 5  # points: the smallest text of a legend
_LAST_BELOW = 0.5  # of the height: a legend that fits nowhere else may take this much of it below the axes


def _fit_legend(ax, keywords: dict, renderer, overrun, entries: list[int] | None = None) -> bool:
    """Makes ``ax``'s legend afresh from ``keywords`` (``ax.legend``'s) until ``overrun(extent)``,
    the pixels by which its box is too wide and too tall, is (0, 0): at each size of its text, from
    its own down to 5 points, in as few columns as fit, its labels whole, then broken before their
    parameters with line samples and spaces shorter (``_TIGHT_LEGEND``). Whether one fitted; where
    none does, the legend left is the one at 5 points, broken, in the columns that overrun least.
    With ``entries`` (indices, in order) naming fewer than all the curves, the legend shows those
    and a last line that says how many more there are ("… 12 more")."""
    handles, labels = ax.get_legend_handles_labels()
    more = entries is not None and len(entries) < len(labels)  # (a last line, "… 12 more")
    if more:
        from matplotlib.lines import Line2D

        handles = [*(handles[i] for i in entries), Line2D([], [], linestyle="none")]
        labels = [*(labels[i] for i in entries), f"\u2026 {len(labels) - len(entries)} more"]
    size = keywords["prop"]["size"]

    # "… 12 more" alone is a line of text: no room for a line sample (it had left it out at 1.5 x 3)
    alone = {"handlelength": 0, "handletextpad": 0} if more and not entries else {}

    def made(count: int, points: float, broken: bool) -> tuple[float, float]:
        legend = _made(ax, handles, labels, keywords, points, broken, count, alone)
        if more:
            legend.get_texts()[-1].set_gid("more")
        return overrun(legend.get_window_extent(renderer))

    least = {}
    for step in range(20):  # (0.85**10 of 8 points is under 5)
        points = max(size * 0.85**step, _LEAST_LEGEND)
        for broken in (False, True):
            for count in range(1, len(labels) + 1):
                wide, tall = made(count, points, broken)
                if not wide and not tall:
                    return True
                least[count, points, broken] = wide + tall
                if wide:  # more columns are wider still
                    break
        if points == _LEAST_LEGEND:
            break
    made(*min(least, key=least.get))
    return False


def _made(ax, handles: list, labels: list[str], keywords: dict, points: float, broken: bool, columns: int, last=None):
    """``ax``'s legend of these entries made at ``points`` in ``columns``, its labels ``broken``
    before their parameters, with line samples and spaces shorter (``_TIGHT_LEGEND``); ``last``:
    keywords over all those."""
    shown = [label.replace(" (", "\n(", 1).replace(", ", ",\n") for label in labels] if broken else labels
    # broken, it also comes closer to the axes' frame (at --dpi 300 it had run 3 pixels past it)
    tight = {**_TIGHT_LEGEND, "borderaxespad": min(keywords.get("borderaxespad", 0.5), 0.2)} if broken else {}
    prop = {**keywords["prop"], "size": points}
    return ax.legend(handles, shown, **{**keywords, **tight, "prop": prop, "ncols": columns, **(last or {})})


def _cut(ax, keywords: dict, renderer, overrun) -> bool:
    """The legend of the most entries that fits at 5 points (``_fit_legend``'s ``entries``): the
    first ones, found by bisection, of those narrow enough, broken, to fit the room's width alone
    (a first label too wide had left none shown, where the short ones after it fitted); whether
    any does (a figure too small even for the line "… 12 more" is left with no legend)."""
    least = {**keywords, "prop": {**keywords["prop"], "size": _LEAST_LEGEND}}
    handles, labels = ax.get_legend_handles_labels()
    legend = _made(ax, handles, labels, least, _LEAST_LEGEND, True, 1)
    excess = overrun(legend.get_window_extent(renderer))[0]  # (the column's width is its widest label's)
    widths = [text.get_window_extent(renderer).width for text in legend.get_texts()]
    narrow = [i for i, wide in enumerate(widths) if wide <= max(widths) - excess]
    low, high = 0, min(len(narrow), len(labels) - 1)  # the most that fit, at least and at most
    while low < high:
        middle = (low + high + 1) // 2
        if _fit_legend(ax, least, renderer, overrun, narrow[:middle]):
            low = middle
        else:
            high = middle - 1
    return _fit_legend(ax, least, renderer, overrun, narrow[:low])


def _entries_shown(ax) -> int:
    """The curves ``ax``'s legend names (``_cut`` leaves some out, said on its last line)."""
    texts = ax.get_legend().get_texts()
    return len(texts) - sum(text.get_gid() == "more" for text in texts)


def _legend_fits_within(ax, keywords: dict, renderer) -> bool:
    """Whether the legend fits inside the axes as they stand before their texts are laid out
    (``_legend_within`` fits it again after, the axes perhaps a little shorter), made there if so."""
    return _fit_legend(ax, keywords, renderer, _overrun_of(ax, (ax.bbox.width, ax.bbox.height), renderer))


def _overrun_of(ax, room: tuple[float, float], renderer):
    """``_fit_legend``'s measure for a legend inside a box of ``room`` pixels (width, height)."""

    def overrun(extent) -> tuple[float, float]:
        # (its margins to the axes' frame are its own: a pixel less of them does not count)
        legend = ax.get_legend()
        pad = 2 * legend.borderaxespad * renderer.points_to_pixels(legend.prop.get_size()) - 1
        return max(extent.width - (room[0] - pad), 0), max(extent.height - (room[1] - pad), 0)

    return overrun


def _legend_within(ax, keywords: dict, renderer) -> None:
    """A legend inside the axes no wider and no taller than they are (``_fit_legend``). At
    --size 3 2 'gelu (approximate = tanh, --compat jax)' stood over the y tick labels and the
    axis's label, beyond the axes' left edge; at --size 3 1.5 five entries in one column covered
    the x axis's."""
    _fit_legend(ax, keywords, renderer, _overrun_of(ax, (ax.bbox.width, ax.bbox.height), renderer))


def _legend_beside(
    ax, keywords: dict, renderer, left: float, gap: float, keeps: tuple[float, ...], cut: bool = False
) -> tuple[bool, float]:
    """A legend beside the axes, within the figure, the axes keeping the first share of its width
    in ``keeps`` that leaves room enough: made (``_fit_legend``). Whether it fits, and the inches
    it takes to the right of the axes, ``gap`` (inches from the axes) and edge included (at most
    what leaves the axes the last share). ``cut``: where the whole legend fits nowhere, the most
    of its entries that fit at 5 points, and a line saying how many more (``_fit_legend``), rather
    than a legend past the figure's edge (at --size 2 2 ten entries ran past its right edge)."""
    width, height = ax.get_figure().get_size_inches()
    inch = renderer.points_to_pixels(72)
    tall = (height - 2 * _LEGEND_EDGE) * inch
    for keep in keeps:
        most = width - left - keep * width
        wide = (most - gap - _LEGEND_EDGE) * inch

        def overrun(extent, wide=wide) -> tuple[float, float]:
            return max(extent.width - wide, 0), max(extent.height - tall, 0)

        # (from its top left corner: a legend of a few entries was placed 'best', and stood above the figure)
        if fits := _fit_legend(ax, {**keywords, "loc": "upper left", "borderaxespad": 0}, renderer, overrun):
            break
    if not fits and cut:
        fits = _cut(ax, {**keywords, "loc": "upper left", "borderaxespad": 0}, renderer, overrun)
    taken = ax.get_legend().get_window_extent(renderer).width / inch + gap + _LEGEND_EDGE
    return fits, min(taken, most)


def _fit_above(
    ax, titles: list, text: str, room: float, renderer, dpi: float, most: float, edge: float = 1.0, width: float = 0.0
) -> float:
    """Inches the title's texts take above the axes, ``room`` if they can: a title of more lines
    than the room holds is set smaller (wrapped as wide as the figure holds), then the formula; a
    formula that still leaves no room is left out, and a title that still needs more takes it
    from the axes, up to ``most`` (on a figure 2 inches tall the name stood above its top edge
    and the formula was cut in half); lines beyond that are left out, an ellipsis ending the
    last one kept. The texts reach no further right than ``edge`` (a fraction of the figure's
    width: a legend beside the axes begins there)."""
    if titles and not width:  # centred over the axes: as wide as twice the nearer edge of the figure
        box, figure_width = titles[0].axes.get_position(), titles[0].figure.get_figwidth()
        centre = (box.x0 + box.x1) / 2
        width = max(2 * min(centre, edge - centre) * figure_width - 0.2, 0.1)
    title = titles[-1] if titles and titles[-1].get_gid() == "title" else None
    formula = titles[0] if titles and titles[0].get_gid() == "formula" else None
    size = title.get_fontsize() if title is not None else 0.0

    def shrink() -> float:
        # the title set smaller while the room does not hold it or, its words whole, it is too wide
        fits = title is None or _narrow(title, text, width, renderer, dpi)
        top = _room_above(titles, renderer, dpi, width, ax)
        while title is not None and (top > room or not fits) and title.get_fontsize() > 5:
            smaller = max(title.get_fontsize() * 0.85, 5)  # (4.88 points had been the last size)
            title.set_fontsize(smaller)
            title.set_text("\n".join(_wrap(text, width, smaller)))
            fits = _narrow(title, text, width, renderer, dpi)
            top = _room_above(titles, renderer, dpi, width, ax)
        if not fits:  # at 5 points a word wider than the figure is broken
            _narrow(title, text, width, renderer, dpi, whole=False)
            top = _room_above(titles, renderer, dpi, width, ax)
        return top

    top = shrink()
    # down to 5 points, or the two pixels to the em that _room_above keeps (at --dpi 10 that is 14.4
    # points: it set the formula back each time, and the loop never ended)
    while formula is not None and formula.get_text() and top > room and formula.get_fontsize() > _least_formula(dpi):
        formula.set_fontsize(max(formula.get_fontsize() * 0.85, _least_formula(dpi)))
        top = _room_above(titles, renderer, dpi, width, ax)
    if formula is not None and formula.get_text() and top > room:
        formula.set_text("")
        if title is not None:  # the title as large as the room holds without it (sparse_plus at 2×2 was at 5 points)
            title.set(fontsize=size, text="\n".join(_wrap(text, width, size)))
        top = shrink()
    # Lines no room holds, the last first, an ellipsis saying so: the title of a difference at
    # --size 1.5 1.5 had stood above the figure's top edge.
    while title is not None and top > most and "\n" in title.get_text():
        kept = title.get_text().rsplit("\n", 1)[0]
        title.set_text(kept.rstrip("\u2026").rstrip() + "\u2026")
        top = _room_above(titles, renderer, dpi, width, ax)
    return min(top, most)


def _narrow(title, text: str, width: float, renderer, dpi: float, whole: bool = True) -> bool:
    """The title wrapped in fewer columns while, measured, it is wider than ``width`` inches (the
    wrapping guesses 0.55 em a column: 120 W's ran past both edges), but, if ``whole``, in no fewer
    than its longest word takes (a word is broken only when a smaller size does not help:
    'hard_sigmoi' / 'd' at 11 points at --size 2 2.5). Whether it fits in ``width``."""
    from actplot.charts import text_columns, wrap

    columns = max(text_columns(line) for line in title.get_text().split("\n"))
    # (a run of wide characters, Japanese or emoji, without spaces, is broken anywhere, as wrap does:
    # not a word; a word of narrow ones, "Schrödinger" as "gelu", is kept whole)
    words = (text_columns(word) for word in text.split() if text_columns(word) <= len(word))
    least = max(words, default=1) if whole else 1
    if columns < least:  # (the guess of 0.55 em a column broke a word)
        columns = least
        title.set_text("\n".join(wrap(text, columns)))
    wide = title.get_window_extent(renderer).width / dpi
    while wide > width and columns > least:
        columns = max(min(int(columns * width / wide), columns - 1), least)
        title.set_text("\n".join(wrap(text, columns)))
        wide = title.get_window_extent(renderer).width / dpi
    return wide <= width


def _legend_below(ax, keywords: dict, renderer, most: float, cut: bool = False) -> tuple[bool, float]:
    """A legend under the axes' texts, across the figure, taking at most ``most`` inches above the
    figure's bottom edge, gap and edge included: made (``_fit_legend``, in as many columns as it
    takes; ``cut``: as many of its entries as fit, ``_cut``). Whether it fits, and the inches it
    takes."""
    width, height = ax.get_figure().get_size_inches()
    inch = renderer.points_to_pixels(72)
    wide, tall = (width - 2 * _LEGEND_EDGE) * inch, (most - _LEGEND_GAP - _LEGEND_EDGE) * inch

    def overrun(extent) -> tuple[float, float]:
        return max(extent.width - wide, 0), max(extent.height - tall, 0)

    keywords = {**keywords, "loc": "lower center", "borderaxespad": 0}
    fits = _fit_legend(ax, keywords, renderer, overrun) or cut and _cut(ax, keywords, renderer, overrun)
    return fits, ax.get_legend().get_window_extent(renderer).height / inch + _LEGEND_GAP + _LEGEND_EDGE


def _bottom(chart: Chart, width: float, height: float) -> float:
    """Inches under the axes: the x axis's ticks and label, and the lines of the chart's note."""
    bottom = min(_MARGINS["bottom"], 0.3 * height)
    if chart.note:
        bottom = min(bottom + len(_wrap(chart.note, 0.9 * width, 10)) * 10 * 1.25 / 72, 0.45 * height)
    return bottom


_STACK_GAP = 0.3  # inches between the charts of a stack: they share the x axis's labels; room for a ×10⁻⁴
STACK_SHORTEST = 1.5  # inches: a stack's figure at the least (at --size 8 1 diff's panels were 7 and 5 pixels tall)


def _fill_stack(fig, stack: Stack):
    """The charts one above the other, sharing the x axis (its ticks and label under the lowest),
    each on its own y scale, the first one's title above them all."""

    def margins() -> tuple[float, float, float, float, float]:
        """The figure's width and height now, and its margins: left, right, bottom (inches)."""
        width, height = fig.get_size_inches()
        left = min(_MARGINS["left"], 0.4 * width)
        return width, height, left, min(_MARGINS["right"], 0.6 * width - left), _bottom(stack.charts[-1], width, height)

    width, height, left, right, _ = margins()
    axes = [fig.add_axes((left / width, 0.0, 1 - (left + right) / width, 0.1)) for _ in stack.charts]
    titles = _draw(axes[0], stack.charts[0], _wrap(stack.charts[0].title, width - left - right, _TITLE_SIZE))
    title = titles[-1] if titles and titles[-1].get_gid() == "title" else None
    for ax, chart in zip(axes[1:], stack.charts[1:], strict=True):
        _draw(ax, chart, [])
        # A small difference as a few ticks and a power of ten, not -0.0004 squeezing out the label.
        ax.ticklabel_format(axis="y", style="sci", scilimits=(-2, 4), useMathText=True)
    for ax in axes[:-1]:
        ax.sharex(axes[-1])
        ax.tick_params(labelbottom=False)

    def place(renderer) -> None:
        width, height, left, right, bottom = margins()

        def restore() -> None:
            _restore_title(axes[0], fig.starts, title, stack.charts[0].title, width - left - right)

        restore()
        axes[-1].xaxis.label.set_text(_xlabel(stack.charts[-1], width))

        def lay_out(low: float, renderer) -> None:
            for ax in axes:  # (the title is fitted to the axes' width: of the size now, not the first)
                ax.set_position((left / width, 0.0, 1 - (left + right) / width, 0.1))
            room = 0.6 * height - low
            top = _fit_above(axes[0], titles, stack.charts[0].title, room, renderer, fig.dpi, room)
            room = max(height - low - top - _STACK_GAP * (len(axes) - 1), 0.1)
            y = low
            for ax, share in zip(reversed(axes), reversed(stack.heights), strict=True):
                tall = room * share / sum(stack.heights)
                ax.set_position((left / width, y / height, 1 - (left + right) / width, tall / height))
                y += tall + _STACK_GAP

        fig.legends_placed.discard(axes[0])
        lay_out(bottom, renderer)
        keywords = fig.legend_keywords.get(axes[0])
        if keywords is None or _legend_fits_within(axes[0], keywords, renderer):
            return
        # Below the x axis's texts, across the figure: at --size 2 2 the top panel held no legend,
        # which covered its y tick labels and the panel below.
        restore()
        below, taken = _legend_below(axes[0], keywords, renderer, min(0.3 * height, 0.5 * height - bottom))
        restore()
        if below:
            fig.legends_placed.add(axes[0])
            axes[0].get_legend().set_bbox_to_anchor((0.5, _LEGEND_EDGE / height), transform=fig.transFigure)
            lay_out(bottom + taken, renderer)
        else:  # inside after all, as small as it goes (_legend_within)
            lay_out(bottom, renderer)

    fig.place = place
    return fig


def _legend_guess(chart: Chart, room: float, height: float) -> float:
    """Inches a legend beside the axes may take, guessed from its labels' lengths before anything
    is drawn (at 8 points, else smaller down to 5 or in more columns, within ``room``): the first
    layout, which ``_legend_beside`` measures and corrects at each draw."""
    entries, longest = len(chart.series), max(len(s.label) for s in chart.series)
    for size in (8, 7.5, 7, 6.5, 6, 5.5, 5):
        rows = max(1, int((height * 72 - 0.2 * 72 - 1.2 * size) // (1.75 * size)))  # a row: a line and 0.5 em
        if entries > rows and size > 6:
            continue
        width = math.ceil(entries / rows) * (longest * 0.55 * size / 72 + 0.7 * size / 8)  # labels, samples, pads
        if width <= room:
            break
    return min(width, room) + _LEGEND_GAP + _LEGEND_EDGE


_SHEET_AXES = 0.35  # inches: the least height of a sheet's panel before its title is set smaller


def sheet_rows(height: float) -> int:
    """The rows of panels a page ``height`` inches tall holds: SHEET_ROWS on A4, fewer on a
    shorter page (rows beyond the page would be cut off)."""
    return max(1, min(SHEET_ROWS, int((height - 0.6) // _SHEET_ROW)))


def sheet(charts: Sequence[Chart], size: Sequence[float] | None = None, title: str = ""):
    """Small multiples: the charts in rows of ``SHEET_COLUMNS`` (``size`` by default: A4 wide, and
    as tall as the rows need at six rows to an A4 page); the derivatives are dashed (hatched bars),
    said once in the title instead of in every legend. Each row leaves room for its panels' names
    and tallest formula, measured as drawn."""
    rows = [charts[i : i + SHEET_COLUMNS] for i in range(0, len(charts), SHEET_COLUMNS)] or [[]]
    if size is None:
        size = (A4_PORTRAIT[0], max(len(rows), 2) * A4_PORTRAIT[1] / SHEET_ROWS)
    width, height = size
    column = width / SHEET_COLUMNS
    fig = _figure_class()(figsize=tuple(size))
    lines = _wrap(title, width - 0.4, 11) if title else []  # a narrow page wraps the title
    heading = 0.32 + 0.18 * len(lines) if title else 0.15
    if title:
        fig.text(0.5, 1 - 0.2 / height, "\n".join(lines), ha="center", va="top", fontsize=11, parse_math=False)
    below = 0.42  # the tick labels and the x label
    panels = []
    for row in rows:
        drawn = []
        for index, chart in enumerate(row):
            ax = fig.add_axes(((index * column + 0.52) / width, 0.0, (column - 0.64) / width, 0.1))
            drawn.append((ax, _draw(ax, chart, _wrap(chart.title, column - 0.45, _SMALL), compact=True)))
        panels.append(drawn)

    def place(renderer) -> None:
        tops = [
            max((_room_above(titles, renderer, fig.dpi, column - 0.45) for _, titles in row), default=0)
            for row in panels
        ]
        # (the axes' least, or the 4:3 cap of a narrow column: 0.35 inches had left the page's foot empty)
        room = (height - heading - 0.1 - below * len(rows)) / len(rows) - min(_SHEET_AXES, 0.75 * (column - 0.64))
        if sum(tops) > room * len(rows):  # a short page: the titles set smaller, the formulas left out
            # (at --size 4 2 the gated panels' titles took the page, and their x labels fell off its foot)
            tops = [
                max(
                    (
                        _fit_above(ax, titles, chart.title, room, renderer, fig.dpi, room, width=column - 0.45)
                        for (ax, titles), chart in zip(row, charts, strict=False)
                    ),
                    default=0,
                )
                for row, charts in zip(panels, rows, strict=True)
            ]
        # A page of few rows keeps the panels' shape (4:3 at most) instead of stretching them to its foot.
        axes_height = (height - heading - 0.1 - sum(tops) - below * len(rows)) / len(rows)
        axes_height = min(max(axes_height, 0.2), 0.75 * (column - 0.64))
        y = height - heading
        for row, top in zip(panels, tops, strict=True):
            y -= top + axes_height
            for ax, _ in row:
                ax.set_position((ax.get_position().x0, y / height, (column - 0.64) / width, axes_height / height))
            y -= below

    fig.place = place
    return fig


def _style(group: int, dashed: bool) -> dict:
    """Colour by group, and past ten groups a marker too; derivatives dashed."""
    style = {"color": f"C{group % 10}", "linestyle": "--" if dashed else "-"}
    if group >= 10:
        style.update(marker=_MARKERS[(group // 10 - 1) % len(_MARKERS)], markevery=0.1, markersize=4)
    return style


def _draw(ax, chart: Chart, title_lines: list[str], *, compact=False, legend: dict | None = None) -> list:
    """Draw the chart on the axes; the title's texts above them, the formula first."""
    from actplot import ticks

    ticks.install(ax)
    small = {"fontsize": 6.5} if compact else {}
    families = _families([chart.title, chart.xlabel, chart.ylabel, *(s.label for s in chart.series)])
    bars = [s for s in chart.series if s.style == "bars"]
    for series in chart.series:
        style = _style(series.group, series.dashed)
        if "markevery" in style and not any(map(math.isfinite, series.y)):  # (matplotlib's markevery fails on no point)
            style["markevery"] = None
        if series.style == "curve":
            ax.plot(series.x, series.y, label=series.label, zorder=3, **style)
        elif series.style == "points":
            style.update(linestyle="none", marker="x" if series.dashed else style.get("marker", "o"), markevery=None)
            ax.plot(series.x, series.y, label=series.label, zorder=3, markersize=5, **style)
        else:
            _draw_bars(ax, chart, series, bars.index(series), len(bars), style["color"], small)
    ax.set_xlim(*chart.xlim)
    ax.set_ylim(*chart.ylim)
    if chart.ylim[0] <= 0 <= chart.ylim[1]:
        ax.axhline(0, **_AXIS)
    if not bars and chart.xlim[0] <= 0 <= chart.xlim[1]:
        ax.axvline(0, **_AXIS)
    ax.grid(True, alpha=0.3)
    ax.set_xlabel(
        _xlabel(chart, ax.get_figure().get_figwidth(), small.get("fontsize", 10)),
        family=families,
        parse_math=False,
        **small,
    )
    ax.set_ylabel(chart.ylabel, family=families, parse_math=False, **small)
    if compact:
        ax.tick_params(labelsize=6)
        ax.yaxis.offsetText.set_fontsize(6)
        ax.xaxis.offsetText.set_fontsize(6)
        ax.locator_params(nbins=4)
    if chart.legend:
        place = dict(legend or {"loc": "best"})
        keywords = {"prop": {"family": families, "size": place.pop("fontsize", 8)}, **place}
        ax.legend(**keywords)
        ax.get_figure().legend_keywords[ax] = keywords
    return _title(ax, chart, title_lines, _SMALL if compact else _TITLE_SIZE, families)


def _xlabel(chart: Chart, width: float, fontsize: float = 10) -> str:
    """The x axis's label, the chart's note under it, wrapped to 90% of the figure's ``width``
    (inches) at ``fontsize`` points."""
    return "\n".join([chart.xlabel, *(_wrap(chart.note, 0.9 * width, fontsize) if chart.note else [])])


def _title(ax, chart: Chart, lines: list[str], fontsize: float, families: list[str]) -> list:
    """The formula (mathtext) just above the axes, and the title's lines above it (literal text:
    a ``$`` is a dollar), each placed on the one below as drawn."""
    texts = []
    anchor, coordinates = (0.5, 1), "axes fraction"
    common = {"textcoords": "offset points", "ha": "center", "va": "bottom", "xytext": (0, _PAD * 72)}
    if chart.formula:
        formula = ax.annotate(
            f"${_display(chart.formula)}$", anchor, xycoords=coordinates, fontsize=fontsize, gid="formula", **common
        )
        texts.append(formula)
        anchor, coordinates = (0.5, 1), formula
    if lines:
        title = ax.annotate(
            "\n".join(lines),
            anchor,
            xycoords=coordinates,
            fontsize=fontsize,
            family=families,
            parse_math=False,
            linespacing=1.1,
            gid="title",
            **common,
        )
        texts.append(title)
    return texts


def _draw_bars(ax, chart: Chart, series, index: int, count: int, color: str, small: dict) -> None:
    """Bars one per input, side by side when several series share the inputs, each labelled with
    its value where the labels fit (else every k-th, so that none overlap), tick labels likewise."""
    import numpy as np

    width = 0.8 / count
    positions = np.arange(series.x.size) + (index - (count - 1) / 2) * width
    hatch = "//" if series.dashed else None
    drawn = ax.bar(positions, series.y, width=width, color=color, label=series.label, hatch=hatch, alpha=0.9)
    fontsize = small.get("fontsize", 9)
    slot = _slot_points(ax, series.x.size)
    room = slot * (0.9 if small else width)  # on a small panel only one series is labelled
    if not (small and series.dashed):  # on a small panel only the function's own values
        labels = [label if not small else shorter(label) for label in series.labels]
        widest = max(len(label) for label in labels) * 0.6 * fontsize
        rotation = 0 if widest <= room else 90
        every = _every(fontsize * 1.2 if rotation else widest, slot)
        shown = [label if i in _labelled(series.y, every) else "" for i, label in enumerate(labels)]
        # An infinite value's bar runs to the frame: its label goes inside the bar, not past the frame.
        infinite = [("inf" in label) for label in labels]
        for inside in (False, True):
            texts = ax.bar_label(
                drawn,
                labels=[label if flag == inside else "" for label, flag in zip(shown, infinite, strict=True)],
                padding=_LABEL_PAD,
                fontsize=fontsize,
                rotation=rotation,
                label_type="center" if inside else "edge",
            )
            for text in texts if not inside else ():
                text.set_gid(_OUTSIDE)
            # a bar cut at the frame ends on it: its label is drawn (an annotation whose point is
            # not within the axes is not), inside the bar (_bar_labels_inside)
            for text, cut in zip(texts, _cut_at_the_frame(series), strict=True):
                if cut and not inside:
                    text.set_annotation_clip(False)
    tick_text = value_labels(series.x)
    every = _every(max(map(len, tick_text)) * 0.6 * (small.get("fontsize", 10)) + 4, slot)
    ax.set_xticks(np.arange(series.x.size)[::every], tick_text[::every])


def _cut_at_the_frame(series) -> list[bool]:
    """Which of the bars end at the frame rather than at their finite values (Series.values)."""
    import numpy as np

    values = series.y if series.values is None else series.values
    return [bool(np.isfinite(v) and v != y) for v, y in zip(values, series.y, strict=True)]


_LABEL_PAD = 2  # points between a bar's end and its label
_OUTSIDE, _INSIDE = "bar-label", "bar-label-inside"  # a label past its bar's end, or moved within it


def _bar_labels_inside(ax, renderer) -> None:
    """A bar's label that would stand past the frame (a bar that reaches the top of the axes, or
    the bottom, on a small panel: sparsemax's 1, its "1" over the formula) goes inside the bar, at
    its end, and one past a side moves in: nothing is drawn outside the axes, so no label runs
    into a title or the tick labels."""
    frame = ax.get_window_extent(renderer)
    points = 72 / ax.figure.dpi
    for text in ax.texts:
        if text.get_gid() != _OUTSIDE or not text.get_text():
            continue
        box = text.get_window_extent(renderer)
        if box.y1 > frame.y1 + 0.5 or box.y0 < frame.y0 - 0.5:
            text.xyann = (text.xyann[0], -text.xyann[1])
            text.set_verticalalignment({"bottom": "top", "top": "bottom"}[text.get_verticalalignment()])
            text.set_gid(_INSIDE)
            box = text.get_window_extent(renderer)
        # What still stands out (a label longer than its bar, one wider beside the frame's side) moves in.
        right = max(frame.x0 - box.x0, 0) - max(box.x1 - frame.x1, 0)
        up = -(box.y1 - frame.y1) if box.y1 > frame.y1 else max(frame.y0 - box.y0, 0)  # the top first
        if right or up:
            text.xyann = (text.xyann[0] + right * points, text.xyann[1] + up * points)
            text.set_gid(_INSIDE)


def _labelled(values, every: int) -> set[int]:
    """The bars whose labels are written, at least ``every`` bars apart: the tallest first (the
    values that matter, softmax's peak), then the others where there is room between them."""
    import numpy as np

    if every <= 1:
        return set(range(len(values)))
    order = np.argsort(-np.abs(np.nan_to_num(values, nan=0.0, posinf=np.inf, neginf=np.inf)), kind="stable")
    taken = np.zeros(len(values) + 2 * every, dtype=bool)  # padded: a window never runs off either end
    chosen = set()
    for index in order:
        if not taken[index : index + 2 * every - 1].any():
            chosen.add(int(index))
            taken[index + every - 1] = True
    return chosen


def _slot_points(ax, count: int) -> float:
    """The width in points that one input's bars take."""
    box = ax.get_position()
    return box.width * ax.figure.get_figwidth() * 72 / max(count + 0.2, 1)


def _every(size: float, slot: float) -> int:
    """Show every k-th of labels ``size`` points wide in slots ``slot`` points apart, so none overlap."""
    return max(1, math.ceil(size / slot))


def save(fig, path: str, *, stdout: BinaryIO | None = None, dpi: float = DEFAULT_DPI) -> None:
    """Write the figure to ``path`` (or PNG bytes to ``stdout`` for ``-``), atomically."""
    fmt = plot_format(path)
    _write(path, lambda stream: fig.savefig(stream, format=fmt, dpi=dpi), stdout)


def save_pages(figures: Sequence, path: str) -> None:
    """Write the figures as the pages of one PDF, atomically."""
    from matplotlib.backends.backend_pdf import PdfPages

    def write(stream):
        import matplotlib

        with matplotlib.rc_context(_RC), PdfPages(stream, metadata=METADATA["pdf"]) as pdf:
            for fig in figures:
                pdf.savefig(fig)

    _write(path, write, None)


def _write(path: str, write, stdout: BinaryIO | None) -> None:
    """Write through ``write(stream)``: to ``stdout`` for ``-``, else atomically, a temporary file
    beside the target renamed over it, so a failure leaves nothing behind and never a
    half-written file. A symbolic link is written through, not replaced."""
    if path == "-":
        write(stdout)
        return
    check_target(path)
    target = _target(path)
    if target.exists() and not (target.is_file() or target.is_dir()):
        # A pipe or a device (a link to /dev/null, a FIFO a viewer reads) takes the bytes; a
        # file renamed over it would replace the device and leave the reader waiting.
        try:
            with open(target, "wb") as stream:
                write(stream)
        except OSError as error:
            raise PlotError(f"{path}: cannot write ({error.strerror})") from None
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise PlotError(f"{path}: cannot write there ({error.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        # A plot written over a file keeps that file's permissions (a private 0600 stays private).
        os.chmod(temporary, target.stat().st_mode & 0o7777 if target.is_file() else 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as error:
        raise PlotError(f"{path}: cannot write ({error.strerror})") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def show(chart: Chart | Stack, size: Sequence[float] = DEFAULT_SIZE) -> None:
    """Open the chart in a window (``--show``); needs a display and an interactive backend."""
    _figure_class()
    import matplotlib.pyplot as plt

    if plt.get_backend().lower() in {"agg", "pdf", "svg", "ps", "cairo", "template"}:
        raise PlotError("cannot open a window: no display or interactive backend; use -o FILE or --terminal")
    _fill(plt.figure(figsize=tuple(size), FigureClass=_figure_class()), chart)
    plt.show()
