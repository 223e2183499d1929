"""Pictures the notebooks show: example digits and predictions (notebook 02), training
curves (02, 03 and 05), confusion matrices (05)."""

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots


def show_digits(dataset: Sequence, n: int = 5) -> None:
    """Show the first ``n`` images of an (image, label) dataset with their labels."""
    fig, axes = plt.subplots(1, n, figsize=(2 * n, 2.3))
    for ax, (image, label) in zip(axes, (dataset[i] for i in range(n))):
        ax.imshow(np.asarray(image).squeeze(), cmap="gray_r")
        ax.set_title(f"label: {label}")
        ax.axis("off")
    plt.show()


def show_predictions(
    images: Sequence, labels: Sequence, predicted: Sequence, title: str = ""
) -> None:
    """Show images with the digit the network read as their title; where it is wrong, the
    title (in red) also gives the true label. Used in notebook 02."""
    n = len(images)
    fig, axes = plt.subplots(1, n, figsize=(1.6 * n, 2.6), squeeze=False, layout="constrained")
    for ax, image, label, guess in zip(axes[0], images, labels, predicted):
        ax.imshow(np.asarray(image).squeeze(), cmap="gray_r")
        right = int(guess) == int(label)
        ax.set_title(
            f"read: {int(guess)}" if right else f"read: {int(guess)}\ntrue: {int(label)}",
            color="black" if right else "crimson",
        )
        ax.axis("off")
    fig.suptitle(title)
    plt.show()


def plot_history(history: Mapping[str, Sequence[float]], title: str = "") -> None:
    """Plot losses (left) and accuracies (right) per epoch with matplotlib.

    ``history`` maps curve names to one value per epoch; names containing ``acc`` go to
    the right-hand panel, all others to the left.
    """
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(11, 3.8))
    for name, values in history.items():
        ax = ax_acc if "acc" in name else ax_loss
        ax.plot(range(1, len(values) + 1), values, label=name)
    for ax, ylabel in ((ax_loss, "loss"), (ax_acc, "accuracy")):
        ax.set_xlabel("epoch")
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
        if ax.lines:
            ax.legend()
    fig.suptitle(title)
    plt.show()


def plotly_history(history: Mapping[str, Sequence[float]], title: str = "") -> go.Figure:
    """The same as ``plot_history`` as an interactive plotly figure (hover, zoom)."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=("loss", "accuracy"))
    for name, values in history.items():
        col = 2 if "acc" in name else 1
        fig.add_trace(
            go.Scatter(x=list(range(1, len(values) + 1)), y=list(values), name=name), 1, col
        )
    fig.update_xaxes(title_text="epoch")
    fig.update_layout(title=title, height=380, hovermode="x unified")
    return fig


def plot_confusion_matrix(matrix: np.ndarray, class_names: Sequence[str], title: str = "") -> None:
    """Show a confusion matrix (rows: true class, columns: predicted) with counts and
    each row's fraction."""
    matrix = np.asarray(matrix)
    fractions = matrix / matrix.sum(axis=1, keepdims=True).clip(min=1)
    fig, ax = plt.subplots(figsize=(4.6, 4))
    ax.imshow(fractions, cmap="Blues", vmin=0, vmax=1)
    for i in range(len(class_names)):
        for j in range(len(class_names)):
            color = "white" if fractions[i, j] > 0.5 else "black"
            ax.text(
                j,
                i,
                f"{matrix[i, j]}\n{fractions[i, j]:.0%}",
                ha="center",
                va="center",
                color=color,
            )
    ticks = range(len(class_names))
    ax.set_xticks(ticks, class_names)
    ax.set_yticks(ticks, class_names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title)
    plt.show()
