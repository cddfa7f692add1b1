"""``actplot`` as a console script (``actplot.__main__:main``) and as ``python -m actplot``.

A short run: garbage collection is off before numpy, click and the registry load (``import actplot``
itself loads nothing), OpenBLAS starts no thread pool (the command line computes elementwise; the
pool cost 10 ms of a 100 ms start), and the process ends without the interpreter's teardown
(``cli.main``). A user's own ``OPENBLAS_NUM_THREADS`` is kept.

The command line is imported when ``main`` is called, not when this module is: the console script
imports this module and then calls ``main``, and the same imports made from inside an import in
progress (this module's) took 4-5 ms more CPU of a 90 ms start (measured with a regular install:
``python -m actplot relu 1``, whose imports run outside any import, against the script).
"""

import gc
import os


def main() -> None:
    """Run the command line on ``sys.argv`` and end the process with its exit status."""
    gc.disable()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from actplot.cli import main as run_command_line

    run_command_line()


if __name__ == "__main__":
    main()
