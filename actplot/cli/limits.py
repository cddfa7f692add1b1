"""``actplot limits``: where a function saturates, overflows, underflows and its gradient
vanishes, in each dtype (``actplot.precision.limits`` finds the inputs)."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING

import click
import numpy as np
from click.core import ParameterSource

from actplot import functions
from actplot.cli.draw import function_spec
from actplot.cli.options import (
    CONTEXT,
    SettingsCommand,
    compat_option,
    dtype_option,
    dtype_spec,
    function_argument,
    function_command,
    refuse_unread_stdin,
    terminal_columns,
)
from actplot.formats import shortest_in

if TYPE_CHECKING:  # imported when the command runs: 'actplot --help' lists it without
    from actplot import precision

# Row labels where the dtypes word a threshold differently (a limit that rounds differently).
_GENERIC = {
    "limit_high": "f(x) = its limit as x -> +inf",
    "limit_low": "f(x) = its limit as x -> -inf",
    "overflow_high": "f(x) overflows (x -> +inf)",
    "overflow_low": "f(x) overflows (x -> -inf)",
}


@click.command(
    "limits",
    cls=SettingsCommand,
    context_settings=CONTEXT,
    short_help="Where a function saturates, overflows, underflows and its gradient vanishes, in each dtype.",
    params=[
        function_argument(settings=True),
        dtype_option(
            multiple=True,
            help="A format to search; repeat for several.  [default: float64, float32, float16, bfloat16]",
        ),
        compat_option(),
        click.Option(["--format", "fmt"], type=click.Choice(["plain", "json"]), default="plain", show_default=True),
    ],
)
def limits_command(function, dtype, compat, fmt):
    """Where FUNCTION's rounded result changes, in each dtype: from which input f(x) equals its
    limit as x -> +inf and as x -> -inf, overflows to +-inf, underflows to 0, its derivative
    rounds to 0 (the gradient vanishes), and f(x) == x (softplus, gelu and silu become the
    identity). Each threshold is the exact input of the dtype where this starts and holds from
    there on, found by bisection over the dtype's values (not by sampling); "none" says there is
    no such input. The dtypes other than float64 are correctly rounded (a perfect kernel);
    float64 is actplot's own float64 function. A vector function is taken at [x, 0]: x is the gap
    between two logits. A gated unit, a function of two numbers, is taken along the slice its
    plots draw: the gated half x, the other 1 (glu: f(x) = 1 * sigmoid(x); f' is the partial by
    the gated half), which the heading says.

    \b
    Examples:
      actplot limits sigmoid    # 1 from x = 17.33 in float32, 8.32 in float16
      actplot limits softplus --dtype float16 --dtype bfloat16
      actplot limits leaky_relu:alpha=0.2 --dtype float8_e4m3fn
      actplot limits gelu --format json | jq '.dtypes.float16.identity.x'
    """
    from actplot import precision

    ctx = click.get_current_context()
    framework = functions.spelling(function).framework
    if framework and ctx.get_parameter_source("compat") is not ParameterSource.DEFAULT and framework != compat.lower():
        # one function, two frameworks: @jax won without a word over --compat keras
        raise click.UsageError(f"{function!r} says @{framework} and --compat says {compat}: give one", ctx)
    # the spelling's dtype is one to search, as plot draws it ('limits sigmoid:dtype=float16' said
    # "sigmoid has no parameter 'dtype'"); beside --dtype, one of them
    spelt = dtype_spec(ctx, function, None)[1]
    if spelt is not None and dtype and set(dtype) != {spelt}:
        raise click.UsageError(f"the spelling says dtype {spelt} and --dtype says {', '.join(dtype)}: give one", ctx)
    dtype = (spelt,) if spelt is not None else dtype
    spec = function_spec(ctx, function, compat, vector=True)
    # with its settings: 'limits leaky_relu:alpha=0.2' said 'actplot leaky_relu', whose alpha is 0.01
    # and its dtype, where one is asked ('limits sigmoid --dtype bfloat16' said float64's line)
    one = dtype[0] if dtype and len(dtype) == 1 and dtype[0] != "float64" else None
    command = function_command(spec.record, spec.params, spec.compat, one)
    refuse_unread_stdin(ctx, f"to evaluate the numbers on stdin: {command}")
    names = dict.fromkeys(dtype or precision.LIMITS_DTYPES)
    found = [precision.limits(spec.record, spec.params, name, compat=spec.compat) for name in names]
    if fmt == "json":
        click.echo(json.dumps(_document(found), allow_nan=False))
        return
    for line in _table(spec.label(), found):
        click.echo(line.rstrip())


def _shown(value: float | None, dtype: str) -> float | None:
    """A value of ``dtype`` as the double that prints as its shortest decimal; None for JSON's null."""
    if value is None or not math.isfinite(value):
        return None
    return float(shortest_in(np.array([value]), dtype)[0])


def _number(value: float, dtype: str) -> str:
    if not math.isfinite(value):
        return str(value)
    text = repr(_shown(value, dtype))
    return text.removesuffix(".0")


def _document(found: list[precision.Limits]) -> dict:
    """One JSON document: every threshold of every dtype, keyed by dtype and threshold."""
    along = {"along": found[0].along} if found[0].along else {}  # a gated unit's slice
    return {
        "function": found[0].function,
        "params": dict(found[0].params),
        **along,
        "dtypes": {
            limits.dtype: {
                t.key: {
                    "what": t.what,
                    "relation": t.relation,
                    "x": _shown(t.x, limits.dtype),
                    "value": _shown(t.value, limits.dtype),
                    "before": _shown(t.before, limits.dtype),
                    "before_value": _shown(t.before_value, limits.dtype),
                    "reason": t.reason or None,
                }
                for t in limits.thresholds
            }
            for limits in found
        },
    }


def _cell(threshold: precision.Threshold, dtype: str, with_value: bool) -> str:
    if threshold.x is None:
        return "none"
    if threshold.before is None:
        return "every x"
    cell = f"x {threshold.relation} {_number(threshold.x, dtype)}"
    return cell + (f" (f = {_number(threshold.value, dtype)})" if with_value else "")


def _table(label: str, found: list[precision.Limits]) -> list[str]:
    """The thresholds as a table, one row each and one column per dtype, that fits the terminal
    (``split_table``: where it is wider, the dtypes shared among tables of the same rows; the four
    dtypes made 111 columns for sigmoid, 126 for elu, at COLUMNS=80)."""
    from actplot.cli.layout import split_table, wrapped

    columns = terminal_columns()
    rows = []
    for i, first in enumerate(found[0].thresholds):
        alike = all(limits.thresholds[i].what == first.what for limits in found)
        cells = [_cell(limits.thresholds[i], limits.dtype, not alike) for limits in found]
        rows.append((first.what if alike else _GENERIC.get(first.key, first.what), *cells))
    lines = [*wrapped(f"{label}: the inputs where the rounded result changes, as each dtype holds them", columns), ""]
    if found[0].along:  # a gated unit, a function of two numbers
        along = f"(a function of two numbers, taken along {found[0].along}: f' is the partial by x)"
        lines[-1:-1] = wrapped(along, columns)
    lines += split_table(("threshold", *(limits.dtype for limits in found)), rows, columns)
    lines += [
        "",
        *wrapped("none: no input of that dtype does it (--format json says why).", columns),
        *wrapped(
            "float64 is actplot's own float64 function (within 4 ulp); the other dtypes are correctly rounded.", columns
        ),
    ]
    return lines
