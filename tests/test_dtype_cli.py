"""--dtype on the command line and ``actplot limits``: what a user types and exactly what comes
back, and what the plots draw (read back from the figure). The numbers themselves are checked
against the reference in test_precision.py; here, that the CLI shows them as the issue asks."""

from __future__ import annotations

import json
import math
from decimal import ROUND_FLOOR, Decimal

import ml_dtypes
import numpy as np
import pytest
from click.testing import CliRunner, Result
from mpmath import mpf
from reference import BINARY_FORMATS, REFERENCE, every_value, round_exact
from test_plotting import assert_whole_file, caught_figures, series, title_of

import actplot
from actplot import formats, precision
from actplot.cli import cli


def run(*args: str, input: bytes | None = None, columns: int = 120) -> Result:
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(
        cli, list(args), input=input, prog_name="actplot", catch_exceptions=False
    )


def printed(*args: str, input: bytes | None = None, columns: int = 120) -> str:
    result = run(*args, input=input, columns=columns)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout


def numpy_shortest(value: float, dtype: str) -> float:
    """numpy's own shortest decimal of a float16 or float32 value (Dragon4), read as a double."""
    return float(np.format_float_scientific(np.dtype(dtype).type(value), unique=True))


def assert_staircase(line, dtype: str, derivative: bool = False, name: str = "sigmoid", expected=None) -> None:
    """A drawn curve of a dtype is its exact staircase: every segment flat or upright (no ramp
    through values the dtype never gives); each flat step at the value the dtype computes for
    every input under it (``expected(x)`` where given: the reference's); each upright segment where
    the input's rounding in the dtype changes (the inputs on either side round to neighbouring
    values of the dtype, independently rounded)."""
    x, y = np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)
    assert np.all((np.diff(x) == 0) | (np.diff(y) == 0)) and np.all(np.diff(x) >= 0)
    flat = np.flatnonzero((np.diff(x) > 0) & (np.diff(y) == 0))
    inside = (x[flat] + x[flat + 1]) / 2
    if expected is None:
        computed = precision.evaluate(actplot.get(name), inside, {}, dtype, derivative)
    else:
        computed = np.array([expected(v) for v in inside.tolist()])
    np.testing.assert_array_equal(computed, y[flat])
    fmt = BINARY_FORMATS[dtype]
    for jump in x[1:-1][np.diff(x)[1:] == 0]:
        left, right = (round_exact(mpf(float(np.nextafter(jump, side))), fmt) for side in (-np.inf, np.inf))
        assert left < right and round_exact(mpf((left + right) / 2), fmt) in (left, right), jump


# --- printing per dtype -------------------------------------------------------------------------


def test_float16_prints_the_shortest_decimal_of_float16():
    assert printed("identity", "--dtype", "float16", "0.1") == "0.1\n"  # the value is 0.0999755859375


def test_bfloat16_rounds_the_input_and_prints_its_shortest_decimal():
    assert printed("identity", "--dtype", "bfloat16", "3.14159") == "3.14\n"  # the value is 3.140625


def test_the_input_prints_as_the_dtype_holds_it():
    # sigmoid(3.140625) = 0.95852..., in bfloat16 0.95703125, which reads back from 0.957.
    assert printed("sigmoid", "--dtype", "bfloat16", "--with-x", "3.14159") == "3.14\t0.957\n"


@pytest.mark.parametrize("dtype", ["float16", "float32"])
def test_every_printed_value_is_numpys_shortest_form_of_the_dtype_value(dtype):
    lines = printed("gelu", "--dtype", dtype, "--range", "-6", "6", "--step", "0.037").splitlines()
    x_grid = np.array([float(line.split("\t")[0]) for line in lines])
    values = precision.evaluate(actplot.get("gelu"), x_grid, {}, dtype)
    for line, x, y in zip(lines, x_grid.tolist(), values.tolist(), strict=True):
        shown_x, shown_y = (float(text) for text in line.split("\t"))
        assert shown_x == numpy_shortest(x, dtype) and shown_y == numpy_shortest(y, dtype), line


def test_float16_results_are_the_exact_values_rounded():
    for line in printed("tanh", "--dtype", "float16", "--range", "-3", "3", "--step", "0.25").splitlines():
        x, y = (float(text) for text in line.split("\t"))
        assert np.float16(y) == round_exact(REFERENCE["tanh"][0](mpf(float(np.float16(x)))), BINARY_FORMATS["float16"])


def test_precision_gives_digits_of_the_dtype_value():
    assert printed("identity", "--dtype", "float16", "--precision", "3", "0.1") == "0.1\n"
    assert printed("identity", "--dtype", "float16", "--precision", "6", "0.1") == "0.0999756\n"


@pytest.mark.parametrize(
    ("dtype", "value", "digits", "expected"),
    [
        # 65504 to 1 digit is 70000 and to 2 digits 66000: infinity in float16 (past 65520); they printed so
        ("float16", "65504", "1", "65500"),
        ("float16", "65504", "2", "65500"),
        ("float16", "-65504", "1", "-65500"),
        ("float16", "65504", "3", "65500"),  # its own 3 digits read back: unchanged
        ("bfloat16", "3.3895313892515355e38", "2", "3.39e+38"),  # 3.4e38 is inf in bfloat16
        ("float8_e4m3fn", "448", "1", "400"),  # no overflow: rounded as asked
    ],
)
def test_precision_never_prints_digits_that_read_back_as_infinity_in_the_dtype(dtype, value, digits, expected):
    """README: --precision digits that would read back as infinity print the value whole; with a
    dtype, infinity in that dtype (breakit29: 'identity 65504 --dtype float16 --precision 1' printed 70000)."""
    assert printed("identity", "--dtype", dtype, "--precision", digits, "--", value) == expected + "\n"
    document = json.loads(printed("identity", "--dtype", dtype, "--precision", digits, "--format", "json", "--", value))
    assert document["y"] == [float(expected)]


def test_json_carries_the_dtype():
    document = json.loads(printed("sigmoid", "--dtype", "float16", "--format", "json", "0", "8.32", "20"))
    assert document == {"function": "sigmoid", "params": {}, "dtype": "float16", "x": [0, 8.32, 20], "y": [0.5, 1, 1]}


def test_csv_and_tsv_print_dtype_values_under_the_usual_header():
    assert printed("relu", "--dtype", "bfloat16", "--format", "csv", "--with-x", "-1", "3.14159") == (
        "x,relu\n-1,0\n3.14,3.14\n"
    )
    assert printed("identity", "--dtype", "float16", "--format", "tsv", "0.1") == "identity\n0.1\n"


def test_derivative_in_a_dtype():
    assert printed("sigmoid", "-d", "--dtype", "float16", "0", "17.33", "17.35") == "0.25\n6e-8\n0\n"


def test_stdin_rows_of_a_vector_function_keep_their_shape():
    # bfloat16 holds 1000, 1001 and 1002 all as 1000: the second row is uniform.
    out = printed("softmax", "--dtype", "bfloat16", input=b"1 2 3\n1000 1001 1002\n")
    assert out == "0.09\t0.245\t0.664\n0.334\t0.334\t0.334\n"


def test_beyond_the_range_is_infinity_or_nan_without_one():
    # 65504, the largest float16, prints as 65500: the shortest decimal that reads back to it.
    result = run("identity", "--dtype", "float16", "65519", "65520", "-1e6", "nan")
    assert result.stdout == "65500\ninf\n-inf\nnan\n"
    assert result.stderr == "actplot: 2 inputs beyond float16's largest value 65504 were read as ±inf\n"  # (not nan)
    result = run("identity", "--dtype", "float8_e4m3fn", "464", "465")
    assert result.stdout == "450\nnan\n"  # 448, shortest
    assert result.stderr.startswith("actplot: 1 input beyond float8_e4m3fn's largest value 448 was read as NaN")


def test_float16_softplus_does_not_overflow_where_its_exp_does():
    # exp(11.1) > 65504, but softplus(11.1) = 11.1000152... is 11.1 in float16.
    assert printed("softplus", "--dtype", "float16", "11.1") == "11.1\n"


def test_dtype_float64_prints_as_without_dtype():
    args = ["gelu", "--range", "-3", "3", "--step", "0.5"]
    assert printed(*args, "--dtype", "float64") == printed(*args)


def test_an_unknown_dtype_is_a_usage_error():
    result = run("relu", "--dtype", "fp8", "1")  # ('half' is PyTorch's float16)
    assert result.exit_code == 2
    assert "Invalid value for '--dtype': 'fp8' is not one of 'float64', 'float32', 'float16'" in result.stderr


# --- plots per dtype ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title"), [("sigmoid", "sigmoid"), ("glu", "glu along a = 1, b = x (gate = second)")], ids=str
)
def test_a_zoomed_plot_in_bfloat16_draws_the_staircase(tmp_path, name, title):
    # glu along its slice is glu(1, x) = sigmoid(x): the same staircase, its values the reference glu's
    path = tmp_path / "s.png"
    with caught_figures() as figures:
        result = run(name, "--dtype", "bfloat16", "--range", "3", "4", "--num", "2000", "-o", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert_whole_file(path)
    (line,) = series(figures[0].axes[0])
    x, y = line.get_xdata(), line.get_ydata()
    assert (x[0], x[-1]) == (3, 4)  # the inputs before rounding
    assert_staircase(line, "bfloat16", expected=_along("glu", "bfloat16") if name == "glu" else None)
    # bfloat16 (8 bits) holds 8 values, k/256, from sigmoid(3) = 0.9526 to sigmoid(4) = 0.9820: 8
    # flat steps, joined by 7 upright segments.
    assert np.unique(y).tolist() == (np.arange(244, 252) / 256).tolist()
    assert x.size == 16 and np.count_nonzero(np.diff(x) == 0) == 7
    assert title_of(figures[0].axes[0]) == f"{title} in bfloat16"


def test_the_staircase_at_the_default_step_has_no_ramps(tmp_path):
    # Samples 0.1 apart are coarser than float8's steps: joining them drew ramps (2.3 to 2.4).
    with caught_figures() as figures:
        result = run("plot", "sigmoid:dtype=float8_e4m3fn", "--range", "2", "4", "-o", str(tmp_path / "p.png"))
    assert result.exit_code == 0
    (line,) = series(figures[0].axes[0])
    assert_staircase(line, "float8_e4m3fn")
    # float8_e4m3fn holds 2, 2.25, ..., 3.75, 4 here; sigmoid of them rounds to 0.875, 0.9375 or 1,
    # changing at the midpoints 2.375 (between 2.25 and 2.5) and 3.375 (between 3.25 and 3.5).
    assert line.get_xdata().tolist() == [2, 2.375, 2.375, 3.375, 3.375, 4]
    assert line.get_ydata().tolist() == [0.875, 0.875, 0.9375, 0.9375, 1, 1]


def test_a_range_past_the_largest_value_still_draws_the_staircase_up_to_it(tmp_path):
    # float8_e4m3fn holds 384, 416 and 448 here and nothing from 464 on (NaN): a range ending at
    # 500 drew ramps between the samples (400 to 401, 431 to 432) instead of the three steps.
    with caught_figures() as figures:
        args = ("identity", "--dtype", "float8_e4m3fn", "--range", "400", "500", "--num", "100")
        result = run(*args, "-o", str(tmp_path / "p.png"))
    assert result.exit_code == 0
    (line,) = series(figures[0].axes[0])
    x, y = np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)
    drawn = np.isfinite(y)
    # 400 itself is the tie between 384 and 416: to even, 384 (a step of no width).
    assert x[drawn].tolist() == [400, 400, 400, 432, 432, 464]
    assert y[drawn].tolist() == [384, 384, 416, 416, 448, 448]
    assert figures[0].axes[0].get_xlim()[1] >= 500  # the axis still spans the range asked for


def test_steps_finer_than_the_samples_are_joined_as_a_curve(tmp_path):
    with caught_figures() as figures:
        run("sigmoid", "--dtype", "float32", "--range", "-5", "5", "--num", "300", "-o", str(tmp_path / "p.png"))
    (line,) = series(figures[0].axes[0])
    x, y = line.get_xdata(), line.get_ydata()
    # Each sample's value over the inputs that round to it (a float32 value's neighbours are
    # millions of values from the next sample): a short flat piece, then a ramp to the next sample.
    samples = np.linspace(-5, 5, 300)
    assert x.size == 600 and np.all((x[::2] <= samples) & (samples <= x[1::2]))
    np.testing.assert_array_equal(y[::2], precision.evaluate(actplot.get("sigmoid"), samples, {}, "float32"))
    assert np.all(x[1::2] - x[::2] < 1e-6)


def test_plot_overlays_one_function_in_several_dtypes(tmp_path):
    path = tmp_path / "o.png"
    with caught_figures() as figures:
        result = run(
            "plot", "sigmoid", "sigmoid:dtype=bfloat16", "sigmoid:dtype=float16",
            "--range", "3", "4", "--num", "500", "-o", str(path),
        )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    lines = series(figures[0].axes[0])
    assert [line.get_label() for line in lines] == ["sigmoid", "sigmoid in bfloat16", "sigmoid in float16"]
    expected = precision.evaluate(actplot.get("sigmoid"), lines[0].get_xdata(), {}, "float64")
    np.testing.assert_array_equal(lines[0].get_ydata(), expected)
    for line, dtype in zip(lines[1:], ["bfloat16", "float16"], strict=True):
        assert_staircase(line, dtype)


def test_plot_dtype_applies_to_the_functions_without_their_own(tmp_path):
    with caught_figures() as figures:
        result = run(
            "plot", "tanh", "tanh:dtype=float32", "--dtype", "float16", "--num", "50", "-o", str(tmp_path / "p.png")
        )
    assert result.exit_code == 0
    assert [line.get_label() for line in series(figures[0].axes[0])] == ["tanh in float16", "tanh in float32"]


def test_plot_with_derivative_draws_the_derivative_in_the_dtype(tmp_path):
    with caught_figures() as figures:
        run(
            "plot", "sigmoid:dtype=bfloat16", "--with-derivative", "--range", "1", "2", "--num", "50",
            "-o", str(tmp_path / "d.png"),
        )  # fmt: skip
    value, slope = series(figures[0].axes[0])
    assert_staircase(slope, "bfloat16", derivative=True)


def test_plot_with_an_unknown_dtype_is_a_usage_error(tmp_path):
    result = run("plot", "sigmoid:dtype=float7", "-o", str(tmp_path / "p.png"))
    assert result.exit_code == 2
    assert "'sigmoid:dtype=float7': unknown dtype 'float7'; choose from float64" in result.stderr


def test_terminal_plot_in_a_dtype():
    result = run("tanh", "--dtype", "float8_e4m3fn", "--range", "-3", "3", "--terminal", "--size", "60", "15")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "tanh in float8_e4m3fn" in result.stdout


# --- actplot limits ---------------------------------------------------------------------------------

SIGMOID_TABLE = """\
sigmoid: the inputs where the rounded result changes, as each dtype holds them

threshold                                     float32           float16      bfloat16
────────────────────────────────────────────  ────────────────  ───────────  ─────────
f(x) = 1, its limit as x -> +inf              x >= 17.32868     x >= 8.32    x >= 6.25
f(x) = 0, its limit as x -> -inf              x <= -103.972084  x <= -17.34  x <= -93
f(x) overflows to +-inf (x -> +inf)           none              none         none
f(x) overflows to +-inf (x -> -inf)           none              none         none
f(x) underflows to 0 (x -> +inf)              none              none         none
f(x) underflows to 0 (x -> -inf)              x <= -103.972084  x <= -17.34  x <= -93
f'(x) = 0: the gradient vanishes (x -> +inf)  x >= 103.972084   x >= 17.34   x >= 93
f'(x) = 0: the gradient vanishes (x -> -inf)  x <= -103.972084  x <= -17.34  x <= -93
f(x) = x: f is the identity                   none              none         none

none: no input of that dtype does it (--format json says why).
float64 is actplot's own float64 function (within 4 ulp); the other dtypes are correctly rounded.
"""


def test_limits_prints_the_table():
    assert printed("limits", "sigmoid", "--dtype", "float32", "--dtype", "float16", "--dtype", "bfloat16") == (
        SIGMOID_TABLE
    )


def test_limits_shows_the_four_dtypes_by_default():
    header = printed("limits", "tanh").splitlines()[2].split()
    assert header == ["threshold", "float64", "float32", "float16", "bfloat16"]


def table_cells(text: str) -> dict[tuple[str, str], str]:
    """(row label, dtype) -> cell of every table that ``limits`` printed (split or whole): a row's
    cells stand at the columns where its table's header names them, continued on the lines below
    it that leave the label's column empty."""
    cells = {}
    lines = text.splitlines()
    for at, line in enumerate(lines):
        if not line.startswith("threshold "):
            continue
        rule = lines[at + 1]
        starts = [i for i, c in enumerate(rule) if c == "\u2500" and (i == 0 or rule[i - 1] == " ")]
        names = line.split()[1:]
        label = None
        for row in lines[at + 2 :]:
            if not row:
                break
            continued = not row[: starts[1]].strip()  # a cell wrapped in its column
            label = label if continued else row[: starts[1]].rstrip()
            for name, a, b in zip(names, starts[1:], [*starts[2:], None], strict=True):
                part = row[a:b].strip()
                cells[label, name] = f"{cells[label, name]} {part}".strip() if continued else part
    return cells


@pytest.mark.parametrize("name", ["sigmoid", "elu", "gelu", "selu", "softplus:beta=0.001", "glu", "log_softmax"])
@pytest.mark.parametrize("columns", [80, 100])
def test_limits_fits_the_terminal_showing_every_cell_of_the_whole_table(name, columns):
    """At COLUMNS=80 the table of four dtypes was 111 columns for sigmoid, 126 for elu: it is split
    among tables of the same rows, and every cell of the whole table is in one of them."""
    narrow = printed("limits", name, columns=columns)
    assert max(map(len, narrow.splitlines())) <= columns
    whole = printed("limits", name, columns=400)
    assert max(map(len, whole.splitlines())) > columns  # the case: too wide for the terminal
    assert narrow.count("threshold ") > 1
    assert table_cells(narrow) == table_cells(whole)
    assert len(table_cells(whole)) == 9 * 4


@pytest.mark.parametrize("name, columns", [("elu", 60), ("glu", 60), ("log_softmax", 25), ("elu", 50)])
def test_limits_never_breaks_a_number_in_two(name, columns):
    """At COLUMNS=60 elu's float64 column had the 14 characters beside its 44 of labels and
    printed -37.42994775023705 as -37.42994 over 775023705: where a column cannot hold its longest
    word, each row is stacked, every number whole."""
    narrow = printed("limits", name, columns=columns)
    assert max(map(len, narrow.splitlines())) <= columns
    words = printed("limits", name, columns=400).split()
    numbers = {w for w in words if w.lstrip("-")[:1].isdigit() and len(w) > 6}
    assert numbers and numbers <= set(narrow.split())


def test_limits_on_a_terminal_narrower_than_its_labels_stacks_each_row():
    text = printed("limits", "elu", "--dtype", "float16", columns=30)
    assert max(map(len, text.splitlines())) <= 30
    assert "f(x) = -1, its limit as x ->\n  -inf\n  float16: x <= -8.32\n" in text  # under its row's label


def test_limits_json_holds_every_threshold_of_every_dtype():
    document = json.loads(printed("limits", "sigmoid", "--dtype", "float16", "--format", "json"))
    assert (document["function"], document["params"], list(document["dtypes"])) == ("sigmoid", {}, ["float16"])
    thresholds = document["dtypes"]["float16"]
    assert list(thresholds) == [
        "limit_high", "limit_low", "overflow_high", "overflow_low", "underflow_high", "underflow_low",
        "gradient_high", "gradient_low", "identity",
    ]  # fmt: skip
    assert thresholds["limit_high"] == {
        "what": "f(x) = 1, its limit as x -> +inf",
        "relation": ">=",
        "x": 8.32,
        "value": 1,
        "before": 8.31,
        "before_value": 0.9995,
        "reason": None,
    }
    assert thresholds["overflow_high"]["x"] is None
    assert thresholds["overflow_high"]["reason"] == "f(x) is finite for every finite x"


def test_limits_of_a_function_with_parameters_and_of_a_vector_function():
    document = json.loads(printed("limits", "softplus:beta=2", "--dtype", "float16", "--format", "json"))
    assert document["params"] == {"beta": 2.0}
    shown = document["dtypes"]["float16"]["identity"]["x"]  # the shortest decimal of the float16 value
    assert np.float16(shown) == actplot.limits("softplus", {"beta": 2.0}, "float16").thresholds[-1].x
    table = printed("limits", "softmax", "--dtype", "bfloat16")
    assert "x >= 6.25" in table  # softmax([x, 0])[0] = sigmoid(x)


def test_limits_where_the_dtypes_round_the_limit_differently_shows_it_per_dtype():
    table = printed("limits", "selu", "--dtype", "float16", "--dtype", "float32")
    (row,) = [line for line in table.splitlines() if line.startswith("f(x) = its limit as x -> -inf")]
    assert "x <= -7.73 (f = -1.758)" in row and "(f = -1.7580993)" in row


def test_limits_of_an_unknown_function_suggests_names():
    result = run("limits", "sigmoidd")
    assert result.exit_code == 2
    assert "no activation named 'sigmoidd'; did you mean sigmoid" in result.stderr


def test_limits_help_has_examples():
    result = run("limits", "--help")
    assert result.exit_code == 0 and "\n  Examples:\n" in result.stdout and "actplot limits sigmoid" in result.stdout
    assert "limits" in run("--help").stdout


@pytest.mark.parametrize("dtype", list(precision.DTYPES))
def test_limits_runs_for_every_function_in_every_dtype(dtype):
    for name in [n for n in actplot.names() if not actplot.get(n).gated]:  # gated units: a usage error
        result = run("limits", name, "--dtype", dtype, "--format", "json")
        assert result.exit_code == 0, (name, result.output)
        assert all(
            (t["x"] is None) == (t["reason"] is not None and t["reason"] != "for every finite x")
            for t in json.loads(result.stdout)["dtypes"][dtype].values()
        ), name


def test_a_threshold_that_does_not_exist_reads_none_and_json_says_why():
    table = printed("limits", "relu", "--dtype", "float16")
    assert "f'(x) = 0: the gradient vanishes (x -> +inf)  none" in table
    reasons = json.loads(printed("limits", "relu", "--dtype", "float16", "--format", "json"))["dtypes"]["float16"]
    assert reasons["gradient_high"]["reason"] == "f'(x) -> 1"
    assert math.isclose(reasons["gradient_low"]["x"], 0.0)


# --- the shortest decimal of a dtype (formats.shortest_in) -----------------------------------------


def _finite_nonzero(values: np.ndarray) -> np.ndarray:
    return values[np.isfinite(values) & (values != 0)]


def test_shortest_decimals_of_every_float16_value_are_numpys():
    values = _finite_nonzero(np.arange(2**16, dtype=np.uint16).view(np.float16).astype(np.float64))
    ours = formats.shortest_in(values, "float16")
    np.testing.assert_array_equal(ours, [numpy_shortest(v, "float16") for v in values.tolist()])


def test_shortest_decimals_of_random_float32_values_are_numpys():
    bits = np.random.default_rng(9).integers(0, 2**32, 20_000, dtype=np.uint64).astype(np.uint32)
    with np.errstate(invalid="ignore"):
        values = _finite_nonzero(bits.view(np.float32).astype(np.float64))
    ours = formats.shortest_in(values, "float32")
    np.testing.assert_array_equal(ours, [numpy_shortest(v, "float32") for v in values.tolist()])


@pytest.mark.parametrize("dtype", ["float16", "float32"])
def test_shortest_decimals_of_values_the_dtype_does_not_hold_are_those_of_the_rounded_values(dtype):
    # 1e6 is not a float16: the cast warned of an overflow (an error under the suite's filter); it is
    # float16's inf, as numpy prints np.float16(1e6), and 0.1 is float16's 0.0999755859375, printed 0.1
    values = np.array([1e6, -7e4, 65519.0, 1e-30, -1e-30, 0.1, 1 / 3, 3.4e38, 3.5e38, -1e300, np.nan])
    ours = formats.shortest_in(values, dtype)
    with np.errstate(over="ignore"):
        expected = [numpy_shortest(v, dtype) for v in values.tolist()]
    np.testing.assert_array_equal(ours, expected)
    assert np.array_equal(np.signbit(ours), np.signbit(values))


def _significant_digits(x: float) -> int:
    mantissa = repr(x).split("e")[0].replace("-", "").replace(".", "")
    return len(mantissa.strip("0"))


@pytest.mark.parametrize("dtype", ["bfloat16", "float8_e4m3fn", "float8_e5m2"])
def test_shortest_decimals_of_every_value_read_back_and_none_shorter_does(dtype):
    # Independently of the algorithm: with one digit fewer, neither decimal around the value reads back.
    values = _finite_nonzero(every_value(dtype))
    ours = formats.shortest_in(values, dtype)
    np.testing.assert_array_equal(precision.round_to(ours, dtype), values)
    for value, shown in zip(values.tolist(), ours.tolist(), strict=True):
        fewer = _significant_digits(shown) - 1
        if fewer == 0:
            continue
        step = Decimal(1).scaleb(Decimal(value).adjusted() - fewer + 1)
        below = (Decimal(value) / step).to_integral_value(ROUND_FLOOR) * step
        for decimal in (below, below + step):
            assert precision.round_to([float(decimal)], dtype)[0] != value, (value, shown, decimal)


def test_the_notebook_plot_takes_a_dtype_for_all_or_per_function():
    fig = actplot.plot(["sigmoid", ("sigmoid", {"dtype": "bfloat16"})], range=(3, 4), num=300)
    plain, stairs = series(fig.axes[0])
    assert (plain.get_label(), stairs.get_label()) == ("sigmoid", "sigmoid in bfloat16")
    assert_staircase(stairs, "bfloat16")
    (line,) = series(actplot.plot("tanh", dtype="float16", num=50).axes[0])
    assert line.get_label() == "tanh in float16"
    with pytest.raises(ValueError, match="unknown dtype 'fp8'"):
        actplot.plot("tanh", dtype="fp8")
    (line,) = series(actplot.plot("tanh", dtype="half", num=50).axes[0])  # PyTorch's name of float16
    assert line.get_label() == "tanh in float16"


def test_a_plot_in_float64_named_as_its_dtype_draws_without_a_warning(tmp_path):
    # 'plot sigmoid:dtype=float64' warned of an overflow: the edge past float64's largest value is inf
    result = run("plot", "sigmoid:dtype=float64", "--range", "-1e308", "1.7976931348623157e308", "--num", "50", "-o",
                 str(tmp_path / "s.svg"))  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    (line,) = series(actplot.plot("identity", dtype="float64", num=50).axes[0])
    assert line.get_label() == "identity in float64"
    x, y = line.get_data()  # the identity's steps: each double, over the inputs within half an ulp of it
    assert np.all(np.abs(x - y) <= np.spacing(np.abs(y)))  # (a midpoint rounds to a double beside)


def test_limits_takes_parameters_with_the_function_not_as_options():
    result = run("limits", "leaky_relu", "--alpha", "0.2")
    assert result.exit_code == 2
    assert "a function's parameters go with it, as NAME:alpha=VALUE (leaky_relu:alpha=0.2)" in result.stderr


# --- gated units ------------------------------------------------------------------------------------


def _along(unit: str, dtype: str, derivative: bool = False):
    """x -> the reference unit at [1, x] (x rounded to the dtype), its value or partial by b, rounded."""
    fmt = BINARY_FORMATS[dtype]

    def value(x: float) -> float:
        row = [mpf(1), mpf(round_exact(mpf(x), fmt))]
        return round_exact(REFERENCE[unit][int(derivative)](row)[-1], fmt)

    return value


def test_a_gated_unit_in_a_dtype_prints_the_exact_product_rounded_once():
    # glu(1, 2) = sigmoid(2) = 0.880797...: 0.880859375 in float16, printed as its shortest 0.881.
    assert printed("glu", "--dtype", "float16", "1", "2") == "0.881\n"
    assert np.float16(0.881) == round_exact(REFERENCE["glu"][0]([mpf(1), mpf(2)])[0], BINARY_FORMATS["float16"])


def test_a_gated_unit_reads_stdin_rows_in_a_dtype_keeping_their_shape():
    # [1, 2 | 3, 4] gives 1 sigmoid(3), 2 sigmoid(4); [-1 | 0.5] gives -sigmoid(0.5), in bfloat16.
    assert printed("glu", "--dtype", "bfloat16", input=b"1 2 3 4\n-1 0.5\n") == "0.953\t1.96\n-0.62\n"
    rows = [[1.0, 2.0, 3.0, 4.0], [-1.0, 0.5]]
    exact = [v for row in rows for v in REFERENCE["glu"][0]([mpf(x) for x in row])]
    assert [round_exact(v, BINARY_FORMATS["bfloat16"]) for v in exact] == [0.953125, 1.9609375, -0.62109375]


def test_an_odd_count_in_a_dtype_is_still_an_error_naming_the_line():
    result = run("swiglu", "--dtype", "float16", input=b"1 2\n3 4 5\n")
    assert (result.exit_code, result.stdout) == (1, run("swiglu", input=b"1 2\n3 4 5\n").stdout)  # as in float64
    assert result.stderr == "Error: line 2 holds 3 numbers: a gated unit takes an even count, two halves a and b\n"


def test_a_gated_unit_in_a_dtype_as_json_and_its_partials():
    document = json.loads(printed("glu", "--dtype", "float16", "--format", "json", "1", "3", "2", "4"))
    assert document == {"function": "glu", "params": {"gate": "second"}, "dtype": "float16", "y": [0.881, 2.945]}
    # the partials by a, then by b, one beside each input
    document = json.loads(printed("glu", "-d", "--dtype", "float16", "--format", "json", "1", "2"))
    assert document == {
        "function": "glu'",
        "params": {"gate": "second"},
        "dtype": "float16",
        "x": [1, 2],
        "y": [0.881, 0.105],
    }
    assert [round_exact(v, BINARY_FORMATS["float16"]) for v in REFERENCE["glu"][1]([mpf(1), mpf(2)])] == [
        0.880859375,
        0.10498046875,
    ]


def test_the_gate_order_and_parameters_hold_in_a_dtype():
    # --gate first: silu(3) * -1 = -2.857...; geglu with the tanh form at [1, 1.5].
    assert printed("swiglu", "--gate", "first", "--dtype", "float16", "3", "-1") == "-2.857\n"
    out = float(printed("geglu", "--approximate", "tanh", "--dtype", "bfloat16", "1", "1.5"))
    exact = REFERENCE["geglu"][0]([mpf(1), mpf(1.5)], approximate="tanh")[0]
    assert np.float64(ml_dtypes.bfloat16(out)) == round_exact(exact, BINARY_FORMATS["bfloat16"])


def test_a_gated_unit_over_a_range_in_a_dtype_is_its_slice():
    lines = printed("glu", "--dtype", "float16", "--range", "-2", "2", "--num", "5").splitlines()
    assert lines == ["-2\t0.1192", "-1\t0.269", "0\t0.5", "1\t0.731", "2\t0.881"]
    for line in lines:
        x, y = (float(v) for v in line.split("\t"))
        assert np.float16(y) == _along("glu", "float16")(x)


def test_plot_overlays_a_gated_unit_in_several_dtypes_with_its_partial(tmp_path):
    with caught_figures() as figures:
        result = run(
            "plot", "swiglu:dtype=float16", "swiglu:dtype=float8_e5m2", "--with-derivative",
            "--range", "-3", "3", "--num", "400", "-o", str(tmp_path / "p.png"),
        )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    lines = series(figures[0].axes[0])
    labels = [line.get_label() for line in lines]
    assert labels == [
        "swiglu along a = 1, b = x (gate = second) in float16",
        "\u2202swiglu/\u2202b along a = 1, b = x (gate = second) in float16",
        "swiglu along a = 1, b = x (gate = second) in float8_e5m2",
        "\u2202swiglu/\u2202b along a = 1, b = x (gate = second) in float8_e5m2",
    ]
    for line, dtype, derivative in zip(
        lines, ["float16", "float16", "float8_e5m2", "float8_e5m2"], [False, True] * 2, strict=True
    ):
        reference = _along("swiglu", dtype, derivative)
        if dtype == "float8_e5m2":  # coarser than the samples everywhere: a staircase throughout
            assert_staircase(line, dtype, derivative, expected=reference)
        # every flat piece at the reference's value (float16 is finer than the samples near 0: ramps there)
        x, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        flat = np.flatnonzero((np.diff(x) > 0) & (np.diff(y) == 0))
        assert flat.size > (1000 if dtype == "float16" else 10)
        assert [reference(v) for v in ((x[flat] + x[flat + 1]) / 2).tolist()] == y[flat].tolist()


def test_limits_of_a_gated_unit_are_along_its_slice_and_say_so():
    text = printed("limits", "glu", "--dtype", "float16", "--dtype", "bfloat16", columns=200)
    assert text.splitlines()[:2] == [
        "glu along a = 1, b = x (gate = second): the inputs where the rounded result changes, as each dtype holds them",
        "(a function of two numbers, taken along a = 1, b = x: f' is the partial by x)",
    ]
    # glu(1, x) = sigmoid(x): the same thresholds (8.32 in float16, 6.25 in bfloat16)
    assert "x >= 8.32" in text.splitlines()[5] and "x >= 6.25" in text.splitlines()[5]
    sigmoid = printed("limits", "sigmoid", "--dtype", "float16", "--dtype", "bfloat16", columns=200)
    assert text.splitlines()[3:] == sigmoid.splitlines()[2:]
    document = json.loads(printed("limits", "swiglu:gate=first", "--dtype", "float16", "--format", "json"))
    assert (document["along"], document["params"]) == ("a = x, b = 1", {"gate": "first"})
    silu = json.loads(printed("limits", "silu", "--dtype", "float16", "--format", "json"))
    assert document["dtypes"] == silu["dtypes"]


@pytest.mark.parametrize("name", ["glu", "reglu", "geglu", "swiglu", "bilinear"])
def test_info_says_what_dtype_does_for_a_gated_unit(name):
    text = " ".join(printed("info", name).split())
    assert "With --dtype (dtype=), each a and b is rounded to the dtype and each result is the exact product" in text
    assert "actplot limits and diff take the unit along the slice its plots draw" in text


@pytest.mark.parametrize("dtype", ["float32", "float16", "bfloat16", "float8_e4m3fn"])
def test_a_framework_s_kink_values_hold_in_every_dtype(dtype):
    # JAX: leaky_relu'(0) = 1 and hard_tanh'(±1) = 1; PyTorch: the slope, and 0 (SPEC, --compat)
    for name, at, torch_value, jax_value in [("leaky_relu", "0", "0.01", "1"), ("hard_tanh", "1", "0", "1")]:
        for compat, value in (("torch", torch_value), ("jax", jax_value)):
            result = CliRunner().invoke(cli, [name, "-d", "--compat", compat, "--dtype", dtype, "--", at])
            kind = np.dtype(getattr(ml_dtypes, dtype, dtype))  # printed shortest in the dtype: read it back there
            assert result.exit_code == 0, result.output
            assert np.array(float(result.output)).astype(kind) == np.array(float(value)).astype(kind), (name, compat)


@pytest.mark.parametrize("dtype", ["float32", "bfloat16"])
def test_the_api_s_framework_derivative_in_a_dtype_is_the_derivative(dtype):
    jax = actplot.get("leaky_relu").derivative_for("jax")
    kind = np.dtype(getattr(ml_dtypes, dtype, dtype))
    assert jax([-2.0, 0.0, 0.5], dtype=dtype).tolist() == np.array([0.01, 1.0, 1.0]).astype(kind).tolist()


@pytest.mark.parametrize(("alias", "name"), sorted(precision.DTYPE_ALIASES.items()))
def test_other_names_of_a_dtype_give_what_its_name_gives(tmp_path, alias, name):
    # '--dtype fp16' and '--dtype half' were refused; PyTorch's torch.half and the Trainer's fp16/bf16
    assert name in precision.DTYPES
    for args in (["sigmoid", "0.1", "8.32", "-3"], ["diff", "gelu", "relu"], ["limits", "softplus"]):
        by_alias, by_name = run(*args, "--dtype", alias.upper()), run(*args, "--dtype", name)
        assert (by_alias.exit_code, by_alias.stderr) == (0, "")
        assert by_alias.stdout == by_name.stdout
    spelt = run("sigmoid", "--dtype", name, "--format", "json", "1")
    assert json.loads(spelt.stdout)["dtype"] == name
    assert actplot.diff("gelu", "relu", dtype=alias) == actplot.diff("gelu", "relu", dtype=name)
    np.testing.assert_array_equal(actplot.sigmoid([0.1, 3.0], dtype=alias), actplot.sigmoid([0.1, 3.0], dtype=name))
    assert run("plot", f"sigmoid:dtype={alias}", "-o", str(tmp_path / "a.svg")).exit_code == 0
    assert f"in {name}" in (tmp_path / "a.svg").read_text()


def test_float_alone_is_not_a_dtype_name():
    # torch.float is float32 and numpy's float is float64: refused, with the names
    result = run("sigmoid", "--dtype", "float", "1")
    assert result.exit_code == 2 and "'float' is not one of 'float64'" in result.stderr


@pytest.mark.parametrize(
    "dtype, values, note",
    [
        (
            "float8_e4m3fn",
            ["470", "400", "--", "-500"],
            "2 inputs beyond float8_e4m3fn's largest value 448 were read as NaN (float8_e4m3fn has no infinity)",
        ),
        ("float16", ["70000", "1"], "1 input beyond float16's largest value 65504 was read as ±inf"),
        # inf, which that dtype holds as NaN, was not counted
        (
            "float8_e4m3fn",
            ["inf", "1", "--", "-inf"],
            "2 inputs beyond float8_e4m3fn's largest value 448 were read as NaN (float8_e4m3fn has no infinity)",
        ),
    ],
)
def test_inputs_beyond_the_dtypes_largest_value_are_noted(dtype, values, note):
    # 'sigmoid --dtype float8_e4m3fn 470' printed nan, exit 0, without a word (check notes them)
    result = CliRunner().invoke(cli, ["sigmoid", "--dtype", dtype, *values])
    assert result.exit_code == 0
    assert result.stderr == f"actplot: {note}\n"
    inside = CliRunner().invoke(cli, ["sigmoid", "--dtype", dtype, "1", "2"])
    assert (inside.exit_code, inside.stderr) == (0, "")
