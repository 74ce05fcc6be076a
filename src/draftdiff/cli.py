"""Command line: parse options, call the library, hand results to a writer."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from .errors import DraftDiffError
from .readers import ReadOptions, load

app = typer.Typer(
    name="draftdiff",
    help="See exactly what changed between drafts of a negotiated text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str, code: int = 2) -> NoReturn:
    sys.stderr.write(f"draftdiff: error: {message}\n")
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"draftdiff {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """See exactly what changed between drafts of a negotiated text."""


class ParseFormat(StrEnum):
    table = "table"
    json = "json"
    text = "text"


class Revisions(StrEnum):
    accept = "accept"
    reject = "reject"


class PdfEngine(StrEnum):
    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


RevisionsOpt = Annotated[
    Revisions,
    typer.Option("--revisions", help="DOCX tracked changes: read the text with all changes accepted, or the original."),
]
EngineOpt = Annotated[PdfEngine, typer.Option("--pdf-engine", help="PDF text engine.")]
PasswordOpt = Annotated[str | None, typer.Option("--password", help="Password of an encrypted PDF.")]


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A draft: .docx, .pdf, .txt or .md.", show_default=False)],
    format: Annotated[ParseFormat, typer.Option("--format", "-f", help="Output format.")] = ParseFormat.table,
    label: Annotated[str | None, typer.Option("--label", help="Name of the draft, e.g. 'Rev 2'.")] = None,
    revisions: RevisionsOpt = Revisions.accept,
    pdf_engine: EngineOpt = PdfEngine.pdfium,
    password: PasswordOpt = None,
    comments: Annotated[bool, typer.Option("--comments", help="Also list the comments of a DOCX.")] = False,
) -> None:
    """Show the paragraphs draftdiff reads from one draft."""
    options = ReadOptions(revisions=revisions.value, pdf_engine=pdf_engine.value, password=password)
    draft = _run(lambda: load(file, label=label, options=options))
    if format is ParseFormat.json:
        from .writers import json as json_writer

        _emit(json_writer.parse_document(draft))
    elif format is ParseFormat.text:
        from .writers import text as text_writer

        _emit(text_writer.parse_document(draft))
    else:
        from .writers import terminal

        terminal.print_parse(draft, console=terminal.make_console(), comments=comments)


def _emit(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `draftdiff parse x | head`: the reader went away; that is fine.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


def _run(action):
    """Run a library call; turn expected errors into one line and exit 2."""
    try:
        return action()
    except DraftDiffError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except RecursionError:
        fail("the input is nested too deeply to read")
    except MemoryError:
        fail("the input is too large to read in memory")
    except Exception as exc:
        if os.environ.get("DRAFTDIFF_DEBUG"):
            raise
        fail(f"unexpected {type(exc).__name__}: {exc} (set DRAFTDIFF_DEBUG=1 for details and please report it)")


def run() -> None:
    app(prog_name="draftdiff")
