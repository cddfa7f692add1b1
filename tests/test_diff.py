"""actplot diff: the differences against mpmath, where they are reached, the ulp count, the
specs with parameters and frameworks, the picture read back, and the command line."""

from __future__ import annotations

import json
import math
import re
import warnings
import xml.etree.ElementTree as ET
from decimal import Decimal
from fractions import Fraction

import ml_dtypes
import numpy as np
import pytest
import reference
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp, mpf

import actplot
from actplot import charts, compare, inputs
from actplot.cli import cli


def run(*args: str, columns: int = 200):
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, list(args), prog_name="actplot", catch_exceptions=False)


def gelu_gap(x):
    """gelu(x) - gelu_tanh(x), from the reference's definitions."""
    return reference.gelu(x) - reference.gelu(x, "tanh")


def gelu_gap_slope(x):
    return reference.d_gelu(x) - reference.d_gelu(x, "tanh")


@pytest.fixture(scope="module")
def true_maximum():
    """Where |gelu - gelu_tanh| is largest on [-5, 5], by mpmath: the best point of a grid of 0.01,
    refined to the root of the derivative. The gap is even in x, so -x* is a maximum too."""
    with mp.workdps(50):
        grid = [mpf(i) / 100 for i in range(-500, 501)]
        start = max(grid, key=lambda x: abs(gelu_gap(x)))
        where = mp.findroot(gelu_gap_slope, start)
        return where, abs(gelu_gap(where))


@pytest.mark.parametrize("num", [None, 1001, 10001])
def test_gelu_against_its_tanh_form_matches_an_mpmath_maximisation(true_maximum, num):
    where, largest = true_maximum
    result = actplot.diff("gelu", ("gelu", {"approximate": "tanh"}), num=num)
    spacing = 10 / (result.count - 1)
    assert min(abs(result.max_abs_diff_x - float(where)), abs(result.max_abs_diff_x + float(where))) <= spacing
    with mp.workdps(50):
        x = compare.sample((-5, 5), None, num)
        exact_at_samples = max(abs(gelu_gap(mpf(float(v)))) for v in x)
        # the largest of the sampled differences, to the rounding of the two values it is made of
        assert abs(mpf(result.max_abs_diff) - exact_at_samples) < 1e-15
        assert exact_at_samples <= largest
    assert result.max_abs_diff == pytest.approx(float(largest), rel=1e-5 if num else 1e-3)


def test_every_figure_of_a_difference_against_mpmath():
    x = compare.sample((-5, 5))
    with mp.workdps(50):
        gaps = [gelu_gap(mpf(float(v))) for v in x]
        values = [reference.gelu(mpf(float(v))) for v in x]
        tanh_values = [reference.gelu(mpf(float(v)), "tanh") for v in x]
        relative = [
            abs(g) / max(abs(a), abs(b)) if g else mpf(0) for g, a, b in zip(gaps, values, tanh_values, strict=True)
        ]
        mean = mp.fsum(abs(g) for g in gaps) / len(gaps)
    result = actplot.diff("gelu", ("gelu", {"approximate": "tanh"}))
    assert result.count == 101 and (result.start, result.stop) == (-5.0, 5.0)
    assert result.mean_abs_diff == pytest.approx(float(mean), rel=1e-12)
    assert result.max_rel_diff == pytest.approx(float(max(relative)), rel=1e-9)
    assert result.max_rel_diff_x == float(x[int(np.argmax([float(r) for r in relative]))])


def test_hard_sigmoid_of_keras_2_differs_by_a_twelfth_where_it_saturates():
    # torch (x + 3)/6 and Keras 2's 0.2x + 0.5 part by x/30 until Keras 2 reaches 1 at x = 2.5.
    result = actplot.diff("hard_sigmoid", ("hard_sigmoid", {}, "keras2"))
    assert result.g.label == "hard_sigmoid (slope = 0.2, --compat keras2)" and result.g.params == {"slope": 0.2}
    assert result.max_abs_diff == pytest.approx(1 / 12, rel=1e-15)
    assert abs(result.max_abs_diff_x) == 2.5


def test_leaky_relu_slopes_differ_most_at_the_far_negative_end():
    result = actplot.diff("leaky_relu", ("leaky_relu", {"alpha": 0.2}))
    assert (result.max_abs_diff, result.max_abs_diff_x) == (pytest.approx(0.95, rel=1e-15), -5.0)
    assert result.max_rel_diff == pytest.approx(0.95, rel=1e-15)  # |0.01x - 0.2x| / |0.2x|


def test_differences_beyond_the_doubles_keep_their_relative_size_and_mean():
    # At x = -1e308, x - (-x) = -2e308 is beyond the doubles (its absolute value rounds to inf),
    # but relative to max(|f|, |g|) it is 2, and the mean over x = -1e308, 0, 1e308 is 6.67e307
    # (both were inf); over 101 samples near 1e308 the sum of the differences overflows.
    result = actplot.diff("identity", ("leaky_relu", {"alpha": -1.0}), range=(-1e308, 1e308), num=3)
    assert (result.max_abs_diff, result.max_abs_diff_x) == (math.inf, -1e308)
    assert (result.max_rel_diff, result.max_rel_diff_x) == (2.0, -1e308)
    assert result.mean_abs_diff == pytest.approx(2 * (1e308 / 3), rel=1e-15)
    near = actplot.diff("identity", ("leaky_relu", {"alpha": 0.0}), range=(-1.7e308, -1e308), num=101)
    with mp.workdps(30):
        exact = mp.fsum(abs(mpf(float(v))) for v in np.linspace(-1.7e308, -1e308, 101)) / 101
    assert near.mean_abs_diff == pytest.approx(float(exact), rel=1e-14)
    assert near.max_rel_diff == 1.0


def test_a_side_that_overflows_is_relatively_its_limit_apart():
    # exponential(750) is inf in doubles, sigmoid(750) is 1: |f - g| is inf, and |f - g|/max(|f|, |g|)
    # was inf/inf, counted as an infinite relative difference; its limit is 1. Against -inf, 2. A
    # NaN side (outside a domain) stays an infinite difference; inf against inf is none.
    result = actplot.diff("exponential", "sigmoid", range=(700, 800), num=3)
    assert (result.max_abs_diff, result.max_abs_diff_x) == (math.inf, 750.0)
    assert (result.max_rel_diff, result.max_rel_diff_x) == (1.0, 700.0)  # 1 - 1e-304 rounds to 1
    x = np.arange(5.0)
    yf = np.array([math.inf, 1.0, math.inf, math.nan, math.inf])
    yg = np.array([2.0, -math.inf, -math.inf, math.inf, math.inf])
    side = actplot.compare.Side("f", "identity", {})
    found = actplot.compare.difference(side, side, x, yf, yg)
    assert (found.max_rel_diff, found.max_rel_diff_x) == (math.inf, 3.0)
    without_nan = actplot.compare.difference(side, side, x[[0, 1, 2, 4]], yf[[0, 1, 2, 4]], yg[[0, 1, 2, 4]])
    assert (without_nan.max_rel_diff, without_nan.max_rel_diff_x) == (2.0, 2.0)


def test_a_function_against_itself_differs_nowhere():
    result = actplot.diff("silu", "swish")
    assert (result.max_abs_diff, result.max_rel_diff, result.mean_abs_diff, result.max_ulp_diff) == (0, 0, 0, 0)
    assert result.max_abs_diff_x is result.max_rel_diff_x is result.max_ulp_diff_x is None


def test_ulp_difference_counts_the_doubles_between():
    # relu and a leaky relu of the smallest slope: alpha x is a few subnormals from -0 at x < 0.
    result = actplot.diff("relu", ("leaky_relu", {"alpha": 5e-324}), range=(-5, 0))
    assert (result.max_ulp_diff, result.max_ulp_diff_x) == (5.0, -5.0)


@pytest.mark.parametrize(
    "a, b, steps",
    [
        (1.0, 1.0, 0),
        (0.0, -0.0, 0),
        (1.0, float(np.nextafter(1.0, 2.0)), 1),
        (float(np.nextafter(1.0, 0.0)), float(np.nextafter(1.0, 2.0)), 2),  # across a binade
        (-5e-324, 5e-324, 2),  # across zero
        (-0.0, 5e-324, 1),
        (math.inf, 1.7976931348623157e308, 1),
        (math.inf, math.inf, 0),
        (math.nan, math.nan, 0),
        (math.nan, 1.0, math.inf),
        (2.0, 1.0, 2**52),
        (-1.0, 1.0, 2 * 0x3FF0000000000000),
    ],
)
def test_ulp_distance(a, b, steps):
    assert compare.ulp_distance(np.array([a]), np.array([b]))[0] == steps
    assert compare.ulp_distance(np.array([b]), np.array([a]))[0] == steps


def test_ulp_distance_agrees_with_stepping_through_the_doubles():
    rng = np.random.default_rng(12)
    start = rng.normal(size=200) * 10.0 ** rng.integers(-300, 300, 200)
    for k in (1, 7, 1000):
        end = start.copy()
        for _ in range(k):
            end = np.nextafter(end, np.inf)
        assert np.all(compare.ulp_distance(start, end) == k)


def float16_places(values) -> np.ndarray:
    """Each float16 value's place among the ordered float16 values, from its bit pattern."""
    bits = np.asarray(values, dtype=np.float64).astype(np.float16).view(np.int16).astype(np.int64)
    return np.where(bits < 0, -(bits & 0x7FFF), bits)


def test_diff_in_float16_compares_what_a_float16_model_holds():
    # Independently: x rounded to float16, each function's exact value (mpmath) rounded to float16.
    x = np.linspace(-5, 5, 101).astype(np.float16).astype(np.float64)
    f16 = reference.BINARY_FORMATS["float16"]
    with mp.workdps(40):
        yf = np.array([reference.round_exact(reference.gelu(mpf(v)), f16) for v in x])
        yg = np.array([reference.round_exact(reference.gelu(mpf(v), "tanh"), f16) for v in x])
    steps, gap = np.abs(float16_places(yf) - float16_places(yg)), np.abs(yf - yg)
    result = actplot.diff("gelu", ("gelu", {"approximate": "tanh"}), dtype="float16")
    assert (result.dtype, result.count) == ("float16", 101)
    assert result.max_ulp_diff == steps.max() > 0 and result.max_ulp_diff_x == x[np.argmax(steps)]
    assert result.max_abs_diff == gap.max() and result.max_abs_diff_x == x[np.argmax(gap)]
    assert result.mean_abs_diff == pytest.approx(gap.mean(), rel=1e-15)
    assert result.max_abs_diff_x == 2.30078125  # the float16 value nearest 2.3, where the model's input is


def test_diff_with_dtype_prints_positions_as_the_dtype_reads_them():
    result = run("diff", "gelu", "gelu@jax", "--dtype", "float16")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0].endswith(": 101 points from -5 to 5, float16")
    assert lines[1].startswith("largest absolute difference") and lines[1].endswith("at x = 2.3")
    assert lines[4].startswith("largest difference in float16 ulp")
    document = json.loads(run("diff", "gelu", "gelu@jax", "--dtype", "float16", "--format", "json").stdout)
    assert (document["dtype"], document["max_abs_diff_x"]) == ("float16", 2.3)


@pytest.mark.parametrize("dtype", ["float32", "bfloat16", "float8_e4m3fn", "float8_e5m2"])
def test_a_function_against_itself_differs_nowhere_in_any_dtype(dtype):
    result = actplot.diff("silu", "silu", dtype=dtype, num=1001)
    assert (result.max_abs_diff, result.max_ulp_diff, result.max_abs_diff_x) == (0.0, 0.0, None)


def test_in_bfloat16_two_gelus_are_a_few_ulp_apart_where_float64_counts_quadrillions():
    wide = actplot.diff("gelu", ("gelu", {"approximate": "tanh"}))
    narrow = actplot.diff("gelu", ("gelu", {"approximate": "tanh"}), dtype="bfloat16")
    assert wide.max_ulp_diff > 1e15 and 0 < narrow.max_ulp_diff < 1000


def test_diff_with_dtype_draws_the_values_of_the_dtype(tmp_path):
    out = tmp_path / "d.svg"
    result = run("diff", "sigmoid", "sigmoid@jax", "--dtype", "bfloat16", "--range", "3", "4", "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    assert "sigmoid in bfloat16" in out.read_text()


# --- the command line -----------------------------------------------------------------------------------


def test_diff_prints_each_figure_and_where():
    result = run("diff", "hard_sigmoid", "hard_sigmoid@keras2")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "f = hard_sigmoid (slope = 1/6), g = hard_sigmoid (slope = 0.2, --compat keras2): 101 points from -5 to 5, "
        "float64\n"
        "largest absolute difference        0.08333333333333337    at x = 2.5\n"
        "largest relative difference        1                      at x = -2.9\n"
        "mean absolute difference           0.02475247524752476\n"
        "largest difference in float64 ulp  4.590669220166326e+18  at x = -2.5\n"
    )


def test_diff_json_has_the_api_fields():
    result = run("diff", "gelu", "gelu:approximate=tanh", "--range", "-3", "3", "--num", "61", "--format", "json")
    document = json.loads(result.stdout)
    api = actplot.diff("gelu", ("gelu", {"approximate": "tanh"}), range=(-3, 3), num=61)
    assert document == json.loads(json.dumps(api, default=lambda o: o.__dict__))
    assert document["g"] == {
        "label": "gelu (approximate = tanh)",
        "function": "gelu",
        "params": {"approximate": "tanh"},
    }


def test_diff_compat_gives_both_sides_defaults_and_at_framework_one():
    both = json.loads(run("diff", "leaky_relu", "leaky_relu@keras2", "--compat", "keras", "--format", "json").stdout)
    assert (both["f"]["params"], both["g"]["params"]) == ({"alpha": 0.2}, {"alpha": 0.3})
    jax = json.loads(run("diff", "gelu", "gelu@jax", "--format", "json").stdout)
    assert jax["g"]["params"] == {"approximate": "tanh"} and jax["max_abs_diff_x"] == 2.7


def test_diff_identical_functions_say_no_where():
    result = run("diff", "relu", "relu", "--num", "5")
    assert result.stdout.splitlines()[1:] == [
        "largest absolute difference        0",
        "largest relative difference        0",
        "mean absolute difference           0",
        "largest difference in float64 ulp  0",
    ]


def test_plot_takes_a_framework_per_function_too(tmp_path):
    result = run("plot", "hard_sigmoid", "hard_sigmoid@keras2", "-o", str(tmp_path / "h.svg"))
    assert result.exit_code == 0
    assert "hard_sigmoid (slope = 0.2, --compat keras2)" in (tmp_path / "h.svg").read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (["softmax", "relu"], "Error: softmax is a vector function: 'actplot diff' takes functions of one number"),
        (["relu", "relu@pytorch"], "Error: 'relu@pytorch': no framework 'pytorch' (frameworks: torch, jax,"),
        (["leaky_relu:alpha=1@keras", "relu"], "Error: 'leaky_relu:alpha=1@keras': put @FRAMEWORK before the"),
        # the spelling meant, to copy; several @s one error, not one for each fix in turn
        (
            ["relu", "leaky_relu:alpha=1, @jax"],
            "Error: 'leaky_relu:alpha=1, @jax': put @FRAMEWORK before the parameters: 'leaky_relu@jax:alpha=1'",
        ),
        (["relu", "leaky_relu:alpha=1,@jaxx"], "Error: 'leaky_relu:alpha=1,@jaxx': no framework 'jaxx' (frameworks:"),
        # the framework is read to the next comma: these had "no framework 'jax,'" and "'jax,alpha=3'"
        (
            ["relu", "leaky_relu:alpha=1,@jax,"],
            "Error: 'leaky_relu:alpha=1,@jax,': put @FRAMEWORK before the parameters: 'leaky_relu@jax:alpha=1'",
        ),
        # the spelling meant is offered only where it runs; else its error, against what was typed
        (["relu", "leaky_relu:alpha=1@jax,alpha=3"], "Error: 'leaky_relu:alpha=1@jax,alpha=3': alpha is given twice"),
        (
            ["relu", "leaky_relu:alpha=abc@jax"],
            "Error: 'leaky_relu:alpha=abc@jax': alpha of leaky_relu: 'abc' is not a number",
        ),
        (
            ["relu", "relu:alpha=1@jax"],
            "Error: 'relu:alpha=1@jax': relu has no parameter 'alpha' (it has no parameters)",
        ),
        # what a name fixes: the framework kept in the spelling offered
        (
            ["relu", "gelu_new@jax:approximate=none"],
            "Error: 'gelu_new@jax:approximate=none': the name gelu_new fixes approximate = tanh: "
            "use gelu@jax:approximate=none",
        ),
        (
            ["relu", "leaky_relu:alpha=1@jax@keras"],
            "Error: 'leaky_relu:alpha=1@jax@keras': one @FRAMEWORK at most, not ",
        ),
        (
            ["relu", "leaky_relu@jax@keras"],
            "Error: 'leaky_relu@jax@keras': one @FRAMEWORK at most, not jax and keras (NAME@FRAMEWORK:PARAM=VALUE)",
        ),
        (["relu", "leaky_relu@@jax"], "Error: 'leaky_relu@@jax': one @FRAMEWORK at most (NAME@FRAMEWORK:PARAM=VALUE)"),
        (["relu", "reluu"], "Error: no activation named 'reluu'"),
        (["relu", "leaky_relu:beta=1"], "Error: 'leaky_relu:beta=1': leaky_relu has no parameter 'beta'"),
        (["relu", "relu", "--range", "3", "-3"], "Error: range is reversed: 3 > -3"),
        (["relu", "relu", "--num", "0"], "Error: the number of points must be at least 1, not 0"),
        (["relu", "relu", "--dtype", "float17"], "Error: Invalid value for '--dtype'"),
        (["relu", "relu", "--dtype", "float32:x"], "Error: Invalid value for '--dtype'"),
        (["relu"], "Error: Missing argument 'G'."),
        (["relu", "relu", "--title", "t"], "Error: --title shapes a plot: add -o FILE, --terminal or --show"),
    ],
)
def test_diff_usage_errors_are_one_line_exit_2(args, message):
    result = run("diff", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1].startswith(message), result.stderr


def test_diff_help_has_examples():
    result = run("diff", "--help")
    assert result.exit_code == 0 and "Examples:" in result.stdout


# --- the picture ----------------------------------------------------------------------------------------


def test_difference_chart_stacks_the_curves_over_their_difference():
    x = compare.sample((-5, 5))
    f, g = charts.Spec.resolve("gelu"), charts.Spec.resolve(("gelu", {"approximate": "tanh"}))
    stack = charts.difference_chart(f, g, x, title="t")
    curves, gap = stack.charts
    assert [s.label for s in curves.series] == [f"f = {f.label()}", f"g = {g.label()}"] and curves.title == "t"
    assert np.array_equal(gap.series[0].y, actplot.gelu(x) - actplot.gelu(x, approximate="tanh"))
    assert gap.ylabel == "f(x) - g(x)" and gap.xlim == curves.xlim
    assert gap.ylim[0] < -4.7e-4 < 2.3e-4 < gap.ylim[1] < 1e-3  # its own scale, not the curves'
    assert stack.heights[0] > stack.heights[1]


def _texts(svg: str) -> list[str]:
    """The texts of an SVG in the order drawn, white space removed (mathtext comes in pieces)."""
    root = ET.fromstring(svg)
    return ["".join("".join(t.itertext()).split()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def _axes(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("id", "").startswith("axes_")]


def test_diff_draws_two_panels_with_the_difference_on_its_own_scale(tmp_path):
    path = tmp_path / "d.svg"
    result = run("diff", "gelu", "gelu:approximate=tanh", "-o", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    svg = path.read_text()
    assert len(_axes(svg)) == 2
    # The curves' y ticks -1..4 and title, then the difference's panel: the shared x ticks, and its
    # own y ticks -4..2 in units of 10^-4 (the gap reaches -4.7e-4).
    texts = _texts(svg)
    title = texts.index("gelu(approximate=none)vsgelu(approximate=tanh)")
    assert texts[:title] == ["\u22121", "0", "1", "2", "3", "4", "f(x),g(x)"]
    # the legend names the curves as the text report does
    assert texts[title + 1 :][:2] == ["f=gelu(approximate=none)", "g=gelu(approximate=tanh)"]
    below = texts[texts.index("x") + 1 :]
    assert below == ["\u22124", "\u22122", "0", "2", "f(x)-g(x)", "\u00d710\u22124"]


def test_the_curves_panel_names_its_unit_where_the_values_reach_the_doubles_end():
    # exponential against softplus at 700..720 reaches 1.65e308: the curves were drawn in units
    # of 10^308 under the plain label 'f(x), g(x)', reading as if exp(709.8) were 1.65.
    x = compare.sample((700, 720))
    curves, gap = charts.difference_chart(charts.Spec.resolve("exponential"), charts.Spec.resolve("softplus"), x).charts
    assert (curves.yunit, curves.ylabel) == (308, "f(x), g(x) (×10³⁰⁸)")
    assert gap.ylabel == "f(x) - g(x) (×10³⁰⁸)"


def test_what_is_not_drawn_is_said_under_the_lowest_axis_clear_of_both_panels():
    # The note stood under the curves' hidden x axis, behind the difference's panel.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from actplot import plotting

    x = compare.sample((700, 720))
    stack = charts.difference_chart(charts.Spec.resolve("exponential"), charts.Spec.resolve("softplus"), x)
    assert stack.charts[-1].note == "not drawn (not finite): exponential at 103 of 201 samples"
    fig = plotting.figure(stack)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    note = next(t for t in fig.findobj(Text) if "not drawn" in t.get_text()).get_window_extent(renderer)
    lowest = fig.axes[-1]
    ticks = min(label.get_window_extent(renderer).y0 for label in lowest.get_xticklabels() if label.get_text())
    assert 0 <= note.y0 and note.y1 < ticks


def test_a_difference_beyond_the_doubles_is_said_not_drawn():
    # identity against leaky_relu with alpha -1: f - g = 2x, -3.4e308 at -1.7e308, which no double holds.
    x = compare.sample((-1.7e308, 0), num=5)
    spec = charts.Spec.resolve(("leaky_relu", {"alpha": -1.0}))
    gap = charts.difference_chart(charts.Spec.resolve("identity"), spec, x).charts[-1]
    assert gap.note == "not drawn (beyond the doubles): (f-g)(−1.7e+308) = −inf, (f-g)(−1.275e+308) = −inf"


def test_diff_png_is_written(tmp_path):
    path = tmp_path / "d.png"
    assert run("diff", "silu", "gelu", "-o", str(path)).exit_code == 0
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_diff_in_the_terminal_draws_both_panels_in_the_rows_asked():
    result = run("diff", "silu", "gelu", "--terminal", "--size", "80", "30")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert len(lines) == 30 and max(map(len, lines)) <= 80
    assert "silu vs gelu" in lines[0]
    assert lines[-1].startswith("f(x) - g(x)")


def test_the_terminal_says_what_is_not_drawn_under_both_panels():
    # 500..1000 is beyond float8_e4m3fn's 448: every x it holds is NaN. At 60 x 20 the note had no
    # room within the lowest panel's 8 rows, and two empty frames were drawn without a word.
    args = ["sigmoid", "tanh", "--dtype", "float8_e4m3fn", "--range", "500", "1000", "--num", "3"]
    result = run("diff", *args, "--terminal", "--size", "60", "19")
    lines = result.stdout.splitlines()
    assert (result.exit_code, len(lines)) == (0, 19)
    assert lines[-3].startswith("f(x) - g(x)") and lines[-2].startswith("not drawn")
    # what does not fit is marked cut, not cut mid-phrase ("..., tanh(nan) =")
    assert lines[-1].endswith(" \u2026") and max(map(len, lines)) <= 60
    lines = run("diff", *args, "--terminal", "--size", "60", "20").stdout.splitlines()
    assert " ".join(lines[-3:]).endswith("tanh(nan) = nan (3 samples)")


@pytest.mark.parametrize(
    "dtype, held, count", [("float8_e4m3fn", "NaN (float8_e4m3fn has no infinity)", 10), ("float8_e5m2", "±inf", 4)]
)
def test_figures_over_samples_beyond_the_dtype_are_refused(dtype, held, count):
    # relu against leaky_relu over 500..1000 in float8_e4m3fn: every sample NaN, printed as
    # "largest absolute difference 0" (NaN against NaN), and "start": null in JSON; in
    # float8_e5m2 the samples were -inf, printed "at x = -inf" and null in JSON
    largest = {"float8_e4m3fn": "448", "float8_e5m2": "57344"}[dtype]
    result = run("diff", "relu", "leaky_relu", "--range", "-1e5", "1e5", "--num", "11", "--dtype", dtype)
    message = (
        f"Error: {count} of 11 samples are beyond {dtype}'s largest value {largest}, where it holds {held}: "
        f"compare over a range within ±{largest}"
    )
    assert (result.exit_code, result.stdout) == (2, "") and result.stderr.splitlines()[-1] == message
    with pytest.raises(ValueError, match=re.escape(message.removeprefix("Error: "))):
        actplot.diff("relu", "leaky_relu", range=(-1e5, 1e5), num=11, dtype=dtype)


def test_a_side_beyond_float8_e4m3fn_is_said_to_be_nan_there():
    # exponential against relu over 0..10: 'largest absolute difference inf at x = 6.5' with no word
    # of why: exp(6.5) = 665 is beyond float8_e4m3fn's 448, NaN there (it has no infinity)
    result = run("diff", "exponential", "relu", "--range", "0", "10", "--dtype", "float8_e4m3fn")
    note = (
        "exponential is beyond float8_e4m3fn's largest value 448 at 38 of 101 points (the first at x = 6.5), "
        "where it is NaN (float8_e4m3fn has no infinity)"
    )
    assert (result.exit_code, result.stderr) == (0, f"actplot: {note}\n")
    assert "largest absolute difference              inf  at x = 6.5" in result.stdout
    document = json.loads(
        run("diff", "exponential", "relu", "--range", "0", "10", "--dtype", "float8_e4m3fn", "--format", "json").stdout
    )
    assert document["notes"] == [note]
    # a NaN outside a function's domain is not one
    assert actplot.diff("relu", "relu", dtype="float8_e4m3fn").notes == ()


def test_a_gated_unit_is_compared_along_the_slice_its_plots_draw():
    # geglu(1, x) = gelu(x): the same figures as gelu against its tanh form, labelled with the slice.
    gated = run("diff", "geglu", "geglu:approximate=tanh", "--dtype", "bfloat16", "--format", "json")
    plain = run("diff", "gelu", "gelu:approximate=tanh", "--dtype", "bfloat16", "--format", "json")
    assert (gated.exit_code, gated.stderr) == (0, "")
    document, reference_document = json.loads(gated.stdout), json.loads(plain.stdout)
    assert document["f"]["label"] == "geglu along a = 1, b = x (gate = second, approximate = none)"
    figures = [k for k in document if k.startswith(("max_", "mean_"))]
    assert [document[k] for k in figures] == [reference_document[k] for k in figures] and len(figures) == 7


def test_check_refuses_a_gated_unit_naming_what_to_use():
    result = run("check", "swiglu")
    assert result.exit_code == 2
    assert (
        "Error: swiglu is a function of two numbers a, b and 'actplot check' reads x y pairs of a function of one: "
        "check its gate on x y pairs ('actplot check silu'), or compare with actplot's float64 values (within a few"
        " ulp of the exact ones; correctly rounded with --dtype) of "
        "'actplot swiglu' on your a b rows"
    ) in " ".join(result.stderr.split())
    assert compare.refusal(actplot.get("swiglu"), "diff") is None


@pytest.mark.parametrize("size", [("24", "8"), ("80", "15"), ("80", "16"), ("80", "40"), ("200", "100")])
def test_diff_in_a_terminal_of_any_size_fills_its_rows(size):
    result = run("diff", "relu", "gelu", "--terminal", "--size", *size)
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert len(lines) == int(size[1]) and ("relu vs gelu" in lines[0] or size[0] == "24")  # a title that fits
    # both panels from 16 rows (8 each at least), the difference alone below that
    assert sum("f(x) - g(x)" in line for line in lines) == 1
    assert sum(line.startswith("f(x), g(x)") for line in lines) == (int(size[1]) >= 16)


@pytest.mark.parametrize(("columns", "rows", "both"), [("24", "16", False), ("24", "17", True), ("30", "17", True)])
def test_a_narrow_terminal_draws_both_panels_where_the_legend_leaves_room(columns, rows, both):
    # At 24 columns the curves' legend takes 2 rows: 16 rows gave each panel 8, and a usage error
    # asked for '9 or more' rows though 16 were given. The difference alone there, as below 16.
    result = run("diff", "gelu", "silu", "--terminal", "--size", columns, rows)
    lines = result.stdout.splitlines()
    assert (result.exit_code, result.stderr, len(lines)) == (0, "", int(rows))
    assert sum(line.startswith("f(x), g(x)") for line in lines) == both
    assert lines[-1].startswith("f(x) - g(x)")


def test_diff_in_a_terminal_too_small_is_a_usage_error():
    result = run("diff", "relu", "gelu", "--terminal", "--size", "80", "2")
    assert result.exit_code == 2 and "Error: Invalid value for '--size'" in result.stderr


@pytest.mark.parametrize(
    ("sampling", "head"),
    [
        (["--num", "1"], "1 point, x = -5, float64"),
        (["--range", "-3", "4", "--step", "20"], "1 point, x = -3, float64"),
        (["--num", "2"], "2 points from -5 to 5, float64"),
        (["--range", "-1", "1", "--step", "0.5"], "5 points from -1 to 1, float64"),
    ],
)
def test_the_header_says_how_many_points_and_a_single_one_is_the_start(sampling, head):
    result = run("diff", "gelu", "gelu:approximate=tanh", *sampling)
    assert result.exit_code == 0
    assert result.output.splitlines()[0].endswith(f": {head}")
    if head.startswith("1 point"):  # the start alone: every 'at x =' is it
        start = head.split("x = ")[1].split(",")[0]
        assert {line.split("at x = ")[1].strip() for line in result.output.splitlines() if "at x" in line} == {start}


@pytest.mark.parametrize(
    "pair",
    [
        ("gelu", "gelu:approximate=tanh"),  # 94 columns
        ("hard_sigmoid", "hard_sigmoid@keras2"),
        ("leaky_relu:alpha=0.30000000000000004", "xielu:alpha_p=0.8000000000000002,alpha_n=0.8000000000000002"),
    ],
)
@pytest.mark.parametrize("columns", [40, 80])
def test_the_header_fits_the_terminal_and_says_all_it_says_on_one_line(pair, columns):
    wide = run("diff", *pair, "--num", "11")
    narrow = run("diff", *pair, "--num", "11", columns=columns)
    assert (wide.exit_code, narrow.exit_code) == (0, 0)
    head, *figures = narrow.stdout.split("\nlargest absolute")
    assert len(wide.stdout.split("\n")[0]) > columns  # the case: a header wider than the terminal
    assert max(map(len, head.splitlines())) <= columns
    assert any(line.startswith("g = ") for line in head.splitlines()[1:])  # f and g a line each
    assert " ".join(head.split()) == " ".join(wide.stdout.split("\n")[0].split())
    assert " ".join(figures).split() == " ".join(wide.stdout.split("\nlargest absolute")[1:]).split()


@pytest.mark.parametrize("num", ["0", "-1"])
def test_no_points_is_a_usage_error(num):
    result = CliRunner().invoke(cli, ["diff", "gelu", "gelu:approximate=tanh", "--num", num])
    assert result.exit_code == 2 and "at least 1" in result.output


@pytest.mark.parametrize(
    "sampling, shown",
    [({"range": (-1e308, 1e308)}, "about 10^309"), ({"num": 10**9}, "1,000,000,000"), ({"step": 1e-7}, "100,000,001")],
)
def test_the_api_refuses_more_points_than_the_command_line_before_sampling(sampling, shown):
    # actplot.diff("relu", "gelu", range=(-1e308, 1e308)) sampled 10^309 points at the default step
    # (it never returned), and num=10**9 allocated until the process was killed; the command line
    # refuses both, as actplot.plot does.
    with pytest.raises(ValueError, match=re.escape(f"a comparison of {shown} points is more than 10^7")):
        actplot.diff("relu", "gelu", **sampling)


@pytest.mark.parametrize("entry", ["diff", "plot"])
@pytest.mark.parametrize(
    "sampling, message",
    [
        ({"range": (0, 0.05)}, "would be the one point 0: give a step or a number of points (step=, num=)"),
        ({"range": (0, 1), "step": 1e-300}, "the points would repeat (a step of at least that, or num=)"),
    ],
)
def test_the_api_names_its_own_keywords_for_a_range_it_cannot_sample(entry, sampling, message):
    # actplot.plot("sigmoid", range=(0, 0.05)) was told to give '--step, --num', options it has not
    call = {"diff": lambda: actplot.diff("relu", "gelu", **sampling), "plot": lambda: actplot.plot("relu", **sampling)}
    with pytest.raises(inputs.RangeError) as caught:
        call[entry]()
    assert str(caught.value).endswith(message) and "--" not in str(caught.value)
    result = run("diff", "relu", "gelu", "--range", "0", "0.05")  # the command line keeps its options
    assert result.stderr.splitlines()[-1].endswith("(--step, --num)")


@pytest.mark.parametrize("drawing, what", [([], "a comparison"), (["--terminal"], "a plot")])
def test_the_command_line_names_what_would_have_too_many_points(drawing, what):
    # diff's printed comparison said "a plot of about 10^309 points" though it drew none
    result = run("diff", "relu", "gelu", "--range", "-1e308", "1e308", *drawing)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        f"Error: {what} of about 10^309 points is more than 10^7; use --num 1000 (or a larger --step)"
    )


@pytest.mark.parametrize("num", [np.int64(3), np.int8(3), np.uint16(3)])
def test_numpy_integers_count_points_as_python_ones(num):
    # actplot.diff("relu", "gelu", num=np.int64(3)) raised AttributeError: 'numpy.int64' object
    # has no attribute 'bit_length' (actplot.plot too)
    assert actplot.diff("relu", "gelu", num=num).count == 3
    assert actplot.plot("relu", num=num).axes[0].lines[0].get_xdata().size == 3


@pytest.mark.parametrize("num", [3.0, 3.5, True, "3"])
def test_a_number_of_points_that_is_not_a_whole_number_is_refused_by_name(num):
    # num=True drew one point; num=3.0: "'float' object cannot be interpreted as an integer"
    with pytest.raises(TypeError, match=re.escape(f"the number of points must be a whole number, not {num!r}")):
        actplot.diff("relu", "gelu", num=num)


@pytest.mark.parametrize(
    "spelling, in_diff, in_plot",
    [
        ("gelu@jax", "('gelu', {}, 'jax')", "('gelu', {}, 'jax')"),
        ("leaky_relu:alpha=0.2", "('leaky_relu', {'alpha': 0.2})", "('leaky_relu', {'alpha': 0.2})"),
        (
            "gelu@jax:approximate=none",
            "('gelu', {'approximate': 'none'}, 'jax')",
            "('gelu', {'approximate': 'none'}, 'jax')",
        ),
        # a number as the double the command line reads: the minus sign and full-width digits
        # pasted from a document were hinted '−0.2' (a str) and ０.２ (a SyntaxError); a fraction
        ("leaky_relu:alpha=\u22120.2", "('leaky_relu', {'alpha': -0.2})", "('leaky_relu', {'alpha': -0.2})"),
        ("elu:alpha=\uff10.\uff12", "('elu', {'alpha': 0.2})", "('elu', {'alpha': 0.2})"),
        ("elu:alpha=1/3", "('elu', {'alpha': 0.3333333333333333})", "('elu', {'alpha': 0.3333333333333333})"),
        # the framework in the API's case
        ("gelu@JAX", "('gelu', {}, 'jax')", "('gelu', {}, 'jax')"),
        # a parameter and a choice as the function takes them
        ("gelu:APPROXIMATE=Tanh", "('gelu', {'approximate': 'tanh'})", "('gelu', {'approximate': 'tanh'})"),
    ],
)
def test_the_api_says_the_python_spelling_of_a_command_line_one(spelling, in_diff, in_plot):
    # actplot.diff("gelu", "gelu@jax") said only "no activation named 'gelu@jax'; did you mean gelu or
    # geglu?"; actplot.plot was offered diff's triple, which it refuses
    with pytest.raises(KeyError, match=re.escape(f"{spelling!r} is the command line's spelling: in Python, {in_diff}")):
        actplot.diff("gelu", spelling)
    with pytest.raises(KeyError, match=re.escape(f"{spelling!r} is the command line's spelling: in Python, {in_plot}")):
        actplot.plot(spelling)
    with pytest.raises(KeyError, match="no activation named 'gleu'; did you mean"):
        actplot.diff("gelu", "gleu@jax")


@pytest.mark.parametrize(
    "spelling, error",
    [
        # refused as the command line refuses them: 1e400 was hinted float('1e400'), which the API
        # refuses as inf; 1_0 was hinted 1_0 (10 in Python) and 0x10 a str
        ("leaky_relu:alpha=1e400", "alpha: '1e400' lies beyond the largest double, 1.7976931348623157e+308"),
        ("leaky_relu:alpha=inf", "alpha: 'inf' is not a finite number"),
        ("elu:alpha=-NaN", "alpha: '-NaN' is not a finite number"),
        ("leaky_relu:alpha=1_0", "alpha: '1_0' is not a number"),
        ("leaky_relu:alpha=0x10", "alpha: '0x10' is not a number"),
        # below the doubles: it was alpha = 0, relu, without a word
        ("leaky_relu:alpha=1e-400", "alpha: '1e-400' lies below the smallest double, 5e-324: give 0 for zero"),
        ("gelu:approximate=erf", "approximate is one of none, tanh, not 'erf'"),
    ],
)
def test_a_spelling_whose_value_the_command_line_refuses_is_refused_not_hinted(spelling, error):
    for entry in (
        lambda: actplot.plot(spelling),
        lambda: actplot.diff("relu", spelling),
        lambda: actplot.stats(spelling),
    ):
        with pytest.raises(KeyError) as e:
            entry()
        assert e.value.args[0] == f"{spelling!r}: {error}"
    # and the command line says the same of the value
    result = CliRunner().invoke(cli, ["plot", spelling, "--terminal"], prog_name="actplot")
    assert result.exit_code == 2 and spelling.partition("=")[2] in result.stderr


def test_what_the_plot_hint_says_runs_and_sets_that_function_s_framework_only():
    # the hint was "('hard_sigmoid', {}) ... 'gelu' with actplot.plot(..., compat='keras2')": pasted,
    # hard_sigmoid became Keras 2's too; and plot(['gelu@jax', 'gelu@torch']) had no Python form
    with pytest.raises(KeyError) as e:
        actplot.plot(["hard_sigmoid", "leaky_relu:alpha=0.2@jax"])
    function = e.value.args[0].partition("in Python, ")[2]
    assert function == "('leaky_relu', {'alpha': 0.2}, 'jax')"
    fig = actplot.plot(["hard_sigmoid", eval(function)])
    # (the framework said: its leaky_relu'(0) is 1, PyTorch's the slope); hard_sigmoid PyTorch's
    assert fig.axes[0].get_legend_handles_labels()[1] == [
        "hard_sigmoid (slope = 1/6)",
        "leaky_relu (\u03b1 = 0.2, --compat jax)",
    ]
    both = actplot.plot([("gelu", {}, "jax"), ("gelu", {}, "torch")])
    assert both.axes[0].get_legend_handles_labels()[1] == [
        "gelu (approximate = tanh, --compat jax)",
        "gelu (approximate = none)",
    ]


def test_the_function_errors_name_the_triple():
    with pytest.raises(TypeError, match=re.escape("pair or a (name, {parameter: value}, compat) triple, not ('relu',")):
        actplot.diff(("relu", {}, "jax", 1), "gelu")
    with pytest.raises(TypeError, match="triple"):
        actplot.plot(("relu", {}, "jax", 1))


@pytest.mark.parametrize(
    "spelling, meant",
    [
        ("gelu@jax:approximate=none", ("gelu", "jax", {"approximate": "none"})),
        ("leaky_relu: alpha = 0.2,", ("leaky_relu", "torch", {"alpha": 0.2})),
        ("hard_sigmoid@keras2", ("hard_sigmoid", "keras2", {})),
        ("gelu @ JAX", ("gelu", "jax", {})),
        # a misplaced @FRAMEWORK, read to the next comma: it was a value, alpha='0.2@jax'
        ("leaky_relu:alpha=0.2@jax", ("leaky_relu", "jax", {"alpha": 0.2})),
        ("leaky_relu:alpha=0.2,@jax,", ("leaky_relu", "jax", {"alpha": 0.2})),
    ],
)
def test_the_questions_say_the_python_spelling_of_a_command_line_one_and_it_runs(spelling, meant):
    # actplot.stats("gelu@jax"), actplot.check and actplot.limits said only "no activation named
    # 'gelu@jax'; did you mean gelu or geglu?" (diff's and plot's hint was theirs alone); the hint,
    # pasted, asks the same question
    name, compat, params = meant
    x, y = [1.0, 2.0], [0.84, 1.95]
    asked = {
        "stats": (lambda f: actplot.stats(f), actplot.stats(name, compat=compat, **params)),
        "check": (lambda f: actplot.check(f, x, y), actplot.check(name, x, y, compat=compat, **params)),
        "limits": (
            lambda f: actplot.limits(f),
            actplot.limits(name, {**actplot.get(name).defaults(compat), **params}, compat=compat),
        ),
    }
    for entry, (ask, expected) in asked.items():
        with pytest.raises(KeyError, match=re.escape(f"{spelling!r} is the command line's spelling: in Python, ")) as e:
            ask(spelling)
        python = e.value.args[0].partition("in Python, ")[2]
        assert python.startswith(f"actplot.{entry}({name!r}")
        assert eval(python, {"actplot": actplot, "x": x, "y": y}) == expected, python


@pytest.mark.parametrize(
    "spelling, error",
    [
        # each was offered as Python that fails in turn: **{'': 1}, a duplicate key, beta=1 (a
        # TypeError), compat='' (a ValueError), Alpha=1, and gelu_new with the approximate it fixes
        ("leaky_relu:=1", "a parameter's name is missing before '=' (NAME:PARAM=VALUE)"),
        ("elu:alpha=1,alpha=2", "alpha is given twice"),
        ("leaky_relu:beta=1", "leaky_relu has no parameter 'beta' (parameters: alpha)"),
        ("leaky_relu:alpha", "alpha needs a value: leaky_relu:alpha=VALUE"),
        ("leaky_relu@", "a framework's name is missing after '@' (frameworks: torch, jax, keras, keras2, tf, onnx)"),
        ("leaky_relu@jaxx", "no framework 'jaxx' (frameworks: torch, jax, keras, keras2, tf, onnx)"),
    ],
)
def test_a_command_line_spelling_that_is_wrong_is_answered_with_what_is_wrong(spelling, error):
    for ask in (actplot.stats, actplot.limits, lambda f: actplot.check(f, [1.0], [1.0]), actplot.plot):
        with pytest.raises(KeyError) as e:
            ask(spelling)
        assert e.value.args[0] == f"{spelling!r}: {error}"


@pytest.mark.parametrize(
    "spelling, python",
    [
        ("leaky_relu:Alpha=0.2", "actplot.stats('leaky_relu', alpha=0.2)"),
        ("leaky_relu:ALPHA=0.2@Jax", "actplot.stats('leaky_relu', compat='jax', alpha=0.2)"),
        ("gelu_new:approximate=none", "actplot.stats('gelu', approximate='none')"),
        ("gelu_new@jax:approximate=none", "actplot.stats('gelu', compat='jax', approximate='none')"),
    ],
)
def test_the_python_spelling_is_python_that_runs(spelling, python):
    with pytest.raises(KeyError) as e:
        actplot.stats(spelling)
    assert e.value.args[0].partition("in Python, ")[2] == python
    eval(python, {"actplot": actplot})


def test_limits_of_what_is_not_a_function_is_a_type_error():
    # actplot.limits(1) raised AttributeError: 'int' object has no attribute 'params'
    with pytest.raises(TypeError, match="a function name is a string, not int 1"):
        actplot.limits(1)


@pytest.mark.parametrize("name", ["gelu_new", "gelu_pytorch_tanh"])
def test_a_name_that_fixes_a_parameter_is_compared_with_it(name):
    # gelu_new's approximate = tanh was lost: labelled "gelu (approximate = tanh)", it was
    # compared as the exact gelu, 4.7e-4 from the tanh form it is.
    same = actplot.diff(name, ("gelu", {"approximate": "tanh"}))
    assert same.max_abs_diff == 0.0 and same.max_abs_diff_x is None
    assert same.f.params == {"approximate": "tanh"}
    with mp.workdps(30):
        x = np.linspace(-5, 5, 101)
        gap = max(abs(gelu_gap(mpf(float(v)))) for v in x)
    apart = actplot.diff(name, "gelu")
    # each value within 4 ulp of gelu(2.7) = 2.69: the difference within 8 of them
    assert abs(apart.max_abs_diff - float(gap)) <= 8 * math.ulp(2.7)


@pytest.mark.parametrize("drawing", [["-o", "d.png"], ["--terminal"]])
def test_format_with_a_picture_is_a_usage_error_as_on_the_function_commands(drawing, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["diff", "gelu", "gelu:approximate=tanh", *drawing, "--format", "json"])
    assert result.exit_code == 2
    assert "--format shapes printed text, not a plot" in result.output
    assert not (tmp_path / "d.png").exists()


def test_a_framework_is_named_in_any_case_as_functions_are():
    # 'gelu@JAX' and '--compat JAX' were refused, while 'GELU' and 'LogSoftmax' resolve
    upper = run("diff", "GELU@JAX", "gelu@jax", "--format", "json")
    assert upper.exit_code == 0, upper.output
    assert json.loads(upper.stdout)["max_abs_diff"] == 0
    assert run("gelu", "--compat", "JAX", "1").stdout == run("gelu", "--compat", "jax", "1").stdout


def test_a_parameter_without_a_name_says_so():
    result = CliRunner().invoke(cli, ["diff", "gelu:=tanh", "gelu"])
    assert result.exit_code == 2
    assert "'gelu:=tanh': a parameter's name is missing before '='" in result.output


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.floats(0, 1.7e308), min_size=1, max_size=200)
    | st.lists(st.floats(0, 1e-300), min_size=1, max_size=50)
    | st.lists(st.floats(1e-3, 1e3), min_size=1, max_size=2000)
)
def test_the_mean_difference_is_the_exact_mean_rounded(values):
    # numpy's pairwise mean changed in its last digits between numpy versions (the README's example)
    exact = sum(Fraction(v) for v in values) / len(values)
    mean = compare._mean(np.array(values))
    assert abs(Fraction(mean) - exact) <= Fraction(math.ulp(float(exact))) * (1 + Fraction(1, 2**50)) / 2


@pytest.mark.parametrize("dtype, largest", [("float16", 65504.0), ("bfloat16", 3.3895e38), ("float8_e5m2", 57344.0)])
@pytest.mark.parametrize("output", [["--terminal", "--size", "60", "20"], ["-o", "diff.svg"]])
def test_a_picture_past_the_dtypes_largest_value_warns_of_nothing(dtype, largest, output, tmp_path, monkeypatch):
    # relu vs gelu in float16 over 6e4..7e4: the samples past 65504 are +inf in float16, and np.diff
    # of them printed numpy's "RuntimeWarning: invalid value encountered in subtract" on stderr
    monkeypatch.chdir(tmp_path)
    ends = [repr(0.9 * largest), repr(1.1 * largest)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for f, g in (("relu", "gelu"), ("hardshrink", "threshold:threshold=1,value=0")):
            result = run("diff", f, g, "--dtype", dtype, "--range", *ends, "--num", "101", *output)
            assert (result.exit_code, result.stderr) == (0, ""), result.stderr
            drawn = result.stdout if output[0] == "--terminal" else (tmp_path / "diff.svg").read_text()
            # the note names where the dtype's values end (the terminal wraps it at its width)
            assert f"not drawn (not finite in {dtype}, whose largest value is " in " ".join(drawn.split())


def test_a_dtypes_picture_says_where_its_values_end():
    # "not drawn (not finite): exponential at 38 of 101 samples" did not say float8_e4m3fn ends at 448
    x = compare.sample((0.0, 10.0))
    f, g = (charts.Spec.resolve((name, {"dtype": "float8_e4m3fn"})) for name in ("exponential", "relu"))
    stack = charts.difference_chart(f, g, x)
    assert stack.charts[-1].note == (
        "not drawn (not finite in float8_e4m3fn, whose largest value is 448): exponential at 38 of 101 samples"
    )
    # e^x rounds past 448 from 464 (half way to 480, the next step, which e4m3fn spends on NaN), of
    # x as the dtype holds it (ml_dtypes rounds it: 6.2 is 6 there)
    held = x.astype(ml_dtypes.float8_e4m3fn).astype(np.float64)
    assert np.count_nonzero(np.exp(held) >= 464) == 38
    chart = charts.function_chart(charts.Spec.resolve(("exponential", {"dtype": "float16"})), compare.sample((0, 20)))
    assert (
        chart.note
        == "not drawn (not finite in float16, whose largest value is 65504): exponential at 90 of 201 samples"
    )


def test_a_dtype_is_not_blamed_for_a_nan_input():
    # exp(nan) = nan is not drawn whatever the dtype: 'actplot exp nan 1 --dtype float16' said
    # "not drawn (not finite in float16, whose largest value is 65504): exponential(nan) = nan"
    x = np.array([math.nan, 1.0])
    spec = charts.Spec.resolve(("exponential", {"dtype": "float16"}))
    note = "not drawn (not finite): exponential(nan) = nan"
    assert charts.function_chart(spec, x).note == note
    assert charts.comparison_chart([spec, spec], x).note.startswith(note)
    result = run("exponential", "nan", "12", "--dtype", "float16", "--terminal", "--size", "80", "24")
    assert "not drawn (not finite in float16, whose largest value is 65504): exponential(nan) = nan" in " ".join(
        result.stdout.split()
    )


@pytest.mark.parametrize("columns", [68, 60, 56, 40, 30, 25])
def test_the_figures_fit_the_terminal_each_whole(columns):
    # the figures stayed 69 columns wide for gelu against its tanh form at COLUMNS=60 (the header alone fit);
    # at 25 a value under its label kept its 4 spaces: '    0.00015856573088937707', 26 columns
    wide = run("diff", "gelu", "gelu:approximate=tanh")
    narrow = run("diff", "gelu", "gelu:approximate=tanh", columns=columns)
    assert (wide.exit_code, narrow.exit_code) == (0, 0)
    assert max(map(len, wide.stdout.splitlines())) > columns  # the case
    assert max(map(len, narrow.stdout.splitlines())) <= columns
    assert narrow.stdout.split() == wide.stdout.split()  # every word, whole and in order


@pytest.mark.parametrize("spelling", ["leaky_relu@jax@keras", "leaky_relu:alpha=0.2@jax@keras"])
def test_several_frameworks_are_one_error_in_python_too(spelling):
    # actplot.stats('leaky_relu@jax@keras') was told to write compat='jax@keras'
    message = f"{spelling!r}: one @FRAMEWORK at most, not jax and keras (NAME@FRAMEWORK:PARAM=VALUE)"
    for ask in (actplot.stats, actplot.limits, lambda f: actplot.check(f, [1.0], [1.0]), actplot.plot):
        with pytest.raises(KeyError, match=re.escape(message)):
            ask(spelling)


@pytest.mark.parametrize(
    "kwargs, points",
    [
        # a Fraction is read exactly: the double nearest 1/3 was the step, and 3 of it 0.9999999999999999
        ({"range": (0, 1), "step": Fraction(1, 3)}, [0.0, 1 / 3, 2 / 3, 1.0]),
        # a float by its shortest repr, as the command line reads --step 0.3333333333333333
        ({"range": (0, 1), "step": 1 / 3}, [0.0, 1 / 3, 2 / 3, 0.9999999999999999]),
        ({"range": ("0", "1/3"), "num": 3}, [0.0, 1 / 6, 1 / 3]),
        # an int exactly, and beyond the doubles refused as a range is (it was an OverflowError)
        ({"range": (-2, 2), "step": 2}, [-2.0, 0.0, 2.0]),
        ({"range": (Decimal("0.1"), 1), "step": Decimal("0.3")}, [0.1, 0.4, 0.7, 1.0]),
        ({"range": (np.float32(0.5), 1), "step": np.float16(0.25)}, [0.5, 0.75, 1.0]),
    ],
)
def test_a_python_range_takes_ints_fractions_and_decimals_as_they_are(kwargs, points):
    d = actplot.diff("sigmoid", "tanh", **kwargs)
    assert (d.start, d.stop, d.count) == (points[0], points[-1], len(points))
    (line,) = [line for line in actplot.plot("sigmoid", **kwargs).axes[0].lines if line.get_label() == "sigmoid"]
    assert line.get_xdata().tolist() == points


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        # 10**400 is finite, beyond the doubles ('not finite', quoted whole); 10**5000 was Python's
        # int-to-str limit; a Fraction of 8000 digits was said to be a text too long
        (
            {"range": (0, 10**400)},
            ValueError,
            "stop 1.0000000000000000e+400 lies beyond the largest double, 1.7976931348623157e+308",
        ),
        (
            {"range": (-(10**5000), 0)},
            ValueError,
            "start -1.0000000000000000e+5000 lies beyond the largest double, 1.7976931348623157e+308",
        ),
        (
            {"range": (Fraction(10**4000 + 1, 10**4000), 2)},
            ValueError,
            "start is a Fraction whose numerator and denominator are more than 4096 digits together: round it first",
        ),
        ({"range": (0, 1), "step": Fraction(1, 10**5000)}, ValueError, "step is a Fraction whose numerator"),
        ({"range": (0, 1, 2)}, TypeError, "a range is two numbers, start and stop, not (0, 1, 2)"),
        ({"range": 5}, TypeError, "a range is two numbers, start and stop, not 5"),
        ({"range": (None, 1)}, TypeError, "start must be a number, not None"),
        ({"range": (0, 1j)}, TypeError, "stop must be a number, not 1j"),
        ({"range": (0, 1), "step": True}, TypeError, "step must be a number, not True"),
        ({"range": (0, 1), "step": Fraction(1, 10**400)}, ValueError, "finer than the doubles"),
    ],
)
def test_a_python_range_that_is_not_two_numbers_says_so(kwargs, error, message):
    for call in (lambda: actplot.diff("sigmoid", "tanh", **kwargs), lambda: actplot.plot("sigmoid", **kwargs)):
        with pytest.raises(error) as caught:
            call()
        assert message in str(caught.value)
