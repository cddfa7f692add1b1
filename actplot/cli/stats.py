"""``actplot stats FUNCTION``: moments under Gaussian input, the initialisation gain and the depth map."""

from __future__ import annotations

import math

import click
import numpy as np

from actplot.cli.layout import fitted, fitting_table, wrapped
from actplot.cli.options import (
    CONTEXT,
    FunctionGroup,
    Number,
    RecordCommand,
    binary_stdout,
    check_parameters,
    compat_option,
    fixed_options,
    function_command,
    function_parameters,
    note,
    param_option,
    refuse_unread_stdin,
    shown_settings,
    terminal_columns,
)
from actplot.formats import texts
from actplot.functions import Activation
from actplot.stats import MAX_DEPTH, StatsError, refusal, stats

FIGURES = {
    "mean": "E[f(X)]",
    "variance": "Var[f(X)]",
    "second_moment": "E[f(X)^2]",
    "derivative_mean": "E[f'(X)]",
    "derivative_second_moment": "E[f'(X)^2]",
    "dead_fraction": "P(f'(X) = 0)",
}
_CLAIMED = 1e-12  # relative accuracy promised; a figure whose error estimate exceeds it gets a note
_DIGITS = 13


def _examples(record: Activation) -> str:
    name = record.name
    lines = [
        "Examples:",
        "",
        "\b",
        f"  actplot stats {name}",
        f"  actplot stats {name} --mean 0.5 --std 2",
        f"  actplot stats {name} --depth 10 --weight-var 2",
        f"  actplot stats {name} --format json | jq .gain",
    ]
    return "\n".join(lines)


def _number_option(name: str, default: float, metavar: str, text: str, *, positive: bool = False) -> click.Option:
    return click.Option(
        [name], type=Number(positive=positive), default=default, show_default=True, metavar=metavar, help=text
    )


def _stats_command(record: Activation) -> click.Command:
    params = [
        _number_option("--mean", 0.0, "M", "Mean of X."),
        _number_option("--std", 1.0, "S", "Standard deviation of X (> 0).", positive=True),
        click.Option(
            ["--depth"],
            type=click.IntRange(0, MAX_DEPTH),
            default=0,
            metavar="N",
            help="Iterate the mean/variance map of a wide network through N layers: "
            "(m, v) -> (E f(Z), Var f(Z)), Z ~ N(w*m, t*v), from (M, S^2).",
        ),
        _number_option("--weight-mean", 0.0, "W", "w: the sum of a unit's weights, for --depth."),
        _number_option(
            "--weight-var", 1.0, "T", "t: the sum of the squares of a unit's weights, for --depth (> 0).", positive=True
        ),
        click.Option(["--format", "fmt"], type=click.Choice(["plain", "json"]), default="plain", show_default=True),
        compat_option(),
        *(param_option(record, p) for p in record.parameters),
        *fixed_options(record),
    ]

    def callback(**options):
        _stats(record, **options)

    return RecordCommand(
        record.name,
        record=record,
        callback=callback,
        params=params,
        help=f"Moments of {record.name}(X) under Gaussian input X ~ N(M, S^2): E[f(X)], Var[f(X)], E[f(X)^2], "
        "E[f'(X)], E[f'(X)^2] and P(f'(X) = 0), the share of inputs where the gradient is 0; the gain "
        "1/sqrt(E[f(Z)^2]), Z ~ N(0, 1), that keeps E[x^2] from layer to layer, beside PyTorch's "
        "calculate_gain. Each figure is an integral computed to 1e-12 relative (SciPy's tanh-sinh quadrature "
        "between the kinks) and printed to 13 significant digits (--format json: the whole double); a figure "
        "whose integrand cancels (SELU's mean) prints with the digits its error estimate leaves, the "
        "estimate beside it, and a note.",
        epilog=_examples(record),
        short_help=f"Moments of {record.name} under Gaussian input.",
        context_settings=CONTEXT,
    )


def _stats(record, *, mean, std, depth, weight_mean, weight_var, fmt, compat, **options):
    ctx = click.get_current_context()
    params = function_parameters(record, options, compat)
    check_parameters(record, params)
    command = function_command(record, params, compat)
    instead = f"its input is Gaussian (--mean, --std); to evaluate the numbers on stdin: {command}"
    refuse_unread_stdin(ctx, instead, "stats")
    try:
        result = stats(
            record, mean=mean, std=std, depth=depth, weight_mean=weight_mean, weight_var=weight_var, **params
        )
    except StatsError as error:
        # The API's names are the options' ('std' is --std, 'weight_var' --weight-var)
        name, _, rest = str(error).partition(" ")
        if name in ("mean", "std", "depth", "weight_mean", "weight_var"):
            raise click.UsageError(f"--{name.replace('_', '-')} {rest}", ctx) from None
        raise click.UsageError(str(error), ctx) from None
    out = binary_stdout()
    if fmt == "json":
        import orjson

        out.write(orjson.dumps(result) + b"\n")
    else:
        out.write("".join(_lines(result)).encode())
    for name, error in result.error_estimates.items():
        value = getattr(result, name)
        if _uncertain(value, error):
            label = FIGURES.get(name, name)
            note(
                f"actplot: note: {label} = {_number(value, error)} is known to +-{error:.1g} only: the positive "
                "and negative parts of its integral cancel, or the rounding of f's values is as large as "
                "their variation"
            )


def _uncertain(value: float, error: float) -> bool:
    """Whether a figure's error estimate exceeds the 1e-12 promised (a subnormal's: its last place)."""
    return error > max(_CLAIMED * abs(value), math.ulp(value))


def _number(value: float, error: float = 0.0) -> str:
    """13 significant digits: what the 1e-12 accuracy vouches for (JSON carries the whole double);
    fewer, down to 1, for a figure whose error estimate exceeds it (SELU's mean, -1.9e-18 +- 3e-15,
    prints as -2e-18)."""
    digits = _DIGITS
    if _uncertain(value, error):
        vouched = abs(value) / error if error < math.inf else 0.0
        digits = min(_DIGITS, max(1, math.floor(math.log10(vouched)) + 1)) if vouched > 0 else 1
    return texts(np.array([value]), precision=digits)[0].decode()


def _lines(result) -> list[str]:
    shown = shown_settings(result.function, result.params)
    head = f"{result.function}" + (f" ({shown})" if shown else "")
    gaussian = f"X ~ N({_number(result.input_mean)}, {_number(result.input_std)}^2)"
    columns = terminal_columns()
    # xielu's four parameters and a --mean and --std of many digits made 88 columns: head and Gaussian a line each
    lines = [f"{head}, {gaussian}\n"]
    if len(lines[0]) - 1 > columns:
        lines = [f"{line}\n" for line in [*wrapped(f"{head},", columns, indent="  "), *wrapped(gaussian, columns)]]
    rows = []
    for name, label in FIGURES.items():
        value, error = getattr(result, name), result.error_estimates.get(name, 0.0)
        rows.append((label, _number(value, error), _estimate(value, error)))
    rows.append(
        ("gain", _number(result.gain, result.error_estimates.get("gain", 0.0)), "1/sqrt(E[f(Z)^2]), Z ~ N(0, 1)")
    )
    if result.torch_gain is None:
        # it said 'torch.nn.init.calculate_gain has no entry for gelu': 81 columns, 94 for thresholded_relu
        rows.append(("torch gain", "-", "none in torch.nn.init.calculate_gain"))
    else:
        rows.append(("torch gain", _number(result.torch_gain), f"torch.nn.init.{result.torch_call}"))
    lines += fitted(rows, columns)
    if result.layers:
        heading = (
            f"depth map: Z ~ N({_number(result.weight_mean)} m, {_number(result.weight_var)} v) "
            "-> (m, v) = (E f(Z), Var f(Z))"
        )
        lines += ["\n"] + [f"{line}\n" for line in wrapped(heading, columns, indent="  ")]
        header, *rows = [("layer", "mean", "variance")] + [
            (
                str(layer.layer),
                *(_with_error(getattr(layer, name), layer.error_estimates[name]) for name in ("mean", "variance")),
            )
            for layer in result.layers
        ]
        # the layers kept 39 columns at COLUMNS=37 ('stats relu --depth 3'): split or stacked as limits' are
        lines += fitting_table(header, rows, columns)
    return lines


def _with_error(value: float, error: float) -> str:
    """The figure as ``_number`` prints it, and its error estimate beside it where that exceeds 1e-12."""
    return f"{_number(value, error)} {_estimate(value, error)}".rstrip()


def _estimate(value: float, error: float) -> str:
    """``+-error`` where the error estimate exceeds the 1e-12 promised, else nothing."""
    return f"+-{error:.1g}" if _uncertain(value, error) else ""


stats_command = FunctionGroup(
    "stats",
    command_for=_stats_command,
    refusal=lambda record, words=(): refusal(record),
    short_help="Moments under Gaussian input, the initialisation gain, the depth map.",
    help="Statistics of FUNCTION(X) for Gaussian input X ~ N(M, S^2): its moments, the share of inputs "
    "where its gradient is 0, the initialisation gain, and with --depth the mean and variance of a deep, "
    "wide network's activations layer by layer. Vector functions (softmax, ...) do not apply.",
    epilog="""Examples:

\b
  actplot stats relu                      # gain sqrt(2), dead fraction 1/2
  actplot stats tanh                      # gain 1.5925 beside PyTorch's 5/3
  actplot stats selu --depth 10           # stays at mean 0, variance 1
  actplot stats leaky_relu --alpha 0.2 --mean 0.5 --std 2
  actplot stats gelu --format json | jq .gain
""",
)
