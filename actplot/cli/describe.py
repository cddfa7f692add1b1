"""``actplot list`` (the table of functions) and ``actplot info`` (everything about one)."""

from __future__ import annotations

import click
import numpy as np

from actplot import functions
from actplot.cli.options import CONTEXT
from actplot.functions import FRAMEWORKS, NAME_COLUMNS


@click.command("list", context_settings=CONTEXT)
@click.option("--names", "name_table", is_flag=True, help="The name table: each function's name in each framework.")
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
    records = [functions.get(name) for name in functions.names()]
    if name_table:
        _print_name_table(fmt)
        return
    if fmt == "json":
        import json

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
    table = [(r.name, r.range_text, "; ".join(r.use), ", ".join(r.aliases)) for r in records]
    widths = [max(len(row[i]) for row in [("name", "range", "typical use", "")] + table) for i in range(3)]
    click.echo(_row(("name", "range", "typical use", "aliases"), widths))
    family = None
    for record, row in zip(records, table, strict=True):
        if record.family != family:
            family = record.family
            click.echo(f"{family}:")
        click.echo("  " + _row(row, widths))


def _row(cells: tuple[str, ...], widths: list[int]) -> str:
    return ("  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=False)) + cells[-1]).rstrip()


def _print_name_table(fmt: str) -> None:
    rows = functions.name_table()
    if fmt == "json":
        import json

        click.echo(json.dumps([{"name": name, **cells} for name, cells in rows], indent=2))
        return
    header = ("function", *NAME_COLUMNS.values())
    table = [(name, *(cell or "-" for cell in cells.values())) for name, cells in rows]
    widths = [max(len(row[i]) for row in [header, *table]) for i in range(len(header) - 1)]
    for row in [header, *table]:
        click.echo(_row(row, widths))


@click.command("info", context_settings=CONTEXT)
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
        record = functions.get(function)
    except KeyError as error:
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
        "conventions": record.conventions or "PyTorch's definition; torch, jax and keras agree.",
        "derivative_at_kinks": kinks,
        "accuracy": record.accuracy,
    }
    if fmt == "json":
        import json

        click.echo(json.dumps(facts, indent=2))
        return
    yes = {True: "yes", False: "no"}
    title = record.name + (f"  (also: {', '.join(record.aliases)})" if record.aliases else "")
    if record.fixed:
        fixed = ", ".join(f"{key} = {value}" for key, value in record.fixed.items())
        title = f"{record.alias}: {record.name} with {fixed}"
    lines = [
        title,
        f"  {record.summary}",
        "",
        f"family       {record.family}",
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
        lines.append("parameters   none" + (" (fixed by the name)" if record.fixed else ""))
    lines += [
        f"properties   monotonic: {yes[props.monotonic]}; zero-centred: {yes[props.zero_centred]}; "
        f"smooth: {yes[props.smooth]}; largest slope: {props.largest_slope}",
        f"use          {'; '.join(record.use)}",
        "names        "
        + "\n             ".join(
            f"{heading}: {record.names.get(column) or '-'}" for column, heading in NAME_COLUMNS.items()
        ),
    ]
    if record.presets:
        presets = "; ".join(
            f"{alias}: " + ", ".join(f"{key} = {value}" for key, value in fixed.items())
            for alias, fixed in record.presets.items()
        )
        lines.append(f"fixes        names that fix parameters: {presets}")
    lines.append(f"source       {record.source or '-'}")
    if kinks:
        lines.append("at kinks     the derivative's value where its two sides differ, under each --compat:")
        for fw, found in kinks.items():
            values = ", ".join(f"h'({_number(x)}) = {_number(y)}" for x, y in found["values"])
            lines.append(f"  {fw}: {values} ({found['rule']})")
    lines += [
        f"conventions  {facts['conventions']}",
        f"accuracy     {record.accuracy}",
    ]
    click.echo("\n".join(lines))


def _number(value: float) -> str:
    return repr(float(value)).removesuffix(".0")


def _kink_values(record) -> dict:
    """Each framework's rule at the function's kinks and the derivative's value there, with that
    framework's defaults; empty for a function whose derivative has no jump."""
    if not record.kink_default:
        return {}
    found = {}
    for fw in FRAMEWORKS:
        params = record.defaults(fw)
        points = record.kinks(**params)
        slopes = functions.curve(record, True, fw)(np.array(points, dtype=np.float64), **params)
        values = [(x, float(y)) for x, y in zip(points, slopes, strict=True)]
        found[fw] = {"rule": record.kink_rule_of(fw), "values": values}
    return found
