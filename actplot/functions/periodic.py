"""Periodic activations: the sine, the (unnormalised) sinc and snake, x + sin²(ax)/a."""

from __future__ import annotations

import math

import numpy as np

from actplot._exact import DD, dd_div, dd_sin_cos, sin_cos_of_product, two_prod
from actplot.functions._base import HIDDEN, NONZERO, Activation, P, Param, mp

FAMILY = "periodic"


def sinusoid(x: np.ndarray) -> np.ndarray:
    r"""The sine as an activation (SIREN).

    .. math:: h(x) = \sin x
    """
    return np.sin(np.where(np.isinf(x), np.nan, x))


def d_sinusoid(x: np.ndarray) -> np.ndarray:
    return np.cos(np.where(np.isinf(x), np.nan, x))


def exact_sinusoid(x):
    return mp.sin(x)


def exact_d_sinusoid(x):
    return mp.cos(x)


_SINC_SERIES_BELOW = 1.0
_DEEP_PRECISION = 320  # bits, for sinc' at the doubles next to its zeros
# sinc'(x) = sum_{n>=1} (-1)^n 2n x^{2n-1} / (2n+1)!: enough terms for |x| < 1
_SINC_DERIVATIVE_COEFFICIENTS = tuple((-1) ** n * 2 * n / math.factorial(2 * n + 1) for n in range(1, 12))


def sinc(x: np.ndarray) -> np.ndarray:
    r"""The unnormalised sinc, :math:`\sin x / x` with 1 at 0 (the activation tables' sinc, not
    numpy's and every framework's :math:`\sin(\pi x)/(\pi x)`).

    .. math:: h(x) = \begin{cases} \frac{\sin x}{x} & x \ne 0 \\ 1 & x = 0 \end{cases}
    """
    finite = np.isfinite(x) & (x != 0)
    xs = np.where(finite, x, 1.0)
    return np.where(finite, np.sin(xs) / xs, np.where(np.isnan(x), np.nan, np.where(x == 0, 1.0, 0.0)))


def d_sinc(x: np.ndarray) -> np.ndarray:
    r""":math:`h'(x) = (x\cos x - \sin x)/x^2`: a series near 0, and in double-double where the two terms
    cancel (next to its zeros, where tan x = x)."""
    a = np.abs(x)
    small = np.minimum(a, _SINC_SERIES_BELOW)
    square = small * small
    series = np.zeros_like(small)
    for c in reversed(_SINC_DERIVATIVE_COEFFICIENTS):
        series = series * square + c
    near = small * series
    finite = np.isfinite(x) & (a >= _SINC_SERIES_BELOW)
    xs = np.where(finite, a, 1.0)
    cosine, sine = xs * np.cos(xs), np.sin(xs)
    far = (cosine - sine) / xs / xs
    cancels = finite & (np.abs(cosine - sine) < (np.abs(cosine) + np.abs(sine)) / 4)
    if np.any(cancels):
        xc = xs[cancels]
        s, c = dd_sin_cos(xc, np.zeros_like(xc))
        numerator = xc * c - s
        far[cancels] = (numerator / xc / xc).value
        # Within a few ulp of a zero even double-double (2**-100 of x) leaves too few digits: those
        # rare inputs in mpmath, at a precision that the closest double to a zero cannot exhaust.
        deep = np.flatnonzero(np.abs(numerator.hi) < 2.0**-45 * xc)
        if deep.size:
            with mp.workprec(_DEEP_PRECISION):
                far[np.flatnonzero(cancels)[deep]] = [float(exact_d_sinc(mp.mpf(float(v)))) for v in xc[deep]]
    odd = np.where(a < _SINC_SERIES_BELOW, near, np.where(finite, far, 0.0))  # sinc'(|x|)
    return np.where(np.isnan(x), np.nan, np.where(x < 0, -odd, odd))


def exact_sinc(x):
    return mp.sin(x) / x if x != 0 else mp.mpf(1)


def exact_d_sinc(x):
    if x == 0:
        return mp.mpf(0)
    # x cos x - sin x cancels to -x³/3 near 0: three times the bits x is below 1, for the difference
    with mp.extraprec(3 * max(0, -int(mp.floor(mp.log(abs(x), 2))))):
        return +((x * mp.cos(x) - mp.sin(x)) / (x * x))


def snake(x: np.ndarray, frequency: float = 1.0) -> np.ndarray:
    r"""Snake: the identity plus a periodic ripple, :math:`x + \sin^2(a x)/a` (monotone).

    .. math:: h(x) = x + \frac{\sin^2(a x)}{a}
    """
    xc = np.where(np.isinf(x), 0.0, x)
    s, _ = sin_cos_of_product(frequency, xc)
    ripple = DD(*two_prod(s, s)) / np.float64(frequency)
    y = (ripple + xc).value
    # Where x and the ripple have opposite signs (-3.2 < a x < 0) they cancel: the sine in double-double.
    cancels = (np.sign(frequency) * xc < 0) & (np.abs(xc) < 3.2 / abs(frequency))
    if np.any(cancels):
        xn = xc[cancels]
        sine, _ = dd_sin_cos(*two_prod(np.full_like(xn, frequency), xn))
        y[cancels] = (sine * sine / np.float64(frequency) + xn).value
    return np.where(np.isinf(x), x, y)


def d_snake(x: np.ndarray, frequency: float = 1.0) -> np.ndarray:
    r""":math:`h'(x) = 1 + \sin(2ax)`, formed as :math:`\cos^2(2ax)/(1 - \sin 2ax)` where the sine is
    negative, so that it stays relatively exact next to its zeros."""
    s, c = sin_cos_of_product(frequency, np.where(np.isfinite(x), x, 0.0), scale=2)
    square = two_prod(c, c)
    one_minus = DD(np.ones_like(s)) - DD(np.minimum(s, 0.0))
    slope = np.where(s >= 0, 1.0 + s, dd_div(*square, one_minus.hi, one_minus.lo))
    return np.where(np.isfinite(x), slope, np.nan)  # 1 + sin(±inf) has no limit


def exact_snake(x, frequency: float = 1.0):
    a = mp.mpf(frequency)
    return x + mp.sin(a * x) ** 2 / a


def exact_d_snake(x, frequency: float = 1.0):
    return 1 + mp.sin(2 * mp.mpf(frequency) * x)


SINUSOID = Activation(
    name="sinusoid",
    measured_ulp=(0.52, 0.51),
    summary="The sine as an activation (SIREN): periodic, for coordinates and signals.",
    function=sinusoid,
    derivative=d_sinusoid,
    exact=exact_sinusoid,
    exact_derivative=exact_d_sinusoid,
    latex=r"h(x) = \sin x",
    plain="h(x) = sin(x)",
    derivative_plain="cos(x)",
    output_range=(-1.0, 1.0),
    range_text="[-1, 1]",
    properties=P(False, True, True, "1 at x = 0"),
    use=("implicit neural representations (SIREN)",),
    aliases=("sin", "sine"),
    names={
        "torch": "(torch.sin)",
        "jax": "(jnp.sin)",
        "keras": "(keras.ops.sin)",
        "tf": "sin (tf.math)",
        "onnx": "Sin",
    },
    conventions="sin(+-inf) is NaN (no limit).",
    source="Sitzmann et al. 2020, 'Implicit Neural Representations with Periodic Activation Functions' (SIREN), "
    "arXiv:2006.09661; the activation tables of the surveys",
)

SINC = Activation(
    name="sinc",
    measured_ulp=(1.37, 2.82),
    summary="The unnormalised sinc, sin(x)/x with 1 at 0 (not numpy's sin(pi x)/(pi x)).",
    function=sinc,
    derivative=d_sinc,
    exact=exact_sinc,
    exact_derivative=exact_d_sinc,
    latex=r"h(x) = \frac{\sin x}{x}, \ h(0) = 1",
    mathtext=r"h(x) = \frac{\sin x}{x}",
    plain="h(x) = sin(x) / x, 1 at x = 0",
    derivative_plain="cos(x)/x - sin(x)/x^2, 0 at x = 0",
    output_range=(-0.21723362821122166, 1.0),
    range_text="[-0.217, 1]",
    properties=P(False, False, True, "0.4362 at x = +-2.0816"),
    use=("signal models", "the activation tables of the surveys"),
    conventions="every framework's sinc is the normalised sin(pi x)/(pi x): torch.sinc, jnp.sinc, numpy.sinc, "
    "keras.ops.sinc; this is sin(x)/x, the activation tables' sinc. sinc(+-inf) = 0, the limit.",
    names={
        "torch": "(torch.sinc is sin(pi x)/(pi x))",
        "jax": "(jnp.sinc is sin(pi x)/(pi x))",
        "keras": "(keras.ops.sinc is sin(pi x)/(pi x))",
    },
    source="the activation tables of the surveys (Wikipedia's 'Activation function')",
    accuracy_note="the derivative vanishes wherever tan x = x (x = +-4.4934, +-7.7253, ...): next to those zeros "
    "it is accurate to 4 ulp of its larger term cos(x)/x (absolute), as no double arithmetic can be relative to "
    "a vanishing result",
)

SNAKE = Activation(
    name="snake",
    measured_ulp=(1.17, 3.3),
    summary="Snake, x + sin^2(a x)/a: the identity with a periodic ripple, monotone.",
    function=snake,
    derivative=d_snake,
    exact=exact_snake,
    exact_derivative=exact_d_snake,
    latex=r"h(x) = x + \frac{\sin^2(a x)}{a}",
    plain="h(x) = x + sin(a x)^2 / a",
    derivative_plain="1 + sin(2 a x)",
    output_range=(-math.inf, math.inf),
    range_text="(-inf, inf)",
    properties=P(True, False, True, "2 at a x = pi/4 + k pi"),
    use=(HIDDEN + " (periodic data: time series, audio)",),
    parameters=(Param("frequency", 1.0, "a, the ripple's frequency (learned in the paper)", domain=NONZERO),),
    conventions="snake(+-inf) = +-inf.",
    source="Liu Ziyin, Hartwig & Ueda 2020, 'Neural Networks Fail to Learn Periodic Functions and How to Fix It', "
    "arXiv:2006.08195",
)

RECORDS = (
    SINUSOID,
    SINC,
    SNAKE,
)
