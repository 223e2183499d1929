"""Grading a class with nbgrader: the course as an nbgrader course directory, and a class view.

``python -m tools.nbgrader DIR`` (``./course nbgrader DIR``) writes ``DIR/nbgrader_config.py``
and ``DIR/source/<notebook>/<notebook>.ipynb`` for every notebook of the course (one nbgrader
assignment per notebook, so that a submission nbgrader cannot read costs only its own
notebook). From there on nbgrader does the work (``generate_assignment``, ``autograde``,
``generate_feedback``, ``export``). ``python -m tools.nbgrader report DIR`` reads the
gradebook and the autograded notebooks and writes the class view.

The modules, by job: ``source`` (a solution notebook as an nbgrader source notebook),
``settings`` (the ``nbgrader_config.py`` it writes), ``execute`` (nbgrader's Execute,
going on past a kernel that died), ``course`` (the course directory), ``report`` (the
class view).
"""
