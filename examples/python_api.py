"""actplot as a library: numpy arrays in, numpy arrays out, and a record per function."""

import numpy as np

import actplot

x = np.linspace(-5, 5, 11)
print("sigmoid:", actplot.sigmoid(x).round(4))
print("softmax of the article's [1, 2, 3]:", actplot.softmax([1.0, 2.0, 3.0]))
print("a batch, row by row:", actplot.softmax([[1.0, 2.0, 3.0], [1000.0, 1001.0, 1002.0]], axis=-1))

gelu = actplot.get("gelu")
print(gelu.name, "=", gelu.plain)
print("defaults:", gelu.params, "| under JAX:", gelu.defaults("jax"))
print("gelu'(0) =", float(gelu.derivative(0.0)))
print("all functions:", ", ".join(actplot.names()))
