"""What actplot knows about each activation: formula, range, parameters, properties, use.

The math lives in ``activations``; this module describes it, for ``list``, ``info``, the CLI's
options and the Python API (``actplot.get``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from actplot import activations as act

FRAMEWORKS = ("torch", "jax", "keras", "keras2")
FRAMEWORK_NAMES = {
    "torch": "PyTorch (torch.nn.functional)",
    "jax": "JAX (jax.nn)",
    "keras": "Keras 3 (keras.activations)",
    "keras2": "Keras 2 / tf.keras before TF 2.16",
}

HIDDEN = "hidden layer"
CLASSIFICATION = "classification output"
REGRESSION = "regression output"


@dataclass(frozen=True)
class Param:
    """One parameter of an activation: its name, default and what it does."""

    name: str
    default: float | str
    help: str
    choices: tuple[str, ...] = ()
    shown: str = ""  # how the default reads, where repr would not (e.g. "1/6")

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    def show(self, value: float | str) -> str:
        if self.shown and value == self.default:
            return self.shown
        return value if isinstance(value, str) else repr(float(value)).removesuffix(".0")


@dataclass(frozen=True)
class Properties:
    monotonic: bool
    zero_centred: bool
    smooth: bool
    largest_slope: str


@dataclass(frozen=True)
class Activation:
    """Everything about one activation function."""

    name: str
    summary: str
    function: Callable
    derivative: Callable
    latex: str
    plain: str
    derivative_plain: str
    output_range: tuple[float, float]
    range_text: str
    properties: Properties
    use: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    parameters: tuple[Param, ...] = ()
    vector: bool = False
    conventions: str = ""
    compat: Mapping[str, Mapping[str, float | str]] = field(default_factory=dict)
    mathtext: str = ""  # the formula for matplotlib's mathtext, where ``latex`` uses more than it has
    measured_ulp: tuple[float, float] = (0.0, 0.0)
    accuracy_note: str = ""

    @property
    def accuracy(self) -> str:
        """How close the results are to the exact values, as measured against mpmath."""
        value, derivative = self.measured_ulp
        if value == derivative == 0:
            text = "exact (correctly rounded), value and derivative"
        else:
            text = (
                f"value within {value:g} ulp, derivative within {derivative:g} ulp of the exact value over the "
                "whole double range (largest error measured against mpmath, benchmarks/ulp_report.py)"
            )
        return text + (f"; {self.accuracy_note}" if self.accuracy_note else "")

    @property
    def math(self) -> str:
        """The formula as matplotlib mathtext (no ``cases`` environment there)."""
        return self.mathtext or self.latex

    def parameter(self, name: str) -> Param | None:
        """The parameter called ``name`` (``-`` and ``_`` alike), if the function has one."""
        key = name.strip().replace("-", "_")
        return next((p for p in self.parameters if p.name == key), None)

    @property
    def params(self) -> dict[str, float | str]:
        """Parameter names and their defaults (PyTorch's)."""
        return {p.name: p.default for p in self.parameters}

    def defaults(self, compat: str = "torch") -> dict[str, float | str]:
        """The defaults under a framework's conventions (``torch``, ``jax``, ``keras``, ``keras2``)."""
        if compat not in FRAMEWORKS:
            raise ValueError(f"compat must be one of {', '.join(FRAMEWORKS)}, not {compat!r}")
        return {**self.params, **self.compat.get(compat, {})}


_P = Properties
_ALPHA_ELU = Param("alpha", 1.0, "scale of the negative saturation (the value approached as x -> -inf is -alpha)")
_TEMPERATURE = Param("temperature", 1.0, "divide the scores by T first: T > 1 flattens, T < 1 sharpens")
_ROOT_NOTE = (
    "the derivative has a zero near x = {root}: within about 1 of it the derivative is accurate to 4 ulp "
    "of its largest term (absolute), as no double arithmetic can be relative to a vanishing result"
)

_ACTIVATIONS = (
    Activation(
        name="identity",
        measured_ulp=(0, 0),
        summary="The identity: the output is the input (the article's regression output).",
        function=act.identity,
        derivative=act.d_identity,
        latex=r"h(x) = x",
        plain="h(x) = x",
        derivative_plain="1",
        output_range=(-math.inf, math.inf),
        range_text="(-inf, inf)",
        properties=_P(True, True, True, "1"),
        use=(REGRESSION,),
        aliases=("linear",),
        conventions="keras calls it 'linear'.",
    ),
    Activation(
        name="step",
        mathtext=r"h(x) = 1 \ (x > 0), \ \ 0 \ (x \leq 0)",
        measured_ulp=(0, 0),
        summary="The step function of the perceptron: 1 for x > 0, else 0.",
        function=act.step,
        derivative=act.d_step,
        latex=r"h(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
        plain="h(x) = 1 if x > 0 else 0",
        derivative_plain="0 (undefined at 0; taken as 0)",
        output_range=(0.0, 1.0),
        range_text="{0, 1}",
        properties=_P(True, False, False, "0 (a jump at x = 0)"),
        use=("perceptrons (historical)",),
        aliases=("heaviside",),
        conventions="torch.heaviside(x, values) needs the value at 0; actplot takes 0 (x > 0), as textbooks do.",
    ),
    Activation(
        name="sigmoid",
        measured_ulp=(1.7, 3.0),
        summary="The logistic sigmoid: squashes any input into (0, 1).",
        function=act.sigmoid,
        derivative=act.d_sigmoid,
        latex=r"h(x) = \frac{1}{1 + e^{-x}}",
        plain="h(x) = 1 / (1 + exp(-x))",
        derivative_plain="sigmoid(x) * (1 - sigmoid(x))",
        output_range=(0.0, 1.0),
        range_text="(0, 1)",
        properties=_P(True, False, True, "1/4 at x = 0"),
        use=(HIDDEN, "binary classification output"),
        aliases=("logistic",),
    ),
    Activation(
        name="relu",
        mathtext=r"h(x) = \max(0, x)",
        measured_ulp=(0, 0),
        summary="The rectified linear unit: x for x > 0, else 0. The usual hidden-layer choice.",
        function=act.relu,
        derivative=act.d_relu,
        latex=r"h(x) = \begin{cases} x & x > 0 \\ 0 & x \le 0 \end{cases}",
        plain="h(x) = max(0, x)",
        derivative_plain="1 if x > 0 else 0 (relu'(0) = 0, as PyTorch)",
        output_range=(0.0, math.inf),
        range_text="[0, inf)",
        properties=_P(True, False, False, "1"),
        use=(HIDDEN,),
    ),
    Activation(
        name="softmax",
        mathtext=r"y_i = \frac{e^{x_i}}{\sum_j e^{x_j}}",  # the title shows T = 1
        measured_ulp=(1.9, 2.9),
        summary="Softmax: turns a vector of scores into probabilities that sum to 1.",
        function=act.softmax,
        derivative=act.d_softmax,
        latex=r"y_i = \frac{e^{x_i/T}}{\sum_j e^{x_j/T}}",
        plain="y_i = exp(x_i/T) / sum_j exp(x_j/T)",
        derivative_plain="diagonal of the Jacobian: y_i * (1 - y_i) / T",
        output_range=(0.0, 1.0),
        range_text="(0, 1), summing to 1",
        properties=_P(True, False, True, "1/4 (diagonal)"),
        use=(CLASSIFICATION,),
        parameters=(_TEMPERATURE,),
        vector=True,
        conventions="torch needs dim=; actplot and jax use the last axis. Temperature is not a framework "
        "parameter: frameworks divide the logits first.",
        accuracy_note="measured on vectors of up to 8 entries; the sum of the exps adds up to about log2(n) ulp "
        "for long ones; with a temperature other than 1 (or a power of 2) x/T is rounded once first",
    ),
    Activation(
        name="tanh",
        measured_ulp=(1.0, 3.3),
        summary="The hyperbolic tangent: a zero-centred sigmoid with range (-1, 1).",
        function=act.tanh,
        derivative=act.d_tanh,
        latex=r"h(x) = \tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        plain="h(x) = tanh(x)",
        derivative_plain="1 - tanh(x)^2",
        output_range=(-1.0, 1.0),
        range_text="(-1, 1)",
        properties=_P(True, True, True, "1 at x = 0"),
        use=(HIDDEN, "recurrent networks"),
    ),
    Activation(
        name="leaky_relu",
        mathtext=r"h(x) = x \ (x \geq 0), \ \ \alpha x \ (x < 0)",
        measured_ulp=(0.7, 0.2),
        summary="ReLU with a small slope for negative inputs, so no unit dies.",
        function=act.leaky_relu,
        derivative=act.d_leaky_relu,
        latex=r"h(x) = \begin{cases} x & x \ge 0 \\ \alpha x & x < 0 \end{cases}",
        plain="h(x) = x if x >= 0 else alpha * x",
        derivative_plain="1 if x > 0 else alpha",
        output_range=(-math.inf, math.inf),
        range_text="(-inf, inf)",
        properties=_P(True, False, False, "1"),
        use=(HIDDEN,),
        parameters=(Param("alpha", 0.01, "slope for x < 0 (PyTorch's negative_slope)"),),
        conventions="slope 0.01 in torch (negative_slope) and jax; keras.activations.leaky_relu uses 0.2, "
        "Keras 2's LeakyReLU layer 0.3.",
        compat={"keras": {"alpha": 0.2}, "keras2": {"alpha": 0.3}},
        accuracy_note="one rounding of alpha * x",
    ),
    Activation(
        name="elu",
        mathtext=r"h(x) = x \ (x > 0), \ \ \alpha (e^{x} - 1) \ (x \leq 0)",
        measured_ulp=(0.5, 0.8),
        summary="The exponential linear unit: smooth saturation to -alpha for negative inputs.",
        function=act.elu,
        derivative=act.d_elu,
        latex=r"h(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
        plain="h(x) = x if x > 0 else alpha * (exp(x) - 1)",
        derivative_plain="1 if x > 0 else alpha * exp(x)",
        output_range=(-1.0, math.inf),
        range_text="(-alpha, inf)",
        properties=_P(True, False, False, "max(1, alpha)"),
        use=(HIDDEN,),
        parameters=(_ALPHA_ELU,),
    ),
    Activation(
        name="selu",
        mathtext=r"h(x) = \lambda x \ (x > 0), \ \ \lambda\alpha (e^{x} - 1) \ (x \leq 0)",
        measured_ulp=(1.4, 1.5),
        summary="The scaled ELU, self-normalising with fixed constants.",
        function=act.selu,
        derivative=act.d_selu,
        latex=r"h(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
        plain="h(x) = scale * (x if x > 0 else alpha * (exp(x) - 1)), "
        "alpha = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946",
        derivative_plain="scale if x > 0 else scale * alpha * exp(x)",
        output_range=(-1.7580993408473766, math.inf),
        range_text="(-1.7581, inf)",
        properties=_P(True, False, False, "scale * alpha = 1.7581 at x = 0-"),
        use=(HIDDEN + " (self-normalising networks)",),
        conventions="torch, jax and keras use the same constants.",
    ),
    Activation(
        name="celu",
        measured_ulp=(1.0, 0.7),
        summary="The continuously differentiable ELU.",
        function=act.celu,
        derivative=act.d_celu,
        latex=r"h(x) = \max(0, x) + \min\left(0, \alpha (e^{x/\alpha} - 1)\right)",
        plain="h(x) = max(0, x) + min(0, alpha * (exp(x / alpha) - 1))",
        derivative_plain="1 if x > 0 else exp(x / alpha)",
        output_range=(-1.0, math.inf),
        range_text="(-alpha, inf)",
        properties=_P(True, False, True, "1"),
        use=(HIDDEN,),
        parameters=(_ALPHA_ELU,),
        accuracy_note="with alpha other than 1 (or a power of 2) x/alpha is rounded once first",
    ),
    Activation(
        name="gelu",
        measured_ulp=(2.7, 4.0),
        summary="The Gaussian error linear unit, x weighted by the normal CDF (transformers' choice).",
        function=act.gelu,
        derivative=act.d_gelu,
        latex=r"h(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}\frac{x}{\sqrt{2}}\right)",
        plain="h(x) = x/2 * (1 + erf(x / sqrt(2)));  tanh form: x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))",
        derivative_plain="Phi(x) + x * phi(x)",
        output_range=(-0.16997120559494479, math.inf),
        range_text="[-0.17, inf)",
        properties=_P(False, False, True, "1.129 at x = 1.4142"),
        use=(HIDDEN + " (transformers)",),
        parameters=(
            Param(
                "approximate",
                "none",
                "'none' for the exact erf form, 'tanh' for the tanh approximation",
                choices=("none", "tanh"),
            ),
        ),
        conventions="torch and keras default to the exact form (approximate='none' / False); "
        "jax.nn.gelu defaults to approximate=True (the tanh form).",
        compat={"jax": {"approximate": "tanh"}},
        accuracy_note="both forms; " + _ROOT_NOTE.format(root="-0.7518"),
    ),
    Activation(
        name="silu",
        measured_ulp=(2.3, 4.0),
        summary="The sigmoid-weighted linear unit, x * sigmoid(x) (swish).",
        function=act.silu,
        derivative=act.d_silu,
        latex=r"h(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}",
        plain="h(x) = x / (1 + exp(-x))",
        derivative_plain="sigmoid(x) * (1 + x * (1 - sigmoid(x)))",
        output_range=(-0.27846454276107380, math.inf),
        range_text="[-0.278, inf)",
        properties=_P(False, False, True, "1.0998 at x = 2.3994"),
        use=(HIDDEN,),
        aliases=("swish",),
        conventions="jax and keras also call it swish (with beta = 1).",
        accuracy_note=_ROOT_NOTE.format(root="-1.2785"),
    ),
    Activation(
        name="mish",
        measured_ulp=(3.1, 4.0),
        summary="Mish, x * tanh(softplus(x)): a smooth, self-gated ReLU.",
        function=act.mish,
        derivative=act.d_mish,
        latex=r"h(x) = x\,\tanh\left(\ln\left(1 + e^{x}\right)\right)",
        plain="h(x) = x * tanh(log(1 + exp(x)))",
        derivative_plain="tanh(sp(x)) + x * sech(sp(x))^2 * sigmoid(x),  sp = softplus",
        output_range=(-0.30884003221072267, math.inf),
        range_text="[-0.309, inf)",
        properties=_P(False, False, True, "1.0886 at x = 1.7757"),
        use=(HIDDEN,),
        accuracy_note=_ROOT_NOTE.format(root="-1.1923"),
    ),
    Activation(
        name="softplus",
        measured_ulp=(1.2, 1.9),
        summary="A smooth ReLU, log(1 + e^x); its derivative is the sigmoid.",
        function=act.softplus,
        derivative=act.d_softplus,
        latex=r"h(x) = \frac{1}{\beta}\ln\left(1 + e^{\beta x}\right)",
        plain="h(x) = log(1 + exp(beta * x)) / beta",
        derivative_plain="sigmoid(beta * x)",
        output_range=(0.0, math.inf),
        range_text="(0, inf)",
        properties=_P(True, False, True, "1 as x -> inf"),
        use=(HIDDEN, REGRESSION + " (positive targets: scales, rates)"),
        parameters=(Param("beta", 1.0, "sharpness: larger beta is closer to ReLU"),),
        conventions="torch switches to x where beta*x > threshold (20) for speed; actplot computes the exact "
        "value everywhere (softplus(21) = 21.00000000075826...). jax and keras have no beta.",
    ),
    Activation(
        name="softsign",
        measured_ulp=(1.2, 3.1),
        summary="x / (1 + |x|): a sigmoid shape that approaches +-1 polynomially.",
        function=act.softsign,
        derivative=act.d_softsign,
        latex=r"h(x) = \frac{x}{1 + |x|}",
        plain="h(x) = x / (1 + |x|)",
        derivative_plain="1 / (1 + |x|)^2",
        output_range=(-1.0, 1.0),
        range_text="(-1, 1)",
        properties=_P(True, True, True, "1 at x = 0"),
        use=(HIDDEN,),
    ),
    Activation(
        name="relu6",
        measured_ulp=(0, 0),
        summary="ReLU capped at 6 (mobile and quantised networks).",
        function=act.relu6,
        derivative=act.d_relu6,
        latex=r"h(x) = \min(\max(0, x), 6)",
        plain="h(x) = min(max(0, x), 6)",
        derivative_plain="1 if 0 < x < 6 else 0",
        output_range=(0.0, 6.0),
        range_text="[0, 6]",
        properties=_P(True, False, False, "1"),
        use=(HIDDEN + " (mobile networks)",),
    ),
    Activation(
        name="hard_sigmoid",
        measured_ulp=(1.0, 0.4),
        summary="A piecewise-linear sigmoid, relu6(x + 3) / 6.",
        function=act.hard_sigmoid,
        derivative=act.d_hard_sigmoid,
        latex=r"h(x) = \min\left(\max\left(0, \frac{x + 3}{6}\right), 1\right)",
        plain="h(x) = relu6(x + 3) / 6 = clip(x/6 + 1/2, 0, 1)",
        derivative_plain="slope if |x| < 1/(2 slope) else 0",
        output_range=(0.0, 1.0),
        range_text="[0, 1]",
        properties=_P(True, False, False, "1/6"),
        use=("gates in mobile networks",),
        parameters=(Param("slope", 1.0 / 6.0, "slope of the linear part: clip(slope*x + 1/2, 0, 1)", shown="1/6"),),
        conventions="torch, jax and Keras 3: relu6(x + 3)/6. Keras 2 (tf.keras before TF 2.16): "
        "clip(0.2*x + 0.5, 0, 1).",
        compat={"keras2": {"slope": 0.2}},
    ),
    Activation(
        name="hard_swish",
        measured_ulp=(1.2, 1.0),
        summary="A piecewise-quadratic SiLU, x * relu6(x + 3) / 6 (MobileNetV3).",
        function=act.hard_swish,
        derivative=act.d_hard_swish,
        latex=r"h(x) = x\,\frac{\min(\max(0, x + 3), 6)}{6}",
        plain="h(x) = x * relu6(x + 3) / 6",
        derivative_plain="0 if x < -3, (2x + 3)/6 if -3 <= x <= 3, 1 if x > 3",
        output_range=(-0.375, math.inf),
        range_text="[-0.375, inf)",
        properties=_P(False, False, False, "1.5 at x = 3"),
        use=(HIDDEN + " (mobile networks)",),
        conventions="jax and keras call it hard_silu (hard_swish in jax too).",
    ),
    Activation(
        name="hard_tanh",
        measured_ulp=(0, 0),
        summary="x clipped to [min_val, max_val].",
        function=act.hard_tanh,
        derivative=act.d_hard_tanh,
        latex=r"h(x) = \min(\max(x, -1), 1)",
        plain="h(x) = min(max(x, min_val), max_val)",
        derivative_plain="1 if min_val < x < max_val else 0",
        output_range=(-1.0, 1.0),
        range_text="[min_val, max_val]",
        properties=_P(True, True, False, "1"),
        use=(HIDDEN,),
        parameters=(Param("min_val", -1.0, "lower clip value"), Param("max_val", 1.0, "upper clip value")),
        conventions="jax.nn.hard_tanh clips to [-1, 1] with no parameters.",
    ),
    Activation(
        name="log_sigmoid",
        measured_ulp=(1.2, 1.7),
        summary="The logarithm of the sigmoid, -softplus(-x) (log-likelihood of a binary label).",
        function=act.log_sigmoid,
        derivative=act.d_log_sigmoid,
        latex=r"h(x) = \ln \sigma(x) = -\ln\left(1 + e^{-x}\right)",
        plain="h(x) = -log(1 + exp(-x))",
        derivative_plain="1 - sigmoid(x) = sigmoid(-x)",
        output_range=(-math.inf, 0.0),
        range_text="(-inf, 0)",
        properties=_P(True, False, True, "1 as x -> -inf"),
        use=("binary classification loss",),
        conventions="torch calls it logsigmoid.",
    ),
    Activation(
        name="log_softmax",
        mathtext=r"y_i = x_i - \ln\sum_j e^{x_j}",  # the title shows T = 1
        measured_ulp=(1.3, 1.6),
        summary="The logarithm of softmax, computed without forming softmax (pairs with NLL loss).",
        function=act.log_softmax,
        derivative=act.d_log_softmax,
        latex=r"y_i = \frac{x_i}{T} - \ln\sum_j e^{x_j/T}",
        plain="y_i = x_i/T - log(sum_j exp(x_j/T))",
        derivative_plain="diagonal of the Jacobian: (1 - softmax(x)_i) / T",
        output_range=(-math.inf, 0.0),
        range_text="(-inf, 0]",
        properties=_P(True, False, True, "1 (diagonal)"),
        use=(CLASSIFICATION + " (with a log-likelihood loss)",),
        parameters=(_TEMPERATURE,),
        vector=True,
        conventions="torch needs dim=; actplot and jax use the last axis.",
        accuracy_note="measured on vectors of up to 8 entries; with a temperature other than 1 (or a power of 2) "
        "x/T is rounded once first",
    ),
    Activation(
        name="softmin",
        mathtext=r"y_i = \frac{e^{-x_i}}{\sum_j e^{-x_j}}",  # the title shows T = 1
        measured_ulp=(1.7, 3.4),
        summary="Softmin, softmax(-x): the smallest score gets the largest weight.",
        function=act.softmin,
        derivative=act.d_softmin,
        latex=r"y_i = \frac{e^{-x_i/T}}{\sum_j e^{-x_j/T}}",
        plain="y_i = exp(-x_i/T) / sum_j exp(-x_j/T)",
        derivative_plain="diagonal of the Jacobian: -y_i * (1 - y_i) / T",
        output_range=(0.0, 1.0),
        range_text="(0, 1), summing to 1",
        properties=_P(True, False, True, "1/4 (diagonal, decreasing)"),
        use=("weighting by smallness (costs, distances)",),
        parameters=(_TEMPERATURE,),
        vector=True,
        conventions="torch only (F.softmin); jax and keras have none.",
        accuracy_note="as softmax",
    ),
)

_BY_NAME: Mapping[str, Activation] = MappingProxyType({a.name: a for a in _ACTIVATIONS})
_ALIASES: Mapping[str, str] = MappingProxyType({alias: a.name for a in _ACTIVATIONS for alias in a.aliases})


def names() -> list[str]:
    """The canonical names of all activations, in the order of the table."""
    return list(_BY_NAME)


def canonical(name: str) -> str | None:
    """The canonical name for ``name`` or one of its aliases (``-`` and ``_`` alike), else None."""
    key = name.strip().lower().replace("-", "_")
    if key in _BY_NAME:
        return key
    return _ALIASES.get(key)


def get(name: str) -> Activation:
    """The record of an activation, by name or alias; KeyError with suggestions if unknown."""
    key = canonical(name)
    if key is None:
        hint = suggest(name)
        raise KeyError(f"no activation named {name!r}" + (f"; did you mean {' or '.join(hint)}?" if hint else ""))
    return _BY_NAME[key]


def suggest(name: str, n: int = 3) -> list[str]:
    """The closest known names (canonical or aliases) to a misspelt one."""
    import difflib  # only for a misspelt name

    key = name.strip().lower().replace("-", "_")
    return difflib.get_close_matches(key, [*_BY_NAME, *_ALIASES], n=n, cutoff=0.6)
