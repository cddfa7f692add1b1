"""Pictures that never lie and never crash: each fault found in the plots, as the command that
showed it, with the picture read back (limits, the pixels inside and outside the axes, the
line's points, the SVG's elements and text, the PDF's fonts)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib.image
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.ft2font import FT2Font
from test_plotting import (
    assert_whole_file,
    bar_labels,
    caught_figures,
    draw,
    formula_of,
    renderer,
    run,
    series,
    title_of,
)

import actplot
from actplot import plotting

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture
def figures():
    with caught_figures() as caught:
        yield caught


def assert_clean(result, status: int = 0) -> None:
    """Exit ``status``; nothing on stderr but, for a usage error, Click's usage and one line."""
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr, result.stderr
    if status == 0:
        assert result.stderr == ""
    else:
        assert result.stderr.startswith("Usage: actplot ") and result.stderr.count("Error:") == 1, result.stderr


def curve_pixels(image: np.ndarray, colour: str) -> np.ndarray:
    """A mask of the pixels drawn in a series' colour (anti-aliased edges excluded)."""
    return np.linalg.norm(image[..., :3] - to_rgb(colour), axis=-1) < 0.12


def axes_box(ax, image: np.ndarray) -> tuple[slice, slice]:
    """The rows and columns of the image inside the axes' frame."""
    box = ax.get_window_extent()
    height = image.shape[0]
    return slice(int(height - box.y1), int(height - box.y0) + 1), slice(int(box.x0), int(box.x1) + 1)


def outside_axes(ax, image: np.ndarray, mask: np.ndarray) -> int:
    """How many pixels of the mask lie outside the axes' frame (a 2-pixel border allowed)."""
    rows, columns = axes_box(ax, image)
    inside = np.zeros(mask.shape, dtype=bool)
    inside[max(rows.start - 2, 0) : rows.stop + 2, max(columns.start - 2, 0) : columns.stop + 2] = True
    return int(np.sum(mask & ~inside))


def picture(figures, tmp_path, *args):
    """Draw to a PNG; the axes and the image."""
    ax = draw(figures, tmp_path, *args)
    return ax, matplotlib.image.imread(tmp_path / "plot.png")


# 1. The parameters in force shape the picture


def test_elu_limits_come_from_the_alpha_in_force(figures, tmp_path):
    ax, image = picture(figures, tmp_path, "elu", "--alpha", "3", "--range", "-5", "5")
    low, high = ax.get_ylim()
    assert -5 < low < -3 and high == pytest.approx(5)  # the bound -3 with the article's margin
    assert title_of(ax) == "elu (α = 3)"
    assert outside_axes(ax, image, curve_pixels(image, "C0")) == 0


def test_hard_tanh_limits_and_title_come_from_its_clip_values(figures, tmp_path):
    ax = draw(figures, tmp_path, "hard_tanh", "--min-val", "-2", "--max-val", "3", "--range", "-5", "5")
    assert ax.get_ylim() == pytest.approx((-2.5, 3.5))
    assert title_of(ax) == "hard_tanh (min_val = \u22122, max_val = 3)"
    assert "min\\_val" in formula_of(ax) and "-1" not in formula_of(ax)
    (line,) = series(ax)
    assert (min(line.get_ydata()), max(line.get_ydata())) == (-2, 3)


def test_a_derivative_beyond_the_functions_range_stays_inside_the_axes(figures, tmp_path):
    args = ("hard_sigmoid", "--slope", "2", "--range", "-3", "3", "--with-derivative")
    ax, image = picture(figures, tmp_path, *args)
    assert ax.get_ylim()[1] >= 2  # the derivative's 2 is in view
    assert title_of(ax) == "hard_sigmoid (slope = 2)"
    assert all(line.get_clip_on() for line in series(ax))
    for colour in ("C0", "C1"):
        assert curve_pixels(image, colour).sum() > 100
        assert outside_axes(ax, image, curve_pixels(image, colour)) == 0


def test_compat_is_named_in_the_title(figures, tmp_path):
    ax = draw(figures, tmp_path, "leaky_relu", "--compat", "keras", "--range", "-5", "5")
    assert title_of(ax) == "leaky_relu (α = 0.2, --compat keras)"


def test_gelus_formula_is_the_form_in_force(figures, tmp_path):
    ax = draw(figures, tmp_path, "gelu", "--approximate", "tanh", "--range", "-3", "3")
    assert "tanh" in formula_of(ax) and "erf" not in formula_of(ax)


def test_the_function_command_and_plot_draw_the_same_picture(tmp_path):
    alone, overlaid = tmp_path / "alone.png", tmp_path / "plot.png"
    with caught_figures() as caught:
        run("elu", "--alpha", "3", "--range", "-5", "5", "-o", str(alone))
        run("plot", "elu:alpha=3", "--range", "-5", "5", "-o", str(overlaid))
    (a,), (b,) = caught[0].axes, caught[1].axes
    assert a.get_ylim() == b.get_ylim() and a.get_xlim() == b.get_xlim()
    np.testing.assert_array_equal(series(a)[0].get_xydata(), series(b)[0].get_xydata())


# 2. A zoomed range fills the axes


def filled(limits, values) -> float:
    return (np.nanmax(values) - np.nanmin(values)) / (limits[1] - limits[0])


@pytest.mark.parametrize(
    ("args", "origin"),
    [
        (("sigmoid", "--range", "2", "4"), False),
        (("identity", "--range", "1000", "1001"), False),
        (("relu", "--range", "1000", "2000"), False),
        (("tanh", "--range", "0.5", "3"), False),
    ],
)
def test_a_zoomed_range_fills_the_axes(figures, tmp_path, args, origin):
    ax = draw(figures, tmp_path, *args)
    (line,) = series(ax)
    assert filled(ax.get_xlim(), line.get_xdata()) > 0.85
    assert filled(ax.get_ylim(), line.get_ydata()) > 0.75
    assert (ax.get_xlim()[0] <= 0) == origin


# 3. Jumps are drawn as jumps


@pytest.mark.parametrize(("args", "kink"), [(("step",), 0.0), (("relu", "-d"), 0.0), (("relu6", "-d"), 0.0)])
def test_a_jump_is_a_break_not_a_ramp(figures, tmp_path, args, kink):
    ax, image = picture(figures, tmp_path, *args, "--range", "-2", "2")
    (line,) = series(ax)
    x, y = line.get_xdata(), line.get_ydata()
    # Joined points are never on either side of the kink: a NaN stands between them.
    for i in range(len(x) - 1):
        if x[i] <= kink <= x[i + 1] and not (np.isnan(y[i]) or np.isnan(y[i + 1])):
            assert y[i] == y[i + 1] or x[i] == x[i + 1] == kink and False, (x[i], y[i], x[i + 1], y[i + 1])
    # The one-sided limits stand at the kink itself: the flat parts reach it.
    assert {(kink, 0.0), (kink, 1.0)} <= {(a, b) for a, b in zip(x, y, strict=True)}
    # No pixel of the curve's colour between the two levels, just beside the kink.
    column = int(ax.transData.transform((kink + 0.05, 0.5))[0])
    rows, _ = axes_box(ax, image)
    top, bottom = (image.shape[0] - ax.transData.transform((0, level))[1] for level in (0.9, 0.1))
    strip = curve_pixels(image, "C0")[int(top) : int(bottom), column - 1 : column + 2]
    assert strip.sum() == 0


def test_a_kink_inside_the_range_is_drawn_at_its_corner(figures, tmp_path):
    ax = draw(figures, tmp_path, "relu6", "--range", "-1", "7", "--num", "9")  # samples miss no kink but 6 lies on one
    (line,) = series(ax)
    points = set(zip(line.get_xdata(), line.get_ydata(), strict=True))
    assert {(0.0, 0.0), (6.0, 6.0)} <= points
    ax = draw_again = None  # noqa: F841
    figures.clear()
    ax = draw(figures, tmp_path, "hard_tanh", "--range", "-2", "2", "--num", "4")  # -2, -0.67, 0.67, 2
    (line,) = series(ax)
    assert {(-1.0, -1.0), (1.0, 1.0)} <= set(zip(line.get_xdata(), line.get_ydata(), strict=True))


# 4. Extreme and degenerate ranges: a plot or one usage error


def test_the_whole_double_range_is_drawn_in_units_of_its_size(figures, tmp_path):
    ax = draw(figures, tmp_path, "sigmoid", "--range", "-1e308", "1e308", "--num", "5")
    assert ax.get_xlabel() == "x (×10³⁰⁸)"
    (line,) = series(ax)
    assert line.get_xdata()[-1] == pytest.approx(1.0)
    assert ax.get_ylim() == pytest.approx((-0.1, 1.1))


def test_an_xlim_over_the_whole_double_range_is_drawn(figures, tmp_path):
    ax = draw(figures, tmp_path, "tanh", "--range", "-5", "5", "--xlim", "-1e308", "1e308")
    assert ax.get_xlim() == pytest.approx((-1.0, 1.0))
    assert ax.get_xlabel() == "x (×10³⁰⁸)"


def test_subnormal_ranges_are_drawn_in_units_of_their_size(figures, tmp_path):
    ax = draw(figures, tmp_path, "identity", "--range", "0", "1e-310", "--num", "11")
    assert ax.get_xlabel() == "x (×10⁻³¹⁰)" and ax.get_ylabel() == "h(x) (×10⁻³¹⁰)"
    (line,) = series(ax)
    assert line.get_xdata()[-1] == pytest.approx(1.0) and filled(ax.get_ylim(), line.get_ydata()) > 0.85


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--ylim", "1", "1"), "needs LOW < HIGH"),
        (("--xlim", "3", "-3"), "needs LOW < HIGH"),
        (("--xlim", "1", "1.0000000000000002"), "narrower than a plot can show"),
        (("--size", "200", "200", "--dpi", "1200"), "240000 x 240000 pixels"),
        (("--size", "0.1", "3"), "0.5 to 200 inches"),
    ],
)
def test_limits_and_sizes_no_plot_can_have_are_usage_errors(tmp_path, args, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = run("tanh", "--range", "-5", "5", *args, "-o", str(tmp_path / "p.png"))
    assert_clean(result, 2)
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_size_for_both_a_file_and_the_terminal_is_a_usage_error(tmp_path):
    result = run("relu", "--range", "-5", "5", "-o", str(tmp_path / "p.png"), "--terminal", "--size", "80", "24")
    assert_clean(result, 2)
    assert "--size is characters for --terminal and inches for -o" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_reversed_sheet_range_is_a_usage_error(tmp_path):
    result = run("sheet", "-o", str(tmp_path / "x.png"), "--range", "3", "-3")
    assert_clean(result, 2)
    assert "range is reversed" in result.stderr


def test_an_infinite_bar_reaches_the_edge_with_its_value_written(figures, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = draw(figures, tmp_path, "log_softmax", "-inf", "0")
    low, high = ax.get_ylim()
    assert high - low >= 1  # not 0..1.6e-17
    heights = [bar.get_height() for bar in ax.patches]
    assert heights == [low, 0.0]  # the -inf bar runs to the frame
    assert [text.get_text() for text in bar_labels(ax)] == ["\u2212inf", "0"]


def test_a_row_that_is_nan_draws_no_bars_and_says_nan(figures, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = draw(figures, tmp_path, "log_softmax", "-inf", "-inf")
    assert [bar.get_height() for bar in ax.patches] == [0.0, 0.0]
    assert [text.get_text() for text in bar_labels(ax)] == ["nan", "nan"]


# 5. Many series, many bars


def test_many_functions_each_read_apart_and_the_title_wraps_inside_the_figure(figures, tmp_path):
    names = "sigmoid tanh relu gelu silu mish softplus elu selu celu hard_swish hard_sigmoid".split()
    path = tmp_path / "m.png"
    result = run("plot", *names, "--range", "-5", "5", "-o", str(path))
    assert_clean(result)
    (fig,) = figures
    (ax,) = fig.axes
    styles = [(line.get_color(), line.get_marker(), line.get_linestyle()) for line in series(ax)]
    assert len(styles) == len(names) == len(set(styles))
    drawn = renderer(fig)
    figure_box = fig.bbox
    for text in ax.texts:
        box = text.get_window_extent(drawn)
        assert figure_box.x0 <= box.x0 and box.x1 <= figure_box.x1 and box.y1 <= figure_box.y1, text.get_text()
    assert title_of(ax).count("hard_sigmoid") == 1


def overlapping(boxes) -> list:
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]


@pytest.mark.parametrize("count", [30, 100])
def test_many_bars_have_labels_that_never_overlap(figures, tmp_path, count):
    result = run("softmax", *map(str, range(1, count + 1)), "-o", str(tmp_path / "s.png"))
    assert_clean(result)
    (ax,) = figures[0].axes
    drawn = renderer(figures[0])
    labels = [text.get_window_extent(drawn) for text in bar_labels(ax)]
    ticks = [t.get_window_extent(drawn) for t in ax.get_xticklabels() if t.get_text()]
    assert len(labels) >= 10 and len(ticks) >= 5
    assert overlapping(labels) == [] and overlapping(ticks) == []


BAR_PICTURES = [
    ("sheet", "--family", "vector"),
    *((name, "1", "2", "3", "--size", "2.5", "2") for name in ("sparsemax", "entmax15", "log_softmax", "softmin")),
    ("softmax", "0", "0", "9", "--size", "3", "2"),  # a probability of 1.0 at the top
    ("softmax", "1", "2", "3", "--ylim", "0", "0.666"),  # a bar that ends at the frame
    ("log_softmax", *map(str, range(1, 41)), "--size", "3", "2"),  # labels upright, thinned
]


@pytest.mark.parametrize("args", BAR_PICTURES, ids=" ".join)
def test_bar_labels_stay_inside_the_axes_clear_of_the_formula_and_title(figures, tmp_path, args):
    # sparsemax's "1" on the vector sheet stood at the frame's top, over its panel's formula
    assert_clean(run(*args, "-o", str(tmp_path / "bars.png")))
    (fig,) = figures
    drawn = renderer(fig)
    for ax in fig.axes:
        frame = ax.get_window_extent(drawn)
        above = [text.get_window_extent(drawn) for text in ax.texts if text.get_gid() in ("title", "formula")]
        for text in bar_labels(ax):
            box = text.get_window_extent(drawn)
            inside = frame.x0 - 0.5 <= box.x0 and box.x1 <= frame.x1 + 0.5
            inside = inside and frame.y0 - 0.5 <= box.y0 and box.y1 <= frame.y1 + 0.5
            assert inside, (title_of(ax), text.get_text(), box, frame)
            assert not any(box.overlaps(other) for other in above), (title_of(ax), text.get_text())
    labels = {title_of(ax).split()[0]: [t.get_text() for t in bar_labels(ax)] for ax in fig.axes}
    if args[0] == "sheet":
        assert labels["sparsemax"] == ["0", "0", "1"]


# 6. Text: any script, literal titles, text as text


def svg_of(tmp_path, *args) -> str:
    path = tmp_path / "t.svg"
    result = run("sigmoid", "--range", "-5", "5", *args, "-o", str(path))
    assert_clean(result)
    return assert_whole_file(path).decode()


def test_a_japanese_title_draws_every_glyph_without_a_warning(figures, tmp_path):
    title = "シグモイド関数"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = draw(figures, tmp_path, "sigmoid", "--range", "-5", "5", "--title", title)
    (text,) = [t for t in ax.texts if t.get_gid() == "title"]
    fonts = [FT2Font(path) for path in plotting._font_paths()]
    assert "IPAexGothic" in text.get_fontfamily()
    assert all(any(font.get_char_index(ord(c)) for font in fonts) for c in title)
    # The glyphs are drawn: the title's box holds dark pixels across its width.
    image = matplotlib.image.imread(tmp_path / "plot.png")
    box = text.get_window_extent(renderer(figures[0]))
    rows = slice(int(image.shape[0] - box.y1), int(image.shape[0] - box.y0))
    dark = image[rows, int(box.x0) : int(box.x1), :3].mean(axis=-1) < 0.5
    assert dark.any(axis=0).mean() > 0.6


def test_a_japanese_title_in_a_fresh_process_prints_no_warning(tmp_path):
    args = ["sigmoid", "--range", "-5", "5", "--title", "シグモイド関数", "-o", str(tmp_path / "j.png")]
    done = subprocess.run(
        [sys.executable, "-m", "actplot", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_a_title_no_font_can_draw_is_a_usage_error(tmp_path):
    result = run("sigmoid", "--range", "-5", "5", "--title", "활성화 함수", "-o", str(tmp_path / "k.png"))
    assert_clean(result, 2)
    assert "U+D65C" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("char", ["\ufeff", "\x01", "\x0e", "\x7f", "\x90", "\u200b", "\U00013434", "\udc85"])
@pytest.mark.parametrize("suffix", [".png", ".pdf"])
def test_a_title_with_a_character_not_drawn_is_a_usage_error(tmp_path, char, suffix):
    # U+FEFF crashed the PDF writer with a traceback; U+0001 and the C1 controls warned "Glyph missing";
    # U+DC85 is the byte 0x85 of an argument not in the locale's encoding
    result = run("sigmoid", "--range", "-5", "5", "--title", f"a{char}b", "-o", str(tmp_path / f"k{suffix}"))
    assert_clean(result, 2)
    assert f"U+{ord(char):04X}" in result.stderr and "not text to draw" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\ue000", "\U0010fffd", "\u0378"])
@pytest.mark.parametrize("output", [["--terminal"], ["-o", "k.png"]])
def test_a_title_with_escapes_private_use_or_unassigned_characters_is_refused(tmp_path, char, output):
    # --terminal printed ESC and BEL to the terminal; U+E000 was called a control or format character
    args = ["sigmoid", "--range", "-5", "5", "--title", f"a{char}[31mb", *output[:1]]
    result = run(*args, *[str(tmp_path / name) for name in output[1:]])
    assert_clean(result, 2)
    assert f"U+{ord(char):04X}" in result.stderr and "private-use or unassigned" in result.stderr
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


def test_a_terminal_plot_prints_its_title():
    result = run("sigmoid", "--range", "-5", "5", "--terminal", "--size", "40", "10", "--title", "a\tb")
    assert_clean(result, 0)
    assert result.stdout.splitlines()[0].strip() == "a b"


@pytest.mark.parametrize("space", ["\t", "\r", "\x0b", "\x85", "\xa0", "\u2028", "\u3000"])
def test_a_title_may_hold_any_white_space(tmp_path, space):
    result = run("sigmoid", "--range", "-5", "5", "--title", f"a{space}b", "-o", str(tmp_path / "k.pdf"))
    assert_clean(result, 0)


def test_a_users_title_is_literal_text(tmp_path):
    svg = svg_of(tmp_path, "--title", "cost is $5 and $6")
    assert re.search(r"<text[^>]*>cost is \$5 and \$6</text>", svg)


def test_svg_keeps_text_as_text(tmp_path):
    svg = svg_of(tmp_path, "--title", "シグモイド関数")
    assert re.search(r"<text[^>]*>シグモイド関数</text>", svg)
    assert "IPAexGothic" in svg
    assert not re.search(r'<path id="DejaVuSans-', svg)  # no glyph outlines
    assert re.search(r"<text[^>]*>x</text>", svg)  # the axis label


def test_pdf_embeds_truetype_fonts_not_type3(tmp_path):
    path = tmp_path / "t.pdf"
    assert_clean(run("sigmoid", "--range", "-5", "5", "--title", "シグモイド関数", "-o", str(path)))
    pdf = assert_whole_file(path)
    assert b"/Type3" not in pdf and b"/Subtype /Type3" not in pdf
    assert b"/CIDFontType2" in pdf and b"/FontFile2" in pdf
    assert b"IPAexGothic" in pdf and b"DejaVuSans" in pdf


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_a_japanese_title_writes_the_same_bytes_in_a_fresh_process(tmp_path, suffix):
    here, there = tmp_path / f"here{suffix}", tmp_path / f"there{suffix}"
    args = ["sigmoid", "--range", "-5", "5", "--title", "シグモイド関数 $5", "-o"]
    assert_clean(run(*args, str(here)))
    env = {**os.environ, "PYTHONHASHSEED": "7", "MPLBACKEND": "Agg"}
    subprocess.run([sys.executable, "-m", "actplot", *args, str(there)], env=env, check=True, timeout=120)
    assert assert_whole_file(here) == assert_whole_file(there)


# 8. Smaller


def test_a_symbolic_link_is_written_through(tmp_path):
    target = tmp_path / "target.png"
    target.write_bytes(b"old")
    link = tmp_path / "link.png"
    link.symlink_to(target)
    assert_clean(run("relu", "--range", "-5", "5", "-o", str(link)))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert_whole_file(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.png", "target.png"]


def test_a_derivative_alone_leaves_no_empty_band_for_a_formula(tmp_path):
    tops = {}
    for flags in ([], ["-d"]):
        with caught_figures() as caught:
            assert_clean(run("sigmoid", "--range", "-5", "5", *flags, "-o", str(tmp_path / "p.png")))
        (fig,) = caught
        (ax,) = fig.axes
        drawn = renderer(fig)
        lowest = min(t.get_window_extent(drawn).y0 for t in ax.texts if t.get_gid() in ("title", "formula"))
        gap = (lowest - ax.get_window_extent(drawn).y1) / fig.dpi
        assert 0 < gap < 0.15  # the title sits on the axes (or on the formula above them)
        tops[bool(flags)] = ax.get_position().y1
    assert tops[True] > tops[False] + 0.04  # without a formula the axes reach higher


def test_the_sheets_relu6_reaches_six(tmp_path):
    with caught_figures() as caught:
        assert_clean(run("sheet", "relu6", "relu", "-o", str(tmp_path / "s.png")))
    relu6 = next(ax for ax in caught[0].axes if title_of(ax) == "relu6")
    function = series(relu6)[0]
    assert relu6.get_xlim()[1] > 6 and max(function.get_ydata()) == 6


def test_the_readmes_first_plot_is_ignored_by_git():
    if not (REPOSITORY / ".git").exists():
        pytest.skip("not a git checkout")
    done = subprocess.run(["git", "check-ignore", "-q", "sigmoid.png"], cwd=REPOSITORY, timeout=30)
    assert done.returncode == 0


# The cheat sheet: any number of functions, by pages or by family


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 8 panels (2 rows), so that today's functions fill several."""
    monkeypatch.setattr(plotting, "SHEET_ROWS", 2)
    return 2 * plotting.SHEET_COLUMNS


def test_a_pdf_sheet_holds_every_function_on_pages_family_by_family(tmp_path, small_pages):
    path = tmp_path / "s.pdf"
    with caught_figures() as caught:
        assert_clean(run("sheet", "-o", str(path)))
    panels = [[title_of(ax).split(" (")[0].split(" along ")[0] for ax in fig.axes] for fig in caught]
    assert [name for page in panels for name in page] == actplot.names()
    assert all(len(page) <= small_pages for page in panels)
    assert page_count(assert_whole_file(path)) == len(caught) > 1
    families = [{actplot.get(name).family for name in page} for page in panels]
    for earlier, later in zip(families, families[1:], strict=False):  # a family on one page unless it fills more
        shared = earlier & later
        assert all(sum(actplot.get(n).family == f for n in actplot.names()) > small_pages for f in shared) or not shared


def test_a_png_sheet_of_several_pages_is_a_usage_error_that_says_how_to_choose(tmp_path, small_pages):
    result = run("sheet", "-o", str(tmp_path / "s.png"))
    assert_clean(result, 2)
    assert "--family" in result.stderr and ".pdf" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_family_chooses_a_page(tmp_path, small_pages):
    with caught_figures() as caught:
        assert_clean(run("sheet", "--family", "relu", "-o", str(tmp_path / "r.png")))
    relu = [name for name in actplot.names() if actplot.get(name).family == actplot.get("relu").family]
    assert [title_of(ax).split(" (")[0] for ax in caught[0].axes] == relu


def test_functions_named_choose_the_panels(tmp_path):
    with caught_figures() as caught:
        assert_clean(run("sheet", "sigmoid", "tanh", "elu:alpha=2", "-o", str(tmp_path / "s.svg")))
    assert [title_of(ax) for ax in caught[0].axes] == ["sigmoid", "tanh", "elu (α = 2)"]


def test_an_unknown_family_is_a_usage_error_listing_the_families(tmp_path):
    result = run("sheet", "--family", "nosuch", "-o", str(tmp_path / "s.png"))
    assert_clean(result, 2)
    assert "relu" in result.stderr and "sigmoid" in result.stderr


def test_every_panel_of_a_full_a4_page_is_legible(tmp_path):
    names = [name for name in actplot.names()] * 2
    specs = [f"{name}" for name in names if not actplot.get(name).drawn_as_bars][:24]
    with caught_figures() as caught:
        assert_clean(run("sheet", *specs, "-o", str(tmp_path / "s.pdf")))
    (fig,) = caught
    assert len(fig.axes) == 24
    width, height = fig.get_size_inches()
    drawn = renderer(fig)
    boxes = []
    for ax in fig.axes:
        box = ax.get_position()
        assert box.width * width > 1.2 and box.height * height > 0.75  # inches of plot per panel
        assert min(t.get_fontsize() for t in ax.get_xticklabels()) >= 6
        boxes += [t.get_window_extent(drawn) for t in ax.texts if t.get_text()]
        boxes.append(ax.get_tightbbox(drawn))
    outside = [b for b in boxes if not (fig.bbox.x0 <= b.x0 and b.x1 <= fig.bbox.x1 + 1 and b.y1 <= fig.bbox.y1)]
    assert outside == []
