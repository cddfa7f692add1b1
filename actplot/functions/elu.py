"""ELU, SELU, CELU, ISRLU and xIELU: linear (or quadratic) for positive inputs, a saturation for
negative ones."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from actplot._exact import DD, dd_constant, dd_quotient, dd_ratio, decimal_ratio, exp_scaled, two_prod
from actplot.functions._base import HIDDEN, MAX, NONPOSITIVE, NONZERO, POSITIVE, Activation, P, Param, mp
from actplot.functions.sigmoid import d_isru, exact_d_isru, exact_isru, isru

_EXP_SUBNORMAL = -708.0  # below, e^x is subnormal

FAMILY = "exponential linear units"
_ALPHA_ELU = Param("alpha", 1.0, "scale of the negative saturation (the value approached as x -> -inf is -alpha)")


def elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""The exponential linear unit.

    .. math:: \mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}

    >>> elu([-1e-300, -1000.0])
    array([-1.e-300, -1.e+000])
    """
    # expm1 keeps tiny inputs exact; the min() keeps the unused branch from overflowing.
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def d_elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    return np.where(x > 0, 1.0, times_exp_left(alpha, np.minimum(x, 0.0)))


def times_exp_left(g: float, x: np.ndarray) -> np.ndarray:
    """``g · e^x`` for ``x <= 0``, also where ``e^x`` is subnormal and ``g`` would magnify its
    lost digits."""
    y = g * np.exp(x)
    tail = x < _EXP_SUBNORMAL
    if np.any(tail):
        y[tail] = exp_scaled(g, x[tail])
    return y


def exact_elu(x, alpha: float = 1.0):
    return x if x > 0 else mp.mpf(alpha) * mp.expm1(x)


def exact_d_elu(x, alpha: float = 1.0):
    return mp.mpf(1) if x > 0 else mp.mpf(alpha) * mp.exp(x)


_SELU_ALPHA_TEXT = "1.6732632423543772848170429916717"
_SELU_SCALE_TEXT = "1.0507009873554804934193349852946"
_SELU_ALPHA = float(_SELU_ALPHA_TEXT)  # the defaults as doubles, which stand for the decimals
_SELU_SCALE_DOUBLE = float(_SELU_SCALE_TEXT)
_SELU_SCALE = dd_constant(_SELU_SCALE_TEXT)
# scale·alpha rounded once from the decimal constants, not as a product of two rounded doubles.
_ALPHA_RATIO, _SCALE_RATIO = decimal_ratio(_SELU_ALPHA_TEXT), decimal_ratio(_SELU_SCALE_TEXT)
_SELU_SCALE_ALPHA = dd_ratio(_ALPHA_RATIO[0] * _SCALE_RATIO[0], _ALPHA_RATIO[1] * _SCALE_RATIO[1])

# ONNX's Selu attributes are float32: the constants rounded to float32.
_ONNX_SELU = {"alpha": float(np.float32(_SELU_ALPHA)), "scale": float(np.float32(_SELU_SCALE_DOUBLE))}


def _selu_constants(alpha: float, scale: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """``scale`` and ``scale·alpha``, each as hi + lo: PyTorch's defaults stand for their 32-digit
    decimals; other values are exact as given (``scale·alpha`` by an exact product)."""
    if alpha == _SELU_ALPHA and scale == _SELU_SCALE_DOUBLE:
        return _SELU_SCALE, _SELU_SCALE_ALPHA
    product, error = two_prod(np.float64(scale), np.float64(alpha))
    return (scale, 0.0), (float(product), float(error))


def selu(x: np.ndarray, alpha: float = _SELU_ALPHA, scale: float = _SELU_SCALE_DOUBLE) -> np.ndarray:
    r"""The scaled exponential linear unit, self-normalising with PyTorch's constants.

    .. math:: \mathrm{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}

    with :math:`\alpha = 1.6732632423543772848170429916717`, :math:`\lambda = 1.0507009873554804934193349852946`
    (the defaults stand for these decimals); ONNX's float32 roundings with ``--compat onnx``.
    """
    # The constants as hi + lo: the rounding of a constant would add half an ulp to every result.
    (scale, scale_lo), (scale_alpha, scale_alpha_lo) = _selu_constants(alpha, scale)
    with np.errstate(over="ignore", invalid="ignore"):  # λx beyond the largest double is inf, correctly rounded
        p, err = two_prod(x, np.float64(scale))
        positive = np.where(np.isfinite(p), p + (err + x * scale_lo), p)
        negative = np.expm1(np.minimum(x, 0.0))
        if not math.isfinite(scale_alpha):  # scale·alpha beyond the doubles, the result maybe not
            return np.where(x > 0, positive, scale * (alpha * negative))
        return np.where(x > 0, positive, scale_alpha * negative + scale_alpha_lo * negative)


def d_selu(x: np.ndarray, alpha: float = _SELU_ALPHA, scale: float = _SELU_SCALE_DOUBLE) -> np.ndarray:
    (scale, _), (scale_alpha, _) = _selu_constants(alpha, scale)
    if not math.isfinite(scale_alpha):
        with np.errstate(over="ignore"):  # scale·alpha·e^x beyond the doubles is ±inf, correctly rounded
            return np.where(x > 0, scale, scale * times_exp_left(alpha, np.minimum(x, 0.0)))
    return np.where(x > 0, scale, times_exp_left(scale_alpha, np.minimum(x, 0.0)))


def _exact_selu_constants(alpha: float, scale: float):
    """alpha and scale as mpf: PyTorch's defaults stand for their 32-digit decimals."""
    if alpha == _SELU_ALPHA and scale == _SELU_SCALE_DOUBLE:
        return mp.mpf(_SELU_ALPHA_TEXT), mp.mpf(_SELU_SCALE_TEXT)
    return mp.mpf(alpha), mp.mpf(scale)


def exact_selu(x, alpha: float = _SELU_ALPHA, scale: float = _SELU_SCALE_DOUBLE):
    alpha, scale = _exact_selu_constants(alpha, scale)
    return scale * x if x > 0 else scale * alpha * mp.expm1(x)


def exact_d_selu(x, alpha: float = _SELU_ALPHA, scale: float = _SELU_SCALE_DOUBLE):
    alpha, scale = _exact_selu_constants(alpha, scale)
    return scale if x > 0 else scale * alpha * mp.exp(x)


_SMALL = 2.0**-10  # below, expm1(z)/z by its series to z**4/120 is exact to 2**-60


def celu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""The continuously differentiable exponential linear unit, for either sign of ``alpha``.

    .. math:: \mathrm{CELU}(x) = \max(0, x) + \min\left(0, \alpha (e^{x/\alpha} - 1)\right)

    The second term has the sign of ``x`` whatever ``alpha``'s: ``x`` for ``x > 0``, else
    :math:`\alpha (e^{x/\alpha} - 1)` (which grows without bound when ``alpha < 0``).
    """
    negative = np.minimum(x, 0.0)
    q, delta = _over_alpha(negative, alpha)
    with np.errstate(over="ignore", invalid="ignore"):
        # α·expm1(q + δ) = α·(expm1(q) + e^q δ) to first order; α·expm1 overflows only where the value does.
        y = alpha * np.expm1(q)
        if delta is not None:
            y = y + alpha * (np.exp(q) * delta)
    small = (np.abs(q) < _SMALL) & (negative < 0)  # (x >= 0 gives q = 0, and is not used)
    if np.any(small):
        # α·expm1(z) = x · expm1(z)/z: no division by a huge α, no tiny z losing digits.
        z = q[small]
        y[small] = negative[small] * (1.0 + z * (0.5 + z * (1 / 6 + z * (1 / 24 + z * (1 / 120)))))
    large = q > 40.0  # alpha < 0: α·e^z, which can be finite where e^z alone is not
    if alpha < 0 and np.any(large):
        y[large] = exp_scaled(alpha, q[large], 0.0 if delta is None else delta[large])
    return np.where(x > 0, x, y)


def _over_alpha(x: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """``x/α`` exactly, as ``q + δ``: e^(x/α) magnifies a rounded quotient's error by ``|x/α|``.
    Dividing by a power of two is exact already (where the quotient is normal): δ is None."""
    if math.frexp(alpha)[0] in (0.5, -0.5):
        with np.errstate(over="ignore", under="ignore"):
            return x / alpha, None
    return dd_quotient(x, alpha)


def d_celu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    q, delta = _over_alpha(np.minimum(x, 0.0), alpha)
    with np.errstate(over="ignore", invalid="ignore"):
        y = np.exp(q)
        if delta is not None:
            y = y + y * delta
    outside = (q < _EXP_SUBNORMAL) | (q > 700.0)
    if np.any(outside):
        y[outside] = exp_scaled(1.0, q[outside], 0.0 if delta is None else delta[outside])
    return np.where(x > 0, 1.0, y)


def isrlu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""The inverse square root linear unit: x for x >= 0, ISRU below (an ELU without exp).

    .. math:: h(x) = \begin{cases} x & x \ge 0 \\ \frac{x}{\sqrt{1 + \alpha x^2}} & x < 0 \end{cases}
    """
    return np.where(x >= 0, x, isru(np.minimum(x, 0.0), alpha))


def d_isrlu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r""":math:`h'(x) = 1` for x >= 0, :math:`(1 + \alpha x^2)^{-3/2}` below."""
    return np.where(x >= 0, 1.0, d_isru(np.minimum(x, 0.0), alpha))


def exact_isrlu(x, alpha: float = 1.0):
    return x if x >= 0 else exact_isru(x, alpha)


def exact_d_isrlu(x, alpha: float = 1.0):
    return mp.mpf(1) if x >= 0 else exact_d_isru(x, alpha)


_XIELU = {"alpha_p": 0.8, "alpha_n": 0.8, "beta": 0.5, "eps": -1e-6}  # Hugging Face's initial values


def xielu(
    x: np.ndarray, alpha_p: float = 0.8, alpha_n: float = 0.8, beta: float = 0.5, eps: float = -1e-6
) -> np.ndarray:
    r"""The expanded integral of the ELU as evaluated at its learned parameters (Hugging Face's
    ``xielu`` at initialisation): quadratic for positive inputs, ELU-like below.

    .. math:: h(x) = \begin{cases} \alpha_p x^2 + \beta x & x > 0 \\
        \alpha_n (\mathrm{expm1}(\min(x, \epsilon)) - x) + \beta x & x \le 0 \end{cases}
    """
    given = x
    x = np.clip(given, -MAX, MAX)
    xp = np.maximum(x, 0.0)
    # x (alpha_p x + beta): no intermediate x² to overflow before the result does
    with np.errstate(over="ignore", invalid="ignore"):
        positive = (DD(xp) * (DD(*two_prod(np.float64(alpha_p), xp)) + beta)).value
    xn = np.minimum(x, 0.0)
    # expm1(min(x, eps)) - x cancels to x²/2 near 0, and the sum has a root: all in double-double
    e = _expm1(np.minimum(xn, eps))
    with np.errstate(over="ignore", invalid="ignore"):
        negative = ((e - DD(xn)) * np.float64(alpha_n) + DD(*two_prod(np.float64(beta), xn))).value
    y = np.where(x > 0, positive, negative)
    return np.where(np.isinf(given), _xielu_limits(given, alpha_p, alpha_n, beta), y)


def _expm1(m: np.ndarray) -> DD:
    """expm1(m) for m <= 0 as a double-double: in double-double arithmetic from -40 up (only there:
    the inputs far left, most of a wide Gaussian's, cost nothing), -1 + e^m below."""
    m = np.asarray(m, dtype=np.float64)
    near = m >= -40.0
    hi, lo = np.full(m.shape, -1.0), np.exp(np.maximum(m, -745.5))
    if near.any():
        e = DD(m[near]).expm1()
        hi[near], lo[near] = e.hi, e.lo
    return DD(hi, lo)


def _xielu_limits(x: np.ndarray, alpha_p: float, alpha_n: float, beta: float) -> np.ndarray:
    """xIELU at ±inf: alpha_p x² (or beta x) leads on the right, (beta - alpha_n) x on the left (or
    the constant -alpha_n where they cancel)."""
    right = math.copysign(math.inf, alpha_p) if alpha_p else math.copysign(math.inf, beta) if beta else 0.0
    left = -alpha_n if beta == alpha_n else math.copysign(math.inf, alpha_n - beta)
    return np.where(x > 0, right, left)


def d_xielu(
    x: np.ndarray, alpha_p: float = 0.8, alpha_n: float = 0.8, beta: float = 0.5, eps: float = -1e-6
) -> np.ndarray:
    r""":math:`h'(x) = 2\alpha_p x + \beta` for x > 0, :math:`\alpha_n\,\mathrm{expm1}(x) + \beta` for
    x <= eps, :math:`\beta - \alpha_n` between (min's tie at eps goes to x, as torch.min's)."""
    given = x
    x = np.clip(given, -MAX, MAX)
    xp = np.maximum(x, 0.0)
    with np.errstate(over="ignore"):
        positive = (DD(*two_prod(np.float64(2.0 * alpha_p), xp)) + beta).value
    e = _expm1(np.minimum(x, eps))
    below = (e * np.float64(alpha_n) + beta).value
    y = np.where(x > 0, positive, np.where(x <= eps, below, beta - alpha_n))
    # at +inf the limit, not 2 alpha_p MAX + beta of the clipped x (finite for |alpha_p| < 1/2)
    right = math.copysign(math.inf, alpha_p) if alpha_p else beta
    return np.where(np.isnan(x), np.nan, np.where(given == np.inf, right, y))


def exact_xielu(x, alpha_p: float = 0.8, alpha_n: float = 0.8, beta: float = 0.5, eps: float = -1e-6):
    if x > 0:
        return mp.mpf(alpha_p) * x * x + mp.mpf(beta) * x
    return mp.mpf(alpha_n) * (mp.expm1(min(x, mp.mpf(eps))) - x) + mp.mpf(beta) * x


def exact_d_xielu(x, alpha_p: float = 0.8, alpha_n: float = 0.8, beta: float = 0.5, eps: float = -1e-6):
    if x > 0:
        return 2 * mp.mpf(alpha_p) * x + mp.mpf(beta)
    if x <= eps:
        return mp.mpf(alpha_n) * mp.expm1(x) + mp.mpf(beta)
    return mp.mpf(beta) - mp.mpf(alpha_n)


def exact_celu(x, alpha: float = 1.0):
    # max(0, x) + min(0, α(e^(x/α) - 1)): for any α ≠ 0 the second term is active for x <= 0 only.
    return x if x > 0 else mp.mpf(alpha) * mp.expm1(x / mp.mpf(alpha))


def exact_d_celu(x, alpha: float = 1.0):
    return mp.mpf(1) if x > 0 else mp.exp(x / mp.mpf(alpha))


ELU = Activation(
    name="elu",
    kinks=lambda alpha=1.0: (0.0,),
    mathtext=r"h(x) = x \ (x > 0), \ \ \alpha (e^{x} - 1) \ (x \leq 0)",
    measured_ulp=(1.38, 1.49),
    summary="The exponential linear unit: smooth saturation to -alpha for negative inputs.",
    function=elu,
    derivative=d_elu,
    exact=exact_elu,
    exact_derivative=exact_d_elu,
    latex=r"h(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
    plain="h(x) = x if x > 0 else alpha * (exp(x) - 1)",
    derivative_plain="1 if x > 0 else alpha * exp(x)",
    output_range=(-1.0, math.inf),
    range_text="(-alpha, inf) for alpha >= 0; [0, inf) for alpha < 0",
    properties=P(True, False, False, "max(1, alpha)"),
    use=(HIDDEN,),
    parameters=(_ALPHA_ELU,),
    names={
        "torch": "elu",
        "torch_module": "ELU",
        "jax": "elu",
        "keras": "elu",
        "tf": "elu (no alpha)",
        "onnx": "Elu",
    },
    source="Clevert, Unterthiner & Hochreiter 2015, 'Fast and Accurate Deep Network Learning by Exponential "
    "Linear Units (ELUs)', arXiv:1511.07289",
    kink_default="left",
)

SELU = Activation(
    name="selu",
    kinks=lambda **params: (0.0,),
    kink_default="left",
    kink_rule={"tf": "right", "keras2": "right"},
    mathtext=r"h(x) = \lambda x \ (x > 0), \ \ \lambda\alpha (e^{x} - 1) \ (x \leq 0)",
    measured_ulp=(1.42, 1.43),
    summary="The scaled ELU, self-normalising with fixed constants.",
    function=selu,
    derivative=d_selu,
    exact=exact_selu,
    exact_derivative=exact_d_selu,
    latex=r"h(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
    plain="h(x) = scale * (x if x > 0 else alpha * (exp(x) - 1)), "
    "alpha = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946",
    derivative_plain="scale if x > 0 else scale * alpha * exp(x)",
    output_range=(-1.7580993408473766, math.inf),
    range_text="(-1.7581, inf)",
    properties=P(True, False, False, "scale * alpha = 1.7581 at x = 0-"),
    use=(HIDDEN + " (self-normalising networks)",),
    parameters=(
        # shown truncated (titles): the formula and the conventions give the 32 digits
        Param("alpha", _SELU_ALPHA, "the negative saturation's scale", shown="1.6732632…"),
        Param("scale", _SELU_SCALE_DOUBLE, "the overall scale lambda", shown="1.0507010…"),
    ),
    conventions="torch, jax, keras and TensorFlow use the same constants (torch has no parameters for them); "
    "ONNX's Selu has them as float32 attributes alpha = 1.67326319217681884765625 and gamma = "
    "1.05070102214813232421875 (--compat onnx). The derivative at 0: scale * alpha (the left side) in torch "
    "and jax, scale (the right side) in TensorFlow's SeluGrad.",
    compat={"onnx": _ONNX_SELU},
    names={
        "torch": "selu",
        "torch_module": "SELU",
        "jax": "selu",
        "keras": "selu",
        "tf": "selu",
        "onnx": "Selu",
    },
    source="Klambauer, Unterthiner, Mayr & Hochreiter 2017, 'Self-Normalizing Neural Networks', arXiv:1706.02515",
)

CELU = Activation(
    name="celu",
    kinks=lambda alpha=1.0: (0.0,),
    measured_ulp=(1.79, 1.08),
    summary="The continuously differentiable ELU.",
    function=celu,
    derivative=d_celu,
    exact=exact_celu,
    exact_derivative=exact_d_celu,
    latex=r"h(x) = \max(0, x) + \min\left(0, \alpha (e^{x/\alpha} - 1)\right)",
    plain="h(x) = max(0, x) + min(0, alpha * (exp(x / alpha) - 1))",
    derivative_plain="1 if x > 0 else exp(x / alpha)",
    output_range=(-1.0, math.inf),
    range_text="(-alpha, inf) for alpha > 0; (-inf, inf) for alpha < 0",
    properties=P(True, False, True, "1"),
    use=(HIDDEN,),
    parameters=(replace(_ALPHA_ELU, domain=NONZERO),),
    names={"torch": "celu", "torch_module": "CELU", "jax": "celu", "keras": "celu", "onnx": "Celu"},
    source="Barron 2017, 'Continuously Differentiable Exponential Linear Units', arXiv:1704.07483",
)

ISRLU = Activation(
    name="isrlu",
    measured_ulp=(0.5, 1.49),
    kinks=lambda alpha=1.0: (0.0,),
    mathtext=r"h(x) = x \ (x \geq 0), \ \ \frac{x}{\sqrt{1 + \alpha x^2}} \ (x < 0)",
    summary="The inverse square root linear unit: x for x >= 0, x / sqrt(1 + alpha x^2) below.",
    function=isrlu,
    derivative=d_isrlu,
    exact=exact_isrlu,
    exact_derivative=exact_d_isrlu,
    latex=r"h(x) = \begin{cases} x & x \ge 0 \\ \frac{x}{\sqrt{1 + \alpha x^2}} & x < 0 \end{cases}",
    plain="h(x) = x if x >= 0 else x / sqrt(1 + alpha * x^2)",
    derivative_plain="1 if x >= 0 else (1 + alpha * x^2)^(-3/2)",
    output_range=(-1.0, math.inf),
    range_text="(-1/sqrt(alpha), inf)",
    properties=P(True, False, True, "1"),
    use=(HIDDEN + " (an ELU without exp)",),
    parameters=(Param("alpha", 1.0, "sharpness; the saturation is -1/sqrt(alpha)", domain=POSITIVE),),
    conventions="continuous with its first two derivatives at 0.",
    source="Carlile, Delamarter, Kinney, Marti & Whitney 2017, 'Improving Deep Learning by Inverse Square Root "
    "Linear Units (ISRLUs)', arXiv:1710.09967",
)

XIELU = Activation(
    name="xielu",
    measured_ulp=(1.92, 1.47),
    kinks=lambda alpha_p=0.8, alpha_n=0.8, beta=0.5, eps=-1e-6: (eps, 0.0) if eps < 0 else (0.0,),
    kink_default="left",
    mathtext=r"h(x) = \alpha_p x^2 + \beta x \ (x > 0), \ \ \alpha_n (e^{\min(x, \epsilon)} - 1 - x) + \beta x",
    summary="xIELU as initialised (HF's xielu): alpha_p x^2 + beta x above 0, an ELU-like integral below.",
    function=xielu,
    derivative=d_xielu,
    exact=exact_xielu,
    exact_derivative=exact_d_xielu,
    latex=r"h(x) = \begin{cases} \alpha_p x^2 + \beta x & x > 0 \\ "
    r"\alpha_n (\mathrm{expm1}(\min(x, \epsilon)) - x) + \beta x & x \le 0 \end{cases}",
    plain="h(x) = alpha_p x^2 + beta x if x > 0 else alpha_n (expm1(min(x, eps)) - x) + beta x",
    derivative_plain="2 alpha_p x + beta if x > 0; alpha_n expm1(x) + beta if x <= eps; beta - alpha_n between",
    output_range=(-math.inf, math.inf),
    range_text="(-inf, inf)",
    properties=P(False, False, False, "unbounded (2 alpha_p x + beta)"),
    use=(HIDDEN + " (LLMs: Apertus)",),
    parameters=(
        Param("alpha_p", 0.8, "the positive side's curvature (learned; softplus of a parameter)"),
        Param("alpha_n", 0.8, "the negative side's scale (learned; beta + softplus of a parameter)"),
        Param("beta", 0.5, "the linear term"),
        Param("eps", -1e-6, "where expm1's argument stops", domain=NONPOSITIVE),
    ),
    conventions="Hugging Face's XIELUActivation at initialisation (alpha_p_init 0.8, alpha_n_init 0.8, beta 0.5, "
    "eps -1e-6, which it stores in bfloat16; the exact function of these decimals' doubles is what is rounded). "
    "It jumps by alpha_n expm1(eps) (-8e-7) at 0, and its derivative jumps at eps and at 0.",
    names={"hf": "xielu"},
    source="Huang & Schlag 2024, 'Deriving Activation Functions Using Integration', arXiv:2411.13010; Hugging "
    "Face's XIELUActivation",
)

RECORDS = (
    ELU,
    SELU,
    CELU,
    ISRLU,
    XIELU,
)
