"""``actplot diff F G`` (how far two functions are apart, and where) and ``actplot check FUNCTION``
(how far another program's values are from the exact ones)."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import TYPE_CHECKING

import click
import numpy as np
from click.core import ParameterSource

from actplot import compare, functions, inputs, shell
from actplot.cli.draw import function_spec
from actplot.cli.layout import fitted, fitting_table, wrapped
from actplot.cli.options import (
    CONTEXT,
    WORDS,
    Drawing,
    DtypeChoice,
    FiniteRange,
    FunctionGroup,
    FunctionName,
    RecordCommand,
    SettingsCommand,
    binary_stdout,
    chart_refused,
    check_parameters,
    check_range_size,
    compat_option,
    drawn_range_option,
    dtype_spec,
    fixed_options,
    function_command,
    function_parameters,
    note,
    number_text,
    options_taken,
    options_without,
    param_option,
    plot_options,
    read_line,
    refuse_compat_for_none,
    refuse_dtype_for_none,
    refuse_unread_stdin,
    sampling_options,
    shown_settings,
    terminal_columns,
)
from actplot.formats import shortest_in, texts

if TYPE_CHECKING:
    from collections.abc import Iterator


def _dtype_option() -> click.Option:
    return click.Option(
        ["--dtype"],
        type=DtypeChoice(),
        default="float64",
        show_default=True,
        help="The format the inputs are rounded to and the results are correctly rounded to and compared in.",
    )


def _format_option() -> click.Option:
    return click.Option(["--format", "fmt"], type=click.Choice(["plain", "json"]), default="plain", show_default=True)


@click.command(
    "diff",
    cls=SettingsCommand,
    context_settings=CONTEXT,
    short_help="How far two functions, or two settings of one, are apart, and where.",
    params=[
        click.Argument(["f"], metavar="F", type=FunctionName(settings=True)),
        click.Argument(["g"], metavar="G", type=FunctionName(settings=True)),
        drawn_range_option("The interval to compare over."),
        *sampling_options(),
        _dtype_option(),
        _format_option(),
        compat_option(),
        *(option for option in plot_options() if option.name != "with_derivative"),
    ],
)
def diff_command(f, g, range_, step, num, dtype, fmt, compat, **options):
    """How far two functions F and G, or two settings of one, are apart over a range, and where:
    the largest absolute difference, the largest relative difference |f - g| / max(|f|, |g|), the
    mean absolute difference and the largest difference in ulp of the dtype, each with the x
    where it is first reached. F and G are NAME, NAME:PARAM=VALUE,... or NAME@FRAMEWORK (that
    framework's defaults, as --compat gives them for both). With --dtype, each x is rounded to the
    dtype and both results are the exact values rounded to it, as a perfect kernel in that format
    gives them. -o FILE or --terminal draws both curves and, beneath them on its own scale, f - g.

    \b
    Examples:
      actplot diff gelu gelu:approximate=tanh
      actplot diff hard_sigmoid hard_sigmoid@keras2
      actplot diff leaky_relu leaky_relu:alpha=0.2 --range -3 3 --num 601
      actplot diff gelu gelu@jax -o gelu_diff.png
      actplot diff gelu gelu@jax --dtype bfloat16
      actplot diff silu gelu --terminal
      actplot diff gelu gelu:approximate=tanh --format json | jq .max_abs_diff
    """
    from actplot import charts

    ctx = click.get_current_context()
    drawing = Drawing.pop(options)
    drawing.check(ctx)
    refuse_compat_for_none(ctx, (f, g), compat)
    given = ctx.get_parameter_source("dtype") is ParameterSource.COMMANDLINE
    refuse_dtype_for_none(ctx, (f, g), dtype if given else None)
    # one dtype for both sides, x rounded to it: a side's own (sigmoid:dtype=half), else --dtype's
    own = [dtype_spec(ctx, spec, None) for spec in (f, g)]
    specs = [function_spec(ctx, spec, compat) for spec in (f, g)]
    for spec in specs:
        reason = compare.refusal(spec.record, "diff")
        if reason is not None:
            raise click.UsageError(reason, ctx)
    dtypes = [spelt or dtype for _, spelt in own]
    # with f's settings: 'diff leaky_relu:alpha=0.2 relu' said 'actplot leaky_relu', whose alpha is 0.01
    first = None if dtypes[0] == "float64" else dtypes[0]  # its own dtype ('sigmoid:dtype=half'), else --dtype
    command = function_command(specs[0].record, specs[0].params, specs[0].compat, first)
    refuse_unread_stdin(ctx, f"it compares over --range; to evaluate the numbers on stdin: {command}")
    check_range_size(ctx, range_, step, num, "a plot" if drawing.wanted else "a comparison")
    if dtypes[0] != dtypes[1]:  # after the line's other faults ('--num with --step' was said after it)
        spec, spelt = next((spec, spelt) for spec, (_, spelt) in zip((f, g), own, strict=True) if spelt)
        # one function in two dtypes: --dtype would compare it with itself (compare.dtype_question)
        sides = [replace(side, dtype=side_dtype) for side, side_dtype in zip(specs, dtypes, strict=True)]
        sampled = ["--range", *range_, *(["--step", step] if step else []), *(["--num", str(num)] if num else [])]
        question = compare.dtype_question(*sides, sampled)
        if question:  # its values there are what the hint's pipeline checks (NaN against NaN: 0 ulp)
            for side_dtype in dtypes:
                try:
                    compare.refuse_beyond(compare.sample(range_, step, num, side_dtype), side_dtype)
                except inputs.RangeError as error:
                    raise click.UsageError(str(error), ctx) from None
        else:  # two functions: the line with one --dtype, either side's ('--dtype float16' was a fragment)
            named = [side_dtype for (_, spelt), side_dtype in zip(own, dtypes, strict=True) if spelt or given]
            words = list(ctx.meta[WORDS])
            for side in (f, g):  # each side without its dtype
                words[words.index(side)] = functions.spelling(side).without_dtype().written()
            words = options_without(words, [], drop=("--dtype",))
            lines = [shell.join(["actplot", "diff", *words, "--dtype", d]) for d in dict.fromkeys(named)]
            question = ": " + " or ".join(lines)
        raise click.UsageError(f"{spec!r}: diff takes one dtype for both sides{question}", ctx)
    dtype = dtypes[0]  # both sides' own (diff sigmoid:dtype=half tanh:dtype=half), or --dtype
    x = compare.sample(range_, step, num, dtype)
    if drawing.wanted:
        if ctx.get_parameter_source("fmt") is ParameterSource.COMMANDLINE:  # as on the function commands
            raise click.UsageError("--format shapes printed text, not a plot: drop it or drop the plot options", ctx)
        if dtype != "float64":  # the values the dtype holds, labelled 'gelu in bfloat16'
            specs = [replace(spec, dtype=dtype) for spec in specs]
        from actplot import plotting

        if drawing.size and not drawing.terminal and drawing.size[1] < plotting.STACK_SHORTEST:
            raise click.BadParameter(
                f"a difference is drawn as two panels, one above the other, in a figure at least "
                f"{plotting.STACK_SHORTEST:g} inches tall, not {number_text(drawing.size[1])}",
                param_hint="'--size'",
            )
        try:
            chart = charts.difference_chart(*specs, x, title=drawing.title, xlim=drawing.xlim, ylim=drawing.ylim)
        except charts.ChartError as error:  # ('--range 1 1.0000000000000004 --num 3' was drawn as nothing)
            raise chart_refused(error, ctx) from None
        drawing.draw(chart)
        return
    sides = [compare.side(spec)[0] for spec in specs]
    try:
        result = compare.difference(*sides, x, *compare.curves(*sides, x, dtype), dtype)
    except inputs.RangeError as error:  # samples beyond the dtype's values
        raise click.UsageError(str(error), ctx) from None
    for text in result.notes:
        note(f"actplot: {text}")
    out = binary_stdout()
    if fmt == "json":
        import orjson

        fields = ("max_abs_diff_x", "max_rel_diff_x", "max_ulp_diff_x")
        out.write(orjson.dumps(_shortest(result, fields, dtype)) + b"\n")
        return
    out.write(_difference_text(result, range_).encode())


def _shortest(record, fields: tuple[str, ...], dtype: str):
    """``record`` (a dataclass) with the values of ``dtype`` in ``fields`` as the doubles that
    print as their shortest decimals in the dtype (2.3, not float16's 2.30078125), as the
    function commands print them; None stays None."""
    if dtype == "float64":
        return record
    values = {name: getattr(record, name) for name in fields if getattr(record, name) is not None}
    shown = shortest_in(np.array(list(values.values()), dtype=np.float64), dtype).tolist()
    return replace(record, **dict(zip(values, shown, strict=True)))


def _number(value: float, dtype: str = "float64") -> str:
    """A value of ``dtype`` in the shortest text that reads back to it in ``dtype``."""
    return _numbers([value], dtype)[0]


def _numbers(values, dtype: str = "float64") -> list[str]:
    """``_number`` of each value, in one pass (a column of --show-worst 1000000 took 100 s a value at a time)."""
    return [text.decode() for text in texts(shortest_in(np.array(values, dtype=np.float64), dtype))]


def _at(x: float | None, dtype: str) -> str:
    return "" if x is None else f"at x = {_number(x, dtype)}"


def _difference_text(d: compare.Difference, range_) -> str:
    rows = [
        ("largest absolute difference", _number(d.max_abs_diff), _at(d.max_abs_diff_x, d.dtype)),
        ("largest relative difference", _number(d.max_rel_diff), _at(d.max_rel_diff_x, d.dtype)),
        ("mean absolute difference", _number(d.mean_abs_diff), ""),
        (f"largest difference in {d.dtype} ulp", _number(d.max_ulp_diff), _at(d.max_ulp_diff_x, d.dtype)),
    ]
    # One point (--num 1, or a step longer than the range) is the start alone, as numpy.linspace gives it.
    sampled = f"{d.count} points from {range_[0]} to {range_[1]}" if d.count > 1 else f"1 point, x = {range_[0]}"
    parts = [f"f = {d.f.label},", f"g = {d.g.label}: {sampled}, {d.dtype}"]
    columns = terminal_columns()
    if len(" ".join(parts)) <= columns:
        parts = [" ".join(parts)]
    else:  # gelu against its tanh form made 94 columns: f and g a line each
        parts = [line for part in parts for line in wrapped(part, columns, indent="    ")]
    return "\n".join(parts) + "\n" + "".join(fitted(rows, columns))


def _check_refusal(record, words=()) -> str | None:
    """Why check does not apply to ``record``; for a gated unit, the line that checks its gate keeps
    the options of ``words`` it takes ('check geglu --approximate tanh' was told 'actplot check gelu')."""
    if not record.gated:
        return compare.refusal(record, "check")
    from actplot.cli.evaluate import function_command
    from actplot.functions.gated import GATE_FUNCTIONS

    # its own faults first: 'check geglu --approximate bogus' was hinted '--approximate bogus'
    params, compat, dtype = (
        _read_as_check(record, list(words)) if words else (record.defaults("torch"), "torch", "float64")
    )
    gate = functions.get(GATE_FUNCTIONS[record.name])
    own = options_taken(function_command(record), list(words))  # with the dtype given, else float64's
    # the gate's parameters in force, against its own defaults: geglu@jax's gate is the exact gelu,
    # 'check gelu --compat jax' the tanh form (a correct gate was 441163540841 ulp off)
    settings = functions.command_options(gate, {key: params[key] for key in params if gate.parameter(key)}, compat)
    spelt = ["--compat", *(p.option for p in gate.parameters)]
    gate_options = settings + options_taken(_check_command(gate), list(words), drop=spelt)
    return compare.refusal(record, "check", gate_options=gate_options, own_options=own, dtype=dtype)


def _read_as_check(record, words: list[str]) -> tuple[dict, str, str]:
    """A usage error for what is wrong with ``words`` as check's options for ``record``, as if it
    took them: an unknown option ('check swiglu --beta 2' was dropped without a word), a value
    outside its choices or domain, a dtype that is none. Else the parameters in force and the
    framework and dtype."""
    options = read_line(click.get_current_context(), _check_command(record), record.alias or record.name, words)
    compat, dtype = options.pop("compat"), options.pop("dtype")
    for common in ("show_worst", "max_ulp", "fmt"):
        options.pop(common)
    params = function_parameters(record, options, compat)
    check_parameters(record, params)
    return params, compat, dtype


def _check_command(record) -> click.Command:
    params = [
        _dtype_option(),
        click.Option(
            ["--show-worst"],
            type=click.IntRange(0),
            default=0,
            metavar="N",
            help="Print the N lines with the largest errors.",
        ),
        click.Option(
            ["--max-ulp"],
            type=FiniteRange(0),
            metavar="K",
            help="Exit with status 1 when an error exceeds K ulp (without it, check reports and exits 0).",
        ),
        _format_option(),
        compat_option(),
        *(param_option(record, p) for p in record.parameters),
        *fixed_options(record),
    ]

    def callback(**options):
        _check(record, **options)

    name = record.name
    return RecordCommand(
        name,
        record=record,
        callback=callback,
        params=params,
        help=f"How exact another program's values of {name} are: reads 'x y' pairs from stdin (two numbers a "
        "line, separated as actplot reads them; a header line is skipped, with a note) and reports how far "
        f"each y is from the exact {name}(x) rounded to --dtype, in ulp of the dtype: the largest error and "
        "at which x, the median, and how many are correctly rounded. Each x and y is first rounded to the "
        "dtype, as the other program's tensor holds it. In float64 each exact value is worked out in mpmath "
        "(0.1 to 0.3 ms a pair).",
        epilog="Examples:\n\n\b\n"
        f"  python my_{name}.py | actplot check {name} --dtype float32\n"
        f"  actplot check {name} --show-worst 5 < pairs.txt\n"
        f"  actplot check {name} --max-ulp 1 < pairs.csv || echo 'more than 1 ulp off'",
        short_help=f"Check another program's values of {name}.",
        context_settings=CONTEXT,
    )


def _check(record, *, dtype, show_worst, max_ulp, fmt, compat, **options):
    ctx = click.get_current_context()
    params = function_parameters(record, options, compat)
    check_parameters(record, params)
    result = compare.check_pairs(record, _read_pairs(ctx), dtype=dtype, worst=show_worst, **params)
    for text in result.notes:
        note(f"actplot: {text}")
    out = binary_stdout()
    if fmt == "json":
        import orjson

        worst = result.worst
        if dtype != "float64" and worst:  # as _shortest, a column at a time
            names = ("x", "y", "expected")
            columns = [shortest_in(np.array([getattr(w, name) for w in worst]), dtype).tolist() for name in names]
            worst = tuple(replace(w, x=x, y=y, expected=e) for w, x, y, e in zip(worst, *columns, strict=True))
        shown = replace(_shortest(result, ("max_ulp_x",), dtype), worst=worst)
        out.write(orjson.dumps(shown) + b"\n")
    else:
        out.write(_check_text(result).encode())
    if max_ulp is not None and result.max_ulp > max_ulp:
        # in full: with '%g' 1234567 ulp against --max-ulp 1234566 read '1.23457e+06 ... 1.23457e+06'
        note(f"actplot: {_number(result.max_ulp)} ulp is more than --max-ulp {_number(max_ulp)}")
        ctx.exit(1)


def _read_pairs(ctx) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The x y pairs on stdin as they arrive, in chunks (x, y, line numbers); one-line errors for
    anything else."""
    if sys.stdin is None:
        raise click.ClickException("cannot read the pairs: stdin is closed")
    if sys.stdin.isatty():
        raise click.UsageError(
            f"give the x y pairs on stdin: COMMAND | actplot check {ctx.command.name}, or < FILE", ctx
        )
    values, lines = np.empty(0), []  # read but not yet given: the values of a line still open
    any_pairs = False
    try:
        header, stream = inputs.split_header(sys.stdin.buffer)
        if header is not None:
            note(f"actplot: skipped the header line {header!r}")
        held = None  # [line, count so far] of a line longer than a block, until it ends
        for block in inputs.read_blocks(stream):
            rows, lengths = block.row_lines, block.row_lengths
            if held is not None and block.continued and rows[0] == held[0]:
                held[1] += int(lengths[0])
                rows, lengths = rows[1:], lengths[1:]
            if held is not None and (rows.size or not block.continued or not block.open):
                _pairs_in(*held)
                lines.append(held[:1])
                held = None
            if block.open and rows.size:
                held = [int(rows[-1]), int(lengths[-1])]
                rows, lengths = rows[:-1], lengths[:-1]
            odd = np.flatnonzero(lengths != 2)
            if odd.size:
                _pairs_in(int(rows[odd[0]]), int(lengths[odd[0]]))
            values = np.concatenate([values, block.values])
            lines.append(rows)
            # every line ended so far holds two values: give their pairs, keep an open line's
            ended = np.concatenate(lines)
            pairs, values = values[: 2 * ended.size].reshape(-1, 2), values[2 * ended.size :]
            lines = []
            if ended.size:
                any_pairs = True
                yield pairs[:, 0], pairs[:, 1], ended
        if held is not None:
            _pairs_in(*held)
            pairs = values.reshape(-1, 2)
            any_pairs = True
            yield pairs[:, 0], pairs[:, 1], np.array(held[:1])
    except (inputs.BadToken, inputs.NotText) as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"cannot read stdin: {error.strerror or error}") from None
    if not any_pairs:
        raise click.ClickException("no x y pairs on stdin")


def _pairs_in(line: int, count: int) -> None:
    """Refuse a line that does not hold one x y pair."""
    if count != 2:
        raise click.ClickException(
            f"line {line} holds {count} number{'s' * (count != 1)}; check reads two a line: x and y"
        )


def _check_text(c: compare.Check) -> str:
    shown = shown_settings(c.function, c.params)
    pairs = f"{c.count} pair{'s' * (c.count != 1)}"
    head = f"{c.function}" + (f" ({shown})" if shown else "") + f": {pairs} against {c.reference}\n"
    where = f"at x = {_number(c.max_ulp_x, c.dtype)} (line {c.max_ulp_line})" if c.max_ulp_line else ""
    rows = [
        ("largest error", f"{_number(c.max_ulp)} ulp", where),
        ("median error", f"{_number(c.median_ulp)} ulp", ""),
        ("0 ulp", f"{c.exact} of {c.count}", f"({100 * c.exact / c.count:.1f}%)"),
    ]
    # it kept its widths at any COLUMNS: 'check sigmoid --show-worst 5' made 56 columns at COLUMNS=30
    width = terminal_columns()
    if len(head) - 1 > width:
        head = "".join(f"{line}\n" for line in wrapped(head.rstrip("\n"), width, indent="  "))
    text = head + "".join(fitted(rows, width))
    if c.worst:
        columns = [_numbers([getattr(w, name) for w in c.worst], c.dtype) for name in ("x", "y", "expected")]
        ulps = _numbers([w.ulp for w in c.worst])
        header = ("line", "x", "y", "reference", "ulp")
        table = [(str(w.line), *shown) for w, *shown in zip(c.worst, *columns, ulps, strict=True)]
        text += "".join(fitting_table(header, table, width))
    return text


check_command = FunctionGroup(
    "check",
    command_for=_check_command,
    refusal=_check_refusal,
    short_help="How exact another program's values of a function are, in ulp.",
    help="How exact another program's values of FUNCTION are: reads 'x y' pairs from stdin and reports "
    "their errors in ulp against the exact FUNCTION(x) rounded to --dtype (float64 by default). It reports, "
    "and exits 0 whatever the errors, unless --max-ulp K is given: then 1 when an error exceeds K ulp.",
    epilog="""Examples:

\b
  python3 -c 'import numpy as np; \\
    x = np.linspace(-5, 5, 1001, \\
      dtype="f4"); \\
    y = x / (1 + np.exp(-x)); \\
    print(*(f"{a} {b}" for a, b \\
      in zip(x, y)), sep="\\n")' \\
    | actplot check silu --dtype float32
  actplot gelu --range -5 5 --dtype float16 \\
    | actplot check gelu --dtype float16 --max-ulp 0
  actplot check tanh --max-ulp 1 < pairs.csv
""",
)
