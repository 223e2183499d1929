import math
import types

import ipywidgets as widgets
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import display
from IPython.utils.capture import capture_output
from matplotlib.figure import Figure
from traitlets.config import Config

from nnhelpers.widgets import curve_label, draw_loss_curves, lr_explorer

PNG_HEADER = b"\x89PNG\r\n\x1a\n"


class FakeTraining:
    """Stands in for a notebook's ``train_briefly``: records each learning rate it gets."""

    def __init__(self, losses_for=lambda lr: [2.3, 1.5, 1.0]):
        self.losses_for = losses_for
        self.calls: list[float] = []

    def __call__(self, lr: float) -> list[float]:
        self.calls.append(lr)
        return self.losses_for(lr)


def test_slider_is_log_scale_over_the_given_range():
    explorer = lr_explorer(FakeTraining(), lr=0.1, lr_range=(1e-3, 10.0))
    assert isinstance(explorer.slider, widgets.FloatLogSlider)
    assert (explorer.slider.base, explorer.slider.min, explorer.slider.max) == (10, -3, 1)
    assert explorer.slider.value == pytest.approx(0.1)
    assert bytes(explorer.plot.value).startswith(PNG_HEADER)  # an empty plot before any click


def test_click_trains_at_the_slider_value_and_redraws():
    training = FakeTraining()
    explorer = lr_explorer(training)
    empty_plot = explorer.plot.value
    explorer.slider.value = 0.01
    explorer.train_button.click()
    assert training.calls == [pytest.approx(0.01)]
    assert list(explorer.runs.items()) == [(pytest.approx(0.01), [2.3, 1.5, 1.0])]
    assert bytes(explorer.plot.value).startswith(PNG_HEADER)
    assert bytes(explorer.plot.value) != bytes(empty_plot)
    assert explorer.status.value.startswith("lr = 0.01: 3 steps in ")
    assert explorer.status.value.endswith("last loss 1")
    assert not explorer.train_button.disabled


def test_clicks_overlay_curves_and_same_lr_replaces_its_run():
    training = FakeTraining(lambda lr: [2.3, 2.3 - lr])
    explorer = lr_explorer(training)
    for lr in (0.001, 0.1, 0.001):
        explorer.slider.value = lr
        explorer.train_button.click()
    assert len(training.calls) == 3
    assert list(explorer.runs) == [pytest.approx(0.001), pytest.approx(0.1)]


def test_button_is_disabled_while_training():
    explorer = None

    def check_disabled(lr):
        assert explorer.train_button.disabled
        return [1.0]

    explorer = lr_explorer(check_disabled)
    explorer.train_button.click()
    assert not explorer.train_button.disabled and explorer.runs


def test_diverging_run_does_not_crash_and_is_labelled():
    explorer = lr_explorer(FakeTraining(lambda lr: [2.3, 40.0, math.inf, math.nan]))
    explorer.slider.value = 10.0
    explorer.train_button.click()
    assert "diverged (loss became inf at step 3)" in explorer.status.value
    assert bytes(explorer.plot.value).startswith(PNG_HEADER)


def test_curve_labels_say_what_went_wrong():
    assert curve_label(0.1, [2.3, 0.4], y_max=5) == "lr = 0.1"
    assert curve_label(3.0, [2.3, 812.5, 2.3], y_max=5) == "lr = 3: loss up to 812 (clipped at 5)"
    assert (
        curve_label(50.0, [2.3, math.nan], y_max=5)
        == "lr = 50: diverged (loss became nan at step 2)"
    )


def test_draw_loss_curves_overlays_runs_and_marks_divergence():
    ax = Figure().subplots()
    draw_loss_curves(ax, {0.1: [2.3, 1.0], 100.0: [2.3, 1e6, math.nan]}, y_max=4)
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["lr = 0.1", "lr = 100: diverged (loss became nan at step 3)"]
    assert ax.get_ylim() == (0, 4)
    marker = ax.lines[-1]  # the x where the loss stopped being finite
    assert marker.get_marker() == "x" and list(marker.get_xdata()) == [3]


def test_clear_forgets_all_runs():
    explorer = lr_explorer(FakeTraining())
    empty_plot = explorer.plot.value
    explorer.train_button.click()
    explorer.clear_button.click()
    assert explorer.runs == {} and bytes(explorer.plot.value) == bytes(empty_plot)


def test_error_in_training_is_reported_and_button_comes_back(caplog):
    def broken(lr):
        raise ValueError("shapes do not match")

    explorer = lr_explorer(broken)
    explorer.train_button.click()  # in a notebook the traceback shows up in `explorer.errors`
    assert not explorer.train_button.disabled
    assert explorer.status.value == "Training at lr = 0.1 failed: the error is below."
    assert explorer.runs == {}
    assert "shapes do not match" in caplog.text


@pytest.fixture
def saved_output(tmp_path):
    """Displays an object as a notebook does and returns the output a notebook would save
    (mime type -> data). ipywidgets 8 builds that output in ``_repr_mimebundle_``, while
    ipywidgets 7 (Colab's) widgets publish it themselves, so this goes through IPython."""
    config = Config()
    config.HistoryManager.enabled = False
    InteractiveShell.instance(
        config=config, ipython_dir=str(tmp_path), user_module=types.ModuleType("notebook")
    )

    def saved(obj) -> dict:
        with capture_output() as captured:
            display(obj)
        (output,) = captured.outputs
        return output.data

    yield saved
    InteractiveShell.clear_instance()


def test_saved_notebook_text_says_how_to_use_it(saved_output):
    explorer = lr_explorer(lambda lr: [1.0])
    assert (
        saved_output(explorer)["text/plain"] == "Learning-rate explorer: run this cell to use it."
    )
