"""Choose where tensors live: a CUDA GPU, an Apple-silicon GPU (MPS), or the CPU."""

import torch


def pick_device(verbose: bool = True) -> torch.device:
    """Return the best available device (``cuda``, then ``mps``, then ``cpu``) and say which."""
    if torch.cuda.is_available():
        device, name = torch.device("cuda"), torch.cuda.get_device_name()
    elif torch.backends.mps.is_available():
        device, name = torch.device("mps"), "Apple-silicon GPU"
    else:
        device, name = torch.device("cpu"), "no GPU found"
    if verbose:
        print(f"Using device '{device}' ({name})")
    return device


def synchronize(device: torch.device) -> None:
    """Wait until every kernel queued on ``device`` has finished (no-op on the CPU).

    GPU work is asynchronous: without this, a timer measures only how long it took to
    *queue* the work.
    """
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()
