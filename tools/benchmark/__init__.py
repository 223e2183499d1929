"""The course benchmark: does the course deliver what its text promises, and how fast?

``python -m tools.benchmark`` (``./course benchmark``) does three things:

1. ``notebooks``: runs every solution notebook in the full course setting (``NN_QUICK``
   unset, full MNIST), each in a fresh kernel, and records its wall time and the results
   its text cites, read from that same kernel after its last cell. The files are not
   changed.
2. ``epoch``: times one training epoch of the course's MNIST MLP three ways: the original
   lesson's pipeline, the course's preloaded pipeline, and a compute bound (the epoch's
   matmuls as timed inside the training loop).
3. ``report``: compares every figure (``figures``) with its target, writes ``REPORT.md`` and
   ``report.json`` and exits with status 1 if a target is missed.

The whole run takes about as long as the course (8 minutes on a 2-core CPU);
``--notebooks 02 05``, ``--skip-notebooks`` and ``--skip-epoch`` run parts of it.
"""
