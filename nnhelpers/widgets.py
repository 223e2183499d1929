"""The learning-rate explorer of notebook 03: a log-scale slider, a Train button and every
loss curve so far.

The notebook keeps the training code in sight and hands it over::

    def train_briefly(lr: float) -> list[float]:
        ...  # train a fresh model for a little while; return the loss after each step

    lr_explorer(train_briefly)

Each click on *Train* calls ``train_briefly`` with the slider's learning rate and redraws
all curves so far on one plot, so too small, good and too large learning rates can be
compared side by side. The y-axis stops at ``y_max`` so that one exploding run does not
flatten the others: a curve that leaves the plot says so in its label, and one whose loss
became ``inf`` or ``nan`` is drawn up to its last finite value, marked and labelled
"diverged".

Only widgets that behave the same in ipywidgets 7 (Colab) and 8 are used: FloatLogSlider,
Button, Label, Image, Output, HBox and VBox. The plot is a PNG in an ``Image`` widget, made
without pyplot, so it never shows up twice and needs no notebook-specific backend.
"""

import io
import math
import time
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

TrainFunction = Callable[[float], Sequence[float]]
"""Trains briefly at a learning rate and returns the loss after each step."""


def run_note(losses: Sequence[float], y_max: float) -> str:
    """What went wrong in a run, for its label: divergence, a loss off the plot, or ``""``."""
    values = np.asarray(losses, dtype=float)
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        return f"diverged (loss became {values[bad[0]]} at step {bad[0] + 1})"
    if values.size and values.max() > y_max:
        return f"loss up to {values.max():.3g} (clipped at {y_max:g})"
    return ""


def curve_label(lr: float, losses: Sequence[float], y_max: float) -> str:
    """The legend entry of one run: its learning rate and what went wrong, if anything."""
    note = run_note(losses, y_max)
    return f"lr = {lr:.3g}: {note}" if note else f"lr = {lr:.3g}"


def draw_loss_curves(ax: Axes, runs: Mapping[float, Sequence[float]], y_max: float = 5.0) -> None:
    """Draw the loss per training step of every run (learning rate -> losses) on ``ax``.

    Losses above ``y_max`` leave the plot (the label gives the peak); a run whose loss
    became inf or nan is drawn up to that point and marked with an ``x`` at the top.
    """
    for lr, losses in runs.items():
        values = np.asarray(losses, dtype=float)
        steps = np.arange(1, values.size + 1)
        finite = np.isfinite(values)
        label = curve_label(lr, values, y_max)
        (line,) = ax.plot(steps, np.where(finite, values, np.nan), label=label)
        if not finite.all():
            first_bad = int(np.flatnonzero(~finite)[0])
            ax.plot(steps[first_bad], y_max, "x", color=line.get_color(), ms=10, clip_on=False)
    ax.set_ylim(0, y_max)
    ax.set_xlabel("training step (one batch)")
    ax.set_ylabel("training loss")
    ax.grid(alpha=0.3)
    if runs:
        ax.legend(loc="upper right")


def figure_png(runs: Mapping[float, Sequence[float]], y_max: float) -> bytes:
    """The runs' loss curves as a PNG image (drawn without pyplot)."""
    figure = Figure(figsize=(7.5, 4), dpi=100, layout="tight")
    ax = figure.subplots()
    draw_loss_curves(ax, runs, y_max)
    if not runs:
        ax.text(
            0.5,
            0.5,
            "Pick a learning rate and click Train",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


class LrExplorer(widgets.VBox):
    """Slider, Train and Clear buttons, a status line and the plot of all runs so far.

    Attributes a test (or a curious student) can use: ``slider``, ``train_button``,
    ``clear_button``, ``status``, ``plot`` (an ``Image`` widget), ``errors`` (an
    ``Output`` widget that shows a traceback if training fails) and ``runs`` (learning
    rate -> losses; training at a learning rate again replaces its run).
    """

    def __init__(
        self,
        train: TrainFunction,
        lr: float = 0.1,
        lr_range: tuple[float, float] = (1e-4, 100.0),
        y_max: float = 5.0,
    ):
        self.train = train
        self.y_max = y_max
        self.runs: dict[float, list[float]] = {}
        self.slider = widgets.FloatLogSlider(
            value=lr,
            base=10,
            min=math.log10(lr_range[0]),
            max=math.log10(lr_range[1]),
            step=0.1,
            description="learning rate",
            readout_format=".3g",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.train_button = widgets.Button(description="Train", button_style="primary", icon="play")
        self.clear_button = widgets.Button(description="Clear", icon="trash")
        self.status = widgets.Label("Each click trains a fresh model at the chosen learning rate.")
        self.plot = widgets.Image(value=figure_png(self.runs, y_max), format="png")
        self.errors = widgets.Output()
        self.train_button.on_click(self.on_train)
        self.clear_button.on_click(self.on_clear)
        controls = widgets.HBox([self.slider, self.train_button, self.clear_button])
        super().__init__([controls, self.status, self.plot, self.errors])

    def __repr__(self) -> str:
        """The text shown where the widget cannot be drawn: in a saved notebook before its
        cell runs again, or on GitHub."""
        return "Learning-rate explorer: run this cell to use it."

    def on_train(self, _button: widgets.Button | None = None) -> None:
        """Train at the slider's learning rate, then redraw all runs (the Train button's job)."""
        lr = float(self.slider.value)
        self.train_button.disabled = True
        self.status.value = f"Training at lr = {lr:.3g} ..."
        self.errors.clear_output()
        done = ""
        try:
            with self.errors:  # in a notebook, an error raised by `train` is shown here
                done = self.train_and_draw(lr)
        finally:
            self.train_button.disabled = False
            self.status.value = done or f"Training at lr = {lr:.3g} failed: the error is below."

    def train_and_draw(self, lr: float) -> str:
        """Train once at ``lr``, add the run to the plot and return a status line."""
        start = time.perf_counter()
        losses = [float(loss) for loss in self.train(lr)]
        seconds = time.perf_counter() - start
        self.runs[lr] = losses
        self.plot.value = figure_png(self.runs, self.y_max)
        last = f", last loss {losses[-1]:.3g}" if losses else ", no losses returned"
        note = run_note(losses, self.y_max)
        summary = f"lr = {lr:.3g}: {len(losses)} steps in {seconds:.1f} s{last}"
        return f"{summary}; {note}" if note else summary

    def on_clear(self, _button: widgets.Button | None = None) -> None:
        """Forget every run and show an empty plot (the Clear button's job)."""
        self.runs.clear()
        self.errors.clear_output()
        self.plot.value = figure_png(self.runs, self.y_max)
        self.status.value = "Cleared."


def lr_explorer(
    train: TrainFunction,
    lr: float = 0.1,
    lr_range: tuple[float, float] = (1e-4, 100.0),
    y_max: float = 5.0,
) -> LrExplorer:
    """The learning-rate explorer for ``train(lr) -> losses``; show it as a cell's last line.

    ``lr`` is where the slider starts, ``lr_range`` its ends (log scale), and ``y_max``
    where the plot's loss axis stops.
    """
    return LrExplorer(train, lr=lr, lr_range=lr_range, y_max=y_max)
