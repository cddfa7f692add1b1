"""Options shared by many commands, each defined once, and the helpers they need: numbers as
parameters, where a plot goes, the parameters of a function, stdout for bytes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import BinaryIO, NoReturn

import click

from actplot import functions
from actplot.functions import FRAMEWORK_NAMES, FRAMEWORKS, Activation

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# precision.DTYPES' names, here so that a command's start does not import precision (6 ms)
DTYPE_NAMES = ("float64", "float32", "float16", "bfloat16", "float8_e4m3fn", "float8_e5m2")


def terminal_columns() -> int:
    """The terminal's width in characters: COLUMNS, the terminal's own, or 80 (as
    ``shutil.get_terminal_size`` finds it, without the 2 ms of importing shutil)."""
    try:  # as shutil reads it: int() of it ('²' is a digit to isdigit, not to int)
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def note(message: str) -> None:
    """One line on stderr, or nothing where stderr takes nothing (``2>/dev/full``): a note or a message
    lost there is no reason to lose the output too, or the status (only the status says it then)."""
    try:
        click.echo(message, err=True)
    except OSError:
        pass


def help_width() -> int:
    """The width of help text: Click's rule (two columns short of the terminal's, at most
    max_content_width), without its floor of 50, which ran help 10 columns past a 40-column
    terminal (and without importing shutil to find the terminal's width)."""
    return max(min(terminal_columns(), CONTEXT["max_content_width"]) - 2, HELP_NARROWEST)


HELP_NARROWEST = 20  # columns: help narrower than this is unreadable however it is wrapped


class HelpFormatter(click.HelpFormatter):
    """Click's help layout, kept within the width at any width: at COLUMNS=40 Click's own ran to
    80 columns (the examples, which it writes unwrapped, the ``--dtype`` choices, the section
    headings) and its definition lists left 10 columns for the text. Here an example too wide puts
    its comment on a line of its own and breaks its command at spaces with a backslash (the text
    still runs in a shell), another unwrapped line breaks at spaces, an option's choices break at '|'."""

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None) -> None:
        super().__init__(indent_increment, help_width() if width is None else width, max_width)

    def write_heading(self, heading: str) -> None:
        lines = _wrapped(f"{heading}:", self.width - self.current_indent, "  ", shell=False)
        self.write("".join(f"{'':>{self.current_indent}}{line}\n" for line in lines))

    def write_text(self, text: str) -> None:
        room = terminal_columns() - self.current_indent  # (such lines fit the terminal, not the text's width)
        paragraphs = text.split("\n\n")
        shell = False  # the paragraphs after 'Examples:' are shell commands
        for number, paragraph in enumerate(paragraphs):
            shell = shell or paragraph.strip() == "Examples:"
            if paragraph.startswith("\b\n"):  # kept as written, unless a line is too wide
                lines, quote = [], ""
                for line in paragraph.split("\n")[1:]:
                    # (a line that begins inside a quote, a program's text for python3 -c, is left whole)
                    lines += [line] if quote else _example(line, room, shell)
                    quote = _scan(line, quote)[1]
                paragraphs[number] = "\n".join(["\b", *lines])
        super().write_text("\n\n".join(paragraphs))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        room = self.width - self.current_indent
        rows = [(_choices_wrapped(first, room, self.current_indent), second) for first, second in rows]
        # at least 20 columns for the text (Click keeps 10, at any width)
        super().write_dl(rows, max(min(col_max, self.width - col_spacing - 22), 4), col_spacing)


def _example(line: str, room: int, shell: bool) -> list[str]:
    """An unwrapped line of help within ``room`` columns: an example's (``shell``) comment on a line
    of its own above it, its command broken at spaces outside quotes (each broken line ending in a
    backslash); other text broken at spaces, under the line's indent."""
    if len(line) <= room:
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    at = _scan(line)[0] if shell else len(line)
    command, comment = line[:at], line[at:]
    lines = [indent + comment] if comment else []
    if comment and len(indent + comment) > room:
        lines = [indent + piece for piece in _wrapped(comment, room - len(indent), "# ", shell=False)]
    return lines + [indent + piece for piece in _wrapped(command.strip(), room - len(indent), "    ", shell)]


def _scan(line: str, quote: str = "") -> tuple[int, str]:
    """Where a shell line's comment ('# ...' outside quotes) starts (the line's length if it has
    none) and the quote still open before it ('' if none), ``quote`` being open where the line
    starts (a comment's apostrophe opens none: 'the article's figure')."""
    for at, character in enumerate(line):
        if quote:
            quote = "" if character == quote else quote
        elif character in "'\"":
            quote = character
        elif character == "#" and line[at - 1 : at] in (" ", ""):
            return at, quote
    return len(line), quote


def _wrapped(text: str, room: int, hang: str, shell: bool) -> list[str]:
    """``text`` in lines of at most ``room`` columns, broken at spaces (outside quotes where it is a
    shell command, each line but the last then ending in ' \\'), the lines after the first indented
    by ``hang``; a word wider than the room stands alone."""
    words, quote, word = [], "", ""
    for character in text:
        if character == " " and not quote:
            if word:
                words.append(word)
            word = ""
            continue
        if shell and character in "'\"":
            quote = "" if quote == character else quote or character
        word += character
    words.append(word)
    tail = " \\" if shell else ""
    lines = [words[0]]
    for word in words[1:]:
        if len(f"{lines[-1]} {word}{tail}") <= room - (len(hang) if len(lines) > 1 else 0):
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    last = len(lines) - 1
    return [("" if n == 0 else hang) + line + (tail if n < last else "") for n, line in enumerate(lines)]


def _choices_wrapped(first: str, room: int, indent: int) -> str:
    """An option's name and metavar within ``room`` columns: long choices (``[float64|float32|...]``)
    broken after a '|', the lines after the first indented under the choices."""
    if len(first) <= room or "[" not in first:
        return first
    start = first.index("[") + 1
    choices = first[start:].split("|")
    lines = [first[:start]]
    for choice in [c + "|" for c in choices[:-1]] + choices[-1:]:
        limit = room - (start if len(lines) > 1 else 0)
        if len(lines[-1] + choice) > limit and lines[-1] and not lines[-1].endswith("["):
            lines.append("")
        lines[-1] += choice
    return f"\n{'':>{indent + start}}".join(lines)


# Negative numbers are values: unknown option-like tokens reach VALUES, and are checked there.
FUNCTION_CONTEXT = {**CONTEXT, "ignore_unknown_options": True}


class Number(click.ParamType):
    """A finite number for a parameter: decimal, scientific, or a fraction such as 1/6."""

    name = "number"

    def __init__(self, *, positive: bool = False, zero: bool = True):
        # positive: above 0 (--std 0 said "not 0.0", not the 0 typed); zero: 0 is a value it takes
        # (1e-400 for --size was told "give 0 for zero", and 0 is refused)
        self.positive = positive
        self.zero = zero and not positive

    def convert(self, value, param, ctx):
        if isinstance(value, float):
            return value
        from actplot import inputs  # (here: --help, list and TAB read no number)

        try:
            number = inputs.parse_setting(str(value))
        except ValueError as error:
            said = str(error) if self.zero else str(error).removesuffix(": give 0 for zero")
            self.fail(f"{inputs.brief(str(value)) if isinstance(value, str) else repr(value)} {said}", param, ctx)
        if self.positive and not number > 0:
            self.fail(f"must be a positive number, not {str(value).strip()}", param, ctx)
        return number


class OutputFile(click.ParamType):
    """Where -o writes: a file name ('-' for stdout), never empty (an unset "$OUT" printed numbers
    instead of a plot, or ended ``sheet`` in a traceback)."""

    name = "file"

    def convert(self, value, param, ctx):
        if value == "":
            self.fail("the file name is empty; give a .png, .svg or .pdf file, or '-' for stdout", param, ctx)
        return value


class FiniteRange(click.FloatRange):
    """A number within bounds; nan, which compares false with both bounds, is not one."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if number != number:
            self.fail(f"{value!r} is not a number", param, ctx)
        return number


def drawn_range_option(help: str) -> click.Option:
    """``--range`` of the drawing commands: the article's -5..5 unless given."""
    return click.Option(
        ["--range", "range_"], nargs=2, default=("-5", "5"), show_default=True, metavar="START STOP", help=help
    )


def sampling_options() -> list[click.Option]:
    """How ``--range`` is sampled, for printing and for ``plot``."""
    return [
        click.Option(["--step"], metavar="S", help="Spacing of the --range samples.  [default: 0.1]"),
        click.Option(["--num"], type=int, metavar="N", help="N evenly spaced --range samples instead of a step."),
    ]


def compat_option(hidden: bool = False) -> click.Option:
    """``--compat``; ``hidden`` where it changes nothing (still accepted, so scripts may pass it to any
    function)."""
    frameworks = ", ".join(f"{key} = {name.split(' (')[0]}" for key, name in FRAMEWORK_NAMES.items())
    return click.Option(
        ["--compat"],
        type=click.Choice(FRAMEWORKS, case_sensitive=False),  # as function names are
        default="torch",
        show_default=True,
        hidden=hidden,
        help=f"Where frameworks disagree, follow this one ({frameworks}).",
    )


class DtypeChoice(click.Choice):
    """A dtype's name, or another name of it (``half``, ``bf16``: precision.DTYPE_ALIASES), as the
    name (``--dtype fp16`` was refused)."""

    def __init__(self) -> None:
        super().__init__(DTYPE_NAMES)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value not in self.choices:
            from actplot.precision import DTYPE_ALIASES  # (not at start-up: only for another name)

            value = DTYPE_ALIASES.get(value.strip().lower(), value.strip().lower())
        return super().convert(value, param, ctx)


def dtype_option(**settings) -> click.Option:
    """``--dtype``: the format a model holds the values in; defined once (``settings`` override)."""
    help = (
        "Round each input to this format and give the exact result rounded once to it, as a perfect kernel in "
        "that format would (correctly rounded); print it in the shortest form that reads back in that format. "
        "float64, the default, is actplot's own float64 function: within a few ulp of the exact result ('actplot "
        "info NAME' says how many).  [default: float64]"
    )
    return click.Option(["--dtype"], type=DtypeChoice(), **{"help": help, **settings})


def shared_options(compat: bool = True) -> list[click.Parameter]:
    """The options every function command has, defined once; ``--compat`` shown where it matters."""
    from actplot.formats import FORMATS

    return [
        click.Option(
            ["--range", "range_"],
            nargs=2,
            metavar="START STOP",
            help="Sample the closed interval START..STOP (step 0.1 unless --step or --num).",
        ),
        *sampling_options(),
        click.Option(["-d", "--derivative"], is_flag=True, help="Evaluate the derivative instead."),
        click.Option(
            ["--format", "fmt"],
            type=click.Choice(FORMATS),
            default="plain",
            show_default=True,
            help="Output format; tsv and csv carry a header, json is one document.",
        ),
        click.Option(
            ["--with-x/--no-x"],
            default=None,
            help="Print the input beside each result.  [default: with x for --range and json]",
        ),
        click.Option(
            ["--precision"],
            type=click.IntRange(1, 17),
            metavar="N",
            help="N significant digits instead of the shortest exact form.",
        ),
        click.Option(
            ["--on-invalid"],
            type=click.Choice(["error", "skip", "nan"]),
            default="error",
            show_default=True,
            help="A token that is not a number: stop with an error, skip it, or read it as nan "
            "(skip and nan count them on stderr).",
        ),
        compat_option(hidden=not compat),
        dtype_option(),
    ]


def plot_options() -> list[click.Parameter]:
    """Where and how to draw, shared by the function commands and ``plot``; defined once."""
    return [
        click.Option(
            ["-o", "--output"],
            type=OutputFile(),
            metavar="FILE",
            shell_complete=complete_path,
            help="Write a plot instead of printing: .png, .svg or .pdf by suffix; '-' for PNG on stdout.",
        ),
        click.Option(["--terminal"], is_flag=True, help="Draw the plot in the terminal with Unicode characters."),
        click.Option(["--show"], is_flag=True, help="Open the plot in a window (needs a display)."),
        click.Option(["--with-derivative"], is_flag=True, help="Overlay the derivative, dashed."),
        click.Option(["--title"], metavar="TEXT", help="Title of the plot.  [default: the function's name]"),
        click.Option(["--xlim"], nargs=2, type=Number(), metavar="LOW HIGH", help="Limits of the x axis."),
        click.Option(
            ["--ylim"],
            nargs=2,
            type=Number(),
            metavar="LOW HIGH",
            help="Limits of the y axis.  [default: the output range with a margin]",
        ),
        click.Option(
            ["--size"],
            nargs=2,
            type=Number(zero=False),
            metavar="W H",
            help="Size: inches for files and windows (0.5 to 200; default 6.4 4.8), columns and rows for "
            "--terminal (default: the terminal's, or $COLUMNS and $LINES).",
        ),
        click.Option(
            ["--dpi"],
            type=FiniteRange(min=10, max=1200),
            metavar="N",
            help="Pixels per inch of a PNG.  [default: 100]",
        ),
    ]


@dataclass(frozen=True)
class Drawing:
    """Where a plot goes and how it looks, as the options gave them."""

    output: str | None = None
    terminal: bool = False
    show: bool = False
    with_derivative: bool = False
    title: str | None = None
    xlim: tuple[float, float] | None = None
    ylim: tuple[float, float] | None = None
    size: tuple[float, float] | None = None
    dpi: float | None = None

    @classmethod
    def pop(cls, options: dict) -> Drawing:
        """Take the drawing options out of a command's options."""
        given = {f: options.pop(f) for f in cls.__dataclass_fields__ if f in options}
        return cls(**{f: None if value == () else value for f, value in given.items()})

    @property
    def wanted(self) -> bool:
        return bool(self.output or self.terminal or self.show)

    @property
    def where(self) -> str:
        """Where the plot goes and how it looks, as a hint's line gives them, to draw the same way:
        ``-o PATH`` (``-o FILE`` where none is given), ``--terminal``, ``--show``, ``--with-derivative``,
        ``--title``, the limits, size and resolution ('glu 1 2 -o g.png --ylim 0 1' was told a line
        with '-o FILE' and neither)."""

        words = ["-o", self.output] if self.output else []
        words += ["--terminal"] * self.terminal + ["--show"] * self.show
        words = words or ["-o", "FILE"]
        words += ["--with-derivative"] * bool(self.with_derivative)
        words += ["--title", self.title] if self.title is not None else []
        for option, values in (("--xlim", self.xlim), ("--ylim", self.ylim), ("--size", self.size)):
            words += [option, *(number_text(v) for v in values)] if values else []
        words += ["--dpi", number_text(self.dpi)] if self.dpi else []
        from actplot import shell

        return shell.join(words)

    def check(self, ctx: click.Context) -> None:
        """Usage errors before any work: options that need a plot, two plots on stdout, a bad
        path, limits or size no plot can have, a title no font can draw."""
        if not self.wanted:
            given = [
                name for name in ("with_derivative", "title", "xlim", "ylim", "size", "dpi") if getattr(self, name)
            ]
            if given:
                option = "--" + given[0].replace("_", "-")
                raise click.UsageError(f"{option} shapes a plot: add -o FILE, --terminal or --show", ctx)
            return
        if self.output == "-" and self.terminal:
            raise click.UsageError("-o - and --terminal would both write to stdout; choose one", ctx)
        if self.output == "-" and sys.stdout is not None and sys.stdout.isatty():
            raise click.UsageError("-o - writes PNG bytes, not for a terminal: redirect them (-o - > plot.png)", ctx)
        from actplot import charts

        for option, limits in (("--xlim", self.xlim), ("--ylim", self.ylim)):
            if limits is not None:
                try:
                    charts.check_limits(option, *limits)
                except charts.ChartError as error:
                    raise click.BadParameter(str(error).removeprefix(option + " "), param_hint=f"'{option}'") from None
        self._check_size(ctx)
        from actplot import plotting

        if self.output is None and not self.show:  # --terminal: its title is printed (ESC and BEL had reached it)
            try:
                plotting.check_printable(self.title or "")
            except plotting.PlotError as error:
                raise click.UsageError(str(error), ctx) from None
            return

        try:
            if self.output is not None:
                plotting.check_target(self.output)
        except plotting.PlotError as error:
            raise click.ClickException(str(error)) from None
        try:
            if self.output is not None and plotting.plot_format(self.output) == "png":
                plotting.check_raster(self.size or plotting.DEFAULT_SIZE, self.dpi or plotting.DEFAULT_DPI)
            if self.title:
                plotting.check_text(self.title)
        except plotting.PlotError as error:
            raise click.UsageError(str(error), ctx) from None

    def _check_size(self, ctx: click.Context) -> None:
        """--size is characters for --terminal and inches otherwise: one meaning per command."""
        if self.size is None:
            return
        if self.terminal:
            if self.output is not None or self.show:
                raise click.UsageError("--size is characters for --terminal and inches for -o/--show: draw one", ctx)
            from actplot import terminal

            (low_w, low_h), (high_w, high_h) = terminal.MIN_SIZE, terminal.MAX_SIZE
            columns, rows = self.size
            if not (
                columns == int(columns) and rows == int(rows) and low_w <= columns <= high_w and low_h <= rows <= high_h
            ):
                raise click.BadParameter(
                    f"a terminal plot is {low_w} to {high_w} columns by {low_h} to {high_h} rows, whole numbers; "
                    f"not {number_text(columns)} {number_text(rows)}",
                    param_hint="'--size'",
                )
        elif not all(0.5 <= side <= 200 for side in self.size):
            raise click.BadParameter(
                f"a plot is 0.5 to 200 inches a side, not {number_text(self.size[0])} {number_text(self.size[1])}",
                param_hint="'--size'",
            )

    def draw(self, chart) -> None:
        """Write, print and show the chart as asked."""
        from actplot import plotting

        try:
            if self.output is not None:
                fig = plotting.figure(chart, self.size or plotting.DEFAULT_SIZE)
                stdout = binary_stdout() if self.output == "-" else None
                plotting.save(fig, self.output, stdout=stdout, dpi=self.dpi or plotting.DEFAULT_DPI)
            if self.terminal:
                from actplot import terminal

                size = (int(self.size[0]), int(self.size[1])) if self.size else None
                color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
                try:
                    text = terminal.render(chart, size, color=color)
                except terminal.SizeError as error:
                    raise click.BadParameter(str(error), param_hint="'--size'") from None
                binary_stdout().write(text.encode())
            if self.show:
                plotting.show(chart, self.size or plotting.DEFAULT_SIZE)
        except plotting.PlotError as error:
            raise click.ClickException(str(error)) from None


def number_text(value: float) -> str:
    """A number as an option reads it back: the shortest repr, without a trailing '.0'."""
    return repr(float(value)).removesuffix(".0")


def chart_refused(error: ValueError, ctx: click.Context | None = None) -> click.UsageError:
    """A chart's refusal (``charts.ChartError``) as the command line says it: its message names the
    option first, as Python does ("range 1 to 1.0000000000000004 is narrower than a plot can show"),
    here with the option's dashes ("--range")."""
    return click.UsageError(f"--{error}", ctx)


def check_range_size(ctx: click.Context, range_, step, num, what: str = "a plot") -> None:
    """A plot (or ``what``: diff's comparison, a vector function's one vector) of more points than
    a figure can show (``charts.MAX_POINTS``) is a usage error, found before sampling."""
    from actplot import figures, inputs

    try:
        figures.check_size(range_[0], range_[1], step, num, what)
    except inputs.RangeError as error:
        raise click.UsageError(str(error), ctx) from None
    except ValueError as error:
        raise click.UsageError(f"{error}; use --num 1000 (or a larger --step)", ctx) from None


def vector_options() -> list[click.Parameter]:
    return [
        click.Option(
            ["--rows/--flat", "rows"],
            default=None,
            help="Stdin: each line is a vector (--rows), or all numbers are one (--flat).  "
            "[default: rows if the first line holds several numbers]",
        )
    ]


def param_option(record: Activation, param: functions.Param) -> click.Option:
    overrides = [
        f"{fw} {param.show(values[param.name])}" for fw, values in record.compat.items() if param.name in values
    ]
    default = (
        f"[default: {param.show(param.default)}" + (f"; --compat {', '.join(overrides)}" if overrides else "") + "]"
    )
    kind = click.Choice(param.choices) if param.choices else Number()
    return click.Option(
        [param.option, param.name], type=kind, default=None, help=f"{param.help.capitalize()}.  {default}"
    )


def fixed_options(record: Activation) -> list[click.Option]:
    """The options of the parameters that a name fixes (``gelu_new --approximate none``), hidden:
    given, a usage error that says so and which command takes them, not Click's "No such option"."""

    def option(name: str) -> click.Option:
        param = functions.get(record.name).parameter(name)

        def refuse(ctx: click.Context, option: click.Parameter, value) -> None:
            # its own value restated is no fault ('gelu_pytorch_tanh --approximate tanh' was refused)
            if value is not None and not _restates_fixed(record, name, value):
                from actplot import shell

                # the line given, its function's name for the alias ('gelu_new --approximate none 1'
                # was told 'actplot gelu --approximate none', without the 1), read as that command
                # reads it first ('--approximate bogus' was hinted, refused in turn)
                words = ctx.meta.get(WORDS) or [param.option, value]
                read_as(ctx, record.name, words)
                command = shell.join([*ctx.command_path.split()[:-1], record.name, *words])
                raise click.UsageError(
                    # the line unquoted, as the other hints say theirs (its own quoting nested in '...')
                    f"{record.fixes([name], param.show)}: drop {param.option}, or run {command}",
                    ctx,
                )

        return click.Option([param.option], hidden=True, expose_value=False, callback=refuse)

    return [option(name) for name in record.fixed]


def read_as(ctx: click.Context, name: str, words: Sequence[str]) -> None:
    """A usage error for what is wrong with ``words`` as the words of ``name``'s command beside
    ``ctx``'s (the function command, ``stats NAME``, ``check NAME``): what a hint that names that
    command must say first, not copy into its line."""
    parent = ctx.parent
    if parent is not None and isinstance(parent.command, click.Group):
        read_line(ctx, parent.command.get_command(parent, name), name, words)


def read_line(ctx: click.Context, command: click.Command, name: str, words: Sequence[str]) -> dict:
    """The parameters ``command`` (called ``name``) reads from ``words``, its range and the file
    it writes checked as it runs checks them; a usage error said of ``ctx`` for what is wrong with
    them: the one reading of a line a hint would name. Help options are left out (they ask for the
    help of the command refused)."""
    words = [word for word in words if word not in ctx.help_option_names]
    try:
        with command.make_context(name, words, parent=ctx) as sub:
            if sub.params.get("range_"):  # ('--range 1 0' was hinted)
                from actplot import inputs

                try:
                    inputs.range_size(*sub.params["range_"], sub.params.get("step"), sub.params.get("num"))
                except inputs.RangeError as error:
                    raise click.UsageError(str(error), sub) from None
            if hasattr(command, "check_line"):  # a function command's checks of the whole line ('--bogus')
                command.check_line(sub)
            if sub.params.get("output") is not None:  # ('-o a.bmp' was hinted, "unknown image format" in turn)
                from actplot import plotting

                try:
                    plotting.check_target(sub.params["output"])
                except plotting.PlotError as error:  # an I/O error, status 1, as the line would say it
                    raise click.ClickException(str(error)) from None
            return dict(sub.params)
    except click.UsageError as error:
        error.ctx = ctx
        raise


def _restates_fixed(record: Activation, name: str, value: str) -> bool:
    """Whether ``value``, given for the parameter ``name`` that ``record``'s name fixes, is the
    value it fixes (a choice as its option takes it, a number by its value)."""
    param = record.fixed_parameter(name)
    try:
        return record.restates(name, value if param.choices else functions.setting_value(param, value))
    except ValueError:
        return False


def check_parameters(record: Activation, params: dict) -> None:
    """A parameter outside the function's domain (``Activation.check``, the one validation for the
    function and its derivative) is a usage error naming the option."""
    from actplot.functions import ParameterError

    try:
        record.check(params)
    except ParameterError as error:
        param, reason = record.parameter(error.name), error.reason
        if error.other:
            other = record.parameter(error.other)
            relation = "must not exceed" if param.at_most else "must be less than"
            reason = f"{relation} {other.option} ({other.show(params[other.name])})"
        raise click.BadParameter(f"{reason}, not {param.show(error.value)}", param_hint=f"'{param.option}'") from None


def complete_path(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Shell completion of a file name (the shell lists the files)."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="file")]


def complete_function(incomplete: str) -> list[tuple[str, str]]:
    """The function names that start with ``incomplete`` (any case, ``-`` and ``_`` alike), with
    their summaries; where no canonical name starts so, the aliases, and where none of those, any
    other name (a framework's, or one that fixes parameters: ``gelu_n`` gives ``gelu_new``), spelt
    on from what was typed (``LogSo`` gives ``LogSoftmax``)."""
    key = incomplete.lower().replace("-", "_")
    cards = {name: functions.card(name) for name in functions.names()}
    found = [(name, card[1]) for name, card in cards.items() if name.startswith(key)]
    if not found:
        found = [(alias, card[1]) for card in cards.values() for alias in card[4] if alias.lower().startswith(key)]
    if not found:
        others = functions.other_names()
        found = [(incomplete + other[len(key) :], cards[others[other]][1]) for other in others if other.startswith(key)]
    return found


class FunctionName(click.ParamType):
    """A function's name or alias, for the commands that take FUNCTION (info, plot, and those to
    come: limits, stats, diff, check); the shell completes it from the registry. With ``settings``,
    ``NAME:PARAM=VALUE,...`` too, whose parameter names complete after the colon."""

    name = "function"

    def __init__(self, settings: bool = False) -> None:
        self.settings = settings

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
        from click.shell_completion import CompletionItem

        head, colon, setting = incomplete.partition(":")
        # the name read as plot reads it (functions.spelling): 'hard_sigmoid@keras2:' and 'gelu@j'
        # completed nothing, and 'gelu_new:' offered approximate=, which that name fixes
        base, framework = functions.spelling(head)[:2]
        key = functions.canonical(base) if self.settings and (colon or framework is not None) else None
        if key is not None and not colon:  # a framework (gelu@jax)
            stem = head[: head.index("@") + 1]
            return [CompletionItem(stem + f) for f in FRAMEWORKS if f.startswith(framework)]
        if key is not None:
            record = functions.get(base)
            given, _, last = setting.rpartition(",")
            stem = f"{head}:{given}{',' if given else ''}"
            done = {part.partition("=")[0].strip().replace("-", "_") for part in given.split(",")}
            typed, equals, value = last.partition("=")
            if equals:  # a parameter's value: its choices, where it has them (gelu:approximate=tanh)
                name = typed.strip().replace("-", "_")
                choices = [c for p in record.parameters if p.name == name for c in p.choices]
                return [CompletionItem(f"{stem}{typed}={c}") for c in choices if c.startswith(value)]
            return [
                CompletionItem(f"{stem}{p.name}=", help=p.help)
                for p in record.parameters
                if p.name.startswith(last.strip().replace("-", "_"))
                and p.name not in done | set(record.fixed)  # twice is an error, as is a fixed one
            ]
        if self.settings and (colon or framework is not None):
            return []
        return [CompletionItem(name, help=summary) for name, summary in complete_function(incomplete)]


def function_argument(name: str = "function", *, many: bool = False, settings: bool = False) -> click.Argument:
    """FUNCTION (or several), completed in the shell; ``settings``: each may carry NAME:PARAM=VALUE."""
    metavar = "FUNCTION[:PARAM=VALUE,...]" if settings else "FUNCTION"
    return click.Argument(
        [name],
        type=FunctionName(settings),
        nargs=-1 if many else 1,
        required=True,
        metavar=metavar + ("..." if many else ""),
    )


def function_setting(ctx: click.Context, spec: str, compat: str) -> tuple[Activation, dict, str]:
    """``name``, ``name@framework`` (that framework's defaults, as ``--compat`` gives them) and either
    with ``:param=value,...`` (``leaky_relu:alpha=0.1``, ``hard_sigmoid@keras2``): the record, the
    parameters in force and the framework whose defaults they start from. Usage errors say which
    part of the spec is wrong."""
    from actplot.functions import ParameterError

    # its dtype= setting is the caller's (dtype_spec), but quoted with the rest: 'plot gelu_new:dtype=
    # half,approximate=none' was said as 'gelu_new:approximate=none', and hinted without the dtype
    parts = functions.spelling(spec).without_dtype()
    name, framework, settings, misplaced_at = parts
    if problem := functions.framework_problem(spec, framework):
        raise click.UsageError(problem, ctx)  # before a misplaced @ is read as meant
    if framework is not None:
        compat = framework
    if misplaced_at:  # the spelling it means, to copy, where that spelling runs; else its error, against what was typed
        meant = functions.spelling(spec).written()
        try:
            function_setting(ctx, meant, compat)
        except click.UsageError as error:
            error.message = error.message.replace(repr(meant), repr(spec))
            if isinstance(error, click.BadParameter):
                error.param_hint = f"'{spec}'"
            raise
        raise click.UsageError(f"{spec!r}: put @FRAMEWORK before the parameters: {meant!r}", ctx)
    if problem := functions.spelling_problem(spec, parts):
        raise click.UsageError(problem, ctx)
    record = functions.get(name)
    params = record.defaults(compat)
    given: dict[str, float | str] = {}
    for key, _, value in settings:
        param = record.parameter(key)
        if param is None:  # the value its name fixes, said again (spelling_problem lets no other by)
            continue
        kind = click.Choice(param.choices, case_sensitive=False) if param.choices else Number()
        try:
            given[param.name] = kind.convert(value, None, ctx)
        except click.BadParameter as error:
            raise click.UsageError(f"{spec!r}: {param.name} of {record.name}: {error.message}", ctx) from None
    params.update(given)
    try:
        record.check(params)  # the one validation, for the function and its derivative
    except ParameterError as error:
        reason = error.reason
        if error.other:
            relation = "must not exceed" if record.parameter(error.name).at_most else "must be less than"
            reason = f"{relation} {error.other} ({record.parameter(error.other).show(params[error.other])})"
        shown = record.parameter(error.name).show(error.value)
        raise click.BadParameter(f"{error.name} {reason}, not {shown}", ctx, param_hint=f"'{spec}'") from None
    return record, params, compat


NO_DTYPE = "sheet has no dtype (its panels are the exact functions, in float64)"  # the one SettingsCommand without


class SettingsCommand(click.Command):
    """A command whose FUNCTION arguments carry their own parameters (``leaky_relu:alpha=0.1``):
    a parameter given as an option (``--alpha 0.1``) is a usage error that shows that form."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = ctx.meta[WORDS] = list(args)  # the parser consumes the list; a hint keeps the line
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as error:
            if error.option_name == "--dtype":  # 'sheet --dtype float16' was asked "Did you mean '--dpi'?"
                raise click.UsageError(f"No such option '--dtype': {NO_DTYPE}", ctx) from None
            hint = self._setting_hint(error.option_name, given)
            if hint is None:
                raise
            raise click.UsageError(f"No such option '{error.option_name}': {hint}", ctx) from None

    def _setting_hint(self, option: str, args: list[str]) -> str | None:
        """How to give ``--name`` as a function's parameter, in the spelling of the function named
        that has it, with the settings it has already, and so for each parameter option after it
        ('plot softplus --beta 2 leaky_relu --alpha 0.2' was told softplus:beta=2 alone); that the
        functions named have none, if they have not ('plot sigmoid --alpha 0.1' showed
        isru:alpha=0.1, another function); None where no function has one of that name."""
        placed = self._placed(option, args)
        if not isinstance(placed, tuple):
            return placed
        words, first, fixing = placed
        known = {o for p in self.params for o in (*p.opts, *p.secondary_opts)}
        fault = ""
        while True:  # the next parameter option, placed on the line as the first was
            after = next(
                (o for _, _, o, _ in _options_given(words) if o not in known and _parameter_key(o) is not None), None
            )
            placed = None if after is None else self._placed(after, words)
            if isinstance(placed, str):  # its fault, after ('--alpha 0.2 --alpha 0.3' dropped the second)
                fault = f"; and {after}: {placed}"
                break
            if placed is None:
                break
            words = placed[0]
        from collections import Counter

        from actplot import shell

        # the spellings that changed, as a shell reads them: '--alpha "1 / 3"' was shown
        # leaky_relu:alpha=1 / 3, three words
        before = Counter(self._arguments(args))
        meant = []
        for word in self._arguments(words):
            if before[word]:
                before[word] -= 1
            else:
                meant.append(shell.quote(word))
        return f"a function's parameters go with it, as NAME:{first}=VALUE ({' '.join(meant)}){fixing}{fault}"

    def _placed(self, option: str, args: list[str]) -> str | tuple[list[str], str, str] | None:
        """``args`` with the parameter option ``option`` moved into the spelling of the function named
        that takes it, the parameter's name, and a note where a name fixes it (gelu_new: gelu's
        spelling); or why not, as a message; None where no function has a parameter of that name."""
        key = _parameter_key(option)
        if key is None:
            return None
        holders = [n for n in functions.names() if functions.get(n).parameter(key)]
        value, rest = _option_value(option, args)
        named = [at for at in self._argument_places(rest) if functions.canonical(functions.spelling(rest[at]).name)]
        if not named:  # no function named ('sheet --family relu --alpha 0.3'): none picked for the user
            some = ", ".join(holders[:3]) + (", ..." if len(holders) > 3 else "")
            return f"a function's parameters go with its name, as NAME:{key}={value} ({key} is a parameter of {some})"

        def order(at: int) -> int:
            # the function that takes it and has no value for it yet ('leaky_relu:alpha=0.2 leaky_relu
            # --alpha 0.3': the second), then one whose name fixes it (gelu_new), then one that has it
            parts = functions.spelling(rest[at])
            record = functions.get(parts.name)
            if record.parameter(key) is None:
                return 1 if _fixes(parts.name, key) else 3
            spelt = any(
                getattr(record.parameter(k), "name", None) == record.parameter(key).name for k, *_ in parts.settings
            )
            return 2 if spelt else 0

        place = _option_place(option, args)

        def near(at: int) -> tuple[int, int]:
            # the function the option follows, then those before it, then those after it ('plot
            # leaky_relu elu --alpha 0.2' placed it in leaky_relu); rest keeps args' places before it
            return (0, place - at) if place is not None and at < place else (1, at)

        at = min(named, key=lambda at: (order(at), near(at)))
        # several values of it after one function go to the functions before, in order: 'elu celu
        # --alpha 1 --alpha 2' was told elu:alpha=2 celu:alpha=1 (the nearest took each first)
        if place is not None:
            run, expected = 0, 0  # the options one after another from it, up to the next word of another kind
            for start, width, given, _ in _options_given(args[place:]):
                if start != expected:
                    break
                run, expected = run + (given == option), start + width
            waiting = [i for i in named if i < place and order(i) == 0]
            at = waiting[-run] if run > 1 and len(waiting) >= run else at
        word, parts = rest[at], functions.spelling(rest[at])
        # the spelling's own fault first: 'leaky_relu:negative_slope=0.2 --alpha 0.3' was shown
        # leaky_relu:negative_slope=0.2,alpha=0.3, refused in turn
        if problem := functions.spelling_problem(word, parts.without_dtype()):
            return problem
        follows = min(named, key=near)
        # said of the function the option follows where it takes none, unless another has none yet:
        # 'elu --alpha 0.2 sigmoid --alpha 2' was told alpha is given in 'elu:alpha=0.2'
        if order(at) == 3 or order(at) == 2 and order(follows) == 3:
            return functions.get(functions.spelling(rest[follows]).name).no_parameter(key)
        record = functions.get(parts.name)
        fixing = ""
        if record.parameter(key) is None:  # a name that fixes it ('gelu_new --approximate none'): its function's
            fixing = f" ({record.fixes([key])})"
            parts = parts._replace(name=record.name)
            record = functions.get(record.name)
        param = record.parameter(key)
        settings = [s for s in parts.settings if getattr(record.parameter(s[0]), "name", None) != param.name]
        if len(settings) < len(parts.settings):  # the spelling has it: one value, said once
            given = option if value == "VALUE" else f"{option} {value}"
            return f"{param.name} is given in {word!r} and as {given}: give it once, in {word!r}"
        meant = parts._replace(settings=(*settings, (param.name, "=", value)), misplaced_at=False).written()
        return [*rest[:at], meant, *rest[at + 1 :]], param.name, fixing

    def _arguments(self, words: list[str]) -> list[str]:
        """The command's arguments among ``words`` (``_argument_places``)."""
        return [words[at] for at in self._argument_places(words)]

    def _argument_places(self, words: list[str]) -> list[int]:
        """Where the command's arguments are among ``words``: each word that is neither an option nor
        an option's value ('--title elu' names no function), after '--' every word; an unknown option
        is taken to have no value (so that one more fault on the line does not hide the functions
        named: 'plot elu --alpha 2 --bogus' was hinted another function's spelling)."""
        takes = {o: p.nargs for p in self.params if isinstance(p, click.Option) and not p.is_flag for o in p.opts}
        named, at = [], 0
        while at < len(words):
            word = words[at]
            if word == "--":
                return named + list(range(at + 1, len(words)))
            if word.startswith("-") and len(word) > 1 and not negative_number_like(word):
                at += 1 + (0 if "=" in word else takes.get(word, 0))
                continue
            named.append(at)
            at += 1
        return named


def _parameter_key(option: str) -> str | None:
    """The parameter an option names (``--max-val``: max_val), if some function has one of that name."""
    key = option.lstrip("-").replace("-", "_").lower()
    return key if any(functions.get(n).parameter(key) for n in functions.names()) else None


def _fixes(name: str, key: str) -> bool:
    """Whether the name ``name`` fixes a parameter ``key`` of its function (gelu_new's approximate)."""
    return functions.get(name).fixed_key(key) is not None


def _option_place(option: str, args: list[str]) -> int | None:
    """Where ``option`` is first given among ``args`` (before '--'), or None."""
    at = next((i for i, word in enumerate(args) if word == option or word.startswith(f"{option}=")), None)
    return None if at is None or ("--" in args and at > args.index("--")) else at


def _option_value(option: str, args: list[str]) -> tuple[str, list[str]]:
    """The value given to ``option`` among ``args`` (``--alpha=0.3`` or ``--alpha 0.3``; "VALUE"
    where the next word is another option, as in '--alpha -o a.png'), and the arguments without
    the option and its value."""
    at = _option_place(option, args)
    if at is None:
        return "VALUE", list(args)
    if "=" in args[at]:
        return args[at].partition("=")[2] or "VALUE", args[:at] + args[at + 1 :]
    if (
        at + 1 < len(args)
        and args[at + 1] != "--"
        and (not args[at + 1].startswith("-") or negative_number_like(args[at + 1]))
    ):
        return args[at + 1], args[:at] + args[at + 2 :]
    return "VALUE", args[:at] + args[at + 1 :]


WORDS = "actplot.words"  # ctx.meta: the words after the command's name, as given
AFTER_DASHES = "actplot.after_dashes"  # ctx.meta key: the number of arguments after '--'


def negative_number_like(token: str) -> bool:
    """Whether ``token`` is '-' then a digit, or '-.' then one (any Unicode digit, as '٣' is): a
    number, good or bad (``-1e``), never an option."""
    after_sign = token[1 + token.startswith("-.") :][:1]
    return token.startswith("-") and after_sign.isdigit()


class RecordCommand(click.Command):
    """A command of one function whose parameters are its options (the function commands, ``stats
    FUNCTION``, ``check FUNCTION``): an option that is another function's parameter is answered with
    this one's ('stats sigmoid --alpha 0.2' said "Did you mean '--help'?")."""

    def __init__(self, name: str, *, record: Activation, **kwargs) -> None:
        super().__init__(name, **kwargs)
        self.record = record

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # a parameter given twice, two values: 'leaky_relu --alpha 0.3 --alpha 0.4' took the last without a word
        options = {p.option for p in self.record.parameters}
        # and those its name fixes ('gelu_new --approximate none --approximate tanh' ran with tanh)
        options |= {functions.get(self.record.name).parameter(key).option for key in self.record.fixed}
        seen: dict[str, str] = {}
        for _, _, option, value in _options_given(args):
            if option in options and option in seen and not _same(seen[option], value):
                raise click.UsageError(f"{option} is given twice, {seen[option]} and {value}: give one", ctx)
            seen.setdefault(option, value)
        # what follows the first '--', where the parser does not count it (make_parser)
        ctx.meta[AFTER_DASHES] = len(args) - args.index("--") - 1 if "--" in args else 0
        given = ctx.meta[WORDS] = list(args)  # the parser consumes the list; a hint keeps the line
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as error:
            # a negative number where no values are taken: Click named the first short option of its
            # cluster, 'stats relu -1e' said "No such option '-1'"
            token = next((arg for arg in given if arg.startswith(error.option_name)), error.option_name)
            if negative_number_like(token):
                raise click.UsageError(f"Got unexpected extra argument ({token})", ctx) from None
            raise self.unknown_option(ctx, error) from None

    def make_parser(self, ctx: click.Context):
        """Click's parser, noting how many values the '--' put among the values (where '-x' is a number
        to read, not an option): the parser's own count, as the first '--' among the arguments may be
        an option's value ('relu --title -- -x -o p.png' read -x as a value, 'not a number', status 1)."""
        parser = super().make_parser(ctx)
        options = getattr(parser, "_process_args_for_options", None)  # in Click 7 to 8.5 (8.5.1 here)
        if options is None:  # a Click without it: parse_args's count of what follows the first '--'
            return parser

        def process(state) -> None:
            options(state)
            ctx.meta[AFTER_DASHES] = len(state.rargs)  # what follows the '--' that ended the options

        parser._process_args_for_options = process
        return parser

    def unknown_option(self, ctx: click.Context, error: click.NoSuchOption) -> click.UsageError:
        """``error``, or where its option is another function's parameter, that this one has none."""
        key = error.option_name.lstrip("-").replace("-", "_")
        if not any(functions.get(name).parameter(key) for name in functions.names()):
            return error  # with Click's own 'did you mean' (--alhpa: --alpha)
        return click.UsageError(f"No such option '{error.option_name}': {self.record.no_parameter(key)}", ctx)


def refuse_unread_stdin(ctx: click.Context, instead: str, command: str | None = None) -> None:
    """A command that reads no stdin refuses data waiting there, rather than ignore it silently
    (``seq -3 3 | actplot plot sigmoid``): a usage error saying what reads it. A file, pipe or socket
    on stdin is looked at without reading it (pread, tee(2), MSG_PEEK), and refused only if a number
    is in its next 64 KiB: a list of names is a shell loop's (``while read f; do actplot plot "$f" -o
    "$f.png"; done < names.txt`` failed on every name but the last), not data. A pipe that cannot be
    looked at (no tee) is refused if it holds any byte.
    ``command`` names the command in the message (default: ctx's, which for ``stats relu`` is relu's)."""
    if _stdin_waiting():
        raise click.UsageError(
            f"{command or ctx.command.name} reads no stdin, and data is waiting there; {instead}"
            " (or give the command </dev/null)",
            ctx,
        )


def _stdin_waiting() -> bool:
    """Whether stdin holds a number not yet read: in the next 64 KiB of a file, or of a pipe or
    socket (looked at without taking any: tee(2), MSG_PEEK). Only bytes in a pipe (FIONREAD) counted,
    and ``printf 'relu\\ngelu\\n' | while read f; do actplot limits "$f"; done`` refused relu (gelu
    waiting after it), as a file of names was not."""
    import stat

    try:
        fd = sys.stdin.fileno()
        mode = os.fstat(fd).st_mode
        if stat.S_ISREG(mode):
            waiting = os.pread(fd, _PEEK, os.lseek(fd, 0, os.SEEK_CUR))
        elif stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
            import array
            import fcntl
            import termios

            count = array.array("i", [0])
            fcntl.ioctl(fd, termios.FIONREAD, count)
            if count[0] <= 0:
                return False
            waiting = _peek(fd, stat.S_ISSOCK(mode))
            if waiting is None:  # not to be looked at here: bytes waiting are data
                return True
        else:
            return False
    except (AttributeError, ValueError, OSError):
        return False  # no stdin, or one without a descriptor (a test's)
    from actplot.inputs import holds_number

    return any(holds_number(line) for line in waiting.decode("utf-8", "replace").splitlines())


def _peek(fd: int, socket_: bool) -> bytes | None:
    """Up to 64 KiB waiting in the pipe or socket ``fd``, left there for its reader; None where they
    cannot be looked at (a pipe off Linux, which has no tee)."""
    if socket_:
        import socket

        sock = socket.socket(fileno=fd)
        try:
            return sock.recv(_PEEK, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except OSError:
            return None
        finally:
            sock.detach()  # the descriptor stays stdin's
    import ctypes

    try:
        tee = ctypes.CDLL(None, use_errno=True).tee
    except (OSError, AttributeError):
        return None
    tee.argtypes = (ctypes.c_int, ctypes.c_int, ctypes.c_size_t, ctypes.c_uint)
    tee.restype = ctypes.c_ssize_t
    read_end, write_end = os.pipe()  # tee copies from one pipe into another, taking nothing
    try:
        copied = tee(fd, write_end, _PEEK, _SPLICE_F_NONBLOCK)
        if copied < 0:
            return None
        pieces = []
        while copied > 0:
            pieces.append(os.read(read_end, copied))
            copied -= len(pieces[-1])
        return b"".join(pieces)
    finally:
        os.close(read_end)
        os.close(write_end)


_SPLICE_F_NONBLOCK = 2  # <fcntl.h>: tee returns at once where the pipe is empty
_PEEK = 1 << 16  # bytes of a file on stdin looked at for a number


def binary_stdout() -> BinaryIO:
    """Where results go; a clear error when actplot was started with stdout closed (``>&-``)."""
    if sys.stdout is None:
        raise click.ClickException("cannot write the output: stdout is closed")
    return sys.stdout.buffer


class FunctionGroup(click.Group):
    """``actplot COMMAND FUNCTION [OPTIONS]``: a subcommand per function, built when asked for
    by ``command_for(record)``, so that the function's parameters are options as on the function
    commands (``actplot stats leaky_relu --alpha 0.2``). ``refusal(record, words=())`` says why the
    command does not apply to a function (a vector function), or is None; ``words`` are those
    given after the function's name, for a hint that keeps them."""

    def __init__(self, name: str, *, command_for, refusal, **attrs) -> None:
        super().__init__(
            name, subcommand_metavar="FUNCTION [OPTIONS]", options_metavar="", context_settings=CONTEXT, **attrs
        )
        self.command_for = command_for
        self.refusal = refusal

    def list_commands(self, ctx):
        return [name for name in functions.names() if self.refusal(functions.get(name)) is None]

    def get_command(self, ctx, cmd_name):
        # a name that fixes parameters (gelu_new) gives the function with them fixed, as on its own
        return self.command_for(functions.get(cmd_name)) if functions.canonical(cmd_name) else None

    def resolve_command(self, ctx, args):
        name = args[0]
        key = functions.canonical(name)
        if key is None:
            # a function the command refuses, refused as such: 'stats glu@jax' was told 'here: actplot
            # stats glu --compat jax', which says that stats does not apply to glu
            base = functions.spelling(name)[0]
            if functions.canonical(base) is not None and self.refusal(functions.get(base)) is not None:
                # the spelling's own fault first: 'check glu:approximate=tanh' was told '--dtype tanh'
                try:  # and its values, in its words ('swiglu:gate=middle' was "Invalid value for '--gate'")
                    functions.spelt_settings(name)
                except KeyError as error:
                    raise click.UsageError(error.args[0], ctx) from None
                dtype_spec(ctx, name, None)  # an unknown dtype said as such ('glu:dtype=nope')
                # with the spelling's settings as options: 'check glu@jax' names its gate's check with
                # --compat jax; one the line gives another value is a clash ('check geglu@jax --compat
                # keras' was told a line with both), one it gives the same value is said once
                spelt = function_words(name)[1:]
                if _asks_help(ctx, args[1:]):  # its help: the spelling's reason, whatever else the line says
                    self._refuse(ctx, name, self._reason(ctx, functions.get(base), spelt), args[1:])
                if clash := _clash(spelt, args[1:]):
                    option, value, given = clash
                    raise click.UsageError(
                        f"{name!r} says {option} {value} and the line says {option} {given}: give one", ctx
                    )
                reason = self._reason(ctx, functions.get(base), [*spelt, *options_without(args[1:], spelt)])
                self._refuse(ctx, name, reason, args[1:])
            settings_spelling(ctx, f"actplot {self.name}", name, args[1:], command_for=self.command_for)
            hint = functions.suggest(name)
            did_you_mean = f"; did you mean {' or '.join(hint)}?" if hint else ""
            raise click.UsageError(f"no activation named {name!r}{did_you_mean} ('actplot list' shows them all)", ctx)
        record = functions.get(name)
        reason = self._reason(ctx, record, args[1:])
        if reason is not None:
            self._refuse(ctx, name, reason, args[1:])
        return record.alias or key, self.command_for(record), args[1:]

    def _reason(self, ctx: click.Context, record: Activation, words: list[str]) -> str | None:
        """``refusal``'s reason for ``record`` with the line's ``words``; where they ask for help,
        without them if they are at fault (help is asked before anything is read: 'check swiglu
        --help --dtype float99' was the --dtype error, where 'check relu --help --dtype float99'
        is relu's help)."""
        if not _asks_help(ctx, words):
            return self.refusal(record, words)
        # without the help options, which read as taking the next word ('--help --compat torch')
        words = [word for word in words if word not in ctx.help_option_names]
        try:
            return self.refusal(record, words)
        except click.UsageError:
            return self.refusal(record, [])

    @staticmethod
    def _refuse(ctx: click.Context, name: str, reason: str, words: list[str]) -> NoReturn:
        """The refusal of the function ``name``: a usage error, or its help where ``words`` (those
        after the name) ask for help ('check swiglu --help' was the refusal, status 2)."""
        if _asks_help(ctx, words):
            formatter = ctx.make_formatter()
            formatter.write_usage(f"{ctx.command_path} {name}", "[OPTIONS]")
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(reason)
            click.echo(formatter.getvalue(), nl=False)
            ctx.exit(0)
        raise click.UsageError(reason, ctx)

    def format_commands(self, ctx, formatter):
        with formatter.section(f"Functions ('actplot {self.name} FUNCTION --help' for each one's options)"):
            formatter.write_text(", ".join(self.list_commands(ctx)))


def _asks_help(ctx: click.Context, words: Sequence[str]) -> bool:
    """Whether the words of a line ask for help: a help option before any '--'."""
    return any(word in ctx.help_option_names for word in words[: words.index("--") if "--" in words else None])


def refuse_compat_for_none(ctx: click.Context, specs: Sequence[str], compat: str) -> None:
    """A usage error for a ``--compat`` given where every function names a framework of its own,
    another (``diff gelu@jax gelu@torch --compat keras``, ``plot gelu@jax --compat torch``): it
    applied to none of them, without a word. Beside a function without one, it is that one's."""
    from click.core import ParameterSource

    if ctx.get_parameter_source("compat") in (None, ParameterSource.DEFAULT):
        return
    named = [(spec, functions.spelling(spec)[1]) for spec in specs]
    if all(fw is not None for _, fw in named) and any(fw.lower() != compat.lower() for _, fw in named):
        who = "each names" if len(named) > 1 else "it names"
        raise click.UsageError(
            f"--compat {compat} applies to no function here: {who} its own framework "
            f"({', '.join(spec for spec, _ in named)}); give one",
            ctx,
        )


def refuse_dtype_for_none(ctx: click.Context, specs: Sequence[str], dtype: str | None) -> None:
    """A usage error for a ``--dtype`` given where every function names a dtype of its own, another
    ('plot sigmoid:dtype=bf16 --dtype float16' drew bfloat16 without a word), as for ``--compat``."""
    if dtype is None:
        return
    own = [dtype_spec(ctx, spec, None)[1] for spec in specs]
    if all(own) and any(named != dtype for named in own):
        who = "each names" if len(own) > 1 else "it names"
        raise click.UsageError(
            f"--dtype {dtype} applies to no function here: {who} its own dtype ({', '.join(specs)}); give one", ctx
        )


def dtype_spec(ctx: click.Context, spec: str, dtype: str | None) -> tuple[str, str | None]:
    """``name:dtype=bfloat16,...``: the spec without its dtype setting, and the dtype (``dtype``,
    the command's ``--dtype``, where the spec names none)."""
    name, colon, settings = spec.partition(":")
    kept, named = [], False
    for setting in settings.split(","):
        key, _, value = setting.partition("=")
        if key.strip().lower() != "dtype":
            kept.append(setting)
            continue
        if named:  # 'sigmoid:dtype=float16,dtype=bf16' was drawn in bfloat16, the last one
            raise click.UsageError(f"{spec!r}: dtype is given twice", ctx)
        named = True
        from actplot import precision  # (6 ms: only where a spelling names a dtype)

        try:
            dtype = precision.lookup(value).name
        except ValueError as error:
            raise click.UsageError(f"{spec!r}: {error}", ctx) from None
    return name + colon + ",".join(kept), dtype


def settings_spelling(
    ctx: click.Context,
    command: str,
    name: str,
    rest: Sequence[str] = (),
    *,
    command_for: Callable[[Activation], click.Command] | None = None,
) -> None:
    """A usage error for diff's spelling of a function's settings (``gelu@jax``,
    ``leaky_relu:alpha=0.2``) given where a function's settings are options (stats, check, the
    function commands; ``command`` is how the line begins, ``actplot stats``), with their spelling
    there: 'actplot stats gelu@jax' said only "no activation named 'gelu@jax'; did you mean gelu or
    geglu?". ``rest``, the words after the name, end the line it says, so that it runs as given
    (and shows an option that the spelling's setting would clash with); ``command_for``, the command
    a function has there, whose options the line's must be ('stats relu:dtype=float16 --approximate
    none' was told a line relu refuses in turn) and which may have no ``--dtype`` ('stats
    leaky_relu:dtype=float16' was answered '--dtype float16', which stats refuses).
    Nothing for a name not so spelt."""
    base, framework, settings, misplaced_at = functions.spelling(name)
    if problem := functions.framework_problem(name, framework):  # 'stats @' was "no activation named '@'"
        raise click.UsageError(problem, ctx)
    if (framework is None and ":" not in name) or functions.canonical(base) is None:
        return
    spec = name
    if misplaced_at and name.count("@") == 1:
        # read with the framework where plot wants it: 'check leaky_relu:alpha=0.2,@jax' was told to put
        # @jax before the parameters, then that this command takes neither spelling (two steps to the line)
        spec = functions.spelling(name).written()
    # the spelling checked as plot checks it: 'relu6:min_val=1' was answered '--min-val 1', which
    # relu6 has not; now "relu6 has no parameter 'min_val' (it has no parameters)"
    from actplot import shell  # (an error's)

    fixed = ""
    record = functions.get(base)
    fixing = ((record.fixed_key(key), value) for key, _, value in settings)
    keys = {key for key, value in fixing if key and not functions.restated(record, key, value)}
    if keys and spec.startswith(base):
        # a setting of what the name fixes: the line says the function's own name. 'actplot gelu_new:
        # approximate=none 1' was told "use gelu:approximate=none", which the function command refuses
        # in turn (breakit28)
        spec = record.name + spec[len(base) :]
        fixed = f" ({record.fixes(sorted(keys))})"
    try:
        # the spelling checked without its dtype, which these commands take as --dtype:
        # 'check leaky_relu:alpha=0.2,dtype=float16' said "leaky_relu has no parameter 'dtype'"
        dtype_spec(ctx, spec, None)  # (a dtype that is none)
        function_setting(ctx, spec, "torch")
    except click.BadParameter as error:  # (a UsageError) the spelling as given, not as rewritten
        error.param_hint = f"'{name}'"
        raise
    except click.UsageError as error:
        error.message = error.message.replace(repr(spec), repr(name), 1)
        raise
    words = function_words(spec)
    # a clash first: the line the hint would say runs with the option's value, not the spelling's
    # ('stats gelu:dtype=float16,approximate=tanh --approximate none' was told a line with both)
    # and a value the name fixes, said again, against another the line gives ('gelu_new:approximate=
    # tanh --approximate none' was hinted the line's none)
    fixing = ((record.fixed_key(key), value) for key, _, value in settings)
    said = [
        word for key, value in fixing if key and key not in keys for word in (record.fixed_parameter(key).option, value)
    ]
    if clash := _clash([*words[1:], *said], rest):
        option, spelt, given = clash
        raise click.UsageError(f"{name!r} says {option} {spelt} and the line says {option} {given}: give one", ctx)
    # what the line gives as the spelling does is said once ('check leaky_relu@jax:alpha=0.3 --alpha
    # 0.3' was told '--alpha 0.3 --alpha 0.3')
    rest = options_without(rest, words[1:])
    if record.fixed and words[0] == record.alias:
        # an option of what the name fixes, another value: the line says the function's own name
        # ('gelu_new@jax --approximate none' was told a line of gelu_new, refused in turn)
        parameter = functions.get(record.name).parameter
        options = {parameter(key).option: key for key in record.fixed}
        given = [(options[o], v) for _, _, o, v in _options_given(rest) if o in options]
        if keys := sorted({key for key, value in given if not _restates_fixed(record, key, value)}):
            words[0] = record.name
            fixed = f" ({record.fixes(keys)})"
    known = None
    if command_for is not None:
        # and the help options, every command's ('relu@jax --help' was told relu has no option '--help')
        known = {o for p in command_for(record).params for o in (*p.opts, *p.secondary_opts)}
        known |= set(CONTEXT["help_option_names"])
    takes_dtype = known is None or "--dtype" in known
    if not takes_dtype and "--dtype" in words:  # nor a --dtype of the line ('stats relu:dtype=float16 --dtype float16')
        rest = options_without(rest, [], drop=("--dtype",))
    for _, _, option, _ in _options_given(rest) if known is not None else ():
        if option not in known:
            raise click.UsageError(f"{command} {record.name} has no option {option!r}", ctx)
    if not takes_dtype and "--dtype" in words:
        at = words.index("--dtype")
        words[at : at + 2] = []
        raise click.UsageError(
            f"{name!r}: {command} has no dtype (its figures are the exact function's, in float64); "
            f"here: {command} {shell.join([*words, *rest])}",
            ctx,
        )
    if command_for is not None:  # the line read as its command reads it ('--approximate bogus' was hinted)
        read_line(ctx, command_for(functions.get(words[0])), words[0], [*words[1:], *rest])
    raise click.UsageError(
        f"{name!r}: NAME@FRAMEWORK and NAME:PARAM=VALUE are the spellings of plot, sheet, diff and limits{fixed}; "
        f"here: {command} {shell.join([*words, *rest])}",
        ctx,
    )


def _options_given(rest: Sequence[str]):
    """Each option in ``rest`` (the words after a name) up to '--': where it starts, how many words
    it takes (``--alpha=0.2`` one, ``--alpha 0.2`` two), its name and its value."""
    at = 0
    while at < len(rest) and rest[at] != "--":
        option, equals, value = rest[at].partition("=")
        if not option.startswith("--"):
            at += 1
            continue
        width = 1 if equals else 2
        yield at, width, option, value if equals else rest[at + 1] if at + 1 < len(rest) else ""
        at += width


def options_taken(command: click.Command, words: Sequence[str], drop: Sequence[str] = ()) -> list[str]:
    """The options among ``words`` (up to '--') that ``command`` takes, but those in ``drop``, with
    their values, in order: what a hint for that command keeps of a line given to another."""
    known = {o for p in command.params for o in (*p.opts, *p.secondary_opts)} - set(drop)
    kept = []
    for at, width, option, _ in _options_given(words):
        if option in known:
            kept += words[at : at + width]
    return kept


def _clash(options: Sequence[str], rest: Sequence[str]) -> tuple[str, str, str] | None:
    """The first of ``options`` (``--compat jax --alpha 0.2``, a spelling's) that ``rest`` (the
    words after it) gives another value: the option, the spelling's value and the other ('stats
    leaky_relu@jax --compat keras' was told "here: actplot stats leaky_relu --compat jax --compat
    keras", which runs with keras); None if none does. Frameworks and choices in any case."""
    spelt = dict(zip(options[::2], options[1::2], strict=True))
    for _, _, option, value in _options_given(rest):
        if option in spelt and not _same(value, spelt[option]):
            return option, spelt[option], value
    return None


def _same(a: str, b: str) -> bool:
    """Whether two values of an option are one: a word in any case, a number by its value ('0.2',
    '0.20' and '1/5' were a clash), a dtype by any of its names."""
    if a.strip().lower() == b.strip().lower():
        return True
    try:
        return Number().convert(a, None, None) == Number().convert(b, None, None)
    except click.BadParameter:
        pass
    from actplot import precision  # a dtype by any of its names ('float16' and 'half' were a clash)

    try:
        return precision.lookup(a).name == precision.lookup(b).name
    except ValueError:
        return False


def options_without(rest: Sequence[str], options: Sequence[str], drop: Sequence[str] = ()) -> list[str]:
    """``rest`` (the words after a name) without the ``options`` (``--alpha 0.2 ...``) it gives
    again with the same value, nor any of the options named in ``drop``."""
    spelt = dict(zip(options[::2], options[1::2], strict=True))
    left = set()
    for at, width, option, value in _options_given(rest):
        if option in drop or (option in spelt and _same(value, spelt[option])):
            left.update(range(at, at + width))
    return [word for at, word in enumerate(rest) if at not in left]


def function_words(name: str) -> list[str]:
    """The words of the function command for diff's and plot's spelling of a function (``relu@torch``:
    relu --compat torch; ``leaky_relu:alpha=0.2,dtype=float16``: leaky_relu --alpha 0.2 --dtype
    float16); the name alone where the spelling does not parse (its error is another's to give)."""
    base, framework, settings, _ = functions.spelling(name)
    words = [base, *(["--compat", framework] if framework is not None else [])]
    try:
        record = functions.get(base)
        for key, _, value in settings:
            param = None if key.strip().lower() == "dtype" else record.parameter(key)
            fixed = param is None and record.fixed_key(key)
            if fixed and functions.restated(record, fixed, value):
                continue  # the value its name fixes, said again: 'gelu_new@jax:approximate=tanh' lost its --compat jax
            if param is None and key.strip().lower() != "dtype":  # not read as the dtype ('glu:approximate=tanh')
                raise ValueError(key)
            if param is not None and param.choices:  # as the option takes it: 'APPROXIMATE=NONE' is none
                value = next((c for c in param.choices if c.lower() == value.strip().lower()), value)
            words += [f"--{(param.name if param else 'dtype').replace('_', '-')}", value]
    except (KeyError, ValueError, AttributeError):  # (AttributeError: no such parameter)
        return [name.partition(":")[0].partition("@")[0]]
    return words


def function_command(record: Activation, params: dict, compat: str = "torch", dtype: str | None = None) -> str:
    """The function command, as a line to run, that evaluates ``record`` with the parameters in
    force (those other than ``compat``'s defaults, as options), ``--compat`` other than torch and
    ``--dtype``: what a command that reads no stdin suggests for the numbers waiting there. From
    the settings in force, not their spelling: 'stats leaky_relu --alpha 0.2' and 'limits relu
    --compat jax' suggested the function without them."""
    from actplot import shell

    name = record.alias or record.name  # gelu_new, which fixes gelu's approximate
    options = functions.command_options(record, params, compat)
    return shell.join(["actplot", name, *options, *(["--dtype", dtype] if dtype else [])])


def function_parameters(record: Activation, options: dict, compat: str) -> dict:
    """The function's parameters in force: the framework's defaults, then the options given (which
    are popped from ``options``)."""
    given = {p.name: options.pop(p.name) for p in record.parameters}
    return {**record.defaults(compat), **{k: v for k, v in given.items() if v is not None}}


def shown_settings(name: str, params: Mapping[str, object]) -> str:
    """The parameters in force as a report's heading writes them, values as the legends do
    (``beta=1``, ``slope=1/6``; stats and check wrote ``beta=1.0`` and 0.16666666666666666), but
    whole where a legend cuts them short (selu's alpha=1.6732632423543772, not 1.6732632…)."""
    record = functions.get(name)
    shown = {key: record.parameter(key).show(value) for key, value in params.items()}
    whole = {key: text if not text.endswith("\u2026") else repr(float(params[key])) for key, text in shown.items()}
    return ", ".join(f"{key}={text}" for key, text in whole.items())
