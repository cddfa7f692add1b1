"""The command line. Click lives in this package and nowhere else: commands adapt their
arguments, call ``inputs`` → the activation → ``formats``, and turn domain errors into exit
statuses (1 for data and I/O, 2 for usage). One module a command family: ``evaluate`` (the
function commands), ``draw`` (plot, sheet), ``describe`` (list, info); shared options in
``options``."""

from __future__ import annotations

import errno
import os
import sys

import click

from actplot import __version__, functions
from actplot.cli.describe import info_command, list_command
from actplot.cli.draw import plot_command, sheet_command
from actplot.cli.evaluate import function_command
from actplot.cli.options import CONTEXT


class ActplotGroup(click.Group):
    """Functions are commands of their own, built when asked for; aliases and ``-``/``_`` alike."""

    def list_commands(self, ctx):
        return [*functions.names(), *sorted(self.commands)]

    def get_command(self, ctx, cmd_name):
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        # a name that fixes parameters (gelu_new) gives the function with them fixed
        return function_command(functions.get(cmd_name)) if functions.canonical(cmd_name) else None

    def resolve_command(self, ctx, args):
        name = args[0]
        command = self.get_command(ctx, name)
        if command is None:
            hint = functions.suggest(name) + [c for c in self.commands if c.startswith(name[:3])]
            did_you_mean = f" Did you mean {' or '.join(hint)}?" if hint else ""
            raise click.UsageError(
                f"No function or command named {name!r}.{did_you_mean} 'actplot list' shows them all.", ctx
            )
        return command.name, command, args[1:]

    def format_commands(self, ctx, formatter):
        rows = [(name, functions.get(name).summary) for name in functions.names()]
        with formatter.section("Functions (actplot FUNCTION --help for each)"):
            formatter.write_dl(rows)
        builtins = [(name, self.commands[name].get_short_help_str(60)) for name in sorted(self.commands)]
        with formatter.section("Commands"):
            formatter.write_dl(builtins)


@click.group(
    cls=ActplotGroup,
    context_settings=CONTEXT,
    epilog="""Examples:

\b
  actplot sigmoid --range -5 5          # x and sigmoid(x), x = -5, -4.9, ..., 5
  actplot softmax 1 2 3                 # 0.09003057..., 0.24472847..., 0.66524096...
  actplot relu -2 -1.5 -.5 0 3          # negative numbers are values
  seq -5 0.5 5 | actplot tanh -d        # derivative, in a pipeline
  actplot gelu --compat jax 1           # JAX's default (tanh) GELU
  actplot sigmoid --range -5 5 -o s.png # the article's figure
  actplot plot sigmoid tanh relu --with-derivative -o cmp.png
  actplot sheet -o sheet.pdf            # every function on one page
  actplot list                          # all functions, their ranges and uses
""",
)
@click.version_option(__version__, "-V", "--version", prog_name="actplot", message="%(prog)s %(version)s")
def cli():
    """Evaluate neural-network activation functions exactly: at values, over a range, or on stdin."""


def main(argv: list[str] | None = None) -> None:
    """The console script: run the CLI, keeping tracebacks for bugs only."""
    try:
        status = cli.main(args=argv, prog_name="actplot", standalone_mode=False)
        if sys.stdout is not None:
            sys.stdout.flush()
    except click.ClickException as error:
        error.show()
        status = error.exit_code
    except (click.Abort, KeyboardInterrupt):
        status = 130
    except BrokenPipeError:
        status = _silence_stdout(141)
    except OSError as error:
        if error.errno == errno.EPIPE:
            status = _silence_stdout(141)
        else:  # a full disk (ENOSPC), an I/O error
            click.echo(f"Error: cannot write the output: {error.strerror}", err=True)
            status = _silence_stdout(1)
    sys.exit(status if isinstance(status, int) else 0)


def _silence_stdout(status: int) -> int:
    """Stop writing to a stdout that cannot take it (``| head`` closed it, the disk is full),
    without the message Python prints when it fails to flush stdout at exit. 141 is what a
    process killed by ``SIGPIPE`` reports."""
    if sys.stdout is not None:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status


for _command in (list_command, info_command, plot_command, sheet_command):
    cli.add_command(_command)
