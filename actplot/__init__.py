"""actplot: neural-network activation functions, exact, from the command line and from Python.

Every function is ``actplot.<name>`` (and under each alias that is a Python name):

>>> import actplot
>>> actplot.softmax([1.0, 2.0, 3.0])
array([0.09003057, 0.24472847, 0.66524096])
>>> actplot.get("gelu").derivative(0.0)
array(0.5)
>>> actplot.sigmoid(8.3, dtype="float16")  # what a float16 model holds (actplot.precision)
np.float16(0.9995)
>>> actplot.limits("sigmoid", dtype="float16").thresholds[0].x  # sigmoid rounds to 1 from here on
8.3203125

``actplot.plot(...)`` and ``actplot.sheet(...)`` return matplotlib Figures (``actplot.figures``),
imported when first used so that ``import actplot`` does not load matplotlib.

The names are looked up when first used (PEP 562), so that importing the package costs nothing
before they are: the command line (``actplot.__main__``) turns garbage collection off before numpy
and the registry load.
"""

__version__ = "0.1.0"

_REGISTRY = ("Activation", "Param", "ParameterError", "get", "names")
_TOOLS = {  # name -> module
    "check": "actplot.compare",
    "diff": "actplot.compare",
    "limits": "actplot.precision",
    "stats": "actplot.stats",
}


def __getattr__(name: str):
    from importlib import import_module  # not 'from actplot import ...', which would ask this function

    if name in ("plot", "sheet"):
        return getattr(import_module("actplot.figures"), name)
    if name in _TOOLS:
        # Loading actplot.stats binds the module to the name 'stats' here: the function takes it back.
        globals()[name] = tool = getattr(import_module(_TOOLS[name]), name)
        return tool
    if name.startswith("__") and name != "__all__":
        raise AttributeError(f"module 'actplot' has no attribute {name!r}")
    functions = import_module("actplot.functions")
    if name in _REGISTRY:
        return getattr(functions, name)
    if name == "__all__":
        return [*_REGISTRY, "plot", "sheet", *_TOOLS, "__version__", *functions.public_functions()]
    function = functions.public_function(name)  # a submodule's name ('inputs') loads no family
    if function is not None:
        globals()[name] = function  # found once
        return function
    raise AttributeError(f"module 'actplot' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__getattr__("__all__")})
