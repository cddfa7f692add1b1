"""The terminal backend: a Chart drawn with Unicode characters at the size asked for, read back
as text: the frame, the tick labels, the cells the curve fills, the legend."""

import io
import math
import os
import pty
import re
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import actplot
from actplot import terminal
from actplot.charts import Spec, function_chart, ticks
from actplot.cli import cli

HD = set("▖▗▘▙▚▛▜▝▞▟▀▄▌▐█")  # plotext's quadrant blocks: the solid curves
BRAILLE = {chr(c) for c in range(0x2801, 0x2900)}  # braille dots: the dashed (derivative) curves
X = np.linspace(-5, 5, 201)


def chart_of(name, x, *, style, derivative=False, **options):
    return function_chart(Spec.resolve(name), x, style=style, with_derivative=derivative, **options)


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), prog_name="actplot", catch_exceptions=False, env=env)


def canvas(text):
    """The rows inside the plot's frame, without the frame."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    bottom = next(i for i, line in enumerate(lines) if "└" in line)
    left, right = lines[top].index("┌"), lines[top].index("┐")
    return [line[left + 1 : right] for line in lines[top + 1 : bottom]]


def y_ticks(text):
    """(row inside the frame, label) of each y tick."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    return [(i - top - 1, line.split("┤")[0].strip()) for i, line in enumerate(lines) if "┤" in line.split("│")[0]]


def x_tick_labels(text):
    lines = text.splitlines()
    bottom = next(i for i, line in enumerate(lines) if "└" in line)
    return lines[bottom + 1].split()


def number(label):
    return float(label.replace("\u2212", "-"))


def columns_with(rows, characters):
    return {col for row in rows for col, char in enumerate(row) if char in characters}


def rows_with(rows, characters):
    return {i for i, row in enumerate(rows) if any(char in characters for char in row)}


@pytest.mark.parametrize(
    "chart",
    [
        chart_of("sigmoid", X, style="curve"),
        chart_of("tanh", np.array([-2.0, -1.0, 0.0, 1.0, 2.0]), style="points", derivative=True),
        chart_of("softmax", np.array([1.0, 2.0, 3.0]), style="bars"),
    ],
    ids=["curve", "points", "bars"],
)
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (33, 9), (150, 50), (24, 8), (300, 50)])
def test_output_has_the_asked_size(chart, size):
    text = terminal.render(chart, size)
    columns, rows = size
    assert text.endswith("\n")
    lines = text.split("\n")[:-1]
    assert len(lines) == rows
    assert max(len(line) for line in lines) <= columns


def test_without_a_terminal_the_size_is_80_by_24(monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    lines = terminal.render(chart_of("sigmoid", X, style="curve")).splitlines()
    assert (len(lines), max(map(len, lines))) == (24, 80)


def test_without_a_terminal_columns_and_lines_are_honoured(monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "30")
    lines = terminal.render(chart_of("sigmoid", X, style="curve")).splitlines()
    assert (len(lines), max(map(len, lines))) == (30, 100)


@pytest.mark.parametrize("value", ["\u00b2", "x", "-3", "0", ""])
def test_columns_and_lines_that_are_no_positive_whole_number_give_80_by_24(monkeypatch, value):
    # COLUMNS=² (a digit to str.isdigit, not to int) was a ValueError traceback
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setenv("COLUMNS", value)
    monkeypatch.setenv("LINES", value)
    lines = terminal.render(chart_of("sigmoid", X, style="curve")).splitlines()
    assert (len(lines), max(map(len, lines))) == (24, 80)


def test_the_command_honours_columns_and_lines_when_stdout_is_a_pipe():
    result = run("sigmoid", "--range", "-5", "5", "--terminal", env={"COLUMNS": "70", "LINES": "18"})
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert (len(lines), max(map(len, lines))) == (18, 70)


def test_in_a_terminal_the_size_is_the_terminal_less_the_prompt_row(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.setattr(terminal.shutil, "get_terminal_size", lambda fallback: (100, 30))
    lines = terminal.render(chart_of("sigmoid", X, style="curve")).splitlines()
    assert (len(lines), max(map(len, lines))) == (29, 100)


@pytest.mark.parametrize("size", [(0, 10), (10, 5), (23, 20), (60, 7), (1001, 20)])
def test_a_size_outside_the_limits_is_refused(size):
    with pytest.raises(ValueError, match="a terminal plot is 24 to 1000 columns by 8 to 500 rows"):
        terminal.render(chart_of("sigmoid", X, style="curve"), size)


@pytest.mark.parametrize("size", [("0.5", "0.5"), ("10", "5"), ("80.5", "20"), ("2000", "20")])
def test_the_command_refuses_a_size_no_terminal_plot_fits_with_a_usage_error(size):
    result = run("sigmoid", "--range", "-5", "5", "--terminal", "--size", *size)
    assert result.exit_code == 2
    assert "a terminal plot is 24 to 1000 columns by 8 to 500 rows" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_wide_terminal_plot_is_drawn():
    result = run("sigmoid", "--range", "-5", "5", "--terminal", "--size", "300", "50")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 50 and max(map(len, lines)) == 300
    assert len(columns_with(canvas(result.stdout), HD)) > 250


def test_a_curve_is_drawn_across_the_plot_rising_for_sigmoid():
    rows = canvas(terminal.render(chart_of("sigmoid", X, style="curve"), (60, 20)))
    drawn = columns_with(rows, HD)
    assert len(drawn) >= 0.85 * len(rows[0])
    first, last = min(drawn), max(drawn)
    assert min(rows_with([row[first] for row in rows], HD)) > len(rows) / 2
    assert min(rows_with([row[last] for row in rows], HD)) < len(rows) / 2


def test_title_and_axis_labels_are_written():
    text = terminal.render(chart_of("sigmoid", X, style="curve"), (60, 20))
    assert text.splitlines()[0].strip() == "sigmoid"
    assert text.splitlines()[-1].split() == ["h(x)", "x"]


def test_no_escape_codes_unless_colour_is_asked():
    chart = chart_of("sigmoid", X, style="curve")
    assert "\x1b" not in terminal.render(chart, (60, 20))
    assert "\x1b[" in terminal.render(chart, (60, 20), color=True)


def test_colours_are_on_the_data_only_no_background_stripes():
    chart = chart_of("relu", X, style="curve", derivative=True)
    text = terminal.render(chart, (60, 20), color=True)
    codes = set(re.findall(r"\x1b\[([0-9;]*)m", text))
    assert not [code for code in codes if code.startswith("48;") or re.fullmatch(r"(4|10)[0-7]", code)], codes
    # Foreground tones of middle lightness only: no black (0, 16) or white (7, 15, 231) text.
    foreground = {int(code.split(";")[2]) for code in codes if code.startswith("38;5;")}
    assert foreground and foreground.isdisjoint({0, 7, 15, 16, 231})


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
    assert x_tick_labels(text) == ["1", "2", "3"]


def test_bar_values_that_do_not_fit_are_left_out_not_cropped():
    text = terminal.render(chart_of("softmax", np.arange(12.0), style="bars"), (80, 20))
    assert "e-" not in text and "e\u2212" not in text
    assert "█" in text


def test_a_near_zero_bar_is_not_drawn_as_a_full_block():
    x = np.array([1.0, 2.0, 3.0, 30.0])  # softmax: about 1e-13, 4e-13, 1e-12 and 1
    rows = canvas(terminal.render(chart_of("softmax", x, style="bars"), (60, 20)))
    filled = sorted(columns_with(rows, "█"))
    assert filled and min(filled) > 0.7 * len(rows[0])  # only the last input's bar


def test_a_bar_too_short_to_draw_has_its_value_on_the_zero_line():
    # softmax(1, 2, 3, 1000, -inf): the bars of 0 had no label in the terminal; the image writes "0"
    x = np.array([1.0, 2.0, 3.0, 1000.0, -np.inf])
    text = terminal.render(chart_of("softmax", x, style="bars"), (60, 20))
    assert written_on_the_zero_line(text) == ["0", "0", "0", "0"]
    x = np.array([1.0, 2.0, 3.0, 30.0])  # softmax: 2.54e-13, 6.91e-13, 1.88e-12 and 1 (mpmath)
    text = terminal.render(chart_of("softmax", x, style="bars"), (60, 20))
    assert written_on_the_zero_line(text) == ["2.54e\u221213", "6.91e\u221213", "1.88e\u221212"]
    # where those do not fit, they are left out, and the tall bar keeps its own
    text = terminal.render(chart_of("softmax", x, style="bars"), (40, 14))
    assert written_on_the_zero_line(text) == [] and "\u25881\u2588" in text


def test_bars_that_rise_from_outside_the_limits_are_drawn_and_labelled_where_seen():
    # 'softmax 1 2 3 --ylim 0.2 1': the bar of 0.245 (mpmath: 0.24472847) was one row with no value,
    # as its middle lay below the frame; 'log_softmax 1 2 3 --ylim -3 -0.2' left the frame's top row
    # empty over bars that pass it, and a bar below the frame stood on its lowest row
    cut = lambda text: [row.replace("\u2588", " ").split() for row in canvas(text)]  # noqa: E731
    chart = replace(chart_of("softmax", np.array([1.0, 2.0, 3.0]), style="bars"), ylim=(0.2, 1.0))
    text = terminal.render(chart, (60, 12))
    rows = canvas(text)
    assert [word for row in cut(text) for word in row] == ["0.665", "0.245"]
    # the bar of 2 shows 0.045 of it, less than half a row: its value stands where it is seen; 1's (0.09,
    # below the frame) is not seen, and nothing stands over it
    assert 20 <= rows[-1].index("0.245") < 30 and rows[-1].rindex("\u2588") > 40
    assert not any(row[:15].strip() for row in rows)
    chart = replace(chart_of("log_softmax", np.array([1.0, 2.0, 3.0]), style="bars"), ylim=(-3.0, -0.2))
    text = terminal.render(chart, (60, 12))
    rows = canvas(text)
    assert len(rows[0].split()) == 3  # every bar reaches the top row (their 0 is above it)
    assert "\u2212" + "0.408" in rows[0] and [w for row in cut(text) for w in row] == ["−0.408", "−1.41", "−2.41"]
    # limits that hold no part of any bar: an empty frame
    chart = replace(chart_of("softmax", np.array([1.0, 2.0, 3.0]), style="bars"), ylim=(-1.0, -0.5))
    assert not any(char == "\u2588" for row in canvas(terminal.render(chart, (60, 12))) for char in row)


@pytest.mark.parametrize("top", [1e-8, 1e-300, 0.01, 0.3])
def test_bars_past_the_top_of_the_frame_are_clipped_to_it_and_labelled(top):
    # '--ylim 0 1e-8' had plotext fill rows from 0 to 0.665 in steps of 1e-9: std::bad_alloc, exit 134
    # (1e-6: killed for memory); at 0 0.3 the 0.665 bar had a hole and no label
    chart = replace(chart_of("softmax", np.array([1.0, 2.0, 3.0]), style="bars"), ylim=(0.0, top))
    rows = canvas(terminal.render(chart, (50, 12)))
    words = [word for row in rows for word in row.replace("\u2588", " ").replace("\u2500", " ").split()]
    assert words == (["0.665", "0.245", "0.09"] if top == 0.3 else ["0.09", "0.245", "0.665"])
    third = [row[-10:] for row in rows[:-1]]  # the 0.665 bar reaches the top row, without a hole
    assert all("\u2588" in part for part in third), rows


def written_on_the_zero_line(text: str) -> list[str]:
    """The words inside the frame on the row of the y tick 0, the axis line and bars left out."""
    zero = next(line for line in text.splitlines() if line.lstrip().startswith("0\u2524"))
    inside = zero.split("\u2524", 1)[1].rstrip("\u2502")
    return inside.replace("\u2500", " ").replace("\u2588", " ").split()


def test_function_and_dashed_derivative_both_drawn_with_a_legend():
    text = terminal.render(chart_of("sigmoid", X, style="curve", derivative=True), (70, 22))
    rows = canvas(text)
    assert sum(char in HD for row in rows for char in row) > 30
    assert sum(char in BRAILLE for row in rows for char in row) > 30
    assert "sigmoid " in text and "sigmoid'" in text


def test_in_a_small_terminal_the_legend_stands_below_and_leaves_the_tick_labels_whole():
    text = terminal.render(chart_of("sigmoid", X, style="curve", derivative=True), (50, 15))
    lines = text.splitlines()
    assert len(lines) == 15
    frame_end = next(i for i, line in enumerate(lines) if "└" in line)
    assert "sigmoid'" in "".join(lines[frame_end:]) and "sigmoid'" not in "".join(lines[:frame_end])
    labels = [label for _, label in y_ticks(text)]
    assert len(labels) >= 2 and all(math.isfinite(number(label)) for label in labels)


TWELVE = "sigmoid tanh relu gelu silu mish softplus elu selu celu hard_swish hard_sigmoid".split()


@pytest.mark.parametrize("size", [("24", "8"), ("30", "10"), ("40", "12")])
def test_a_legend_that_leaves_no_room_for_the_plot_is_a_usage_error(size):
    # Twelve functions in 30 x 10 printed the legend and no plot at all (exit 0); in 24 x 8, ten
    # lines for eight rows; in 40 x 12 one row of plot, every curve on it drawn over the others.
    result = run("plot", *TWELVE, "--terminal", "--size", *size)
    assert (result.exit_code, result.stdout) == (2, "")
    assert re.fullmatch(
        rf"Error: Invalid value for '--size': the legend's 12 entries take \d+ of the {size[1]} rows, leaving less "
        r"than the 7 a plot needs; give more rows \(\d+ or more\) or fewer functions",
        result.stderr.splitlines()[-1],
    )
    assert "--size" in result.stderr and "Traceback" not in result.stderr


def test_a_legend_entry_wider_than_the_terminal_is_wrapped_within_it():
    # "oo gelu (approximate = none)" is 28 characters: it ran past a 24-column plot.
    text = terminal.render(comparison_of(["relu", "gelu"]), (24, 14))
    lines = text.splitlines()
    assert len(lines) == 14 and max(map(len, lines)) <= 24
    legend = " ".join(lines[next(i for i, line in enumerate(lines) if "└" in line) + 3 :])
    assert " ".join(legend.split()).endswith("gelu (approximate = none)")


def test_a_title_wider_than_the_terminal_is_cut_not_left_out():
    # plotext drew no title at all when it did not fit: "leaky_relu (α = 0.123456789)" at 24 columns.
    text = terminal.render(chart_of("leaky_relu", X, style="curve", title="leaky_relu (α = 0.123456789)"), (24, 10))
    assert text.splitlines()[0] == "leaky_relu (α = 0.12345…"
    text = terminal.render(chart_of("relu", X, style="curve", title="x" * 24), (24, 10))
    assert text.splitlines()[0] == "x" * 24


def test_a_japanese_title_wider_than_the_terminal_is_cut_to_its_columns():
    # Each character takes two columns: cut at 39 characters (78 columns) the title still did not
    # fit 40 columns, and plotext left it out.
    text = terminal.render(chart_of("sigmoid", X, style="curve", title="活性化関数" * 6 + "のグラフ" * 3), (40, 12))
    assert text.splitlines()[0].strip() == "活性化関数" * 3 + "活性化関…"
    text = terminal.render(chart_of("sigmoid", X, style="curve", title="活性化関数" * 4), (40, 12))
    assert text.splitlines()[0] == "活性化関数" * 4


def comparison_of(names):
    from actplot.charts import comparison_chart

    return comparison_chart([Spec.resolve(name) for name in names], X)


def test_dashed_points_take_their_own_marker():
    text = terminal.render(chart_of("tanh", np.array([-2.0, -1.0, 0.0, 1.0, 2.0]), style="points", derivative=True))
    assert "• tanh" in text and "x tanh'" in text


def test_every_function_of_a_comparison_takes_its_own_marker():
    specs = [Spec.resolve(name) for name in actplot.names() if not actplot.get(name).drawn_as_bars]
    from actplot.charts import comparison_chart

    text = terminal.render(comparison_chart(specs, X, with_derivative=True), (200, 60))
    legend = text.splitlines()[next(i for i, line in enumerate(text.splitlines()) if "└" in line) + 3 :]
    name = r"(?:[a-z_0-9]+'?|\u2202[a-z_0-9]+/\u2202[ab])"  # a derivative, or a gated unit's partial
    samples = re.findall(rf"(\S\S) {name}(?: along a = [x1], b = [x1])?(?: \([^)]*\))?", " ".join(legend))
    assert len(samples) == 2 * len(specs)
    assert len(set(samples)) == len(samples)


def test_non_finite_values_are_left_out():
    y = np.tanh(X)
    y[[0, 50, 150]] = [np.nan, np.inf, -np.inf]
    chart = function_chart(Spec.resolve("tanh"), X, y=y)
    lines = terminal.render(chart, (60, 20)).splitlines()
    assert len(lines) == 20
    # the drawing leaves them out; the lines under it say which
    start = next(i for i, line in enumerate(lines) if line.startswith("not drawn"))
    drawing, note = lines[:start], " ".join(lines[start:])
    assert "nan" not in "".join(drawing) and "inf" not in "".join(drawing)
    assert note.startswith("not drawn (not finite): tanh(") and note.count(") = ") == 3
    assert ("nan" in note, "= inf" in note, "= \u2212inf" in note) == (True, True, True)


@pytest.mark.parametrize("columns", [24, 30, 40, 60, 80])
def test_a_note_cut_for_room_ends_between_words_with_a_mark(columns):
    # "no sample within these limits" (29) at 30 columns was cut mid-word: "no sample within these limit \u2026"
    note = "no sample within these limits (they lie at x from 0 to 1000); not drawn (not finite): exp at 3 of 9"
    whole = terminal._note_lines(note, columns, 99)
    for room in range(1, len(whole)):
        lines = terminal._note_lines(note, columns, room)
        assert len(lines) == room and max(map(len, lines)) <= columns and lines[-1].endswith(" \u2026")
        assert " ".join(lines)[:-2].split() == note.split()[: len(" ".join(lines)[:-2].split())]
    assert terminal._note_lines(note, 30, 1) == ["no sample within these \u2026"]


def test_a_stack_without_a_row_for_its_note_draws_the_difference_with_it():
    # at 24 x 17 a diff whose every sample lay beyond --xlim drew both frames empty, the note (no row
    # left for it) unsaid; at 24 x 16 it drew the difference alone, with the note
    args = ("diff", "tanh", "exp", "--range", "0", "10", "--xlim", "20", "30", "--terminal", "--size", "24")
    for rows in ("16", "17"):
        result = run(*args, rows)
        assert result.exit_code == 0 and len(result.stdout.splitlines()) == int(rows)
        assert "no sample within these limits" in " ".join(result.stdout.split()), rows


def test_a_curve_breaks_where_values_are_missing():
    y = np.tanh(X)
    y[90:111] = np.nan  # x in -0.5..0.5
    text = terminal.render(function_chart(Spec.resolve("tanh"), X, y=y), (60, 20))
    rows = canvas(text)
    drawn = columns_with(rows, HD)
    middle = len(rows[0]) // 2
    assert not drawn & {middle - 1, middle, middle + 1}
    assert {middle - 10, middle + 10} <= drawn


def test_limits_are_applied():
    chart = chart_of("relu", X, style="curve", xlim=(-2, 2), ylim=(-1, 3))
    text = terminal.render(chart, (60, 20))
    labels = [number(label) for _, label in y_ticks(text)]
    x_labels = [number(label) for label in x_tick_labels(text)]
    assert (labels[0], labels[-1]) == (3, -1)
    assert (x_labels[0], x_labels[-1]) == (-2, 2)


def test_a_ylim_clips_the_curve_and_never_narrows_the_x_axis():
    text = terminal.render(chart_of("sigmoid", X, style="curve", ylim=(0.2, 0.8)), (60, 20))
    x_labels = [number(label) for label in x_tick_labels(text)]
    assert x_labels[0] <= -4 and x_labels[-1] >= 4
    rows = canvas(text)
    drawn = sorted(columns_with(rows, HD))
    width = len(rows[0])
    # sigmoid is within 0.2..0.8 for |x| < 1.39: about the middle 28% of -5.5..5.5, to the frame.
    assert 0.2 * width < len(drawn) < 0.35 * width
    assert rows_with(rows, HD) >= {0, len(rows) - 1}


def test_hard_tanh_with_wider_clips_draws_both_flat_parts():
    clips = ("--min-val", "-3", "--max-val", "3")
    result = run("hard_tanh", *clips, "--range", "-5", "5", "--terminal", "--size", "60", "20")
    assert result.exit_code == 0, result.output
    rows = canvas(result.stdout)
    width = len(rows[0])
    left = rows_with([row[: width // 10] for row in rows], HD)
    right = rows_with([row[-width // 10 :] for row in rows], HD)
    assert left and right and min(left) > max(right) + len(rows) // 2  # low on the left, high on the right
    labels = [number(label) for _, label in y_ticks(result.stdout)]
    assert min(labels) <= -2 and max(labels) >= 2


def round_ticks(values):
    values = sorted(values)
    step = values[1] - values[0]
    mantissa = step / 10 ** math.floor(math.log10(step))
    on_steps = all(abs(v / step - round(v / step)) < 1e-6 for v in values)
    return on_steps and any(math.isclose(mantissa, m) for m in (1, 2, 2.5, 5)) and np.allclose(np.diff(values), step)


@pytest.mark.parametrize(
    "chart",
    [
        chart_of("sigmoid", X, style="curve"),
        chart_of("hard_tanh", X, style="curve"),
        chart_of("gelu", np.linspace(-3.3, 1.7, 101), style="curve"),
        chart_of("identity", np.linspace(1000, 1001, 11), style="curve"),
    ],
    ids=["sigmoid", "hard_tanh", "gelu", "zoomed"],
)
def test_tick_values_are_round(chart):
    text = terminal.render(chart, (70, 20))
    assert round_ticks([number(label) for _, label in y_ticks(text)])
    assert round_ticks([number(label) for label in x_tick_labels(text)])


def on_a_round_step(values, span):
    """Every value a multiple of one step 1, 2, 2.5 or 5 times a power of ten, at least span/50."""
    for exponent in range(math.floor(math.log10(span)) - 2, math.floor(math.log10(span)) + 2):
        for mantissa in (1, 2, 2.5, 5):
            step = mantissa * 10.0**exponent
            if step >= span / 50 and all(abs(v / step - round(v / step)) < 1e-6 for v in values):
                return True
    return False


@settings(max_examples=300)
@given(
    low=st.floats(-1e6, 1e6),
    span=st.floats(1e-6, 1e6),
    rows=st.integers(terminal.MIN_SIZE[1], 30),
)
def test_terminal_y_ticks_are_round_for_every_range_and_height(low, span, rows):
    high = low + span
    assume(high - low > 1e-9 * max(abs(low), abs(high)))  # ranges the doubles resolve
    count = max(2, (rows - 5) // 2)
    values = ticks(low, high, count)
    assert 2 <= values.size <= count
    assert low <= values[0] < values[-1] <= high
    assert on_a_round_step(values, high - low), values


@pytest.mark.parametrize("size", [("30", "8"), ("30", "9"), ("30", "10")])
def test_a_short_terminal_plot_labels_round_y_ticks(size):
    # sigmoid on -0.05..1 at --size 30 10 labelled its y ticks 0.732796 and 0.475822, the ends of
    # its range: no step of 0.1, 0.2, 0.25 or 0.5 held two values. Now 0.5 and 0.7.
    result = run("sigmoid", "--range", "-0.05", "1", "--terminal", "--size", *size)
    assert result.exit_code == 0, result.output
    labels = [number(label) for _, label in y_ticks(result.stdout)]
    assert len(labels) >= 2 and on_a_round_step(labels, 0.26), labels
    assert all(len(label) <= 3 for _, label in y_ticks(result.stdout))


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "elu"])
def test_the_row_of_the_zero_axis_is_labelled_zero(name):
    text = terminal.render(chart_of(name, X, style="curve"), (60, 20))
    rows = canvas(text)
    axis_row = next(i for i, row in enumerate(rows) if row.count("─") > len(row) / 3)
    assert (axis_row, "0") in y_ticks(text)


def test_axis_lines_are_drawn_through_zero():
    rows = canvas(terminal.render(chart_of("relu", X, style="curve"), (60, 20)))
    assert any(row.count("─") > 20 for row in rows)
    assert sum(row.count("│") for row in rows) > len(rows) / 2


def test_axis_lines_do_not_stretch_the_axes_to_zero():
    chart = chart_of("identity", np.array([1.0, 2.0, 3.0]), style="points")
    text = terminal.render(chart, (60, 20))
    assert min(number(label) for label in x_tick_labels(text)) >= 0.9
    assert min(number(label) for _, label in y_ticks(text)) >= 0.9


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
    terminal.render(function_chart(Spec.resolve("sigmoid"), x), (60, 15))
    xs, ys = drawn[-1]  # after the axis lines
    assert xs.size == 4000 and (xs[0], xs[-1]) == (-5.0, 5.0)
    np.testing.assert_array_equal(ys, actplot.sigmoid(xs))


# Extreme and degenerate ranges: a plot or a usage error, never an abort (a real process: an
# abort would take the test runner with it)


def actplot_process(*args, **options):
    return subprocess.run(
        [sys.executable, "-m", "actplot", *args], capture_output=True, text=True, timeout=120, **options
    )


def test_a_one_ulp_xlim_is_a_usage_error_not_an_abort():
    result = actplot_process("tanh", "--range", "-5", "5", "--xlim", "1", "1.0000000000000002", "--terminal")
    assert result.returncode == 2, result.stderr
    assert "--xlim" in result.stderr and "narrower than a plot can show" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_the_whole_double_range_is_drawn_in_units_of_its_size():
    result = run("identity", "--range", "-1e308", "1e308", "--num", "3", "--terminal", "--size", "60", "20")
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert "x (×10³⁰⁸)" in result.stdout
    assert [number(label) for label in x_tick_labels(result.stdout)][-1] >= 1


def test_a_plot_to_stdout_of_a_terminal_is_refused_with_a_hint():
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "actplot", "relu", "1", "-o", "-"],
            stdout=secondary,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env={**os.environ, "MPLBACKEND": "Agg"},
        )
    finally:
        os.close(secondary)
        os.close(primary)
    assert result.returncode == 2
    assert "redirect" in result.stderr and "-o - > plot.png" in result.stderr


@pytest.mark.parametrize("size", [(24, 8), (30, 8), (24, 9)])
def test_a_note_is_said_at_the_least_size(size):
    # at 24 x 8 'actplot tanh nan nan nan nan 1 2 --terminal' drew the two points and left the four
    # NaNs unsaid: a note had rows only beyond MIN_SIZE's 8, where a legend has them down to the plot's 7
    columns, rows = size
    result = run("tanh", "nan", "nan", "nan", "nan", "1", "2", "--terminal", "--size", str(columns), str(rows))
    lines = result.stdout.splitlines()
    assert (result.exit_code, len(lines)) == (0, rows) and max(map(len, lines)) <= columns
    note = lines[-1 - (rows - 8) :]  # the rows beyond the plot's 7
    assert note[0].startswith("not drawn (not") and lines[-len(note) - 1].startswith("h(x)")  # under the whole axis
    whole = "not drawn (not finite): tanh(nan) = nan (4 samples)"
    assert " ".join(note) == whole if len(whole) <= columns * len(note) - 1 else note[-1].endswith(" \u2026")
