"""``actplot list`` (the table of functions) and ``actplot info`` (everything about one)."""

from __future__ import annotations

import click

from actplot import functions
from actplot.cli.options import CONTEXT
from actplot.functions import FRAMEWORKS


@click.command("list", context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["plain", "json"]), default="plain", show_default=True)
def list_command(fmt):
    """The table of functions: range, typical use and aliases.

    \b
    Examples:
      actplot list
      actplot list --format json | jq -r '.[].name'
    """
    records = [functions.get(name) for name in functions.names()]
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
