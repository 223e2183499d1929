"""nnhelpers.checks.training: histories, training loops watched step by step, accuracies."""

import numpy as np
import pytest
import torch
from train_variants import make_train

from nnhelpers.checks import training
from nnhelpers.checks.verdict import NotYet


def verdict(train) -> str:
    try:
        training.judge_train(train, "train(...)")
    except NotYet as hint:
        return str(hint)
    return "ok"


@pytest.mark.parametrize(
    "options",
    [{}, {"zero_grad": "after"}, {"extra_key": True}, {"divide": "batches"}],
    ids=["the course's", "zero_grad after step", "an extra key", "mean of batch means"],
)
def test_right_training_loops_pass(options):
    assert verdict(make_train(**options)) == "ok"


@pytest.mark.parametrize(
    "options, hint",
    [
        ({"zero_grad": "never"}, "held the sum of all the batches so far"),
        ({"backward": False}, "the parameters had no gradients: loss.backward() must come before"),
        ({"step_first": True}, "the parameters had no gradients"),
        ({"zero_grad": "between"}, "optimizer.zero_grad() before loss.backward(), not between"),
        ({"swap_val": True}, "val_loss holds the accuracy and val_acc the loss"),
        ({"softmax": True}, "the loss got the model's outputs after a softmax"),
        ({"reduction": "sum"}, "the loss is a sum over the batch"),
        ({"item": False}, "still carries its graph"),
        ({"train_mode": False}, "call model.train() at the start of every epoch"),
        ({"validate_on": "train"}, "the validation numbers are those of the training set"),
        ({"divide": "one"}, "train_loss is a sum over the epoch"),
        ({"own_optimizer": True}, "never called optimizer.step() on the optimizer it was given"),
        ({"steps_per_batch": 2}, "once per batch, 12 in all"),
        ({"epochs": 2}, "train ran 2 epochs when asked for 3"),
        ({"backward_twice": True}, "backward() ran twice per batch"),
        ({"global_loader": True}, "use its train_loader and val_loader arguments"),
    ],
)
def test_what_a_training_loop_does_wrong_is_named(options, hint):
    assert hint in verdict(make_train(**options))


def test_a_training_loop_that_raises_is_named():
    def train(model, optimizer, train_loader, val_loader, n_epochs):
        raise ValueError("oops")

    assert verdict(train) == "train(...) raised ValueError: oops"


@pytest.mark.parametrize(
    "history, hint",
    [
        (None, "is None: return the history dict"),
        ([1, 2], "is a list of 2 items: it should be the dict"),
        ({"train_loss": [1, 2], "val_loss": [1, 2]}, "has no 'val_acc'"),
        ({"train_loss": [1], "val_loss": [1, 2], "val_acc": [0.1, 0.2]}, "holds 1 values for 2"),
        ({"train_loss": [1, "2"], "val_loss": [1, 2], "val_acc": [0.1, 0.2]}, "a str ('2')"),
        ({"train_loss": [1, 2], "val_loss": [1, 2], "val_acc": [10, 20]}, "not percents"),
    ],
)
def test_history_mistakes_are_named(history, hint):
    with pytest.raises(NotYet) as caught:
        training.judge_history(history, 2, "h")
    assert hint in str(caught.value)


def test_a_history_may_hold_numbers_of_any_kind_and_more_keys():
    history = {
        "train_loss": (np.float32(1.0), torch.tensor(0.5)),
        "val_loss": np.array([1.0, 0.9]),
        "val_acc": [0, 1],
        "lr": [0.1, 0.1],
    }
    assert training.judge_history(history, 2, "h")["train_loss"] == [1.0, 0.5]


def test_a_training_loop_that_reads_the_optimizers_defaults_passes():
    def train(model, optimizer, train_loader, val_loader, n_epochs):
        assert optimizer.defaults["lr"] == 0.5 and isinstance(optimizer.state_dict(), dict)
        return make_train()(model, optimizer, train_loader, val_loader, n_epochs)

    assert verdict(train) == "ok"


def runs(*losses):
    return {
        name: {"train_loss": list(loss), "val_loss": [1.0, 1.0], "val_acc": [0.5, 0.5]}
        for name, loss in zip(("SGD", "Adagrad", "Adam"), losses)
    }


@pytest.mark.parametrize(
    "histories, hint",
    [
        (runs([1.0, 0.9], [1.2, 1.2], [1.0, 0.8]), "in h['Adagrad'] is the same in every epoch"),
        (runs([1.0, 0.9], [1.0, 0.8], [1.0, 0.8]), "h['Adam'] and h['Adagrad'] hold the very same"),
        (runs([1.0, 0.9], [1.0]), "h['Adagrad']['train_loss'] holds 1 values for 2 epochs"),
    ],
)
def test_runs_that_did_not_run_are_named(histories, hint):
    with pytest.raises(NotYet) as caught:
        training.judge_runs({f"h[{k!r}]": v for k, v in histories.items()}, 2)
    assert hint in str(caught.value)


@pytest.mark.parametrize("accuracy", [0.6, 0.5, torch.tensor(0.75), np.float64(1.0), 1])
def test_accuracy_at_or_above_the_target_passes(accuracy, printed):
    training.check_accuracy(accuracy, target=0.5)
    assert printed() == f"✅ test accuracy {float(accuracy):.3f} reaches the target 0.50."


@pytest.mark.parametrize(
    "accuracy, hint",
    [
        (0.433, "test accuracy 0.433 is below the target 0.50: train longer"),
        (60.1, "a fraction between 0 and 1"),
        (None, "the accuracy is None: it should be one number"),
        ([0.5, 0.6], "a list of 2 items: it should be one number"),
        ("0.97", "a str ('0.97')"),
        (True, "a yes or no"),
        (torch.tensor(0.9, requires_grad=True), "still carries its graph"),
    ],
)
def test_accuracy_below_the_target_or_not_a_number_is_named(accuracy, hint, assert_hint):
    training.check_accuracy(accuracy, target=0.5)
    assert_hint(hint)
