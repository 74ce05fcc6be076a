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
from .readers import ReadOptions
from .writers.registry import format_of, formats_for, writer

app = typer.Typer(
    name="draftdiff",
    help="See exactly what changed between drafts of a negotiated text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str, code: int = 2) -> NoReturn:
    from .normalize import visible_controls

    # one line, whatever a library or a file name put in it
    line = visible_controls(" ".join(str(message).split()))
    sys.stderr.write(f"draftdiff: error: {line}\n")
    raise typer.Exit(code)


def warn_read_problems(draft) -> None:
    """One line on stderr per draft whose reading left problems (see app.register.read_problems)."""
    from .app.register import read_problems

    line = read_problems(draft)
    if line:
        _notify(line)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"draftdiff {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", help="Let the PDF libraries log on stderr.")] = False,
) -> None:
    """See exactly what changed between drafts of a negotiated text."""
    if verbose:
        import logging

        logging.basicConfig(level=logging.DEBUG)
        for name in ("", "pdfminer", "pdfplumber"):
            logging.getLogger(name).setLevel(logging.DEBUG)


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


def _check_language(value: str | None) -> str | None:
    """--language is checked when given, not when a PDF first needs OCR."""
    if value is None:
        return None
    from .errors import InputError
    from .readers.ocr import tesseract_language

    try:
        return tesseract_language(value)
    except InputError as exc:
        raise typer.BadParameter(f"{value!r} is not a language code ({exc.hint})") from None


LanguageOpt = Annotated[
    str | None,
    typer.Option(
        "--language",
        help="Language OCR reads PDF pages in (en, fr, es, ru, zh, ar, or Tesseract's codes); default: from the document.",
        callback=_check_language,
    ),
]
PasswordOpt = Annotated[str | None, typer.Option("--password", help="Password of an encrypted PDF.")]
LabelOldOpt = Annotated[str | None, typer.Option("--label-old", help="Name of the old draft.")]
LabelNewOpt = Annotated[str | None, typer.Option("--label-new", help="Name of the new draft.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Configuration file (draftdiff.toml).")]
ParaOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--para", "-p", help="Only this paragraph, as people cite it: 38, '42 bis', 'article 6' (repeatable)."
    ),
]
SectionOpt = Annotated[
    list[str] | None, typer.Option("--section", help="Only paragraphs in a section whose title has these words.")
]
IgnoreCaseOpt = Annotated[bool, typer.Option("--ignore-case", "-i", help="Case changes are not changes.")]
IgnorePunctuationOpt = Annotated[
    bool, typer.Option("--ignore-punctuation", help="Punctuation changes are not changes.")
]
# every command takes the same two: a colour that draft text cannot turn on, a pager for long output
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colours (also NO_COLOR).")]
PagerOpt = Annotated[bool, typer.Option("--pager/--no-pager", help="Page long output on a terminal.")]


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A draft: .docx, .pdf, .txt or .md.", show_default=False)],
    format: Annotated[ParseFormat, typer.Option("--format", "-f", help="Output format.")] = ParseFormat.table,
    label: Annotated[str | None, typer.Option("--label", help="Name of the draft, e.g. 'Rev 2'.")] = None,
    revisions: RevisionsOpt = Revisions.accept,
    pdf_engine: EngineOpt = PdfEngine.pdfium,
    language: LanguageOpt = None,
    password: PasswordOpt = None,
    comments: Annotated[bool, typer.Option("--comments", help="Also list the comments of a DOCX.")] = False,
    no_color: NoColorOpt = False,
    pager: PagerOpt = True,
) -> None:
    """Show the paragraphs draftdiff reads from one draft."""
    from .app import parse as command

    request = command.ParseRequest(file, label, _read_options(revisions, pdf_engine, password, language))
    draft = _run(lambda: command.run(request, _notify))
    if format is not ParseFormat.table:
        from .writers.registry import WriteOptions

        _emit(str(writer(format.value, "draft").render(draft, WriteOptions())))
    else:
        _show(draft, "draft", comments=comments, no_color=no_color, pager=pager)


class CompareFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"


# Built from a list: a member named "split" written as a class attribute would
# shadow str.split on every member.
ChangeKind = StrEnum(  # type: ignore[misc]
    "ChangeKind",
    {kind: kind for kind in ("unchanged", "modified", "added", "deleted", "moved", "renumbered", "split", "merged")},
)


def _read_options(revisions, pdf_engine, password, language=None) -> ReadOptions:
    """The reading options of every command, built in one place."""
    return ReadOptions(revisions=revisions.value, pdf_engine=pdf_engine.value, password=password, language=language)


def _pair_request(old, new, label_old, label_new, config, revisions, pdf_engine, password, language=None):
    from .app.pair import PairRequest

    return PairRequest(
        old, new, (label_old, label_new), _read_options(revisions, pdf_engine, password, language), config
    )


@app.command()
def compare(
    old: Annotated[str, typer.Argument(help="Old draft: a file, or a draft name such as rev2.", show_default=False)],
    new: Annotated[
        str | None,
        typer.Argument(help="New draft. Leave out to compare a .docx's tracked changes.", show_default=False),
    ] = None,
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.terminal,
    only: Annotated[
        list[ChangeKind] | None, typer.Option("--only", help="Show only this kind of change (repeatable).")
    ] = None,
    para: ParaOpt = None,
    section: SectionOpt = None,
    side_by_side: Annotated[
        bool, typer.Option("--side-by-side", "-s", help="Old and new text in two columns.")
    ] = False,
    stat: Annotated[bool, typer.Option("--stat", help="Only the summary and the list of changes.")] = False,
    comments: Annotated[
        bool, typer.Option("--comments", help="Also show unchanged paragraphs that carry DOCX comments.")
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours; changes marked [-old-]{+new+}.")] = False,
    pager: PagerOpt = True,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when the drafts differ (like git diff).")
    ] = False,
    ignore_case: IgnoreCaseOpt = False,
    ignore_punctuation: IgnorePunctuationOpt = False,
    label_old: LabelOldOpt = None,
    label_new: LabelNewOpt = None,
    config: ConfigOpt = None,
    revisions: RevisionsOpt = Revisions.accept,
    pdf_engine: EngineOpt = PdfEngine.pdfium,
    language: LanguageOpt = None,
    password: PasswordOpt = None,
) -> None:
    """Show what changed between two drafts, paragraph by paragraph and word by word."""
    from .app import compare as command
    from .diff.selection import Selection
    from .diff.wording import Options

    request = command.CompareRequest(
        pair=_pair_request(old, new, label_old, label_new, config, revisions, pdf_engine, password, language),
        compare=Options(ignore_case=ignore_case, ignore_punctuation=ignore_punctuation),
        selection=Selection(
            frozenset(k.value for k in only or []), tuple(para or []), tuple(section or []), commented=comments
        ),
    )
    compared = _run(lambda: command.run(request, _notify))
    report = compared.report(format.value)
    if format is not CompareFormat.terminal:
        from .writers.registry import WriteOptions

        _emit(str(writer(format.value, "report").render(report, WriteOptions())))
    else:
        _show(report, "report", no_color=no_color, pager=pager, side_by_side=side_by_side, stat=stat)
    if exit_code and compared.comparison.differences:
        raise typer.Exit(1)


HistoryFormat = StrEnum("HistoryFormat", {name: name for name in formats_for("history")})  # type: ignore[misc]


def _register(config_path: Path | None):
    from .config import load_config
    from .negotiation.register import register

    loaded = _run(lambda: load_config(config_path))
    return loaded, _run(lambda: register(loaded))


@app.command()
def drafts(
    config: ConfigOpt = None,
    format: Annotated[
        ParseFormat, typer.Option("--format", "-f", help="Output format: table or json.")
    ] = ParseFormat.table,
    revisions: RevisionsOpt = Revisions.accept,
    pdf_engine: EngineOpt = PdfEngine.pdfium,
    language: LanguageOpt = None,
    no_color: NoColorOpt = False,
    pager: PagerOpt = True,
) -> None:
    """List the register of drafts: the [drafts] table of draftdiff.toml, or the drafts of this folder in order."""
    from .app import drafts as command

    request = command.DraftsListRequest(config, _read_options(revisions, pdf_engine, None, language))
    listing = _run(lambda: command.run(request))
    if format is ParseFormat.json:
        from .writers.registry import WriteOptions

        _emit(str(writer("json", "drafts").render(listing, WriteOptions())))
    else:
        import shutil

        # piped, every column whole (a line per draft for grep), not fitted to an 80-column guess
        _show(
            listing,
            "drafts",
            no_color=no_color,
            pager=pager,
            width=shutil.get_terminal_size().columns if sys.stdout.isatty() else 1000,
        )
    if not listing.all_readable:
        raise typer.Exit(2)


# -- options the many-draft commands share, declared once -----------------------------

DraftsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Drafts in order (names, labels, aliases or files); default: the whole register.", show_default=False
    ),
]
OutputOpt = Annotated[
    str | None, typer.Option("--output", "-o", help="Write to this file; its suffix picks the format.")
]
SkipUnreadableOpt = Annotated[
    bool, typer.Option("--skip-unreadable", help="Leave out a draft that cannot be read, with a warning.")
]
_FORMAT_HELP = "Output format (default: terminal, or -o's suffix)."


def _drafts_request(drafts, config, revisions, pdf_engine, skip_unreadable, language=None):
    from .app.register import DraftsRequest

    return DraftsRequest(
        tuple(drafts or []), config, _read_options(revisions, pdf_engine, None, language), skip_unreadable
    )


def _notify(line: str) -> None:
    """What the application layer has to say on the way: one line on stderr
    (a draft's name or a package's content may be in it: shown, never raw)."""
    from .normalize import visible_controls

    sys.stderr.write(f"draftdiff: {visible_controls(' '.join(line.split()))}\n")


def _deliver_result(result, kind: str, format, output: str | None, inputs, summary: str, **show) -> None:
    """The one way a result leaves: the terminal view (colours, pager) unless a
    format or a file is asked for; else rendered as that format on stdout, or
    atomically to the file with a one-line note on stderr."""
    fmt = format.value if format else (format_of(output, kind) if output and output != "-" else "terminal")
    if fmt is None:
        fail(f"cannot tell the format of {output!r}: give --format {'|'.join(formats_for(kind))}")
    if fmt == "terminal" and not output:
        _show(result, kind, **show)
        return
    _deliver(result, kind, fmt, output, tuple(inputs), summary)


@app.command()
def history(
    drafts: DraftsArg = None,
    format: Annotated[HistoryFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)] = None,
    output: OutputOpt = None,
    changed_only: Annotated[bool, typer.Option("--changed-only", help="Hide paragraphs that never changed.")] = False,
    para: Annotated[
        list[str] | None,
        typer.Option(
            "--para", "-p", help="Tell a paragraph's story: 38, '42 bis', 'article 6, paragraph 3' (repeatable)."
        ),
    ] = None,
    revert_to: Annotated[
        str | None,
        typer.Option(
            "--revert-to", help="With --para: propose that draft's wording (-o FILE.docx: as tracked changes)."
        ),
    ] = None,
    in_draft: Annotated[
        str | None, typer.Option("--in", help="The draft --para is numbered in (default: the last).")
    ] = None,
    blame: Annotated[bool, typer.Option("--blame", help="With --para: which draft brought each word.")] = False,
    section: Annotated[
        list[str] | None,
        typer.Option(
            "--section",
            help="An article's story: the article whose title holds TEXT, followed as a unit, and its paragraphs.",
        ),
    ] = None,
    skip_unreadable: SkipUnreadableOpt = False,
    no_color: NoColorOpt = False,
    pager: PagerOpt = True,
    ignore_case: IgnoreCaseOpt = False,
    ignore_punctuation: IgnorePunctuationOpt = False,
    config: ConfigOpt = None,
    revisions: RevisionsOpt = Revisions.accept,
    pdf_engine: EngineOpt = PdfEngine.pdfium,
    language: LanguageOpt = None,
) -> None:
    """One paragraph's life across every draft: the matrix of lineages, --para's story, or --section's."""
    from .app import history as command
    from .diff.wording import Options
    from .progress import progress_bar

    request = command.HistoryRequest(
        drafts=_drafts_request(drafts, config, revisions, pdf_engine, skip_unreadable, language),
        compare=Options(ignore_case=ignore_case, ignore_punctuation=ignore_punctuation),
        changed_only=changed_only,
        paras=tuple(para or []),
        sections=tuple(section or []),
        in_draft=in_draft,
        blame=blame,
        revert_to=revert_to,
    )
    loaded = _run(lambda: command.load(request, _notify))
    size = sum(len(d.paragraphs) for d in loaded.drafts)
    with progress_bar(len(loaded.drafts) - 1, threshold=1 if size > 3000 else 10**9, label="Aligning") as tick:
        view = _run(lambda: command.run(request, loaded, tick))
    summary = f"{_count(len(view.lineages), 'paragraph')} through {_count(len(loaded.drafts), 'draft')}"
    inputs = (Path(d.source) for d in loaded.drafts)
    _deliver_result(view, "history", format, output, inputs, summary, no_color=no_color, pager=pager)


TraceFormat = StrEnum("TraceFormat", {name: name for name in formats_for("trace")})  # type: ignore[misc]


@app.command()
def trace(
    drafts: DraftsArg = None,
    phrase: Annotated[list[str] | None, typer.Option("--phrase", help="A phrase to follow (repeatable).")] = None,
    phrases: Annotated[
        Path | None, typer.Option("--phrases", help="A file of phrases, one a line; # starts a comment.")
    ] = None,
    threshold: Annotated[
        float, typer.Option("--threshold", help="How close a variant must be to its phrase, 0-1 (1: no variants).")
    ] = 0.75,
    context: Annotated[bool, typer.Option("--context", help="Show the sentence around each occurrence.")] = False,
    fail_if_dropped: Annotated[
        bool, typer.Option("--fail-if-dropped", help="Exit 1 when a phrase of the first draft is gone from the last.")
    ] = False,
    allow_variants: Annotated[
        bool,
        typer.Option("--allow-variants", help="With --fail-if-dropped: a variant left in the last draft is enough."),
    ] = False,
    format: Annotated[TraceFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)] = None,
    output: OutputOpt = None,
    skip_unreadable: SkipUnreadableOpt = False,
    no_color: NoColorOpt = False,
    pager: PagerOpt = True,
    config: ConfigOpt = None,
    revisions: RevisionsOpt = Revisions.accept,
    pdf_engine: EngineOpt = PdfEngine.pdfium,
    language: LanguageOpt = None,
) -> None:
    """Follow watched phrases through every draft: where each stands, its variants, and whether it was kept or dropped."""
    from .app import trace as command

    request = command.TraceRequest(
        drafts=_drafts_request(drafts, config, revisions, pdf_engine, skip_unreadable, language),
        phrases=tuple(phrase or []),
        phrases_file=phrases,
        threshold=threshold,
        context=context,
        allow_variants=allow_variants,
    )
    loaded, watched = _run(lambda: command.load(request, _notify))
    view = _run(lambda: command.run(request, loaded, watched))
    inputs = (Path(d.source) for d in loaded.drafts)
    summary = _count(len(view.trace.phrases), "phrase")
    _deliver_result(view, "trace", format, output, inputs, summary, no_color=no_color, pager=pager)
    if fail_if_dropped and view.failing:
        raise typer.Exit(1)


RefsFormat = StrEnum("RefsFormat", {name: name for name in formats_for("refs")})  # type: ignore[misc]


@app.command()
def refs(
    comments: Annotated[
        Path, typer.Argument(help="Comments: .csv (one a row), .txt, .md, .docx or .pdf.", show_default=False)
    ],
    on: Annotated[str | None, typer.Option("--on", help="The draft the comments were written on (required).")] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Follow the paragraphs to this draft (default: the latest).")
    ] = None,
    separator: Annotated[
        str | None,
        typer.Option("--separator", help="Free text: a line that separates comments (default: blank lines)."),
    ] = None,
    text_column: Annotated[
        str | None, typer.Option("--text-column", help="CSV: the column of the comments' text.")
    ] = None,
    author_column: Annotated[str | None, typer.Option("--author-column", help="CSV: the column of the author.")] = None,
    organisation_column: Annotated[
        str | None, typer.Option("--organisation-column", help="CSV: the column of the organisation.")
    ] = None,
    date_column: Annotated[str | None, typer.Option("--date-column", help="CSV: the column of the date.")] = None,
    author_from: Annotated[
        str | None,
        typer.Option(
            "--author-from", help="Who wrote each comment: a CSV column, or a pattern such as '^(?P<author>[^:]+):'."
        ),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option("--threshold", help="How close later wording must be for a proposal to be partly adopted, 0-1."),
    ] = 0.7,
    format: Annotated[RefsFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)] = None,
    output: OutputOpt = None,
    skip_unreadable: SkipUnreadableOpt = False,
    no_color: NoColorOpt = False,
    pager: PagerOpt = True,
    config: ConfigOpt = None,
    revisions: RevisionsOpt = Revisions.accept,
    pdf_engine: EngineOpt = PdfEngine.pdfium,
    language: LanguageOpt = None,
) -> None:
    """Tie stakeholder comments to the paragraphs they cite, follow them to the latest draft, and track proposals."""
    from .app import refs as command

    columns = {
        role: value
        for role, value in (
            ("text", text_column),
            ("author", author_column),
            ("organisation", organisation_column),
            ("date", date_column),
        )
        if value
    }
    request = command.RefsRequest(
        comments=comments,
        on=on,
        to=to,
        drafts=_drafts_request(None, config, revisions, pdf_engine, skip_unreadable, language),
        separator=separator,
        columns=columns,
        threshold=threshold,
        author_from=author_from,
    )
    loaded, found_comments = _run(lambda: command.load(request, _notify))
    view = _run(lambda: command.run(request, loaded, found_comments, _notify))
    inputs = (comments, *(Path(d.source) for d in loaded.drafts))
    summary = _count(len(view.refs.references), "reference")
    _deliver_result(view, "refs", format, output, inputs, summary, no_color=no_color, pager=pager)


StatsFormat = StrEnum("StatsFormat", {name: name for name in formats_for("stats")})  # type: ignore[misc]


@app.command()
def stats(
    drafts: DraftsArg = None,
    format: Annotated[StatsFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)] = None,
    output: OutputOpt = None,
    skip_unreadable: SkipUnreadableOpt = False,
    no_color: NoColorOpt = False,
    pager: PagerOpt = True,
    config: ConfigOpt = None,
    revisions: RevisionsOpt = Revisions.accept,
    pdf_engine: EngineOpt = PdfEngine.pdfium,
    language: LanguageOpt = None,
) -> None:
    """Brackets, options and open text, draft by draft, and how many brackets each step closed."""
    from .app import stats as command

    request = command.StatsRequest(
        drafts=_drafts_request(drafts, config, revisions, pdf_engine, skip_unreadable, language)
    )
    loaded = _run(lambda: command.load(request, _notify))
    view = _run(lambda: command.run(request, loaded))
    inputs = (Path(d.source) for d in loaded.drafts)
    summary = _count(len(loaded.drafts), "draft")
    _deliver_result(view, "stats", format, output, inputs, summary, no_color=no_color, pager=pager)


VersionsFormat = StrEnum("VersionsFormat", {name: name for name in formats_for("versions")})  # type: ignore[misc]


@app.command()
def versions(
    files: Annotated[
        list[str], typer.Argument(help="The language versions of one text (files or draft names), two or more.")
    ],
    format: Annotated[VersionsFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)] = None,
    output: OutputOpt = None,
    no_color: NoColorOpt = False,
    pager: PagerOpt = True,
    config: ConfigOpt = None,
    pdf_engine: EngineOpt = PdfEngine.pdfium,
) -> None:
    """Language versions of one text side by side: a paragraph, a number, a footnote or a bracket one lacks.

    Exit 1 when they disagree (a gate, like check), 0 when they agree."""
    from .app import versions as command

    request = command.VersionsRequest(
        drafts=_drafts_request(files, config, Revisions.accept, pdf_engine, skip_unreadable=False)
    )
    loaded = _run(lambda: command.load(request, _notify))
    result = _run(lambda: command.run(request, loaded))
    inputs = (Path(d.source) for d in loaded.drafts)
    found = len(result.discrepancies)
    summary = f"{found} discrepanc{'y' if found == 1 else 'ies'}"
    _deliver_result(result, "versions", format, output, inputs, summary, no_color=no_color, pager=pager)
    if result.discrepancies:
        raise typer.Exit(1)


CheckFormat = StrEnum("CheckFormat", {name: name for name in formats_for("check")})  # type: ignore[misc]


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


@app.command()
def check(
    drafts: Annotated[
        list[str] | None,
        typer.Argument(
            help="OLD NEW; or one .docx with tracked changes; or three or more drafts, or none for the whole register.",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Across drafts: gate only on the net change since this draft.")
    ] = None,
    agreed: Annotated[
        list[Path] | None,
        typer.Option(
            "--agreed", help="An adopted text whose quoted words must not change (repeatable; NAME=FILE to name it)."
        ),
    ] = None,
    protect: Annotated[
        list[str] | None, typer.Option("--protect", help="A phrase that must not be lost (repeatable).")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe (default warning)."),
    ] = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat("terminal"),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to a file.")] = None,
    config: ConfigOpt = None,
    no_color: NoColorOpt = False,
    pager: PagerOpt = True,
    para: ParaOpt = None,
    section: SectionOpt = None,
    ignore_case: IgnoreCaseOpt = False,
    ignore_punctuation: IgnorePunctuationOpt = False,
    label_old: LabelOldOpt = None,
    label_new: LabelNewOpt = None,
    revisions: RevisionsOpt = Revisions.accept,
    pdf_engine: EngineOpt = PdfEngine.pdfium,
    language: LanguageOpt = None,
    password: PasswordOpt = None,
) -> None:
    """Find language regressions between two drafts and gate CI on them.

    Weakened commitments, added hedges, lost universality and removed protected
    language; exits 1 when a finding reaches --fail-on.
    """
    from .app import check as command
    from .diff.selection import Selection
    from .diff.wording import Options

    names = list(drafts or [])
    rules = command.Rules(
        Options(ignore_case, ignore_punctuation),
        tuple(protect or []),
        fail_on.value if fail_on else None,
        tuple(_agreed_sources(agreed)),
    )
    if len(names) > 2 or not names:  # every step of the register (or of the drafts named); the gate is the net
        drafts_request = _drafts_request(names, config, revisions, pdf_engine, False, language)
        register_request = command.RegisterCheckRequest(drafts=drafts_request, rules=rules, since=since)
        checked, inputs = _run(lambda: command.run_register(register_request, _notify))
        _gate(checked, "checks", format, output, inputs, no_color, pager)
        return
    if since:
        fail("--since is for a check across three or more drafts (or the whole register)")
    second = names[1] if len(names) > 1 else None
    pair = _pair_request(names[0], second, label_old, label_new, config, revisions, pdf_engine, password, language)
    selection = Selection(paras=tuple(para or []), sections=tuple(section or []))
    request = command.CheckRequest(pair=pair, rules=rules, selection=selection)
    result = _run(lambda: command.run(request, _notify))
    inputs = (result.comparison.old.source, result.comparison.new.source)
    _gate(result, "check", format, output, inputs, no_color, pager)


def _gate(result, kind: str, format, output, inputs, no_color: bool, pager: bool) -> None:
    """check's delivery: the terminal view, or the format on stdout or a file; exit 1 when the gate fails."""
    if format.value == "terminal" and output is None:
        _show(result, kind, no_color=no_color, pager=pager)
    else:
        from .writers.registry import WriteOptions

        text = str(writer(format.value, kind).render(result, WriteOptions()))
        if output is None or str(output) == "-":
            _emit(text)
        else:
            from .output import write_atomic

            _run(lambda: write_atomic(output, text, inputs=tuple(Path(p) for p in inputs)))
    if result.failed:
        raise typer.Exit(1)


def _agreed_sources(values: list[Path] | None):
    """--agreed FILE or --agreed NAME=FILE: the agreed texts, named as they are cited."""
    from .rules.agreed import AgreedSource

    out = []
    for value in values or []:
        text = str(value)
        name, _, path = text.partition("=") if "=" in text and not Path(text).exists() else ("", "", text)
        file = Path(path)
        if not file.is_file():
            fail(f"--agreed {text}: no such file (give an adopted text: .docx, .pdf, .txt or .md)")
        out.append(AgreedSource(name or file.stem, file))
    return out


# --format choices come from the writer registry: a new writer is offered by itself
ExportFormat = StrEnum("ExportFormat", {name: name for name in formats_for("report")})  # type: ignore[misc]


@app.command()
def export(
    old: Annotated[str, typer.Argument(help="Old draft: a file, or a draft name.", show_default=False)],
    new: Annotated[
        str | None, typer.Argument(help="New draft (leave out for a tracked-changes .docx).", show_default=False)
    ] = None,
    output: Annotated[
        str, typer.Option("--output", "-o", help="File to write; its suffix picks the format. '-' for stdout.")
    ] = "",
    format: Annotated[
        ExportFormat | None, typer.Option("--format", "-f", help="Format, if not from the suffix.")
    ] = None,
    with_check: Annotated[bool, typer.Option("--check", help="Add the findings of draftdiff check.")] = False,
    protect: Annotated[list[str] | None, typer.Option("--protect", help="Protected phrase for --check.")] = None,
    all_paragraphs: Annotated[bool, typer.Option("--all", help="Include unchanged paragraphs in tables.")] = False,
    only: Annotated[
        list[ChangeKind] | None, typer.Option("--only", help="Only this kind of change in tables (repeatable).")
    ] = None,
    para: ParaOpt = None,
    section: SectionOpt = None,
    author: Annotated[str, typer.Option("--author", help="Author of the DOCX tracked changes.")] = "draftdiff",
    no_color: NoColorOpt = False,  # taken as every command takes it: export writes files, with no colour
    pager: PagerOpt = True,  # nor a pager
    bom: Annotated[bool, typer.Option("--bom", help="CSV: start with a UTF-8 BOM, for Excel.")] = False,
    ignore_case: IgnoreCaseOpt = False,
    ignore_punctuation: IgnorePunctuationOpt = False,
    label_old: LabelOldOpt = None,
    label_new: LabelNewOpt = None,
    config: ConfigOpt = None,
    revisions: RevisionsOpt = Revisions.accept,
    pdf_engine: EngineOpt = PdfEngine.pdfium,
    language: LanguageOpt = None,
    password: PasswordOpt = None,
) -> None:
    """Write the comparison to share: XLSX, CSV, Markdown, HTML, DOCX redline or JSON."""
    from .app import export as command
    from .diff.selection import Selection
    from .diff.wording import Options

    fmt = _export_format(format, output)
    request = command.ExportRequest(
        pair=_pair_request(old, new, label_old, label_new, config, revisions, pdf_engine, password, language),
        compare=Options(ignore_case, ignore_punctuation),
        with_check=with_check,
        protect=tuple(protect or []),
        include_unchanged=all_paragraphs,
        selection=Selection(frozenset(k.value for k in only or []), tuple(para or []), tuple(section or [])),
    )
    exported = _run(lambda: command.run(request, _notify))
    _write_export(exported, fmt, output, include_unchanged=all_paragraphs, author=author, bom=bom)


def _export_format(format, output: str) -> str:
    """export's format, from --format or the suffix of -o; checked before any draft is read."""
    if not output:
        fail("export needs --output FILE (or -o - for text formats on stdout)")
    fmt = format.value if format else format_of(output, "report") if output != "-" else None
    if fmt is None:
        fail(f"cannot tell the format of {output!r}: give --format {'|'.join(formats_for('report'))}")
    if output == "-" and _run(lambda: writer(fmt, "report")).binary:
        fail(f"{fmt} is binary: write it to a file with -o FILE")
    return fmt


def _write_export(exported, fmt: str, output: str, *, include_unchanged: bool, author: str, bom: bool) -> None:
    """export's delivery: rendered with a progress bar for long tables, on stdout or atomically to the file."""
    from . import exporting
    from .progress import no_progress, progress_bar

    comparison = exported.comparison
    progress = progress_bar(len(comparison.changes)) if output != "-" else no_progress()
    with progress as tick, _rendering(_run(lambda: writer(fmt, "report")).binary):
        payload = _run(
            lambda: exporting.render(
                comparison,
                fmt,
                check_result=exported.check,
                include_unchanged=include_unchanged,
                author=author,
                bom=bom,
                progress=tick,
                selected=exported.selected,
                notify=_notify,
            )
        )
    if output == "-":
        _emit(payload.decode("utf-8") if isinstance(payload, bytes) else payload)
        return
    from .output import write_atomic

    inputs = (Path(comparison.old.source), Path(comparison.new.source))
    target = _run(lambda: write_atomic(output, payload, inputs=inputs))
    sys.stderr.write(f"draftdiff: wrote {target} ({fmt}, {_count(len(comparison.differences), 'change')})\n")


def _deliver(result, kind: str, fmt: str, output: str | None, inputs: tuple[Path, ...], summary: str) -> None:
    """Render ``result`` as ``fmt``: on stdout, or atomically to ``output``
    with a one-line note on stderr (``summary`` says what was written)."""
    from .output import write_atomic
    from .writers.registry import WriteOptions

    spec = _run(lambda: writer(fmt, kind))
    with _rendering(spec.binary):
        payload = _run(lambda: spec.render(result, WriteOptions(no_color=True, width=120)))
    if not output or output == "-":
        if spec.binary:
            fail(f"{fmt} is binary: write it to a file with -o FILE")
        _emit(payload.decode("utf-8") if isinstance(payload, bytes) else payload)
        return
    target = _run(lambda: write_atomic(output, payload, inputs=inputs))
    sys.stderr.write(f"draftdiff: wrote {target} ({fmt}, {summary})\n")


def _rendering(binary: bool):
    """Where a binary writer's libraries put their temporary files: a folder of
    the run's own, removed after (lifecycle.private_temporary_folder)."""
    import contextlib

    from .lifecycle import private_temporary_folder

    return private_temporary_folder() if binary else contextlib.nullcontext()


def _count(n: int, noun: str) -> str:
    """ "1 phrase", "3 phrases": the one-line notes on stderr read as English."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _show(result, kind: str, *, no_color: bool = False, pager: bool = False, **extra) -> None:
    """The terminal writer's text on stdout: colours on a terminal (unless
    --no-color or NO_COLOR), a pager when it is long and paging is on."""
    import shutil

    from .writers.registry import WriteOptions

    tty = sys.stdout.isatty()
    forced = bool(os.environ.get("FORCE_COLOR"))
    plain = no_color or bool(os.environ.get("NO_COLOR")) or not (tty or forced)
    size = shutil.get_terminal_size()
    options = WriteOptions(**{"no_color": plain, "width": size.columns, **extra})
    text = str(_run(lambda: writer("terminal", kind).render(result, options)))
    _page_or_emit(text, pager)


def _page_or_emit(text: str, pager: bool) -> None:
    """A pager when stdout is a terminal, paging is on and the text is longer than the screen."""
    import shutil

    if sys.stdout.isatty() and pager and text.count("\n") >= shutil.get_terminal_size().lines - 1:
        import pydoc

        from .lifecycle import release_signals

        release_signals()  # the pager answers Ctrl-C itself
        os.environ.setdefault("LESS", "-FRX")
        pydoc.pager(text)
        return
    _emit(text)


def _emit(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `draftdiff parse x | head`: the reader went away; the rest goes
        # nowhere and the run ends with its own exit code (cli.run's streams
        # do this themselves; this is for a stdout that is not theirs)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


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
        from .lifecycle import no_room

        if reason := no_room(exc):  # a full disk or `ulimit -f`, met by a writer's own temporary files
            fail(f"cannot write the output ({reason}): free some space or raise the file size limit")
        if os.environ.get("DRAFTDIFF_DEBUG"):
            raise
        fail(f"unexpected {type(exc).__name__}: {exc} (set DRAFTDIFF_DEBUG=1 for details and please report it)")


@app.command()
def rules(
    rule: Annotated[
        str | None, typer.Argument(help="A rule code or name (DD102, hedge-added) to explain.", show_default=False)
    ] = None,
    no_color: NoColorOpt = False,
    pager: PagerOpt = True,
) -> None:
    """List check's rules, or explain one with its rationale and an example."""
    from .rules import RULES, example_segments, find_rule
    from .writers import terminal

    console = terminal.make_console(no_color=no_color)
    with console.capture() as captured:
        if rule is None:
            terminal.print_rules(RULES.values(), console)
        else:
            found = _run(lambda: find_rule(rule))
            terminal.print_rule(found, console, example_segments(found))
    _page_or_emit(captured.get(), pager)


def _readable_metavars(command) -> None:
    """--help shows TEXT, PATH or the choices, and nothing for a flag, not <bool> or <list[str]>."""
    import enum
    import typing

    for param in getattr(command, "params", []):
        if not hasattr(param, "is_flag"):  # an argument
            param.metavar = str(param.name).upper()
            continue
        if param.is_flag:
            param.metavar = ""
            continue
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        inner = typing.get_args(annotation)[0] if typing.get_args(annotation) else annotation
        choices = getattr(param.type, "choices", None)  # typer before 0.28: a click Choice
        if isinstance(inner, type) and issubclass(inner, enum.Enum):
            param.metavar = "|".join(str(member.value) for member in inner)
        elif choices:
            param.metavar = "|".join(str(getattr(choice, "value", choice)) for choice in choices)
        elif inner is Path or param.name in ("output", "config"):
            param.metavar = "FILE"
        else:
            param.metavar = "TEXT"
    for sub in getattr(command, "commands", {}).values():
        _readable_metavars(sub)


def _app_for(arguments: list[str]) -> typer.Typer:
    """The app with only the command being run, when the first argument names
    one: typer reads the signature and type hints of every command it builds,
    25 ms for all ten at every start. Anything else (no command, --help, a
    mistyped name) gets the whole app, for the whole help or the suggestion."""
    if not arguments:
        return app
    chosen = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or typer.main.get_command_name(info.callback.__name__)) == arguments[0]
    ]
    if not chosen:
        return app
    import copy

    single = copy.copy(app)
    single.registered_commands = chosen
    return single


def _end(code: object) -> NoReturn:
    """Exit without Python's teardown, once the output is flushed: every
    output file is already written and closed, and the system frees the
    memory at once where Python would free a comparison's millions of
    objects one by one (25 ms after 10,000 paragraphs). Output that cannot
    be flushed (a full disk) is an error, never a truncated success."""
    if code is not None and not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    import contextlib

    try:
        sys.stdout.flush()
    except OSError as exc:  # a reader that went away never gets here (see lifecycle)
        sys.stderr.write(f"draftdiff: error: cannot write to standard output ({exc.strerror or exc})\n")
        code = 2
    except ValueError:  # closed by someone else: nothing more to say
        pass
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code or 0)


def run() -> None:
    from .lifecycle import Interrupted, stop_now, take_over

    take_over()  # the streams (closed, broken or full) and the signals (one line, children ended)
    try:
        _command_line()
    except Interrupted as stopped:  # the run has unwound (or was ending): make sure of it, and end
        stop_now(stopped.signum)


def _command_line() -> None:
    import logging

    from .execution import own_process_collector
    from .lifecycle import StreamWriteError

    own_process_collector()  # the command line owns its process: the collector runs rarely

    # third-party libraries (pdfminer) log on stderr; the user sees our one line
    logging.getLogger().setLevel(logging.CRITICAL if not os.environ.get("DRAFTDIFF_VERBOSE") else logging.DEBUG)
    for name in ("pdfminer", "pdfplumber", "PIL", "fontTools"):
        logging.getLogger(name).setLevel(logging.CRITICAL if not os.environ.get("DRAFTDIFF_VERBOSE") else logging.DEBUG)
    try:
        command = typer.main.get_command(_app_for(sys.argv[1:]))
        _readable_metavars(command)
        command(prog_name="draftdiff")
    except SystemExit as done:  # how click ends every run, success included
        _end(done.code)
    except StreamWriteError as exc:
        sys.stderr.write(f"draftdiff: error: cannot write to standard output ({exc.strerror or exc})\n")
        _end(2)
    except MemoryError:
        code = 2  # never a traceback, never 1 (check's "findings")
    except RecursionError:
        code = 2
    except Exception as exc:  # a bug of ours outside _run: still one line, never a traceback
        if os.environ.get("DRAFTDIFF_DEBUG"):
            raise
        from .normalize import visible_controls

        line = visible_controls(" ".join(f"{type(exc).__name__}: {exc}".split()))
        sys.stderr.write(
            f"draftdiff: error: unexpected {line} (set DRAFTDIFF_DEBUG=1 for details and please report it)\n"
        )
        sys.exit(2)
    else:
        return
    # the exception (and the memory it holds) is released before we write
    sys.stderr.write("draftdiff: error: out of memory or nesting too deep while reading the input\n")
    sys.exit(code)
