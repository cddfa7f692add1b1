"""Plots are written headless, by suffix, atomically, and show the values that would print."""

import struct

import numpy as np
import pytest
from click.testing import CliRunner

import actplot
from actplot import charts, plotting
from actplot.cli import cli


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def run(*args):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize(
    ("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")]
)
def test_output_suffix_picks_the_format(tmp_path, suffix, magic):
    path = tmp_path / f"sigmoid{suffix}"
    result = run("sigmoid", "--range", "-5", "5", "-o", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert path.read_bytes().startswith(magic)


def test_png_is_640_by_480_at_the_default_size(tmp_path):
    path = tmp_path / "s.png"
    run("sigmoid", "--range", "-5", "5", "-o", str(path))
    assert _png_size(path.read_bytes()) == (640, 480)


def test_dash_writes_png_bytes_to_stdout():
    result = CliRunner().invoke(cli, ["relu", "--range", "-5", "5", "-o", "-"])
    assert result.exit_code == 0
    assert _png_size(result.stdout_bytes) == (640, 480)


def test_same_command_writes_the_same_bytes(tmp_path):
    for suffix in (".png", ".svg", ".pdf"):
        first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        run("tanh", "--range", "-3", "3", "-o", str(first))
        run("tanh", "--range", "-3", "3", "-o", str(second))
        assert first.read_bytes() == second.read_bytes(), suffix


def test_unknown_suffix_is_an_error_and_leaves_no_file(tmp_path):
    path = tmp_path / "plot.gif"
    result = run("sigmoid", "1", "-o", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: unknown image format '.gif'; use .png, .svg or .pdf\n"
    assert list(tmp_path.iterdir()) == []


def test_missing_directory_is_an_error(tmp_path):
    path = tmp_path / "no" / "such" / "plot.png"
    result = run("sigmoid", "1", "-o", str(path))
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_an_existing_file_untouched(tmp_path, monkeypatch):
    path = tmp_path / "keep.png"
    path.write_bytes(b"precious")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("matplotlib.figure.Figure.savefig", broken)
    result = run("sigmoid", "1", "-o", str(path))
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert path.read_bytes() == b"precious"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.png"]


def test_curve_holds_the_printed_values():
    record = actplot.get("sigmoid")
    x = np.linspace(-5, 5, 101)
    fig = plotting.figure(charts.function_chart(record, x, record.function(x), style="curve"))
    (line,) = fig.axes[0].get_lines()[:1]
    np.testing.assert_array_equal(line.get_xdata(), x)
    np.testing.assert_array_equal(line.get_ydata(), actplot.sigmoid(x))


@pytest.mark.parametrize(("name", "limits"), [("sigmoid", (-0.1, 1.1)), ("relu", (-1.0, 5.0))])
def test_y_limits_are_the_articles(name, limits):
    record = actplot.get(name)
    x = np.linspace(-5, 5, 101)
    assert charts.y_limits(record.output_range, record.function(x)) == pytest.approx(limits)


def test_softmax_of_a_list_is_bars_with_the_probabilities():
    record = actplot.get("softmax")
    x = np.array([1.0, 2.0, 3.0])
    fig = plotting.figure(charts.function_chart(record, x, record.function(x), style="bars"))
    heights = [patch.get_height() for patch in fig.axes[0].patches]
    assert heights == pytest.approx([0.09003057, 0.24472847, 0.66524096], abs=5e-9)
    labels = [text.get_text() for text in fig.axes[0].texts]
    assert labels == ["0.09003", "0.2447", "0.6652"]
