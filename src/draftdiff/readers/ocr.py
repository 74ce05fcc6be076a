"""OCR, by Tesseract, of the PDF pages whose text layer lies and of scanned pages.

:mod:`.text_layer` says which pages (or lines) lie; here they are rendered
(pdfium, 300 dpi, grey) and read by the ``tesseract`` program, one process
a page, as many at once as :func:`draftdiff.execution.engine_processes`
allows. A page's hOCR becomes positioned :class:`~.pdf_engines.Line`
objects, so that the PDF reader's own layout code makes its paragraphs
(numbers, gaps, indents, footnotes, words hyphenated at a line end); ink a
page shows but its OCR left unread (a numeral standing apart, a heading at
the top of a page) is read again line by line (:mod:`.ocr_ink`). A lying
line on a page that otherwise tells the truth (a heading in a broken font)
is read alone and its text replaced.

The language is ``--language``, else the PDF's ``/Lang``, else that of the
readable text, else the script Tesseract sees on the first page. Tesseract
is an optional extra: without it (or its language), the pages keep the text
their layer decodes to, and the warning says how to install it.
"""

from __future__ import annotations

import contextlib
import functools
import html
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..document.model import ReadWarning
from ..errors import InputError
from . import text_layer
from .ocr_ink import Piece, place, unread_pieces
from .ocr_labels import repair_labels
from .pdf_engines import Extracted, Line, PageText

DPI = 300
PAGE_PSM = "4"  # a single column of text of variable sizes: a treaty's page
LINE_PSM = "7"  # one line
PAGE_TIMEOUT = 600  # seconds: a page Tesseract has not read by then is left as it was

# ISO 639-1 (and the PDF's /Lang) -> Tesseract's language names
TESSERACT_LANGUAGES = {
    "en": "eng",
    "fr": "fra",
    "es": "spa",
    "ru": "rus",
    "zh": "chi_sim",
    "ar": "ara",
    "de": "deu",
    "it": "ita",
    "pt": "por",
    "nl": "nld",
}
# the script Tesseract's orientation and script detection names -> a language to read it in
SCRIPT_LANGUAGES = {"Cyrillic": "rus", "Han": "chi_sim", "HanS": "chi_sim", "Arabic": "ara", "Latin": "eng+fra+spa"}
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(_[a-z]{3,4})?(\+[a-z]{2,3}(_[a-z]{3,4})?)*$")


def tesseract_language(code: str) -> str:
    """A language as Tesseract names it: "fr" and "fra" are "fra", "zh" is
    "chi_sim", "rus+eng" stays. Raises InputError on what is no language code."""
    parts = []
    for part in code.strip().lower().replace("-", "_").split("+"):
        part = TESSERACT_LANGUAGES.get(
            part, TESSERACT_LANGUAGES.get(part.split("_")[0], part) if len(part) == 5 else part
        )
        parts.append(part)
    joined = "+".join(parts)
    if not _LANGUAGE_RE.match(joined):
        raise InputError(
            f"--language {code!r} is not a language code",
            hint="give an ISO code (en, fr, es, ru, zh, ar) or Tesseract's (eng, fra, chi_sim)",
        )
    return joined


def install_hint(language: str) -> str:
    packages = " ".join(f"tesseract-ocr-{name.replace('_', '-')}" for name in language.split("+"))
    return f"apt-get install tesseract-ocr {packages}"


@dataclass(frozen=True)
class Engine:
    program: str
    languages: frozenset[str]


@functools.cache
def engine() -> Engine | None:
    """The tesseract program and the languages it has, or None without it."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    languages = frozenset(line.strip() for line in listed.splitlines()[1:] if line.strip())
    return Engine(program, languages)


@dataclass
class Outcome:
    warnings: list[ReadWarning] = field(default_factory=list)
    blank: list[int] = field(default_factory=list)  # pages with no text and nothing drawn


def read_unreadable(data: bytes, password: str | None, extracted: Extracted, *, language: str | None = None) -> Outcome:
    """Read by OCR, in ``extracted``, the pages and lines whose text layer
    lies and the scanned pages; say what was done or could not be."""
    report = text_layer.inspect(extracted.pages)
    empty = [page for page in extracted.pages if not page.lines]
    if report.clean and not empty:
        return Outcome()  # the common case: nothing rendered, no program asked
    import pypdfium2 as pdfium

    outcome = Outcome()
    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:  # read by pdfplumber, refused by pdfium: nothing to render with
        outcome.warnings.append(ReadWarning(f"its pages could not be rendered for OCR ({exc}); read as they decode"))
        return outcome
    try:
        scanned = [page.number for page in empty if _drawn(pdf[page.number - 1])]
        outcome.blank = [page.number for page in empty if page.number not in scanned]
        whole = sorted({*report.lying_pages, *scanned})
        lines = {number: indexes for number, indexes in report.lying_lines.items() if number not in whole}
        if not whole and not lines:
            return outcome
        chosen = _language(language, pdf, report)
        found = engine()
        if found is None:
            outcome.warnings.append(_not_read(report, scanned, lines, chosen, None))
            return outcome
        with tempfile.TemporaryDirectory(prefix="draftdiff-ocr-") as folder:
            run = _Run(found, pdf, Path(folder), chosen)
            if chosen is None:
                chosen = run.guess_language(whole[0] if whole else next(iter(lines)))
            chosen = _with_latin(chosen, found)
            missing = [name for name in chosen.split("+") if name not in found.languages]
            if missing:
                outcome.warnings.append(_not_read(report, scanned, lines, chosen, missing))
                return outcome
            run.language = chosen
            failed = run.read(whole, lines, {page.number: page for page in extracted.pages})
        outcome.warnings.append(_read(report, scanned, lines, chosen, failed))
        return outcome
    finally:
        pdf.close()


def _drawn(page) -> bool:
    """Something is drawn on a page with no text: an image, or paths (text set as outlines)."""
    import pypdfium2.raw as raw

    count = raw.FPDFPage_CountObjects(page.raw)
    for index in range(count):
        kind = raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page.raw, index))
        if kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_SHADING, raw.FPDF_PAGEOBJ_FORM):
            return True
    return count >= 20  # many paths: letters drawn as outlines, not a rule or two


def _language(given: str | None, pdf, report: text_layer.LayerReport) -> str | None:
    if given:
        return tesseract_language(given)
    declared = _declared_language(pdf)
    if declared:
        return declared
    if report.language and report.language in TESSERACT_LANGUAGES:
        return TESSERACT_LANGUAGES[report.language]
    return None  # Tesseract will say what script it sees


def _declared_language(pdf) -> str | None:
    """The catalog's /Lang ("ru-RU"), as Tesseract names it, if it is one we know."""
    import ctypes

    import pypdfium2.raw as raw

    getter = getattr(raw, "FPDFCatalog_GetLanguage", None)
    if getter is None:
        return None
    size = getter(pdf.raw, None, 0)
    if size <= 2:
        return None
    buffer = (ctypes.c_ushort * (size // 2))()
    getter(pdf.raw, buffer, size)
    code = bytes(buffer)[: size - 2].decode("utf-16-le", "replace").split("-")[0].lower()
    return TESSERACT_LANGUAGES.get(code)


# UN texts in these scripts letter their items and number their parts in
# Latin ("b)", "ЧАСТЬ II"); read alone, Russian makes "b)" into "ь)"
WITH_LATIN = ("rus", "ara")


def _with_latin(language: str, found: Engine) -> str:
    if language in WITH_LATIN and "eng" in found.languages:
        return f"{language}+eng"
    return language


def page_list(numbers: list[int]) -> str:
    numbers = sorted(numbers)
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    runs: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        runs.append(str(start) if start == previous else f"{start}-{previous}")
        if number is not None:
            start = previous = number
    return "pages " + ", ".join(runs)


def _what(report: text_layer.LayerReport, scanned: list[int], lines: dict[int, list[int]]) -> list[str]:
    parts = []
    if report.lying_pages:
        reasons = sorted(set(report.lying_pages.values()))
        parts.append(
            f"the text layer of {page_list(list(report.lying_pages))} does not say what is printed "
            f"({'; '.join(reasons)})"
        )
    if lines:
        count = sum(len(indexes) for indexes in lines.values())
        parts.append(f"{count} line{'s' if count > 1 else ''} on {page_list(list(lines))} decode to wrong letters")
    if scanned:
        parts.append(f"{page_list(scanned)} {'are' if len(scanned) > 1 else 'is'} scanned, with no text layer")
    return parts


def _not_read(
    report: text_layer.LayerReport,
    scanned: list[int],
    lines: dict[int, list[int]],
    language: str | None,
    missing: list[str] | None,
) -> ReadWarning:
    """Why the pages were not read by OCR (no Tesseract: ``missing`` None), and how to."""
    what = "; ".join(_what(report, scanned, lines))
    kept = "their text is kept as it decodes" if report.lying_pages or lines else "their text is not read"
    if missing is None:
        how = f"install Tesseract to read them by OCR: {install_hint(language or 'eng')}"
        if language is None:
            how += " (and the package of the draft's language; or give --language)"
    else:
        how = f"Tesseract has no {'+'.join(missing)}: {install_hint('+'.join(missing))}"
    if scanned and (report.lying_pages or lines):
        kept += f", and {page_list(scanned)} not read"
    return ReadWarning(f"{what}; not read by OCR: {kept}; {how}")


def _read(
    report: text_layer.LayerReport,
    scanned: list[int],
    lines: dict[int, list[int]],
    language: str,
    failed: list[int],
) -> ReadWarning:
    what = "; ".join(_what(report, scanned, lines))
    done = f"read by OCR (Tesseract, {language}); check them against the printed pages"
    if failed:
        done += f"; OCR failed on {page_list(failed)}, kept as they were"
    return ReadWarning(f"{what}: {done}")


# -- running Tesseract ----------------------------------------------------------


@dataclass
class _Job:
    page: int
    image: Path
    output: Path  # without suffix: tesseract adds .hocr or .txt
    psm: str
    form: str  # hocr | txt
    line: int | None = None  # index of the line in the page, for a line job
    piece: Piece | None = None  # ink no line covers, for a job reading it again (its image cut already)


class _Run:
    """One draft's OCR: its rendered pages, its Tesseract processes, its language."""

    def __init__(self, found: Engine, pdf, folder: Path, language: str | None) -> None:
        self.engine = found
        self.pdf = pdf
        self.folder = folder
        self.language = language or "eng"
        self._images: dict[int, object] = {}

    def guess_language(self, page: int) -> str:
        """Tesseract's script detection on one page; a Latin script is read
        in three languages once, and the language of its words chosen."""
        image = self._render(page)
        script = ""
        if "osd" in self.engine.languages:
            result = self._call([str(image), "-", "--psm", "0", "-l", "osd"], capture=True)
            matched = re.search(r"^Script:\s*(\w+)", result, re.M)
            script = matched.group(1) if matched else ""
        language = SCRIPT_LANGUAGES.get(script, "eng")
        if "+" in language:
            usable = "+".join(name for name in language.split("+") if name in self.engine.languages) or "eng"
            text = self._call([str(image), "-", "--psm", PAGE_PSM, "-l", usable, "--dpi", str(DPI)], capture=True)
            detected = text_layer.language_of(text)
            language = TESSERACT_LANGUAGES.get(detected or "", "eng")
        return language

    def read(self, whole: list[int], lines: dict[int, list[int]], pages: dict[int, PageText]) -> list[int]:
        """OCR the whole pages and the lines; put the result into ``pages``. The pages that failed."""
        jobs: list[_Job] = []
        for number in whole:
            jobs.append(_Job(number, self.folder / f"p{number}.pgm", self.folder / f"p{number}", PAGE_PSM, "hocr"))
        for number, indexes in lines.items():
            for index in indexes:
                name = f"p{number}l{index}"
                jobs.append(_Job(number, self.folder / f"{name}.pgm", self.folder / name, LINE_PSM, "txt", index))
        failed: set[int] = set()
        page_lines: dict[int, list[Line]] = {}
        again: list[_Job] = []
        with _progress(len(jobs)) as tick:
            for job, ok in self._run_all(jobs, pages):
                if not ok:
                    failed.add(job.page)
                elif job.line is None:
                    page_lines[job.page] = hocr_lines(job.output.with_suffix(".hocr").read_text("utf-8"), job.page)
                    again += self._unread(job, page_lines[job.page])
                else:
                    line = pages[job.page].lines[job.line]
                    text = _clean(job.output.with_suffix(".txt").read_text("utf-8"))
                    if _better_line(line.text, text):
                        line.text = text
                if tick:
                    tick()
        for job, ok in self._run_all(again, pages):
            text = _clean(job.output.with_suffix(".txt").read_text("utf-8")) if ok else ""
            if text and job.piece is not None:
                place(page_lines[job.page], job.page, job.piece, text)
        read_lines = [line for number in sorted(page_lines) for line in page_lines[number]]
        _even_sizes(read_lines)
        first = self.language.split("+")[0]  # "rus+eng": the draft's language is the first
        repair_labels(read_lines, next((iso for iso, name in TESSERACT_LANGUAGES.items() if name == first), ""))
        for number, found in page_lines.items():
            page = pages[number]
            page.lines = _to_points(found, page)
        return sorted(failed)

    def _unread(self, job: _Job, lines: list[Line]) -> list[_Job]:
        """Jobs reading again, one line at a time, the ink of a page its OCR
        left unread (:mod:`.ocr_ink`); the page's image goes."""
        import numpy as np

        image = self._page_image_file(job)
        try:
            pixels = np.asarray(image)
            pieces = unread_pieces(pixels < 128, lines)
            jobs: list[_Job] = []
            for index, piece in enumerate(pieces):
                pad = max(4, (piece.bottom - piece.top) // 3)
                name = f"p{job.page}u{index}"
                path = self.folder / f"{name}.pgm"
                box = (
                    max(0, piece.x0 - pad),
                    max(0, piece.top - pad),
                    min(pixels.shape[1], piece.x1 + pad),
                    min(pixels.shape[0], piece.bottom + pad),
                )
                image.crop(box).save(path)
                jobs.append(_Job(job.page, path, self.folder / name, LINE_PSM, "txt", piece=piece))
            return jobs
        finally:
            with contextlib.suppress(OSError):
                job.image.unlink()

    def _page_image_file(self, job: _Job):
        from PIL import Image

        if not job.image.exists():
            self._render(job.page, job.image)
        with Image.open(job.image) as opened:
            return opened.convert("L")

    def _run_all(self, jobs: list[_Job], pages: dict[int, PageText]) -> Iterator[tuple[_Job, bool]]:
        """Start each job's Tesseract as a core frees up; render the next page meanwhile."""
        from ..execution import engine_processes

        workers = engine_processes(len(jobs))
        running: deque[tuple[_Job, subprocess.Popen]] = deque()
        environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core a process: we run several
        try:
            for job in jobs:
                while len(running) >= workers:
                    yield self._finish(*running.popleft())
                try:
                    self._prepare(job, pages)
                    process = subprocess.Popen(
                        self._command(job),
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                        env=environment,
                    )
                except OSError:
                    yield job, False
                    continue
                running.append((job, process))
            while running:
                yield self._finish(*running.popleft())
        finally:
            for _job, process in running:  # interrupted: leave no process behind
                process.kill()
                process.wait()

    def _finish(self, job: _Job, process: subprocess.Popen) -> tuple[_Job, bool]:
        try:
            code = process.wait(timeout=PAGE_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            return job, False
        if job.form != "hocr":  # a page's image is looked at again for ink its OCR left unread
            with contextlib.suppress(OSError):
                job.image.unlink()
        suffix = ".hocr" if job.form == "hocr" else ".txt"
        return job, code == 0 and job.output.with_suffix(suffix).exists()

    def _command(self, job: _Job) -> list[str]:
        command = [self.engine.program, str(job.image), str(job.output), "-l", self.language]
        command += ["--psm", job.psm, "--dpi", str(DPI), "-c", "preserve_interword_spaces=1", job.form]
        return command

    def _call(self, arguments: list[str], *, capture: bool) -> str:
        try:
            result = subprocess.run(
                [self.engine.program, *arguments],
                capture_output=capture,
                text=True,
                timeout=PAGE_TIMEOUT,
                check=False,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        return result.stdout or ""

    def _prepare(self, job: _Job, pages: dict[int, PageText]) -> None:
        if job.line is None:
            if not job.image.exists():
                self._render(job.page, job.image)
            return
        image = self._page_image(job.page)
        line = pages[job.page].lines[job.line]
        scale = DPI / 72
        pad = line.size * 0.4
        box = (
            max(0, int((line.x0 - pad) * scale)),
            max(0, int((line.top - pad) * scale)),
            min(image.width, int((line.x1 + pad) * scale)),  # type: ignore[attr-defined]
            min(image.height, int((line.bottom + pad * 0.8) * scale)),  # type: ignore[attr-defined]
        )
        image.crop(box).save(job.image)  # type: ignore[attr-defined]

    def _page_image(self, page: int):
        if page not in self._images:
            self._images.clear()  # line jobs come page by page: keep one page's image
            self._images[page] = self.pdf[page - 1].render(scale=DPI / 72, grayscale=True).to_pil()
        return self._images[page]

    def _render(self, page: int, to: Path | None = None) -> Path:
        to = to or self.folder / f"p{page}.pgm"
        if not to.exists():
            bitmap = self.pdf[page - 1].render(scale=DPI / 72, grayscale=True)
            bitmap.to_pil().save(to)
        return to


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[], None] | None]:
    from ..execution import in_child
    from ..progress import no_progress, progress_bar

    context = no_progress() if in_child() else progress_bar(total, threshold=2, label="OCR")
    with context as tick:
        yield tick


# -- hOCR into lines --------------------------------------------------------------

_LINE_RE = re.compile(r"<span class='ocr_(?:line|header|textfloat|caption)'[^>]*title=\"([^\"]*)\"")
_WORD_RE = re.compile(r"<span class='ocrx_word'([^>]*)>(.*?)</span>", re.S)
_BBOX_RE = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_TAG_RE = re.compile(r"<[^>]+>")
_WIDE_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def hocr_lines(hocr: str, page: int) -> list[Line]:
    """The lines of one page's hOCR, in pixels at DPI (made points by _to_points)."""
    out: list[Line] = []
    starts = [(m.start(), m.group(1)) for m in _LINE_RE.finditer(hocr)]
    for index, (start, title) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(hocr)
        found = list(_WORD_RE.finditer(hocr, start, end))
        words = [html.unescape(_TAG_RE.sub("", word[2])).strip() for word in found]
        text = page_number(chinese_labels(latin_numerals(_join_words([word for word in words if word]))))
        if not text:
            continue
        fields = dict(part.strip().split(" ", 1) for part in title.split(";") if " " in part.strip())
        x0, y0, x1, y1 = (float(v) for v in fields["bbox"].split())
        slope_offset = fields.get("baseline", "0 0").split()
        baseline = y1 + float(slope_offset[1]) if len(slope_offset) == 2 else y1
        size = _glyph_size(text, baseline - y0) or (out[-1].size if out else float(fields.get("x_size", y1 - y0)))
        size = min(size, _han_height(found) or size)
        out.append(Line(page=page, text=text, x0=x0, x1=x1, top=y0, bottom=baseline, size=size))
    return out


# How much of the type size stands above the baseline: capitals, digits and
# ascenders of Latin and Cyrillic type, the whole square of a Chinese character
_CAP_HEIGHT = 0.74
_HAN_HEIGHT = 1.0


def _glyph_size(text: str, above: float) -> float:
    """A line's type size from how far its letters rise above the baseline.
    Tesseract's own ``x_size`` is estimated a block at a time and strays by
    half between blocks of one body text (29 and 42 pixels), which would
    start a paragraph at every block and take body lines for footnotes."""
    if above <= 0:
        return 0.0
    letters = text.replace(" ", "")
    if len(_WIDE_RE.findall(letters)) * 2 >= len(letters):
        return above / _HAN_HEIGHT
    if any(ch.isupper() or ch.isdigit() or ch in "bdfhkltбйёф()[]«»\"'/!?%" for ch in letters):
        return above / _CAP_HEIGHT
    return 0.0  # small letters alone: the line takes the size of the line before it


def _han_height(words: list[re.Match[str]]) -> float:
    """How tall a line's Chinese characters stand: the median height of its words of
    Chinese characters. A line's box may be swollen by a mark above or below it or
    by a line Tesseract split in two (twice the type's height); most of its words
    are not. 0 where the line has too few such words to tell."""
    heights = []
    for word in words:
        text = _TAG_RE.sub("", word[2]).strip()
        box = _BBOX_RE.search(word[1])
        if box and text and len(_WIDE_RE.findall(text)) * 2 >= len(text):
            heights.append(float(int(box[4]) - int(box[2])))
    return statistics.median(heights) if len(heights) >= 4 else 0.0


# Tesseract reading Russian takes Roman numerals for Cyrillic letters of the
# same shape ("ЧАСТЬ П", "ЧАСТЬ УШ"); after the words that number by them,
# such a token is put back into Latin when it then reads as a Roman numeral
_ROMAN_SHAPES = str.maketrans({"П": "II", "Ш": "III", "У": "V", "Т": "I", "Х": "X", "1": "I", "Г": "I", "І": "I"})
_NUMBERED_BY_ROMAN_RE = re.compile(r"\b((?i:ЧАСТ|РАЗДЕЛ|ГЛАВ|ПРИЛОЖЕНИ)\w* )([IVXLПШУТХ1ГІ]{1,5})(?=[\s.,;:)]|$)")
_ROMAN_RE = re.compile(r"^L?X{0,3}(IX|IV|V?I{0,3})$")


def latin_numerals(text: str) -> str:
    """ "ЧАСТЬ УШ" → "ЧАСТЬ VIII"; a token that makes no Roman numeral stays."""

    def fix(found: re.Match[str]) -> str:
        roman = found.group(2).translate(_ROMAN_SHAPES)
        return found.group(1) + (roman if _ROMAN_RE.match(roman) else found.group(2))

    return _NUMBERED_BY_ROMAN_RE.sub(fix, text)


# A page number "- 56 -" whose digits OCR read as letters of their shape ("- S6 -", "- S$9 -")
_PAGE_NUMBER_RE = re.compile(r"^([-–—]\s*)(\S{1,5})(\s*[-–—])$")
_DIGIT_SHAPES = str.maketrans(
    {"S": "5", "s": "5", "O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "B": "8", "Z": "2"}
)


def page_number(text: str) -> str:
    """ "- S6 -" → "- 56 -": a line that is a page number between dashes, put back into digits."""
    found = _PAGE_NUMBER_RE.match(text)
    if found is None or not any(ch.isdigit() for ch in found.group(2)):
        return text
    digits = "".join(ch for ch in found.group(2).translate(_DIGIT_SHAPES) if ch.isdigit())
    return found.group(1) + digits + found.group(3)


# A Chinese item label, "（八）", comes out of Tesseract as "《八)" or "(丸)":
# at the start of a line, put back as the text prints it
_CHINESE_LABEL_RE = re.compile(r"^[《(（]\s*([一二三四五六七八九十丸]{1,3}|\d{1,2})\s*[)）]")


# A sub-item number "2．" read with a comma or a full stop for its full-width point
# ("2.，交流", "1，海洋", "5。建立", "4.。为")
_CHINESE_NUMBER_RE = re.compile(r"^(\d{1,2})\s*[.．，,。]+\s*(?=[\u4e00-\u9fff“《])")


def chinese_labels(text: str) -> str:
    """ "《八) 所有国家" → "（八） 所有国家"; "《1) 自然" → "（1） 自然"; "2.，交流" → "2. 交流"."""
    text = _CHINESE_NUMBER_RE.sub(lambda found: f"{found.group(1)}. ", text)
    return _CHINESE_LABEL_RE.sub(lambda found: f"（{found.group(1).replace('丸', '九')}）", text)


def _join_words(words: list[str]) -> str:
    """Words with a space between them, except between two Chinese characters."""
    text = ""
    for word in words:
        if text and not (_WIDE_RE.match(word[0]) and _WIDE_RE.match(text[-1])):
            text += " "
        text += word
    return text


def _better_line(layer: str, read: str) -> bool:
    """Whether OCR's reading of a lying line may replace it: it has text,
    shows no sign of a broken font itself, and keeps the line's square
    brackets (a lost bracket would open a bracket over the rest of a draft)."""
    if not read or text_layer.line_lies(read):
        return False
    return all(layer.count(mark) == read.count(mark) for mark in "[]")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _even_sizes(lines: list[Line]) -> None:
    """OCR measures each line's height a little differently: sizes within a
    tenth of the commonest are that size, so that the layout sees one body
    size and starts no paragraph at a line a pixel taller."""
    if not lines:
        return
    common = statistics.median(line.size for line in lines)
    for line in lines:
        if abs(line.size - common) <= common * 0.3:
            line.size = common


def _to_points(lines: list[Line], page: PageText) -> list[Line]:
    scale = 72 / DPI
    for line in lines:
        line.x0 *= scale
        line.x1 *= scale
        line.top *= scale
        line.bottom *= scale
        line.size = round(line.size * scale, 1)
        line.top = line.bottom - line.size * 0.8  # as the engines set it: from the baseline
    return lines
