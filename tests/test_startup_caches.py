"""What start-up reads from caches instead of building answers exactly as building does:
English word frequencies (a word table first, wordfreq's dict later) and the names of
widely spoken languages (analysis/languages.py)."""
import math
import random

import langcodes
import pytest
import wordfreq
from language_data.population_data import LANGUAGE_SPEAKING_POPULATION

from cleanup.analysis import languages, wordlist


def _english_sample() -> list[str]:
    words = list(wordfreq.get_frequency_dict("en"))
    odd = ["", "zzqx", "the", "The", "don't", "don’t", "naïve", "ｆｕｌｌ", "Geneva", "\ud800lone", "a\x00b"]
    return random.Random(7).sample(words, 2000) + words[:100] + words[-100:] + odd


def _same_as_wordfreq(words) -> None:
    truth = wordfreq.get_frequency_dict("en")
    for w in words:
        f = truth.get(wordlist.normal(w), 0.0)
        assert wordlist.zipf(w) == (math.log10(f) + 9 if f else 0.0), w  # the same float, not a close one
        assert wordlist.known(w) == (wordlist.normal(w) in truth), w


@pytest.fixture
def fresh_english(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(wordlist, "_TABLES", {})


def test_english_answers_as_wordfreq_before_and_after_the_switch(fresh_english, monkeypatch):
    monkeypatch.setattr(wordlist, "SWITCH_AFTER", 1500)
    words = _english_sample()
    _same_as_wordfreq(words[:600])  # 1200 lookups: still the word table
    assert not isinstance(wordlist.frequencies("en"), dict)
    _same_as_wordfreq(words[600:])  # past the switch: wordfreq's dict
    assert isinstance(wordlist.frequencies("en"), dict)


def test_english_without_a_usable_cache(fresh_english, monkeypatch, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(blocked))
    _same_as_wordfreq(_english_sample()[:300])
    monkeypatch.setattr(wordlist, "_TABLES", {})
    monkeypatch.setenv("CLEANUP_NO_CACHE", "1")
    _same_as_wordfreq(_english_sample()[:300])


def _names_as_langcodes_says(speakers: int) -> frozenset:
    return frozenset(langcodes.Language.make(language=code).display_name().casefold()
                     for code, population in LANGUAGE_SPEAKING_POPULATION.items()
                     if "-" not in code and population >= speakers)


@pytest.fixture
def names_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path))
    languages.language_names.cache_clear()
    yield tmp_path
    languages.language_names.cache_clear()


def _entries(folder):
    return list(folder.glob("language-names-*.json"))


def test_language_names_built_then_read_from_the_cache(names_cache):
    truth = _names_as_langcodes_says(1_000_000)
    assert languages.language_names(1_000_000) == truth and "french" in truth
    [entry] = _entries(names_cache)
    languages.language_names.cache_clear()
    entry.write_text('["not-a-language"]')  # what a later run reads is the entry, not langcodes
    assert languages.language_names(1_000_000) == {"not-a-language"}
    assert languages.language_names(50_000_000) == _names_as_langcodes_says(50_000_000)


def test_language_names_entry_of_other_installed_files_is_not_read(names_cache, monkeypatch):
    languages.language_names(1_000_000)
    [entry] = _entries(names_cache)
    entry.write_text('["stale"]')
    languages.language_names.cache_clear()

    import importlib.metadata

    real = importlib.metadata.distribution

    class Upgraded:  # langcodes reinstalled with other files: another RECORD
        def __init__(self, name):
            self.dist = real(name)
            self.name = name

        def read_text(self, filename):
            text = self.dist.read_text(filename)
            return text + "langcodes/new.py,sha256=x,1\n" if self.name == "langcodes" else text

    monkeypatch.setattr(importlib.metadata, "distribution", Upgraded)
    assert languages.language_names(1_000_000) == _names_as_langcodes_says(1_000_000)


def test_language_names_damaged_or_unwritable_cache(names_cache, monkeypatch):
    languages.language_names(1_000_000)
    [entry] = _entries(names_cache)
    entry.write_bytes(b"\xff{not json")
    languages.language_names.cache_clear()
    assert languages.language_names(1_000_000) == _names_as_langcodes_says(1_000_000)

    blocked = names_cache / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(blocked))
    languages.language_names.cache_clear()
    assert languages.language_names(1_000_000) == _names_as_langcodes_says(1_000_000)


def test_another_languages_small_list_answers_as_wordfreq_before_and_after_the_switch(fresh_english, monkeypatch):
    from cleanup.analysis.languages import zipf_in

    monkeypatch.setattr(wordlist, "SWITCH_SMALL_AFTER", 400)
    truth = wordfreq.get_frequency_dict("de", "small")
    words = sorted(truth)[::50][:300] + ["Zürich", "STRASSE", "danke", "not-a-word", "the"]
    for i, w in enumerate(words + words):  # 610 lookups: the table, then past the switch the dict
        f = truth.get(wordlist.normal(w), 0.0)
        assert zipf_in(w, "de") == (math.log10(f) + 9 if f else 0.0), w
        assert isinstance(wordlist.frequencies("de", "small"), dict) == (i >= 399)
