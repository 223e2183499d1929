"""Make nnhelpers/mnist_sample from a full MNIST (run once by maintainers).

Usage: python -m tools.make_mnist_sample ../shared/data

Copies the first 2,000 training and the first 500 test images (and their labels) of the
original MNIST raw files, keeping the IDX format, so torchvision's MNIST reads the sample
exactly as it reads the full dataset.
"""

import sys
from pathlib import Path

from tools import ROOT

COUNTS = {"train": 2000, "t10k": 500}


def cut(src: Path, dst: Path, n: int, item_bytes: int, ndim: int) -> None:
    """Write the first ``n`` items of IDX file ``src`` to ``dst``."""
    data = src.read_bytes()
    header = bytearray(data[: 4 + 4 * ndim])
    header[4:8] = n.to_bytes(4, "big")
    body_start = 4 + 4 * ndim
    dst.write_bytes(bytes(header) + data[body_start : body_start + n * item_bytes])


def main(source_root: str) -> None:
    """Cut the sample from the raw MNIST files under ``source_root``."""
    src = Path(source_root) / "MNIST" / "raw"
    dst = ROOT / "nnhelpers" / "mnist_sample" / "MNIST" / "raw"
    dst.mkdir(parents=True, exist_ok=True)
    for split, n in COUNTS.items():
        cut(src / f"{split}-images-idx3-ubyte", dst / f"{split}-images-idx3-ubyte", n, 28 * 28, 3)
        cut(src / f"{split}-labels-idx1-ubyte", dst / f"{split}-labels-idx1-ubyte", n, 1, 1)
    print(f"wrote {sum(f.stat().st_size for f in dst.iterdir()):,} bytes to {dst}")


if __name__ == "__main__":
    main(sys.argv[1])
