"""draftdiff: see exactly what changed between drafts of a negotiated text."""

from __future__ import annotations

__version__ = "0.1.0"

from .model import Draft, Kind, Paragraph
from .readers import ReadOptions, load

__all__ = ["Draft", "Kind", "Paragraph", "ReadOptions", "__version__", "load"]
