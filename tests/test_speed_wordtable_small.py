"""wordfreq's "small" lists (the other languages' common words, analysis/languages.py) as word
tables: the same answers as wordfreq's dictionaries of them, so languages.py may ask a table,
opened in a millisecond, instead of importing wordfreq and building a dict per language."""
import random

import pytest
import wordfreq

from cleanup.analysis.wordtable import word_table


@pytest.mark.parametrize("lang", ["fr", "fi"])
def test_a_small_lists_table_answers_as_wordfreqs_dict_of_it(lang, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path))
    truth = wordfreq.get_frequency_dict(lang, wordlist="small")
    words = list(truth)
    sample = random.Random(lang).sample(words, 3000) + words[:200] + words[-200:]
    sample += ["zzqx", "", "the", "naïve", "l’eau", "\ud800", "a\x00b"]
    sample += random.Random(lang).sample(list(wordfreq.get_frequency_dict(lang)), 500)  # in the best list only
    for table in (word_table(lang, "small"), word_table(lang, "small")):  # built, then read from the cache
        for word in sample:
            assert (word in table) == (word in truth), word
            assert table.get(word, 0.0) == truth.get(word, 0.0), word
    assert list(tmp_path.glob(f"wordfreq-*-{lang}-small.marisa"))
