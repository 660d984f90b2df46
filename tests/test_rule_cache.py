"""Parsed rule files are kept between runs, keyed by everything their parse depends on."""
from __future__ import annotations

import pytest

from cleanup.core.errors import RuleFileError
from cleanup.rulebook import cache, loading

RULES = ("id: mine\nkind: replace\ndescription: d\nrules:\n  - id: colour\n    literal: colour\n"
         "    replacement: color\n    message: m\nexamples:\n  - unchanged: x\n")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLEANUP_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _no_parsing(monkeypatch):
    def refuse(*_):
        raise AssertionError("parsed again")
    monkeypatch.setattr(loading, "_parse", refuse)


def test_a_second_load_reads_the_cache_and_gives_the_same_rules(tmp_path, cache_dir, monkeypatch):
    path = tmp_path / "mine.yaml"
    path.write_text(RULES, encoding="utf-8")
    first = loading.load_rule_file(path)
    assert list(cache_dir.glob("*.pickle"))
    _no_parsing(monkeypatch)
    again = loading.load_rule_file(path)
    assert again == first and again.rules[0].data == first.rules[0].data and again.path == path


def test_a_changed_file_is_parsed_again(tmp_path, cache_dir):
    path = tmp_path / "mine.yaml"
    path.write_text(RULES, encoding="utf-8")
    loading.load_rule_file(path)
    path.write_text(RULES.replace("replacement: color", "replacement: hue"), encoding="utf-8")
    assert loading.load_rule_file(path).rules[0].data["replacement"] == "hue"
    path.write_text(RULES.replace("literal: colour", "literl: colour"), encoding="utf-8")
    with pytest.raises(RuleFileError, match="mine.yaml:5: rules.0.: give exactly one"):
        loading.load_rule_file(path)


def test_the_same_contents_at_another_path_keep_their_own_path(tmp_path, cache_dir):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(RULES, encoding="utf-8")
    b.write_text(RULES, encoding="utf-8")
    assert loading.load_rule_file(a).path == a and loading.load_rule_file(b).path == b


def test_a_damaged_entry_or_an_unwritable_folder_means_parsing(tmp_path, cache_dir):
    path = tmp_path / "mine.yaml"
    path.write_text(RULES, encoding="utf-8")
    loading.load_rule_file(path)
    for entry in cache_dir.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert loading.load_rule_file(path).rules[0].id == "mine.colour"
    cache_dir.rename(tmp_path / "elsewhere")
    cache_dir.write_text("a file where the folder should be", encoding="utf-8")
    assert loading.load_rule_file(path).rules[0].id == "mine.colour"


def test_no_cache_when_asked(tmp_path, cache_dir, monkeypatch):
    monkeypatch.setenv("CLEANUP_NO_CACHE", "1")
    path = tmp_path / "mine.yaml"
    path.write_text(RULES, encoding="utf-8")
    loading.load_rule_file(path)
    assert cache.folder() is None and not cache_dir.exists()
