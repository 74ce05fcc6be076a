"""refs in every format: one row per reference (terminal, CSV, XLSX,
Markdown), the draftdiff.refs/1 JSON, and an HTML page with each comment,
its references highlighted and linked to the paragraph's text now."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..negotiation.refs import Reference, Refs
from . import markup
from .markdown import escape as _md
from .page import page
from .untrusted import html_escape as escape
from .untrusted import html_name
from .untrusted import name as safe_name
from .untrusted import text as safe_text

COLUMNS = (
    "Comment",
    "Author",
    "Organisation",
    "Reference",
    "Draft",
    "Ids",
    "Now",
    "Outcome",
    "Text now",
)


def _draft(refs: Refs, reference: Reference) -> str:
    if reference.external:
        return f"other document: {reference.external}"
    return refs.history.drafts[reference.draft].label if reference.draft is not None else ""


# what a reader calls it: the JSON's "moved" (kept for its readers) is a paragraph renumbered
_SHOWN_OUTCOME = {"moved": "renumbered"}


def _outcome(refs: Refs, now) -> str:
    """ "renumbered", "deleted in Rev 3": the outcome, the draft named by its label."""
    shown = _SHOWN_OUTCOME.get(now.outcome, now.outcome)
    if not now.step:
        return shown
    names = list(refs.history.names)
    step = refs.history.drafts[names.index(now.step)].label if now.step in names else now.step
    return f"{shown} in {step}"


def _now(refs: Refs, reference: Reference) -> tuple[str, str]:
    """("13", "renumbered") for every cited id, joined."""
    if reference.external:
        return "", "external"
    ids, outcomes = [], []
    for para_id in reference.ids:
        now = reference.now.get(para_id)
        if now is None:
            continue
        ids.append(f"{para_id} → {', '.join(now.ids) or '—'}")
        outcomes.append(_outcome(refs, now))
    if reference.missing:
        ids.append(f"not in the draft: {', '.join(reference.missing)}")
        outcomes.append("not found" + (f" (nearest: {', '.join(reference.nearest)})" if reference.nearest else ""))
    return "; ".join(ids), "; ".join(outcomes)


def rows(refs: Refs) -> list[list[str]]:
    out = []
    for reference in refs.references:
        now_ids, outcome = _now(refs, reference)
        texts = "\n".join(f"{k}: {safe_text(v.text)}" for k, v in reference.now.items() if v.text)
        out.append(
            [
                str(reference.comment.index),
                safe_name(reference.comment.author),
                safe_name(reference.comment.organisation),
                safe_text(reference.text),
                _draft(refs, reference),
                ", ".join(reference.ids),
                now_ids,
                outcome,
                texts,
            ]
        )
    return out


def print_refs(refs: Refs, console: Console) -> None:
    history = refs.history
    console.print(
        Text(
            f"{len(refs.references)} references in {len(refs.comments)} comments on "
            f"{history.drafts[refs.on].label}, followed to {history.drafts[refs.to].label}",
            style="bold",
        )
    )
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    for name in ("#", "who", "reference", "draft", "now", "outcome"):
        table.add_column(name, overflow="fold")
    for row, reference in zip(rows(refs), refs.references, strict=True):
        who = safe_name(reference.comment.organisation or reference.comment.author)
        style = "dim" if reference.external else ("red" if not reference.found else "")
        table.add_row(row[0], who, row[3], row[4], row[6], Text(row[7], style=style))
    console.print(table)
    if refs.proposals:
        console.print(Text("\nProposals", style="bold"))
        proposals = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
        for name in ("#", "who", "para", "words", "status"):
            proposals.add_column(name, overflow="fold")
        for proposal in refs.proposals:
            status = proposal.status
            if proposal.draft is not None:
                status += f" in {history.drafts[proposal.draft].label} ({', '.join(proposal.ids)})"
            if proposal.matched:
                status += f': "{safe_text(proposal.matched)}"'
            style = {"adopted": "green", "partly": "yellow"}.get(proposal.status, "")
            proposals.add_row(
                str(proposal.comment.index),
                safe_name(proposal.comment.who),
                safe_text(proposal.para),
                safe_text(proposal.words),
                Text(status, style=style),
            )
        console.print(proposals)
        console.print(Text("\nUptake", style="bold"))
        uptake = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
        for name in ("who", "proposals", "adopted", "partly"):
            uptake.add_column(name)
        for who, counts in refs.uptake().items():
            uptake.add_row(safe_name(who), str(counts["proposals"]), str(counts["adopted"]), str(counts["partly"]))
        console.print(uptake)


def terminal_text(refs: Refs, *, no_color: bool, width: int) -> str:
    from .terminal import make_console

    buffer = io.StringIO()
    console = make_console(no_color=no_color, width=width, file=buffer, force_terminal=not no_color)
    print_refs(refs, console)
    return buffer.getvalue()


def json_document(refs: Refs) -> str:
    from .json import dumps

    return dumps(refs.to_json(lazy=True))


def csv_document(refs: Refs, *, bom: bool = False) -> bytes:
    from .csv import table

    return table(COLUMNS, rows(refs), bom=bom)


def markdown_document(refs: Refs) -> str:
    lines = ["| " + " | ".join(COLUMNS[:8]) + " |", "|" + "---|" * 8]
    for row in rows(refs):
        lines.append("| " + " | ".join(_md(v) for v in row[:8]) + " |")
    if refs.proposals:
        lines += ["", "| Comment | Who | Para | Proposed words | Status |", "|---|---|---|---|---|"]
        for p in refs.proposals:
            lines.append(
                f"| {p.comment.index} | {_md(safe_name(p.comment.who))} | {_md(p.para)} | {_md(p.words)} | {p.status} |"
            )
    return "\n".join(lines) + "\n"


def xlsx_document(refs: Refs) -> bytes:
    from .spreadsheet import Column, Workbook

    book = Workbook()
    widths = (9, 18, 22, 26, 16, 14, 22, 22, 70)
    sheet = book.sheet("References", [Column(n, w) for n, w in zip(COLUMNS, widths, strict=True)])
    for row in rows(refs):
        sheet.append(row)
    names = ("Comment", "Author", "Organisation", "Para", "Draft", "Proposed words", "Status", "In", "Ids")
    widths = (9, 18, 22, 10, 16, 50, 30, 16, 14)
    proposals = book.sheet("Proposals", [Column(n, w) for n, w in zip(names, widths, strict=True)])
    drafts = refs.history.drafts
    for p in refs.proposals:
        proposals.append(
            [
                str(p.comment.index),
                safe_name(p.comment.author),
                safe_name(p.comment.organisation),
                p.para,
                drafts[p.reference.draft].label if p.reference.draft is not None else "",
                p.words,
                p.status + (f': "{p.matched}"' if p.matched else ""),
                drafts[p.draft].label if p.draft is not None else "",
                ", ".join(p.ids),
            ]
        )
    uptake = book.sheet(
        "Uptake",
        [Column("Author or organisation", 30), Column("Proposals", 12), Column("Adopted", 12), Column("Partly", 12)],
    )
    for who, counts in refs.uptake().items():
        uptake.append([safe_name(who), counts["proposals"], counts["adopted"], counts["partly"]])
    return book.to_bytes()


_CSS = """
body { font: 15px/1.5 Georgia, serif; color: #1b1f24; margin: 0; background: #f6f7f9; }
main { max-width: 1000px; margin: 0 auto; padding: 0 24px 40px; }
h1 { font: 600 1.3rem system-ui, sans-serif; margin: 20px 0 6px; }
.comment { background: #fff; border: 1px solid #d9dee5; border-radius: 6px; padding: 10px 16px; margin: 12px 0; }
.who { font: 600 13px system-ui, sans-serif; color: #2f6db5; }
mark { background: #fff2cc; padding: 0 2px; } mark.external { background: #eee; } mark.missing { background: #f8d7da; }
details { font: 13px/1.45 system-ui, sans-serif; margin: 6px 0 0; }
.outcome { color: #5f6b7a; } del { color: #b00020; background: #fde8eb; }
ins { color: #00703c; background: #e5f5ec; text-decoration: underline; }
h2 { font: 600 1.1rem system-ui, sans-serif; margin: 24px 0 6px; }
table { border-collapse: collapse; font: 13px/1.4 system-ui, sans-serif; background: #fff; }
td, th { border: 1px solid #d9dee5; padding: 3px 8px; text-align: left; vertical-align: top; }
"""


def html_document(refs: Refs) -> str:
    history = refs.history
    by_comment: dict[int, list[Reference]] = {}
    for reference in refs.references:
        by_comment.setdefault(reference.comment.index, []).append(reference)
    items = []
    for comment in refs.comments:
        references = by_comment.get(comment.index, [])
        text = comment.text
        pieces = []
        cursor = 0
        for n, reference in enumerate(references):
            css = "external" if reference.external else ("missing" if not reference.found else "")
            pieces.append(escape(text[cursor : reference.start]))
            target = f"r{comment.index}-{n}"
            pieces.append(
                f'<a href="#{target}"><mark class="{css}">{escape(text[reference.start : reference.end])}</mark></a>'
            )
            cursor = reference.end
        pieces.append(escape(text[cursor:]))
        details = []
        for n, reference in enumerate(references):
            now_ids, outcome = _now(refs, reference)
            body = ""
            for para_id, now in reference.now.items():
                if now.segments and now.outcome != "deleted":
                    body += (
                        f"<p><b>{escape(para_id)} → {escape(', '.join(now.ids))}</b> "
                        f"({escape(_SHOWN_OUTCOME.get(now.outcome, now.outcome))}): {_segments(now.segments)}</p>"
                    )
            details.append(
                f'<details id="r{comment.index}-{n}"><summary>{escape(reference.text)} · '
                f"{escape(_draft(refs, reference))} · <span class=outcome>{escape(now_ids)} {escape(outcome)}</span>"
                f"</summary>{body}</details>"
            )
        who = " · ".join(html_name(x) for x in (comment.author, comment.organisation, comment.date) if x) or "(unknown)"
        items.append(
            f'<section class="comment"><div class="who">#{comment.index} {who}</div>'
            f"<p>{''.join(pieces)}</p>{''.join(details)}</section>"
        )
    title = f"Comments on {history.drafts[refs.on].label}, followed to {history.drafts[refs.to].label}"
    body = f"""<main>
<h1>{escape(title)}</h1>
{"".join(items)}
{_proposals_html(refs)}
</main>"""
    return page(f"{escape(title)} · draftdiff", _CSS, body)


def _proposals_html(refs: Refs) -> str:
    """The proposals (words a comment asked to add or use) and their uptake, per author or organisation."""
    if not refs.proposals:
        return ""
    names = refs.history.names
    rows = "".join(
        f"<tr><td>{p.comment.index}</td><td>{html_name(p.comment.who)}</td><td>{escape(p.para)}</td>"
        f"<td>{escape(p.words)}</td><td>{escape(p.status)}</td>"
        f"<td>{escape(names[p.draft]) if p.draft is not None else ''}</td><td>{escape(', '.join(p.ids))}</td></tr>"
        for p in refs.proposals
    )
    uptake = "".join(
        f"<tr><td>{html_name(who)}</td><td>{row['proposals']}</td><td>{row['adopted']}</td><td>{row['partly']}</td></tr>"
        for who, row in refs.uptake().items()
    )
    return (
        "<h2>Proposals</h2><table><thead><tr><th>Comment</th><th>Who</th><th>Para</th><th>Proposed words</th>"
        f"<th>Status</th><th>In</th><th>Ids</th></tr></thead><tbody>{rows}</tbody></table>"
        "<h2>Uptake</h2><table><thead><tr><th>Who</th><th>Proposals</th><th>Adopted</th><th>Partly</th></tr></thead>"
        f"<tbody>{uptake}</tbody></table>"
    )


def _segments(segments) -> str:
    return markup.render(
        segments,
        equal=escape,
        delete=lambda s: f"<del>{escape(s)}</del>",
        insert=lambda s: f"<ins>{escape(s)}</ins>",
    )
