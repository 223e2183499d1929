"""The checks of notebook 03, deep learning à la torch: pass and fail paths."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from nnhelpers.checks import mlp_a_la_torch

# --- 03: count_parameters ------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        lambda model: sum(p.numel() for p in model.parameters()),
        lambda model: sum(p.numel() for p in model.parameters() if p.requires_grad),
        lambda model: torch.nn.utils.parameters_to_vector(model.parameters()).numel(),
        lambda model: np.sum([np.prod(p.shape) for p in model.parameters()]),
        lambda model: torch.tensor([p.numel() for p in model.parameters()]).sum(),
    ],
    ids=["sum of numel", "trainable only", "one vector", "numpy", "a tensor"],
)
def test_count_parameters_passes(answer, passed):
    mlp_a_la_torch.check_count_parameters(answer)
    assert passed()


def flatten_in_place(model):
    for p in model.parameters():
        p.data = p.data.view(-1)
    return sum(p.numel() for p in model.parameters())


@pytest.mark.parametrize(
    "answer, hint",
    [
        (lambda model: len(list(model.parameters())), "you counted 3 parameter tensors"),
        (lambda model: sum(p.numel() for p in model.parameters() if p.dim() > 1), "the biases"),
        (lambda model: next(model.parameters()).numel(), "only the first parameter tensor"),
        (lambda model: sum(len(p) for p in model.parameters()), "counts only the rows"),
        (lambda model: sum(t.numel() for t in model.state_dict().values()), "the buffers too"),
        (
            lambda model: sum(p.numel() for m in model.modules() for p in m.parameters()),
            "counted more than once",
        ),
        (lambda model: 397_500, "the count of the notebook's own model"),
        (lambda model: str(sum(p.numel() for p in model.parameters())), "is a str"),
        (flatten_in_place, "changed the model's parameters"),
        (lambda model: model.weight.numel() + model.bias.numel(), "raised AttributeError"),
    ],
)
def test_count_parameters_mistakes_get_hints(answer, hint, printed):
    mlp_a_la_torch.check_count_parameters(answer)
    line = printed()
    assert line.startswith("❌ Not yet: ") and hint in line


# --- 03: a deeper model with nn.Sequential -------------------------------------------------


def deeper(*, flatten=True, relu=True, sizes=(784, 256, 128, 10), bias=True, softmax=False):
    layers: list[nn.Module] = [nn.Flatten()] if flatten else []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Linear(n_in, n_out, bias=bias))
        if relu and i < len(sizes) - 2:
            layers.append(nn.ReLU())
    if softmax:
        layers.append(nn.Softmax(dim=1))
    return nn.Sequential(*layers)


def test_deeper_model_passes(passed):
    mlp_a_la_torch.check_deeper_model(deeper())
    assert passed()


class OwnClass(nn.Module):
    """The deeper MLP as a class of one's own, with F.relu in forward."""

    def __init__(self, last=None):
        super().__init__()
        self.hidden_1, self.hidden_2 = nn.Linear(784, 256), nn.Linear(256, 128)
        self.output = nn.Linear(128, 10)
        self.last = last

    def forward(self, x):
        x = F.relu(self.hidden_1(x.flatten(1)))
        logits = self.output(F.relu(self.hidden_2(x)))
        return self.last(logits) if self.last else logits


def test_any_structure_that_computes_logits_passes(passed):
    mlp_a_la_torch.check_deeper_model(OwnClass())
    assert passed()
    nested = nn.Sequential(nn.Flatten(), nn.Sequential(*list(deeper())[1:]))
    mlp_a_la_torch.check_deeper_model(nested)
    assert passed()
    relu = nn.ReLU()  # one ReLU module used twice
    shared = nn.Sequential(
        nn.Flatten(), nn.Linear(784, 256), relu, nn.Linear(256, 128), relu, nn.Linear(128, 10)
    )
    mlp_a_la_torch.check_deeper_model(shared)
    assert passed()


def test_unanswered_deeper_says_what_to_write(assert_hint):
    mlp_a_la_torch.check_deeper_model(...)
    assert_hint("replace the ... of deeper with the network")


@pytest.mark.parametrize(
    "model, hint",
    [
        ("a model", "deeper is a str"),
        (OwnClass(last=F.relu), "ends with a ReLU"),
        (OwnClass(last=lambda z: F.softmax(z, dim=1)), "ends with a softmax"),
        (nn.Sequential(deeper(), nn.ReLU()), "ends with a ReLU"),
        (nn.Sequential(deeper(), nn.LogSoftmax(dim=1)), "ends with a log-softmax"),
        (
            nn.Sequential(*[m for i, m in enumerate(deeper()) if i != 4]),
            "between Linear layers 2 and 3 (sizes 256 → 128 → 10) the numbers pass unchanged",
        ),
        (deeper(sizes=(784, 500, 10)), "they should go 784 → 256 → 128 → 10"),
        (nn.Sequential(nn.Flatten()), "go nowhere"),
        (deeper(relu=False), "between Linear layers 1 and 2"),
        (deeper(softmax=True), "does not return logits"),
        (deeper(flatten=False), "nn.Flatten()"),
        (nn.Sequential(*deeper(), nn.Unflatten(1, (2, 5))), "not (16, 10)"),
    ],
)
def test_deeper_model_mistakes_get_hints(model, hint, printed):
    mlp_a_la_torch.check_deeper_model(model)
    line = printed()
    assert line.startswith("❌ Not yet: ") and hint in line


def test_deeper_model_without_biases_passes(passed):
    mlp_a_la_torch.check_deeper_model(deeper(bias=False))
    assert passed()


def test_lazy_deeper_model_passes_counted_and_left_unmade(printed):
    lazy = nn.Sequential(
        nn.Flatten(),
        nn.LazyLinear(256),
        nn.ReLU(),
        nn.Linear(256, 128),
        nn.ReLU(),
        nn.Linear(128, 10, bias=False),
    )
    mlp_a_la_torch.check_deeper_model(lazy)
    assert printed().endswith(
        f"it learns {784 * 256 + 256 + 256 * 128 + 128 + 128 * 10:,} numbers."
    )
    assert isinstance(lazy[1], nn.LazyLinear)


# --- 03: MySGD, an optimizer of one's own -------------------------------------------------


class NoGradSGD:
    """The solution's style: p -= lr * p.grad under torch.no_grad()."""

    def __init__(self, params, lr, *, sign=-1, scale=None, listed=True, zero=True):
        self.params = list(params) if listed else params
        self.lr, self.sign, self.scale, self.zero = lr, sign, scale, zero

    def step(self):
        with torch.no_grad():
            for p in self.params:
                if p.grad is not None:
                    factor = self.lr if self.scale is None else self.scale(self.lr)
                    p += self.sign * factor * p.grad

    def zero_grad(self):
        if self.zero:
            for p in self.params:
                p.grad = None


class DataSGD(NoGradSGD):
    def step(self):
        for p in self.params:
            if p.grad is not None:
                p.data.add_(p.grad, alpha=-self.lr)

    def zero_grad(self):
        for p in self.params:
            if p.grad is not None:
                p.grad.zero_()


class SubSGD(NoGradSGD):
    def step(self):
        with torch.no_grad():
            for p in self.params:
                if p.grad is not None:
                    p.sub_(self.lr * p.grad)


class OptimizerSGD(torch.optim.Optimizer):
    def __init__(self, params, lr):
        super().__init__(params, {"lr": lr})

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.add_(p.grad, alpha=-group["lr"])


class ForeachSGD:
    """A tuple of the parameters, torch's foreach update, gradients zeroed in place."""

    def __init__(self, params, lr):
        self.params, self.lr = tuple(params), lr

    def step(self, closure=None):
        with_grad = [p for p in self.params if p.grad is not None]
        with torch.no_grad():
            torch._foreach_add_(with_grad, [p.grad for p in with_grad], alpha=-self.lr)

    def zero_grad(self, set_to_none=True):
        for p in self.params:
            if p.grad is not None:
                p.grad.detach_()
                p.grad.zero_()


class RebindingDataSGD(torch.optim.Optimizer):
    """A default lr, param_groups, and each parameter's .data given a new tensor."""

    def __init__(self, params, lr=0.01):
        super().__init__(params, defaults={"lr": lr})

    def step(self, closure=None):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.data = p.data - group["lr"] * p.grad.data


@pytest.mark.parametrize(
    "answer",
    [NoGradSGD, DataSGD, SubSGD, OptimizerSGD, ForeachSGD, RebindingDataSGD],
    ids=["-=", "data", "sub_", "subclass", "foreach", ".data rebound"],
)
def test_my_sgd_passes(answer, passed):
    mlp_a_la_torch.check_my_sgd(answer)
    assert passed()


class Rebinding(NoGradSGD):
    def step(self):
        for p in self.params:
            if p.grad is not None:
                p = p - self.lr * p.grad  # noqa: PLW2901


class Recorded(NoGradSGD):
    def step(self):
        for p in self.params:
            if p.grad is not None:
                p -= self.lr * p.grad  # noqa: PLW2901


class NoneCrash(NoGradSGD):
    def step(self):
        with torch.no_grad():
            for p in self.params:
                p -= self.lr * p.grad  # noqa: PLW2901


class Momentum(NoGradSGD):
    def step(self):
        with torch.no_grad():
            for p in self.params:
                if p.grad is not None:
                    p -= self.lr * p.grad * (1.5 if p.dim() > 1 else 1.0)  # noqa: PLW2901


@pytest.mark.parametrize(
    "answer, hint",
    [
        (lambda params, lr: NoGradSGD(params, lr, sign=1), "the wrong sign"),
        (lambda params, lr: NoGradSGD(params, lr, scale=lambda lr: 1.0), "ignores the learning"),
        (lambda params, lr: NoGradSGD(params, lr, scale=lambda lr: lr * lr), "applied twice"),
        (lambda params, lr: NoGradSGD(params, lr, scale=lambda lr: 0.1), "0.333 times"),
        (Rebinding, "only rebinds the name p"),
        (Recorded, "inside torch.no_grad()"),
        (lambda params, lr: NoGradSGD(params, lr, listed=False), "a generator"),
        (lambda params, lr: NoGradSGD(params, lr, zero=False), "pile up"),
        (NoneCrash, "must skip such parameters"),
        (Momentum, "differ from those torch.optim.SGD gives"),
        (lambda params: NoGradSGD(params, 0.1), "raised TypeError"),
        (object, "raised TypeError"),
    ],
)
def test_my_sgd_mistakes_get_hints(answer, hint, printed):
    mlp_a_la_torch.check_my_sgd(answer)
    line = printed()
    assert line.startswith("❌ Not yet: ") and hint in line, line


def test_my_sgd_keeps_the_random_state(passed):
    state = torch.get_rng_state()
    mlp_a_la_torch.check_my_sgd(NoGradSGD)
    assert passed() and torch.equal(state, torch.get_rng_state())


def test_unanswered_my_sgd_says_what_to_write(assert_hint):
    mlp_a_la_torch.check_my_sgd(...)
    assert_hint("write the class MySGD")


# --- 03: init_for_relu, an initialisation for ReLU networks -------------------------------


def kaiming_normal(model):
    for m in model.modules():
        if isinstance(m, nn.Linear):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            if m.bias is not None:
                nn.init.zeros_(m.bias)


def kaiming_uniform_applied(model):
    def init(m):
        if type(m) is nn.Linear:
            nn.init.kaiming_uniform_(m.weight)
            if m.bias is not None:
                m.bias.data.zero_()

    return model.apply(init)


def by_hand_under_no_grad(model):
    with torch.no_grad():
        for _, m in model.named_modules():
            if isinstance(m, nn.Linear):
                m.weight.copy_(torch.randn_like(m.weight) * (2 / m.weight.shape[1]) ** 0.5)
                if m.bias is not None:
                    m.bias.fill_(0.0)


def data_replaced(model):
    for m in model.modules():
        if isinstance(m, nn.Linear):
            m.weight.data = torch.randn(m.out_features, m.in_features) * (2 / m.in_features) ** 0.5
            if m.bias is not None:
                m.bias.data = torch.zeros(m.out_features)


def every_matrix_weight(model):
    for _, m in model.named_modules():
        if hasattr(m, "weight") and m.weight.dim() == 2:
            nn.init.trunc_normal_(m.weight, std=(2 / m.weight.size(1)) ** 0.5)
            if getattr(m, "bias", None) is not None:
                nn.init.constant_(m.bias, 0.0)


def filtered_kaiming(model):
    for m in filter(lambda m: isinstance(m, nn.Linear), model.modules()):
        nn.init.kaiming_normal_(m.weight, a=0, mode="fan_in", nonlinearity="relu")
        if m.bias is not None:
            with torch.no_grad():
                m.bias.zero_()
    return model


@pytest.mark.parametrize(
    "answer",
    [
        kaiming_normal,
        kaiming_uniform_applied,
        by_hand_under_no_grad,
        data_replaced,
        every_matrix_weight,
        filtered_kaiming,
    ],
    ids=[
        "kaiming_normal_",
        "kaiming_uniform_ by apply",
        "copy_ under no_grad",
        ".data",
        "trunc_normal_ on 2-d weights",
        "filter",
    ],
)
def test_init_for_relu_passes(answer, passed):
    mlp_a_la_torch.check_init_for_relu(answer)
    assert passed()


def normal_with(std_of, linears=lambda model: model.modules(), bias=True, guard=True):
    """An answer that fills each Linear's weight with N(0, std_of(layer)), the biases with
    zeros (if ``bias``) and skips a missing bias (if ``guard``)."""

    def init_for_relu(model):
        for m in linears(model):
            if isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, std=std_of(m))
                if bias and (m.bias is not None or not guard):
                    nn.init.zeros_(m.bias)

    return init_for_relu


def every_parameter(model):
    for p in model.parameters():
        if p.dim() > 1:
            nn.init.normal_(p, std=(2 / p.shape[1]) ** 0.5)
        else:
            nn.init.zeros_(p)


def new_parameters(model):
    for m in model.modules():
        if isinstance(m, nn.Linear):
            m.weight = nn.Parameter(torch.randn(m.out_features, m.in_features) * 0.05)


def without_no_grad(model):
    for m in model.modules():
        if isinstance(m, nn.Linear):
            m.weight.normal_(0, (2 / m.in_features) ** 0.5)
            if m.bias is not None:
                m.bias.zero_()


def uniform_with_the_std_as_bound(model):
    for m in model.modules():
        if isinstance(m, nn.Linear):
            bound = (2 / m.in_features) ** 0.5
            nn.init.uniform_(m.weight, -bound, bound)
            if m.bias is not None:
                nn.init.zeros_(m.bias)


@pytest.mark.parametrize(
    "answer, hint",
    [
        (normal_with(lambda m: m.in_features**-0.5), "the factor 2"),
        (normal_with(lambda m: (2 / m.out_features) ** 0.5), "fan-in is the number of inputs"),
        (normal_with(lambda m: 2 / m.in_features), "the variance"),
        (normal_with(lambda m: (2 / m.in_features) ** 0.5, bias=False), "are not zero"),
        (normal_with(lambda m: (2 / m.in_features) ** 0.5, guard=False), "bias=False"),
        (
            normal_with(lambda m: (2 / m.in_features) ** 0.5, linears=lambda m: m.children()),
            "model.modules()",
        ),
        (every_parameter, "not nn.Linear"),
        (new_parameters, "replaced parameters"),
        (without_no_grad, "torch.no_grad()"),
        (uniform_with_the_std_as_bound, "a/sqrt(3)"),
        (normal_with(lambda m: 0.3), "not sqrt(2/"),
        (lambda model: list(model.modules()), "changed no weight"),
    ],
)
def test_init_for_relu_mistakes_get_hints(answer, hint, printed):
    mlp_a_la_torch.check_init_for_relu(answer)
    line = printed()
    assert line.startswith("❌ Not yet: ") and hint in line, line


def test_unanswered_init_for_relu_says_what_to_write(assert_hint):
    def init_for_relu(model): ...

    mlp_a_la_torch.check_init_for_relu(init_for_relu)
    assert_hint("write the function init_for_relu")
