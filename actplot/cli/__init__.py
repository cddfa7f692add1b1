"""The command line. Click lives in this package and nowhere else: commands adapt their
arguments, call ``inputs`` → the activation → ``formats``, and turn domain errors into exit
statuses (1 for data and I/O, 2 for usage). One module a command family: ``evaluate`` (the
function commands), ``draw`` (plot, sheet), ``describe`` (list, info), ``limits``; shared
options in ``options``."""

from __future__ import annotations

import errno
import gc
import io
import os
import sys

import click

from actplot import __version__, functions
from actplot.cli.options import CONTEXT, HelpFormatter, complete_function, help_width, note

# The built-in commands, each imported when asked for (a function command does not pay for plot's
# imports, and the commands to come add nothing to every start): name -> (module, attribute, and
# the first sentence of its help, which ``actplot --help`` and TAB show without importing it; a
# test keeps it the command's own).
COMMANDS = {
    "info": (
        "actplot.cli.describe",
        "info_command",
        "Everything about one FUNCTION: formula, derivative, range, parameters, properties, typical use, "
        "framework conventions and accuracy.",
    ),
    "list": (
        "actplot.cli.describe",
        "list_command",
        "The table of functions, family by family: range, typical use and aliases.",
    ),
    "plot": (
        "actplot.cli.draw",
        "plot_command",
        "Several functions on one figure, with a legend; each may carry its own parameters.",
    ),
    "sheet": (
        "actplot.cli.draw",
        "sheet_command",
        "A cheat sheet: each function with its derivative (dashed) as small multiples, A4 pages of up to 24 "
        "panels, family by family, each panel titled with its name and formula.",
    ),
    "limits": (
        "actplot.cli.limits",
        "limits_command",
        "Where a function saturates, overflows, underflows and its gradient vanishes, in each dtype.",
    ),
    "stats": (
        "actplot.cli.stats",
        "stats_command",
        "Moments under Gaussian input, the initialisation gain, the depth map.",
    ),
    "diff": (
        "actplot.cli.compare",
        "diff_command",
        "How far two functions, or two settings of one, are apart, and where.",
    ),
    "check": ("actplot.cli.compare", "check_command", "How exact another program's values of a function are, in ulp."),
}

# Every command's help (the function commands, built on demand, and those of FunctionGroup's too)
# laid out within the terminal's width, however narrow.
click.Context.formatter_class = HelpFormatter

COMPLETE = "_ACTPLOT_COMPLETE"  # the variable through which the shell asks for completions (Click's protocol)
UNKNOWN = "actplot.unknown_command"  # ctx.meta key: a command name that names nothing, while completing
PIPE_CLOSED = 141  # 128 + SIGPIPE: what a process killed by SIGPIPE reports, as seq and awk do


def summary(command: click.Command) -> str:
    """A command's first sentence, whole, for the list of commands in ``actplot --help``."""
    text = " ".join((command.short_help or command.help or "").split("\n\n")[0].split())
    return text.split(". ")[0].removesuffix(".") + "."


class ActplotGroup(click.Group):
    """Functions are commands of their own, built when asked for; aliases and ``-``/``_`` alike."""

    def list_commands(self, ctx):
        return [*functions.names(), *self.builtins()]

    def builtins(self) -> list[str]:
        """The names of the commands that are not functions."""
        return sorted({*self.commands, *COMMANDS})

    def summary(self, ctx, name: str) -> str:
        """A command's first sentence, from ``COMMANDS`` where it is one of them (nothing imported)."""
        return COMMANDS[name][2] if name in COMMANDS else summary(self.get_command(ctx, name))

    def get_command(self, ctx, cmd_name):
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name in COMMANDS:
            from importlib import import_module

            module, attribute, _ = COMMANDS[cmd_name]
            return getattr(import_module(module), attribute)
        if functions.canonical(cmd_name) is None:
            return None
        # (imported here: --help, list and TAB read no numbers and write none)
        from actplot.cli.evaluate import function_command

        # a name that fixes parameters (gelu_new) gives the function with them fixed
        return function_command(functions.get(cmd_name))

    def resolve_command(self, ctx, args):
        name = args[0]
        command = self.get_command(ctx, name)
        if command is None and ctx.resilient_parsing:  # completing: nothing to offer after an unknown name
            ctx.meta[UNKNOWN] = name
            return None, None, args[1:]
        if command is None:
            from actplot.cli.evaluate import function_command
            from actplot.cli.options import settings_spelling

            # 'actplot gelu@jax 1': actplot gelu --compat jax 1
            settings_spelling(ctx, "actplot", name, args[1:], command_for=function_command)
            hint = functions.suggest(name) + [c for c in self.builtins() if name.strip() and c.startswith(name[:3])]
            did_you_mean = f" Did you mean {' or '.join(hint)}?" if hint else ""
            raise click.UsageError(
                f"No function or command named {name!r}.{did_you_mean} 'actplot list' shows them all.", ctx
            )
        return command.name, command, args[1:]

    def format_commands(self, ctx, formatter):
        rows = [(name, functions.card(name)[1]) for name in functions.names()]
        with formatter.section("Functions (actplot FUNCTION --help for each)"):
            formatter.write_dl(rows)
        builtins = [(name, self.summary(ctx, name)) for name in self.builtins()]
        with formatter.section("Commands"):
            formatter.write_dl(builtins)

    def shell_complete(self, ctx, incomplete):
        """The functions and commands that start with ``incomplete`` (and the options, for '-'),
        from the registry: no command is built for a TAB press."""
        from click.shell_completion import CompletionItem

        if UNKNOWN in ctx.meta:
            return []
        items = [CompletionItem(name, help=text) for name, text in complete_function(incomplete)]
        items += [
            CompletionItem(name, help=self.summary(ctx, name))
            for name in self.builtins()
            if name.startswith(incomplete)
        ]
        return items + click.Command.shell_complete(self, ctx, incomplete)


@click.group(
    cls=ActplotGroup,
    context_settings=CONTEXT,
    epilog="""Examples:

\b
  actplot sigmoid --range -5 5          # x = -5, -4.9, ..., 5 and sigmoid(x)
  actplot softmax 1 2 3                 # 0.0900306, 0.244728, 0.665241
  actplot relu -2 -1.5 -.5 0 3          # negative numbers are values
  seq -5 0.5 5 | actplot tanh -d        # derivative, in a pipeline
  actplot gelu --compat jax 1           # JAX's default (tanh) GELU
  actplot sigmoid --range -5 5 -o s.png # the article's figure
  actplot plot sigmoid tanh relu --with-derivative -o cmp.png
  actplot sheet -o sheet.pdf            # every function, on A4 pages
  actplot sigmoid --dtype bfloat16 6.2 6.25  # what a bfloat16 model computes
  actplot limits sigmoid                # where it saturates, in each dtype
  actplot list                          # all functions, their ranges and uses
""",
)
@click.version_option(__version__, "-V", "--version", prog_name="actplot", message="%(prog)s %(version)s")
def cli():
    """Evaluate neural-network activation functions exactly: at values, over a range, or on stdin."""


def main(argv: list[str] | None = None) -> None:
    """The console script: run the CLI, then end the process at once.

    ``run`` has flushed stdout and stderr (reporting what could not be written) and every command
    has closed and renamed its files before returning, so nothing is left for the interpreter's
    teardown to do but free memory: ``os._exit`` skips it. A closed pipe ends the process by
    SIGPIPE, as it does ``seq`` and ``awk``. Called from Python with ``argv``, it raises
    SystemExit with the status instead, leaving the interpreter running.
    """
    if argv is not None:
        raise SystemExit(run(argv))
    gc.disable()  # a short run: what little it leaves is freed with the process
    status = run()
    if status == PIPE_CLOSED:
        import signal

        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGPIPE)
    os._exit(status)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI as the console script does and return its exit status: 0; 1 for data and I/O
    errors; 2 for usage; 130 for Ctrl-C; 141 when stdout is a pipe that was closed (``| head``).
    Errors are one line on stderr, never a traceback; stdout and stderr are flushed."""
    _hold_closed_descriptors()
    if sys.stdout is None:  # started with stdout closed (>&-): writing to it is an error, not a no-op
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_Closed("stdout")), encoding="utf-8")
    elif isinstance(getattr(sys.stdout, "buffer", None), io.RawIOBase):
        sys.stdout = _buffered(sys.stdout)
    if sys.stderr is None:  # started with stderr closed (2>&-): messages go nowhere, quietly
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", write_through=True)
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        if os.environ.get(COMPLETE):
            _complete(args)
        with cli.make_context("actplot", args, terminal_width=help_width()) as ctx:
            cli.invoke(ctx)
        status = 0
    except click.exceptions.Exit as stop:
        status = stop.exit_code
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 0
    except click.ClickException as error:
        try:
            error.show()
        except OSError:
            pass  # stderr takes nothing: only the status says it
        status = error.exit_code
    except (click.Abort, KeyboardInterrupt):
        status = 130
    except OSError as error:
        status = _not_written(error)
    return _flushed(status)


def _complete(args: list[str]) -> None:
    """Answer the shell's TAB through Click's protocol (which exits). Without the words the shell's
    completion script sets (COMP_WORDS, COMP_CWORD: the variable left set by hand), Click raised
    KeyError or ValueError: one line instead."""
    from click.shell_completion import add_completion_class

    from actplot.cli.completion import Bash

    add_completion_class(Bash)  # bash's words joined again where it split them at ':' and '='
    try:
        cli.main(args=args, prog_name="actplot", complete_var=COMPLETE)
    except (KeyError, ValueError):
        raise click.ClickException(
            f"{COMPLETE}={os.environ[COMPLETE]} asks for shell completion without the words the shell's "
            f"completion script sets (COMP_WORDS, COMP_CWORD): unset {COMPLETE} to run actplot"
        ) from None


def _flushed(status: int) -> int:
    """The status once stdout and stderr are flushed: what stdout could not take is an error."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except OSError as error:
            if stream is sys.stdout and status != PIPE_CLOSED:
                status = _not_written(error)
    return status


def _not_written(error: OSError) -> int:
    """The status for output that could not be written: 141 for a closed pipe (quietly), else 1
    with one line saying why (a full disk, stdout closed)."""
    if error.errno != errno.EPIPE:
        note(f"Error: cannot write the output: {error.strerror or error}")
    if isinstance(getattr(getattr(sys.stdout, "buffer", None), "raw", None), _Closed):
        sys.stdout = None  # what it holds can go nowhere
    _silence_stdout()
    return PIPE_CLOSED if error.errno == errno.EPIPE else 1


def _silence_stdout() -> None:
    """Drop what stdout still holds: it cannot take it, and the interpreter would say so at exit."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        return
    os.dup2(os.open(os.devnull, os.O_WRONLY), descriptor)


def _buffered(stream: io.TextIOWrapper) -> io.TextIOWrapper:
    """``stream`` with a buffer over its file. Under PYTHONUNBUFFERED (``python -u``, usual in
    containers) stdout's binary layer is the file itself, whose ``write`` may take only part of
    what it is given (the reader of a pipe left in the middle, a non-blocking descriptor) and says
    so by its count alone: the rest was lost and the status 0. A buffer writes all or raises, as
    without the variable; it is flushed whenever actplot flushes (each block read from stdin)."""
    return io.TextIOWrapper(
        io.BufferedWriter(stream.buffer),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=stream.line_buffering,
        write_through=True,
    )


class _Closed(io.RawIOBase):
    """A standard stream the process was started without: writing to it fails, saying so."""

    def __init__(self, name: str) -> None:
        self.name = name

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        raise OSError(errno.EBADF, f"{self.name} is closed")


def _hold_closed_descriptors() -> None:
    """Put /dev/null on a standard descriptor the process was started without (``<&-``, ``>&-``,
    ``2>&-``), so that no file actplot opens takes its number and receives what is meant for it.
    Python has already set ``sys.stdin`` (or stdout, stderr) to None for it."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            held = os.open(os.devnull, os.O_RDWR)
            if held != descriptor:
                os.dup2(held, descriptor)
                os.close(held)
