"""The samples: each seed document and what the tool must make of it.

samples/expected/NAME was reviewed by hand; it is a claim about what is
right. A failure prints a readable difflib diff.
"""
from __future__ import annotations

import difflib

import pytest

from cleanup.api.runner import Options, clean_document
from cleanup.core.document import Document

from .conftest import sample_inputs


@pytest.mark.parametrize("path", sample_inputs(), ids=lambda p: p.name)
def test_sample_output(path):
    expected_path = path.parent / "expected" / path.name
    doc = Document.from_bytes(path.read_bytes(), path.name)
    got = doc.to_bytes(clean_document(doc, Options()).text).decode("utf-8")
    expected = expected_path.read_text(encoding="utf-8")
    if got != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), got.splitlines(True),
                                            f"{expected_path.name} (expected)", "cleanup fix (got)"))
        pytest.fail(f"{path.name} does not clean to its expected text:\n{diff}")


def test_seed004_is_left_byte_identical():
    path = next(p for p in sample_inputs() if p.name.startswith("seed004"))
    doc = Document.from_bytes(path.read_bytes(), path.name)
    assert doc.to_bytes(clean_document(doc, Options()).text) == path.read_bytes()


@pytest.mark.parametrize("path", sample_inputs(), ids=lambda p: p.name)
def test_no_article_sentence_is_lost(path):
    """Every sentence survives, apart from inline fixes and known whole-line artefacts."""
    import regex

    doc = Document.from_bytes(path.read_bytes(), path.name)
    result = clean_document(doc, Options())
    applied = [e for e in result.edits if e.applied]
    for m in regex.finditer(r"[^\n.!?]+(?:[.!?]+[\"”]?|$)", result.original, regex.MULTILINE):
        sentence = m.group().strip()
        if len(sentence.split()) < 4 or sentence in result.text:
            continue
        for e in applied:
            if e.end <= m.start() or e.start >= m.end():
                continue
            inline = bool(e.replacement) or len(e.original) < 40
            removed_copy = e.rule == "structure.duplicate-line" and sentence in result.text.replace("\n", " ")
            assert inline or removed_copy or e.rule in ("structure.teaser-pair", "structure.duplicate-line") \
                or e.rule.startswith("boilerplate."), f"{sentence!r} was lost to {e.rule}"
        assert any(e.start < m.end() and e.end > m.start() for e in applied), f"{sentence!r} vanished"
