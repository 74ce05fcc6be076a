"""The one HTML page skeleton every HTML writer fills: a self-contained page,
no network (the Content-Security-Policy forbids every fetch), its style and
script inline. The writers pass text they have escaped already."""

from __future__ import annotations

_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
"""
_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">\n'


def page(title: str, css: str, body: str, *, script: str | None = None, viewport: bool = True) -> str:
    """``title`` and ``body`` escaped by the caller; ``script`` inline at the
    end of the body, and only then does the policy let a script run."""
    policy = "default-src 'none'; style-src 'unsafe-inline'" + ("; script-src 'unsafe-inline'" if script else "")
    tail = f"<script>{script}</script>\n" if script else ""
    return (
        _HEAD
        + (_VIEWPORT if viewport else "")
        + f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        + f"<title>{title}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}\n{tail}</body>\n</html>\n"
    )
