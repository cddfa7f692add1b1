"""``actplot`` as a console script (``actplot.__main__:main``) and as ``python -m actplot``.

A short run: garbage collection is off before numpy, click and the registry load (``import actplot``
itself loads nothing), OpenBLAS starts no thread pool (the command line computes elementwise; the
pool cost 10 ms of a 100 ms start), and the process ends without the interpreter's teardown
(``cli.main``). A user's own ``OPENBLAS_NUM_THREADS`` is kept.
"""

import gc
import os

gc.disable()
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from actplot.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
