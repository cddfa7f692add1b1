"""Plots at the edges a newcomer walks into: targets that are pipes or devices, one-sample
ranges, jumps at the ends of a range, many series, tiny sizes, odd parameters and API misuse;
each read back (the file's bytes, the axes, the pixels, the terminal text, the error)."""

from __future__ import annotations

import io
import itertools
import os
import re
import stat
import threading
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_pictures import assert_clean, curve_pixels, picture
from test_plotting import _png_size as png_size
from test_plotting import assert_whole_file, bar_labels, caught_figures, draw, renderer, run, series, title_of

import actplot
from actplot import plotting


@pytest.fixture
def figures():
    with caught_figures() as caught:
        yield caught


# Targets that are not regular files


def test_a_fifo_receives_the_png_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "view.png"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert_clean(run("sigmoid", "--range", "-5", "5", "-o", str(fifo)))
    reader.join(timeout=20)
    assert received and received[0].startswith(b"\x89PNG\r\n\x1a\n")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.png"]


def device(tmp_path, name: str, minor: int):
    """A character device of the memory driver (1, minor): 3 is /dev/null, 7 is /dev/full."""
    node = tmp_path / name
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    link = tmp_path / f"{name}.png"
    link.symlink_to(node)
    return node, link


def test_a_link_to_a_device_writes_into_the_device_and_leaves_it_a_device(tmp_path):
    node, link = device(tmp_path, "null", 3)
    assert_clean(run("sigmoid", "--range", "-5", "5", "-o", str(link)))
    assert stat.S_ISCHR(os.stat(node).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "null.png"]


def test_a_full_device_is_a_one_line_error_not_a_success(tmp_path):
    node, link = device(tmp_path, "full", 7)
    result = run("sigmoid", "--range", "-5", "5", "-o", str(link))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {link}: cannot write (No space left on device)\n"
    assert stat.S_ISCHR(os.stat(node).st_mode)


# One sample: a point, not an invisible line


def marks(image: np.ndarray, colour: str) -> int:
    return int(curve_pixels(image, colour).sum())


@pytest.mark.parametrize(
    "args",
    [
        ("tanh", "--range", "-5", "5", "--num", "1"),
        # a step longer than the range: one sample (without --step, a range narrower than the default
        # step is a usage error, test_inputs.test_range_errors)
        ("sigmoid", "--range", "1e-300", "2e-300", "--step", "1e-299"),
        ("identity", "--range", "1000", "1000.000001", "--step", "1"),
        ("tanh", "--range", "1", "1.0000000000000002", "--step", "0.5"),
        ("step", "--range", "-1e-300", "1e-300", "--step", "1"),
    ],
)
def test_a_range_of_one_sample_draws_it_as_a_point(figures, tmp_path, args):
    ax, image = picture(figures, tmp_path, *args)
    (line,) = series(ax)
    assert line.get_marker() not in (None, "None", "") and len(line.get_xdata()) == 1
    x, y = line.get_xdata()[0], line.get_ydata()[0]
    assert ax.get_xlim()[0] < x < ax.get_xlim()[1] and ax.get_ylim()[0] < y < ax.get_ylim()[1]
    assert marks(image, "C0") > 10


@pytest.mark.parametrize(
    "args",
    [
        ("relu", "--range", "1", "1.0000000000000004", "--num", "3"),
        ("plot", "relu", "tanh", "--range", "1", "1.0000000000000004", "--num", "3"),
        ("diff", "relu", "tanh", "--range", "1", "1.0000000000000004", "--num", "3"),
        ("sheet", "relu", "--range", "1", "1.0000000000000002"),
    ],
)
def test_a_range_narrower_than_an_axis_resolves_is_refused_as_limits_are(tmp_path, args):
    # it was drawn as nothing: a curve of three points one ulp apart, on limits widened to 0.95..1.05
    result = run(*args, "-o", str(tmp_path / "x.png"))
    assert_clean(result, 2)
    stop = args[args.index("--range") + 2]
    assert result.stderr.splitlines()[-1] == (
        f"Error: --range 1 to {stop} is narrower than a plot can show: "
        "STOP - START must be at least 1e-12 of their size"
    )
    assert not (tmp_path / "x.png").exists()
    with pytest.raises(ValueError, match=f"^range 1 to {re.escape(stop)} is narrower than a plot can show"):
        if args[0] == "sheet":
            actplot.sheet("relu", range=(1, float(stop)))
        else:
            actplot.plot("relu", range=(1, float(stop)), num=3)


@pytest.mark.parametrize(
    "args, message",
    [
        # among the subnormals: 0 to 1e-323 was drawn from relu(5e-324) at x = 0, half the axis up;
        # 0 to 5e-324 refused for a span that halves rounded to 0
        (("relu", "--range", "0", "1e-323", "--num", "2"), "--range 0 to 1e-323 is narrower than a plot can show"),
        (("relu", "--range", "0", "5e-324", "--num", "2"), "--range 0 to 5e-324 is narrower than a plot can show"),
        # limits said as given ('1.0000002 1.0000001' was '1 1')
        (("relu", "--xlim", "1.0000002", "1.0000001"), "needs LOW < HIGH, not 1.0000002 1.0000001"),
    ],
)
def test_a_span_of_a_few_subnormals_is_refused_and_limits_are_said_whole(tmp_path, args, message):
    result = run(*args, "-o", str(tmp_path / "x.png"))
    assert_clean(result, 2)
    assert message in result.stderr.splitlines()[-1]
    if "narrower" in message:
        assert result.stderr.splitlines()[-1].endswith("of their size and at least 5.06e-321")


@pytest.mark.parametrize(
    "stop, power",
    # 0 to 1e-320 (2024 doubles) was refused while a span of 4096 doubles was asked
    [("1e-319", -319), ("1e-320", -320), ("5.1e-321", -321)],
)
def test_a_subnormal_range_of_enough_doubles_is_drawn_through_its_points(figures, tmp_path, stop, power):
    ax, image = picture(figures, tmp_path, "relu", "--range", "0", stop, "--num", "5")
    (line,) = series(ax)
    x, y = line.get_xdata(), line.get_ydata()  # (in the axes' units, ×10^power)
    last = float(stop) * 1e300 / 10.0 ** (power + 300)  # the range's end (a double) in those units
    drawn = np.array([0, 0.25, 0.5, 0.75, 1]) * last  # where each sample is
    assert x[0] == 0 and np.abs(x - drawn).max() <= last / 2048  # each within half a double of its place
    # y = x but at the kink, drawn with its right-hand value relu(5e-324): one double of the span
    assert np.abs(y / y[-1] - x / x[-1]).max() <= 1.5 * 5e-324 / float(stop) and marks(image, "C0") > 10


@pytest.mark.parametrize(
    "values, labels",
    [
        # each was "1" (and "-1e+15"), as if one input gave several outputs
        ([1, 1.000001, 1.000002, 1.0000005], ["1", "1.000001", "1.000002", "1.0000005"]),
        ([-1e15, -999999999999999, -999999999999998], ["−1e+15", "−999999999999999", "−999999999999998"]),
        ([0.1234567, 0.1234568], ["0.1234567", "0.1234568"]),
        ([1, 1, 2], ["1", "1", "2"]),  # equal inputs, equal labels
        # each value's shortest form: 0.10000000000000001 and 4.94066e-324 were written
        ([0.1, 0.2, 0.30000000000000004, 0.3], ["0.1", "0.2", "0.30000000000000004", "0.3"]),
        ([5e-324, 1e-323, 0], ["5e−324", "1e−323", "0"]),
        # -0 and 0, one value in two labels, hid 1 and 1.000001 in one ("−0 0 1 1")
        ([-0.0, 0.0, 1, 1.000001], ["−0", "0", "1", "1.000001"]),
    ],
)
def test_bars_are_labelled_with_the_inputs_told_apart(values, labels):
    fig = actplot.plot("softmax", x=values)
    fig.savefig(io.BytesIO(), format="png")
    # (every label, or every other where they would run into each other)
    shown = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert shown == labels[:: len(labels) // len(shown)]
    terminal = run("log_softmax", "--terminal", "--size", "120", "20", "--", *map(repr, map(float, values)))
    assert terminal.exit_code == 0
    shown = terminal.stdout.splitlines()[-2].split()
    assert shown == labels[:: len(labels) // len(shown)]


@pytest.mark.parametrize(
    "args",
    [
        ("relu", "--range", "1000000", "1000001", "--with-derivative"),
        ("softplus", "--range", "1000", "1001", "--with-derivative"),
        ("plot", "identity", "sigmoid", "--range", "-1001", "-1000"),
    ],
)
def test_a_curve_near_an_unbounded_side_stands_off_the_frame(figures, tmp_path, args):
    # relu on 1e6..1e6+1 beside its derivative ended the y axis at its top value: the curve lay
    # along the frame's top edge and read as the frame
    ax, image = picture(figures, tmp_path, *args)
    low, high = ax.get_ylim()
    for line in series(ax):
        y = np.asarray(line.get_ydata(), dtype=float)
        assert y.max() < high - 0.02 * (high - low) and y.min() > low + 0.02 * (high - low), line.get_label()


@pytest.mark.parametrize(
    "args", [("relu", "--", "0", "5e-324", "1e-323"), ("relu", "--terminal", "--", "5e-324", "1e-323")]
)
def test_points_a_few_subnormals_apart_are_drawn_without_a_warning(tmp_path, args):
    # matplotlib's "Attempting to set identical low and high xlims" on stderr (plotext's "too close
    # together" in a terminal): their 5% margin was 0
    where = () if "--terminal" in args else ("-o", str(tmp_path / "x.png"))
    result = run(args[0], *where, *args[1:])
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_tick_at_the_offset_is_labelled_0_without_a_sign():
    # ticks -1, -0, 1, 2 beside the offset 1e-9-1 (×10³⁰⁰)
    fig = actplot.plot("identity", range=(-1e300, -1e300 * (1 - 1e-9)), num=11, size=(3, 2))
    fig.savefig(io.BytesIO(), format="png")
    labels = [t.get_text() for axis in (fig.axes[0].xaxis, fig.axes[0].yaxis) for t in axis.get_majorticklabels()]
    assert "0" in labels or "0.0" in labels
    assert not [
        label
        for label in labels
        if label.lstrip("\u2212-") and set(label.lstrip("\u2212-")) <= set("0.") and label[0] in "\u2212-"
    ]


def test_a_range_an_axis_just_resolves_is_drawn(figures, tmp_path):
    ax, image = picture(figures, tmp_path, "relu", "--range", "1", "1.000000000001", "--num", "3")
    (line,) = series(ax)
    assert ax.get_xlim()[0] < 1 and ax.get_xlim()[1] > 1.000000000001 and marks(image, "C0") > 10


def test_plot_of_one_sample_draws_each_function_as_a_point(figures, tmp_path):
    ax, image = picture(figures, tmp_path, "plot", "sigmoid", "tanh", "--num", "1")
    lines = series(ax)
    assert [len(line.get_xdata()) for line in lines] == [1, 1]
    assert all(line.get_marker() not in (None, "None", "") for line in lines)
    assert marks(image, "C0") > 10 and marks(image, "C1") > 10


# Jumps at the ends of the range


@pytest.mark.parametrize(
    "args, inside",
    [
        (("step", "--range", "0", "1"), 1.0),  # step(0) = 0, 1 just after
        (("relu", "-d", "--range", "0", "1"), 1.0),  # relu'(0) = 0 (PyTorch), 1 just after
        (("relu", "-d", "--range", "-1", "0", "--num", "3"), 0.0),
        (("hard_tanh", "-d", "--range", "-1", "0"), 1.0),  # hard_tanh'(-1) = 0 (PyTorch)
    ],
)
def test_a_jump_at_an_end_of_the_range_is_not_a_ramp(figures, tmp_path, args, inside):
    ax = draw(figures, tmp_path, *args)
    (line,) = series(ax)
    assert set(line.get_ydata()) == {inside}  # flat from end to end: no sample on the ramp


# Sizes and resolutions at their limits


@pytest.mark.parametrize(
    "args",
    [
        ("sigmoid", "--range", "-5", "5", "--dpi", "nan", "-o"),
        ("plot", "relu", "--dpi", "nan", "-o"),
        ("sheet", "--dpi", "nan", "-o"),
        ("sheet", "--size", "nan", "5", "-o"),
        ("sheet", "--size", "2", "2", "-o"),  # four panels to a row need four inches
    ],
)
def test_a_size_or_resolution_no_page_can_have_is_a_usage_error(tmp_path, args):
    result = run(*args, str(tmp_path / "x.png"))
    assert_clean(result, 2)
    assert "--dpi" in result.stderr or "--size" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", actplot.names())
def test_every_function_draws_at_the_smallest_size_and_resolution(tmp_path, name):
    """A figure of 5 x 5 pixels: the formula's scripts would be smaller than a pixel (FreeType
    refused them with a traceback); it is left out, and the file is written."""
    path = tmp_path / "x.png"
    values = ("1", "2", "3") if actplot.get(name).drawn_as_bars else ("--range", "-3", "3")
    for size in (("0.5", "0.5"), ("0.5", "200")):
        assert_clean(run(name, *values, "--with-derivative", "--size", *size, "--dpi", "10", "-o", str(path)))
        assert_whole_file(path)


@pytest.mark.parametrize("size", [("6.4", "4.8"), ("10", "8"), ("1.5", "1.5")], ids="x".join)
def test_a_difference_with_a_power_of_ten_draws_at_the_smallest_resolution(tmp_path, size):
    # the difference's axis offset "×10⁻⁴", set as small as its tick labels (5 points), had a
    # script under half a pixel at --dpi 10: FreeType's "invalid ppem value" traceback
    path = tmp_path / "d.png"
    result = run("diff", "gelu", "gelu:approximate=tanh", "--size", *size, "--dpi", "10", "-o", str(path))
    assert_clean(result)
    assert_whole_file(path)


@pytest.mark.parametrize(
    "args",
    [
        ["gelu", "--range", "-1000", "1000"],  # "−1000" ran over "0" and off the left edge at 1 x 1
        ["sigmoid", "--range", "-5", "5"],
        ["exp", "--range", "-3", "3", "--with-derivative"],
        ["tanh", "--range", "-123456.7", "123456.7"],
    ],
    ids=lambda args: args[0],
)
@pytest.mark.parametrize("size", [("1", "1"), ("1.5", "1"), ("1", "3"), ("6.4", "4.8")], ids="x".join)
def test_tick_labels_stand_apart_within_the_figure(figures, tmp_path, args, size):
    # read back after the draw: each axis's drawn tick labels (those of ticks within the limits)
    # apart from their neighbours and inside the figure, and the axis's label inside it
    assert_clean(run(*args, "--size", *size, "--dpi", "100", "-o", str(tmp_path / "t.png")))
    (fig,) = figures
    ax = fig.axes[0]
    for axis, horizontal in ((ax.xaxis, True), (ax.yaxis, False)):
        low, high = sorted(axis.get_view_interval())
        boxes = [
            tick.label1.get_window_extent()
            for tick in axis.get_major_ticks()
            if low <= tick.get_loc() <= high and tick.label1.get_visible() and tick.label1.get_text()
        ]
        assert len(boxes) >= 2
        assert all(0 <= b.x0 and b.x1 <= fig.bbox.width and 0 <= b.y0 and b.y1 <= fig.bbox.height for b in boxes)
        spans = sorted((b.x0, b.x1) if horizontal else (b.y0, b.y1) for b in boxes)
        assert all(after[0] > before[1] for before, after in zip(spans, spans[1:], strict=False)), spans
        named = axis.label.get_window_extent()
        assert named.x0 >= 0 and named.y0 >= 0, axis.label.get_text()


@pytest.mark.parametrize(
    "functions",
    [
        ["step", "sigmoid"],
        ["step", "sigmoid", "lisht", "hard_elish", "rrelu", "selu", "laplace", "squared_relu", "identity"],
    ],
    ids=["two", "nine"],
)
@pytest.mark.parametrize("size", [("6.4", "4.8"), ("4", "3")], ids="x".join)
def test_crowded_tick_labels_are_made_fewer_before_they_are_set_smaller(figures, tmp_path, functions, size):
    # at 6.4 x 4.8 the nine ticks of -0.00125 ... 0.00125 ran into each other and were set at 7.2
    # points, 5.2 with nine functions (the axes narrower), and "x" with them: five ticks fit at 10
    args = ("plot", *functions, "--range", "-0.001", "0.001", "--num", "41", "--size", *size)
    assert_clean(run(*args, "-o", str(tmp_path / "t.png")))
    (fig,) = figures
    ax = fig.axes[0]
    labels = [tick.label1 for tick in ax.xaxis.get_major_ticks() if -0.001 <= tick.get_loc() <= 0.001]
    assert len(labels) >= 3 and {label.get_fontsize() for label in labels} == {10}
    spans = sorted((box.x0, box.x1) for box in (label.get_window_extent() for label in labels))
    assert all(after[0] > before[1] for before, after in zip(spans, spans[1:], strict=False)), spans
    assert ax.xaxis.label.get_fontsize() == 10


@pytest.mark.parametrize(
    "args",
    [
        # on axes a few pixels tall the locator of one bin still gave five ticks: "fewer" was asked
        # for 24 times over, and the five labels were left running into each other at 5 points
        ["plot", "tanhshrink", "hard_tanh", "--num", "5", "--with-derivative", "--size", "8.41", "0.75"],
        ["diff", "gelu_10", "sqnl", "--range", "-0.5", "0.5", "--num", "41", "--size", "10.45", "1.6"],
    ],
    ids=["plot", "diff"],
)
def test_tick_labels_on_very_short_axes_stand_apart(figures, tmp_path, args):
    assert_clean(run(*args, "--dpi", "63", "-o", str(tmp_path / "t.png")))
    (fig,) = figures
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            ticks = [t for t in axis.get_major_ticks() if low <= t.get_loc() <= high and t.label1.get_visible()]
            labels = [t.label1 for t in ticks if t.label1.get_text()]
            boxes = [label.get_window_extent() for label in labels]
            spans = sorted((b.y0, b.y1) if axis is ax.yaxis else (b.x0, b.x1) for b in boxes)
            assert all(after[0] > before[1] for before, after in zip(spans, spans[1:], strict=False)), spans


def axes_inside_the_page(fig) -> bool:
    return all(0 <= ax.get_position().y0 and ax.get_position().y1 <= 1 for ax in fig.axes)


def test_a_short_page_holds_fewer_rows_and_no_panel_falls_off_it(tmp_path):
    path = tmp_path / "s.pdf"
    with caught_figures() as caught:
        assert_clean(run("sheet", "--size", "8.27", "3", "-o", str(path)))
    for fig in caught:
        fig.canvas.draw()  # places the axes as the PDF did
        assert axes_inside_the_page(fig) and len(fig.axes) <= plotting.SHEET_COLUMNS
    titles = [title_of(ax).split(" (")[0].split(" along ")[0] for fig in caught for ax in fig.axes]
    assert titles == actplot.names()


@pytest.mark.parametrize("family", ["gated", "elu"])
def test_on_a_short_page_the_panels_titles_are_set_smaller_and_their_x_labels_stay_on_it(tmp_path, family):
    # at --size 4 2 the gated panels' titles took the page, and the x labels fell off its foot
    with caught_figures() as caught:
        assert_clean(run("sheet", "--family", family, "--size", "4", "2", "-o", str(tmp_path / "s.pdf")))
    for fig in caught:
        drawn = renderer(fig)
        for ax in fig.axes:
            assert ax.xaxis.label.get_text() and within(fig, ax.xaxis.label, drawn)
            assert ax.get_window_extent(drawn).height >= 0.25 * fig.dpi  # (4:3 in a column of 1 inch)
            for text in ax.texts:
                if text.get_gid() in ("title", "formula") and text.get_text():
                    assert within(fig, text, drawn) and text.get_fontsize() >= 5
                    assert not text.get_window_extent(drawn).overlaps(ax.get_window_extent(drawn))
            assert title_of(ax).split()[0] in {chart.split()[0] for chart in actplot.names()}


def test_a_sheet_of_one_row_keeps_its_panels_shape(tmp_path):
    path = tmp_path / "s.png"
    with caught_figures() as caught:
        assert_clean(run("sheet", "--family", "relu", "-o", str(path)))
    (fig,) = caught
    for ax in fig.axes:
        box = ax.get_position()
        assert box.height * fig.get_figheight() <= 0.75 * box.width * fig.get_figwidth() + 1e-9
    width, height = png_size(assert_whole_file(path))
    assert width == round(8.27 * 150) and height < 11.69 * 150 / 2  # as tall as its row, not an A4 page


def test_a_narrow_sheet_wraps_its_title_within_the_page(tmp_path):
    with caught_figures() as caught:
        assert_clean(run("sheet", "--family", "threshold", "--size", "4", "3", "-o", str(tmp_path / "s.png")))
    (fig,) = caught
    (title,) = fig.texts
    box = title.get_window_extent(renderer(fig))
    assert "\n" in title.get_text() and 0 <= box.x0 and box.x1 <= fig.bbox.x1


# Many series, long titles: everything within the figure


def within(fig, artist, drawn=None) -> bool:
    """Whether the artist lies within the figure; drawn: a renderer of the figure, drawn once for many artists."""
    box = artist.get_window_extent(drawn or renderer(fig))
    return fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1 and fig.bbox.y0 <= box.y0 and box.y1 <= fig.bbox.y1


@pytest.mark.parametrize(
    "functions, size, derivative",
    [
        (["gelu", ("gelu", {}, "jax")], (3, 2), False),
        ([("leaky_relu", {"alpha": 0.25}), ("elu", {"alpha": 0.5}, "keras")], (2.5, 2), False),
        # five entries in one column, taller than the axes, covered the x tick labels
        (["tanh", "mish", "softplus", "identity", "snake"], (3, 1.5), False),
        (["relu", "gelu", "silu"], (3, 1.5), True),
        (["relu", "gelu", "silu"], (2, 2), False),
    ],
)
def test_a_legend_inside_the_axes_stands_within_them_every_entry_named(functions, size, derivative):
    # at --size 3 2 'gelu (approximate = tanh, --compat jax)' stood over the y tick labels and label
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = actplot.plot(functions, size=size, derivative=derivative)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent(canvas.get_renderer())
    assert ax.bbox.x0 - 1 <= legend.x0 and legend.x1 <= ax.bbox.x1 + 1
    assert ax.bbox.y0 - 1 <= legend.y0 and legend.y1 <= ax.bbox.y1 + 1
    texts = [text.get_text().replace("\n", " ") for text in ax.get_legend().get_texts()]
    assert len(texts) == len(functions) * (2 if derivative else 1)
    assert texts == [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert min(text.get_fontsize() for text in ax.get_legend().get_texts()) >= 5


@pytest.mark.parametrize("dpi", [72, 300, 600])
@pytest.mark.parametrize(
    "functions, size", [(["gelu", "silu"], (2, 2)), (["tanh", "mish", "softplus", "identity", "snake"], (3, 1.5))]
)
def test_a_legend_inside_the_axes_fits_them_at_any_resolution(functions, size, dpi):
    # text is hinted to the pixel: at --dpi 300 the legend that fitted at 100 ran 3 pixels past the frame
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = actplot.plot(functions, size=size)
    fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    ax = fig.axes[0]
    drawn = canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(drawn)
    inside = ax.bbox.x0 <= legend.x0 and legend.x1 <= ax.bbox.x1 and ax.bbox.y0 <= legend.y0 and legend.y1 <= ax.bbox.y1
    # or, where it does not fit inside at this resolution, outside the axes and within the figure
    assert inside or (not legend.overlaps(ax.bbox) and within(fig, ax.get_legend(), drawn))


def legend_drawn(functions, size, derivative):
    """A plot drawn, its legend checked to stand whole within the figure: the figure, the legend,
    its box and the renderer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = actplot.plot(functions, size=size, derivative=derivative)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn = canvas.get_renderer()
    legend = fig.axes[0].get_legend()
    assert within(fig, legend, drawn) and all(within(fig, text, drawn) for text in legend.get_texts())
    return fig, legend, legend.get_window_extent(drawn), drawn


@pytest.mark.parametrize(
    "functions, size, derivative",
    [
        # no legend fitted inside or beside these: it covered the y tick labels and label, or ran
        # past the figure's left edge
        (["laplace", "isru", "sparse_sigmoid"], (1, 4), False),
        (["relu", "gelu", "silu"], (1, 3), False),
        (["sigmoid", "tanh", "relu", "gelu", "silu", "mish"], (1.5, 4), False),
        (["gelu", "silu"], (1.5, 3), True),
        (["relu", "gelu", "silu", "mish"], (2, 5), True),  # eight entries, none beside
    ],
)
def test_a_legend_with_no_room_inside_or_beside_stands_below_the_axes_texts(functions, size, derivative):
    fig, legend, box, drawn = legend_drawn(functions, size, derivative)
    ax = fig.axes[0]
    lowest = min(
        text.get_window_extent(drawn).y0 for text in [ax.xaxis.label, *ax.get_xticklabels()] if text.get_text()
    )
    assert box.y1 <= lowest  # under the x axis's tick labels and label
    assert min(text.get_fontsize() for text in legend.get_texts()) >= 5
    assert len(legend.get_texts()) == len(functions) * (2 if derivative else 1)


def test_a_legend_made_to_fit_is_made_again_alike_at_every_save():
    fig = actplot.plot(["tanh", "mish", "softplus", "identity", "snake"], size=(3, 1.5))
    assert saved(fig, "png") == saved(fig, "png")


# As many as a 6.4 x 4.8 inch figure's legend can hold legibly (4 points and up): 48 entries with
# the derivatives; every function at once (108) needs a larger --size.
SCALAR_NAMES = [name for name in actplot.names() if not actplot.get(name).drawn_as_bars][:24]
THIRTY_ELUS = [f"elu:alpha={a / 10:g}" for a in range(1, 31)]


@pytest.mark.parametrize(
    "args", [(*SCALAR_NAMES, "--with-derivative"), tuple(SCALAR_NAMES), (*THIRTY_ELUS, "--with-derivative")]
)
def test_a_legend_of_many_entries_holds_every_one_within_the_figure(figures, tmp_path, args):
    ax = draw(figures, tmp_path, "plot", *args)
    fig = ax.figure
    entries = ax.get_legend().get_texts()
    assert len(entries) == len(series(ax))
    drawn = renderer(fig)
    assert within(fig, ax.get_legend(), drawn) and all(within(fig, text, drawn) for text in entries)
    assert not ax.get_window_extent(drawn).overlaps(ax.get_legend().get_window_extent(drawn))


PARAMETERS = ["relu", "elu", "gelu", "silu", "mish", "tanh", "sigmoid", "softplus", "selu", "celu", "hardtanh"]


def entries_and_more(legend) -> tuple[list[str], int]:
    """A legend's entries as their labels, and the number its last line says it leaves out
    ("… 12 more"; 0 where there is no such line)."""
    texts = [text.get_text().replace("\n", " ") for text in legend.get_texts()]
    more = re.fullmatch(r"\u2026 (\d+) more", texts[-1])
    return (texts[:-1], int(more[1])) if more else (texts, 0)


@settings(max_examples=10, deadline=None)
@given(
    count=st.sampled_from([7, 10, 15, 24]),
    size=st.tuples(st.sampled_from([1.5, 2, 2.5, 3, 6.4]), st.sampled_from([1.5, 2, 3, 4.8])),
    derivative=st.booleans(),
)
def test_a_legend_too_long_for_the_figure_shows_its_first_entries_and_says_how_many_more(count, size, derivative):
    # at --size 2 2 ten entries ran past the figure's right edge, and 24 past its bottom: entries
    # were lost without a word
    fig, legend, box, drawn = legend_drawn(list(dict.fromkeys(PARAMETERS + SCALAR_NAMES))[:count], size, derivative)
    ax = fig.axes[0]
    names = [line.get_label() for line in series(ax)]
    shown, more = entries_and_more(legend)
    left = iter(names)  # the entries shown are curves' labels, in the curves' order
    assert all(entry in left for entry in shown) and len(shown) + more == len(names)
    assert min(text.get_fontsize() for text in legend.get_texts()) >= 5
    assert not box.overlaps(ax.bbox)


@pytest.mark.parametrize(
    "functions, size, cut",
    [(PARAMETERS[:10], (2, 2), True), (SCALAR_NAMES[:24], (2, 2.5), True), (PARAMETERS, (6.4, 4.8), False)],
)
def test_a_legend_is_cut_only_where_no_place_holds_it_whole(functions, size, cut):
    fig, legend, _, _ = legend_drawn(functions, size, False)
    shown, more = entries_and_more(legend)
    assert (more > 0) == cut and len(shown) + more == len(functions)
    if cut:  # below the axes across the figure or beside them, whichever shows more
        assert len(shown) >= 2


def test_a_cut_legend_leaves_out_a_label_too_wide_for_it_not_every_entry_after_it():
    # "gelu (approximate = none)" fitted at no size, and the bisection over the first entries kept
    # none of the fifteen short names after it: "… 16 more" alone
    functions = ["gelu", *SCALAR_NAMES[:15]]
    fig, legend, _, _ = legend_drawn(functions, (1.5, 1.5), False)
    shown, more = entries_and_more(legend)
    assert "gelu" not in " ".join(shown) and len(shown) >= 5 and len(shown) + more == len(functions)


TINY_FEW = ["prelu", ("leaky_relu", {"alpha": 0.123456789}), "hard_swish", ("gelu", {}, "jax")]
TINY_MANY = ["thresholded_relu", "soft_exponential"] * 2 + ["hard_sigmoid", "sparse_sigmoid", "sqrt_softplus"]


@pytest.mark.parametrize(
    "functions, size, dpi, derivative",
    [
        # a few entries were left inside the axes at 5 points, running past the figure's left edge
        (TINY_FEW, (0.55, 1.79), 100, False),
        (["exponential", "hard_tanh", "tanhshrink", "hard_tanh", ("elu", {"alpha": 0.1})], (0.5, 8), 144, False),
        # below, "… 16 more" alone fitted where nothing did beside, and the legend was dropped
        ([*TINY_MANY, "bent_identity"], (0.7, 4), 100, True),
    ],
)
def test_a_legend_of_any_length_stands_within_the_tiniest_figure_or_says_what_it_leaves_out(
    functions, size, dpi, derivative
):
    fig = actplot.plot(functions, size=size, derivative=derivative)
    fig.set_dpi(dpi)
    drawn = renderer(fig)
    legend = fig.axes[0].get_legend()
    assert legend is None or within(fig, legend, drawn) and all(within(fig, text, drawn) for text in legend.get_texts())
    if derivative:
        shown, more = entries_and_more(legend)
        assert len(shown) + more == 2 * len(functions) and more


def test_a_legend_of_no_entry_is_its_line_of_text_alone_without_room_for_a_line_sample():
    # 1.5 x 3, its height taken by the note under the axes: "… 10 more" with an empty sample's room
    # before it fitted nowhere, and the figure had no legend
    functions = ["exp", "relu", "elu", "gelu", "silu", "mish", "tanh", "sigmoid", "softplus", "selu"]
    fig = actplot.plot(functions, range=(-1000, 1000), size=(1.5, 3))
    drawn = renderer(fig)
    legend = fig.axes[0].get_legend()
    assert within(fig, legend, drawn) and not legend.get_window_extent(drawn).overlaps(fig.axes[0].bbox)
    assert entries_and_more(legend) == ([], 10) and legend.handlelength == 0


@pytest.mark.parametrize("dpi", [50, 72, 300])
def test_a_figure_too_small_for_one_line_of_legend_has_none_rather_than_one_past_its_edge(dpi):
    # at 1 x 1 "… 12 more" alone ran past the right edge ("… 12 r")
    fig = actplot.plot([*PARAMETERS, "identity"], size=(1, 1))
    fig.set_dpi(dpi)
    drawn = renderer(fig)
    legend = fig.axes[0].get_legend()
    assert legend is None or within(fig, legend, drawn)
    assert saved(fig, "png") == saved(fig, "png")


@pytest.mark.parametrize(
    "functions, size",
    [
        # eight entries, two with long labels: at 3 x 2 and 2 x 2 the legend's width was guessed from
        # its labels' lengths and it ran past the figure's right edge, at 4 points
        (["relu", "gelu", "silu", "mish"], (3, 2)),
        (["relu", "gelu", "silu", "mish"], (4, 3)),
        (["sigmoid", "tanh", "relu", "gelu", "silu", "mish"], (3, 1.5)),
        (["sigmoid", "tanh", "relu", "gelu", "silu", "mish"], (5, 1)),
        (["selu", "elu", "celu", ("leaky_relu", {"alpha": 0.123456789})], (4, 2)),
        (SCALAR_NAMES[:12], (6.4, 4.8)),
    ],
)
def test_a_legend_beside_the_axes_is_measured_to_stand_within_the_figure(functions, size):
    fig, legend, box, drawn = legend_drawn(functions, size, True)
    ax = fig.axes[0]
    assert box.x0 >= ax.bbox.x1 + 0.05 * fig.dpi  # beside, apart from the axes and their tick labels
    assert fig.bbox.x1 - box.x1 < 0.1 * fig.dpi  # the room beside is the legend's, not a guess's
    assert min(text.get_fontsize() for text in legend.get_texts()) >= 5
    texts = [text.get_text().replace("\n", " ") for text in legend.get_texts()]
    assert texts == [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert saved(fig, "svg") == saved(fig, "svg")


@pytest.mark.parametrize(
    "args",
    [
        ("plot", *THIRTY_ELUS, "--with-derivative"),
        ("sigmoid", "--range", "-5", "5", "--title", "word " * 300),
        ("sigmoid", "--range", "-5", "5", "--title", "x" * 500),  # one word wider than the figure
        # Japanese runs no spaces and each character is twice as wide as a Latin one: it ran past both sides
        ("sigmoid", "--range", "-5", "5", "--title", "活性化関数のグラフ" * 8),
        ("sigmoid", "--range", "-5", "5", "--title", "シグモイド 関数 " * 12),
    ],
)
def test_a_title_too_long_for_the_figure_stays_within_it(figures, tmp_path, args):
    ax = draw(figures, tmp_path, *args)
    (title,) = [text for text in ax.texts if text.get_gid() == "title"]
    assert within(ax.figure, title)
    assert title.get_text().replace("\n", "").replace(" ", "") == title_of(ax).replace(" ", "")


@pytest.mark.parametrize(
    "args",
    [
        ("softmax", "1", "2", "3"),
        ("sigmoid", "--range", "-5", "5"),
        ("gelu", "--range", "-5", "5"),
        ("selu", "--range", "-5", "5"),
    ],
)
@pytest.mark.parametrize("size", [("6.4", "2"), ("6.4", "1.5"), ("2", "2"), ("1", "1"), ("1.5", "4.8")])
def test_on_a_short_or_narrow_figure_the_title_and_formula_stay_whole_within_it(figures, tmp_path, args, size):
    # At --size 6.4 2 softmax's name was above the top edge and its formula cut in half; at 2 x 2
    # gelu's formula ran past both sides. A formula with no room is left out, never the name.
    ax = draw(figures, tmp_path, *args, "--size", *size)
    texts = {text.get_gid(): text for text in ax.texts if text.get_gid() in ("title", "formula") and text.get_text()}
    assert texts["title"].get_text().startswith(args[0])
    drawn = renderer(ax.figure)
    assert all(within(ax.figure, text, drawn) for text in texts.values())
    titles = [text.get_window_extent(drawn) for text in texts.values()]
    assert not any(box.overlaps(ax.get_window_extent(drawn)) for box in titles)


@pytest.mark.parametrize("size", [("8", "1"), ("1", "1.4"), ("0.5", "0.5"), ("3", "1.4999999999")], ids="x".join)
def test_a_difference_too_short_for_its_two_panels_is_a_usage_error(tmp_path, size):
    # at --size 8 1 the panels were 7 and 5 pixels tall, each with one tick label and a legend
    # no panel held
    result = run("diff", "gelu", "silu", "--size", *size, "-o", str(tmp_path / "d.png"))
    assert result.exit_code == 2 and not (tmp_path / "d.png").exists()
    assert "--size" in result.stderr and "at least 1.5 inches tall" in result.stderr
    assert f"not {size[1]}\n" in result.stderr  # as given (1.4999999999 had read "not 1.5")
    assert result.stderr.count("\n") == 4  # Usage, Try, blank, the one line
    assert_clean(run("diff", "gelu", "silu", "--size", "8", "1.5", "-o", str(tmp_path / "d.png")))


GELU_BOTH = "gelu (approximate = none) vs gelu (approximate = tanh)"


@pytest.mark.parametrize(
    "args, size, whole",
    [
        # the title was set at 4.88 points and its last line stood above the figure's top edge
        (
            ["diff", "gelu", "gelu:approximate=tanh", "--range", "-1e-5", "1e-5", "--num", "50"],
            ("1.5", "1.5"),
            GELU_BOTH,
        ),
        (
            ["diff", "leaky_relu", "leaky_relu:alpha=0.2"],
            ("1.5", "1.5"),
            "leaky_relu (α = 0.01) vs leaky_relu (α = 0.2)",
        ),
        (
            ["plot", "gelu", "gelu:approximate=tanh", "silu", "mish"],
            ("1", "1"),
            GELU_BOTH.replace(" vs", ",") + ", silu, mish",
        ),
        (["plot", "relu", "silu", "--title", "word " * 60], ("2", "1"), " ".join(["word"] * 60)),
    ],
)
def test_a_title_no_room_holds_keeps_5_points_and_its_first_lines_within_the_figure(
    figures, tmp_path, args, size, whole
):
    path = tmp_path / "t.png"
    assert_clean(run(*args, "--size", *size, "-o", str(path)))
    ax = figures[0].axes[0]
    (title,) = [text for text in ax.texts if text.get_gid() == "title"]
    assert title.get_fontsize() >= 5
    assert within(ax.figure, title, renderer(ax.figure))
    shown = " ".join(title.get_text().split())
    if shown.endswith("\u2026"):  # lines left out: those kept begin the title
        assert whole.startswith(shown.removesuffix("\u2026").rstrip()) and len(shown) < len(whole)
    else:
        assert shown == whole


@pytest.mark.parametrize(
    ("name", "size"),
    [("hard_sigmoid", (2, 2.5)), ("sparse_sigmoid", (1.5, 2.5)), ("log_sigmoid", (1.5, 2.5)), ("gelu", (2, 1.5))],
)
def test_a_title_is_set_smaller_before_a_word_of_it_is_broken(name, size):
    # at --size 2 2.5 the title read "hard_sigmoi" / "d (slope =" / "1/6)" at 11 points
    fig = actplot.plot(name, size=size)
    drawn = renderer(fig)
    (title,) = [text for text in fig.axes[0].texts if text.get_gid() == "title"]
    assert title.get_fontsize() > 5 and within(fig, title, drawn)
    wide = actplot.plot(name, size=(12, 4))  # (on one line)
    renderer(wide)
    assert title.get_text().split() == title_of(wide.axes[0]).split(), title.get_text()


@pytest.mark.parametrize("title", ["hard_sigmöid (slope = 1/6)", "Schrödinger–Gleichung aktiviert"])
def test_a_word_of_narrow_letters_outside_ascii_is_kept_whole_as_an_ascii_one(title):
    # only ASCII words were kept whole: "hard_sigmöid" was broken at 11 points before a smaller size was tried
    fig = actplot.plot("relu", size=(2, 2.5), title=title)
    drawn = renderer(fig)
    (shown,) = [text for text in fig.axes[0].texts if text.get_gid() == "title"]
    assert shown.get_text().split() == title.split() and within(fig, shown, drawn), shown.get_text()


def test_a_japanese_title_is_wrapped_before_it_is_set_smaller():
    # a title without spaces was kept whole as one word, set on one line at 5 points at --size 2 2
    fig = actplot.plot("relu", size=(2, 2), title="日本語のタイトル活性化関数の図です")
    drawn = renderer(fig)
    (title,) = [text for text in fig.axes[0].texts if text.get_gid() == "title"]
    assert "\n" in title.get_text() and title.get_fontsize() > 5 and within(fig, title, drawn)


def test_a_function_past_the_tenth_with_nothing_finite_to_draw_is_drawn_without_a_crash(figures, tmp_path):
    # from the eleventh series on, markers every tenth of the line: matplotlib's IndexError on no point
    names = ["relu", "elu", "gelu", "silu", "mish", "tanh", "sigmoid", "softsign", "selu", "celu", "exponential"]
    ax = draw(figures, tmp_path, "plot", *names, "--range", "1000", "2000", "--num", "11")
    assert len(ax.get_legend().get_texts()) == 11


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("sparse_plus", (1.5, 1.5)),
        ("sparse_plus", (2, 2)),
        ("sparse_plus", (2, 1.5)),
        ("elu", (1.5, 1.5)),
        ("hard_elish", (2, 1.5)),
        ("sparse_sigmoid", (2, 1.5)),
        ("log_sigmoid", (1.5, 1.5)),
    ],
)
def test_a_title_keeps_its_size_when_the_formula_it_made_room_for_is_left_out(name, size):
    # sparse_plus at --size 2 2: the title was set at 5 points to make room for the formula, which
    # was then left out all the same (a one-line name has room at 11 points at these sizes)
    fig = actplot.plot(name, size=size)
    drawn = renderer(fig)
    ax = fig.axes[0]
    texts = {text.get_gid(): text for text in ax.texts if text.get_gid() in ("title", "formula")}
    assert texts["formula"].get_text() == ""  # (no room holds it at these sizes)
    assert texts["title"].get_fontsize() == 11 and "\n" not in texts["title"].get_text()
    assert within(fig, texts["title"], drawn) and not texts["title"].get_window_extent(drawn).overlaps(ax.bbox)


def test_without_a_title_the_y_offset_stays_within_the_figure(figures, tmp_path):
    # with --title '' the axes rose to the figure's top and "1e6" stood over its edge
    ax = draw(figures, tmp_path, "squared_relu", "--range", "0", "2000", "--title", "")
    assert ax.yaxis.get_offset_text().get_text() and within(ax.figure, ax.yaxis.get_offset_text())


@pytest.mark.parametrize(
    "args",
    [
        (*actplot.names()[:30], "--range", "123456789", "123456790", "--num", "11", "--size", "5", "2"),
        (*SCALAR_NAMES[:12], "--range", "0.9999999999", "1.0000000001", "--num", "11", "--size", "2.5", "2.5"),
        ("squared_relu", "relu", "gelu", "silu", "mish", "elu", "selu", "--range", "-1e300", "1e300", "--num", "99")
        + ("--size", "4", "3"),
    ],
)
def test_a_legend_beside_the_axes_covers_none_of_the_x_axis_texts(figures, tmp_path, args):
    # the x offset "+1.2345679e8", and the note under the x label, ran under the legend
    ax = draw(figures, tmp_path, "plot", *args)
    drawn = renderer(ax.figure)
    legend = ax.get_legend().get_window_extent(drawn)
    assert legend.x0 > ax.bbox.x1
    assert ax.xaxis.label.get_text()
    for text in (ax.xaxis.get_offset_text(), ax.xaxis.label):
        if not text.get_text():
            continue
        assert within(ax.figure, text, drawn)
        assert not text.get_window_extent(drawn).overlaps(legend), text.get_text()  # (beside or under it)


SEVEN = ("exponential", "relu", "elu", "gelu", "silu", "mish", "tanh")


@pytest.mark.parametrize("size", [("4", "3"), ("2.5", "2.5"), ("3", "2"), ("6.4", "4.8")], ids="x".join)
def test_a_legend_beside_that_ends_above_the_x_label_leaves_it_its_size_and_stays_on_the_figure(
    figures, tmp_path, size
):
    # break-it round 83: at 4x3 "x" and its note were set at 7.2 points for a legend that ended 60
    # pixels above them; at 2.5x2.5 the note's overhang was counted in the gap before the legend,
    # which ran 21 pixels past the figure's right edge
    ax = draw(figures, tmp_path, "plot", *SEVEN, "--range", "0", "1000", "--size", *size)
    drawn = renderer(ax.figure)
    legend, label = ax.get_legend(), ax.xaxis.label
    assert "not drawn" in label.get_text() and label.get_fontsize() == 10
    assert within(ax.figure, legend, drawn) and within(ax.figure, label, drawn)
    assert not label.get_window_extent(drawn).overlaps(legend.get_window_extent(drawn))


@pytest.mark.parametrize(
    "args, clear",
    [
        # (at 0.8 inches wide no legend of seven fits anywhere: it covers what it must)
        ((*SEVEN[1:], "sigmoid", "--range", "123456789", "123456790", "--size", "0.8", "0.8"), False),
        ((*SCALAR_NAMES[:12], "--range", "123456789", "123456790", "--size", "0.8", "3", "--dpi", "300"), False),
        (
            ("bilinear", "isrlu", "arctan", "relu6", "exponential", "identity", "gaussian", "--with-derivative")
            + ("--range", "123456789", "123456790", "--num", "41", "--size", "2", "2"),
            True,
        ),
    ],
)
def test_the_x_offset_and_label_keep_apart_and_on_the_figure_where_a_legend_beside_leaves_no_room(
    figures, tmp_path, args, clear
):
    # at 0.8x0.8 inches "x" stood over "+1.2345679e8", the row ending where the legend began; at
    # 2x2 the label put under the offset ran under the legend, which it fitted beside set smaller
    ax = draw(figures, tmp_path, "plot", *args)
    drawn = renderer(ax.figure)
    offset, label = ax.xaxis.get_offset_text(), ax.xaxis.label
    assert offset.get_text() and label.get_text()
    boxes = [text.get_window_extent(drawn) for text in (offset, label)]
    assert not boxes[0].overlaps(boxes[1])
    assert within(ax.figure, offset, drawn) and within(ax.figure, label, drawn)
    if clear:  # (its legend runs past the figure's right edge, beside the axes: not over these texts)
        assert not any(box.overlaps(ax.get_legend().get_window_extent(drawn)) for box in boxes)


def layout(fig) -> list:
    """Every text and legend of a figure's axes, and the axes, as drawn: kind, size, box (pixels)."""
    drawn = renderer(fig)
    shown = []
    for ax in fig.axes:
        shown.append(("axes", None, ax.bbox.extents.round(1).tolist()))
        texts = [ax.xaxis.label, ax.yaxis.label, ax.xaxis.get_offset_text(), ax.yaxis.get_offset_text(), *ax.texts]
        for text in filter(lambda text: text.get_text() and text.get_visible(), texts):
            shown.append(
                (text.get_text(), text.get_fontsize(), text.get_window_extent(drawn).extents.round(1).tolist())
            )
        if ax.get_legend() is not None:
            shown.append(("legend", None, ax.get_legend().get_window_extent(drawn).extents.round(1).tolist()))
    return shown


@pytest.mark.parametrize(
    "functions, extra",
    [
        (list(SEVEN), {}),
        (["exponential", "relu"], {"range": (0, 1000)}),
        (["gelu"], {"range": (-1000, 1000)}),
        (["relu", "gelu"], {"title": "a long title of several words that wraps at small sizes"}),
        # resized into a legend below: its title had been fitted from its lines at the first size
        (["relu", "gelu", "elu", "selu", "silu", "mish", "tanh", "sigmoid", "softplus"], {}),
    ],
)
@pytest.mark.parametrize("first, then", [((6.4, 4.8), (3, 2)), ((2, 2), (8, 3)), ((12, 2), (2.5, 6))])
def test_a_figure_resized_is_laid_out_as_one_made_at_its_new_size(functions, extra, first, then):
    # a figure of actplot.plot resized in a notebook kept the margins, the title's and the note's
    # lines and the legend's room of its first size
    resized = actplot.plot(functions, size=first, **extra)
    resized.set_size_inches(*then)
    assert layout(resized) == layout(actplot.plot(functions, size=then, **extra))


@pytest.mark.parametrize("pair", [("gelu", "gelu_new"), ("exponential", "exp@jax")])
@pytest.mark.parametrize("first, then", [(("6.4", "4.8"), (3, 2)), (("2", "2"), (3, 2)), (("3", "2"), (4, 1.6))])
def test_a_difference_resized_is_laid_out_at_its_first_draw_as_one_made_at_its_new_size(
    figures, tmp_path, pair, first, then
):
    # break-it round 84: its title was fitted to the panels' width of the first size, so that the
    # first save after a resize differed from the second and from a figure made at the new size
    for size in (first, tuple(map(str, then))):
        assert_clean(run("diff", *pair, "--size", *size, "-o", str(tmp_path / "d.png")))
    resized, made = figures
    resized.set_size_inches(*then)
    assert layout(resized) == layout(made)


@pytest.mark.parametrize(
    "args",
    [
        (*SEVEN, "--range", "0", "1000", "--size", "2.5", "6"),
        (*SEVEN, "--range", "123456789", "123456790", "--size", "2.5", "4"),
        ("squareplus", "sinc", "squared_relu", "sine", "relu6", "exponential", "laplace", "--range", "-1000", "1000")
        + ("--num", "101", "--size", "2", "6"),
    ],
)
def test_a_legend_of_many_goes_below_a_tall_narrow_figure_before_it_cramps_the_axes_beside_it(figures, tmp_path, args):
    # break-it round 84: beside, the axes keeping 15% of the width (53 pixels), it was set at 5 points
    # and the title at 6.76; below the axes it stands at 6.8 to 8 points, every text at its size
    ax = draw(figures, tmp_path, "plot", *args)
    drawn = renderer(ax.figure)
    legend = ax.get_legend()
    assert legend.get_window_extent(drawn).y1 < ax.bbox.y0 and within(ax.figure, legend, drawn)
    assert legend.get_texts()[0].get_fontsize() > 6.5 and ax.bbox.width > 0.35 * ax.figure.bbox.width
    assert ax.xaxis.label.get_fontsize() == 10
    # as wide as the axes of one function, whose legend stands inside: no room kept for one beside
    # (break-it round 85: they kept 40% of the width, 65 pixels left blank at their right)
    figures.clear()
    one = draw(figures, tmp_path, "plot", "relu", *args[args.index("--size") :])
    renderer(one.figure)
    assert ax.bbox.x1 == pytest.approx(one.bbox.x1, abs=0.5)


@pytest.mark.parametrize("title", ["\n\n\n", "   ", "\t\n \n"])
def test_a_title_of_white_space_only_takes_no_room(title):
    # "\n\n\n" kept three blank lines over the axes
    def top(title):
        fig = actplot.plot("relu", title=title)
        renderer(fig)
        return fig.axes[0].bbox.y1

    assert top(title) == top("") > top("relu")


# actplot plot and sheet: parameters given in a function spec


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("elu:alpha", "'elu:alpha': alpha needs a value: elu:alpha=VALUE"),
        ("elu:alpha=", "'elu:alpha=': alpha needs a value: elu:alpha=VALUE"),
        ("elu:alpha=x", "'elu:alpha=x': alpha of elu: 'x' is not a number"),
        # called by the name written, which names another function: it was "silu has no parameter"
        ("swish:beta=1.5", "'swish:beta=1.5': swish (silu) has no parameter 'beta' (it has no parameters)"),
        ("SILU:beta=1", "'SILU:beta=1': silu has no parameter 'beta' (it has no parameters)"),  # (its own name)
        ("leaky-relu:beta=1", "'leaky-relu:beta=1': leaky_relu has no parameter 'beta' (parameters: alpha)"),
        (
            "hard_tanh:min_val=3,max_val=1",  # the spec is named, not an option plot does not have
            "Invalid value for 'hard_tanh:min_val=3,max_val=1': min_val must be less than max_val (1), not 3",
        ),
    ],
)
def test_a_bad_parameter_in_a_spec_is_named_as_written(tmp_path, spec, message):
    result = run("plot", spec, "-o", str(tmp_path / "x.png"))
    assert_clean(result, 2)
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


def test_a_sheet_draws_a_vector_function_named(figures, tmp_path):
    assert_clean(run("sheet", "softmax", "relu", "-o", str(tmp_path / "s.png")))
    (fig,) = figures
    assert [title_of(ax) for ax in fig.axes] == ["softmax (T = 1)", "relu"]


@pytest.mark.parametrize(
    "args", [("sigmoid", "--range", "-1e308", "1e308"), ("plot", "sigmoid", "--range", "-1e308", "1e308")]
)
def test_a_range_of_more_points_than_a_plot_holds_says_so_in_a_line(tmp_path, args):
    result = run(*args, "-o", str(tmp_path / "x.png"))
    assert_clean(result, 2)
    assert result.stderr.splitlines()[-1] == (
        "Error: a plot of about 10^309 points is more than 10^7; use --num 1000 (or a larger --step)"
    )


# The Python API: misuse is a clear exception, never a hang, a warning or a numpy error


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: actplot.plot("sigmoid", range=(-1e308, 1e308)), ValueError, "more than 10^7"),  # hung
        (lambda: actplot.plot("sigmoid", step=1e-12), ValueError, "more than 10^7"),
        (lambda: actplot.plot(("elu", {"alpha": "2"})), TypeError, "alpha must be a single real number, not str '2'"),
        (lambda: actplot.plot(("elu", {"alpha": None})), TypeError, "alpha must be a single real number"),
        (lambda: actplot.plot(("elu", {"alpha": float("nan")})), ValueError, "finite"),  # drew nothing
        (lambda: actplot.plot(("elu", {"alpha": float("inf")})), ValueError, "finite"),  # a RuntimeWarning
        (lambda: actplot.plot([]), ValueError, "no function to plot"),
        (lambda: actplot.plot(3), TypeError, "a function is a name"),
        (lambda: actplot.plot("sigmoid", x=[]), ValueError, "nothing to plot"),
        (lambda: actplot.plot("softmax", x=[[1, 2], [3, 4]]), ValueError, "x holds 2 rows"),  # was one vector
        # a ComplexWarning; dates drawn as days since 1970; text a numpy error
        (lambda: actplot.plot("relu", x=np.array([1 + 1j])), TypeError, "x must hold real numbers, not complex128"),
        (lambda: actplot.plot("relu", x=np.array(["2020-01-01"], dtype="datetime64[D]")), TypeError, "real numbers"),
        (lambda: actplot.plot("relu", x="1 2 3"), TypeError, "x must hold real numbers, not <U5"),
        (lambda: actplot.plot("relu", x=[[1, 2], [3]]), ValueError, "x has rows of different lengths"),
        (lambda: actplot.plot("sigmoid", size=(0, 0)), ValueError, "0.5 to 200"),  # a RuntimeWarning
        (lambda: actplot.plot("sigmoid", title=5), TypeError, "title is text"),
        (lambda: actplot.sheet(["relu"], family="sigmoid"), ValueError, "no function is of the families"),
    ],
)
def test_api_misuse_is_a_clear_exception(call, error, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(error, match=re.escape(message)):
            call()


def test_api_sheet_takes_one_name_as_plot_does():
    fig = actplot.sheet("relu")  # was read letter by letter: "no activation named 'r'"
    assert [title_of(ax) for ax in fig.axes] == ["relu"]


def test_api_takes_numpy_numbers_for_parameters():
    fig = actplot.plot(("elu", {"alpha": np.float32(2)}))
    assert title_of(fig.axes[0]) == "elu (α = 2)"


@pytest.mark.parametrize(
    "low, high",
    [
        (1.0, 1.000000000001),
        (-1.000000000001, -1.0),
        (123456.789, 123456.789001),
        (1e-5, 1.0000000001e-5),
        (0.3, 0.30000000001),
        (-5.0, 5.0),
    ],
)
def test_the_tick_labels_and_the_axis_offset_add_up_to_the_ticks(low, high):
    # x from 1 to 1.000000000001 had ticks -1 to 0 and the offset "1e-12+1": matplotlib wrote the
    # offset, 1.000000000001, to 10 digits, and the ticks read 1e-12 below the data
    fig = actplot.plot("identity", range=(low, high), num=50)
    fig.savefig(io.BytesIO(), format="png")  # (drawn: the offset text is the draw's)
    ax = fig.axes[0]
    for axis in (ax.xaxis, ax.yaxis):
        text = axis.get_offset_text().get_text().replace("\u2212", "-")
        scale, _, offset = re.fullmatch(r"(1e-?\d+)?(([+-][\d.e+-]+)?)", text).group(1, 2, 3)
        scale, offset = float(scale or 1), float(offset or 0)
        locs = axis.get_majorticklocs()
        labels = [t.get_text().replace("\u2212", "-") for t in axis.get_majorticklabels()]
        shown = [(loc, float(label)) for loc, label in zip(locs, labels, strict=True) if label]
        spacing = np.diff(locs).min()
        for loc, label in shown:
            assert abs(label * scale + offset - loc) < 1e-3 * spacing, (text, loc, label)
        assert len(shown) >= 2


def axis_texts(fig):
    """Each axis of a drawn figure with its texts as drawn: the offset, the label and the labels of
    the ticks in view (matplotlib draws those only), each with its box in pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn = canvas.get_renderer()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            close = 1e-10 * (high - low)
            ticks = [
                tick.label1
                for tick in axis.get_major_ticks()
                if low - close <= tick.get_loc() <= high + close
                and tick.label1.get_visible()
                and tick.label1.get_text()
            ]
            texts = [axis.get_offset_text(), axis.label, *ticks]
            boxes = {text: text.get_window_extent(drawn) for text in texts if text.get_text()}
            yield ax, axis, ticks, boxes


def assert_texts_apart_and_within(fig):
    """No text of an axis past the figure's edge; its tick labels apart; its offset and its label
    apart, and apart from every text of the other axes (of every panel); the offset written whole
    (as the formatter has it)."""
    figure = fig.bbox
    drawn = list(axis_texts(fig))
    for (_, axis, _, boxes), (_, other, _, others) in itertools.combinations(drawn, 2):
        for text, box in boxes.items():
            for near, near_box in others.items():
                assert not box.overlaps(near_box), (axis.axis_name, text.get_text(), other.axis_name, near.get_text())
    for ax, axis, ticks, boxes in drawn:
        for text, box in boxes.items():
            within = figure.x0 - 1 <= box.x0 and box.x1 <= figure.x1 + 1
            assert within and figure.y0 - 1 <= box.y0 and box.y1 <= figure.y1 + 1, (axis.axis_name, text.get_text())
        spans = sorted((boxes[t].x0, boxes[t].x1) if axis is ax.xaxis else (boxes[t].y0, boxes[t].y1) for t in ticks)
        assert all(before[1] <= after[0] for before, after in zip(spans, spans[1:], strict=False)), [
            t.get_text() for t in ticks
        ]
        offset = axis.get_offset_text()
        if offset.get_text() and axis.label.get_text():
            assert not boxes[offset].overlaps(boxes[axis.label]), (offset.get_text(), axis.label.get_text())
        formatter = axis.get_major_formatter()
        assert offset.get_text() == (formatter.get_offset() if hasattr(formatter, "get_offset") else "")


@pytest.mark.parametrize(
    "low, high, size",
    [
        (5.5340537112777e288, 5.534053711379959e288, (4, 3)),
        (5.432342718537107e-92, 5.4323427185441886e-92, (2, 1.5)),
        (-1.836190034033274e-126, -1.8361900317500823e-126, (6.4, 1.5)),
        (123456789.123, 123456789.124, (3, 2)),
        # at an inch the y offset ran past the edge ("+1.2345678"): it is moved left to fit
        (123456789.123, 123456789.124, (1, 1)),
        # the x offset past the left edge ("−19+1.000000001e−10"), and the label past the right edge
        (1e-10, 1.000000001e-10, (1, 2)),
        (1e288, 1.0000000001e288, (1, 2)),
        # the offset over the x label
        (-1e300, -9.999999999e299, (2, 1.5)),
        (-1e300, -9.999999999e299, (1.5, 1)),
        (-1e300, -9.999999999e299, (1.5, 1.5)),
        (1.148606216683155e-50, 1.1486062167123687e-50, (1, 1)),
        # tick labels that ran into each other ("−8.315−8.3149"), and y labels past the edge
        (-8.315170661428729e230, -8.314882588308566e230, (1, 1)),
        (1.6793437824410575e270, 1.679343782446238e270, (1, 1)),
        (1.8826233948669254e-278, 1.8836490247604824e-278, (1, 2)),
        (-9.28207899849445e122, -9.28207899797603e122, (8, 1)),
        (-9.25952096071287e89, -9.259515777555268e89, (1, 1)),
        (9.108705550179845e-215, 9.108705555865961e-215, (2, 1)),
    ],
)
def test_an_axis_offset_stands_within_the_figure_apart_from_the_axis_label(low, high, size):
    # at --size 4 3 the offset "1e−10+5.534053711" stood over "x (×10²⁸⁸)"; at 2 x 1.5
    # "1e−104+5.432342718e−92" ran past the figure's edge, read as "+5.43234"
    for function, derivative in (("identity", False), ("tanh", True)):
        fig = actplot.plot(function, range=(low, high), num=21, size=size, derivative=derivative)
        assert_texts_apart_and_within(fig)
        assert fig.axes[-1].xaxis.get_offset_text().get_text(), "a range this narrow has an offset"


@pytest.mark.parametrize(
    "function, low, high, size",
    [
        # a power of ten was tried for room below the tick labels: they read "1 2", "1e5" under the edge
        ("identity", 100000.0, 200000.0, (8, 0.7)),
        ("gelu", 100000.0, 200000.0, (6.4, 0.8)),
        # "h(x) (×10¹⁰⁵)" beside the tick labels ran 3 pixels past the figure's left edge
        ("identity", -1.1769007655763118e105, -1.0559468726002865e105, (1, 1)),
        # the label came closer to the tick labels, and the offset, 3 points from them, fell off
        ("identity", -2.368239679044518e118, -2.368239676142396e118, (8, 0.7)),
        ("tanh", 1.3692531841133711e-219, 1.3692598653589515e-219, (4, 0.8)),
    ],
)
def test_a_short_or_small_figure_keeps_its_axis_texts_within_it(function, low, high, size):
    fig = actplot.plot(function, range=(low, high), num=21, size=size)
    assert_texts_apart_and_within(fig)


def test_at_a_high_resolution_the_x_offset_keeps_out_of_the_y_labels_column():
    # at --size 1 1 --dpi 300 the offset "1e−9+5.53405371", moved left to fit, ran over "h(x) (×10²⁸⁸)"
    fig = actplot.plot("identity", range=(5.534053711e288, 5.534053712e288), num=21, size=(1, 1))
    fig.set_dpi(300)
    assert_texts_apart_and_within(fig)


@pytest.mark.parametrize(
    "args",
    [
        ("relu", "gelu", "--range", "-1e-300", "1e-300", "--num", "41"),
        ("gelu", "quick_gelu", "--range", "-40", "-30", "--num", "41"),
        ("relu", "gelu", "--range", "5.534053711e288", "5.534053712e288", "--num", "41"),
        ("identity", "snake", "--range", "-40", "-30", "--num", "41"),
    ],
)
@pytest.mark.parametrize("size", [("10", "2"), ("6.4", "4.8"), ("4", "3"), ("1.5", "1.5")], ids="x".join)
def test_a_differences_panels_keep_their_axis_labels_apart(figures, tmp_path, args, size):
    # at --size 10 2 "f(x), g(x) (×10⁻³⁰⁰)" and "f(x) - g(x) (×10⁻³⁰¹)", each longer than its
    # panel, wrote over each other: each is kept clear of the other (the first laid out to half the
    # space between the panels); at 1.5 x 1.5 the lower one lends the upper its room
    assert_clean(run("diff", *args, "--size", *size, "-o", str(tmp_path / "d.png")))
    (fig,) = figures
    assert len(fig.axes) == 2
    assert_texts_apart_and_within(fig)


@pytest.mark.parametrize(
    "pair", [("gelu", "gelu:approximate=tanh"), ("relu", "softplus"), ("sparse_sigmoid", "selu")], ids="-".join
)
@pytest.mark.parametrize("size", [("2", "2"), ("3", "1.5"), ("4", "1.5"), ("2.5", "2"), ("1.5", "2.5")], ids="x".join)
def test_a_differences_legend_no_panel_holds_stands_below_apart_from_every_text(figures, tmp_path, pair, size):
    # at --size 2 2 the legend was fitted into the upper panel all the same, over its y tick labels
    # and label and the panel below
    assert_clean(run("diff", *pair, "--size", *size, "-o", str(tmp_path / "d.png")))
    (fig,) = figures
    texts = list(axis_texts(fig))  # (draws the figure)
    drawn = renderer(fig)
    legend = fig.axes[0].get_legend().get_window_extent(drawn)
    assert within(fig, fig.axes[0].get_legend(), drawn)
    inside = fig.axes[0].bbox
    if not (inside.x0 <= legend.x0 and legend.x1 <= inside.x1 and inside.y0 <= legend.y0 and legend.y1 <= inside.y1):
        assert not any(legend.overlaps(ax.bbox) for ax in fig.axes)
    for _, axis, _, boxes in texts:
        for text, box in boxes.items():
            assert not legend.overlaps(box), (axis.axis_name, text.get_text())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    exponent=st.floats(-300, 300),
    mantissa=st.floats(1, 10),
    sign=st.sampled_from([1, -1]),
    width=st.floats(-12, 1.5),
    size=st.sampled_from(
        [(1, 1), (1, 2), (2, 1), (1.5, 1), (1.5, 1.5), (2, 1.5), (3, 2), (6.4, 4.8), (1, 4), (8, 1), (8, 0.7), (4, 0.8)]
    ),
    function=st.sampled_from(["identity", "relu", "tanh", "sigmoid"]),
    derivative=st.booleans(),
)
def test_axis_texts_stand_apart_and_within_the_figure_at_any_range_and_size(
    exponent, mantissa, sign, width, size, function, derivative
):
    low = sign * mantissa * 10.0**exponent
    high = low + abs(low) * 10.0**width
    fig = actplot.plot(function, range=(low, high), num=21, size=size, derivative=derivative)
    assert_texts_apart_and_within(fig)


@pytest.mark.parametrize(
    "low, high, size",
    [
        (-0.4457242835131021, -0.4441552978376566, (1.4, 1.33)),
        (-1.383846362479585e265, -1.3838327842727957e265, (1, 1)),
    ],
)
def test_thinned_tick_labels_keep_two_in_view(low, high, size):
    # every other tick's label, counted from the locator's first tick (out of view): of three
    # ticks in view only "−5.0" was labelled, and the scale could not be read
    fig = actplot.plot("gelu", range=(low, high), num=21, size=size)
    for _, axis, ticks, _ in axis_texts(fig):
        assert len(ticks) >= 2, (axis.axis_name, [t.get_text() for t in ticks])
    assert_texts_apart_and_within(fig)


def saved(fig, fmt: str) -> bytes:
    stream = io.BytesIO()
    fig.savefig(stream, format=fmt)
    return stream.getvalue()


@pytest.mark.parametrize("fmt", ["png", "svg"])
@pytest.mark.parametrize(
    "make",
    [
        # the x offset's place and the axes' height differed from the first save to the next
        lambda: actplot.plot("identity", range=(1e-10, 1.000000001e-10), num=50, size=(1, 2)),
        lambda: actplot.plot("identity", range=(7.666516824996791e-182, 7.668823532657629e-182), num=21, size=(2, 1.5)),
        lambda: actplot.plot("relu", range=(-1e300, -9.999999999e299), num=50, size=(2, 1.5), derivative=True),
        lambda: actplot.sheet(family=["relu"]),
        lambda: actplot.plot("softmax", x=list(range(30)), size=(1.5, 1.5)),
        lambda: actplot.plot(["gelu", ("gelu", {}, "jax")], size=(3, 2)),
    ],
)
def test_a_figure_saved_again_writes_the_same_picture(make, fmt):
    fig = make()
    first = saved(fig, fmt)
    assert saved(fig, fmt) == first and saved(fig, fmt) == first


@pytest.mark.parametrize(
    "make",
    [
        # the title stood 1e-6 pt lower on an SVG saved after a PNG: the y offset's height, measured
        # where the PNG's draw left it, differed in its last digits
        lambda: actplot.plot(["identity", "relu"], range=(1e300, 1.0000000001e300), num=100, size=(4, 3)),
        lambda: actplot.plot("identity", range=(1e-10, 1.000000001e-10), num=50, size=(1, 2)),
        lambda: actplot.plot(["gelu", "silu"], derivative=True, size=(2, 2)),
    ],
)
def test_a_figure_saved_in_another_format_between_writes_the_same_picture_again(make):
    fig = make()
    first = saved(fig, "svg")
    saved(fig, "png")
    assert saved(fig, "svg") == first
    saved(fig, "pdf")
    assert saved(fig, "svg") == first


@pytest.mark.parametrize(
    "label, unsigned",
    [
        ("\u22120", "0"),
        ("-0.00", "0.00"),
        ("$\\mathdefault{\u22120}$", "$\\mathdefault{0}$"),
        ("$\\mathdefault{\u22120.0}$", "$\\mathdefault{0.0}$"),
        ("\u22120.5", "\u22120.5"),
        ("\u221210", "\u221210"),
        ("$\\mathdefault{\u22121}$", "$\\mathdefault{\u22121}$"),
    ],
)
def test_a_label_of_zero_is_unsigned_in_plain_text_and_in_mathtext(label, unsigned):
    from actplot import ticks

    assert ticks.unsigned_zero(label) == unsigned


def test_a_tick_at_the_offset_is_labelled_0_without_a_sign_in_mathtext():
    # diff's difference panel writes its ticks in mathtext ("$\mathdefault{−0}$")
    fig = actplot.plot("identity", range=(-1e300, -1e300 * (1 - 1e-9)), num=11, size=(3, 2))
    fig.axes[0].ticklabel_format(axis="both", useMathText=True)
    fig.savefig(io.BytesIO(), format="png")
    labels = [t.get_text() for axis in (fig.axes[0].xaxis, fig.axes[0].yaxis) for t in axis.get_majorticklabels()]
    assert "$\\mathdefault{0}$" in labels and not any("{\u22120}" in label for label in labels), labels


# The terminal's tick labels


@pytest.mark.parametrize(
    "args, labels",
    [
        # the ticks' own rounding was written out: 0.9999999999992001, 123456789.12325001
        (("sigmoid", "--range", "27", "28"), {"0.9999999999992", "0.999999999999"}),
        (("identity", "--range", "123456789.123", "123456789.124", "--num", "11"), {"123456789.1232"}),
    ],
)
def test_terminal_tick_labels_are_the_round_values(args, labels):
    result = run(*args, "--terminal", "--size", "80", "24")
    assert result.exit_code == 0
    written = set(re.findall(r"[\d.]+(?=┤)", result.stdout)) | set(result.stdout.splitlines()[-2].split())
    assert labels <= written and not any(len(label.partition(".")[2]) > 13 for label in written), written


@pytest.mark.parametrize(
    ("args", "labels"),
    [
        (("identity", "--range", "950", "1050"), {"960", "1000", "1020"}),  # were 1e+03, 1.02e+03
        (("identity", "--range", "-100000", "100000", "--num", "11"), {"−100000", "50000"}),  # were −1e+05, 5e+04
    ],
)
def test_terminal_tick_labels_are_written_out_as_matplotlibs_are(args, labels):
    result = run(*args, "--terminal", "--size", "80", "20")
    assert_clean(result)
    words = set(re.findall(r"[−\d.e+]+", result.stdout))
    assert labels <= words and not any("e+" in word for word in words)


# Many bars: the values that matter keep their labels


@pytest.mark.parametrize("count", [200, 400])
def test_thinned_bar_labels_keep_the_largest_value(figures, tmp_path, count):
    ax = draw(figures, tmp_path, "softmax", *map(str, range(1, count + 1)))
    written = [text.get_text() for text in bar_labels(ax)]
    assert 1 < len(written) < count  # thinned
    assert "0.6321" in written  # softmax's peak, 1 - 1/e of the mass (every k-th label from the first missed it)


# The y axis's offset or multiplier ("1e6", "+6.9314e5") stands clear of the formula


def texts_overlap(drawn, first, second) -> bool:
    return first.get_window_extent(drawn).overlaps(second.get_window_extent(drawn))


@pytest.mark.parametrize(
    "args",
    [
        ("elu", "--alpha", "1e6", "--range", "-5", "5", "--size", "3.5", "3"),
        ("softplus", "--beta", "1e-6", "--range", "-5", "5", "--size", "3.5", "3"),
        ("sheet", "elu:alpha=1e6", "elu:alpha=3e7"),
    ],
)
def test_the_y_axis_multiplier_does_not_overlap_the_formula(figures, tmp_path, args):
    assert_clean(run(*args, "-o", str(tmp_path / "x.png")))
    (fig,) = figures
    drawn = renderer(fig)
    for ax in fig.axes:
        offset = ax.yaxis.offsetText
        assert offset.get_text()  # "1e6" or "+6.9314e5": the case this is about
        for text in ax.texts:
            assert not texts_overlap(drawn, offset, text), (offset.get_text(), text.get_text())


def test_a_plot_written_over_a_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "private.png"
    path.write_bytes(b"old")
    path.chmod(0o600)
    assert_clean(run("sigmoid", "--range", "-5", "5", "-o", str(path)))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # was made 0644, readable by all
    assert path.read_bytes().startswith(b"\x89PNG")


# Samples a plot cannot draw are said under its x axis, never dropped without a word


def test_infinite_and_nan_points_are_named_under_the_x_axis(figures, tmp_path):
    assert_clean(run("identity", "-o", str(tmp_path / "i.png"), "--", "-inf", "0", "1", "inf", "nan"))
    (fig,) = figures
    fig.canvas.draw()
    (ax,) = fig.axes
    label = ax.xaxis.label
    assert " ".join(label.get_text().split()) == (
        "x not drawn (not finite): identity(\u2212inf) = \u2212inf, identity(inf) = inf, identity(nan) = nan"
    )
    # The note's lines stay inside the figure
    box = label.get_window_extent()
    assert box.y0 >= 0 and box.x0 >= 0 and box.x1 <= fig.bbox.width
    # the finite points are drawn
    (line,) = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert list(line.get_xdata()[np.isfinite(line.get_ydata())]) == [0.0, 1.0]


def test_many_samples_that_cannot_be_drawn_are_counted(tmp_path):
    x = [str(v) for v in [*range(5), *["inf"] * 4, "-inf"]]
    result = run("relu", "--terminal", "--size", "60", "16", "--", *x)
    assert_clean(result)
    # three values at most, each said once with its count
    note = " ".join(result.stdout.splitlines()[-2:])
    assert note == "not drawn (not finite): relu(inf) = inf (4 samples), relu(\u2212inf) = 0"
    x = [str(v) for v in [*range(5), 710, 711, 712, 713]]  # four overflowing to inf
    result = run("exp", "--terminal", "--size", "60", "16", "--", *x)
    assert_clean(result)
    assert result.stdout.splitlines()[-1] == "not drawn (not finite): exponential at 4 of 9 samples"


def test_a_curve_overflowing_to_inf_says_so(tmp_path):
    # softplus with beta = 1e-300 is log1p(e^(beta x)) / beta: finite; exp's overflow is not drawn
    result = run("plot", "sigmoid", "softplus", "--range", "-1e308", "1e308", "--num", "11", "--terminal")
    assert_clean(result)
    assert "not drawn" not in result.stdout  # every value finite: no note
    result = run("selu", "--terminal", "--", "1e308", "1.7e308", "1.79e308")
    assert_clean(result)
    assert result.stdout.splitlines()[-1] == "not drawn (not finite): selu(1.79e+308) = inf"


def test_the_python_api_chart_says_the_same(tmp_path):
    fig = actplot.plot("relu", x=[-np.inf, 0.0, 1.0])
    fig.canvas.draw()
    assert "relu(\u2212inf) = 0" in fig.axes[0].xaxis.label.get_text()


@pytest.mark.parametrize(
    "limits, where",
    [
        (["--xlim", "10", "20"], "x from \u22125 to 5"),
        # said in the axis whose limits leave them out: it said x from -5 to 5, within the x limits
        (["--ylim", "2", "3"], "y from \u22120.999909 to 0.999909"),
    ],
)
def test_limits_that_hold_no_sample_say_where_the_samples_are(figures, tmp_path, limits, where):
    assert_clean(run("tanh", "--range", "-5", "5", *limits, "-o", str(tmp_path / "t.png")))
    (fig,) = figures
    label = " ".join(fig.axes[0].xaxis.label.get_text().split())
    assert label == f"x no sample within these limits (they lie at {where})"
    result = run("tanh", "--range", "-5", "5", *limits, "--terminal", "--size", "90", "12")
    assert result.stdout.splitlines()[-1] == f"no sample within these limits (they lie at {where})"


@pytest.mark.parametrize(
    "values, limits, where",
    [
        (["1"], ["--xlim", "5", "6"], "it lies at x = 1"),
        (["1", "1"], ["--xlim", "5", "6"], "they lie at x = 1"),
        (["1", "5"], ["--xlim", "2", "3"], "they lie at x = 1 and 5"),  # not "from 1 to 5", around the limits
        (["1", "2", "3", "4"], ["--xlim", "5", "6"], "they lie at x from 1 to 4"),
        (["1"], ["--ylim", "2", "3"], "it lies at y = 1"),  # x = 1 is within the x limits
        # y of the samples within the x limits, which the y limits leave out: 7 lies beyond the x limits
        (["1", "7"], ["--xlim", "0", "2", "--ylim", "5", "6"], "it lies at y = 1"),
    ],
)
def test_where_the_samples_lie_is_said_of_one_x_as_one(values, limits, where):
    # 'relu 1 --xlim 5 6' said "they lie at x from 1 to 1"
    result = run("relu", *values, *limits, "--terminal", "--size", "70", "12")
    assert result.stdout.splitlines()[-1] == f"no sample within these limits ({where})"


@pytest.mark.parametrize(
    "name, values, limits, where",
    [
        ("softmax", ["1", "2", "3"], ["2", "3"], "they reach y = 0.0900306, 0.244728 and 0.665241"),
        ("softmax", ["1", "2", "3"], ["-1", "-0.5"], "they reach y = 0.0900306, 0.244728 and 0.665241"),
        ("softmax", ["5"], ["2", "3"], "it reaches y = 1"),
        ("log_softmax", ["1", "2", "3", "4", "5"], ["1", "2"], "they reach y from \u22124.45191 to \u22120.451914"),
        # bars that touch the frame's edge at 0 only, from outside: an empty frame, said nothing
        ("log_softmax", ["1", "2", "3"], ["0", "1"], "they reach y = \u22122.40761, \u22121.40761 and \u22120.407606"),
        ("softmax", ["1", "2", "3"], ["-1", "0"], "they reach y = 0.0900306, 0.244728 and 0.665241"),
    ],
)
def test_bars_that_the_limits_leave_out_say_where_they_reach(figures, tmp_path, name, values, limits, where):
    # 'softmax 1 2 3 --ylim 2 3' drew an empty frame without a word, where a curve says where its samples lie
    assert_clean(run(name, *values, "--ylim", *limits, "-o", str(tmp_path / "b.png")))
    (fig,) = figures
    label = " ".join(fig.axes[0].xaxis.label.get_text().split())
    assert label == f"input x no bar within these limits ({where})"
    result = run(name, *values, "--ylim", *limits, "--terminal", "--size", "90", "12")
    assert result.stdout.splitlines()[-1] == f"no bar within these limits ({where})"


@pytest.mark.parametrize("limits", [["0.05", "0.2"], ["0", "0.01"], ["-1", "0.1"], ["0.01", "0.08"]])
def test_a_bar_that_crosses_the_limits_is_seen_and_no_note_is_made(limits):
    # each bar stands from 0 to its value: one that passes through the frame is seen
    result = run("softmax", "1", "2", "3", "--ylim", *limits, "--terminal", "--size", "90", "12")
    assert_clean(result)
    assert "these limits" not in result.stdout


@pytest.mark.parametrize(
    "name, limits, note",
    [
        # sparsemax's two 0s lie below the frame, the 1 crosses it: they were left out without a word
        ("sparsemax", ["0.5", "0.6"], "2 of 3 bars outside these limits (they reach y = 0)"),
        ("softmax", ["0.1", "0.2"], "1 of 3 bars outside these limits (it reaches y = 0.0900306)"),
        ("softmax", ["0.3", "0.5"], "2 of 3 bars outside these limits (they reach y = 0.0900306 and 0.244728)"),
    ],
)
def test_bars_the_limits_leave_out_beside_ones_they_show_are_counted(figures, tmp_path, name, limits, note):
    assert_clean(run(name, "1", "2", "3", "--ylim", *limits, "-o", str(tmp_path / "b.png")))
    (fig,) = figures
    assert " ".join(fig.axes[0].xaxis.label.get_text().split()) == f"input x {note}"
    result = run(name, "1", "2", "3", "--ylim", *limits, "--terminal", "--size", "90", "12")
    assert result.stdout.splitlines()[-1] == note


@pytest.mark.parametrize(
    "args, note",
    [
        # an infinite value's bar reaches the frame on its own side: it counted as seen at 0
        (
            ["log_softmax", "1", "-inf", "3", "--ylim", "0", "1"],
            "no bar within these limits (they reach y = \u2212inf, \u22122.12693 and \u22120.126928)",
        ),
        # a NaN's bar is a label at 0: the limits left it out without a word
        (["softmax", "1", "nan", "3", "--ylim", "0.5", "1"], "no bar within these limits (they reach y = nan)"),
    ],
)
def test_infinite_and_nan_bars_are_placed_by_their_values(args, note):
    result = run(*args, "--terminal", "--size", "90", "12")
    assert_clean(result)
    assert result.stdout.splitlines()[-1] == note


@pytest.mark.parametrize("args", [["--xlim", "10", "20"], ["--xlim", "1", "3"]])
def test_bars_refuse_x_limits_they_would_ignore(args):
    # 'softmax 1 2 3 --xlim 10 20' drew all three bars at their indices, the limits ignored
    result = run("softmax", "1", "2", "3", *args, "--terminal")
    assert result.exit_code == 2
    assert "--xlim does not apply to softmax's bars" in result.stderr
    with pytest.raises(ValueError, match="xlim does not apply to softmax's bars"):
        actplot.plot("softmax", x=[1, 2, 3], xlim=tuple(map(float, args[1:])))


def test_a_nan_bar_is_labelled_at_0_and_seen_where_the_limits_hold_0():
    # softmax(1, nan, 3) is nan everywhere: each bar says "nan" at 0, within these limits
    result = run("softmax", "1", "nan", "3", "--ylim", "-1", "3", "--terminal", "--size", "90", "12")
    assert_clean(result)
    assert "these limits" not in result.stdout and "nan" in result.stdout


def test_a_plot_with_no_finite_sample_says_what_each_is_once(figures, tmp_path):
    # 'relu nan nan inf' said "no sample within these limits" (none were given) and relu(nan) twice
    assert_clean(run("relu", "nan", "nan", "inf", "-o", str(tmp_path / "r.png")))
    (fig,) = figures
    label = " ".join(fig.axes[0].xaxis.label.get_text().split())
    assert label == "x not drawn (not finite): relu(nan) = nan (2 samples), relu(inf) = inf"
    result = run("relu", "nan", "nan", "inf", "--terminal", "--size", "100", "12")
    assert result.stdout.splitlines()[-1] == "not drawn (not finite): relu(nan) = nan (2 samples), relu(inf) = inf"
    # past three distinct values, or a thousand samples, counted
    nans = ["nan"] * 1001
    result = run("relu", *nans, "--terminal", "--size", "100", "12")
    assert result.stdout.splitlines()[-1] == "not drawn (not finite): relu at 1001 of 1001 samples"


def test_samples_not_drawn_are_told_apart_by_their_exact_values(figures, tmp_path):
    # 1000.0001 and 1000.0002 were "exponential(1000) = inf (2 samples)", as if one x twice; now each
    # is grouped by its value and written in full where the short label would read the same
    args = ["exponential", "-nan", "nan", "1000.0001", "1000.0002", "1000.0002"]
    assert_clean(run(*args, "-o", str(tmp_path / "e.png")))
    (fig,) = figures
    assert " ".join(fig.axes[0].xaxis.label.get_text().split()) == (
        "x not drawn (not finite): exponential(nan) = nan (2 samples), exponential(1000.0001) = inf, "
        "exponential(1000.0002) = inf (2 samples)"
    )
    # short where the label tells them apart
    result = run("exponential", "1e300", "2e300", "--terminal", "--size", "100", "12")
    assert (
        result.stdout.splitlines()[-1] == "not drawn (not finite): exponential(1e+300) = inf, exponential(2e+300) = inf"
    )


def test_limits_that_hold_some_sample_say_nothing(figures, tmp_path):
    assert_clean(run("tanh", "--range", "-5", "5", "--xlim", "4", "20", "-o", str(tmp_path / "t.png")))
    (fig,) = figures
    assert fig.axes[0].xaxis.label.get_text() == "x"


def test_samples_not_drawn_are_said_of_the_function_the_reader_can_tell_apart():
    # 'diff exponential exponential@jax' said "exponential at 103 of 201 samples" twice; diff's curves
    # are f and g, as its report names them
    result = run("diff", "exponential", "exponential@jax", "--range", "700", "720", "--terminal", "--size", "100", "20")
    assert result.stdout.splitlines()[-1] == "not drawn (not finite): f at 103 of 201 samples, g at 103 of 201 samples"
    # a name drawn twice is told by its legend label; one drawn once by its name
    result = run("plot", "leaky_relu:alpha=2", "leaky_relu:alpha=3", "relu", "--range", "-1.7e308", "1", "--num", "3",
                 "--terminal", "--size", "200", "14")  # fmt: skip
    assert result.stdout.splitlines()[-1] == (
        "not drawn (not finite): leaky_relu (α = 2) at x = −1.7e+308 is −inf, "
        "leaky_relu (α = 3) at x = −1.7e+308 is −inf, leaky_relu (α = 3) at x = −8.5e+307 is −inf"
    )
    # the same function drawn twice alike is said once
    result = run("plot", "exponential", "exponential@jax", "--range", "709", "711", "--num", "3", "--terminal")
    assert result.stdout.splitlines()[-1] == "not drawn (not finite): exponential(710) = inf, exponential(711) = inf"


@pytest.mark.parametrize(
    "args, labels",
    [
        # the 0.6652 bar crosses the top of the frame: it ran into it with no label and no note
        (["softmax", "1", "2", "3", "--ylim", "0", "0.5"], ["0.09003", "0.2447", "0.6652"]),
        (["sparsemax", "1", "2", "3", "--ylim", "0", "0.5"], ["0", "0", "1"]),
        # below the frame's foot, beside an infinite bar: the −5.007 bar filled the panel unlabelled
        (["log_softmax", "--ylim", "-0.5", "-0.1", "--", "0", "-inf", "5"], ["\u22125.007", "\u2212inf"]),
        (["log_softmax", "--ylim", "-3", "-1", "--", "1", "2", "3"], ["\u22122.408", "\u22121.408"]),
    ],
)
def test_a_bar_cut_by_the_limits_keeps_its_value_written_within_the_frame(figures, tmp_path, args, labels):
    path = tmp_path / "b.svg"
    assert_clean(run(args[0], "-o", str(path), *args[1:]))
    (fig,) = figures
    (ax,) = fig.axes
    drawn = renderer(fig)
    frame = ax.get_window_extent(drawn)
    # the SVG as written: each value's text is there (an annotation whose point is off the axes is not drawn)
    written = re.findall(r"<text [^>]*>([^<]*)</text>", path.read_text())
    for label in labels:
        assert label in written, (label, written)
        for text in [t for t in bar_labels(ax) if t.get_text() == label]:
            box = text.get_window_extent(drawn)
            assert frame.x0 - 0.5 <= box.x0 and box.x1 <= frame.x1 + 0.5, label
            assert frame.y0 - 0.5 <= box.y0 and box.y1 <= frame.y1 + 0.5, label
    # and the bars of values within the limits stand at their values
    values = [float(label.replace("\u2212", "-")) for label in labels if "inf" not in label]
    low, high = ax.get_ylim()
    heights = sorted(p.get_height() for p in ax.patches if p.get_height() != 0)
    assert all(any(h == pytest.approx(min(max(v, low), high), abs=1e-3) for h in heights) for v in values if v)


# Break-it round 81: legends placed outside the axes, titles and formulas at the least size


@pytest.mark.parametrize(
    "functions, size, dpi, extra",
    [
        # six entries moved beside the axes were placed 'best' from a point: wholly above the figure
        (["relu", "elu", "selu", "celu", "silu", "mish"], (3, 1.2), 100, {}),
        (["relu", "elu", "selu", "celu", "silu", "mish"], (2.5, 1.5), 100, {}),
        # a legend beside the axes, taller than the room under the title, covered its line ends
        (["relu", "gelu", "silu", "mish"], (3, 2), 150, {"derivative": True}),
        (SCALAR_NAMES[:40], (6.4, 4.8), 100, {}),
        # the last x tick label, past the axes' right edge, read "20000" under the legend
        (["relu", "gelu", "silu", "mish"], (3, 2), 100, {"derivative": True, "range": (100000, 200000), "num": 50}),
    ],
)
def test_a_legend_outside_the_axes_covers_no_text_of_the_figure(functions, size, dpi, extra):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = actplot.plot(functions, size=size, **extra)
    fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn = canvas.get_renderer()
    ax = fig.axes[0]
    legend = ax.get_legend()
    box = legend.get_window_extent(drawn)
    assert within(fig, legend, drawn) and not box.overlaps(ax.bbox)
    texts = [text for text in ax.texts if text.get_text()]
    for _, _, _, boxes in axis_texts(fig):
        texts += list(boxes)
    for text in texts:
        assert not box.overlaps(text.get_window_extent(drawn)), text.get_text()


@pytest.mark.parametrize(
    "make",
    [
        lambda: actplot.plot("softmax", x=[1, 2, 3], size=(3, 2)),  # its formula was set at 4.88 points
        lambda: actplot.plot("xielu", size=(2, 2)),
        lambda: actplot.plot("hard_elish", size=(1.5, 1.5)),
    ],
)
def test_a_formula_is_never_set_under_5_points(make):
    fig = make()
    renderer(fig)
    (formula,) = [text for text in fig.axes[0].texts if text.get_gid() == "formula"]
    assert not formula.get_text() or formula.get_fontsize() >= 5
    assert within(fig, formula, renderer(fig))


def test_a_sheet_keeps_every_formula_breaking_a_piecewise_one_into_lines():
    # in the PDF sheet (laid out at 72 dpi) xielu's and hard_elish's formulas were set at 4.5 and
    # 4.4 points; at a floor of 5 they were left out: now each piece takes a line
    fig = actplot.sheet()
    fig.savefig(io.BytesIO(), format="pdf")
    formulas = {
        next(t.get_text() for t in ax.texts if t.get_gid() == "title").split()[0]: text
        for ax in fig.axes
        for text in ax.texts
        if text.get_gid() == "formula"
    }
    assert all(text.get_text() and text.get_fontsize() >= 5 for text in formulas.values())
    assert formulas["xielu"].get_text().count("\n") == 1 and formulas["hard_elish"].get_text().count("\n") == 1
    assert "\n" not in formulas["relu"].get_text()


@pytest.mark.parametrize(
    "title",
    [
        "W" * 120,  # the wrapping's 0.55 em a column ran it past both edges
        "\u2026" * 50,
        "relu, gelu (approximate = none), silu",
    ],
)
@pytest.mark.parametrize("size", [(6.4, 4.8), (1, 3)])
def test_a_title_is_wrapped_as_wide_as_it_is_drawn(title, size):
    fig = actplot.plot(["relu", "gelu", "silu"], size=size, title=title)
    drawn = renderer(fig)
    (text,) = [t for t in fig.axes[0].texts if t.get_gid() == "title"]
    assert within(fig, text, drawn)
    shown = text.get_text().replace("\n", "").replace(" ", "").removesuffix("\u2026")  # (lines left out)
    assert shown and shown in title.replace(" ", "")


def test_white_space_inside_parentheses_of_a_title_is_a_space():
    # a tab inside a parenthesis was kept: "Glyph 9 missing" on stderr and a box in the picture
    fig = actplot.plot("sigmoid", title="sigmoid (a\tb  c)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png")
    (title,) = [text for text in fig.axes[0].texts if text.get_gid() == "title"]
    assert title.get_text() == "sigmoid (a b c)"
