"""A training loop like the course's, with the mistakes (or variations) a test asks for.

Used by the tests of ``nnhelpers.checks.training`` and of notebook 05's ``check_train``.
"""

import torch
import torch.nn.functional as F


def evaluate(model, loader):
    model.eval()
    total, correct = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            logits = model(x)
            total += F.cross_entropy(logits, y).item() * len(y)
            correct += (logits.argmax(dim=1) == y).sum().item()
    return total / len(loader.dataset), correct / len(loader.dataset)


GLOBAL_LOADER = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(torch.randn(16, 100), torch.zeros(16, dtype=torch.long)),
    batch_size=8,
)
"""A loader of the notebook's kind (rows of 100), which a train() might use by mistake."""


def make_train(
    *,
    zero_grad="before",
    backward=True,
    step_first=False,
    softmax=False,
    reduction="mean",
    item=True,
    train_mode=True,
    validate_on="val",
    divide="rows",
    extra_key=False,
    own_optimizer=False,
    steps_per_batch=1,
    epochs=None,
    backward_twice=False,
    global_loader=False,
    swap_val=False,
):
    """A train() like the course's, with the mistakes (or variations) asked for."""

    def train(model, optimizer, train_loader, val_loader, n_epochs):
        if own_optimizer:
            optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
        history = {"train_loss": [], "val_loss": [], "val_acc": []}
        if extra_key:
            history["train_acc"] = []
        if global_loader:
            train_loader = GLOBAL_LOADER
        for _ in range(epochs or n_epochs):
            if train_mode:
                model.train()
            total = 0.0
            for x, y in train_loader:
                if zero_grad == "before":
                    optimizer.zero_grad()
                logits = model(x)
                if softmax:
                    logits = torch.softmax(logits, dim=1)
                loss = F.cross_entropy(logits, y, reduction=reduction)
                for _ in range(steps_per_batch):
                    if step_first:
                        optimizer.step()
                    if backward:
                        loss.backward(retain_graph=True)
                    if backward_twice:
                        loss.backward(retain_graph=True)
                    if zero_grad == "between":
                        optimizer.zero_grad()
                    if not step_first:
                        optimizer.step()
                if zero_grad == "after":
                    optimizer.zero_grad()
                weight = 1 if divide == "batches" else len(y)
                total = total + (loss.item() if item else loss) * weight
            divisor = {"rows": len(train_loader.dataset), "batches": len(train_loader), "one": 1}
            history["train_loss"].append(total / divisor[divide])
            loader = val_loader if validate_on == "val" else train_loader
            val_loss, val_acc = evaluate(model, loader)
            if swap_val:
                val_loss, val_acc = val_acc, val_loss
            history["val_loss"].append(val_loss)
            history["val_acc"].append(val_acc)
            if extra_key:
                history["train_acc"].append(evaluate(model, train_loader)[1])
        return history

    return train
