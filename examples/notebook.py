"""actplot in a notebook: actplot.plot and actplot.sheet return matplotlib Figures, which Jupyter
shows inline. They are drawn by the same code as the command line; outside a notebook savefig
writes them, the same bytes on every run."""

from pathlib import Path

import actplot

HERE = Path(__file__).resolve().parent
(HERE / "images").mkdir(exist_ok=True)

# The vanishing gradient: each function with its derivative (dashed), one with its own parameter.
fig = actplot.plot(["sigmoid", "tanh", ("leaky_relu", {"alpha": 0.1})], range=(-5, 5), derivative=True)
fig.savefig(HERE / "images/notebook.png")

# One family of the cheat sheet, as one figure.
fig = actplot.sheet(family="relu")
print("panels:", ", ".join(ax.texts[-1].get_text().replace("\n", " ") for ax in fig.axes))
