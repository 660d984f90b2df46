"""Documents: bytes in, text to clean, the same bytes back out.

Everything needed to write a document back byte-faithfully is kept: the
encoding, a byte-order mark, and the newline style. Consistent CRLF or CR
newlines are turned into "\\n" for the stages (so `^`/`$` and line logic work)
and restored on output; a file that mixes styles is kept verbatim instead.
The trailing newline (or its absence) lives in the text itself.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Iterator

from .errors import InputError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
OUTPUT_CHUNK = 1 << 20  # characters encoded at a time for output (to_chunks)
# codecs that can encode every character but a lone surrogate
_NEVER_FAILS_BUT_ON_SURROGATES = frozenset({"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                                            "utf-32-be"})
_SURROGATE = re.compile("[\ud800-\udfff]")


def too_large(size: int, limit: int, *, exact: bool = True) -> str:
    """What to say about input over --max-bytes (a file, stdin or a JSONL line).

    `exact=False`: only the first `size` bytes were read (a device or a pipe has no size to ask)."""
    if not exact:
        return f"goes on past the limit of {limit:,} bytes (read no further); raise it with --max-bytes or split the input"
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
    stamp: tuple | None = field(default=None, compare=False)  # the file as read (files.Stamp), for --in-place

    @classmethod
    def from_text(cls, text: str, name: str = "<text>") -> "Document":
        newline = _newline_style(text)
        if newline not in ("\n", ""):
            text = text.replace(newline, "\n")
        return cls(text, name, newline=newline)

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<bytes>", encoding: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES, *, stamp: tuple | None = None) -> "Document":
        if len(data) > max_bytes:
            raise InputError(f"{name}: {too_large(len(data), max_bytes)}")
        if not data:
            raise InputError(f"{name}: the file is empty; there is nothing to clean")
        text, enc, bom, detected = _decode(data, name, encoding)
        doc = cls.from_text(text, name)
        return cls(doc.text, name, enc, bom, doc.newline, detected, stamp)

    def render(self, text: str | None = None) -> str:
        """The text as it goes to a file: newline style restored."""
        text = self.text if text is None else text
        if self.newline not in ("\n", ""):
            text = text.replace("\n", self.newline)
        return text

    def to_bytes(self, text: str | None = None) -> bytes:
        return self._bytes(self.render(text))

    def _bytes(self, rendered: str) -> bytes:
        body = self.encode(rendered, "the cleaned text")
        return self._bom() + body if self.bom else body

    def _bom(self) -> bytes:
        return dict((enc, bom) for bom, enc in _BOMS).get(self.encoding, b"")

    def to_chunks(self, text: str | None = None) -> Iterator[bytes]:
        """What to_bytes gives, a piece at a time for a big text in a Unicode encoding (the whole
        of a 50 MB file's bytes is never held beside its texts); an encoding error is raised
        here, as to_bytes raises it, before any piece is written."""
        rendered = self.render(text)
        if len(rendered) <= OUTPUT_CHUNK or codecs.lookup(self.encoding).name not in _NEVER_FAILS_BUT_ON_SURROGATES \
                or _SURROGATE.search(rendered):
            return iter([self._bytes(rendered)])
        return self._pieces(rendered)

    def _pieces(self, rendered: str) -> Iterator[bytes]:
        encoder = codecs.getincrementalencoder(self.encoding)()  # (a BOM the codec writes, once)
        if self.bom:
            yield self._bom()
        for start in range(0, len(rendered), OUTPUT_CHUNK):
            yield encoder.encode(rendered[start:start + OUTPUT_CHUNK])
        yield encoder.encode("", final=True)

    def encode(self, text: str, what: str) -> bytes:
        """`text` in the document's encoding; never a '?' for a character it cannot hold."""
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError as err:
            bad = text[err.start:err.end]
            raise InputError(f"{self.name}: {what} has {bad!r}, which {self.encoding} cannot encode; nothing was "
                             f"written (convert the file to UTF-8 first, e.g. iconv -f {self.encoding} "
                             "-t utf-8)") from None


def _newline_style(text: str) -> str:
    if "\r" not in text:  # (most texts: one scan, not three counts of a big one)
        return "\n"
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
    if b"\x00" in data:  # UTF-8 text holds no NUL; UTF-16 without its byte-order mark does
        return _utf16_without_bom(data, name) + (False, True)
    try:
        return data.decode("utf-8"), "utf-8", False, False
    except UnicodeDecodeError as err:
        utf8_error = err
    best = _detect(data)
    if best is None:
        raise InputError(f"{name}: is not UTF-8 (byte {utf8_error.start}: "
                         f"{data[utf8_error.start:utf8_error.start + 1]!r}) and its encoding could not be "
                         "detected; name it with --encoding")
    return str(best), best.encoding, False, True


_UTF16_32 = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]


def _detect(data: bytes):
    """The likeliest 8-bit encoding, or None. Western (cp1252) wins whenever the detector finds
    it plausible at all: to a detector "très" is as likely Central European "trčs", and this
    tool cleans English, where French and German words are common and Czech code pages are
    not. (Preferring one reading also keeps a guess stable: a cleaned file is read as it was.)"""
    from charset_normalizer import from_bytes

    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None:
        return western
    best = from_bytes(data, cp_exclusion=_UTF16_32).best()
    if best is None or best.chaos > 0.3:
        return None
    return best


def _looks_like_text(text: str) -> bool:
    """Almost all printable or spacing: what binary data read as UTF-16 seldom is."""
    odd = sum(1 for ch in text if not (ch.isprintable() or ch in "\t\n\r\f"))
    return odd <= len(text) // 100


def _utf16_without_bom(data: bytes, name: str) -> tuple[str, str]:
    """Text in UTF-16 without a byte-order mark (one byte of each pair mostly NUL), or refused as binary."""
    pairs = len(data) // 2
    high_first = data[0::2].count(0)  # big-endian: the NUL is the first byte of a pair
    high_second = data[1::2].count(0)
    for encoding, nuls, other in (("utf-16-le", high_second, high_first), ("utf-16-be", high_first, high_second)):
        if len(data) % 2 == 0 and nuls >= 0.3 * pairs and other <= 0.02 * pairs:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            if _looks_like_text(text):
                return text, encoding
    raise InputError(f"{name}: looks like binary data (NUL bytes), not text; if it is text, name its "
                     "encoding with --encoding")
