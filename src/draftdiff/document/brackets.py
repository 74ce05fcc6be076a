"""Square brackets and options: the disagreements a negotiating text carries.

A reader-independent pass over a paragraph's text. It finds

- bracketed spans, nested ones included (``[developed country Parties][all
  Parties]``, ``[[an] adaptation communication[s]]``), each with its depth;
- alternatives: adjacent spans at one depth (``[shall][should]``, ``[A] [B]``)
  and slashes inside one span (``[A/B]``);
- placeholders (``[…]``, ``[X]``, ``{…}``, ``[Placeholder …]``);
- options: a paragraph that opens with "Option 1:", "Option A", "Alt." (or
  holds several inline).

Unbalanced brackets are reported, never raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPTION_RE = re.compile(
    r"^\s*\[?\s*(?P<label>(?:Option|Alternative)\s+(?:\d{1,2}|[A-Z]|[IVX]{1,4})(?=\s*[:.)\]])"
    r"|Alt\.?\s*\d{1,2}(?=\W|$)|Alt\.)",
    re.I,
)
_INLINE_OPTION_RE = re.compile(r"(?:^|[\s;\[])(?P<label>Option\s+(?:\d{1,2}|[A-Z]))\s*:", re.I)
_PLACEHOLDER_RE = re.compile(r"^\s*(?:…|\.\.\.|x|X|\*?placeholder\b.*|)\s*$", re.I | re.S)
_WORD_RE = re.compile(r"[^\W_]+")
_BRACKET_RE = re.compile(r"[\[\]]")
# Spans nested deeper than this are paired and counted but not listed: each
# span holds the text inside it, so 40,000 nested brackets listed 40,000
# copies of the paragraph (3.9 GB). Real negotiating texts nest three or four deep.
MAX_DEPTH = 16
# Pairs listed per paragraph (the first, in reading order): the most bracketed
# real paragraphs hold a few dozen, and what reads the spans stays linear.
MAX_SPANS = 1_000
_BRACKET_SPLIT_RE = re.compile(r"([\[\]])")


@dataclass(frozen=True)
class Span:
    start: int  # index of "["
    end: int  # index after "]"
    depth: int  # 1 for an outer bracket
    text: str  # what stands inside, brackets of nested spans included

    @property
    def inner(self) -> str:
        """The words without any bracket characters."""
        return " ".join(self.text.replace("[", " ").replace("]", " ").split())

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "depth": self.depth, "text": self.text}


@dataclass
class Brackets:
    spans: list[Span] = field(default_factory=list)
    alternatives: list[list[Span]] = field(default_factory=list)  # groups of two or more
    placeholders: list[Span] = field(default_factory=list)
    option: str = ""  # "Option 1" when the paragraph is one option of a block
    inline_options: list[str] = field(default_factory=list)
    unbalanced: int = 0  # brackets left open or closed without an opening

    @property
    def open(self) -> bool:
        return bool(self.spans or self.option or self.inline_options)

    @property
    def bracketed_words(self) -> int:
        """Words inside outer brackets (each word once, however deep)."""
        return sum(len(_WORD_RE.findall(s.text)) for s in self.spans if s.depth == 1)

    def to_json(self) -> dict:
        out: dict = {
            "spans": [s.to_json() for s in self.spans],
            "alternatives": [[s.inner for s in group] for group in self.alternatives],
        }
        if self.placeholders:
            out["placeholders"] = [s.text for s in self.placeholders]
        if self.option:
            out["option"] = self.option
        if self.inline_options:
            out["inline_options"] = self.inline_options
        if self.unbalanced:
            out["unbalanced"] = self.unbalanced
        return out


def may_hold_brackets(text: str) -> bool:
    """A cheap first look: could this text hold a bracket, a placeholder or an
    option label ("Option 2", "option", "Alt. 1")? Most paragraphs of a late
    draft hold none, and substring tests are far cheaper than the scan."""
    return "[" in text or "]" in text or "{" in text or "ption" in text or "Alt" in text


def may_open_with_option(text: str) -> bool:
    """A cheap first look: could this paragraph open with an option label?"""
    return "ption" in text[:12] or "Alt" in text[:5]


def scan(text: str) -> Brackets:
    """The brackets, alternatives, placeholders and option label of one paragraph."""
    out = Brackets()
    if not may_hold_brackets(text):
        return out  # most paragraphs of a late draft: nothing to look for
    stack: list[int] = []
    spans: list[Span] = []
    for match in _BRACKET_RE.finditer(text):
        index, ch = match.start(), match.group()
        if ch == "[":
            stack.append(index)
        elif ch == "]":
            if not stack:
                out.unbalanced += 1
                continue
            start = stack.pop()
            if len(stack) < MAX_DEPTH:
                spans.append(Span(start, index + 1, len(stack) + 1, text[start + 1 : index]))
    out.unbalanced += len(stack)
    out.spans = sorted(spans, key=lambda s: s.start)[:MAX_SPANS]
    for span in out.spans:
        if _PLACEHOLDER_RE.match(span.text):
            out.placeholders.append(span)
    for m in re.finditer(r"\{(…|\.\.\.|x|X)\}", text):
        out.placeholders.append(Span(m.start(), m.end(), 1, m.group(1)))
    out.alternatives = _alternatives(text, out.spans)
    option = _OPTION_RE.match(text)
    if option:
        out.option = " ".join(option["label"].split()).rstrip(".")
    inline = [" ".join(m["label"].split()) for m in _INLINE_OPTION_RE.finditer(text)]
    if len(inline) > 1:
        out.inline_options = inline
    return out


def _alternatives(text: str, spans: list[Span]) -> list[list[Span]]:
    """Adjacent spans of one depth ("[A][B]", "[A] [B]"), and one span holding
    slashes between words ("[A/B]")."""
    groups: list[list[Span]] = []
    by_depth: dict[int, list[Span]] = {}
    for span in spans:
        by_depth.setdefault(span.depth, []).append(span)
    for same in by_depth.values():
        current: list[Span] = []
        for span in same:
            if current and re.fullmatch(r"[ \t\u00a0]*", text[current[-1].end : span.start]):
                current.append(span)
            else:
                if len(current) > 1:
                    groups.append(current)
                current = [span]
        if len(current) > 1:
            groups.append(current)
    for span in spans:
        if "[" not in span.text and re.search(r"\w\s*/\s*\w", span.text) and not re.search(r"\d/\w", span.text):
            parts = [p.strip() for p in span.text.split("/")]
            # "[shall/should]", "[developed/all] Parties": short choices, not a sentence with a slash in it
            if len(parts) > 1 and all(parts) and all(len(p.split()) <= 4 for p in parts):
                groups.append([Span(span.start, span.end, span.depth, p) for p in parts])
    return sorted(groups, key=lambda g: g[0].start)


@dataclass
class Counts:
    brackets: int = 0
    alternatives: int = 0  # groups of alternatives
    options: int = 0  # option blocks
    bracketed_words: int = 0
    open_paragraphs: int = 0
    placeholders: int = 0
    unbalanced: int = 0

    def to_json(self) -> dict:
        return {
            "brackets": self.brackets,
            "alternatives": self.alternatives,
            "options": self.options,
            "bracketed_words": self.bracketed_words,
            "open_paragraphs": self.open_paragraphs,
            "placeholders": self.placeholders,
            "unbalanced": self.unbalanced,
        }


def unbalanced(texts: list[str]) -> int:
    """Square brackets without a partner, paired over the whole draft as
    :func:`counts` pairs them: the reader's warning needs no more than this."""
    return problems(texts)[0]


def problems(texts: list[str]) -> tuple[int, int, int]:
    """The reader's warnings, in one pass: brackets without a partner (paired
    over the whole draft as :func:`counts` pairs them), and the paragraphs
    whose brackets :func:`scan` does not all list: nested deeper than
    MAX_DEPTH, or more than MAX_SPANS pairs."""
    depth = lone_closers = too_deep = too_many = 0
    for text in texts:
        if "[" not in text and "]" not in text:
            continue
        local = pairs = 0  # the nesting inside this paragraph and its pairs, as scan sees them
        deep = False
        for bracket in _BRACKET_RE.findall(text):
            if bracket == "[":
                depth += 1
                local += 1
            else:
                if depth:
                    depth -= 1
                else:
                    lone_closers += 1
                if local:
                    deep = deep or local > MAX_DEPTH
                    pairs += local <= MAX_DEPTH
                    local -= 1
        too_deep += deep
        too_many += pairs > MAX_SPANS
    return lone_closers + depth, too_deep, too_many


def carried(texts: list[str], headings: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Per text, the brackets paired over the whole draft that are open where it
    starts and where it ends: ``"[" * lead + text + "]" * trail`` closes them,
    so a paragraph inside "[Option 1: … ]" over several paragraphs reads as
    bracketed on its own. A bracket never closed brackets nothing, and one
    around headings (the numbers of ``headings``: "[ The Parties to this
    Agreement, … Article 1 … ]") says nothing is agreed until everything is:
    it brackets no provision more than another, so it is left out."""
    events: list[tuple[int, str]] = [
        (number, bracket)
        for number, text in enumerate(texts)
        if "[" in text or "]" in text
        for bracket in _BRACKET_RE.findall(text)
    ]
    matched = [False] * len(events)
    stack: list[int] = []
    for index, (_, bracket) in enumerate(events):
        if bracket == "[":
            stack.append(index)
        elif stack:
            start = stack.pop()
            opened_in, closed_in = events[start][0], events[index][0]
            if not any(opened_in < h <= closed_in for h in headings):
                matched[start] = matched[index] = True
    delta = [0] * (len(texts) + 1)  # matched brackets opened minus closed in each text
    for index, (number, bracket) in enumerate(events):
        if matched[index]:
            delta[number] += 1 if bracket == "[" else -1
    out, level = [], 0
    for number in range(len(texts)):
        lead = level
        level += delta[number]
        out.append((lead, level))
    return out


def counts(texts: list[str]) -> Counts:
    """A draft's counts. Brackets are paired over the whole draft, since a
    bracket may open in one paragraph and close paragraphs later ("[Option 1:
    … ]"): every pair is one bracket, nested ones included. Groups of
    alternatives, option blocks (each opens with its first option: "Option
    1", "Option A"; a paragraph with inline options is one), words inside
    brackets, placeholders and paragraphs with open text are counted per
    paragraph."""
    out = Counts()
    # (paragraph, "[" | "]" | "o" | "w", words) in reading order; a run of
    # words between brackets is one token, so the pass is per bracket, not per word
    tokens: list[tuple[int, str, int]] = []
    pending = 0  # "[" seen minus "]" seen: while positive, words may be inside a bracket
    for number, text in enumerate(texts):
        found = scan(text)
        out.alternatives += len(found.alternatives)
        out.placeholders += len(found.placeholders)
        if found.option and re.search(r"(?:\s|^|\.)(?:1|A|I)$", found.option):
            out.options += 1
        if found.inline_options:
            out.options += 1
        if found.option or found.inline_options or found.alternatives:
            tokens.append((number, "o", 0))  # open by itself
        if "[" in text or "]" in text or pending > 0:
            for piece in _BRACKET_SPLIT_RE.split(text):
                if piece == "[":
                    pending += 1
                    tokens.append((number, "[", 0))
                elif piece == "]":
                    pending = max(0, pending - 1)
                    tokens.append((number, "]", 0))
                else:
                    words = len(_WORD_RE.findall(piece))
                    if words:
                        tokens.append((number, "w", words))
    # pair the brackets over the whole draft; one never closed (or closed
    # without opening) is unbalanced and brackets nothing
    inside = [0] * (len(tokens) + 1)
    stack: list[int] = []
    for index, (_, token, _words) in enumerate(tokens):
        if token == "[":
            stack.append(index)
        elif token == "]":
            if stack:
                start = stack.pop()
                out.brackets += 1
                if not stack:  # an outermost pair: mark what it holds
                    inside[start] += 1
                    inside[index] -= 1
            else:
                out.unbalanced += 1
    out.unbalanced += len(stack)
    open_paragraphs: set[int] = set()
    level = 0
    for index, (number, token, words) in enumerate(tokens):
        level += inside[index]
        if token == "o":
            open_paragraphs.add(number)
        elif level > 0:
            open_paragraphs.add(number)
            out.bracketed_words += words
    out.open_paragraphs = len(open_paragraphs)
    return out
