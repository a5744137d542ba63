"""Word segmentation with an owned jieba tokenizer and the project's dictionaries.

jieba's module-level functions share one global tokenizer that any library in
the process may change; kg owns its own :class:`jieba.Tokenizer`, loads the
user dictionaries under ``kg/data/dict/`` into it once per process (lazily, on
first use) and tags with a :class:`jieba.posseg.POSTokenizer` over it.

    >>> [t.text for t in segmenter().words("焦作市召开会议", offset=10)][:2]
    ['焦作市', '召开']
"""

from __future__ import annotations

import functools
import logging
import threading
from importlib import resources
from pathlib import Path

from kg.model import Token

__all__ = ["Segmenter", "segmenter", "user_dictionaries"]

log = logging.getLogger(__name__)


def user_dictionaries() -> list[Path]:
    """The project's jieba user dictionaries, in load order."""
    folder = resources.files("kg") / "data" / "dict"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


class Segmenter:
    """jieba segmentation and POS tagging with document offsets.

    Loading happens on the first call, under a lock, so constructing one is
    free and a process loads the dictionaries once.
    """

    def __init__(self, dictionaries: list[Path] | None = None) -> None:
        self._dictionaries = dictionaries
        self._lock = threading.Lock()
        self._tokenizer: object = None
        self._tagger: object = None

    def _load(self) -> object:
        """The tokenizer, with the user dictionaries loaded into it (once)."""
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    import jieba

                    tokenizer = jieba.Tokenizer()
                    for path in self._dictionaries or user_dictionaries():
                        log.debug("loading user dictionary %s", path)
                        tokenizer.load_userdict(str(path))
                    self._tokenizer = tokenizer
        return self._tokenizer

    def _pos_tagger(self) -> object:
        """jieba's part-of-speech tagger over the tokenizer, made on first use.

        Importing ``jieba.posseg`` and making a tagger each read jieba's whole
        dictionary (about a second in all), and the default pipeline needs
        words only. The user dictionaries' tags, which loading them left on the
        tokenizer, join the tagger's table on its first cut.
        """
        tokenizer = self._load()
        if self._tagger is None:
            with self._lock:
                if self._tagger is None:
                    import jieba.posseg

                    self._tagger = jieba.posseg.POSTokenizer(tokenizer)
        return self._tagger

    @property
    def tokenizer(self) -> object:
        """The underlying ``jieba.Tokenizer`` (loaded)."""
        return self._load()

    @functools.cached_property
    def main_dictionary_tags(self) -> dict[str, str]:
        """jieba's main dictionary (no user dictionaries): every word → its part-of-speech tag.

        Read once per process and shared: the CRF's features, the phrase and
        place rules all look words up in it (reading the file took about a
        second each time).
        """
        tags: dict[str, str] = {}
        with self.tokenizer.get_dict_file() as f:  # type: ignore[attr-defined]
            for line in f.read().decode("utf-8").splitlines():
                parts = line.split()
                if len(parts) >= 3:
                    tags[parts[0]] = parts[2]
        return tags

    @functools.cached_property
    def dictionary_tags(self) -> dict[str, str]:
        """jieba's main dictionary: word (2–4 characters) → its part-of-speech tag.

        Extractors use it to tell ordinary words (城中村 n) from names; the words of
        today's language jieba lacks (冷链, 文旅: :func:`modern_words`) are among them.
        """
        tags = {w: t for w, t in self.main_dictionary_tags.items() if 2 <= len(w) <= 4}
        return {**{w: t for w, t in modern_words().items() if 2 <= len(w) <= 4}, **tags}

    def frequency(self, word: str) -> int:
        """How often jieba's dictionary (and the user dictionaries) count ``word``."""
        freq: dict[str, int] = self.tokenizer.FREQ  # type: ignore[attr-defined]
        return freq.get(word, 0)

    def words(self, text: str, offset: int = 0) -> list[Token]:
        """Tokens of ``text`` without part-of-speech tags (``pos`` is ``""``)."""
        tokenizer = self._load()
        out = []
        pos = offset
        for word in tokenizer.lcut(text):  # type: ignore[attr-defined]
            out.append(Token(pos, pos + len(word), word, ""))
            pos += len(word)
        return out

    def tag(self, text: str, offset: int = 0) -> list[Token]:
        """Tokens of ``text`` with jieba's part-of-speech tags (``nr``, ``ns``, ``nt`` …)."""
        tagger = self._pos_tagger()
        out = []
        pos = offset
        for pair in tagger.lcut(text):  # type: ignore[attr-defined]
            word, flag = pair.word, pair.flag
            out.append(Token(pos, pos + len(word), word, flag))
            pos += len(word)
        return out


def modern_words() -> dict[str, str]:
    """Common words of today's language jieba's dictionary lacks → their tags
    (``kg/data/modern_words.txt``): ordinary words for the rules, not for the taggers."""
    from kg.extractors._phrases import lexicon

    return lexicon("modern_words.txt")


@functools.cache
def segmenter() -> Segmenter:
    """The process-wide segmenter with the project's dictionaries."""
    return Segmenter()
