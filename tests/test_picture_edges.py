"""Plots at the edges a newcomer walks into: targets that are pipes or devices, one-sample
ranges, jumps at the ends of a range, many series, tiny sizes, odd parameters and API misuse;
each read back (the file's bytes, the axes, the pixels, the terminal text, the error)."""

from __future__ import annotations

import os
import stat
import threading

import pytest
from test_pictures import assert_clean
from test_plotting import run

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
