"""The command line. Click lives here and nowhere else: commands adapt their arguments, call
``inputs`` → the activation → ``formats``, and turn domain errors into exit statuses
(1 for data and I/O, 2 for usage)."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import click
import numpy as np

from actplot import __version__, inputs, registry
from actplot.formats import FORMATS, Rows, format_rows
from actplot.registry import FRAMEWORK_NAMES, FRAMEWORKS, Activation

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


def _drawn_range_option(help: str) -> click.Option:
    """``--range`` of the drawing commands: the article's -5..5 unless given."""
    return click.Option(
        ["--range", "range_"], nargs=2, default=("-5", "5"), show_default=True, metavar="START STOP", help=help
    )


def _sampling_options() -> list[click.Option]:
    """How ``--range`` is sampled, for printing and for ``plot``."""
    return [
        click.Option(["--step"], metavar="S", help="Spacing of the --range samples.  [default: 0.1]"),
        click.Option(["--num"], type=int, metavar="N", help="N evenly spaced --range samples instead of a step."),
    ]


def _compat_option() -> click.Option:
    return click.Option(
        ["--compat"],
        type=click.Choice(FRAMEWORKS),
        default="torch",
        show_default=True,
        help="Take the defaults on which frameworks disagree (gelu's form, leaky_relu's slope, hard_sigmoid's "
        "slope) from this framework: " + "; ".join(f"{key} = {name}" for key, name in FRAMEWORK_NAMES.items()) + ".",
    )


def _shared_options() -> list[click.Parameter]:
    """The options every function command has, defined once."""
    return [
        click.Option(
            ["--range", "range_"],
            nargs=2,
            metavar="START STOP",
            help="Sample the closed interval START..STOP (step 0.1 unless --step or --num).",
        ),
        *_sampling_options(),
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
        _compat_option(),
    ]


def _plot_options() -> list[click.Parameter]:
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
            type=click.FloatRange(min=0.5, max=200),
            metavar="W H",
            help="Size: inches for files and windows (default 6.4 4.8), characters for --terminal "
            "(default: the terminal's).",
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
        """Usage errors before any work: options that need a plot, two plots on stdout, a bad path."""
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
        if self.output is not None:
            from actplot import plotting

            try:
                plotting.check_target(self.output)
            except plotting.PlotError as error:
                raise click.ClickException(str(error)) from None

    def draw(self, chart) -> None:
        """Write, print and show the chart as asked."""
        from actplot import plotting

        try:
            if self.output is not None:
                fig = plotting.figure(chart, self.size or plotting.DEFAULT_SIZE)
                stdout = _stdout() if self.output == "-" else None
                plotting.save(fig, self.output, stdout=stdout, dpi=self.dpi or plotting.DEFAULT_DPI)
            if self.terminal:
                from actplot import terminal

                size = (int(self.size[0]), int(self.size[1])) if self.size else None
                color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
                _stdout().write(terminal.render(chart, size, color=color).encode())
            if self.show:
                plotting.show(chart, self.size or plotting.DEFAULT_SIZE)
        except plotting.PlotError as error:
            raise click.ClickException(str(error)) from None


MAX_PLOT_POINTS = 10**7


def _check_plot_size(ctx: click.Context, range_, step, num) -> None:
    """A plot of more points than a figure can show is a usage error, found before sampling."""
    try:
        count = inputs.range_size(range_[0], range_[1], step, num)
    except inputs.RangeError as error:
        raise click.UsageError(str(error), ctx) from None
    if count > MAX_PLOT_POINTS:
        raise click.UsageError(f"a plot of {count} points is more than 10^7; use --num 1000 (or a larger --step)", ctx)


def _vector_options() -> list[click.Parameter]:
    return [
        click.Option(
            ["--rows/--flat", "rows"],
            default=None,
            help="Stdin: each line is a vector (--rows), or all numbers are one (--flat).  "
            "[default: rows if the first line holds several numbers]",
        )
    ]


def _param_option(record: Activation, param: registry.Param) -> click.Option:
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


def _examples(record: Activation) -> str:
    name = record.name
    lines = ["Examples:", "", "\b"]
    if record.vector:
        lines += [
            f"  actplot {name} 1 2 3                   # the values form one vector",
            f"  printf '1 2 3\\n1000 1001 1002\\n' | actplot {name}   # each line a vector",
            f"  actplot {name} 1 2 3 --format json | jq '.y'",
        ]
    else:
        lines += [
            f"  actplot {name} -2 -1 0 1 2",
            f"  actplot {name} --range -5 5 --step 0.5",
            f"  seq -5 0.5 5 | actplot {name} --with-x | sort -g -k2",
            f"  actplot {name} -d --range -5 5 --num 11 --format csv",
        ]
    if record.parameters:
        param = record.parameters[0]
        value = param.choices[-1] if param.choices else "0.2"
        lines.append(f"  actplot {name} {param.option} {value} 1 2 3")
    return "\n".join(lines)


def _function_help(record: Activation) -> str:
    aliases = f"  Also: {', '.join(record.aliases)}." if record.aliases else ""
    vector = (
        "\n\nThe values on the command line, or one number per line on stdin, form one vector; "
        "a stdin line holding several numbers is a vector of its own."
        if record.vector
        else ""
    )
    return (
        f"{record.summary}{aliases}\n\n\b\n  {record.plain}\n  range {record.range_text}\n\n"
        "Evaluates at VALUES, over --range, or at the numbers read from stdin "
        "(when VALUES is '-' or absent and stdin is not a terminal), and prints one result per value."
        f"{vector}"
    )


def _function_command(record: Activation) -> click.Command:
    params: list[click.Parameter] = [click.Argument(["values"], nargs=-1, metavar="[VALUES]...")]
    params += _shared_options()
    if record.vector:
        params += _vector_options()
    params += [_param_option(record, p) for p in record.parameters]
    params += _plot_options()

    def callback(**options):
        _evaluate(record, **options)

    return click.Command(
        record.name,
        callback=callback,
        params=params,
        help=_function_help(record),
        epilog=_examples(record),
        short_help=record.summary,
        context_settings=FUNCTION_CONTEXT,
    )


def _evaluate(
    record: Activation,
    *,
    values,
    range_,
    step,
    num,
    derivative,
    fmt,
    with_x,
    precision,
    on_invalid,
    compat,
    **rest,
):
    ctx = click.get_current_context()
    drawing = Drawing.pop(rest)
    rows_mode = rest.pop("rows", None)
    params = {**record.defaults(compat), **{k: v for k, v in rest.items() if v is not None}}
    function = record.derivative if derivative else record.function
    _check_parameters(record, function, params)
    _reject_unknown_options(ctx, values)
    source = _values_source(ctx, values, range_, step, num)
    drawing.check(ctx)
    if drawing.with_derivative and derivative:
        raise click.UsageError("--with-derivative overlays the derivative on the function; drop -d", ctx)
    if drawing.wanted and source == "range":
        _check_plot_size(ctx, range_, step, num)
    if rows_mode is not None and source != "stdin":
        raise click.UsageError("--rows and --flat choose how stdin lines form vectors; give values on stdin", ctx)
    if with_x is None:
        with_x = source == "range" or fmt == "json"
    mode = {None: "auto", True: "rows", False: "flat"}[rows_mode]
    invalid = []
    rows = _rows(record, function, params, source, values, range_, step, num, mode, on_invalid, invalid)
    name = record.name + ("'" if derivative else "")
    shown = {p.name: params[p.name] for p in record.parameters}
    try:
        if drawing.wanted:
            _plot(record, params, rows, source, derivative, drawing)
            return
        out = _stdout()
        for text in format_rows(rows, fmt=fmt, name=name, params=shown, with_x=with_x, precision=precision):
            out.write(text)
            if source == "stdin":
                out.flush()
    except inputs.RangeError as error:
        raise click.UsageError(str(error), ctx) from None
    except (inputs.BadToken, inputs.NotText, inputs.ShapeError) as error:
        if sys.stdout is not None:
            sys.stdout.buffer.flush()  # the lines before the bad one go out first
        raise click.ClickException(str(error)) from None
    finally:
        if sum(invalid):
            done = "read as nan" if on_invalid == "nan" else "skipped"
            click.echo(f"actplot: {sum(invalid)} invalid token{'s' * (sum(invalid) > 1)} {done}", err=True)


def _check_parameters(record: Activation, function, params: dict) -> None:
    """A parameter outside the function's domain is a usage error naming the option."""
    from actplot.activations import ParameterError

    try:
        function(np.zeros(1), **params)
    except ParameterError as error:
        param = record.parameter(error.name)
        raise click.BadParameter(
            f"{error.reason}, not {param.show(error.value)}", param_hint=f"'{param.option}'"
        ) from None


def _plot(record: Activation, params: dict, rows: Iterator[Rows], source: str, derivative: bool, drawing) -> None:
    """Draw the same values that would be printed: a range as a curve, a list as points, a
    vector function of a list as bars."""
    chunks = list(rows)
    if not chunks:
        raise click.ClickException("nothing to plot: the input holds no numbers")
    vectors = sum(c.lengths.size for c in chunks if np.any(c.lengths > 1))
    if record.vector and vectors > 1:
        raise click.ClickException(f"a plot shows one vector; the input holds {vectors} rows (use --flat)")
    from actplot import charts  # only for plots

    x = np.concatenate([c.x for c in chunks])
    y = np.concatenate([c.y for c in chunks])
    style = "curve" if source == "range" else "bars" if record.vector else "points"
    dy = record.derivative(x, **params) if drawing.with_derivative else None
    chart = charts.function_chart(
        record,
        x,
        y,
        style=style,
        derivative=derivative,
        dy=dy,
        title=drawing.title,
        xlim=drawing.xlim,
        ylim=drawing.ylim,
    )
    drawing.draw(chart)


def _reject_unknown_options(ctx: click.Context, values: tuple[str, ...]) -> None:
    """A value like ``--aplha`` is a mistyped option, not a bad number: a usage error."""
    for token in values:
        if token.startswith("-") and len(token) > 1:
            try:
                inputs.parse_number(token)
            except ValueError:
                import difflib

                name = token.split("=")[0]
                known = [opt for p in ctx.command.params for opt in getattr(p, "opts", []) if opt.startswith("--")]
                close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
                raise click.NoSuchOption(name, possibilities=close, ctx=ctx) from None


def _values_source(ctx, values, range_, step, num) -> str:
    if range_ and values:
        raise click.UsageError("give VALUES or --range, not both", ctx)
    if (step is not None or num is not None) and not range_:
        raise click.UsageError("--step and --num go with --range START STOP", ctx)
    if range_:
        return "range"
    if values == ("-",):
        return "stdin"
    if "-" in values:
        raise click.UsageError("'-' (read stdin) must be the only value", ctx)
    if values:
        return "arguments"
    if sys.stdin.isatty():
        name = ctx.command.name
        raise click.UsageError(
            f"no values: give them as arguments (actplot {name} 0 1 2), as --range START STOP, "
            f"or on stdin (seq 0 10 | actplot {name})",
            ctx,
        )
    return "stdin"


def _rows(record, function, params, source, values, range_, step, num, mode, on_invalid, invalid) -> Iterator[Rows]:
    """The results, in chunks, from whichever source gives the values; ``invalid`` collects the
    counts of tokens that ``on_invalid`` skipped or read as nan."""

    def counted(blocks):
        for block in blocks:
            invalid.append(block.invalid)
            yield block

    if source == "range":
        chunks = inputs.range_values(range_[0], range_[1], step, num)
        if record.vector:
            chunks = [np.concatenate(list(chunks))]
        for x in chunks:
            yield Rows(x, function(x, **params), np.ones(x.size, dtype=np.int64))
        return
    if source == "stdin":
        blocks = counted(inputs.read_blocks(sys.stdin.buffer, on_invalid=on_invalid))
    else:
        blocks = counted([inputs.parse_arguments(values, on_invalid)])
        mode = "flat"
    if record.vector:
        for vectors, is_row in inputs.vectors(blocks, mode):
            # Rows come in batches of equal length (a 2-D array), computed along the last axis.
            if is_row:
                batch = np.atleast_2d(vectors)
                lengths = np.full(batch.shape[0], batch.shape[1], dtype=np.int64)
                yield Rows(batch.ravel(), function(batch, **params).ravel(), lengths)
            else:
                yield Rows(vectors, function(vectors, **params), np.ones(vectors.size, dtype=np.int64))
        return
    for block in blocks:
        yield Rows(block.values, function(block.values, **params), block.row_lengths)


class ActplotGroup(click.Group):
    """Functions are commands of their own, built when asked for; aliases and ``-``/``_`` alike."""

    def list_commands(self, ctx):
        return [*registry.names(), *sorted(self.commands)]

    def get_command(self, ctx, cmd_name):
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        key = registry.canonical(cmd_name)
        return _function_command(registry.get(key)) if key else None

    def resolve_command(self, ctx, args):
        name = args[0]
        command = self.get_command(ctx, name)
        if command is None:
            hint = registry.suggest(name) + [c for c in self.commands if c.startswith(name[:3])]
            did_you_mean = f" Did you mean {' or '.join(hint)}?" if hint else ""
            raise click.UsageError(
                f"No function or command named {name!r}.{did_you_mean} 'actplot list' shows them all.", ctx
            )
        return command.name, command, args[1:]

    def format_commands(self, ctx, formatter):
        functions = [(name, registry.get(name).summary) for name in registry.names()]
        with formatter.section("Functions (actplot FUNCTION --help for each)"):
            formatter.write_dl(functions)
        builtins = [(name, self.commands[name].get_short_help_str(60)) for name in sorted(self.commands)]
        with formatter.section("Commands"):
            formatter.write_dl(builtins)


@click.group(
    cls=ActplotGroup,
    context_settings=CONTEXT,
    epilog="""Examples:

\b
  actplot sigmoid --range -5 5          # x and sigmoid(x), x = -5, -4.9, ..., 5
  actplot softmax 1 2 3                 # 0.09003057..., 0.24472847..., 0.66524096...
  actplot relu -2 -1.5 -.5 0 3          # negative numbers are values
  seq -5 0.5 5 | actplot tanh -d        # derivative, in a pipeline
  actplot gelu --compat jax 1           # JAX's default (tanh) GELU
  actplot sigmoid --range -5 5 -o s.png # the article's figure
  actplot plot sigmoid tanh relu --with-derivative -o cmp.png
  actplot sheet -o sheet.pdf            # every function on one page
  actplot list                          # all functions, their ranges and uses
""",
)
@click.version_option(__version__, "-V", "--version", prog_name="actplot", message="%(prog)s %(version)s")
def cli():
    """Evaluate neural-network activation functions exactly: at values, over a range, or on stdin."""


@cli.command("list", context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["plain", "json"]), default="plain", show_default=True)
def list_command(fmt):
    """The table of functions: range, typical use and aliases.

    \b
    Examples:
      actplot list
      actplot list --format json | jq -r '.[].name'
    """
    records = [registry.get(name) for name in registry.names()]
    if fmt == "json":
        import json

        rows = [
            {"name": r.name, "range": r.range_text, "use": list(r.use), "aliases": list(r.aliases), "formula": r.plain}
            for r in records
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    table = [("name", "range", "typical use", "aliases")]
    table += [(r.name, r.range_text, "; ".join(r.use), ", ".join(r.aliases)) for r in records]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    for row in table:
        click.echo(("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + row[3]).rstrip())


@cli.command("info", context_settings=CONTEXT)
@click.argument("function")
@click.option("--format", "fmt", type=click.Choice(["plain", "json"]), default="plain", show_default=True)
def info_command(function, fmt):
    """Everything about one FUNCTION: formula, derivative, range, parameters, properties,
    typical use, framework conventions and accuracy.

    \b
    Examples:
      actplot info gelu
      actplot info swish --format json | jq .conventions
    """
    try:
        record = registry.get(function)
    except KeyError as error:
        raise click.BadParameter(f"{error.args[0]} ('actplot list' shows them all)", param_hint="FUNCTION") from None
    props = record.properties
    params = {
        p.name: {fw: p.show(record.defaults(fw)[p.name]) for fw in FRAMEWORKS} | {"help": p.help}
        for p in record.parameters
    }
    facts = {
        "name": record.name,
        "aliases": list(record.aliases),
        "summary": record.summary,
        "formula": record.plain,
        "latex": record.latex,
        "derivative": record.derivative_plain,
        "range": record.range_text,
        "parameters": params,
        "monotonic": props.monotonic,
        "zero_centred": props.zero_centred,
        "smooth": props.smooth,
        "largest_slope": props.largest_slope,
        "use": list(record.use),
        "conventions": record.conventions or "PyTorch's definition; torch, jax and keras agree.",
        "accuracy": record.accuracy,
    }
    if fmt == "json":
        import json

        click.echo(json.dumps(facts, indent=2))
        return
    yes = {True: "yes", False: "no"}
    lines = [
        f"{record.name}" + (f"  (also: {', '.join(record.aliases)})" if record.aliases else ""),
        f"  {record.summary}",
        "",
        f"formula      {record.plain}",
        f"latex        {record.latex}",
        f"derivative   {record.derivative_plain}",
        f"range        {record.range_text}",
    ]
    if record.parameters:
        lines.append("parameters   (default under each --compat)")
        for name, values in params.items():
            by_framework = ", ".join(f"{fw} {values[fw]}" for fw in FRAMEWORKS)
            lines.append(f"  --{name.replace('_', '-')}: {values['help']}; {by_framework}")
    else:
        lines.append("parameters   none")
    lines += [
        f"properties   monotonic: {yes[props.monotonic]}; zero-centred: {yes[props.zero_centred]}; "
        f"smooth: {yes[props.smooth]}; largest slope: {props.largest_slope}",
        f"use          {'; '.join(record.use)}",
        f"conventions  {facts['conventions']}",
        f"accuracy     {record.accuracy}",
    ]
    click.echo("\n".join(lines))


def _function_spec(ctx: click.Context, spec: str, compat: str) -> tuple[str, Activation, dict]:
    """``name`` or ``name:param=value,...`` (e.g. ``leaky_relu:alpha=0.1``): label, record, parameters."""
    name, _, settings = spec.partition(":")
    try:
        record = registry.get(name)
    except KeyError as error:
        raise click.UsageError(error.args[0], ctx) from None
    if record.vector:
        raise click.UsageError(
            f"{record.name} is a vector function: draw it with 'actplot {record.name} 1 2 3 -o FILE'", ctx
        )
    params = record.defaults(compat)
    given = {}
    for setting in filter(None, settings.split(",")):
        key, _, value = setting.partition("=")
        param = record.parameter(key)
        if param is None or not value:
            known = ", ".join(p.name for p in record.parameters) or "none"
            raise click.UsageError(f"{spec!r}: {record.name} has no parameter {key!r} (parameters: {known})", ctx)
        kind = click.Choice(param.choices) if param.choices else Number()
        given[param.name] = kind.convert(value.strip(), None, ctx)
    params.update(given)
    _check_parameters(record, record.function, params)
    shown = ", ".join(f"{key}={record.parameter(key).show(value)}" for key, value in given.items())
    return record.name + (f" ({shown})" if shown else ""), record, params


@cli.command(
    "plot",
    context_settings=CONTEXT,
    params=[
        click.Argument(["functions"], nargs=-1, required=True, metavar="FUNCTION[:PARAM=VALUE,...]..."),
        _drawn_range_option("The interval to draw over."),
        *_sampling_options(),
        _compat_option(),
        *_plot_options(),
    ],
)
def plot_command(functions, range_, step, num, compat, **options):
    """Several functions on one figure, with a legend; each may carry its own parameters.

    \b
    Examples:
      actplot plot sigmoid tanh relu --range -5 5 -o cmp.png
      actplot plot leaky_relu:alpha=0.1 leaky_relu:alpha=0.3 elu -o leaky.svg
      actplot plot sigmoid tanh --with-derivative --terminal
      actplot plot gelu gelu:approximate=tanh --range -4 2 --num 400 -o gelu.pdf
    """
    from actplot import charts

    ctx = click.get_current_context()
    drawing = Drawing.pop(options)
    if not drawing.wanted:
        raise click.UsageError("say where to draw: -o FILE, --terminal or --show", ctx)
    drawing.check(ctx)
    entries = [_function_spec(ctx, spec, compat) for spec in functions]
    _check_plot_size(ctx, range_, step, num)
    x = np.concatenate(list(inputs.range_values(range_[0], range_[1], step, num)))
    drawn = [
        (
            label,
            record.function(x, **params),
            record.derivative(x, **params) if drawing.with_derivative else None,
        )
        for label, record, params in entries
    ]
    drawing.draw(charts.comparison_chart(drawn, x, title=drawing.title, xlim=drawing.xlim, ylim=drawing.ylim))


SHEET_VECTOR = np.array([1.0, 2.0, 3.0])  # the article's softmax example


@cli.command(
    "sheet",
    context_settings=CONTEXT,
    params=[
        click.Option(["-o", "--output"], required=True, metavar="FILE", help="The page: .pdf, .png or .svg."),
        _drawn_range_option("The interval of every panel."),
        _compat_option(),
        click.Option(
            ["--size"],
            nargs=2,
            type=click.FloatRange(min=2, max=100),
            metavar="W H",
            help="Page size in inches.  [default: A4 portrait, 8.27 11.69]",
        ),
        click.Option(
            ["--dpi"],
            type=click.FloatRange(min=10, max=1200),
            default=150,
            show_default=True,
            metavar="N",
            help="Pixels per inch of a PNG.",
        ),
    ],
)
def sheet_command(output, range_, compat, size, dpi):
    """A cheat sheet: every function with its derivative (dashed) as small multiples on one page,
    each panel titled with its name and formula. Vector functions show the article's [1, 2, 3].

    \b
    Examples:
      actplot sheet -o sheet.pdf
      actplot sheet -o sheet.png --range -3 3 --dpi 200
    """
    from actplot import charts, plotting

    ctx = click.get_current_context()
    Drawing(output=output).check(ctx)
    x = np.concatenate(list(inputs.range_values(range_[0], range_[1], num=201)))
    panels = []
    for name in registry.names():
        record = registry.get(name)
        params = record.defaults(compat)
        values = SHEET_VECTOR if record.vector else x
        panels.append(
            charts.function_chart(
                record,
                values,
                record.function(values, **params),
                style="bars" if record.vector else "curve",
                dy=record.derivative(values, **params),
            )
        )
    try:
        title = "Activation functions (solid) and their derivatives (dashed, hatched)"
        fig = plotting.sheet(panels, size or plotting.A4_PORTRAIT, title=title)
        plotting.save(fig, output, stdout=_stdout() if output == "-" else None, dpi=dpi)
    except plotting.PlotError as error:
        raise click.ClickException(str(error)) from None


def main(argv: list[str] | None = None) -> None:
    """The console script: run the CLI, keeping tracebacks for bugs only."""
    try:
        status = cli.main(args=argv, prog_name="actplot", standalone_mode=False)
        if sys.stdout is not None:
            sys.stdout.flush()
    except click.ClickException as error:
        error.show()
        status = error.exit_code
    except (click.Abort, KeyboardInterrupt):
        status = 130
    except BrokenPipeError:
        status = _silence_stdout(141)
    except OSError as error:
        if error.errno == errno.EPIPE:
            status = _silence_stdout(141)
        else:  # a full disk (ENOSPC), an I/O error
            click.echo(f"Error: cannot write the output: {error.strerror}", err=True)
            status = _silence_stdout(1)
    sys.exit(status if isinstance(status, int) else 0)


def _silence_stdout(status: int) -> int:
    """Stop writing to a stdout that cannot take it (``| head`` closed it, the disk is full),
    without the message Python prints when it fails to flush stdout at exit. 141 is what a
    process killed by ``SIGPIPE`` reports."""
    if sys.stdout is not None:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status


def _stdout() -> BinaryIO:
    """Where results go; a clear error when actplot was started with stdout closed (``>&-``)."""
    if sys.stdout is None:
        raise click.ClickException("cannot write the output: stdout is closed")
    return sys.stdout.buffer
