"""Choose where tensors live: a CUDA GPU, an Apple-silicon GPU (MPS), or the CPU.

Notebook 04 writes this choice out on screen; notebooks 03 and 05 call ``pick_device()``.
"""

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
