"""``actplot plot`` (several functions on one figure) and ``actplot sheet`` (the cheat sheet)."""

from __future__ import annotations

import click
import numpy as np

from actplot import functions, inputs
from actplot.cli.options import (
    CONTEXT,
    Drawing,
    Number,
    binary_stdout,
    check_parameters,
    check_plot_size,
    compat_option,
    drawn_range_option,
    plot_options,
    sampling_options,
)
from actplot.functions import Activation


def function_spec(ctx: click.Context, spec: str, compat: str) -> tuple[str, Activation, dict]:
    """``name`` or ``name:param=value,...`` (e.g. ``leaky_relu:alpha=0.1``): label, record, parameters."""
    name, _, settings = spec.partition(":")
    try:
        record = functions.get(name)
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
    check_parameters(record, record.function, params)
    shown = ", ".join(f"{key}={record.parameter(key).show(value)}" for key, value in given.items())
    return record.name + (f" ({shown})" if shown else ""), record, params


@click.command(
    "plot",
    context_settings=CONTEXT,
    params=[
        click.Argument(["functions"], nargs=-1, required=True, metavar="FUNCTION[:PARAM=VALUE,...]..."),
        drawn_range_option("The interval to draw over."),
        *sampling_options(),
        compat_option(),
        *plot_options(),
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
    entries = [function_spec(ctx, spec, compat) for spec in functions]
    check_plot_size(ctx, range_, step, num)
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


@click.command(
    "sheet",
    context_settings=CONTEXT,
    params=[
        click.Option(["-o", "--output"], required=True, metavar="FILE", help="The page: .pdf, .png or .svg."),
        drawn_range_option("The interval of every panel."),
        compat_option(),
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
    for name in functions.names():
        record = functions.get(name)
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
        plotting.save(fig, output, stdout=binary_stdout() if output == "-" else None, dpi=dpi)
    except plotting.PlotError as error:
        raise click.ClickException(str(error)) from None
