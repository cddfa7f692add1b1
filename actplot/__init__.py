"""actplot: neural-network activation functions, exact, from the command line and from Python.

Every function is ``actplot.<name>`` (and under each alias that is a Python name):

>>> import actplot
>>> actplot.softmax([1.0, 2.0, 3.0])
array([0.09003057, 0.24472847, 0.66524096])
>>> actplot.get("gelu").derivative(0.0)
array(0.5)

``actplot.plot(...)`` and ``actplot.sheet(...)`` return matplotlib Figures (``actplot.figures``),
imported when first used so that ``import actplot`` does not load matplotlib.
"""

from actplot.compare import check, diff
from actplot.functions import Activation, Param, ParameterError, get, names, public_functions
from actplot.stats import stats

__version__ = "0.1.0"

globals().update(public_functions())

__all__ = [
    "Activation",
    "Param",
    "ParameterError",
    "get",
    "names",
    "plot",
    "sheet",
    "check",
    "diff",
    "stats",
    "__version__",
    *public_functions(),
]


def __getattr__(name: str):
    if name in ("plot", "sheet"):
        from actplot import figures

        return getattr(figures, name)
    raise AttributeError(f"module 'actplot' has no attribute {name!r}")
