"""The student-notebook generator: ``solutions/`` is the source, ``notebooks/`` is made from it.

In ``solutions/`` a code cell tagged ``solution`` holds an exercise's answer. Its first line
is a Colab form title and it opens collapsed, so it stays out of sight until clicked, yet
runs under "Run all". Comment lines right after the title are the exercise's hints.

``python -m tools.students`` (``./course students``) refreshes the solution notebooks and
writes the student notebooks: ``steps`` lists what is done to each, in order; ``build`` runs
it over the course and protects students' work; ``colab`` makes the Colab cells.
"""
