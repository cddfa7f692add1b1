"""Plots at the edges a newcomer walks into: targets that are pipes or devices, one-sample
ranges, jumps at the ends of a range, many series, tiny sizes, odd parameters and API misuse;
each read back (the file's bytes, the axes, the pixels, the terminal text, the error)."""

from __future__ import annotations

import os
import stat
import threading

import numpy as np
import pytest
from test_pictures import assert_clean, curve_pixels, picture
from test_plotting import draw, run, series


@pytest.fixture
def figures():
    from test_plotting import caught_figures

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
        ("sigmoid", "--range", "1e-300", "2e-300"),  # narrower than the default step: one sample
        ("identity", "--range", "1000", "1000.000001"),
        ("tanh", "--range", "1", "1.0000000000000002"),
        ("step", "--range", "-1e-300", "1e-300"),
    ],
)
def test_a_range_of_one_sample_draws_it_as_a_point(figures, tmp_path, args):
    ax, image = picture(figures, tmp_path, *args)
    (line,) = series(ax)
    assert line.get_marker() not in (None, "None", "") and len(line.get_xdata()) == 1
    x, y = line.get_xdata()[0], line.get_ydata()[0]
    assert ax.get_xlim()[0] < x < ax.get_xlim()[1] and ax.get_ylim()[0] < y < ax.get_ylim()[1]
    assert marks(image, "C0") > 10


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
