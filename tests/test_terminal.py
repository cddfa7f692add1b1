"""The terminal backend: a Chart drawn with Unicode characters at the size asked for."""

import io
import subprocess
import sys

import numpy as np
import pytest

import actplot
from actplot import terminal
from actplot.charts import Chart, Series, function_chart

HD = set("▖▗▘▙▚▛▜▝▞▟▀▄▌▐█")  # plotext's quadrant blocks: the solid curves
BRAILLE = {chr(c) for c in range(0x2801, 0x2900)}  # braille dots: the dashed (derivative) curves
X = np.linspace(-5, 5, 201)


def chart_of(name, x, *, style, derivative=False):
    record = actplot.get(name)
    y = record.function(x)
    return function_chart(record, x, y, style=style, dy=record.derivative(x) if derivative else None)


def canvas(text):
    """The rows inside the plot's frame, without the frame."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    bottom = max(i for i, line in enumerate(lines) if "└" in line)  # the frame's, below the legend's
    left, right = lines[top].index("┌"), lines[top].index("┐")
    return [line[left + 1 : right] for line in lines[top + 1 : bottom]]


def columns_with(rows, characters):
    return {col for row in rows for col, char in enumerate(row) if char in characters}


def row_of_column(rows, col, characters):
    return next(i for i, row in enumerate(rows) if row[col] in characters)


@pytest.mark.parametrize(
    "chart",
    [
        chart_of("sigmoid", X, style="curve"),
        chart_of("tanh", np.array([-2.0, -1.0, 0.0, 1.0, 2.0]), style="points", derivative=True),
        chart_of("softmax", np.array([1.0, 2.0, 3.0]), style="bars"),
    ],
    ids=["curve", "points", "bars"],
)
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (33, 9), (150, 50)])
def test_output_has_the_asked_size(chart, size):
    text = terminal.render(chart, size)
    columns, rows = size
    assert text.endswith("\n")
    lines = text.split("\n")[:-1]
    assert len(lines) == rows
    assert max(len(line) for line in lines) <= columns


def test_without_a_terminal_the_size_is_80_by_24(monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    lines = terminal.render(chart_of("sigmoid", X, style="curve")).splitlines()
    assert (len(lines), max(map(len, lines))) == (24, 80)


def test_in_a_terminal_the_size_is_the_terminal_less_the_prompt_row(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.setattr(terminal.shutil, "get_terminal_size", lambda fallback: (100, 30))
    lines = terminal.render(chart_of("sigmoid", X, style="curve")).splitlines()
    assert (len(lines), max(map(len, lines))) == (29, 100)


def test_a_size_below_one_character_is_refused():
    with pytest.raises(ValueError, match="at least 1 x 1"):
        terminal.render(chart_of("sigmoid", X, style="curve"), (0, 10))


def test_a_curve_is_drawn_across_the_plot_rising_for_sigmoid():
    rows = canvas(terminal.render(chart_of("sigmoid", X, style="curve"), (60, 20)))
    drawn = columns_with(rows, HD)
    assert len(drawn) >= 0.9 * len(rows[0])
    first, last = min(drawn), max(drawn)
    assert row_of_column(rows, first, HD) > len(rows) / 2 > row_of_column(rows, last, HD)


def test_title_and_axis_labels_are_written():
    text = terminal.render(chart_of("sigmoid", X, style="curve"), (60, 20))
    assert text.splitlines()[0].strip() == "sigmoid"
    assert text.splitlines()[-1].split() == ["h(x)", "x"]


def test_no_escape_codes_unless_colour_is_asked():
    chart = chart_of("sigmoid", X, style="curve")
    assert "\x1b" not in terminal.render(chart, (60, 20))
    assert "\x1b[" in terminal.render(chart, (60, 20), color=True)


def test_points_are_markers_not_lines():
    rows = canvas(terminal.render(chart_of("tanh", np.array([-2.0, -1.0, 0.0, 1.0, 2.0]), style="points"), (60, 20)))
    assert sum(row.count("•") for row in rows) == 5


def test_softmax_bars_one_per_input_ordered_with_their_values():
    text = terminal.render(chart_of("softmax", np.array([1.0, 2.0, 3.0]), style="bars"), (60, 20))
    rows = canvas(text)
    heights = [sum(row[col] == "█" for row in rows) for col in range(len(rows[0]))]
    bars, previous = [], 0
    for height in heights:
        if height and not previous:
            bars.append(0)
        if height:
            bars[-1] = max(bars[-1], height)
        previous = height
    assert len(bars) == 3
    assert bars[0] < bars[1] < bars[2]
    assert all(value in text for value in ("0.09", "0.245", "0.665"))
    assert text.splitlines()[-2].split() == ["1", "2", "3"]


def test_bar_values_that_do_not_fit_are_left_out_not_cropped():
    text = terminal.render(chart_of("softmax", np.arange(12.0), style="bars"), (80, 20))
    assert "e-" not in text
    assert "█" in text


def test_function_and_dashed_derivative_both_drawn_with_a_legend():
    text = terminal.render(chart_of("sigmoid", X, style="curve", derivative=True), (70, 22))
    rows = canvas(text)
    assert sum(char in HD for row in rows for char in row) > 30
    assert sum(char in BRAILLE for row in rows for char in row) > 30
    assert "sigmoid " in text and "sigmoid'" in text


def test_dashed_points_take_their_own_marker():
    text = terminal.render(chart_of("tanh", np.array([-2.0, -1.0, 0.0, 1.0, 2.0]), style="points", derivative=True))
    assert "• tanh" in text and "x tanh'" in text


def test_non_finite_values_are_left_out():
    y = np.tanh(X)
    y[[0, 50, 150]] = [np.nan, np.inf, -np.inf]
    chart = Chart("gaps", (Series("tanh", X, y), Series("none", X, np.full_like(X, np.nan), "points", dashed=True)))
    lines = terminal.render(chart, (60, 20)).splitlines()
    assert len(lines) == 20
    assert "nan" not in "".join(lines) and "inf" not in "".join(lines)


def test_a_curve_breaks_where_values_are_missing():
    y = np.tanh(X)
    y[90:111] = np.nan  # x in -0.5..0.5
    text = terminal.render(Chart("gap", (Series("tanh", X, y),)), (60, 20))
    lines = text.splitlines()
    zero = lines[-3].index("┼") - lines[1].index("┌") - 1  # the column of x = 0 inside the frame
    rows = canvas(text)
    assert zero not in columns_with(rows, HD)
    assert {zero - 10, zero + 10} <= columns_with(rows, HD)


def test_limits_are_applied():
    text = terminal.render(Chart("relu", (Series("relu", X, np.maximum(X, 0)),), xlim=(-2, 2), ylim=(-1, 3)), (60, 20))
    tick_rows = [line.split("┤")[0].strip() for line in text.splitlines() if "┤" in line]
    x_ticks = text.splitlines()[-2].split()
    assert float(tick_rows[0]) == 3 and float(tick_rows[-1]) == -1
    assert float(x_ticks[0]) == -2 and float(x_ticks[-1]) == 2


def test_axis_lines_are_drawn_through_zero():
    lines = terminal.render(chart_of("relu", X, style="curve"), (60, 20)).splitlines()
    assert "┼" in lines[-3]  # the vertical line meets the x axis at 0
    assert any(line.count("─") > 20 for line in canvas("\n".join(lines)))


def test_axis_lines_do_not_stretch_the_axes_to_zero():
    points = Series("p", np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0]), "points")
    lines = terminal.render(Chart("p", (points,)), (60, 20)).splitlines()
    assert float(lines[-2].split()[0]) == 1
    assert float(lines[-4].split("┤")[0]) == 1


def test_renders_do_not_leak_into_each_other():
    sigmoid = chart_of("sigmoid", X, style="curve", derivative=True)
    first = terminal.render(sigmoid, (60, 20))
    terminal.render(chart_of("softmax", np.array([1.0, 2.0, 3.0]), style="bars"), (100, 40), color=True)
    assert terminal.render(sigmoid, (60, 20)) == first


def test_importing_the_backend_does_not_import_plotext():
    code = "import sys, actplot.terminal; print('plotext' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_long_curve_is_drawn_from_samples_that_keep_its_ends(monkeypatch):
    import plotext

    drawn = []
    signal = plotext.figure.signal

    def recording(x, y, **options):
        drawn.append((np.asarray(x), np.asarray(y)))
        return signal(x, y, **options)

    monkeypatch.setattr(plotext.figure, "signal", recording)
    x = np.linspace(-5, 5, 1_000_001)
    terminal.render(function_chart(actplot.get("sigmoid"), x, actplot.sigmoid(x), style="curve"), (60, 15))
    ((xs, ys),) = drawn
    assert xs.size == 4000 and (xs[0], xs[-1]) == (-5.0, 5.0)
    np.testing.assert_array_equal(ys, actplot.sigmoid(xs))
