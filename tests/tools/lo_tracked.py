"""Accept or reject every tracked change of a DOCX in LibreOffice, save as DOCX.

    /usr/bin/python3 tests/tools/lo_tracked.py IN.docx accept|reject|keep OUT.docx|OUT.txt [IN MODE OUT ...]

``keep`` leaves the tracked changes as they are (to render a draft the same
way). A ``.txt`` target is LibreOffice's text export, which writes list
numbers as LibreOffice shows them. Several triples share one LibreOffice.

Run with the Python that has LibreOffice's ``uno`` module (Debian:
python3-uno, installed with libreoffice-writer-nogui). Used by the redline
tests to check that Word-compatible software, not only our reader, gets the
new text by accepting and the old one by rejecting.

LibreOffice 7.4 closes the connection when it loads a document with comments
without a window, so the comment anchors are taken out of a copy first: they
carry no text, and the tracked changes are what is tested.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name: str, value) -> PropertyValue:
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


_ANCHOR_RE = re.compile(
    rb"<w:commentRangeStart [^>]*/>|<w:commentRangeEnd [^>]*/>"
    rb"|<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:commentReference [^>]*/></w:r>|<w:commentReference [^>]*/>"
)


def without_comment_anchors(source: str, folder: str) -> str:
    copy = os.path.join(folder, "input.docx")
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                data = _ANCHOR_RE.sub(b"", data)
            new.writestr(info, data)
    return copy


def main() -> int:
    arguments = sys.argv[1:]
    if not arguments or len(arguments) % 3:
        print(__doc__, file=sys.stderr)
        return 2
    jobs = [tuple(arguments[k : k + 3]) for k in range(0, len(arguments), 3)]
    pipe = f"draftdiff{os.getpid()}"
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as work:
        office = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                f"-env:UserInstallation=file://{profile}",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            context = None
            for _ in range(300):
                try:
                    context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:
                    time.sleep(0.2)
            if context is None:
                print("LibreOffice did not start", file=sys.stderr)
                return 2
            manager = context.ServiceManager
            desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
            for number, (source, mode, target) in enumerate(jobs):
                folder = os.path.join(work, str(number))
                os.mkdir(folder)
                url = uno.systemPathToFileUrl(os.path.abspath(without_comment_anchors(source, folder)))
                document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
                if mode != "keep":
                    command = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
                    dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())
                if target.endswith(".txt"):
                    store = (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8"))
                else:
                    store = (prop("FilterName", "MS Word 2007 XML"),)
                document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), store)
                document.close(True)
            with contextlib.suppress(Exception):
                desktop.terminate()
        finally:
            try:
                office.wait(timeout=20)
            except subprocess.TimeoutExpired:
                office.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
