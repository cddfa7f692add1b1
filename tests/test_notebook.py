"""Plots from Python: ``actplot.plot`` and ``actplot.sheet`` return matplotlib Figures, drawn by
the same code as the command line (the same bytes), shown inline in Jupyter (``_repr_png_``)."""

import json
import re
import subprocess
import sys

import numpy as np
import pytest
from matplotlib.figure import Figure
from test_plotting import _png_size, assert_whole_file, bar_labels, formula_of, run, series, title_of

import actplot
from actplot.functions import ParameterError


def test_plot_returns_a_figure_of_the_function_and_its_derivative():
    fig = actplot.plot("sigmoid", range=(-5, 5), derivative=True)
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    function, derivative = series(ax)
    x = np.array([float(f"{i / 10:g}") for i in range(-50, 51)])
    np.testing.assert_array_equal(function.get_xdata(), x)
    np.testing.assert_array_equal(function.get_ydata(), actplot.sigmoid(x))
    np.testing.assert_array_equal(derivative.get_ydata(), actplot.get("sigmoid").derivative(x))
    assert derivative.get_linestyle() == "--"
    assert title_of(ax) == "sigmoid" and "e^{-x}" in formula_of(ax)
    assert ax.get_ylim() == pytest.approx((-0.1, 1.1))


def test_plot_of_several_functions_with_parameters_has_a_legend():
    fig = actplot.plot(["sigmoid", "tanh", ("leaky_relu", {"alpha": 0.1})])
    (ax,) = fig.axes
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["sigmoid", "tanh", "leaky_relu (α = 0.1)"]
    leaky = series(ax)[2]
    x, y = leaky.get_xdata(), leaky.get_ydata()
    np.testing.assert_allclose(y[x < 0] / x[x < 0], 0.1)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_the_python_figure_is_the_command_lines_byte_for_byte(tmp_path, suffix):
    api, cli = tmp_path / f"api{suffix}", tmp_path / f"cli{suffix}"
    actplot.plot("elu", range=(-5, 5), derivative=True, compat="torch").savefig(api)
    assert run("elu", "--range", "-5", "5", "--with-derivative", "-o", str(cli)).exit_code == 0
    assert assert_whole_file(api) == assert_whole_file(cli)


def test_a_plot_of_several_is_the_plot_commands(tmp_path):
    api, cli = tmp_path / "api.png", tmp_path / "cli.png"
    actplot.plot(["gelu", ("gelu", {"approximate": "tanh"})], range=(-4, 2)).savefig(api)
    assert run("plot", "gelu", "gelu:approximate=tanh", "--range", "-4", "2", "-o", str(cli)).exit_code == 0
    assert api.read_bytes() == cli.read_bytes()


def test_values_are_points_and_a_vector_function_of_values_is_bars():
    (ax,) = actplot.plot("relu", x=[-1, 2, 3]).axes
    (points,) = series(ax)
    assert points.get_marker() == "o"
    np.testing.assert_array_equal(points.get_ydata(), [0, 2, 3])
    (ax,) = actplot.plot("softmax", x=[1, 2, 3]).axes
    assert [bar.get_height() for bar in ax.patches] == list(actplot.softmax([1.0, 2.0, 3.0]))
    assert [text.get_text() for text in bar_labels(ax)] == ["0.09003", "0.2447", "0.6652"]


def test_options_of_the_command_line_are_keywords():
    fig = actplot.plot("tanh", range=(-3, 3), num=7, title="cost is $5", xlim=(-2, 2), ylim=(-1, 1), size=(4, 3))
    (ax,) = fig.axes
    assert len(series(ax)[0].get_xdata()) == 7
    assert (ax.get_xlim(), ax.get_ylim()) == ((-2, 2), (-1, 1))
    assert title_of(ax) == "cost is $5"
    assert tuple(fig.get_size_inches()) == (4, 3)
    assert actplot.plot("leaky_relu", compat="keras").axes[0].texts  # the title names the framework
    assert title_of(actplot.plot("leaky_relu", compat="keras").axes[0]) == "leaky_relu (α = 0.2, --compat keras)"


def test_the_figure_shows_itself_inline_as_png():
    fig = actplot.plot("relu")
    png = fig._repr_png_()
    assert _png_size(png) == (640, 480)
    assert png == fig._repr_png_()  # reproducible, no timestamp


def test_ipython_displays_the_figure_as_an_image():
    formatters = pytest.importorskip("IPython.core.formatters")
    png = formatters.PNGFormatter()(actplot.plot("relu"))
    assert png is not None and _png_size(png if isinstance(png, bytes) else png.encode("latin-1")) == (640, 480)


def test_sheet_returns_one_figure_of_every_function():
    fig = actplot.sheet()
    assert isinstance(fig, Figure)
    slices = {name: " along a = 1, b = x" for name in actplot.names() if actplot.get(name).gated}
    assert [title_of(ax).split(" (")[0] for ax in fig.axes] == [name + slices.get(name, "") for name in actplot.names()]
    width, height = fig.get_size_inches()
    assert width == pytest.approx(8.27) and height >= 11.69 * 0.9


def test_sheet_of_a_family_or_of_functions_named():
    relu = [name for name in actplot.names() if actplot.get(name).family == actplot.get("relu").family]
    assert [title_of(ax).split(" (")[0] for ax in actplot.sheet(family="relu").axes] == relu
    assert [title_of(ax) for ax in actplot.sheet(["sigmoid", ("elu", {"alpha": 2})]).axes] == ["sigmoid", "elu (α = 2)"]


def test_sheet_range_applies_to_every_panel():
    fig = actplot.sheet(["sigmoid", "relu6"], range=(-1, 1))
    assert all(series(ax)[0].get_xdata()[[0, -1]].tolist() == [-1, 1] for ax in fig.axes)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: actplot.plot("nosuch"), KeyError, "no activation named 'nosuch'"),
        (lambda: actplot.plot(("elu", {"alpah": 1})), ValueError, "elu has no parameter 'alpah'"),
        (lambda: actplot.plot(("swish", {"beta": 1.5})), ValueError, "swish (silu) has no parameter 'beta'"),
        (lambda: actplot.plot(("hard_tanh", {"min_val": 2})), ParameterError, "min_val"),
        (lambda: actplot.plot(("gelu", {"approximate": "cubic"})), ParameterError, "approximate"),
        (lambda: actplot.plot("sigmoid", range=(3, -3)), ValueError, "reversed"),
        (lambda: actplot.plot("sigmoid", ylim=(1, 1)), ValueError, "LOW < HIGH"),
        (lambda: actplot.plot(["sigmoid", "softmax"]), ValueError, "softmax is a vector function"),
        (lambda: actplot.plot("sigmoid", title="활성화"), ValueError, "U+D65C"),
        (lambda: actplot.sheet(family="nosuch"), KeyError, "families: "),
        (lambda: actplot.plot("sigmoid", compat="pytorch"), ValueError, "compat must be one of"),
        # the command line's --compat takes any case; Python's keyword says the spelling it takes
        (lambda: actplot.plot("gelu", compat="JAX"), ValueError, "not 'JAX' (did you mean 'jax'?)"),
        (lambda: actplot.stats("gelu", compat="Torch"), ValueError, "(did you mean 'torch'?)"),
    ],
)
def test_bad_arguments_raise_clear_errors(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()


def test_importing_actplot_does_not_import_matplotlib_until_a_plot():
    code = (
        "import sys, json, actplot; before = 'matplotlib' in sys.modules; actplot.plot;"
        " middle = 'matplotlib' in sys.modules; actplot.plot('relu');"
        " print(json.dumps([before, middle, 'matplotlib' in sys.modules, 'matplotlib.pyplot' in sys.modules]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(done.stdout) == [False, False, True, False]
