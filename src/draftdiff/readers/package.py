"""Opening OOXML (ZIP) packages from strangers safely.

Sizes and compression ratios are checked from the central directory before
anything is inflated, and inflation itself is bounded, so a lying header
cannot exhaust memory; the parts actually read may not inflate to more than
``max_read_bytes()`` together (128 MiB by default, ``DRAFTDIFF_MAX_INFLATE_MB``
to change it). Duplicate part names are refused, as Word refuses them. XML is
parsed with entity expansion, DTD loading and network access off, and a part
whose parsed document has a DOCTYPE, in any encoding, is refused: no
legitimate Office part has one.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

from lxml import etree

from ..errors import InputError

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
DEFAULT_MAX_READ_MB = 128  # a 300-page Word draft's parts inflate to about 10 MiB


def max_read_bytes() -> int:
    """What the parts read from one package may inflate to, together."""
    value = os.environ.get("DRAFTDIFF_MAX_INFLATE_MB", "")
    megabytes = int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_READ_MB
    return megabytes * 1024 * 1024


_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=True,  # big but honest documents; size is bounded above
    remove_comments=True,
    remove_pis=True,
)


class Package:
    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
        except zipfile.BadZipFile:
            raise InputError(
                "is damaged: not a valid ZIP/DOCX file", path=path, hint="re-download or re-save it"
            ) from None
        except Exception as exc:
            raise InputError(f"is damaged: {exc}", path=path, hint="re-download or re-save it") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"has too many parts ({len(infos)})", path=path, hint="this is not a normal Word file")
        total = 0
        seen: set[str] = set()
        for info in infos:
            if info.filename in seen:
                raise InputError(
                    f"has two parts named {info.filename}",
                    path=path,
                    hint="Word refuses such a file; re-save it in Word",
                )
            seen.add(info.filename)
            if info.flag_bits & 0x1:
                raise InputError("is an encrypted ZIP archive", path=path, hint="remove the password in Word")
            if info.file_size > MAX_MEMBER_BYTES:
                raise InputError(
                    f"part {info.filename} would inflate to {info.file_size // 2**20} MiB",
                    path=path,
                    hint="refused as a possible ZIP bomb",
                )
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError(
                    f"part {info.filename} has a compression ratio over {MAX_RATIO}:1",
                    path=path,
                    hint="refused as a possible ZIP bomb",
                )
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise InputError(f"would inflate to {total // 2**20} MiB", path=path, hint="refused as a possible ZIP bomb")
        self.names = {info.filename for info in infos}
        self.budget = max_read_bytes()

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        info = self.zip.getinfo(name)
        limit = min(MAX_MEMBER_BYTES, self.budget)
        try:
            with self.zip.open(info) as handle:
                data = handle.read(limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise InputError(
                f"part {name} is damaged ({detail})", path=self.path, hint="re-save the file in Word"
            ) from None
        except NotImplementedError:
            raise InputError(f"part {name} uses an unsupported compression", path=self.path) from None
        if len(data) > limit:
            total = max_read_bytes() if limit == self.budget else MAX_MEMBER_BYTES
            raise InputError(
                f"part {name} inflates to more than {total // 2**20} MiB",
                path=self.path,
                hint="refused as a possible ZIP bomb; set DRAFTDIFF_MAX_INFLATE_MB to allow more",
            )
        self.budget -= len(data)
        return data

    def xml(self, name: str) -> etree._Element | None:
        """Parse one part, or None when the package lacks it."""
        if name not in self.names:
            return None
        data = self.read(name)
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            message = (exc.msg or "syntax error").splitlines()[0]
            raise InputError(
                f"part {name} is not well-formed XML ({message})", path=self.path, hint="re-save the file in Word"
            ) from None
        except (ValueError, RecursionError) as exc:
            raise InputError(f"part {name} cannot be read as XML ({type(exc).__name__})", path=self.path) from None
        # decided by the parser, so a DTD in UTF-16 or UTF-32 is seen as well
        info = root.getroottree().docinfo
        if info.doctype or info.internalDTD is not None:
            raise InputError(f"part {name} declares a DTD or entities", path=self.path, hint="refused for safety")
        return root
