"""Options shared by many commands, each defined once, and the helpers they need: numbers as
parameters, where a plot goes, the parameters of a function, stdout for bytes."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import BinaryIO

import click
import numpy as np

from actplot import functions, inputs
from actplot.formats import FORMATS
from actplot.functions import FRAMEWORK_NAMES, FRAMEWORKS, Activation

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# Negative numbers are values: unknown option-like tokens reach VALUES, and are checked there.
FUNCTION_CONTEXT = {**CONTEXT, "ignore_unknown_options": True}


class Number(click.ParamType):
    """A finite number for a parameter: decimal, scientific, or a fraction such as 1/6."""

    name = "number"

    def convert(self, value, param, ctx):
        if isinstance(value, float):
            return value
        text = str(value).strip()
        try:
            if "/" in text:
                from fractions import Fraction

                top, bottom = text.split("/")
                number = float(
                    Fraction(inputs.parse_number(top.strip())) / Fraction(inputs.parse_number(bottom.strip()))
                )
            else:
                number = inputs.parse_number(text)
        except (ValueError, ZeroDivisionError, OverflowError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if not np.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


def drawn_range_option(help: str) -> click.Option:
    """``--range`` of the drawing commands: the article's -5..5 unless given."""
    return click.Option(
        ["--range", "range_"], nargs=2, default=("-5", "5"), show_default=True, metavar="START STOP", help=help
    )


def sampling_options() -> list[click.Option]:
    """How ``--range`` is sampled, for printing and for ``plot``."""
    return [
        click.Option(["--step"], metavar="S", help="Spacing of the --range samples.  [default: 0.1]"),
        click.Option(["--num"], type=int, metavar="N", help="N evenly spaced --range samples instead of a step."),
    ]


def compat_option() -> click.Option:
    return click.Option(
        ["--compat"],
        type=click.Choice(FRAMEWORKS),
        default="torch",
        show_default=True,
        help="Take what frameworks disagree on from this framework: the defaults (gelu's form, leaky_relu's slope, "
        "hard_sigmoid's form, SELU's constants) and the derivative at kinks (leaky_relu'(0), hard_tanh'(+-1)): "
        + "; ".join(f"{key} = {name}" for key, name in FRAMEWORK_NAMES.items())
        + ".",
    )


def shared_options() -> list[click.Parameter]:
    """The options every function command has, defined once."""
    return [
        click.Option(
            ["--range", "range_"],
            nargs=2,
            metavar="START STOP",
            help="Sample the closed interval START..STOP (step 0.1 unless --step or --num).",
        ),
        *sampling_options(),
        click.Option(["-d", "--derivative"], is_flag=True, help="Evaluate the derivative instead."),
        click.Option(
            ["--format", "fmt"],
            type=click.Choice(FORMATS),
            default="plain",
            show_default=True,
            help="Output format; tsv and csv carry a header, json is one document.",
        ),
        click.Option(
            ["--with-x/--no-x"],
            default=None,
            help="Print the input beside each result.  [default: with x for --range and json]",
        ),
        click.Option(
            ["--precision"],
            type=click.IntRange(1, 17),
            metavar="N",
            help="N significant digits instead of the shortest exact form.",
        ),
        click.Option(
            ["--on-invalid"],
            type=click.Choice(["error", "skip", "nan"]),
            default="error",
            show_default=True,
            help="A token that is not a number: stop with an error, skip it, or read it as nan "
            "(skip and nan count them on stderr).",
        ),
        compat_option(),
    ]


def plot_options() -> list[click.Parameter]:
    """Where and how to draw, shared by the function commands and ``plot``; defined once."""
    return [
        click.Option(
            ["-o", "--output"],
            metavar="FILE",
            help="Write a plot instead of printing: .png, .svg or .pdf by suffix; '-' for PNG on stdout.",
        ),
        click.Option(["--terminal"], is_flag=True, help="Draw the plot in the terminal with Unicode characters."),
        click.Option(["--show"], is_flag=True, help="Open the plot in a window (needs a display)."),
        click.Option(["--with-derivative"], is_flag=True, help="Overlay the derivative, dashed."),
        click.Option(["--title"], metavar="TEXT", help="Title of the plot.  [default: the function's name]"),
        click.Option(["--xlim"], nargs=2, type=Number(), metavar="LOW HIGH", help="Limits of the x axis."),
        click.Option(
            ["--ylim"],
            nargs=2,
            type=Number(),
            metavar="LOW HIGH",
            help="Limits of the y axis.  [default: the output range with a margin]",
        ),
        click.Option(
            ["--size"],
            nargs=2,
            type=Number(),
            metavar="W H",
            help="Size: inches for files and windows (0.5 to 200; default 6.4 4.8), columns and rows for "
            "--terminal (default: the terminal's, or $COLUMNS and $LINES).",
        ),
        click.Option(
            ["--dpi"],
            type=click.FloatRange(min=10, max=1200),
            metavar="N",
            help="Pixels per inch of a PNG.  [default: 100]",
        ),
    ]


@dataclass(frozen=True)
class Drawing:
    """Where a plot goes and how it looks, as the options gave them."""

    output: str | None = None
    terminal: bool = False
    show: bool = False
    with_derivative: bool = False
    title: str | None = None
    xlim: tuple[float, float] | None = None
    ylim: tuple[float, float] | None = None
    size: tuple[float, float] | None = None
    dpi: float | None = None

    @classmethod
    def pop(cls, options: dict) -> Drawing:
        """Take the drawing options out of a command's options."""
        given = {f: options.pop(f) for f in cls.__dataclass_fields__ if f in options}
        return cls(**{f: None if value == () else value for f, value in given.items()})

    @property
    def wanted(self) -> bool:
        return bool(self.output or self.terminal or self.show)

    def check(self, ctx: click.Context) -> None:
        """Usage errors before any work: options that need a plot, two plots on stdout, a bad
        path, limits or size no plot can have, a title no font can draw."""
        if not self.wanted:
            given = [
                name for name in ("with_derivative", "title", "xlim", "ylim", "size", "dpi") if getattr(self, name)
            ]
            if given:
                option = "--" + given[0].replace("_", "-")
                raise click.UsageError(f"{option} shapes a plot: add -o FILE, --terminal or --show", ctx)
            return
        if self.output == "-" and self.terminal:
            raise click.UsageError("-o - and --terminal would both write to stdout; choose one", ctx)
        if self.output == "-" and sys.stdout is not None and sys.stdout.isatty():
            raise click.UsageError("-o - writes PNG bytes, not for a terminal: redirect them (-o - > plot.png)", ctx)
        from actplot import charts

        for option, limits in (("--xlim", self.xlim), ("--ylim", self.ylim)):
            if limits is not None:
                try:
                    charts.check_limits(option, *limits)
                except charts.ChartError as error:
                    raise click.BadParameter(str(error).removeprefix(option + " "), param_hint=f"'{option}'") from None
        self._check_size(ctx)
        if self.output is None and not self.show:
            return
        from actplot import plotting

        try:
            if self.output is not None:
                plotting.check_target(self.output)
        except plotting.PlotError as error:
            raise click.ClickException(str(error)) from None
        try:
            if self.output is not None and plotting.plot_format(self.output) == "png":
                plotting.check_raster(self.size or plotting.DEFAULT_SIZE, self.dpi or plotting.DEFAULT_DPI)
            if self.title:
                plotting.check_text(self.title)
        except plotting.PlotError as error:
            raise click.UsageError(str(error), ctx) from None

    def _check_size(self, ctx: click.Context) -> None:
        """--size is characters for --terminal and inches otherwise: one meaning per command."""
        if self.size is None:
            return
        if self.terminal:
            if self.output is not None or self.show:
                raise click.UsageError("--size is characters for --terminal and inches for -o/--show: draw one", ctx)
            from actplot import terminal

            (low_w, low_h), (high_w, high_h) = terminal.MIN_SIZE, terminal.MAX_SIZE
            columns, rows = self.size
            if not (
                columns == int(columns) and rows == int(rows) and low_w <= columns <= high_w and low_h <= rows <= high_h
            ):
                raise click.BadParameter(
                    f"a terminal plot is {low_w} to {high_w} columns by {low_h} to {high_h} rows, whole numbers; "
                    f"not {columns:g} {rows:g}",
                    param_hint="'--size'",
                )
        elif not all(0.5 <= side <= 200 for side in self.size):
            raise click.BadParameter(
                f"a plot is 0.5 to 200 inches a side, not {self.size[0]:g} {self.size[1]:g}", param_hint="'--size'"
            )

    def draw(self, chart) -> None:
        """Write, print and show the chart as asked."""
        from actplot import plotting

        try:
            if self.output is not None:
                fig = plotting.figure(chart, self.size or plotting.DEFAULT_SIZE)
                stdout = binary_stdout() if self.output == "-" else None
                plotting.save(fig, self.output, stdout=stdout, dpi=self.dpi or plotting.DEFAULT_DPI)
            if self.terminal:
                from actplot import terminal

                size = (int(self.size[0]), int(self.size[1])) if self.size else None
                color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
                binary_stdout().write(terminal.render(chart, size, color=color).encode())
            if self.show:
                plotting.show(chart, self.size or plotting.DEFAULT_SIZE)
        except plotting.PlotError as error:
            raise click.ClickException(str(error)) from None


MAX_PLOT_POINTS = 10**7


def check_plot_size(ctx: click.Context, range_, step, num) -> None:
    """A plot of more points than a figure can show is a usage error, found before sampling."""
    try:
        count = inputs.range_size(range_[0], range_[1], step, num)
    except inputs.RangeError as error:
        raise click.UsageError(str(error), ctx) from None
    if count > MAX_PLOT_POINTS:
        raise click.UsageError(f"a plot of {count} points is more than 10^7; use --num 1000 (or a larger --step)", ctx)


def vector_options() -> list[click.Parameter]:
    return [
        click.Option(
            ["--rows/--flat", "rows"],
            default=None,
            help="Stdin: each line is a vector (--rows), or all numbers are one (--flat).  "
            "[default: rows if the first line holds several numbers]",
        )
    ]


def param_option(record: Activation, param: functions.Param) -> click.Option:
    overrides = [
        f"{fw} {param.show(values[param.name])}" for fw, values in record.compat.items() if param.name in values
    ]
    default = (
        f"[default: {param.show(param.default)}" + (f"; --compat {', '.join(overrides)}" if overrides else "") + "]"
    )
    kind = click.Choice(param.choices) if param.choices else Number()
    return click.Option(
        [param.option, param.name], type=kind, default=None, help=f"{param.help.capitalize()}.  {default}"
    )


def check_parameters(record: Activation, function, params: dict) -> None:
    """A parameter outside the function's domain is a usage error naming the option."""
    from actplot.functions import ParameterError

    try:
        function(np.zeros(2), **params)  # two: a gated unit's halves
    except ParameterError as error:
        param = record.parameter(error.name)
        raise click.BadParameter(
            f"{error.reason}, not {param.show(error.value)}", param_hint=f"'{param.option}'"
        ) from None


def binary_stdout() -> BinaryIO:
    """Where results go; a clear error when actplot was started with stdout closed (``>&-``)."""
    if sys.stdout is None:
        raise click.ClickException("cannot write the output: stdout is closed")
    return sys.stdout.buffer
