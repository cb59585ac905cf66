"""The Chinese text pipeline shared by indexing and querying.

normalise (NFKC, traditional -> simplified, lower case, no control characters)
-> segment with jieba plus the domain dictionary -> map synonyms to one
canonical word -> drop stopwords. Index and query both go through `Pipeline`,
so they always segment the same way.

Besides words the pipeline derives pinyin syllable bigrams, keys that survive
homophone typos (预竟 for 预警, 报被 for 报备) and segmentation mismatches. Plain
character bigrams were measured too and bought nothing the pinyin keys did not
(tests/benchmarks/ablation.py), so they are not used.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from math import log
from pathlib import Path

import jieba
import opencc
from pypinyin import Style
from pypinyin.core import Pinyin
from pypinyin.converter import UltimateConverter

from kb.cache import BoundedCache

DICTIONARY_FILE = "dictionary.txt"
SYNONYMS_FILE = "synonyms.txt"
STOPWORDS_FILE = "stopwords.txt"

_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
# jieba's own block, whitespace and ASCII patterns, as its cut uses them.
_JIEBA_HAN = jieba.re_han_default
_JIEBA_SKIP = jieba.re_skip_default
_JIEBA_ENG = jieba.re_eng
_WORDISH = re.compile(r"[\w\u3400-\u9fff]", re.U)

_converter = opencc.OpenCC("t2s")
# jieba's HMM guesses new words from unknown characters; the guesses (里发,
# 货要) differ between phrasings of the same question, so it stays off and
# unknown text falls apart into characters, which the pinyin keys still match.
USE_HMM = False
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』《》〈〉")
_jieba_lock = threading.Lock()
# jieba announces every dictionary load on stderr; the CLI output stays clean.
jieba.setLogLevel(logging.WARNING)
# Segmentations and pinyin readings are cached by the characters they cover
# (about 300 bytes of objects per character): whatever the questions, these
# caches stay under some 20 MB. Measured with `make bench` ("faults").
SPAN_CACHE_CHARS = 40_000
PINYIN_CACHE_CHARS = 40_000
# A build meets the same few thousand tokens hundreds of thousands of times:
# each token's content word and each word's keys are remembered per pipeline,
# up to this many entries (then forgotten at once, so that what questions
# bring cannot grow them: a few MB at most).
WORD_MEMO_ENTRIES = 20_000
_UNSEEN = object()


def _clean_char(ch: str) -> str:
    # Control and format characters (zero-width spaces, BOMs, bidi marks)
    # would split or glue words invisibly; they become plain spaces.
    return " " if unicodedata.category(ch) in ("Cc", "Cf") else ch


def normalize(text: str) -> str:
    """Return text in NFKC, simplified Chinese, lower case, without control characters or quotes."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isprintable():  # printable text has no control or format characters
        text = "".join(_clean_char(ch) for ch in text)
    # Quotes mark emphasis (咚咚“延迟发货”卡片); left in, they would split
    # the compound word they wrap.
    return _converter.convert(text).lower().translate(_QUOTES)


# The questions being asked now, normalised once each: a search's length check and
# its event both need the normalised question, and merchants repeat questions.
# Only questions within the length limit come here (at most some 4 KB normalised
# each), so 1,024 of them hold a few MB at worst.
@functools.lru_cache(maxsize=1024)
def normalize_question(question: str) -> str:
    """Return `normalize(question)`, remembered for the questions asked lately."""
    return normalize(question)


def _read_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


@dataclass(frozen=True)
class Lexicon:
    """The domain data the pipeline needs: dictionary words, synonym map, stopwords."""

    words: tuple[tuple[str, int | None], ...]
    synonyms: dict[str, str]
    stopwords: frozenset[str]

    @classmethod
    def from_dir(cls, articles_dir: Path) -> "Lexicon":
        """Read dictionary.txt, synonyms.txt and stopwords.txt from the articles folder."""
        articles_dir = Path(articles_dir)
        words = []
        for line in _read_lines(articles_dir / DICTIONARY_FILE):
            parts = line.split()
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            words.append((normalize(parts[0]), freq))
        synonyms = {}
        for line in _read_lines(articles_dir / SYNONYMS_FILE):
            group = [normalize(w) for w in re.split(r"[\s,，]+", line) if w]
            for word in group[1:]:
                synonyms[word] = group[0]
        stopwords = frozenset(
            normalize(w) for line in _read_lines(articles_dir / STOPWORDS_FILE) for w in line.split()
        )
        return cls(tuple(words), synonyms, stopwords)


def tokenizer(lexicon: Lexicon) -> jieba.Tokenizer:
    """Return a jieba tokenizer of its own for this lexicon: jieba's dictionary plus the domain words.

    Each index generation segments with the lexicon it was built with and
    nothing else: words added to jieba's process-wide tokenizer would stay
    there after a generation that dropped them (a running server and a
    fresh process would segment the same question differently). jieba's
    dictionary is loaded once per process (about 0.5 s); copying it for a
    lexicon costs about 13 ms and 15 MB.
    """
    with _jieba_lock:
        jieba.dt.initialize()
        own = jieba.Tokenizer()
        own.FREQ, own.total, own.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
    for word, freq in lexicon.words:
        own.add_word(word, freq)
    # Synonyms must come out of jieba whole, or they could never be mapped.
    for word in [*lexicon.synonyms, *set(lexicon.synonyms.values())]:
        if len(word) > 1 and word not in own.FREQ:
            own.add_word(word)
    return own


def cut_without_hmm(tokenizer: jieba.Tokenizer, text: str) -> list[str]:
    """Return `list(tokenizer.cut(text, HMM=False))`, computed the same way in fewer steps.

    jieba 0.42's cut finds, for each block of Chinese (and ASCII word)
    characters, the most probable path through the dictionary words it
    holds: a DAG of word ends per position (get_DAG), then the best route
    from the right (calc), through three generators per word. Here both are
    one loop over the block, with the same arithmetic and the same choice
    between equal scores (the later word end, as max over (score, end) tuples
    picks), so the words are jieba's; a test compares them with jieba's cut.
    Segmenting is most of a build's time.
    """
    freq = tokenizer.FREQ
    logtotal = log(tokenizer.total)
    out: list[str] = []
    for block in _JIEBA_HAN.split(text):
        if not block:
            continue
        if not _JIEBA_HAN.match(block):
            for part in _JIEBA_SKIP.split(block):
                if _JIEBA_SKIP.match(part):
                    out.append(part)
                else:
                    out.extend(part)
            continue
        n = len(block)
        route: list[tuple[float, int]] = [(0, 0)] * (n + 1)
        for k in range(n - 1, -1, -1):
            best = None
            i = k
            fragment = block[k]
            while i < n and fragment in freq:
                count = freq[fragment]
                if count:
                    candidate = (log(count) - logtotal + route[i + 1][0], i)
                    if best is None or candidate > best:
                        best = candidate
                i += 1
                fragment = block[k:i + 1]
            # No dictionary word starts here: the character alone, at frequency 1.
            route[k] = best if best is not None else (log(1) - logtotal + route[k + 1][0], k)
        x = 0
        letters = ""  # single ASCII letters and digits in a row make one token
        while x < n:
            y = route[x][1] + 1
            word = block[x:y]
            if y - x == 1 and _JIEBA_ENG.match(word):
                letters += word
            else:
                if letters:
                    out.append(letters)
                    letters = ""
                out.append(word)
            x = y
        if letters:
            out.append(letters)
    return out


@dataclass(frozen=True)
class Span:
    """One content word of a text: as written, its canonical form, its place in the normalised text."""

    surface: str
    word: str
    start: int
    end: int


class Pipeline:
    """Turns text into the index and query keys: words and the words inside them."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._forms: dict[str, set[str]] = {}
        for word, canonical in lexicon.synonyms.items():
            self._forms.setdefault(canonical, {canonical}).add(word)
        self.tokenizer = tokenizer(lexicon)
        self._span_cache: BoundedCache[tuple[Span, ...]] = BoundedCache(4096, SPAN_CACHE_CHARS)
        self._content_words: dict[str, str | None] = {}
        self._keys: dict[str, tuple[str, ...]] = {}

    def canonical(self, word: str) -> str:
        """Return the canonical form of a (normalised) word under the synonym groups."""
        return self.lexicon.synonyms.get(word, word)

    def spans(self, text: str) -> tuple[Span, ...]:
        """Return the content words of a text with their positions in `normalize(text)`."""
        normal = normalize(text)
        spans = self._span_cache.get(normal)
        if spans is None:
            spans = self._segment(normal)
            self._span_cache.put(normal, spans, len(normal))
        return spans

    def _segment(self, normal: str) -> tuple[Span, ...]:
        if USE_HMM:
            tokens = [token for token, _, _ in self.tokenizer.tokenize(normal, HMM=True)]
        else:
            tokens = cut_without_hmm(self.tokenizer, normal)
        memo = self._content_words
        out = []
        start = 0
        for token in tokens:
            end = start + len(token)
            word = memo.get(token, _UNSEEN)
            if word is _UNSEEN:
                word = self._content_word(token)
                if len(memo) >= WORD_MEMO_ENTRIES:
                    memo.clear()
                memo[token] = word
            if word is not None:
                out.append(Span(token, word, start, end))
            start = end
        return tuple(out)

    def _content_word(self, token: str) -> str | None:
        """The canonical word a token stands for; None for spaces, punctuation and stopwords."""
        if not token.strip() or not _WORDISH.search(token):
            return None
        word = self.canonical(token.strip())
        return None if word in self.lexicon.stopwords else word

    def words(self, text: str) -> tuple[str, ...]:
        """Return the content words of a text, canonical."""
        return tuple(span.word for span in self.spans(text))

    def keys(self, word: str) -> tuple[str, ...]:
        """Return a word and the dictionary words inside it (运费险 -> 运费险, 运费), canonical."""
        keys = self._keys.get(word)
        if keys is None:
            keys = self._find_keys(word)
            if len(self._keys) >= WORD_MEMO_ENTRIES:
                self._keys.clear()
            self._keys[word] = keys
        return keys

    def _find_keys(self, word: str) -> tuple[str, ...]:
        found = [word]
        for size in range(len(word) - 1, 1, -1):
            for start in range(len(word) - size + 1):
                part = word[start:start + size]
                if self.tokenizer.FREQ.get(part):
                    part = self.canonical(part)
                    if part not in found and part not in self.lexicon.stopwords:
                        found.append(part)
        return tuple(found)

    def index_keys(self, text: str) -> list[str]:
        """Return the keys a text is indexed under: every word and the words inside it."""
        return [key for word in self.words(text) for key in self.keys(word)]

    def surface_forms(self, word: str) -> set[str]:
        """Return every written form that maps to this canonical word (for highlighting)."""
        return self._forms.get(word, {word})


def positioned_pinyin(normal: str) -> list[tuple[int, str]]:
    """Return `(position, pinyin bigram)` for each pair of adjacent Chinese characters.

    `normal` must already be normalised; positions index into it. Runs where
    some character has no reading are skipped.
    """
    out = []
    for run in _HAN_RUN.finditer(normal):
        syllables = _pinyin_of_run(run.group(0))
        if len(syllables) != len(run.group(0)):
            continue
        out.extend((run.start() + i, syllables[i] + "_" + syllables[i + 1]) for i in range(len(syllables) - 1))
    return out


_pinyin_cache: BoundedCache[tuple[str, ...]] = BoundedCache(8192, PINYIN_CACHE_CHARS)


# lazy_pinyin(run) splits the run into pypinyin's dictionary phrases and
# single characters, then reads each piece on its own: a piece's reading does
# not depend on its neighbours. Runs rarely repeat (an article's sentences are
# all different) but their pieces do, so the readings are cached per piece.
# `_PINYIN` is what lazy_pinyin builds on every call; a test checks that the
# result is lazy_pinyin's.
_CONVERTER = UltimateConverter()
_PINYIN = Pinyin(_CONVERTER)
_piece_cache: BoundedCache[tuple[str, ...]] = BoundedCache(16384, PINYIN_CACHE_CHARS)


def _pinyin_of_piece(piece: str) -> tuple[str, ...]:
    syllables = _piece_cache.get(piece)
    if syllables is None:
        readings = _CONVERTER.convert(piece, Style.NORMAL, False, "ignore", strict=True)
        syllables = tuple(s for reading in readings for s in reading)
        _piece_cache.put(piece, syllables, len(piece))
    return syllables


def _pinyin_of_run(run: str) -> tuple[str, ...]:
    """Return lazy_pinyin(run, style=Style.NORMAL, errors="ignore"), as a tuple."""
    syllables = _pinyin_cache.get(run)
    if syllables is None:
        syllables = tuple(s for piece in _PINYIN.seg(run) for s in _pinyin_of_piece(piece))
        _pinyin_cache.put(run, syllables, len(run))
    return syllables


def pinyin_bigrams(text: str) -> list[str]:
    """Return toneless pinyin bigrams of each Chinese run, e.g. 预警 -> ["yu_jing"]."""
    return [pinyin for _, pinyin in positioned_pinyin(normalize(text))]
