"""Word-level differences between two paragraph texts.

Texts are split into word and punctuation tokens; each distinct token is
mapped to one private character, diff-match-patch diffs the encoded strings
and its semantic cleanup runs on them, and the result is mapped back to
tokens. Differences of white space, line wrapping, quote style (' ’) and
dash style (- –) are never changes; case and punctuation changes are, unless
``ignore_case`` or ``ignore_punctuation`` is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from diff_match_patch import diff_match_patch

from ..normalize import fold_typography

# Chinese and Japanese are written without spaces: each character is a token of its own (a word
# diff by characters), the way a reader of those scripts sees a change
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = rf"[^\W{_UNSPACED}]"
_TOKEN_RE = re.compile(rf"[{_UNSPACED}]|{_WORD}+(?:[-'’‐‑]{_WORD}+)*|[^\w\s]")
_SPACED_TOKEN_RE = re.compile(rf"(\s*)({_TOKEN_RE.pattern})")
_SPACED_WORD_RE = re.compile(r"(\s*)(\w+(?:[-'’‐‑]\w+)*|[^\w\s])")  # the same, for text of spaced scripts only
_UNSPACED_RE = re.compile(rf"[{_UNSPACED}]")
_PUNCT_RE = re.compile(r"^[^\w\s]+$")
_CODE_BASE = 0xE000  # private use area: never in real text tokens' codes
_DMP = diff_match_patch()
_DMP.Diff_Timeout = 2.0


@dataclass(frozen=True)
class Options:
    ignore_case: bool = False
    ignore_punctuation: bool = False


class Token(NamedTuple):
    """A word or punctuation mark (a tuple: built by the thousand per diff)."""

    text: str
    space_before: bool


@dataclass(slots=True)
class Edit:
    """One change in a paragraph: replace "processes" -> "discussions"."""

    op: str  # replace | insert | delete
    old: str
    new: str
    # the unchanged word on each side, so rules can see "commit [to]" -> "will consider [to]"
    context_before: str = ""
    context_after: str = ""

    @property
    def old_in_context(self) -> str:
        return " ".join(x for x in (self.context_before, self.old, self.context_after) if x)

    @property
    def new_in_context(self) -> str:
        return " ".join(x for x in (self.context_before, self.new, self.context_after) if x)

    def to_json(self) -> dict:
        return {"op": self.op, "old": self.old, "new": self.new}


@dataclass(slots=True)
class WordDiff:
    segments: list[tuple[str, str]] = field(default_factory=list)  # (equal|delete|insert, text)
    edits: list[Edit] = field(default_factory=list)
    # The old wording of each "equal" segment, in order: it can differ from
    # the new wording in quote or dash style, which the redline must restore.
    old_equal: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.edits)


def tokenize(text: str) -> list[Token]:
    # Tokens cover every non-space character, so what stands before one is white space.
    pattern = _SPACED_WORD_RE if text.isascii() or not _UNSPACED_RE.search(text) else _SPACED_TOKEN_RE
    return [Token(token, bool(space)) for space, token in pattern.findall(text)]


def _key(token: str, options: Options) -> str | None:
    """What must be equal for two tokens to be the same word; None = ignored."""
    key = token if token.isascii() else fold_typography(token)
    if options.ignore_punctuation and _PUNCT_RE.match(key):
        return None
    return key.lower() if options.ignore_case else key


def join(tokens: list[Token], *, first_space: bool = False) -> str:
    out = []
    for index, token in enumerate(tokens):
        if (index or first_space) and token.space_before:
            out.append(" ")
        out.append(token.text)
    return "".join(out)


def diff(old: str, new: str, options: Options = Options()) -> WordDiff:
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    codes: dict[str, str] = {}

    def encode(tokens: list[Token]) -> tuple[str, list[int]]:
        chars, positions = [], []
        plain = not options.ignore_punctuation and not options.ignore_case
        for index, token in enumerate(tokens):
            text = token.text
            # the common case inline: a word compared as it stands, quote and dash styles folded
            key = (text if text.isascii() else fold_typography(text)) if plain else _key(text, options)
            if key is None:
                continue
            code = codes.get(key)
            if code is None:
                code = codes[key] = chr(_code_point(len(codes)))
            chars.append(code)
            positions.append(index)
        return "".join(chars), positions

    a, a_pos = encode(old_tokens)
    b, b_pos = encode(new_tokens)
    diffs = _DMP.diff_main(a, b, False)
    _DMP.diff_cleanupSemantic(diffs)

    result = WordDiff()
    ia = ib = 0  # positions in the encoded strings
    pending_del: list[Token] = []
    pending_ins: list[Token] = []
    old_cursor = new_cursor = 0  # next token index in the originals (keeps ignored tokens)

    last_equal: list[Token] = []

    def flush(next_equal: list[Token]) -> None:
        if pending_del or pending_ins:
            old_text, new_text = join(pending_del), join(pending_ins)
            op = "replace" if pending_del and pending_ins else ("delete" if pending_del else "insert")
            before = next((t.text for t in reversed(last_equal) if t.text[0].isalnum()), "")
            after = next((t.text for t in next_equal if t.text[0].isalnum()), "")
            result.edits.append(Edit(op, old_text, new_text, before, after))
            pending_del.clear()
            pending_ins.clear()

    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            # Equal stretches are cut where old and new differ only in style
            # (quotes, dashes), so a redline can show just those words.
            k = 0
            while k < n:
                same = old_tokens[a_pos[ia + k]].text == new_tokens[b_pos[ib + k]].text
                j = k + 1
                while j < n and (old_tokens[a_pos[ia + j]].text == new_tokens[b_pos[ib + j]].text) == same:
                    j += 1
                end_old, end_new = a_pos[ia + j - 1] + 1, b_pos[ib + j - 1] + 1
                seg = new_tokens[new_cursor:end_new]
                if k == 0:
                    flush(seg)
                last_equal = seg
                first = bool(result.segments)
                result.segments.append(("equal", join(seg, first_space=first)))
                result.old_equal.append(join(old_tokens[old_cursor:end_old], first_space=first))
                old_cursor, new_cursor = end_old, end_new
                k = j
            ia += n
            ib += n
        elif op == -1:
            end_old = a_pos[ia + n - 1] + 1
            seg = old_tokens[old_cursor:end_old]
            pending_del.extend(seg)
            result.segments.append(("delete", join(seg, first_space=bool(result.segments))))
            old_cursor = end_old
            ia += n
        else:
            end_new = b_pos[ib + n - 1] + 1
            seg = new_tokens[new_cursor:end_new]
            pending_ins.extend(seg)
            result.segments.append(("insert", join(seg, first_space=bool(result.segments))))
            new_cursor = end_new
            ib += n
    flush([])
    # Ignored tokens (punctuation under ignore_punctuation) after the last match.
    tail = new_tokens[new_cursor:]
    if tail or old_tokens[old_cursor:]:
        first = bool(result.segments)
        result.segments.append(("equal", join(tail, first_space=first)))
        result.old_equal.append(join(old_tokens[old_cursor:], first_space=first))
    return result


def _code_point(index: int) -> int:
    """Private-use code points first, then the supplementary planes (no surrogates)."""
    if index < 0x1900:
        return _CODE_BASE + index
    return 0x10000 + index
