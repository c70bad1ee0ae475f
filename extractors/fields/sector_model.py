"""A small spaCy text classifier for sectors, trained from the repository's examples on first use, cached on disk.

Training is offline and reproducible: a blank multi-language pipeline (rule tokenizer, no pyvi), a bag-of-words
`textcat` with exclusive classes over folded text (fold.py `squash`, so OCR's lost diacritics do not matter),
a fixed seed and a fixed number of epochs. The trained pipeline is saved under `sector-<key>/`, where the key
hashes the examples, the codes trained, the training settings and the spaCy/thinc versions: any change trains
a new model, an unchanged repository loads the saved one. Folder: the per-user cache
(`$XDG_CACHE_HOME/sangkien/models`, else `~/.cache/sangkien/models`), shared by every SANGKIEN_HOME: the key
says all the weights depend on, and training takes about 3 s alone (14 s beside a batch's OCR threads, whose
GIL it holds) that every new home, test or benchmark would otherwise pay again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import shutil
import threading
import uuid
from contextvars import ContextVar
from pathlib import Path

import spacy
import thinc
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, load_model_from_config, minibatch
from thinc.api import Config

from extractors.fields.ruleset import Sectors, bound
from extractors.fields.sector_examples import SectorExamples
from extractors.fold import squash

log = logging.getLogger(__name__)

# Part of the cache key: changing any of these retrains.
SETTINGS = {"seed": 0, "epochs": 12, "batch_size": 8, "ngram_size": 2, "length": 2**15}


def models_dir() -> Path:
    """Where trained models are kept (created on demand)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sangkien" / "models"


def trained_codes(taxonomy: Sectors, examples: SectorExamples) -> list[str]:
    """Codes that are both in the taxonomy and in the examples: the only ones the model may answer."""
    return [s.code for s in taxonomy.sectors if examples.examples.get(s.code) and examples.examples[s.code].all]


def cache_key(codes: list[str], examples: SectorExamples) -> str:
    """A short hash of everything that determines the trained weights."""
    parts = [examples.model_dump_json(), json.dumps(codes), json.dumps(SETTINGS, sort_keys=True),
             spacy.__version__, thinc.__version__]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def train(codes: list[str], examples: SectorExamples) -> Language:
    """Train the classifier on the examples of `codes`; the same input gives the same weights."""
    fix_random_seed(SETTINGS["seed"])
    nlp = spacy.blank("xx")
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "no_output_layer": False,
        "ngram_size": SETTINGS["ngram_size"], "length": SETTINGS["length"]}})
    for code in codes:
        textcat.add_label(code)
    data = [Example.from_dict(nlp.make_doc(squash(text)), {"cats": {c: float(c == code) for c in codes}})
            for text, code in examples.pairs(codes)]
    optimizer = nlp.initialize(lambda: data)
    order = random.Random(SETTINGS["seed"])
    for _ in range(SETTINGS["epochs"]):
        order.shuffle(data)
        for batch in minibatch(data, size=SETTINGS["batch_size"]):
            nlp.update(batch, sgd=optimizer)
    return nlp


def _save(nlp: Language, path: Path) -> None:
    """Write to a private folder, then rename: a concurrent process never sees a half-written model."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    nlp.to_disk(tmp)
    try:
        tmp.rename(path)
    except OSError:  # another process saved the same model first; theirs is identical
        shutil.rmtree(tmp, ignore_errors=True)


class SectorModel:
    """A loaded classifier; `scores(text)` is safe to call from several threads."""

    def __init__(self, nlp: Language, path: Path):
        self.nlp, self.path = nlp, path
        self._lock = threading.Lock()  # spaCy's tokenizer cache is not meant for concurrent writers
        # Words seen in training (before any prediction adds to the vocabulary), minus the tokenizer's own.
        self._known = frozenset(nlp.vocab.strings) - frozenset(spacy.blank("xx").vocab.strings)

    def scores(self, text: str) -> dict[str, float]:
        """Probability per trained code (they sum to 1); empty when no word of `text` was seen in training,
        since the model would then answer with its class priors, which are no evidence at all."""
        with self._lock:
            doc = self.nlp.make_doc(squash(text))
            if not any(token.text in self._known for token in doc):
                return {}
            return dict(self.nlp(doc).cats)


def to_bytes(model: SectorModel) -> tuple[str, bytes]:
    """The trained pipeline as (config, weights), to be kept where every worker can load it (a database)."""
    return model.nlp.config.to_str(), model.nlp.to_bytes()


def from_bytes(config: str, weights: bytes, name: str) -> SectorModel:
    nlp = load_model_from_config(Config().from_str(config), auto_fill=False)
    return SectorModel(nlp.from_bytes(weights), Path(name))


# A classifier the caller chose for the extraction running in this context (one retrained from reviewers'
# corrections, kept by the pipeline), instead of the one trained from the repository's examples.
_CHOSEN: ContextVar[SectorModel | None] = ContextVar("sector_model", default=None)


def using_model(model: SectorModel | None):
    """Extract with `model` as the sector classifier (None: the repository's own)."""
    return bound(_CHOSEN, model)


def chosen_model() -> SectorModel | None:
    return _CHOSEN.get()


_LOCK = threading.Lock()
_LOADED: dict[Path, SectorModel] = {}
_LAST: list[tuple[Sectors, SectorExamples, SectorModel | None]] = []  # skips re-hashing on every dossier


def load_model(taxonomy: Sectors, examples: SectorExamples) -> SectorModel | None:
    """The classifier for this taxonomy and these examples, trained now if no saved one exists.

    None when fewer than two codes have examples (a replaced taxonomy may have none): keywords decide alone.
    """
    last = _LAST[0] if _LAST else None
    if last and last[0] is taxonomy and last[1] is examples:
        return last[2]
    codes, model = trained_codes(taxonomy, examples), None
    if len(codes) >= 2:
        path = models_dir() / f"sector-{cache_key(codes, examples)}"
        with _LOCK:  # first use from many threads: train once, the others wait and load
            if path not in _LOADED:
                _LOADED[path] = SectorModel(_trained(codes, examples, path), path)
            model = _LOADED[path]
    _LAST[:] = [(taxonomy, examples, model)]
    return model


def forget_loaded() -> None:
    """Drop the models held in memory (tests; an admin's replaced examples file), not those on disk."""
    with _LOCK:
        _LOADED.clear()
        _LAST.clear()


def _trained(codes: list[str], examples: SectorExamples, path: Path) -> Language:
    """The saved model at `path`, trained and saved first if missing; an unwritable folder only costs a retrain."""
    if (path / "config.cfg").is_file():
        try:
            return spacy.load(path)
        except (OSError, ValueError) as exc:  # damaged on disk: still answer, and say how to heal it
            log.warning("sector model at %s unreadable (%s); training in memory - delete the folder", path, exc)
            return train(codes, examples)
    nlp = train(codes, examples)
    try:
        _save(nlp, path)
    except OSError as exc:
        log.warning("sector model not saved to %s (%s); it will be trained again next run", path, exc)
    return nlp
