"""``actplot diff F G`` (how far two functions are apart, and where) and ``actplot check FUNCTION``
(how far another program's values are from the exact ones)."""

from __future__ import annotations

import click
import numpy as np

from actplot import compare
from actplot.cli.draw import function_spec
from actplot.cli.options import (
    CONTEXT,
    Drawing,
    binary_stdout,
    check_plot_size,
    compat_option,
    drawn_range_option,
    plot_options,
    sampling_options,
)
from actplot.formats import texts


def _dtype_option() -> click.Option:
    return click.Option(
        ["--dtype"],
        type=click.Choice(compare.DTYPES),
        default="float64",
        show_default=True,
        help="The floating-point format the functions are evaluated and compared in.",
    )


def _format_option() -> click.Option:
    return click.Option(["--format", "fmt"], type=click.Choice(["plain", "json"]), default="plain", show_default=True)


@click.command(
    "diff",
    context_settings=CONTEXT,
    short_help="How far two functions, or two settings of one, are apart, and where.",
    params=[
        click.Argument(["f"], metavar="F"),
        click.Argument(["g"], metavar="G"),
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
    framework's defaults, as --compat gives them for both). -o FILE or --terminal draws both
    curves and, beneath them on its own scale, f - g.

    \b
    Examples:
      actplot diff gelu gelu:approximate=tanh
      actplot diff hard_sigmoid hard_sigmoid@keras2
      actplot diff leaky_relu leaky_relu:alpha=0.2 --range -3 3 --num 601
      actplot diff gelu gelu@jax -o gelu_diff.png
      actplot diff silu gelu --terminal
      actplot diff gelu gelu:approximate=tanh --format json | jq .max_abs_diff
    """
    from actplot import charts

    ctx = click.get_current_context()
    drawing = Drawing.pop(options)
    drawing.check(ctx)
    specs = [function_spec(ctx, spec, compat) for spec in (f, g)]
    for spec in specs:
        reason = compare.refusal(spec.record, "diff")
        if reason is not None:
            raise click.UsageError(reason, ctx)
    check_plot_size(ctx, range_, step, num)
    x = compare.sample(range_, step, num)
    if drawing.wanted:
        try:
            chart = charts.difference_chart(*specs, x, title=drawing.title, xlim=drawing.xlim, ylim=drawing.ylim)
        except charts.ChartError as error:
            raise click.UsageError(str(error), ctx) from None
        drawing.draw(chart)
        return
    sides = [compare.side(spec)[0] for spec in specs]
    result = compare.difference(*sides, x, *compare.curves(*sides, x, dtype), dtype)
    out = binary_stdout()
    if fmt == "json":
        import orjson

        out.write(orjson.dumps(result) + b"\n")
        return
    out.write(_difference_text(result, range_).encode())


def _number(value: float) -> str:
    return texts(np.array([value], dtype=np.float64))[0].decode()


def _at(x: float | None) -> str:
    return "" if x is None else f"at x = {_number(x)}"


def _difference_text(d: compare.Difference, range_) -> str:
    rows = [
        ("largest absolute difference", _number(d.max_abs_diff), _at(d.max_abs_diff_x)),
        ("largest relative difference", _number(d.max_rel_diff), _at(d.max_rel_diff_x)),
        ("mean absolute difference", _number(d.mean_abs_diff), ""),
        (f"largest difference in {d.dtype} ulp", _number(d.max_ulp_diff), _at(d.max_ulp_diff_x)),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    head = f"f = {d.f.label}, g = {d.g.label}: {d.count} points from {range_[0]} to {range_[1]}, {d.dtype}\n"
    lines = ["  ".join([a.ljust(widths[0]), b.ljust(widths[1]), c]).rstrip() + "\n" for a, b, c in rows]
    return head + "".join(lines)
