"""``actplot list`` (the table of functions) and ``actplot info`` (everything about one), laid out
to the terminal's width (80 columns when it is not known)."""

from __future__ import annotations

import os
import sys

import click

from actplot import functions
from actplot.cli.options import CONTEXT, FunctionName
from actplot.functions import FRAMEWORKS

GAP = "  "  # between the columns of the table
NARROWEST = 20  # characters: a narrower last column reads better stacked under the name


def width() -> int:
    """The terminal's width in characters: COLUMNS, the terminal's own, or 80 (as
    ``shutil.get_terminal_size`` finds it, without the 2 ms of importing shutil)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def wrapped(text: str, columns: int, indent: str = "", first: str = "") -> list[str]:
    """The text in lines of at most ``columns`` characters, broken at spaces where possible, the first
    starting with ``first``, the others with ``indent``."""
    import textwrap

    return textwrap.wrap(text, columns, initial_indent=first, subsequent_indent=indent, break_on_hyphens=False) or [
        first.rstrip()
    ]


def table(rows: list[tuple[str, ...]], columns: int) -> list[str]:
    """Rows of cells as lines: the first columns as wide as their widest cell, the last two sharing
    what is left (no more than their widest cells) and wrapped in it; where too little is left,
    each row's last cells go under it."""
    fixed = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 2)]
    left = columns - sum(fixed) - len(GAP) * (len(fixed) + 1)
    middle, last = (max(len(row[i]) for row in rows) for i in (-2, -1))
    if left - min(last, left // 3) < NARROWEST:
        return _stacked(rows, columns)
    widths = [*fixed, min(middle, left - min(last, left // 3)), min(last, left // 3)]
    lines = []
    for row in rows:
        cells = [wrapped(cell, w) or [""] for cell, w in zip(row, widths, strict=True)]
        for depth in range(max(map(len, cells))):
            parts = [(cell[depth] if depth < len(cell) else "").ljust(w) for cell, w in zip(cells, widths, strict=True)]
            lines.append(GAP.join(parts).rstrip())
    return lines


def _stacked(rows: list[tuple[str, ...]], columns: int) -> list[str]:
    """Each row as its first cell, then the others labelled by the header, indented."""
    header, *body = rows
    lines = []
    for row in body:
        lines.append(row[0])
        for label, cell in zip(header[1:], row[1:], strict=True):
            if cell:
                lines += wrapped(cell, columns, indent=" " * 4, first=f"  {label}: ")
    return lines


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
    rows = [("name", "range", "typical use", "aliases")]
    # The range's first case (the default parameters' side); 'info' says the others.
    rows += [(r.name, r.range_text.split(";")[0], "; ".join(r.use), ", ".join(r.aliases)) for r in records]
    click.echo("\n".join(table(rows, width())))


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
    columns = width()
    label = 13  # characters of the labels' column
    yes = {True: "yes", False: "no"}

    def field(name: str, text: str) -> list[str]:
        return wrapped(text, columns, indent=" " * label, first=name.ljust(label))

    lines = wrapped(
        record.name + (f"  (also: {', '.join(record.aliases)})" if record.aliases else ""), columns, indent="  "
    )
    lines += wrapped(record.summary, columns, indent="  ", first="  ")
    lines += [""]
    lines += field("formula", record.plain) + field("latex", record.latex)
    lines += field("derivative", record.derivative_plain) + field("range", record.range_text)
    if record.parameters:
        lines += field("parameters", "(default under each --compat)")
        for name, values in params.items():
            by_framework = ", ".join(f"{fw} {values[fw]}" for fw in FRAMEWORKS)
            text = f"--{name.replace('_', '-')}: {values['help']}; {by_framework}"
            lines += wrapped(text, columns, indent=" " * 4, first="  ")
    else:
        lines.append("parameters   none")
    properties = (
        f"monotonic: {yes[props.monotonic]}; zero-centred: {yes[props.zero_centred]}; "
        f"smooth: {yes[props.smooth]}; largest slope: {props.largest_slope}"
    )
    lines += field("properties", properties) + field("use", "; ".join(record.use))
    lines += field("conventions", facts["conventions"]) + field("accuracy", record.accuracy)
    click.echo("\n".join(lines))
