"""The word tables of rarely asked languages (analysis/wordtable.py) answer exactly as
wordfreq's own dictionaries do, from the cache or without one."""
import random

import pytest
import wordfreq

from cleanup.analysis import wordtable
from cleanup.analysis.wordtable import word_table

LANGS = ["fr", "nl"]


def _sample(lang: str) -> list[str]:
    words = list(wordfreq.get_frequency_dict(lang))
    rnd = random.Random(lang)
    absent = ["zzqx", "", "Paris", "der", "the", "naïve", "ｆｕｌｌ", "l'eau", "l’eau", "caf\udce9", "\ud800", "\x00", "a\x00b", "0\x0000"]
    return rnd.sample(words, 3000) + words[:200] + words[-200:] + absent


def _same_answers(table, lang: str) -> None:
    truth = wordfreq.get_frequency_dict(lang)
    for word in _sample(lang):
        assert (word in table) == (word in truth), word
        assert table.get(word, 0.0) == truth.get(word, 0.0), word  # the same float, not a close one


@pytest.mark.parametrize("lang", LANGS)
def test_built_and_cached_tables_answer_as_wordfreq(lang, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path))
    _same_answers(word_table(lang), lang)  # built, and stored
    assert list(tmp_path.glob(f"wordfreq-*-{lang}-best.marisa"))
    _same_answers(word_table(lang), lang)  # read from the cache


def test_without_a_cache_the_table_is_built_in_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_NO_CACHE", "1")
    _same_answers(word_table("nl"), "nl")
    monkeypatch.delenv("CLEANUP_NO_CACHE")
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(blocked))  # cannot be written: built in memory
    _same_answers(word_table("nl"), "nl")


def test_a_damaged_entry_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path))
    path = wordtable._cached_path("nl")
    path.write_bytes(b"not a trie")
    _same_answers(word_table("nl"), "nl")
    assert path.read_bytes() != b"not a trie"
