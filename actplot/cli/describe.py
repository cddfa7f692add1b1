"""``actplot list`` (the table of functions) and ``actplot info`` (everything about one), laid out
to the terminal's width (80 columns when it is not known)."""

from __future__ import annotations

import click
import numpy as np

from actplot import functions
from actplot.cli.options import CONTEXT, FunctionName, terminal_columns
from actplot.functions import FRAMEWORKS, NAME_COLUMNS

GAP = "  "  # between the columns of the table
NARROWEST = 20  # characters: a narrower last column reads better stacked under the name


def wrapped(text: str, columns: int, indent: str = "", first: str = "") -> list[str]:
    """The text in lines of at most ``columns`` characters, broken at spaces where possible, the first
    starting with ``first``, the others with ``indent``."""
    import textwrap

    def wrap(whole: bool) -> list[str]:
        return textwrap.wrap(
            text,
            columns,
            initial_indent=first,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=not whole,
        ) or [first.rstrip()]

    # a word too long for the first line, not the next, goes whole to the next: textwrap broke it where it stood
    # ('limits log_softmax' at COLUMNS=25 printed '  float64: x >= 745.13321' over '    91019412')
    lines = wrap(whole=True)
    return lines if all(len(line) <= columns for line in lines) else wrap(whole=False)


def table(rows: list[tuple[str, ...]], columns: int, headings: dict[int, str] | None = None) -> list[str]:
    """Rows of cells as lines: the first columns as wide as their widest cell, the last two sharing
    what is left (no more than their widest cells) and wrapped in it; where too little is left,
    each row's last cells go under it. ``headings``: a line before the row of that index (a
    family's name)."""
    headings = headings or {}
    fixed = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 2)]
    left = columns - sum(fixed) - len(GAP) * (len(fixed) + 1)
    middle, last = (max(len(row[i]) for row in rows) for i in (-2, -1))
    # the last column a third of what is left, but never narrower than its longest word
    last = max(min(last, left // 3), max(len(word) for row in rows for word in row[-1].split() or [""]))
    if left - last < NARROWEST:
        return _stacked(rows, columns, headings)
    widths = [*fixed, min(middle, left - last), last]
    lines = []
    for index, row in enumerate(rows):
        if index in headings:
            lines += wrapped(headings[index], columns, indent="  ")
        cells = [wrapped(cell, w) or [""] for cell, w in zip(row, widths, strict=True)]
        for depth in range(max(map(len, cells))):
            parts = [(cell[depth] if depth < len(cell) else "").ljust(w) for cell, w in zip(cells, widths, strict=True)]
            lines.append(GAP.join(parts).rstrip())
    return lines


def _stacked(rows: list[tuple[str, ...]], columns: int, headings: dict[int, str]) -> list[str]:
    """Each row as its first cell, then the others labelled by the header, indented."""
    header, *body = rows
    lines = []
    for index, row in enumerate(body, start=1):
        if index in headings:
            lines += wrapped(headings[index], columns, indent="  ")
        lines += wrapped(row[0], columns, indent="  ")  # limits' labels are 46 characters
        for label, cell in zip(header[1:], row[1:], strict=True):
            if cell:
                lines += wrapped(cell, columns, indent=" " * 4, first=f"  {label}: ")
    return lines


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


ABSENT = "\u2014"  # a framework without the function: an em dash
RULE = "\u2500"  # under a table's header, one run a column: where each column starts and ends
LEAST = 10  # characters: the narrowest column of a split table; narrower, each row is stacked
COMFORTABLE = 18  # characters a column of a split table has at least, where the terminal allows


def split_table(header: tuple[str, ...], rows: list[tuple[str, ...]], columns: int) -> list[str]:
    """Rows of cells as tables at most ``columns`` wide: the first column (the row's name) in each,
    the others shared among as few tables as hold them, each cell wrapped in its column (at spaces,
    a column no narrower than its longest word where there is room), a rule under each header, a
    blank line between tables. Where not even one other column fits beside the first, each row is
    stacked under its name."""
    first = max(len(cell) for cell in (header[0], *(row[0] for row in rows)))
    room = columns - first - len(GAP)
    cells = [[header[i], *(row[i] for row in rows)] for i in range(1, len(header))]
    widest = [max(len(cell) for cell in column) for column in cells]
    longest = [max(len(word) for cell in column for word in cell.split()) for column in cells]
    groups = _groups(widest, longest, room)
    if groups is None:
        return _stacked([header, *rows], columns, {})
    lines: list[str] = []
    for group in groups:
        widths = [first, *_shares([widest[i] for i in group], [longest[i] for i in group], room)]
        picked = [row[:1] + tuple(row[i + 1] for i in group) for row in [header, *rows]]
        lines += [""] * bool(lines) + _grid(picked, widths)
    return lines


def _groups(widest: list[int], longest: list[int], room: int) -> list[list[int]] | None:
    """The columns (indices) in as few consecutive groups of near-equal count as fit in ``room``
    characters each, every column at least its longest word and COMFORTABLE characters (its
    widest cell where that is less); None where one column alone does not fit in LEAST characters
    or not its longest word (each row is stacked, its words whole)."""
    count = len(widest)
    wanted = [min(w, max(long, COMFORTABLE)) for w, long in zip(widest, longest, strict=True)]
    for tables in range(1, count + 1):
        size, extra = divmod(count, tables)
        starts = [index * size + min(index, extra) for index in range(tables + 1)]
        groups = [list(range(a, b)) for a, b in zip(starts, starts[1:], strict=False)]
        if all(sum(wanted[i] for i in g) + len(GAP) * (len(g) - 1) <= room for g in groups):
            return groups
    # a column narrower than its longest word breaks a number in two: 'limits elu' at COLUMNS=60 left
    # 14 characters beside the 44 of the labels, and -37.42994775023705 read as -37.42994 and 775023705
    fits = all(min(w, long) <= room for w, long in zip(widest, longest, strict=True))
    return [[i] for i in range(count)] if room >= LEAST and fits else None


def _shares(widest: list[int], longest: list[int], room: int) -> list[int]:
    """Widths for columns sharing ``room`` characters (less the gaps between them): each its widest
    cell, the widest cut down to a common width as far as they must, never below their longest
    word while the room allows it (then evenly)."""
    room -= len(GAP) * (len(widest) - 1)
    if sum(widest) <= room:
        return widest
    floor = [min(long, w) for long, w in zip(longest, widest, strict=True)]
    if sum(floor) > room:
        return [max(room // len(widest), 1)] * len(widest)
    cap = max(widest)
    while sum(max(f, min(w, cap)) for f, w in zip(floor, widest, strict=True)) > room:
        cap -= 1
    widths = [max(f, min(w, cap)) for f, w in zip(floor, widest, strict=True)]
    # what the cap left over goes to the columns it cut, one character each
    spare = room - sum(widths)
    for index in sorted(range(len(widths)), key=lambda i: widths[i] - widest[i]):
        if spare and widths[index] < widest[index]:
            widths[index] += 1
            spare -= 1
    return widths


def _grid(rows: list[tuple[str, ...]], widths: list[int]) -> list[str]:
    """The header row, a rule under each column, then the rows, each cell wrapped in its width."""
    lines = []
    for index, row in enumerate(rows):
        cells = [wrapped(cell, w) for cell, w in zip(row, widths, strict=True)]
        for depth in range(max(map(len, cells))):
            parts = [(cell[depth] if depth < len(cell) else "").ljust(w) for cell, w in zip(cells, widths, strict=True)]
            lines.append(GAP.join(parts).rstrip())
        if index == 0:
            lines.append(GAP.join(RULE * w for w in widths))
    return lines


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
            values = ", ".join(f"h'({_number(x)}) = {_number(y)}" for x, y in found["values"])
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


def _number(value: float) -> str:
    return repr(float(value)).removesuffix(".0")


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
