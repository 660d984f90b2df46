"""Other languages: their word lists (wordfreq) and their English names (langcodes).

Another language only matters where a word is common in it, so its list is
wordfreq's "small" one (words of Zipf 3 and up), read as wordlist.py reads
English: a word table first (a dozen languages' dicts cost 0.33 s and 80 MB
to build), wordfreq's dict once it is looked up enough.

langcodes and wordfreq are imported where they are used: importing them, and
langcodes' tables of names, cost more than cleaning a short document does.
"""
from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from functools import lru_cache
from pathlib import Path

from .cache_folder import cache_folder, store_entry
from .wordlist import frequencies, normal


def zipf_in(word: str, lang: str) -> float:
    """Zipf frequency of `word` in `lang`; 0 when it is not among that language's common words."""
    f = frequencies(lang, "small").get(normal(word), 0.0)
    return math.log10(f) + 9 if f else 0.0


@lru_cache(maxsize=None)
def language_name(code: str) -> str:
    """'fr' -> 'French'."""
    import langcodes

    return langcodes.Language.get(code).display_name()


def most_common_in(word: str, languages) -> tuple[str, float] | None:
    """The language whose list has `word` most often, with its Zipf frequency."""
    best = max(((zipf_in(word, lang), lang) for lang in languages), default=(0.0, ""))
    return (best[1], best[0]) if best[0] > 0 else None


def probable_language(words: list[str], languages) -> str | None:
    """The one language whose list knows most of `words` (at least half), or None when unclear."""
    known = sorted(((sum(zipf_in(w, lang) > 0 for w in words), lang) for lang in languages), reverse=True)
    if not known or known[0][0] * 2 < len(words) or known[0][0] == 0:
        return None
    if len(known) > 1 and known[1][0] == known[0][0]:
        return None  # Russian or Ukrainian? Chinese or Japanese? not ours to guess
    return known[0][1]


@lru_cache(maxsize=4096)
def is_language_name(word: str) -> bool:
    """'Greek', 'Russian', 'Mandarin': a language's English name (not 'Russia', not 'Putin')."""
    import langcodes

    try:
        found = langcodes.find(word)
    except (LookupError, ValueError):
        return False
    return found.display_name().casefold().startswith(word.casefold())


def unaccented(word: str) -> str:
    """naïve -> naive: the word in plain letters, as English often writes borrowed words."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


@lru_cache(maxsize=None)
def language_names(speakers: int) -> frozenset[str]:
    """The English names, casefolded, of the languages with `speakers` speakers at least: the
    languages langcodes counts speakers of by language subtag alone ('fr', not 'fr-CA').

    Reading langcodes' tables of names costs ~0.05 s, so the names are kept in the cache folder
    under a key made of the installed langcodes and language_data (their RECORD lists every
    file's hash) and this module's code; without a usable cache they are read as before."""
    def read() -> list[str]:
        import langcodes
        from language_data.population_data import LANGUAGE_SPEAKING_POPULATION

        return sorted({langcodes.Language.make(language=code).display_name().casefold()
                       for code, population in LANGUAGE_SPEAKING_POPULATION.items()
                       if "-" not in code and population >= speakers})

    return frozenset(_cached(f"language-names-{speakers}", ("langcodes", "language_data"), read))


def _cached(name: str, packages: tuple[str, ...], make):
    """make() (a JSON value), from the cache folder when an entry for these packages' files is there."""
    entry = _entry(name, packages)
    if entry is not None:
        try:
            return json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # absent or damaged: made again
            pass
    value = make()
    if entry is not None:
        store_entry(entry, lambda name: Path(name).write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8"))
    return value


def _entry(name: str, packages: tuple[str, ...]) -> Path | None:
    folder = cache_folder("derived")
    if folder is None:
        return None
    from importlib.metadata import PackageNotFoundError, distribution

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package in packages:
        try:
            record = distribution(package).read_text("RECORD")
        except PackageNotFoundError:
            record = None
        if not record:
            return None  # nothing says which files are installed: no key, no cache
        digest.update(package.encode() + b"\0" + record.encode("utf-8", "surrogateescape"))
    return folder / f"{name}-{digest.hexdigest()[:32]}.json"
