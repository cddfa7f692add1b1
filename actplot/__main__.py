"""``actplot`` as a console script (``actplot.__main__:main``) and as ``python -m actplot``.

A short run: garbage collection is off before numpy, click and the registry load (``import actplot``
itself loads nothing), and the process ends without the interpreter's teardown (``cli.main``).
"""

import gc

gc.disable()

from actplot.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
