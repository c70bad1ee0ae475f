"""Response times of the review page over many dossiers: the list, search with and without tones, a filter,
a dossier's page and the XLSX export of everything.

Fills a fresh store with `--count` dossiers made from the real records and texts of four demo dossiers (each copy
with its own fingerprint, its paragraphs shuffled and a serial word, so the search index holds distinct texts),
then times requests through the real app in-process (no network). SQLite by default; PostgreSQL with
SANGKIEN_DATABASE_URL. Usage: .venv/bin/python bench/web.py [--count 5000]
"""

from __future__ import annotations

import os
import random
import re
import statistics
import sys
import tempfile
import time

from common import ROOT, size_argument

sys.path.insert(0, str(ROOT))
os.environ.setdefault("SANGKIEN_HOME", tempfile.mkdtemp(prefix="bench-web-"))

from fastapi.testclient import TestClient  # noqa: E402

from flows.review_page import review_app  # noqa: E402
from pipeline.columns import columns  # noqa: E402
from pipeline.config import load_settings  # noqa: E402
from pipeline.store import Store  # noqa: E402
from tests.web_support import DEMO_FAST, PASSWORD, fill  # noqa: E402


def copies(store: Store, count: int) -> None:
    """`count` more dossiers like the processed ones, saved the way the pipeline saves them."""
    models = [row for row in store.rows() if row["status"] != "failed"]
    rng = random.Random(6)
    for number in range(count):
        model = models[number % len(models)]
        paragraphs = model["text"].split("\n")
        rng.shuffle(paragraphs)
        fingerprint = f"{number:064x}"
        store.claim(fingerprint, f"{model['name']} {number}", f"{model['source']} {number}")
        record = model["record"] | {"dossier": f"{model['name']} {number}"}
        store.save(fingerprint, {**columns(record), "files": model["files"], "location": model["location"],
                                 "text": "\n".join(paragraphs) + f"\nmã số {number}"})


def timed(client: TestClient, path: str, repeat: int = 5) -> tuple[float, str]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times) * 1000, response.text


def main() -> None:
    count = size_argument(__doc__, "count", 5000)
    settings = load_settings()
    store = fill(settings)
    started = time.perf_counter()
    copies(store, count)
    print(f"{count} dossiers stored in {time.perf_counter() - started:.1f} s ({store.engine.dialect.name})")
    client = TestClient(review_app(settings))
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": "lan", "password": PASSWORD, "csrf_token": token})
    some = next(row["fingerprint"] for row in store.rows() if row["source"] == DEMO_FAST[0])
    for label, path in (("list, first page", "/"), ("search with tones “sáng kiến”", "/?q=sáng kiến"),
                        ("search without tones “quy tac ung xu”", "/?q=quy tac ung xu"),
                        ("search for one serial “ma so 4321”", "/?q=ma so 4321"),
                        ("filter sector + low confidence, by amount", "/?sector=khac&low=1&sort=amount_vnd"),
                        ("a dossier's page", f"/d/{some}"), ("XLSX export of every dossier", "/export.xlsx")):
        ms, body = timed(client, path, repeat=3 if "export" in path else 5)
        found = re.search(r"<h1>(\d+) hồ sơ</h1>", body)
        print(f"{label:45s} {ms:8.1f} ms" + (f"  ({found.group(1)} found)" if found else ""))


if __name__ == "__main__":
    main()
