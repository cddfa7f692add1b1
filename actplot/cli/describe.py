"""``actplot list`` (the table of functions) and ``actplot info`` (everything about one), laid out
to the terminal's width (80 columns when it is not known)."""

from __future__ import annotations

import click
import numpy as np

from actplot import functions
from actplot.cli.layout import split_table, table, wrapped
from actplot.cli.options import CONTEXT, FunctionName, number_text, terminal_columns
from actplot.functions import FRAMEWORKS, NAME_COLUMNS

ABSENT = "\u2014"  # a framework without the function: an em dash


@click.command("list", context_settings=CONTEXT)
@click.option("--names", "name_table", is_flag=True, help="Each function's name in each framework instead.")
@click.option("--format", "fmt", type=click.Choice(["plain", "json"]), default="plain", show_default=True)
def list_command(name_table, fmt):
    """The table of functions, family by family: range, typical use and aliases. --names gives each
    function's name in PyTorch, JAX, Keras, TensorFlow, ONNX and Hugging Face instead.

    \b
    Examples:
      actplot list
      actplot list --names
      actplot list --format json | jq -r '.[].name'
    """
    if name_table:
        _print_name_table(fmt)
        return
    if fmt == "json":
        import json

        records = functions.records()
        rows = [
            {
                "name": r.name,
                "family": r.family,
                "range": r.range_text,
                "use": list(r.use),
                "aliases": list(r.aliases),
                "formula": r.plain,
            }
            for r in records
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    # (family, summary, range, typical use, aliases) of each, read without importing the functions
    cards = [(name, functions.card(name)) for name in functions.names()]
    rows = [("name", "range", "typical use", "aliases")]
    # The range's first case (the default parameters' side); 'info' says the others.
    rows += [(name, _first_case(rng), "; ".join(use), ", ".join(aliases)) for name, (_, _, rng, use, aliases) in cards]
    headings = {}
    for index, (_, (family, *_)) in enumerate(cards, start=1):
        if index == 1 or family != cards[index - 2][1][0]:
            headings[index] = f"{family}:"
    click.echo("\n".join(table(rows, terminal_columns(), headings)))


def _first_case(range_text: str) -> str:
    """The range for the default parameters: "(-alpha, inf)" of "(-alpha, inf) for alpha >= 0; ..."."""
    return range_text.split(";")[0].split(" for ")[0]


def _print_name_table(fmt: str) -> None:
    rows = functions.name_table()
    if fmt == "json":
        import json

        click.echo(json.dumps([{"name": name, **cells} for name, cells in rows], indent=2))
        return
    body = [(name, *(cell or ABSENT for cell in cells.values())) for name, cells in rows]
    click.echo("\n".join(split_table(("function", *NAME_COLUMNS.values()), body, terminal_columns())))


@click.command("info", context_settings=CONTEXT)
@click.argument("function", type=FunctionName(), metavar="FUNCTION")
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
        record = functions.get(function)
    except KeyError as error:
        base = functions.spelling(function).name
        if base != function.strip() and functions.canonical(base):  # 'gelu@jax', 'leaky_relu:alpha=0.2'
            raise click.BadParameter(
                f"{function!r}: info takes a name alone, and shows every framework's defaults: actplot info {base}",
                param_hint="FUNCTION",
            ) from None
        raise click.BadParameter(f"{error.args[0]} ('actplot list' shows them all)", param_hint="FUNCTION") from None
    props = record.properties
    params = {
        p.name: {fw: p.show(record.defaults(fw)[p.name]) for fw in FRAMEWORKS} | {"help": p.help}
        for p in record.parameters
    }
    kinks = _kink_values(record)
    facts = {
        "name": record.name,
        "family": record.family,
        "aliases": list(record.aliases),
        "summary": record.summary,
        "formula": record.plain,
        "latex": record.latex,
        "derivative": record.derivative_plain,
        "range": record.range_text,
        "parameters": params,
        "fixed": dict(record.fixed),
        "monotonic": props.monotonic,
        "zero_centred": props.zero_centred,
        "smooth": props.smooth,
        "largest_slope": props.largest_slope,
        "use": list(record.use),
        "names": {column: record.names.get(column, "") for column in NAME_COLUMNS},
        "presets": {alias: dict(fixed) for alias, fixed in record.presets.items()},
        "source": record.source,
        "conventions": record.conventions or _agreement(record),
        "derivative_at_kinks": kinks,
        "accuracy": record.accuracy,
    }
    if fmt == "json":
        import json

        click.echo(json.dumps(facts, indent=2))
        return
    columns = terminal_columns()
    label = 13  # characters of the labels' column
    yes = {True: "yes", False: "no"}

    def field(name: str, text: str) -> list[str]:
        return wrapped(text, columns, indent=" " * label, first=name.ljust(label))

    title = record.name + (f"  (also: {', '.join(record.aliases)})" if record.aliases else "")
    if record.fixed:
        fixed = ", ".join(f"{key} = {value}" for key, value in record.fixed.items())
        title = f"{record.alias}: {record.name} with {fixed}"
    lines = wrapped(title, columns, indent="  ")
    lines += wrapped(record.summary, columns, indent="  ", first="  ")
    lines += [""]
    lines += field("family", record.family) + field("formula", record.plain) + field("latex", record.latex)
    lines += field("derivative", record.derivative_plain) + field("range", record.range_text)
    if record.parameters:
        lines += field("parameters", "(default under each --compat)")
        for name, values in params.items():
            by_framework = ", ".join(f"{fw} {values[fw]}" for fw in FRAMEWORKS)
            text = f"--{name.replace('_', '-')}: {values['help']}; {by_framework}"
            lines += wrapped(text, columns, indent=" " * 4, first="  ")
    else:
        lines.append("parameters   none" + (" (fixed by the name)" if record.fixed else ""))
    properties = (
        f"monotonic: {yes[props.monotonic]}; zero-centred: {yes[props.zero_centred]}; "
        f"smooth: {yes[props.smooth]}; largest slope: {props.largest_slope}"
    )
    lines += field("properties", properties) + field("use", "; ".join(record.use))
    lines += field("names", "(in each framework)")
    for column, heading in NAME_COLUMNS.items():
        lines += wrapped(f"{heading}: {record.names.get(column) or '-'}", columns, indent=" " * 4, first="  ")
    if record.presets:
        presets = "; ".join(
            f"{alias}: " + ", ".join(f"{key} = {value}" for key, value in fixed.items())
            for alias, fixed in record.presets.items()
        )
        lines += field("fixes", f"names that fix parameters: {presets}")
    lines += field("source", record.source or "-")
    if kinks:
        lines += field("at kinks", "the derivative's value where its two sides differ, under each --compat:")
        for fw, found in kinks.items():
            values = ", ".join(f"h'({number_text(x)}) = {number_text(y)}" for x, y in found["values"])
            lines += wrapped(f"{fw}: {values} ({found['rule']})", columns, indent=" " * 4, first="  ")
    lines += field("conventions", facts["conventions"]) + field("accuracy", record.accuracy)
    click.echo("\n".join(lines))


def _agreement(record) -> str:
    """The conventions line of a function whose record states none: who has it, and so who agrees."""
    having = [framework for framework in ("torch", "jax", "keras") if record.names.get(framework)]
    missing = [framework for framework in ("torch", "jax", "keras") if framework not in having]
    if not missing:
        return "PyTorch's definition; torch, jax and keras agree."
    listed = ", ".join(missing[:-1]) + " and " * (len(missing) > 1) + missing[-1]
    lacking = f"{listed} {'has' if len(missing) == 1 else 'have'} none"
    if not having:
        return f"The source's definition; {lacking}."
    return f"As {' and '.join(having)} define{'s' if len(having) == 1 else ''} it; {lacking}."


def _kink_values(record) -> dict:
    """Each framework's rule at the function's kinks and the derivative's value there, with that
    framework's defaults; empty for a function whose derivative has no jump (at those defaults:
    squareplus has one only at b = 0)."""
    if not record.kink_default:
        return {}
    found = {}
    for fw in FRAMEWORKS:
        params = record.defaults(fw)
        points = record.kinks(**params)
        if not points:
            continue
        slopes = functions.curve(record, True, fw)(np.array(points, dtype=np.float64), **params)
        values = [(x, float(y)) for x, y in zip(points, slopes, strict=True)]
        found[fw] = {"rule": record.kink_rule_of(fw), "values": values}
    return found
