"""Deterministic synthetic corpora and questions built from the real articles' vocabulary.

A synthetic corpus is a real `articles/` folder: the 12 real articles, the
dictionary, synonyms and stopwords, plus generated articles written as
Markdown files with front matter, so `kb index` and the app treat it like the
real thing. Words are drawn from the real articles with their real
frequencies, so posting lists have the shape the real text gives them.
"""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kb import calculators
from kb.articles import load_articles
from kb.text import Lexicon, normalize, tokenizer

_HAN = re.compile(r"^[\u3400-\u9fff]+$")
_ENDINGS = ["怎么办", "怎么处理", "吗", "如何申请", "有什么规定", "会被处罚吗", "要多久", "在哪里设置"]


@dataclass(frozen=True)
class Vocabulary:
    """The words of the real articles and how often each occurs."""

    words: tuple[str, ...]
    weights: tuple[int, ...]
    categories: tuple[str, ...]

    @classmethod
    def from_articles(cls, articles_dir: Path) -> "Vocabulary":
        """Segment every real article with the project's dictionary and count the words."""
        articles = load_articles(articles_dir, calculators.ids())
        segmenter = tokenizer(Lexicon.from_dir(articles_dir))
        counts: Counter = Counter()
        for article in articles:
            for text in (article.question, *article.aliases, *article.tags, article.summary, article.body):
                counts.update(w for w in segmenter.lcut(normalize(text), HMM=False) if _HAN.match(w))
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return cls(tuple(w for w, _ in ranked), tuple(c for _, c in ranked),
                   tuple(sorted({a.category for a in articles})))

    def sample(self, rng: random.Random, n: int) -> list[str]:
        return rng.choices(self.words, weights=self.weights, k=n)

    def rare(self, rng: random.Random, n: int) -> list[str]:
        """Words drawn evenly, which favours the rarer, topic-like words."""
        return [rng.choice(self.words) for _ in range(n)]


def _phrase(vocab: Vocabulary, rng: random.Random, low: int, high: int) -> str:
    return "".join(vocab.rare(rng, 2) + vocab.sample(rng, rng.randint(low, high)))


def _sentence(vocab: Vocabulary, rng: random.Random) -> str:
    parts = [_phrase(vocab, rng, 3, 8) for _ in range(rng.randint(1, 3))]
    return ",".join(parts) + "。"


def _body(vocab: Vocabulary, rng: random.Random) -> str:
    # About the length and shape of a real article body: bold headings, lists, paragraphs.
    blocks = []
    for _ in range(rng.randint(2, 4)):
        blocks.append(f"**{_phrase(vocab, rng, 1, 3)}**")
        if rng.random() < 0.5:
            blocks.append("\n".join(f"- {_sentence(vocab, rng)}" for _ in range(rng.randint(2, 4))))
        else:
            blocks.append("".join(_sentence(vocab, rng) for _ in range(rng.randint(2, 4))))
    return "\n\n".join(blocks)


def _yaml_list(items) -> str:
    return "[" + ", ".join(items) + "]"


def write_corpus(real_articles: Path, target: Path, size: int, seed: int = 20221111) -> Path:
    """Write `size` articles (the real ones plus generated ones) into `target`; returns it."""
    vocab = Vocabulary.from_articles(real_articles)
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(real_articles, target)
    real_count = len(list(target.glob("*/*.md")))
    calc_ids = calculators.ids()
    categories = list(vocab.categories) + ["".join(vocab.rare(rng, 2)) for _ in range(20)]
    for n in range(size - real_count):
        article_id = f"synthetic-{n:05d}"
        folder = target / f"synthetic-{n // 500:03d}"
        folder.mkdir(exist_ok=True)
        question = _phrase(vocab, rng, 2, 5) + rng.choice(_ENDINGS) + "?"
        aliases = list(dict.fromkeys(_phrase(vocab, rng, 1, 5) + rng.choice(_ENDINGS)
                                     for _ in range(rng.randint(4, 12))))
        tags = list(dict.fromkeys(vocab.rare(rng, rng.randint(2, 5))))
        calcs = rng.sample(calc_ids, k=rng.choice([0, 0, 1]))
        related = [f"synthetic-{r:05d}" for r in sorted(rng.sample(range(n), k=min(n, rng.randint(0, 2))))]
        front = "\n".join([
            "---",
            f"id: {article_id}",
            f"question: {question}",
            "aliases:",
            *(f"  - {alias}" for alias in aliases),
            f"category: {rng.choice(categories)}",
            f"tags: {_yaml_list(tags)}",
            f"calculators: {_yaml_list(calcs)}",
            f"related: {_yaml_list(related)}",
            f"summary: {_sentence(vocab, rng)}{_sentence(vocab, rng)}",
            "updated: 2022-11-01",
            "---",
        ])
        (folder / f"{article_id}.md").write_text(front + "\n\n" + _body(vocab, rng) + "\n", encoding="utf-8")
    return target


def generated_questions(real_articles: Path, count: int, seed: int = 6180) -> list[str]:
    """Return `count` distinct merchant-like questions: reworded real phrasings and word salads."""
    vocab = Vocabulary.from_articles(real_articles)
    articles = load_articles(real_articles, calculators.ids())
    phrasings = sorted({p for a in articles for p in (a.question, *a.aliases)})
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < count:
        kind = rng.random()
        if kind < 0.5:
            # A real phrasing with a word or two swapped or dropped, as merchants retype it.
            words = [w for w in re.split(r"([\u3400-\u9fff]{2})", rng.choice(phrasings)) if w]
            for _ in range(rng.randint(1, 2)):
                i = rng.randrange(len(words))
                words[i] = rng.choice([vocab.sample(rng, 1)[0], ""])
            question = "".join(words)
        elif kind < 0.95:
            question = _phrase(vocab, rng, 1, 6) + rng.choice(_ENDINGS)
        else:
            # Long, rambling questions (1 in 20): the costly end of the distribution.
            question = ",".join(_phrase(vocab, rng, 4, 10) for _ in range(rng.randint(2, 4)))[:200]
        if question.strip():
            out[question] = None
    return list(out)


def read_questions(*paths: Path) -> list[str]:
    """Return the questions of the dev-set TSV files that exist, in order, without duplicates."""
    found: dict[str, None] = {}
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                found[line.split("\t")[0].strip()] = None
    return list(found)


