"""One self-contained HTML file: no network requests, readable in print.

An inline view and a side-by-side view, a summary whose counts filter the
changes, a list of changes that links to each paragraph, and print styles.
"""

from __future__ import annotations

from . import markup
from .page import page
from .table import Row, partial_anchor
from .untrusted import html_escape as escape
from .untrusted import html_name

_CSS = """
:root { --del: #b00020; --ins: #00703c; --muted: #5f6b7a; --line: #d9dee5; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: #1b1f24; margin: 0; background: #f6f7f9; }
header, main, nav { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
.files { color: var(--muted); font: 13px/1.4 system-ui, sans-serif; margin: 0 0 12px; }
.summary { display: flex; flex-wrap: wrap; gap: 6px; margin: 12px 0; font: 13px system-ui, sans-serif; }
.summary button { border: 1px solid var(--line); background: #fff; border-radius: 14px; padding: 3px 10px;
  cursor: pointer; font: inherit; }
.summary button[aria-pressed="true"] { background: #1b1f24; color: #fff; border-color: #1b1f24; }
.summary button:disabled { opacity: .45; cursor: default; }
.controls { font: 13px system-ui, sans-serif; margin: 8px 0 16px; display: flex; gap: 16px; align-items: center; }
nav { font: 13px system-ui, sans-serif; }
nav details { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; }
nav ol { columns: 3 220px; margin: 8px 0; padding-left: 18px; }
nav a { color: inherit; }
.change { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--line); border-radius: 6px;
  padding: 10px 16px; margin: 12px 0; break-inside: avoid; }
.change.k-modified { border-left-color: #c98a00; } .change.k-added { border-left-color: var(--ins); }
.change.k-deleted { border-left-color: var(--del); } .change.k-split, .change.k-merged { border-left-color: #7b3fa0; }
.change.k-moved, .change.k-renumbered { border-left-color: #2f6db5; }
.change h2 { font: 600 14px/1.4 system-ui, sans-serif; margin: 0 0 6px; }
.change h2 .kind { font-weight: 400; color: var(--muted); }
.change h2 .section { font-weight: 400; color: var(--muted); }
.text { margin: 0; }
del { color: var(--del); text-decoration: line-through; background: #fde8eb; }
ins { color: var(--ins); text-decoration: underline; background: #e5f5ec; }
.sbs { display: none; grid-template-columns: 1fr 1fr; gap: 16px; }
.sbs .label { font: 12px system-ui, sans-serif; color: var(--muted); }
body.view-sbs .inline { display: none; } body.view-sbs .sbs { display: grid; }
.findings { margin: 8px 0 0; padding: 6px 10px; background: #fff8e1; border-radius: 4px; font: 13px system-ui, sans-serif; }
.findings li { list-style: none; } .sev-error { color: var(--del); font-weight: 600; }
.sev-warning { color: #8a5a00; font-weight: 600; } .sev-info { color: var(--muted); }
.hidden { display: none; }
.brackets { margin: 6px 0 0; font: 13px system-ui, sans-serif; color: #7b3fa0; }
.with-comments { display: grid; grid-template-columns: minmax(0, 1fr) 260px; gap: 16px; }
aside.comments { font: 13px/1.4 system-ui, sans-serif; border-left: 3px solid #2f6db5; padding-left: 10px; }
aside.comments p { margin: 0 0 6px; } aside.comments .who { font-weight: 600; color: #2f6db5; }
aside.comments .when, aside.comments .on { color: var(--muted); }
.authors { font: 13px system-ui, sans-serif; color: #2f6db5; margin: 4px 0; }
footer { max-width: 1100px; margin: 24px auto; padding: 0 24px; color: var(--muted); font: 12px system-ui, sans-serif; }
@media print {
  body { background: #fff; font-size: 11pt; }
  .summary button { border: none; padding: 0 6px 0 0; }
  .controls, nav { display: none; }
  .change { border: none; border-left: 3px solid #999; border-radius: 0; margin: 8px 0; padding: 4px 10px; }
  .hidden { display: block; }
  .with-comments { grid-template-columns: minmax(0, 1fr) 200px; }
  body.view-sbs .inline { display: block; } body.view-sbs .sbs { display: none; }
  del { background: none; } ins { background: none; }
}
"""

_JS = """
(function () {
  var active = new Set();
  var buttons = document.querySelectorAll('.summary button[data-kind]');
  var changes = document.querySelectorAll('.change');
  function apply() {
    var shown = 0;
    changes.forEach(function (el) {
      var kinds = el.getAttribute('data-kinds').split(' ');
      var visible = active.size === 0 || kinds.some(function (k) { return active.has(k); });
      el.classList.toggle('hidden', !visible);
      if (visible) { shown += 1; }
    });
    document.getElementById('shown').textContent = shown;
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      var kind = b.getAttribute('data-kind');
      if (active.has(kind)) { active.delete(kind); } else { active.add(kind); }
      b.setAttribute('aria-pressed', active.has(kind) ? 'true' : 'false');
      apply();
    });
  });
  document.getElementById('view').addEventListener('change', function (e) {
    document.body.classList.toggle('view-sbs', e.target.value === 'sbs');
  });
  // Links such as report.html#only=modified,moved open with a filter set.
  var match = /^#only=([a-z,]+)$/.exec(window.location.hash);
  if (match) {
    match[1].split(',').forEach(function (kind) {
      var b = document.querySelector('.summary button[data-kind="' + kind + '"]');
      if (b && !b.disabled) { active.add(kind); b.setAttribute('aria-pressed', 'true'); }
    });
  }
  apply();
})();
"""


def _segments_html(segments: list[tuple[str, str]], keep: tuple[str, ...] = markup.EVERYTHING) -> str:
    return markup.render(
        segments,
        equal=escape,
        delete=lambda s: f"<del>{escape(s)}</del>",
        insert=lambda s: f"<ins>{escape(s)}</ins>",
        keep=keep,
    )


_FRONT = "(before the first heading)"


def _section_navigator(rows: list[Row]) -> str:
    """Sections with their counts of changes, each linking to its first change
    (sections that differ only in case are one)."""
    first: dict[str, Row] = {}
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        key = (row.section or _FRONT).casefold()
        first.setdefault(key, row)
        kinds = counts.setdefault(key, {})
        kinds[row.kind] = kinds.get(row.kind, 0) + 1
    if len(counts) < 2:
        return ""
    items = "".join(
        f'<li><a href="#{first[key].anchor}">{escape(first[key].section or _FRONT)}</a> '
        f'<span class="counts">{escape(", ".join(f"{n} {kind}" for kind, n in kinds.items()))}</span></li>'
        for key, kinds in counts.items()
    )
    return f'<details open class="sections"><summary>Sections ({len(counts)})</summary><ul>{items}</ul></details>'


def _comments_html(change) -> str:
    """The reviewers' comments beside the paragraph they are anchored in."""
    two_sides = bool(change.old) and bool(change.new) and change.kind != "unchanged"
    notes = []
    for side, comment in change.comments:
        when = f' <span class="when">{escape(comment.date[:10])}</span>' if comment.date else ""
        tag = f' <span class="when">({side})</span>' if two_sides else ""
        paragraphs = change.old if side == "old" else change.new
        on = (
            f'<br><span class="on">on “{escape(comment.anchor[:120])}”</span>'
            if partial_anchor(comment, paragraphs)
            else ""
        )
        notes.append(
            f'<p><span class="who">{html_name(comment.author or "(unknown)")}</span>{when}{tag}: '
            f"{escape(comment.text)}{on}</p>"
        )
    return f'<aside class="comments" aria-label="Comments">{"".join(notes)}</aside>'


def _authors_html(comparison) -> str:
    by_author = comparison.comments_by_author
    lines = []
    for side, draft in (("old", comparison.old), ("new", comparison.new)):
        counts = sorted(by_author[side].items(), key=lambda kv: -kv[1])
        if counts:
            listed = ", ".join(f"{html_name(name)} {n}" for name, n in counts)
            lines.append(
                f'<p class="authors">Comments in {escape(draft.label)}: {sum(by_author[side].values())} ({listed})</p>'
            )
    return "".join(lines)


def document(comparison, rows: list[Row], *, with_findings: bool) -> str:
    old, new = comparison.old, comparison.new
    title = f"{old.label} → {new.label}"
    summary = comparison.summary
    present = {k for row in rows for k in row.change.labels}
    buttons = "".join(
        f'<button type="button" data-kind="{key}" aria-pressed="false"{"" if key in present else " disabled"}>'
        f"{count} {key}</button>"
        for key, count in summary.items()
    )
    sections = _section_navigator(rows)
    units = [unit.line for unit in comparison.sections if unit.status != "unchanged"]
    if units:  # articles renumbered, retitled, added or deleted as units
        sections = (
            f'<details open class="units"><summary>Articles and sections ({len(units)})</summary><ul>'
            + "".join(f"<li>{escape(line)}</li>" for line in units)
            + "</ul></details>"
            + sections
        )
    items = []
    contents = []
    for row in rows:
        change = row.change
        labels = change.labels
        kinds = " ".join(labels)
        classes = " ".join(f"k-{k}" for k in labels)
        anchor = row.anchor
        change_title, kind = escape(change.heading), escape(row.kind)
        contents.append(f'<li><a href="#{anchor}">{change_title}</a> {kind}</li>')
        heading = (
            f'<h2>{change_title} <span class="kind">{kind}</span>'
            f"{' · <span class=section>' + escape(row.section) + '</span>' if row.section else ''}</h2>"
        )
        if change.kind == "unchanged":
            new_text = escape(row.new_text)
            old_text = new_text if row.old_text == row.new_text else escape(row.old_text)
            body = f'<p class="text inline" dir="auto">{new_text}</p>'
            sbs = f'<div class="sbs"><p class="text" dir="auto">{old_text}</p><p class="text" dir="auto">{new_text}</p></div>'
        else:
            body = f'<p class="text inline" dir="auto">{_segments_html(row.segments)}</p>'
            sbs = (
                '<div class="sbs">'
                f'<div><div class="label">{escape(old.label)}</div><p class="text" dir="auto">'
                f"{_segments_html(row.segments, ('equal', 'delete'))}</p></div>"
                f'<div><div class="label">{escape(new.label)}</div><p class="text" dir="auto">'
                f"{_segments_html(row.segments, ('equal', 'insert'))}</p></div></div>"
            )
        findings = ""
        if with_findings and row.findings:
            lines = "".join(
                f'<li><span class="sev-{f.severity}">{f.rule} {f.severity}{" (waived)" if f.waived else ""}</span>: '
                f"{escape(f.message)}</li>"
                for f in row.findings
            )
            findings = f'<ul class="findings">{lines}</ul>'
        resolved = "".join(f"<li>{escape(item['message'])}</li>" for item in change.brackets)
        if resolved:
            findings += f'<ul class="brackets">{resolved}</ul>'
        content = f"{body}{sbs}{findings}"
        if change.comments:
            content = f'<div class="with-comments"><div>{content}</div>{_comments_html(change)}</div>'
        items.append(
            f'<section class="change {classes}" id="{anchor}" data-kinds="{escape(kinds)}">{heading}{content}</section>'
        )
    toc = "".join(contents)
    no_changes = "<p>No differences.</p>" if not rows else ""
    body = f"""<header>
<h1>{escape(title)}</h1>
<p class="files">{escape(old.label)}: {escape(str(old.source))} ({len(old.paragraphs)} paragraphs) →
{escape(new.label)}: {escape(str(new.source))} ({len(new.paragraphs)} paragraphs)</p>
<div class="summary" role="group" aria-label="Filter by kind of change">{buttons}</div>
{_authors_html(comparison)}
<div class="controls">
<label>View <select id="view"><option value="inline">inline</option><option value="sbs">side by side</option></select></label>
<span><span id="shown">…</span> of {len(rows)} changes shown</span>
</div>
</header>
<nav>{sections}<details><summary>All changes ({len(rows)})</summary><ol>{toc}</ol></details></nav>
<main>
{no_changes}{"".join(items)}
</main>
<footer>Made by draftdiff. Deletions <del>struck through</del>, insertions <ins>underlined</ins>.</footer>"""
    return page(f"{escape(title)} · draftdiff", _CSS, body, script=_JS)
