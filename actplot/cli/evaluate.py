"""The function commands (``actplot sigmoid ...``): evaluate at values, over a range or on stdin,
and print the results or draw them."""

from __future__ import annotations

import gc
import math
import sys
from collections.abc import Iterator

import click
import numpy as np
from click.core import ParameterSource

from actplot import functions, inputs
from actplot.cli.options import (
    AFTER_DASHES,
    FUNCTION_CONTEXT,
    HELP_NARROWEST,
    Drawing,
    RecordCommand,
    binary_stdout,
    chart_refused,
    check_parameters,
    check_range_size,
    fixed_options,
    negative_number_like,
    note,
    param_option,
    plot_options,
    shared_options,
    terminal_columns,
    vector_options,
)
from actplot.formats import RaggedRows, Rows, format_rows
from actplot.functions import Activation

EXAMPLE_VALUES = {False: "-3 -1 0 1 3", True: "1 2 3"}  # by record.vector: inputs where parameters act
GATED_VALUES = "1 2 -1 3"  # a gated unit's: the halves [1, 2] and [-1, 3]
TRIED_VALUES = ("0.2", "2", "0.5", "-2", "3", "0.1", "10", "-1", "1")  # parameter values an example may show


def _examples(record: Activation) -> str:
    name = record.alias or record.name
    lines = ["Examples:", "", "\b"]
    if record.gated:
        lines += [
            f"  actplot {name} 1 2 3 4                 # a = [1, 2], b = [3, 4]: 2 results",
            f"  printf '1 2 3 4\\n0 1 -1 2\\n' | actplot {name}   # each line two halves",
            f"  actplot {name} -d 1 2 3 4              # dy/da for each pair, then dy/db",
            f"  actplot {name} --range -5 5 -o {name}.png   # the slice a = 1, b = x",
        ]
    elif record.vector:
        lines += [
            f"  actplot {name} 1 2 3                   # the values form one vector",
            f"  printf '1 2 3\\n4 5 6\\n' | actplot {name}   # each line a vector",
            f"  actplot {name} 1 2 3 --format json | jq '.y'",
        ]
    else:
        lines += [
            f"  actplot {name} -2 -1 0 1 2",
            f"  actplot {name} --range -5 5 --step 0.5",
            f"  seq -5 0.5 5 | actplot {name} --with-x | sort -g -k2",
            f"  actplot {name} -d --range -5 5 --num 11 --format csv",
        ]
    values = GATED_VALUES if record.gated else EXAMPLE_VALUES[record.vector]
    for param in record.parameters:
        value = _acting_value(record, param, values)
        if value is not None:
            lines.append(f"  actplot {name} {param.option} {value} {values}   # default: {param.show(param.default)}")
    return "\n".join(lines)


def _acting_value(record: Activation, param, values: str) -> str | None:
    """A value of the parameter that changes the results at the example's values, as typed."""
    from actplot.functions import ParameterError

    x = np.array(values.split(), dtype=np.float64)
    defaults = record.defaults()
    expected = record.function(x, **defaults)
    tried = [c for c in param.choices if c != param.default] if param.choices else TRIED_VALUES
    default = defaults[param.name]
    if not param.choices and default:  # nearest the default first: same sign, then closest in magnitude
        tried = sorted(tried, key=lambda c: (float(c) * default < 0, abs(math.log(abs(float(c) / default)))))
    for text in tried:
        value = text if param.choices else float(text)
        if value == defaults[param.name]:
            continue
        try:
            results = record.function(x, **{**defaults, param.name: value})
        except ParameterError:
            continue
        if not np.array_equal(results, expected, equal_nan=True):
            return text
    return None


def _function_help(record: Activation) -> str:
    aliases = f"  Also: {', '.join(record.aliases)}." if record.aliases else ""
    if record.fixed:
        fixed = ", ".join(f"{key} = {value}" for key, value in record.fixed.items())
        aliases = f"  {record.alias} is {record.name} with {fixed}.{aliases}"
    vector = ""
    if record.gated:
        vector = (
            "\n\nThe values on the command line, or one number per line on stdin, form one vector of 2k "
            "numbers, the halves [a, b], and give k results; a stdin line holding several numbers is a vector "
            "of its own. -d gives, per vector, the k values of dy/da, then the k values of dy/db. --range "
            "samples the slice that varies the gated half, the other held at 1."
        )
    elif record.vector:
        vector = (
            "\n\nThe values on the command line, or one number per line on stdin, form one vector; "
            "a stdin line holding several numbers is a vector of its own."
        )
    from actplot.cli.layout import wrapped

    # the help's own floor of width: at COLUMNS=4 (or less) the width was 0, a ValueError traceback from textwrap
    formula = "\n".join(wrapped(record.plain, max(terminal_columns(), HELP_NARROWEST) - 4, indent="    ", first="  "))
    return (
        f"{record.summary}{aliases}\n\n\b\n{formula}\n  range {record.range_text}\n\n"
        "Evaluates at VALUES, over --range, or at the numbers read from stdin "
        "(when VALUES is '-' or absent and stdin is not a terminal), and prints one result per value. "
        "Values are separated by white space or commas, on stdin and in each argument alike."
        f"{vector}"
    )


class FunctionCommand(RecordCommand):
    """A function's command; its help is written only when asked for."""

    def __init__(self, record: Activation, **kwargs) -> None:
        super().__init__(record.alias or record.name, record=record, short_help=record.summary, **kwargs)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.help = _function_help(self.record)
        super().format_help_text(ctx, formatter)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.epilog = _examples(self.record)
        super().format_epilog(ctx, formatter)

    def check_line(self, ctx: click.Context) -> None:
        """The usage errors of the line ``ctx`` has read (the current context), without running it:
        what a hint that names this command must say first ('gelu_new --approximate none --bogus 1'
        was hinted a line of gelu that said "No such option" in turn)."""
        _evaluate(self.record, checked_only=True, **ctx.params)


def function_command(record: Activation) -> click.Command:
    params: list[click.Parameter] = [click.Argument(["values"], nargs=-1, metavar="[VALUES]...")]
    params += shared_options(compat=record.compat_applies)
    if record.vector:
        params += vector_options()
    params += [param_option(record, p) for p in record.parameters]
    params += fixed_options(record)
    params += plot_options()

    def callback(**options):
        _evaluate(record, **options)

    return FunctionCommand(record, callback=callback, params=params, context_settings=FUNCTION_CONTEXT)


TEXT_OPTIONS = {"fmt": "--format", "precision": "--precision", "with_x": "--with-x/--no-x"}  # they shape printed text


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
    dtype,
    checked_only=False,
    **rest,
):
    ctx = click.get_current_context()
    drawing = Drawing.pop(rest)
    rows_mode = rest.pop("rows", None)
    params = {**record.defaults(compat), **{k: v for k, v in rest.items() if v is not None}}
    check_parameters(record, params)
    _reject_unknown_options(ctx, values)
    source = _values_source(ctx, values, range_, step, num)
    in_dtype = dtype if dtype not in (None, "float64") else None
    if source == "range":  # a gated unit along its slice; the derivative with the framework's kinks
        function = functions.curve(record, derivative, compat, in_dtype)
    elif in_dtype:
        function = _in_dtype(record, derivative, in_dtype, compat)
    else:
        function = record.derivative_for(compat) if derivative else record.function
    # A gated unit's 2k inputs give k results: no x stands beside each.
    unpaired = record.gated and not derivative and source != "range"
    if unpaired and with_x:
        raise click.UsageError("--with-x: a gated unit's k results come from 2k inputs, not one x each", ctx)
    drawing.check(ctx)
    if drawing.wanted:
        given = [
            name for key, name in TEXT_OPTIONS.items() if ctx.get_parameter_source(key) is ParameterSource.COMMANDLINE
        ]
        if given:
            raise click.UsageError(f"{given[0]} shapes printed text, not a plot: drop it or drop the plot options", ctx)
    if drawing.with_derivative and derivative:
        raise click.UsageError("--with-derivative overlays the derivative on the function; drop -d", ctx)
    if drawing.wanted and source == "range":
        check_range_size(ctx, range_, step, num)
    elif source == "range" and record.vector and not record.gated:
        # the one vector is held whole: 'softmax --range 0 1 --num 100000000000' grew past 6 GB unbounded
        check_range_size(ctx, range_, step, num, what=f"{record.name}'s one vector")
    if rows_mode is not None and source != "stdin":
        raise click.UsageError("--rows and --flat choose how stdin lines form vectors; give values on stdin", ctx)
    if source == "range" and ctx.get_parameter_source("on_invalid") is ParameterSource.COMMANDLINE:
        # as --rows: 'relu --on-invalid skip --range 0 1' ran without a word
        raise click.UsageError("--on-invalid says what to do with text that is not a number; --range gives none", ctx)
    if checked_only:  # (FunctionCommand.check_line)
        return
    if with_x is None:
        with_x = (source == "range" or fmt == "json") and not unpaired
    mode = {None: "auto", True: "rows", False: "flat"}[rows_mode]
    if source != "arguments" and not gc.isenabled():
        gc.freeze()  # a stream may run long: collect what it leaves, but never the start-up's objects
        gc.enable()
    invalid = []
    ended = True  # whether the text written so far ends a line
    rows = _rows(record, function, params, source, values, range_, step, num, mode, on_invalid, invalid, derivative)
    name = record.name + ("'" if derivative else "")
    shown = {**record.fixed, **{p.name: params[p.name] for p in record.parameters}}
    try:
        if drawing.wanted:
            _plot(record, params, compat, rows, source, derivative, drawing, dtype, skipped=invalid)
            return
        if dtype not in (None, "float64"):
            rows = _inputs_in_dtype(rows, dtype)
        out = binary_stdout()
        texts = format_rows(rows, fmt=fmt, name=name, params=shown, with_x=with_x, precision=precision, dtype=dtype)
        for text in texts:
            out.write(text)
            ended = text.endswith(b"\n") if text else ended
            if source == "stdin":
                out.flush()  # results come out as the input arrives
    except inputs.RangeError as error:
        raise click.UsageError(str(error), ctx) from None
    except (inputs.BadToken, inputs.NotText, inputs.ShapeError, RaggedRows) as error:
        invalid.clear()  # the error is the one line said: the count of fields skipped before it made two
        if sys.stdout is not None:
            if not ended:  # a long line's results, written in pieces, stop at the bad token: end the line
                sys.stdout.buffer.write(b"\n")
            sys.stdout.buffer.flush()  # the lines before the bad one go out first
        raise click.ClickException(str(error)) from None
    finally:
        if sum(invalid):
            count = sum(invalid)
            done = "read as nan" if on_invalid == "nan" else "skipped"
            note(f"actplot: {_fields(count)} {done}")


def _fields(count: int) -> str:
    return f"{count} {'fields that are not numbers' if count > 1 else 'field that is not a number'}"


def _in_dtype(record: Activation, derivative: bool, dtype: str, compat: str):
    """The function as a model in ``dtype`` computes it, correctly rounded (actplot.precision), the
    derivative's kinks as the framework values them."""
    from actplot import precision

    return lambda x, **params: precision.evaluate(record, x, params, dtype, derivative, compat)


def _inputs_in_dtype(rows: Iterator[Rows], dtype: str) -> Iterator[Rows]:
    """The inputs printed as the dtype holds them (the results already are), and a note of those
    beyond its largest value ('sigmoid --dtype float8_e4m3fn 470' printed nan without a word)."""
    from actplot.precision import round_to

    beyond = 0
    for chunk in rows:
        held = round_to(chunk.x, dtype)
        # (±inf too where the dtype holds NaN for it: float8_e4m3fn has no infinity)
        beyond += int(np.count_nonzero(np.isfinite(chunk.x) & ~np.isfinite(held) | np.isinf(chunk.x) & np.isnan(held)))
        yield Rows(held, chunk.y, chunk.lengths, chunk.lines, chunk.open, chunk.continued)
    if beyond:
        from actplot.compare import beyond_note

        note(f"actplot: {beyond_note(beyond, 'input', dtype)}")


def _plot(
    record: Activation,
    params: dict,
    compat: str,
    rows,
    source: str,
    derivative: bool,
    drawing,
    dtype=None,
    skipped: list | None = None,
) -> None:
    """Draw the same values that would be printed: a range as a curve, a list as points, a
    vector function of a list as bars; a gated unit along its slice, over a range only. With a
    dtype, the x axis is the input before rounding, so each step of the staircase is the set of
    inputs that round to one value."""
    if record.gated and source != "range":
        # with the settings in force: 'geglu --approximate tanh 1 2 -o p.png' was told a line of the exact gelu
        from actplot.cli.options import function_command as command_line
        from actplot.cli.options import number_text

        line = command_line(record, params, compat, dtype) + " -d" * bool(derivative)  # -d was dropped
        # over the x limits given ('--xlim 10 20' beside --range -5 5 drew an empty frame)
        low, high = ("-5", "5") if drawing.xlim is None else map(number_text, drawing.xlim)
        raise click.UsageError(
            f"a plot of a gated unit draws a slice over a range: {line} --range {low} {high} {drawing.where}"
        )
    chunks = list(rows)
    if not any(c.x.size for c in chunks):
        # every token skipped (--on-invalid skip) is nothing too: 'printf "x\n" | actplot relu
        # --on-invalid skip -o p.png' wrote an empty plot with status 0; the count is said in the one line
        count = sum(skipped or [])
        if skipped:
            skipped.clear()
        why = f" ({_fields(count)} skipped)" if count else ""
        raise click.ClickException(f"nothing to plot: the input holds no numbers{why}")
    vectors = sum(c.lengths.size for c in chunks if np.any(c.lengths > 1))
    if record.vector and vectors > 1:
        raise click.ClickException(f"a plot shows one vector; the input holds {vectors} rows (use --flat)")
    from actplot import charts  # only for plots

    x = np.concatenate([c.x for c in chunks])
    y = np.concatenate([c.y for c in chunks])
    style = "curve" if source == "range" else "bars" if record.vector else "points"
    try:
        chart = charts.function_chart(
            charts.Spec(record, params, compat, dtype),
            x,
            style=style,
            derivative=derivative,
            with_derivative=drawing.with_derivative,
            y=y,
            title=drawing.title,
            xlim=drawing.xlim,
            ylim=drawing.ylim,
        )
    except charts.ChartError as error:  # ('softmax 1 2 3 --xlim 10 20': its bars stand at their indices)
        raise chart_refused(error) from None
    drawing.draw(chart)


def _reject_unknown_options(ctx: click.Context, values: tuple[str, ...]) -> None:
    """A value like ``--aplha`` is a mistyped option, not a bad number: a usage error. A value is
    option-like when it starts with '-' and neither its first field is a number (``-1,-2`` is values)
    nor a digit follows the '-' (``-1e`` is a bad number, not an option), and it comes before '--'
    (after it, ``-x`` is a value, and only a known option is named, as put there by mistake)."""
    after = len(values) - ctx.meta.get(AFTER_DASHES, 0)
    for place, token in enumerate(values):
        if not token.startswith("-") or token in ("-", "-.") or negative_number_like(token):
            continue
        try:
            inputs.parse_number(token.replace(",", " ").split(maxsplit=1)[0])
            continue
        except ValueError:
            pass
        name = token.split("=")[0]
        options = {
            opt
            for p in ctx.command.get_params(ctx)
            for opt in [*getattr(p, "opts", []), *getattr(p, "secondary_opts", [])]
        }
        if name in options:  # only after '--' does Click leave a known option among the values
            raise click.UsageError(
                f"{name} comes after '--', where everything is a value: put options before "
                f"'--' ({ctx.command_path} {name} ... -- VALUES)",
                ctx,
            )
        if place < after:
            import difflib

            known = sorted(opt for opt in options if opt.startswith("--"))
            close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
            raise ctx.command.unknown_option(ctx, click.NoSuchOption(name, possibilities=close, ctx=ctx))


def _values_source(ctx, values, range_, step, num) -> str:
    if range_ and values:
        raise click.UsageError("give VALUES or --range, not both", ctx)
    if (step is not None or num is not None) and not range_:
        raise click.UsageError("--step and --num go with --range START STOP", ctx)
    if range_:
        return "range"
    if values == ("-",):
        source = "stdin"
    elif "-" in values:
        raise click.UsageError("'-' (read stdin) must be the only value", ctx)
    elif values:
        return "arguments"
    elif sys.stdin is not None and sys.stdin.isatty():
        name = ctx.command.name
        raise click.UsageError(
            f"no values: give them as arguments (actplot {name} 0 1 2), as --range START STOP, "
            f"or on stdin (seq 0 10 | actplot {name})",
            ctx,
        )
    else:
        source = "stdin"
    if sys.stdin is None:
        raise click.ClickException("cannot read stdin: it is closed (give values as arguments or --range)")
    return source


def _stdin_blocks(on_invalid: str) -> Iterator[inputs.Block]:
    """The blocks of stdin; a stdin that cannot be read (a directory, opened for writing) is one
    clear error."""
    try:
        yield from inputs.read_blocks(sys.stdin.buffer, on_invalid=on_invalid)
    except OSError as error:
        raise click.ClickException(f"cannot read stdin: {error.strerror or error}") from None


def _rows(
    record, function, params, source, values, range_, step, num, mode, on_invalid, invalid, derivative
) -> Iterator[Rows]:
    """The results, in chunks, from whichever source gives the values; ``invalid`` collects the
    counts of fields that ``on_invalid`` skipped or read as nan."""

    def counted(blocks):
        for block in blocks:
            invalid.append(block.invalid)
            yield block

    if source == "range":
        chunks = inputs.range_values(range_[0], range_[1], step, num, check_default=True)
        if record.vector and not record.gated:  # (a gated unit's slice is a function of each x)
            chunks = [np.concatenate(list(chunks))]
        for x in chunks:
            yield Rows(x, function(x, **params), np.ones(x.size, dtype=np.int64))
        return
    if source == "stdin":
        blocks = counted(_stdin_blocks(on_invalid))
    else:
        blocks = counted([inputs.parse_arguments(values, on_invalid)])
        mode = "flat"
    if record.gated:
        yield from _gated_rows(function, params, blocks, mode, source == "arguments", paired_x=derivative)
        return
    if record.vector:
        lines = _RowLines(mode)
        for vectors, is_row in inputs.vectors(lines.noting(blocks), mode):
            # Rows come in batches of equal length (a 2-D array), computed along the last axis.
            if is_row:
                batch = np.atleast_2d(vectors)
                lengths = np.full(batch.shape[0], batch.shape[1], dtype=np.int64)
                where = lines.take(batch.shape[0])
                yield Rows(batch.ravel(), function(batch, **params).ravel(), lengths, lines=where)
            else:
                yield Rows(vectors, function(vectors, **params), np.ones(vectors.size, dtype=np.int64))
        return
    for block in blocks:
        yield Rows(
            block.values,
            function(block.values, **params),
            block.row_lengths,
            lines=block.row_lines,
            open=block.open,
            continued=block.continued,
        )


class _RowLines:
    """The input line of each row that ``inputs.vectors`` batches, so that a tsv or csv line of
    the wrong width is named (the batches hold the numbers only). Kept only where lines are rows:
    one vector of every number needs none."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.pending: list[np.ndarray] = []

    def noting(self, blocks) -> Iterator[inputs.Block]:
        for block in inputs.whole_lines(blocks):
            if self.mode == "auto" and block.row_lengths.size:
                self.mode = "rows" if block.row_lengths[0] > 1 else "flat"  # as inputs.vectors decides
            if self.mode == "rows":
                self.pending.append(block.row_lines)
            yield block

    def take(self, count: int) -> np.ndarray:
        """The lines of the next ``count`` rows."""
        lines = np.concatenate(self.pending) if len(self.pending) > 1 else self.pending[0]
        self.pending = [lines[count:]] if count < lines.size else []
        return lines[:count]


def _gated_rows(function, params, blocks, mode: str, arguments: bool, paired_x: bool) -> Iterator[Rows]:
    """A gated unit of each vector of 2k numbers: k results (a line of them for a stdin line, one
    per line for one vector), or with ``paired_x`` (the derivative) 2k, one beside each input."""
    lines = _RowLines(mode)
    for vectors, is_row in inputs.vectors(lines.noting(blocks), mode, halves=True, arguments=arguments):
        batch = np.atleast_2d(vectors)
        y = function(batch, **params)
        lengths = np.full(batch.shape[0], y.shape[-1], dtype=np.int64) if is_row else np.ones(y.size, dtype=np.int64)
        # k results have no x of their own (--with-x is refused for them): the results stand in
        where = lines.take(batch.shape[0]) if is_row else None
        yield Rows(batch.ravel() if paired_x else y.ravel(), y.ravel(), lengths, lines=where)
