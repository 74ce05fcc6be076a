"""Two drafts compared: ``align`` (which old paragraph became which new one),
``wording`` (word-level edits), ``comparison`` (the Comparison every writer
renders), ``selection`` (which changes a report shows) and ``report`` (a
comparison with its selection and check findings).
"""
