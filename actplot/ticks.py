"""The texts along a chart's axes: the tick labels, the offset or multiplier matplotlib writes at
an axis's end ("1e−12+1", "×10⁶") and the axis's label; each exact, apart from the others and
within the figure, however small it is.

``install`` gives an axes ``ExactFormatter`` on both axes as they are built; ``lay_out`` places the
texts as the figure draws, from the same start at every draw (``Start``), so that a figure saved
twice writes the same picture. Imported by ``plotting`` once matplotlib is.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.ticker import MaxNLocator, ScalarFormatter

SMALLEST = 5  # points: no text is set smaller to fit
_SCRIPT = 0.7  # a script's size in mathtext, of its text's (matplotlib's SHRINK_FACTOR)
_CLOSEST = 1  # points between an axis's label and its tick labels, where the figure has no room for more
_FEWEST_AT_FULL_SIZE = 4  # tick labels: where more run into each other, there are fewer before any is smaller
_GAP = 4  # points between the x axis's label and its offset, and between a text and the figure's edge


class ExactFormatter(ScalarFormatter):
    """matplotlib's ``ScalarFormatter`` whose offset is the value its text says, and whose labels
    of zero carry no sign.

    matplotlib writes an offset to 10 significant digits, and takes it from the ticks: x from 1 to
    1.000000000001 had the offset 1.000000000001, written "+1", so that its ticks, labelled −1 to 0
    (×1e−12), read 1e−12 below the data. Here the offset is its 10 digits' value (1), against which
    the ticks are written. A tick at the offset, less the offset, is zero give or take its
    rounding, and was labelled "−0" (ticks −1, −0, 1 beside the offset −1e300).
    """

    def _compute_offset(self):  # (matplotlib's, called from set_locs as the ticks are labelled)
        super()._compute_offset()
        if self.offset and math.isfinite(self.offset):
            self.offset = float(f"{self.offset:.10g}")

    every = 1  # a label on every tick, or on every k-th (where no fewer ticks leave them apart)

    def format_ticks(self, values):
        labels = [unsigned_zero(label) for label in super().format_ticks(values)]
        if self.every == 1:
            return labels
        # counted from the first tick in view: from the locator's first, out of view, three ticks
        # in view kept one label, and the scale could not be read
        low, high = sorted(self.axis.get_view_interval())
        first = next((index for index, value in enumerate(values) if low <= value <= high), 0)
        return [label if (index - first) % self.every == 0 else "" for index, label in enumerate(labels)]


_SIGNED_ZERO = re.compile(r"(\$\\mathdefault\{)?[\u2212-](0(\.0*)?)(\}\$)?")


def unsigned_zero(label: str) -> str:
    """A label of zero without its sign ("−0", "−0.00", mathtext's "$\\mathdefault{−0}$")."""
    match = _SIGNED_ZERO.fullmatch(label)
    return label if match is None else (match[1] or "") + match[2] + (match[4] or "")


def install(ax) -> None:
    """Both axes of ``ax`` labelled by an ``ExactFormatter`` (before anything is drawn on them)."""
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(ExactFormatter())


@dataclass
class Start:
    """An axis's texts as they stood before the first draw laid them out: each draw starts from
    them again (the label's pad grew by the offset's height at every save, and a figure saved
    twice drew two pictures)."""

    locator: object
    formatter: object
    tick_size: object  # None: matplotlib's own
    label_text: str
    label_size: float
    label_place: tuple
    label_ha: str
    labelpad: float
    offset_size: float
    offset_x: float

    @classmethod
    def of(cls, axis) -> Start:
        return cls(
            axis.get_major_locator(),
            axis.get_major_formatter(),
            axis.get_tick_params(which="major").get("labelsize"),
            axis.label.get_text(),
            axis.label.get_fontsize(),
            axis.label.get_position(),
            axis.label.get_horizontalalignment(),
            axis.labelpad,
            axis.offsetText.get_fontsize(),
            axis.offsetText.get_position()[0],
        )

    def restore(self, axis) -> None:
        if axis.get_major_locator() is not self.locator:
            axis.set_major_locator(self.locator)
        if axis.get_major_formatter() is not self.formatter:
            axis.set_major_formatter(self.formatter)
        if isinstance(self.formatter, ExactFormatter):
            self.formatter.every = 1
        name = "xtick" if axis.axis_name == "x" else "ytick"
        axis.set_tick_params(labelsize=mpl.rcParams[f"{name}.labelsize"] if self.tick_size is None else self.tick_size)
        axis.label.set_text(self.label_text)
        axis.label.set_fontsize(self.label_size)
        axis.label.set_position(self.label_place)
        axis.label.set_horizontalalignment(self.label_ha)
        axis.labelpad = self.labelpad
        axis.offsetText.set_fontsize(self.offset_size)
        axis.offsetText.set_x(self.offset_x)


def restore(ax, starts: dict) -> None:
    """``ax``'s axes' texts as before the first draw, which ``starts`` keeps by axis (it is the
    figure's: empty until the first draw)."""
    for axis in (ax.xaxis, ax.yaxis):
        if axis in starts:
            starts[axis].restore(axis)
        else:
            starts[axis] = Start.of(axis)


def lay_out(ax, renderer, legend: tuple[float, float] | None = None) -> None:
    """The tick labels apart (``_tick_labels_apart``), then each axis's offset and label within
    the figure and apart (``_y_offset``, ``_x_row``). ``legend``, if given, is the left edge and
    the bottom (display units) of a legend beside the axes: where it reaches down past the axes'
    bottom, the x axis's texts end left of it (it had covered the offset), else they keep the
    figure's width (a legend standing above the axes' bottom had set the x label smaller). The axes
    give up at most half their height to make room below them (``_lift``)."""
    highest = ax.bbox.y0 + ax.bbox.height / 2  # (display units) the highest their bottom is raised to
    for axis in (ax.xaxis, ax.yaxis):
        _tick_labels_apart(ax, axis, renderer, highest)
        end = ax.get_figure().bbox.x1
        if legend is not None and axis is ax.xaxis:  # (the row hangs under the tick labels, as they now stand)
            row = min([ax.bbox.y0, *(label.get_window_extent(renderer).y0 for label in _drawn(axis))])
            end = legend[0] if legend[1] < row else end
        if offset := _offset_text(axis, _drawn(axis)):
            if axis is ax.xaxis:
                _x_row(ax, axis, renderer, highest, end)
            else:
                _y_offset(ax, axis, renderer)
        if axis is ax.yaxis or not offset:
            _label_inside(ax, axis, renderer, end)


def _offset(axis) -> str:
    formatter = axis.get_major_formatter()
    return formatter.get_offset() if isinstance(formatter, ScalarFormatter) else ""


def _offset_text(axis, labels: list) -> str:
    """The axis's offset as its formatter has it for the ticks now, set as its offset text, no
    larger than its tick ``labels`` (``_drawn``, which formats the ticks, gives them)."""
    offset = _offset(axis)
    axis.offsetText.set_text(offset)
    if offset and labels:
        size = min(axis.offsetText.get_fontsize(), labels[0].get_fontsize())
        axis.offsetText.set_fontsize(max(size, _smallest(axis.offsetText)))
    return offset


def _tick_labels_apart(ax, axis, renderer, highest: float) -> None:
    """Tick labels that do not run into each other, and they and the axis's label within the
    figure: where they do not (at --size 1 1, gelu from -1000 to 1000 wrote "−1000" over "0" and
    past the left edge, and h(x) stood beyond it), the ticks are made fewer while more than four
    run into each other, then the labels set smaller, down to 5 points (the axis's label with
    them), then the ticks fewer, down to two or three, then written as a
    power of ten times each (set smaller first, at 6.4 x 4.8 the nine ticks of -0.001 to 0.001
    were labelled at 7 points, where five fitted at 10). Where the
    tick labels stand apart and only the label lacks room beyond them, it comes closer to them
    (down to 1 point); then, for the x label, the axes' bottom is raised (up to ``highest``), and
    fewer ticks and a power of ten, which give no room below, are not tried (at --size 8 0.7 the
    ticks read "1 2", their "1e5" under the figure's edge). Bars' ticks, placed by their own
    rule, are kept."""
    figure = ax.get_figure().bbox
    horizontal = axis is ax.xaxis
    locator, bins, scientific = axis.get_major_locator(), 9, False
    for _ in range(30):
        labels = _drawn(axis)
        _offset_text(axis, labels)  # (measured with the label: the x offset stands on its row)
        boxes = [label.get_window_extent(renderer) for label in labels]
        apart = _apart(boxes, horizontal, figure)
        if apart and _label_within(axis, boxes, horizontal, renderer):
            return
        below = horizontal and apart  # (only the x label's room below them is short)
        room = _label_room(axis, boxes, horizontal, renderer) if axis.label.get_text() else 0.0
        size = labels[0].get_fontsize() if labels else axis.label.get_fontsize()
        formatter = axis.get_major_formatter()
        auto = type(locator).__name__ in ("AutoLocator", "MaxNLocator")
        if auto and bins > 1 and len(boxes) > _FEWEST_AT_FULL_SIZE and not _spaced(boxes, horizontal):
            bins = _fewer(axis, bins, len(boxes))  # (not smaller: 5-point labels on a large figure)
        elif max(size, axis.label.get_fontsize()) > SMALLEST:
            axis.set_tick_params(labelsize=max(size * 0.85, SMALLEST))
            axis.label.set_fontsize(max(axis.label.get_fontsize() * 0.85, SMALLEST))
        elif apart and room < 0 and axis.labelpad > _CLOSEST:  # the label closer to the tick labels
            axis.labelpad = max(axis.labelpad + room / renderer.points_to_pixels(1.0), _CLOSEST)
        elif below:
            if not _lift(ax, -room, highest):
                return
        elif auto and bins > 1 and (len(boxes) > 2 or bins == 9):
            bins = _fewer(axis, bins, len(boxes))
        elif isinstance(formatter, ScalarFormatter) and not scientific:
            # "−100000" as "−1" and the power of ten at the axis's end, "1.8835" as "5" beside the
            # offset "1e−4+1.883" (matplotlib's offset saves 4 digits or none); "1e5", not a ×10⁵
            # whose script failed in FreeType at --dpi 10
            with mpl.rc_context({"axes.formatter.offset_threshold": 2}):
                formatter = ExactFormatter(useMathText=False)
            formatter.set_scientific(True)
            formatter.set_powerlimits((0, 0))
            axis.set_major_formatter(formatter)
            axis.offsetText.set_fontsize(axis.get_majorticklabels()[0].get_fontsize() if boxes else SMALLEST)
            scientific = True
        elif isinstance(formatter, ExactFormatter) and len(boxes) > 1 and not _apart(boxes, horizontal, figure):
            formatter.every += 1  # a label on every other tick, then every third...
        else:
            return


def _fewer(axis, bins: int, count: int) -> int:
    """The axis given fewer ticks than ``count`` (the labels drawn) by a locator of fewer ``bins``
    than before, which it returns. No steps of 2.5: "−22.5" is wider than "−20"."""
    bins = max(min(bins, count) - 1, 1)
    axis.set_major_locator(MaxNLocator(nbins=bins, steps=[1, 2, 5, 10]))
    return bins


def _y_offset(ax, axis, renderer) -> None:
    """The y axis's offset, over the axes' top left corner, within the figure: smaller, down to 5
    points, where it would run past the figure's right edge, then moved left as far as it needs
    (at --size 1 1 it read "+1.2345678")."""
    figure, box, text = ax.get_figure().bbox, ax.bbox, axis.offsetText
    room = figure.x1 - box.x0
    _smaller(text, lambda: text.get_window_extent(renderer).width <= room)
    width = text.get_window_extent(renderer).width
    if width > room:  # (matplotlib keeps its x, in the axes' width, as it places it)
        text.set_x(max(figure.x0 - box.x0, figure.x1 - width - box.x0) / box.width)


def _x_row(ax, axis, renderer, highest: float, end: float) -> None:
    """The x axis's offset and its label on one row under the tick labels: the label from the
    axes' left end, the offset to their right end, apart and within the figure. Where they meet,
    the offset is set smaller (down to 5 points), then they move apart towards the figure's edges,
    then the label goes below the offset where the figure holds it there (the axes' bottom raised
    up to ``highest`` to make room), else it too is set smaller. At --size 4 3 "1e−10+5.534053711"
    stood over "x (×10²⁸⁸)"; at --size 1 2 "1e−19+1.000000001e−10" ran past the figure's left edge."""
    figure, box, dpi = ax.get_figure().bbox, ax.bbox, ax.get_figure().dpi
    offset, label, gap = axis.offsetText, axis.label, _GAP * dpi / 72
    low, high = figure.x0 + gap, end - gap  # the row's ends (a legend beside the axes had covered the offset)
    if not label.get_text():
        _smaller(offset, lambda: offset.get_window_extent(renderer).width <= box.x1 - low)
        _spread(offset, None, box, low, high, gap, renderer)
        return
    label.set_horizontalalignment("left")

    def apart() -> bool:
        return _spread(offset, label, box, low, high, gap, renderer)

    _smaller(offset, apart)
    if apart():
        return
    # below the offset (both hang from the tick labels), where the figure holds it there
    boxes = [text.get_window_extent(renderer) for text in _drawn(axis)]
    rise = offset.get_window_extent(renderer).height * 72 / dpi + 1
    axis.labelpad += rise
    if _lift(ax, -_label_room(axis, boxes, True, renderer), highest):
        for text, texts in ((offset, (offset, None)), (label, (None, label))):  # each on its row
            # one too long for it set smaller; even so, the figure's width (under the legend, not past the edge)
            _smaller(text, lambda texts=texts: _spread(*texts, box, low, high, gap, renderer))
            if not _spread(*texts, box, low, high, gap, renderer):
                _spread(*texts, box, low, figure.x1 - gap, gap, renderer)
        return
    axis.labelpad -= rise
    _smaller(label, apart)
    if not apart() and end < figure.x1:  # (at --size 0.8 0.8 "x" stood over the offset left of the legend)
        _x_row(ax, axis, renderer, highest, figure.x1)  # the figure's width: a legend over them, not each other


def _lift(ax, short: float, highest: float) -> bool:
    """Whether there is ``short`` more room (display units) under the axes, their bottom raised by
    it where it stays no higher than ``highest``."""
    if short <= 0:
        return True
    if ax.bbox.y0 + short > highest:
        return False
    position, lift = ax.get_position(), short / ax.get_figure().bbox.height
    ax.set_position((position.x0, position.y0 + lift, position.width, position.height - lift))
    return True


def _spread(offset, label, box, low: float, high: float, gap: float, renderer) -> bool:
    """Whether the ``offset`` (right-aligned) and the ``label`` (left-aligned, before it), either
    None, stand between ``low`` and ``high`` (display units), ``gap`` apart: each placed at its end
    of the axes, then moved towards the figure's edges only as far as it must be."""
    texts = [text for text in (label, offset) if text is not None]
    for text in texts:
        text.set_x(1.0 if text is offset else 0.0)
    extents = [text.get_window_extent(renderer) for text in texts]
    # Each text's span as it stands, then each moved within the row, then apart: the first rightwards.
    spans = [[extent.x0, extent.x1] for extent in extents]
    for span in spans:
        shift = max(low - span[0], 0) - max(span[1] - high, 0)
        span[0] += shift
        span[1] += shift
    if len(spans) == 2 and spans[0][1] + gap > spans[1][0]:
        over = spans[0][1] + gap - spans[1][0]
        right = min(over, max(high - spans[1][1], 0))
        spans[1][0] += right
        spans[1][1] += right
        left = min(over - right, max(spans[0][0] - low, 0))
        spans[0][0] -= left
        spans[0][1] -= left
    for text, span in zip(texts, spans, strict=True):
        anchor = span[1] if text.get_horizontalalignment() == "right" else span[0]
        text.set_x((anchor - box.x0) / box.width)
    fits = all(low - 0.5 <= span[0] and span[1] <= high + 0.5 for span in spans)
    return fits and (len(spans) == 1 or spans[0][1] + gap <= spans[1][0] + 0.5)


def _label_inside(ax, axis, renderer, end: float) -> None:
    """The axis's label, centred on the axes, moved along them only as far as keeps it within its
    band: the figure's width for the x label; for the y label, the figure's height less the x axis's
    texts that reach under its column ("1e−9+5.53405371" ran over "h(x) (×10²⁸⁸)" at --size 1 1)
    and less half the space to an axes above or below (diff's two panels wrote their labels over
    each other at --size 10 2). A y label longer than its band is broken before its unit
    ("(×10⁻³⁰⁰)") where there is room beside it, then set smaller. Before, "x (×10²⁸⁸)" ran past the
    figure's right edge at --size 1 2, and "h(x) (×10¹²²)" past its bottom at --size 8 1."""
    figure, box, label = ax.get_figure().bbox, ax.bbox, axis.label
    if not label.get_text():
        return
    gap = _GAP * ax.get_figure().dpi / 72
    if axis is ax.xaxis:  # (set smaller where the row is too short: a legend beside the axes had covered the note)
        _smaller(label, lambda: label.get_window_extent(renderer).width <= end - figure.x0 - 2 * gap)
        extent = label.get_window_extent(renderer)
        shift = max(figure.x0 + gap - extent.x0, 0) - max(extent.x1 - end + gap, 0)
        label.set_x(label.get_position()[0] + shift / box.width)
        return
    boxes = [text.get_window_extent(renderer) for text in _drawn(axis)]
    low, high = _y_band(ax, boxes, renderer)
    text, size = label.get_text(), label.get_fontsize()

    def fits() -> bool:
        return label.get_window_extent(renderer).height <= high - low and _label_room(axis, boxes, False, renderer) >= 0

    if not fits() and " (" in text:
        label.set_text(text.replace(" (", "\n(", 1))
        _smaller(label, fits)
        if not fits():
            label.set_text(text)
            label.set_fontsize(size)
    _smaller(label, lambda: label.get_window_extent(renderer).height <= high - low)
    extent = label.get_window_extent(renderer)
    shift = max(low - extent.y0, 0) - max(extent.y1 - high, 0)
    label.set_y(label.get_position()[1] + shift / box.height)


def _y_band(ax, boxes, renderer) -> tuple[float, float]:
    """The span (display units) of the figure's height that ``ax``'s y label may take: within the
    figure, above the x axis's texts that reach under the label's column (its place reckoned beside
    the y tick labels' ``boxes``, as matplotlib sets it) and short of the label of an axes above or
    below laid out before it, or of half the space to one laid out after it."""
    figure, box, label = ax.get_figure().bbox, ax.bbox, ax.yaxis.label
    gap = _GAP * ax.get_figure().dpi / 72
    low, high = figure.y0 + gap, figure.y1 - gap
    right = min([box.x0, *(b.x0 for b in boxes)]) - ax.yaxis.labelpad * renderer.points_to_pixels(1.0)
    left = right - label.get_window_extent(renderer).width
    xaxis = ax.xaxis
    ticks = [text.get_window_extent(renderer) for text in _drawn(xaxis)]
    row = min([box.y0, *(b.y0 for b in ticks)])  # the offset and the label hang from here
    hanging = [text.get_window_extent(renderer) for text in (xaxis.offsetText, xaxis.label) if text.get_text()]
    for extent, top in [*((b, b.y1) for b in ticks), *((b, row) for b in hanging)]:
        if extent.x0 < right + gap and extent.x1 > left - gap:
            low = max(low, top + gap)
    axes = ax.get_figure().axes
    for other in axes:
        near = other.bbox
        if other is ax or near.x1 <= box.x0 or near.x0 >= box.x1:
            continue
        # an axes laid out before this one: its label where it stands, else half the space between
        placed = axes.index(other) < axes.index(ax) and other.yaxis.label.get_text()
        theirs = other.yaxis.label.get_window_extent(renderer) if placed else None
        if near.y0 >= box.y1:
            high = min(high, theirs.y0 - gap if theirs else (box.y1 + near.y0) / 2)
        elif near.y1 <= box.y0:
            low = max(low, theirs.y1 + gap if theirs else (near.y1 + box.y0) / 2)
    return low, high


def _smaller(text, fits) -> None:
    """``text`` set smaller, by steps down to its smallest (``_smallest``), until ``fits()``."""
    smallest = _smallest(text)
    while not fits() and text.get_fontsize() > smallest:
        text.set_fontsize(max(text.get_fontsize() * 0.85, smallest))


def _smallest(text) -> float:
    """The smallest size (points) ``text`` is set to: 5 points, or at a dpi so low that a script
    (mathtext's 0.7 of its text) would be under half a pixel, the size that keeps it half a pixel,
    for FreeType refuses to draw less (at --dpi 10, "×10⁻⁴" at 5 points was a RuntimeError,
    "invalid ppem value")."""
    return max(SMALLEST, 0.5 * 72 / (_SCRIPT * text.get_figure().dpi) * 1.05)


def _label_within(axis, boxes, horizontal: bool, renderer) -> bool:
    """Whether the axis's label (its note's lines with it) stands within the figure, beyond its
    tick labels, and no longer than the figure is wide (or high): its size measured, its place
    reckoned as matplotlib sets it, a pad beyond the tick labels (placing it is the draw's)."""
    if not axis.label.get_text():
        return True
    size, figure = axis.label.get_window_extent(renderer), axis.axes.get_figure().bbox
    room = (figure.width if horizontal else figure.height) - 2 * _GAP * renderer.points_to_pixels(1.0)
    long = (size.width if horizontal else size.height) > room  # (_label_inside moves it within)
    return not long and _label_room(axis, boxes, horizontal, renderer) >= 0


def _label_room(axis, boxes, horizontal: bool, renderer) -> float:
    """The room (display units) to spare between the axis's label and the figure's edge beyond it,
    the label placed beyond the tick labels' ``boxes`` as matplotlib places it; below 0, short.
    The x axis's offset hangs from the tick labels too: its room is counted with the label's
    (at --size 8 0.7 the label came closer to the tick labels, and "1e−9−2.36823967", 3 points
    from them, fell past the figure's bottom edge)."""
    size = axis.label.get_window_extent(renderer)
    pad = axis.labelpad * renderer.points_to_pixels(1.0)
    axes = axis.axes.bbox
    if horizontal:
        under = min([axes.y0, *(box.y0 for box in boxes)])
        offset = axis.offsetText
        if offset.get_text():  # (matplotlib's pad: OFFSETTEXTPAD points)
            height = offset.get_window_extent(renderer).height
            return min(under - pad - size.height, under - axis.OFFSETTEXTPAD * renderer.points_to_pixels(1.0) - height)
        return under - pad - size.height
    return min([axes.x0, *(box.x0 for box in boxes)]) - pad - size.width


def overhang(ax, renderer) -> float:
    """How far (display units, 0 if not at all) the x axis's tick labels reach past the axes'
    right edge: a legend beside the axes stands clear of them ("200000" had lost its last 0 under
    it). The offset and the label are not counted: ``lay_out`` keeps them left of such a legend."""
    return max([0.0, *(label.get_window_extent(renderer).x1 - ax.bbox.x1 for label in _drawn(ax.xaxis))])


def _drawn(axis) -> list:
    """The labels of the ticks that matplotlib draws: those within the view (as matplotlib reckons
    it), with text. A label's box is no guide: "−5" at the axes' bottom edge stood 1.5 pixels
    lower than its tick, so that it was thought undrawn, and the y label placed beside it ran
    past the figure's edge."""
    axis.get_majorticklabels()  # (updates the ticks' places and labels)
    low, high = sorted(axis.get_view_interval())
    close = 1e-10 * (high - low)
    ticks = axis.get_major_ticks()
    return [
        tick.label1
        for tick in ticks
        if tick.label1.get_visible() and tick.label1.get_text() and low - close <= tick.get_loc() <= high + close
    ]


def _apart(boxes, horizontal: bool, figure) -> bool:
    """Whether tick labels' boxes (display units) stand within the ``figure``'s box and apart
    along their axis, a little space between neighbours."""
    if any(box.x0 < 0 or box.x1 > figure.width or box.y0 < 0 or box.y1 > figure.height for box in boxes):
        return False
    return _spaced(boxes, horizontal)


def _spaced(boxes, horizontal: bool) -> bool:
    """Whether tick labels' boxes stand apart along their axis, a little space between neighbours."""
    spans = sorted((box.x0, box.x1) if horizontal else (box.y0, box.y1) for box in boxes)
    gap = 2.0  # pixels
    return all(after[0] >= before[1] + gap for before, after in zip(spans, spans[1:], strict=False))
