"""Documents: bytes in, text to clean, the same bytes back out.

Everything needed to write a document back byte-faithfully is kept: the
encoding, a byte-order mark, and the newline style. Consistent CRLF or CR
newlines are turned into "\\n" for the stages (so `^`/`$` and line logic work)
and restored on output; a file that mixes styles is kept verbatim instead.
The trailing newline (or its absence) lives in the text itself.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from .errors import InputError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def too_large(size: int, limit: int) -> str:
    """What to say about input over --max-bytes (a file, stdin or a JSONL line)."""
    return f"{size:,} bytes is more than the limit of {limit:,}; raise it with --max-bytes or split the input"

_BOMS = [  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


@dataclass(frozen=True)
class Document:
    text: str
    name: str = "<text>"
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"  # "\n", "\r\n" or "\r"; "" when mixed (text kept verbatim)
    detected: bool = False  # the encoding was guessed, not declared or UTF-8

    @property
    def trailing_newline(self) -> bool:
        return self.text.endswith(("\n", "\r"))

    @classmethod
    def from_text(cls, text: str, name: str = "<text>") -> "Document":
        newline = _newline_style(text)
        if newline not in ("\n", ""):
            text = text.replace(newline, "\n")
        return cls(text, name, newline=newline)

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<bytes>", encoding: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> "Document":
        if len(data) > max_bytes:
            raise InputError(f"{name}: {too_large(len(data), max_bytes)}")
        if not data:
            raise InputError(f"{name}: the file is empty; there is nothing to clean")
        text, enc, bom, detected = _decode(data, name, encoding)
        doc = cls.from_text(text, name)
        return cls(doc.text, name, enc, bom, doc.newline, detected)

    def render(self, text: str | None = None) -> str:
        """The text as it goes to a file: newline style restored."""
        text = self.text if text is None else text
        if self.newline not in ("\n", ""):
            text = text.replace("\n", self.newline)
        return text

    def to_bytes(self, text: str | None = None) -> bytes:
        rendered = self.render(text)
        try:
            body = rendered.encode(self.encoding)
        except UnicodeEncodeError as err:
            bad = rendered[err.start:err.end]
            raise InputError(f"{self.name}: the cleaned text has {bad!r}, which {self.encoding} cannot "
                             "encode; write UTF-8 instead with --output-encoding utf-8") from None
        if self.bom:
            body = dict((enc, bom) for bom, enc in _BOMS).get(self.encoding, b"") + body
        return body

    def with_encoding(self, encoding: str) -> "Document":
        return Document(self.text, self.name, encoding, self.bom and encoding.startswith("utf"),
                        self.newline, self.detected)


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    styles = [s for s, n in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if n]
    if len(styles) > 1:
        return ""
    return styles[0] if styles else "\n"


def _decode(data: bytes, name: str, encoding: str | None) -> tuple[str, str, bool, bool]:
    if encoding:
        try:
            return data.decode(encoding), encoding, False, False
        except (UnicodeDecodeError, LookupError) as err:
            raise InputError(f"{name}: cannot decode as {encoding}: {err}") from None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as err:
                raise InputError(f"{name}: has a {enc} byte-order mark but is not valid {enc} "
                                 f"(byte {err.start + len(bom)})") from None
            return text, enc, True, False
    try:
        return data.decode("utf-8"), "utf-8", False, False
    except UnicodeDecodeError as err:
        utf8_error = err
    if b"\x00" in data:
        raise InputError(f"{name}: looks like binary data (NUL bytes), not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise InputError(f"{name}: is not UTF-8 (byte {utf8_error.start}: "
                         f"{data[utf8_error.start:utf8_error.start + 1]!r}) and its encoding could not be "
                         "detected; name it with --encoding")
    return str(best), best.encoding, False, True
