"""Test-suite settings, shared by the unit tests and the notebooks run by nbval.

The suite runs in the *test setting* (``NN_QUICK=1``: small data, few epochs) and is
hermetic: the data folder is an empty temporary one, so no notebook reads a local copy
of MNIST or needs the network (in the test setting they use the sample shipped with
nnhelpers). Kernels started by nbval inherit these variables.
"""

import os
import tempfile

os.environ["NN_QUICK"] = "1"
os.environ["NN_DATA_DIR"] = tempfile.mkdtemp(prefix="nn-course-data-")
os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
