"""``actplot plot`` (several functions on one figure) and ``actplot sheet`` (the cheat sheet)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import click
import numpy as np

from actplot import figures, inputs, shell
from actplot import functions as registry
from actplot.cli.options import (
    CONTEXT,
    NO_DTYPE,
    Drawing,
    FiniteRange,
    FunctionName,
    OutputFile,
    SettingsCommand,
    binary_stdout,
    chart_refused,
    check_range_size,
    compat_option,
    complete_path,
    drawn_range_option,
    dtype_option,
    dtype_spec,
    function_argument,
    function_command,
    function_setting,
    function_words,
    number_text,
    plot_options,
    refuse_compat_for_none,
    refuse_dtype_for_none,
    refuse_unread_stdin,
    sampling_options,
)


def function_spec(ctx: click.Context, spec: str, compat: str, *, vector: bool = False, dtype: str | None = None):
    """``name``, ``name@framework`` (that framework's defaults, as ``--compat`` gives them) and
    either with ``:param=value,...`` (``leaky_relu:alpha=0.1``, ``hard_sigmoid@keras2``): the
    function with the parameters in force, a ``charts.Spec``; a vector function only where
    ``vector`` (the sheet draws one over [1, 2, 3]), else a usage error naming its command, in
    ``dtype``."""
    from actplot import charts

    record, params, compat = function_setting(ctx, spec, compat)
    if record.drawn_as_bars and not vector:
        command = ctx.command.name
        # with its settings: 'plot softmax:temperature=1e-300' was told 'actplot softmax 1 2 3 -o FILE'
        # drawn as plot would draw it, in its dtype ('plot softmax:dtype=half' was told float64's line, without
        # the title or --terminal), to a file named for it where none is given ('-o FILE' failed when pasted)
        drawing = Drawing.pop(dict(ctx.params))
        drawing = drawing if drawing.wanted else replace(drawing, output=f"{record.name}.png")
        hint = f"draw it with {function_command(record, params, compat, dtype)} 1 2 3 {drawing.where}"
        hint = hint if command == "plot" else f"'actplot {command}' takes functions of one number"
        raise click.UsageError(f"{record.name} is a vector function: {hint}", ctx)
    return charts.Spec(record, params, compat)


@click.command(
    "plot",
    cls=SettingsCommand,
    context_settings=CONTEXT,
    params=[
        function_argument("functions", many=True, settings=True),
        drawn_range_option("The interval to draw over."),
        *sampling_options(),
        compat_option(),
        dtype_option(),
        *plot_options(),
    ],
)
def plot_command(functions, range_, step, num, compat, dtype, **options):
    """Several functions on one figure, with a legend; each may carry its own parameters. Each may
    carry its own dtype too (sigmoid:dtype=bfloat16; --dtype for the others), drawn as the
    staircase of values that dtype holds over the input before rounding.

    \b
    Examples:
      actplot plot sigmoid tanh relu --range -5 5 -o cmp.png
      actplot plot leaky_relu:alpha=0.1 leaky_relu:alpha=0.3 elu -o leaky.svg
      actplot plot sigmoid tanh --with-derivative --terminal
      actplot plot gelu gelu:approximate=tanh --range -4 2 --num 400 -o gelu.pdf
      actplot plot sigmoid sigmoid:dtype=bfloat16 --range 3 4 --num 2000 -o s.png
    """
    from actplot import charts

    ctx = click.get_current_context()
    drawing = Drawing.pop(options)
    if not drawing.wanted:
        raise click.UsageError("say where to draw: -o FILE, --terminal or --show", ctx)
    drawing.check(ctx)
    refuse_compat_for_none(ctx, functions, compat)
    refuse_dtype_for_none(ctx, functions, dtype)
    specs = []
    for spec in functions:
        spec_dtype = dtype_spec(ctx, spec, dtype)[1]
        specs.append(replace(function_spec(ctx, spec, compat, dtype=spec_dtype), dtype=spec_dtype))
    # the function command's spelling: 'actplot relu@torch -o FILE' was said, which that command
    # refuses; after the functions are checked, as the other commands do
    first = specs[0]
    command = function_command(first.record, first.params, first.compat, first.dtype)
    if first.record.gated:  # its plot is a slice over a range: 'actplot glu -o FILE' is refused
        refuse_unread_stdin(
            ctx,
            f"a gated unit's plot draws a slice over a range: {command} --range {shell.join(map(str, range_))} "
            f"{drawing.where}",
        )
    # a function command draws one function ('plot sigmoid tanh' was told sigmoid's, without a word of tanh;
    # then each other function's spelling, whose command with the same -o overwrote the first picture)
    others = [
        f"{function_command(s.record, s.params, s.compat, s.dtype)} {where}" for s, where in _elsewhere(specs, drawing)
    ]
    also = f"; and the same numbers to {' and to '.join(others)}" if others else ""
    refuse_unread_stdin(ctx, f"to draw the numbers on stdin: {command} {drawing.where}{also}")
    check_range_size(ctx, range_, step, num)
    x = np.concatenate(list(inputs.range_values(range_[0], range_[1], step, num)))
    try:
        chart = charts.comparison_chart(
            specs, x, with_derivative=drawing.with_derivative, title=drawing.title, xlim=drawing.xlim, ylim=drawing.ylim
        )
    except charts.ChartError as error:  # ('--range 1 1.0000000000000004 --num 3' was drawn as nothing)
        raise chart_refused(error, ctx) from None
    drawing.draw(chart)


def _elsewhere(specs: list, drawing: Drawing) -> list[tuple]:
    """Each function after the first, with where its function command draws it: a file of its own
    beside the one given (p.png: p-tanh.png, p-tanh-2.png for a second tanh, or where that one is
    there already), or named for it (tanh.png) beside a picture on stdout (-o -: a second PNG on
    the same stdout), else the same place (--terminal)."""
    from pathlib import Path

    placed, used = [], {drawing.output}
    for spec in specs[1:]:
        where = drawing
        if drawing.output:
            name = spec.record.alias or spec.record.name
            path = Path(drawing.output if drawing.output != "-" else "p.png")
            stem = f"{path.stem}-{name}" if drawing.output != "-" else name
            candidates = (
                path.with_name(f"{stem}{'-' + str(n) if n > 1 else ''}{path.suffix}") for n in range(1, 10**6)
            )
            new = next(str(c) for c in candidates if str(c) not in used and not c.exists())
            used.add(new)
            where = replace(drawing, output=new)
        placed.append((spec, where.where))
    return placed


def _plot_of_a_sheet(ctx: click.Context, functions: Sequence[str]) -> str:
    """The plot line that draws a sheet's functions on one figure, with the sheet's --compat,
    --range, --size, --dpi and path ('sheet gelu:dtype=half gelu --compat jax' was told a plot
    without --compat, the exact GELU): its functions but the vector ones, which plot refuses; of
    vector functions alone, their own commands."""
    from pathlib import Path

    from click.core import ParameterSource

    drawn = [registry.unfixed(spec) for spec in functions if not _is_vector(spec)]
    if not drawn:  # 'sheet softmax:dtype=half' was told a plot of no function: each one's own command
        given = ctx.get_parameter_source("compat") is ParameterSource.COMMANDLINE
        path = Path(ctx.params["output"])
        lines = []
        for spec in functions:
            words = function_words(spec)
            words += ["--compat", ctx.params["compat"]] if given and "--compat" not in words else []
            if len(functions) == 1:
                output = str(path)
            else:  # a picture each: beside the sheet's file, or named for it beside stdout ('-o --softmax')
                output = (
                    f"{words[0]}.png"
                    if str(path) == "-"
                    else str(path.with_name(f"{path.stem}-{words[0]}{path.suffix}"))
                )
            lines.append(shell.join(["actplot", *words, "1", "2", "3", "-o", output]))
        return f"a vector function's own command draws it in a dtype, over the values given: {'; '.join(lines)}"
    words = ["actplot", "plot", *drawn]
    for name, option in (("compat", "--compat"), ("range_", "--range"), ("size", "--size"), ("dpi", "--dpi")):
        if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE:
            value = ctx.params[name]
            values = value if isinstance(value, tuple) else (value,)
            words += [option, *(v if isinstance(v, str) else number_text(v) for v in values)]
    words += ["-o", ctx.params["output"]]
    apart = [spec for spec in functions if _is_vector(spec)]
    vectors = f" (vector functions apart: {', '.join(apart)}; 'actplot NAME 1 2 3 -o FILE' draws each)" if apart else ""
    return "plot draws one: " + shell.join(words) + vectors


def _is_vector(spec: str) -> bool:
    record = registry.get(registry.spelling(spec).name)
    return record.vector and not record.gated


@click.command(
    "sheet",
    cls=SettingsCommand,
    context_settings=CONTEXT,
    params=[
        click.Argument(
            ["functions"], nargs=-1, type=FunctionName(settings=True), metavar="[FUNCTION[:PARAM=VALUE,...]]..."
        ),
        click.Option(
            ["-o", "--output"],
            type=OutputFile(),
            required=True,
            metavar="FILE",
            shell_complete=complete_path,
            help="The sheet: .pdf (all pages), .png or .svg (one page).",
        ),
        click.Option(
            ["--family"],
            multiple=True,
            metavar="NAME",
            help="Only the functions of this family (repeatable): " + ", ".join(figures.family_names()) + ".",
            shell_complete=lambda ctx, param, incomplete: [
                name for name in figures.family_names() if name.startswith(incomplete)
            ],
        ),
        click.Option(
            ["--range", "range_"],
            nargs=2,
            metavar="START STOP",
            help="The interval of every panel.  [default: -5 5, widened to show each function's kinks]",
        ),
        compat_option(),
        click.Option(
            ["--size"],
            nargs=2,
            type=FiniteRange(min=2, max=100),
            metavar="W H",
            help="Page size in inches, at least 4 wide; a shorter page holds fewer rows.  "
            "[default: A4 portrait, 8.27 11.69]",
        ),
        click.Option(
            ["--dpi"],
            type=FiniteRange(min=10, max=1200),
            default=150,
            show_default=True,
            metavar="N",
            help="Pixels per inch of a PNG.",
        ),
    ],
)
def sheet_command(functions, output, family, range_, compat, size, dpi):
    """A cheat sheet: each function with its derivative (dashed) as small multiples, A4 pages of
    up to 24 panels, family by family, each panel titled with its name and formula. Vector
    functions show the article's [1, 2, 3]; gated units their slice a = 1, b = x (the title says
    so). A PDF holds every page; a PNG or SVG one page: choose it with --family or by naming the
    functions.

    \b
    Examples:
      actplot sheet -o sheet.pdf
      actplot sheet --family relu -o relu.png --dpi 200
      actplot sheet sigmoid tanh relu gelu -o hidden.svg --range -3 3
    """
    from actplot import charts, plotting

    ctx = click.get_current_context()
    Drawing(output=output).check(ctx)
    refuse_compat_for_none(ctx, functions, compat)
    for spec in functions:  # 'sheet sigmoid:dtype=float16' was told sigmoid has no parameter 'dtype'
        if dtype_spec(ctx, spec, None)[1] is not None:
            # each spelling's own fault first ('log_softmax:bogus=1,dtype=half' was hinted log_softmax alone)
            for each in functions:
                # but a setting of what its name fixes, which the plot line says of the function's own
                # name ('gelu_new:approximate=none,dtype=half' was hinted its gelu spelling, refused in turn)
                unfixed = registry.unfixed(each)
                if problem := registry.spelling_problem(unfixed, registry.spelling(unfixed).without_dtype()):
                    raise click.UsageError(problem.replace(repr(unfixed), repr(each), 1), ctx)
            raise click.UsageError(f"{spec!r}: {NO_DTYPE}; {_plot_of_a_sheet(ctx, functions)}", ctx)
    specs = [function_spec(ctx, spec, compat, vector=True) for spec in functions]
    try:
        specs = figures.select(specs or None, family, compat)
    except KeyError as error:
        raise click.BadParameter(error.args[0], param_hint="'--family'") from None
    except ValueError as error:  # a function named of no family given
        raise click.UsageError(str(error), click.get_current_context()) from None
    if not specs:
        raise click.UsageError("no function is of the families given", ctx)
    # after the names and families are checked ('sheet --family nosuch' refused the data first)
    # with the first function named, to the sheet's file ('actplot FUNCTION -o FILE' failed when pasted)
    first = specs[0] if functions else None
    named = (
        function_command(first.record, first.params, first.compat) if first else "actplot FUNCTION"
    ) + f" -o {shell.quote(output)}"
    refuse_unread_stdin(ctx, f"to draw the numbers on stdin: {named}")
    x = None
    if range_:
        try:
            x = np.concatenate(list(inputs.range_values(range_[0], range_[1], num=201, distinct=False)))
        except inputs.RangeError as error:
            raise click.UsageError(str(error), ctx) from None
    if size and size[0] < plotting.SHEET_NARROWEST:
        raise click.BadParameter(
            f"a sheet is at least {plotting.SHEET_NARROWEST:g} inches wide (four panels to a row), "
            f"not {number_text(size[0])}",
            param_hint="'--size'",
        )
    page_size = tuple(size) if size else plotting.A4_PORTRAIT
    pages = charts.pages(specs, plotting.SHEET_COLUMNS * plotting.sheet_rows(page_size[1]))
    single = plotting.plot_format(output) != "pdf"
    if single and len(pages) > 1:
        raise click.UsageError(
            f"the sheet is {len(pages)} pages and {output} holds one: write .pdf, or choose the functions "
            "(--family NAME, or their names)",
            ctx,
        )
    if single and output.lower().endswith(".png"):
        try:
            plotting.check_raster(page_size, dpi)
        except plotting.PlotError as error:
            raise click.UsageError(str(error), ctx) from None
    try:  # (a sheet over one ulp was drawn as nothing)
        charts.sheet_charts(pages[0][:1], x)
    except charts.ChartError as error:
        raise chart_refused(error, ctx) from None
    drawn = []
    for number, page in enumerate(pages, start=1):
        title = figures.SHEET_TITLE + (f", page {number} of {len(pages)}" if len(pages) > 1 else "")
        # One page as an image is as tall as its rows (as actplot.sheet draws it); PDF pages are pages.
        drawn.append(
            plotting.sheet(charts.sheet_charts(page, x), None if single and not size else page_size, title=title)
        )
    try:
        if single:
            plotting.save(drawn[0], output, stdout=binary_stdout() if output == "-" else None, dpi=dpi)
        else:
            plotting.save_pages(drawn, output)
    except plotting.PlotError as error:
        raise click.ClickException(str(error)) from None
