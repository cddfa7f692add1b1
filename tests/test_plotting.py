"""Plots are written headless, by suffix, atomically, and show the values that would print:
each test reads the written file back, and looks at the figure that was drawn into it."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import struct
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib.image
import numpy as np
import pytest
from click.testing import CliRunner, Result
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D

import actplot
from actplot import charts, inputs, plotting
from actplot.cli import cli
from actplot.functions import curve as curve_of

NAMES = actplot.names()
VECTOR_NAMES = [name for name in NAMES if actplot.get(name).drawn_as_bars]
GATED_NAMES = [name for name in NAMES if actplot.get(name).gated]


def drawn_title(name: str) -> str:
    """A panel's first title line: the name, and for a gated unit the slice drawn, its derivative
    the partial by b (the half the slice varies)."""
    if name.rstrip("'") not in GATED_NAMES:
        return name
    return (f"\u2202{name[:-1]}/\u2202b" if name.endswith("'") else name) + " along a = 1, b = x"


MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".svg": b"<?xml", ".pdf": b"%PDF-"}
ENDING = {".png": b"IEND\xaeB`\x82", ".svg": b"</svg>\n", ".pdf": b"%%EOF\n"}
CURVE_COLOUR = to_rgb("C0")  # #1f77b4
ARTICLE_SOFTMAX = [0.09003057, 0.24472847, 0.66524096]  # the article's printed softmax([1, 2, 3])


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, prog_name="actplot", catch_exceptions=False)


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, the first after the signature."""
    assert data[:8] == MAGIC[".png"]
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _png_chunks(data: bytes) -> list[bytes]:
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        chunks.append(data[at + 4 : at + 8])
        at += 12 + length
    return chunks


def assert_whole_file(path: Path) -> bytes:
    """The file is there, of the format its suffix names, and complete; its bytes."""
    data = path.read_bytes()
    assert data.startswith(MAGIC[path.suffix]), data[:16]
    assert data.endswith(ENDING[path.suffix]), data[-16:]
    return data


def assert_usage_error(result: Result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Usage: actplot ")
    assert message in result.stderr.splitlines()[-1], result.stderr


def assert_one_line_error(result: Result, path: Path, reason: str) -> None:
    """Exit status 1 and one line on stderr naming the path and why: no traceback."""
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"Error: {path}: ")
    assert reason in result.stderr


@contextlib.contextmanager
def caught_figures():
    """The figures the command line saves, caught on their way to the file (which is still written)."""
    caught = []
    save, save_pages = plotting.save, getattr(plotting, "save_pages", None)

    def catch(fig, *args, **kwargs):
        caught.append(fig)
        save(fig, *args, **kwargs)

    def catch_pages(figs, *args, **kwargs):
        caught.extend(figs)
        save_pages(figs, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plotting, "save", catch)
        patch.setattr(plotting, "save_pages", catch_pages, raising=False)
        yield caught


@pytest.fixture
def figures():
    with caught_figures() as caught:
        yield caught


def draw(figures: list, tmp_path: Path, *args: str, input: bytes | None = None):
    """Run a plotting command writing tmp_path/plot.png; the one panel drawn."""
    path = tmp_path / "plot.png"
    result = run(*args, "-o", str(path), input=input)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert_whole_file(path)
    (fig,) = figures
    (ax,) = fig.axes
    return ax


def series(ax) -> list[Line2D]:
    """The lines that show data, not the axis lines (which have no label)."""
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


def legend(ax) -> list[str]:
    return [text.get_text() for text in ax.get_legend().get_texts()]


def title_of(ax) -> str:
    """The title's text (literal, wrapped lines joined again); "" when there is none."""
    return next((text.get_text().replace("\n", " ") for text in ax.texts if text.get_gid() == "title"), "")


def formula_of(ax) -> str:
    return next((text.get_text() for text in ax.texts if text.get_gid() == "formula"), "")


def bar_labels(ax) -> list:
    """The values written on the bars (not the title's texts), in the order of the bars."""
    labels = [text for text in ax.texts if text.get_gid() not in ("title", "formula") and text.get_text()]
    return sorted(labels, key=lambda text: text.xy[0])


def renderer(fig):
    """A renderer of the figure as saved (PNG), to measure its texts."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def assert_draws(line: Line2D, values, x: np.ndarray, kinks=()) -> None:
    """The line passes through (x, values(x)) at every sample but a jump's, and every other point
    it holds is a kink of the function, at the value there or a one-sided limit (or a break)."""
    drawn_x, drawn_y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
    expected = values(drawn_x)
    at_kink = np.isin(drawn_x, kinks)
    one_sided = np.isnan(drawn_y) | np.isclose(drawn_y, values(np.nextafter(drawn_x, -np.inf)))
    one_sided |= np.isclose(drawn_y, values(np.nextafter(drawn_x, np.inf)))
    assert np.all((drawn_y == expected) | (at_kink & one_sided))
    assert set(x[~np.isin(x, kinks)]) <= set(drawn_x)


def range_x(start: int, stop: int) -> np.ndarray:
    """The decimal numbers start, start + 0.1, ..., stop as a person writes them (-4.9, not -4.8999...)."""
    return np.array([float(f"{tenths / 10:g}") for tenths in range(10 * start, 10 * stop + 1)])


# Files: the format, the size, stdout


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_output_suffix_picks_the_format(tmp_path, suffix):
    path = tmp_path / f"sigmoid{suffix}"
    result = run("sigmoid", "--range", "-5", "5", "-o", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert_whole_file(path)


def test_suffix_is_read_whatever_its_case(tmp_path):
    path = tmp_path / "sigmoid.PNG"
    assert run("sigmoid", "--range", "-5", "5", "-o", str(path)).exit_code == 0
    assert _png_size(path.read_bytes()) == (640, 480)


def test_png_is_640_by_480_at_the_default_size(tmp_path):
    path = tmp_path / "s.png"
    run("sigmoid", "--range", "-5", "5", "-o", str(path))
    assert _png_size(assert_whole_file(path)) == (640, 480)


@pytest.mark.parametrize(("size", "dpi", "pixels"), [(("4", "3"), "50", (200, 150)), (("2.5", "2"), "80", (200, 160))])
def test_png_pixels_are_size_times_dpi(tmp_path, size, dpi, pixels):
    path = tmp_path / "s.png"
    result = run("sigmoid", "--range", "-5", "5", "--size", *size, "--dpi", dpi, "-o", str(path))
    assert result.exit_code == 0, result.output
    assert _png_size(assert_whole_file(path)) == pixels


def test_svg_and_pdf_pages_are_the_size_in_points(tmp_path):
    svg, pdf = tmp_path / "s.svg", tmp_path / "s.pdf"
    for path in (svg, pdf):
        assert run("relu", "--range", "-5", "5", "--size", "4", "3", "-o", str(path)).exit_code == 0
    assert b'width="288pt" height="216pt"' in assert_whole_file(svg)
    assert b"/MediaBox [ 0 0 288 216 ]" in assert_whole_file(pdf)


def test_dash_writes_png_bytes_to_stdout():
    result = run("relu", "--range", "-5", "5", "-o", "-")
    assert (result.exit_code, result.stderr) == (0, "")
    assert _png_size(result.stdout_bytes) == (640, 480)
    assert result.stdout_bytes.endswith(ENDING[".png"])


def test_dash_writes_the_same_png_as_a_file(tmp_path):
    path = tmp_path / "relu.png"
    run("relu", "--range", "-5", "5", "-o", str(path))
    assert run("relu", "--range", "-5", "5", "-o", "-").stdout_bytes == path.read_bytes()


def test_a_written_file_has_the_usual_permissions(tmp_path):
    path = tmp_path / "s.png"
    mask = os.umask(0o022)
    try:
        run("relu", "1", "-o", str(path))
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_writing_over_an_existing_plot_replaces_it(tmp_path):
    path = tmp_path / "s.png"
    path.write_bytes(b"an older plot")
    assert run("relu", "1", "-o", str(path)).exit_code == 0
    assert_whole_file(path)
    assert [p.name for p in tmp_path.iterdir()] == ["s.png"]


def test_the_smallest_sizes_draw_without_a_warning(tmp_path):
    path = tmp_path / "tiny.png"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run("sigmoid", "--range", "-5", "5", "--size", "1", "1", "-o", str(path))
    assert result.exit_code == 0
    assert _png_size(assert_whole_file(path)) == (100, 100)
    assert [str(warning.message) for warning in caught] == []


# What is drawn: the values that would print, in the article's style


def test_curve_holds_the_printed_values():
    record = actplot.get("sigmoid")
    x = np.linspace(-5, 5, 101)
    fig = plotting.figure(charts.function_chart(charts.Spec(record), x, style="curve"))
    (line,) = series(fig.axes[0])
    np.testing.assert_array_equal(line.get_xdata(), x)
    np.testing.assert_array_equal(line.get_ydata(), actplot.sigmoid(x))


def test_range_curve_is_drawn_at_the_101_printed_x_values(figures, tmp_path):
    printed = run("sigmoid", "--range", "-5", "5").stdout.splitlines()
    ax = draw(figures, tmp_path, "sigmoid", "--range", "-5", "5")
    (line,) = series(ax)
    np.testing.assert_array_equal(line.get_xdata(), [float(row.split()[0]) for row in printed])
    np.testing.assert_array_equal(line.get_xdata(), range_x(-5, 5))
    np.testing.assert_array_equal(line.get_ydata(), actplot.sigmoid(range_x(-5, 5)))


def test_range_is_drawn_as_a_line(figures, tmp_path):
    (line,) = series(draw(figures, tmp_path, "tanh", "--range", "-2", "2"))
    assert (line.get_linestyle(), line.get_marker()) == ("-", "None")
    assert line.get_label() == "tanh"


def test_list_of_values_is_drawn_as_points(figures, tmp_path):
    (points,) = series(draw(figures, tmp_path, "sigmoid", "-1", "0", "2.5"))
    assert (points.get_linestyle(), points.get_marker()) == ("None", "o")
    np.testing.assert_array_equal(points.get_xdata(), [-1, 0, 2.5])
    np.testing.assert_array_equal(points.get_ydata(), actplot.sigmoid(np.array([-1, 0, 2.5])))


def test_values_on_stdin_are_drawn_as_points(figures, tmp_path):
    (points,) = series(draw(figures, tmp_path, "relu", input=b"-1\n2\n3\n"))
    assert points.get_marker() == "o"
    np.testing.assert_array_equal(points.get_ydata(), [0, 2, 3])


def test_softmax_of_a_list_is_bars_with_the_probabilities():
    x = np.array([1.0, 2.0, 3.0])
    fig = plotting.figure(charts.function_chart(charts.Spec.resolve("softmax"), x, style="bars"))
    heights = [patch.get_height() for patch in fig.axes[0].patches]
    assert heights == pytest.approx(ARTICLE_SOFTMAX, abs=5e-9)
    labels = [text.get_text() for text in bar_labels(fig.axes[0])]
    assert labels == ["0.09003", "0.2447", "0.6652"]


@pytest.mark.parametrize("name", VECTOR_NAMES)
@pytest.mark.parametrize("given", [("values", ["1", "2", "3"], None), ("stdin", [], b"1\n2\n3\n")], ids=lambda g: g[0])
def test_vector_function_of_a_list_is_one_bar_per_input_with_its_value_on_it(figures, tmp_path, name, given):
    _, values, stdin = given
    ax = draw(figures, tmp_path, name, *values, input=stdin)
    expected = getattr(actplot, name)(np.array([1.0, 2.0, 3.0]))
    bars = ax.patches
    assert [bar.get_height() for bar in bars] == list(expected)
    # Labels are typeset with a true minus sign (U+2212), as the tick labels are.
    labels = bar_labels(ax)
    assert [float(text.get_text().replace("\u2212", "-")) for text in labels] == pytest.approx(expected, rel=1e-3)
    assert [text.xy for text in labels] == [(bar.get_x() + bar.get_width() / 2, bar.get_height()) for bar in bars]
    assert [label.get_text() for label in ax.get_xticklabels()] == ["1", "2", "3"]
    assert series(ax) == []


@pytest.mark.parametrize(("name", "limits"), [("sigmoid", (-0.1, 1.1)), ("relu", (-1.0, 5.0))])
def test_y_limits_are_the_articles(name, limits):
    x = np.linspace(-5, 5, 101)
    assert charts.function_chart(charts.Spec.resolve(name), x).ylim == pytest.approx(limits)


@pytest.mark.parametrize(("name", "limits"), [("sigmoid", (-0.1, 1.1)), ("relu", (-1.0, 5.0))])
def test_drawn_y_limits_are_the_articles(figures, tmp_path, name, limits):
    ax = draw(figures, tmp_path, name, "--range", "-5", "5")
    assert ax.get_ylim() == pytest.approx(limits)


def test_xlim_and_ylim_override_the_limits(figures, tmp_path):
    ax = draw(figures, tmp_path, "sigmoid", "--range", "-5", "5", "--xlim", "-2", "3", "--ylim", "0.25", "0.75")
    assert (ax.get_xlim(), ax.get_ylim()) == ((-2, 3), (0.25, 0.75))


def test_title_option_sets_the_title(figures, tmp_path):
    ax = draw(figures, tmp_path, "sigmoid", "--range", "-5", "5", "--title", "The logistic curve")
    assert title_of(ax) == "The logistic curve"


def test_default_title_is_the_name_and_the_formula_in_mathtext(figures, tmp_path):
    ax = draw(figures, tmp_path, "sigmoid", "--range", "-5", "5")
    name, formula = title_of(ax), formula_of(ax)
    assert name == "sigmoid"
    assert formula.startswith("$h(x) = ") and formula.endswith("$")
    assert "e^{-x}" in formula


def test_with_derivative_adds_a_dashed_series_with_its_own_legend_entry(figures, tmp_path):
    x = range_x(-5, 5)
    ax = draw(figures, tmp_path, "sigmoid", "--range", "-5", "5", "--with-derivative")
    function, derivative = series(ax)
    assert (function.get_linestyle(), derivative.get_linestyle()) == ("-", "--")
    np.testing.assert_array_equal(derivative.get_xdata(), x)
    np.testing.assert_array_equal(derivative.get_ydata(), actplot.get("sigmoid").derivative(x))
    assert legend(ax) == ["sigmoid", "sigmoid'"]


def test_derivative_flag_plots_the_derivative(figures, tmp_path):
    x = range_x(-5, 5)
    ax = draw(figures, tmp_path, "sigmoid", "--range", "-5", "5", "-d")
    (line,) = series(ax)
    np.testing.assert_array_equal(line.get_ydata(), actplot.get("sigmoid").derivative(x))
    assert (line.get_label(), ax.get_ylabel()) == ("sigmoid'", "h'(x)")
    assert title_of(ax) == "sigmoid'"
    assert formula_of(ax) == ""


def test_axis_lines_through_zero_a_grid_and_axis_labels(figures, tmp_path):
    ax = draw(figures, tmp_path, "tanh", "--range", "-5", "5")
    unlabelled = [line for line in ax.get_lines() if line not in series(ax)]
    assert any(list(line.get_ydata()) == [0, 0] and list(line.get_xdata()) == [0, 1] for line in unlabelled)
    assert any(list(line.get_xdata()) == [0, 0] and list(line.get_ydata()) == [0, 1] for line in unlabelled)
    gridlines = ax.get_xgridlines() + ax.get_ygridlines()
    assert gridlines and all(line.get_visible() for line in gridlines)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "h(x)")


# A known point lands on a drawn pixel


def pixels_around(image: np.ndarray, ax, point: tuple[float, float], reach: int = 2) -> np.ndarray:
    """The RGB pixels within ``reach`` of where ``point`` (data coordinates) was drawn; the figure
    was saved at its own dpi, so display coordinates are pixels, with rows counted from the top."""
    column, y = ax.transData.transform(point)
    row = image.shape[0] - y
    return image[int(row) - reach : int(row) + reach + 1, int(column) - reach : int(column) + reach + 1, :3]


def test_a_point_of_the_function_lands_on_a_pixel_of_the_curves_colour(figures, tmp_path):
    ax = draw(figures, tmp_path, "relu", "--range", "-5", "5")
    image = matplotlib.image.imread(tmp_path / "plot.png")
    assert image.shape[:2] == (480, 640)
    distance = np.linalg.norm(pixels_around(image, ax, (2, actplot.relu(2))) - CURVE_COLOUR, axis=-1)
    assert distance.min() < 0.05
    away = pixels_around(image, ax, (-3.3, 3.7))
    assert (away == 1).all()  # white background where nothing is drawn


# Reproducible files


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_same_command_writes_the_same_bytes(tmp_path, suffix):
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    run("tanh", "--range", "-3", "3", "--with-derivative", "-o", str(first))
    run("tanh", "--range", "-3", "3", "--with-derivative", "-o", str(second))
    assert assert_whole_file(first) == assert_whole_file(second)


def test_files_hold_no_timestamp_or_version(tmp_path):
    for suffix in (".png", ".svg", ".pdf"):
        run("tanh", "--range", "-3", "3", "-o", str(tmp_path / f"t{suffix}"))
    png = assert_whole_file(tmp_path / "t.png")
    assert {b"tIME", b"tEXt", b"iTXt", b"zTXt"}.isdisjoint(_png_chunks(png))
    svg = assert_whole_file(tmp_path / "t.svg")
    assert b"<dc:date>" not in svg and b"Matplotlib" not in svg
    pdf = assert_whole_file(tmp_path / "t.pdf")
    assert b"CreationDate" not in pdf and b"ModDate" not in pdf and b"Matplotlib" not in pdf


_WRITE_EACH_FORMAT = """
import sys
from actplot.cli import cli
for path in sys.argv[1:]:
    cli.main(["tanh", "--range", "-3", "3", "--with-derivative", "-o", path], standalone_mode=False)
"""


def test_a_fresh_process_writes_the_same_bytes(tmp_path):
    """What only a real process shows: string hashing and matplotlib's caches differ from run to run."""
    suffixes = (".png", ".svg", ".pdf")
    here = [tmp_path / f"here{suffix}" for suffix in suffixes]
    there = [tmp_path / f"there{suffix}" for suffix in suffixes]
    for path in here:
        run("tanh", "--range", "-3", "3", "--with-derivative", "-o", str(path))
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", _WRITE_EACH_FORMAT, *map(str, there)], env=env, check=True, timeout=60)
    assert [assert_whole_file(path) for path in here] == [assert_whole_file(path) for path in there]


# Output that cannot be written: exit 1, one line, nothing left behind


def test_unknown_suffix_is_an_error_and_leaves_no_file(tmp_path):
    path = tmp_path / "plot.gif"
    result = run("sigmoid", "1", "-o", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: unknown image format '.gif'; use .png, .svg or .pdf\n"
    assert list(tmp_path.iterdir()) == []


def test_no_suffix_is_an_error(tmp_path):
    path = tmp_path / "plot"
    assert_one_line_error(run("sigmoid", "1", "-o", str(path)), path, "unknown image format")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["", "/", "out.png", "out.png/"], ids=repr)
def test_a_directory_is_named_as_one(tmp_path, name):
    # -o /tmp/ said "unknown image format '(no suffix)'"; a directory named out.png was written into
    (tmp_path / "out.png").mkdir()
    path = str(tmp_path) + ("/" if name == "/" else f"/{name}" if name else "")
    result = run("sigmoid", "1", "-o", path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}: is a directory; give a file name such as ")
    assert len(result.stderr.splitlines()) == 1
    assert list((tmp_path / "out.png").iterdir()) == []


def test_missing_directory_is_an_error(tmp_path):
    path = tmp_path / "no" / "such" / "plot.png"
    assert_one_line_error(run("sigmoid", "1", "-o", str(path)), path, "does not exist")
    assert list(tmp_path.iterdir()) == []


def test_a_link_into_a_missing_directory_names_that_directory(tmp_path):
    # It said "directory '<the link's own directory>' does not exist", which does.
    link = tmp_path / "plot.png"
    link.symlink_to(tmp_path / "gone" / "plot.png")
    result = run("sigmoid", "1", "-o", str(link))
    assert_one_line_error(result, link, f"directory {str(tmp_path / 'gone')!r} does not exist")
    assert link.is_symlink() and list(tmp_path.iterdir()) == [link]


@pytest.mark.parametrize(
    "args",
    [
        ["sigmoid", "1", "-o", ""],
        ["sigmoid", "--range", "-5", "5", "-o", ""],
        ["plot", "sigmoid", "-o", ""],
        ["sheet", "-o", ""],
        ["diff", "relu", "sigmoid", "-o", ""],
    ],
)
def test_an_empty_output_name_is_a_usage_error(args):
    # -o "$OUT" with OUT unset: the function commands and diff printed numbers instead of a plot,
    # plot asked where to draw, sheet ended in a traceback.
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '-o' / '--output': the file name is empty; give a .png, .svg or .pdf file, "
        "or '-' for stdout"
    )


def test_parent_that_is_a_file_is_an_error_and_the_file_is_untouched(tmp_path):
    parent = tmp_path / "notes.txt"
    parent.write_text("keep me\n")
    path = parent / "plot.png"
    assert_one_line_error(run("sigmoid", "1", "-o", str(path)), path, "notes.txt")
    assert parent.read_text() == "keep me\n"
    assert list(tmp_path.iterdir()) == [parent]


def test_parent_that_is_a_file_is_said_to_be_not_a_directory(tmp_path):
    parent = tmp_path / "notes.txt"
    parent.write_text("keep me\n")
    result = run("sigmoid", "1", "-o", str(parent / "plot.png"))
    assert "not a directory" in result.stderr and "does not exist" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only directory; see the /sys test below")
def test_directory_without_write_permission_is_an_error_and_its_file_is_untouched(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    path = locked / "plot.png"
    path.write_bytes(b"precious")
    locked.chmod(0o500)
    try:
        assert_one_line_error(run("sigmoid", "1", "-o", str(path)), path, "Permission denied")
        assert path.read_bytes() == b"precious"
        assert [p.name for p in locked.iterdir()] == ["plot.png"]
    finally:
        locked.chmod(0o700)


def test_directory_refusing_new_files_is_an_error(tmp_path, monkeypatch):
    """The same as above but for root, who may write anywhere: the temporary file cannot be made."""

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(plotting.tempfile, "mkstemp", refuse)
    path = tmp_path / "plot.png"
    assert_one_line_error(run("sigmoid", "1", "-o", str(path)), path, "Permission denied")
    assert list(tmp_path.iterdir()) == []


def test_path_that_is_a_directory_is_an_error_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "plot.png"
    path.mkdir()
    assert_one_line_error(run("sigmoid", "1", "-o", str(path)), path, "is a directory; give a file name")
    assert list(tmp_path.iterdir()) == [path]
    assert list(path.iterdir()) == []


def test_failed_write_leaves_an_existing_file_untouched(tmp_path, monkeypatch):
    path = tmp_path / "keep.png"
    path.write_bytes(b"precious")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("matplotlib.figure.Figure.savefig", broken)
    assert_one_line_error(run("sigmoid", "1", "-o", str(path)), path, "No space left on device")
    assert path.read_bytes() == b"precious"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.png"]


def test_bad_token_on_stdin_writes_no_plot_and_leaves_an_existing_one(tmp_path):
    path = tmp_path / "plot.png"
    path.write_bytes(b"precious")
    result = run("sigmoid", "-o", str(path), input=b"1\nx\n")
    assert result.exit_code == 1
    assert result.stderr == "Error: not a number: 'x' at line 2, column 1\n"
    assert path.read_bytes() == b"precious"
    assert [p.name for p in tmp_path.iterdir()] == ["plot.png"]


def test_empty_stdin_is_nothing_to_plot(tmp_path):
    result = run("sigmoid", "-o", str(tmp_path / "plot.png"), input=b"")
    assert (result.exit_code, result.stderr) == (1, "Error: nothing to plot: the input holds no numbers\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("function", ["sigmoid", "softmax"])
def test_stdin_whose_every_token_is_skipped_is_nothing_to_plot(tmp_path, function):
    """breakit29: 'printf "x\\n" | actplot relu --on-invalid skip -o p.png' wrote an empty plot, status 0."""
    result = run(function, "--on-invalid", "skip", "-o", str(tmp_path / "plot.png"), input=b"x\ny z\n")
    assert result.exit_code == 1
    assert (
        result.stderr == "Error: nothing to plot: the input holds no numbers (3 fields that are not numbers skipped)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_several_vectors_on_stdin_are_not_one_plot(tmp_path):
    result = run("softmax", "-o", str(tmp_path / "plot.png"), input=b"1 2\n3 4\n")
    assert result.exit_code == 1
    assert "a plot shows one vector" in result.stderr and "--flat" in result.stderr
    assert list(tmp_path.iterdir()) == []


# Usage errors: exit 2, before any work


def test_dash_and_terminal_together_are_a_usage_error():
    assert_usage_error(run("relu", "1", "-o", "-", "--terminal"), "choose one")


def test_with_derivative_and_derivative_together_are_a_usage_error(tmp_path):
    result = run("sigmoid", "--range", "-5", "5", "-d", "--with-derivative", "-o", str(tmp_path / "p.png"))
    assert_usage_error(result, "drop -d")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["relu"], ["plot", "relu"]], ids=["function", "plot"])
def test_plot_of_more_than_ten_million_points_is_a_usage_error_suggesting_num(tmp_path, monkeypatch, command):
    def never(*args, **kwargs):
        raise AssertionError("sampled a range too large to plot")

    monkeypatch.setattr(inputs, "range_values", never)
    result = run(*command, "--range", "0", "1e8", "--step", "1", "-o", str(tmp_path / "big.png"))
    assert_usage_error(result, "--num")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "option",
    [
        ["--title", "T"],
        ["--with-derivative"],
        ["--xlim", "0", "1"],
        ["--ylim", "0", "1"],
        ["--size", "4", "3"],
        ["--dpi", "50"],
    ],
    ids=lambda option: option[0],
)
def test_plot_option_without_a_plot_is_a_usage_error(option):
    result = run("sigmoid", "1", *option)
    assert_usage_error(result, f"{option[0]} shapes a plot")
    assert result.stdout == ""


# actplot plot: several functions with a legend


def test_plot_overlays_the_functions_with_a_legend(figures, tmp_path):
    x = range_x(-5, 5)
    path = tmp_path / "cmp.png"
    result = run("plot", "sigmoid", "tanh", "relu", "--range", "-5", "5", "-o", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert _png_size(assert_whole_file(path)) == (640, 480)
    (ax,) = figures[0].axes
    curves = series(ax)
    assert [curve.get_label() for curve in curves] == legend(ax) == ["sigmoid", "tanh", "relu"]
    for curve, function in zip(curves, (actplot.sigmoid, actplot.tanh, actplot.relu), strict=True):
        np.testing.assert_array_equal(curve.get_xdata(), x)
        np.testing.assert_array_equal(curve.get_ydata(), function(x))
    assert len({curve.get_color() for curve in curves}) == 3


def test_plot_of_one_function_with_two_parameters_shows_both(figures, tmp_path):
    path = tmp_path / "leaky.svg"
    result = run("plot", "leaky_relu:alpha=0.1", "leaky_relu:alpha=0.3", "--range", "-5", "5", "-o", str(path))
    assert result.exit_code == 0, result.output
    assert_whole_file(path)
    gentle, steep = series(figures[0].axes[0])
    assert (gentle.get_label(), steep.get_label()) == ("leaky_relu (α = 0.1)", "leaky_relu (α = 0.3)")
    for line, alpha in ((gentle, 0.1), (steep, 0.3)):
        x, y = line.get_xdata(), line.get_ydata()
        np.testing.assert_allclose(y[x < 0] / x[x < 0], alpha, rtol=1e-12)  # the slope left of zero


def test_plot_with_derivative_gives_each_function_a_dashed_partner_of_its_colour(figures, tmp_path):
    x = range_x(-5, 5)
    path = tmp_path / "cmp.pdf"
    assert run("plot", "sigmoid", "tanh", "--range", "-5", "5", "--with-derivative", "-o", str(path)).exit_code == 0
    assert_whole_file(path)
    ax = figures[0].axes[0]
    sigmoid, sigmoid_d, tanh, tanh_d = series(ax)
    assert legend(ax) == ["sigmoid", "sigmoid'", "tanh", "tanh'"]
    assert [line.get_linestyle() for line in series(ax)] == ["-", "--", "-", "--"]
    assert (sigmoid.get_color(), tanh.get_color()) == (sigmoid_d.get_color(), tanh_d.get_color())
    assert sigmoid.get_color() != tanh.get_color()
    np.testing.assert_array_equal(tanh_d.get_ydata(), actplot.get("tanh").derivative(x))


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nosuch", "no activation named 'nosuch'"),
        ("relu:alpha=1", "relu has no parameter 'alpha'"),
        ("leaky_relu:alpha=x", "'x' is not a number"),
        # to the file given ('-o FILE' failed when pasted: no suffix)
        ("softmax", "softmax is a vector function: draw it with actplot softmax 1 2 3 -o {path}"),
        # with its settings: the line dropped the temperature, then the dtype
        (
            "softmax:temperature=1e-300",
            "softmax is a vector function: draw it with actplot softmax --temperature 1e-300 1 2 3 -o {path}",
        ),
        (
            "softmax@jax:dtype=half",
            "softmax is a vector function: draw it with actplot softmax --compat jax --dtype float16 1 2 3 -o {path}",
        ),
    ],
)
def test_plot_of_a_bad_function_spec_is_a_usage_error(tmp_path, spec, message):
    path = str(tmp_path / "p q.png")
    assert_usage_error(run("plot", "sigmoid", spec, "-o", path), message.format(path=shlex.quote(path)))
    assert list(tmp_path.iterdir()) == []
    if "draw it with" in message:  # the line runs as given (it was quoted, a path's quotes nested inside)
        line = message.format(path=shlex.quote(path)).split("draw it with ")[1]
        assert run(*shlex.split(line)[1:]).exit_code == 0 and (tmp_path / "p q.png").stat().st_size > 0


def test_plot_without_a_place_to_draw_is_a_usage_error():
    assert_usage_error(run("plot", "sigmoid", "tanh"), "-o FILE, --terminal or --show")


# actplot sheet: every function with its derivative on one page


@pytest.fixture(scope="module")
def sheet_pdf(tmp_path_factory):
    """``actplot sheet -o sheet.pdf``: the file and the panels drawn into its pages."""
    path = tmp_path_factory.mktemp("sheet") / "sheet.pdf"
    with caught_figures() as caught:
        result = run("sheet", "-o", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    return path, [ax for fig in caught for ax in fig.axes if ax.get_visible()]


def test_sheet_writes_a_pdf(sheet_pdf):
    path, _ = sheet_pdf
    assert b"/MediaBox [ 0 0 595.44 841.68 ]" in assert_whole_file(path)  # A4: 8.27 x 11.69 in


def test_sheet_has_one_panel_per_function_titled_with_its_name(sheet_pdf):
    _, panels = sheet_pdf
    assert [title_of(ax).split(" (")[0] for ax in panels] == [drawn_title(name) for name in NAMES]
    assert len(panels) == len(NAMES) >= 55


def test_every_sheet_panel_holds_the_derivative_dashed(sheet_pdf):
    _, panels = sheet_pdf
    for name, ax in zip(NAMES, panels, strict=True):
        handles, labels = ax.get_legend_handles_labels()
        assert [label.split(" (")[0] for label in labels] == [drawn_title(name), drawn_title(f"{name}'")]
        derivative = handles[1]
        if isinstance(derivative, Line2D):
            assert derivative.get_linestyle() == "--", name
        else:
            assert all(bar.get_hatch() for bar in derivative.patches), name


def test_sheet_into_a_missing_directory_is_an_error(tmp_path):
    path = tmp_path / "no" / "sheet.pdf"
    assert_one_line_error(run("sheet", "-o", str(path)), path, "does not exist")
    assert list(tmp_path.iterdir()) == []


def test_sheet_png_is_a4_at_the_dpi(tmp_path):
    path = tmp_path / "sheet.png"
    # five families, 24 panels: a full page: a full page (fewer rows make a shorter image)
    families = [
        "--family",
        "sigmoid",
        "--family",
        "relu",
        "--family",
        "threshold",
        "--family",
        "shrink",
        "--family",
        "classic",
    ]
    assert run("sheet", *families, "-o", str(path), "--dpi", "50").exit_code == 0
    assert _png_size(assert_whole_file(path)) == (int(8.27 * 50), int(11.69 * 50))


# Every function draws from every kind of input


KINDS = {"range": (["--range", "-3", "3"], None), "values": (["-2", "0.5", "3"], None), "stdin": ([], b"-2\n0.5\n3\n")}
# A gated unit draws its slice over a range; a list of values is refused (test below).
GATED_VALUES = {(name, "values") for name in GATED_NAMES}
# Function by function only vectors draw differently from stdin (read the same for all), and -d
# draws the same derivative that --with-derivative overlays: those for a few functions each.
DRAWINGS = (
    [(name, kind, []) for name in NAMES for kind in ("range", "values") if (name, kind) not in GATED_VALUES]
    + [(name, "stdin", []) for name in [*VECTOR_NAMES, "sigmoid"]]
    + [(name, "range", ["--with-derivative"]) for name in NAMES]
    + [(name, "range", ["-d"]) for name in ["relu", "gelu", "hard_swish", *VECTOR_NAMES]]
    + [(name, "values", [flag]) for name in VECTOR_NAMES for flag in ("-d", "--with-derivative")]
)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(("name", "kind", "flags"), DRAWINGS, ids=lambda p: "".join(p) if isinstance(p, list) else p)
def test_every_function_draws_from_every_kind_of_input(figures, tmp_path, name, kind, flags):
    values, stdin = KINDS[kind]
    ax = draw(figures, tmp_path, name, *values, *flags, "--size", "2", "1.5", "--dpi", "30", input=stdin)
    assert _png_size((tmp_path / "plot.png").read_bytes()) == (60, 45)
    record = actplot.get(name)
    title = title_of(ax)
    if record.drawn_as_bars and kind == "range":  # what the curve is, said: f of the 61 samples as one vector
        assert title.endswith(" of x as one vector of 61 entries"), title
        title = title.removesuffix(" of x as one vector of 61 entries")
    assert title.split(" (")[0] == drawn_title(name + "'" * ("-d" in flags))
    x = range_x(-3, 3) if kind == "range" else np.array([-2, 0.5, 3])
    shown = curve_of(record, "-d" in flags)
    expected = [shown] + ([curve_of(record, True)] if "--with-derivative" in flags else [])
    if record.drawn_as_bars and kind != "range":
        heights = np.array([bar.get_height() for bar in ax.patches]).reshape(len(expected), x.size)
        np.testing.assert_array_equal(heights, [values(x) for values in expected])
    else:
        lines = series(ax)
        assert len(lines) == len(expected)
        for line, values in zip(lines, expected, strict=True):
            if record.drawn_as_bars:  # a range is one vector: its values depend on all of x
                np.testing.assert_array_equal(line.get_ydata(), values(x))
            else:
                assert_draws(line, values, x, record.kinks(**record.params))
        assert {line.get_marker() for line in lines} == {"None" if kind == "range" else "o"}


# matplotlib is imported for plots only


_RUN_AND_LIST_MODULES = """
import json, sys
import actplot, actplot.charts, actplot.cli, actplot.plotting
try:
    actplot.cli.main(sys.argv[1:])
except SystemExit as exit:
    print(json.dumps({"status": exit.code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def modules_after(*args: str) -> tuple[str, list[str]]:
    """Run ``actplot ARGS`` in a fresh Python; what it printed and the modules it imported."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN_AND_LIST_MODULES, *args], capture_output=True, text=True, check=True, timeout=60
    )
    report = json.loads(done.stderr.splitlines()[-1])
    assert report["status"] == 0, done.stderr
    return done.stdout, report["modules"]


def test_printing_leaves_matplotlib_unimported():
    stdout, modules = modules_after("relu", "1")
    assert stdout == "1\n"
    assert "numpy" in modules
    assert "matplotlib" not in modules


def test_plotting_imports_matplotlib(tmp_path):
    path = tmp_path / "relu.png"
    stdout, modules = modules_after("relu", "--range", "-5", "5", "-o", str(path))
    assert stdout == ""
    assert_whole_file(path)
    assert "matplotlib" in modules
    assert "matplotlib.pyplot" not in modules


@pytest.mark.skipif(not os.path.isdir("/sys/kernel"), reason="needs Linux's sysfs")
def test_a_directory_that_refuses_new_files_even_to_root_is_an_error():
    # sysfs refuses to create files, for root too: the real permission error, not a monkeypatch.
    result = run("sigmoid", "1", "-o", "/sys/kernel/actplot.png")
    assert result.exit_code == 1
    assert result.stderr == "Error: /sys/kernel/actplot.png: cannot write there (Permission denied)\n"


def test_show_without_a_display_is_an_error_that_suggests_a_file_or_the_terminal(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    result = run("sigmoid", "--range", "-5", "5", "--show")
    assert result.exit_code == 1
    message = "cannot open a window: no display or interactive backend; use -o FILE or --terminal"
    assert result.stderr == f"Error: {message}\n"


@pytest.mark.parametrize("name", GATED_NAMES)
def test_a_gated_unit_of_listed_values_is_not_drawn_but_says_to_draw_a_range(tmp_path, name):
    result = run(name, "1", "2", "3", "4", "-o", str(tmp_path / "g.png"))
    assert_usage_error(result, f"actplot {name} --range -5 5 -o {shlex.quote(str(tmp_path / 'g.png'))}")
    assert list(tmp_path.iterdir()) == []


def test_a_gated_unit_draws_the_slice_its_title_names(figures, tmp_path):
    # PyTorch's own GLU picture once drew a = b = x, which is SiLU, without saying so
    ax = draw(figures, tmp_path, "glu", "--range", "-3", "3")
    (line,) = series(ax)
    assert title_of(ax).split(" (")[0] == "glu along a = 1, b = x"
    np.testing.assert_array_equal(line.get_ydata(), actplot.sigmoid(range_x(-3, 3)))
    figures.clear()
    ax = draw(figures, tmp_path, "glu", "--gate", "first", "--range", "-3", "3")
    (line,) = series(ax)
    assert title_of(ax).split(" (")[0] == "glu along a = x, b = 1"
    np.testing.assert_array_equal(line.get_ydata(), actplot.sigmoid(range_x(-3, 3)))


# What a curve of a vector function and a gated unit's dashed curve are, said


@pytest.mark.parametrize("name", VECTOR_NAMES)
def test_a_vector_function_over_a_range_says_the_samples_form_one_vector(figures, tmp_path, name):
    # sparsemax --range -3 3 drew sparsemax of the 61 samples taken as one vector, without a word
    ax = draw(figures, tmp_path, name, "--range", "-3", "3")
    assert title_of(ax).endswith(" of x as one vector of 61 entries")
    (line,) = series(ax)
    np.testing.assert_array_equal(line.get_ydata(), curve_of(actplot.get(name))(range_x(-3, 3)))
    figures.clear()
    ax = draw(figures, tmp_path, name, "--range", "-3", "3", "--title", "mine")
    assert title_of(ax) == "mine" and ax.get_xlabel() == "x\nx as one vector of 61 entries"
    terminal = run(name, "--range", "-3", "3", "--terminal", "--size", "80", "20").stdout
    assert terminal.splitlines()[0].strip().endswith(" of x as one vector of 61 entries")
    fig = actplot.plot(name, range=(-3, 3), num=7)
    assert title_of(fig.axes[0]).endswith(" of x as one vector of 7 entries")


def test_a_vector_function_of_listed_values_is_bars_without_the_note(figures, tmp_path):
    ax = draw(figures, tmp_path, "softmax", "1", "2", "3")
    assert title_of(ax) == "softmax (T = 1)" and ax.get_xlabel() == "input x"
    figures.clear()
    ax = draw(figures, tmp_path, "softmax", "--range", "0", "1", "--num", "1")
    assert title_of(ax) == "softmax (T = 1) of x as one vector of 1 entry"


@pytest.mark.parametrize(
    ("gate", "partial", "formula"), [("second", "b", r"a \otimes \sigma(b)"), ("first", "a", r"\sigma(a) \otimes b")]
)
def test_a_gated_units_derivative_is_named_the_partial_it_is(figures, tmp_path, gate, partial, formula):
    # the dashed curve of a gated unit is the partial by the half its slice varies: say which
    along = "a = 1, b = x" if gate == "second" else "a = x, b = 1"
    ax = draw(figures, tmp_path, "glu", "--gate", gate, "--range", "-3", "3", "-d")
    assert title_of(ax) == f"\u2202glu/\u2202{partial} along {along} (gate = {gate})"
    assert ax.get_ylabel() == f"\u2202y/\u2202{partial}"
    (line,) = series(ax)
    np.testing.assert_array_equal(line.get_ydata(), actplot.get("sigmoid").derivative(range_x(-3, 3)))
    figures.clear()
    ax = draw(figures, tmp_path, "glu", "--gate", gate, "--range", "-3", "3", "--with-derivative")
    assert legend(ax)[1] == f"\u2202glu/\u2202{partial} along {along} (gate = {gate})"
    assert ax.get_ylabel() == f"y, \u2202y/\u2202{partial} dashed"
    assert formula_of(ax) == f"$y = {formula}$"
    terminal = run("glu", "--gate", gate, "--range", "-3", "3", "-d", "--terminal", "--size", "80", "20").stdout
    assert terminal.splitlines()[0].strip() == f"\u2202glu/\u2202{partial} along {along} (gate = {gate})"


def test_the_sheets_gated_panels_say_the_dashed_curve_is_the_partial_by_b(figures, tmp_path):
    assert run("sheet", "--family", "gated", "-o", str(tmp_path / "g.png")).exit_code == 0
    (fig,) = figures
    for name, ax in zip(GATED_NAMES, fig.axes, strict=True):
        assert title_of(ax).startswith(f"{name} along a = 1, b = x")
        assert ax.get_ylabel() == "y, \u2202y/\u2202b dashed"
        assert [line.get_linestyle() for line in series(ax)] == ["-", "--"]


PRESETS = [(alias, name, dict(fixed)) for name in NAMES for alias, fixed in actplot.get(name).presets.items()]


@pytest.mark.parametrize(("alias", "name", "fixed"), PRESETS, ids=[alias for alias, _, _ in PRESETS])
def test_a_name_that_fixes_a_parameter_draws_and_titles_what_it_fixes(figures, tmp_path, alias, name, fixed):
    # gelu_new drew the tanh form titled "gelu" under the erf formula
    options = [part for key, value in fixed.items() for part in (f"--{key}", value)]
    ax = draw(figures, tmp_path, alias, "--range", "-3", "3")
    drawn = (title_of(ax), formula_of(ax), series(ax)[0].get_ydata().tolist())
    figures.clear()
    ax = draw(figures, tmp_path, name, *options, "--range", "-3", "3")
    assert drawn == (title_of(ax), formula_of(ax), series(ax)[0].get_ydata().tolist())
    assert all(f"{key} = {value}" in drawn[0] for key, value in fixed.items())
    assert (
        run("limits", alias).stdout.splitlines()[0]
        == run("limits", f"{name}:" + ",".join(f"{key}={value}" for key, value in fixed.items())).stdout.splitlines()[0]
    )


@pytest.mark.parametrize(
    "text, width, lines",
    [
        # "gelu (approximate =" over "none)" read badly: a parenthesis a line holds stays whole
        ("sigmoid, tanh, relu, gelu (approximate = none)", 42, ["sigmoid, tanh, relu, gelu", "(approximate = none)"]),
        ("gelu (approximate = tanh), x", 22, ["gelu", "(approximate = tanh),", "x"]),
        ("a (b c d e f g h) z", 8, ["a (b c d", "e f g h)", "z"]),  # one no line holds: broken at spaces
        # a word no line holds starts a line of its own ("s" / "parse_sigm" / "oid" read badly)
        ("laplace, isru (α = 1), sparse_sigmoid", 10, ["laplace,", "isru", "(α = 1),", "sparse_sig", "moid"]),
    ],
)
def test_a_title_is_wrapped_outside_its_parentheses(text, width, lines):
    from actplot.charts import wrap

    assert wrap(text, width) == lines
