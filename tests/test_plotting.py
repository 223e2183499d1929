import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from nnhelpers import plotting


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_show_digits_titles_each_image_with_its_label():
    dataset = [(torch.full((1, 28, 28), i / 10), i) for i in range(7)]
    plotting.show_digits(dataset, n=5)
    axes = plt.gcf().axes
    assert [ax.get_title() for ax in axes] == [f"label: {i}" for i in range(5)]
    assert axes[3].images[0].get_array().shape == (28, 28)


def test_plot_history_splits_losses_and_accuracies():
    history = {
        "train_loss": [1.0, 0.5, 0.3],
        "val_loss": [1.1, 0.6, 0.4],
        "val_acc": [0.5, 0.8, 0.9],
    }
    plotting.plot_history(history, title="run")
    ax_loss, ax_acc = plt.gcf().axes
    assert [line.get_label() for line in ax_loss.lines] == ["train_loss", "val_loss"]
    assert [line.get_label() for line in ax_acc.lines] == ["val_acc"]
    assert list(ax_acc.lines[0].get_xdata()) == [1, 2, 3]
    assert plt.gcf()._suptitle.get_text() == "run"


def test_plotly_history_puts_traces_in_the_right_panels():
    fig = plotting.plotly_history({"train_loss": [2, 1], "val_acc": [0.3, 0.6]}, title="t")
    loss, acc = fig.data
    assert (loss.name, loss.xaxis, list(loss.y)) == ("train_loss", "x", [2, 1])
    assert (acc.name, acc.xaxis, list(acc.x)) == ("val_acc", "x2", [1, 2])
    assert fig.layout.title.text == "t"


def test_confusion_matrix_shows_counts_fractions_and_names():
    matrix = np.array([[8, 2, 0], [1, 9, 0], [0, 0, 0]])
    plotting.plot_confusion_matrix(matrix, ["ATTM", "CTRW", "FBM"])
    ax = plt.gcf().axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert texts[0] == "8\n80%" and texts[1] == "2\n20%" and texts[-1] == "0\n0%"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["ATTM", "CTRW", "FBM"]
    assert ax.get_ylabel() == "true" and ax.get_xlabel() == "predicted"
