"""One published index generation, opened: its articles and the scores a search adds up.

Everything is read when the generation opens; no file stays open, nothing
is written afterwards, so threads share it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index

from kb import measured
from kb.impacts import ImpactIndex
from kb.text import Lexicon, Pipeline

# Field weights in the ranking, measured with `kb eval` (README "Answer quality").
BOOSTS = measured.value("BOOSTS")


@dataclass(frozen=True)
class Generation:
    """An opened generation: the articles by docnum and by id, its pipeline and its scores."""

    path: Path
    pipeline: Pipeline
    impacts: ImpactIndex
    docs: list[dict]               # stored articles; a hit's docnum indexes this list
    by_id: dict[str, dict]         # the same articles, ordered by id

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def doc_count(self) -> int:
        return len(self.docs)


def open_generation(path: Path) -> Generation:
    """Read a published generation's articles, lexicon and per-key scores."""
    path = Path(path)
    pipeline = Pipeline(Lexicon.from_dir(path / "lexicon"))
    index = whoosh_index.open_dir(str(path))
    with index.reader() as reader:
        # Stored fields come in docnum order.
        docs = [json.loads(fields["doc"]) for fields in reader.all_stored_fields()]
    index.close()
    impacts = ImpactIndex.load(path)
    by_id = {doc["id"]: doc for doc in sorted(docs, key=lambda d: d["id"])}
    return Generation(path, pipeline, impacts, docs, by_id)
