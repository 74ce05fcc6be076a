"""Writers: turn drafts and comparisons into terminal, JSON, text and file output.

One module per format; none of them reads files or recomputes a diff.
"""
