"""Text laid out to the terminal's width: words wrapped whole, rows of cells aligned, tables split or
stacked where they do not fit (``list``, ``info``, ``limits``, ``stats``, ``diff``, ``check``). Plain
functions of strings and a width in characters; the commands find the width
(``options.terminal_columns``)."""

from __future__ import annotations

GAP = "  "  # between the columns of a table
NARROWEST = 20  # characters: a narrower last column reads better stacked under the name
RULE = "\u2500"  # under a table's header, one run a column: where each column starts and ends
LEAST = 10  # characters: the narrowest column of a split table; narrower, each row is stacked
COMFORTABLE = 18  # characters a column of a split table has at least, where the terminal allows


def aligned(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows of cells as lines, each column as wide as its widest cell (the last one as it is)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        GAP.join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]]).rstrip() + "\n" for row in rows
    ]


def wrapped(text: str, columns: int, indent: str = "", first: str = "") -> list[str]:
    """The text in lines of at most ``columns`` characters, broken at spaces where possible, the first
    starting with ``first``, the others with ``indent``."""
    import textwrap

    def wrap(whole: bool, first: str = first, indent: str = indent) -> list[str]:
        lines = textwrap.wrap(
            text,
            columns,
            initial_indent=first,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=not whole,
        )
        # textwrap leaves a space after a word it keeps whole in a line it broke others in: 'stats relu' at
        # COLUMNS=2 printed '~ '
        return [line.rstrip() for line in lines] or [first.rstrip()]

    # a word too long for the first line, not the next, goes whole to the next: textwrap broke it where it stood
    # ('limits log_softmax' at COLUMNS=25 printed '  float64: x >= 745.13321' over '    91019412')
    lines = wrap(whole=True)
    if all(len(line) <= columns for line in lines):
        return lines
    # a word that fits the line but not after its indent: the indent gives way ('stats leaky_relu --alpha
    # 0.30000000000000004' at COLUMNS=45 broke "torch.nn.init.calculate_gain('leaky_relu'," after 4 spaces)
    room = max(columns - max(map(len, text.split()), default=0), 0)
    lines = wrap(whole=True, first=first[:room] if not first.strip() else first, indent=indent[:room])
    if first.strip() and len(first.rstrip()) <= columns and any(len(line) > columns for line in lines):
        # nor after a label ('  mean: '): the label on a line of its own, the words under it
        lines = [first.rstrip(), *wrap(whole=True, first=indent[:room], indent=indent[:room])]
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


def fitted(rows: list[tuple[str, str, str]], columns: int) -> list[str]:
    """Rows of a label, a value and a note (``""`` for none), aligned as ``aligned`` does where
    they fit in ``columns``. A row that is wider has its note on lines of its own under it; where a
    label and its value alone are wider, every row's value goes under its label (its note beside
    the value where that fits). Every word stays whole. (gelu against its tanh form made 69
    columns at COLUMNS=60: 'largest absolute difference  0.0004732346287421585  at x = 2.7';
    'torch.nn.init.calculate_gain('leaky_relu', 0.30000000000000004)' made 94 beside its value.)"""
    whole = aligned(rows)
    pairs = [line.rstrip("\n") for line in aligned([row[:2] for row in rows])]
    stacked = max(map(len, pairs)) > columns
    out = []
    for line, pair, (label, value, note) in zip(whole, pairs, rows, strict=True):
        if not stacked and len(line) - 1 <= columns:
            out.append(line)
            continue
        # the value after an indent that gives way where it is too wide: 'diff gelu gelu:approximate=tanh'
        # at COLUMNS=25 printed '    0.00015856573088937707', 26 columns
        lines = [pair]
        if stacked:
            lines = [*wrapped(label, columns, indent="  "), *wrapped(value, columns, indent="    ", first="    ")]
        if note and stacked and len(f"{lines[-1]}  {note}") <= columns:
            lines[-1] += f"  {note}"
        elif note:
            lines += wrapped(note, columns, indent="    ", first="    ")
        out.append("".join(f"{part}\n" for part in lines))
    return out


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


def fitting_table(header: tuple[str, ...], rows: list[tuple[str, ...]], columns: int) -> list[str]:
    """Rows of cells under their header as ``aligned`` lays them out where that fits in ``columns``,
    else as ``split_table`` does (stats' depth map, check's worst lines: they kept their widths)."""
    lines = aligned([header, *rows])
    if max(map(len, lines)) - 1 <= columns:
        return lines
    return [f"{line}\n" for line in split_table(header, rows, columns)]


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
