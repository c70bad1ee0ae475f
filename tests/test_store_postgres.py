"""The record store on the machine's PostgreSQL: same migrations, same atomic claim as on SQLite."""

from __future__ import annotations

from pipeline.store import Store, engine_url


def test_plain_postgresql_urls_use_psycopg3():
    assert engine_url("postgresql://u@h:5432/db") == "postgresql+psycopg://u@h:5432/db"
    assert engine_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert engine_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_migrations_and_claims_on_postgres(postgres_url):
    store = Store.open(postgres_url)
    assert store.engine.dialect.name == "postgresql"
    assert store.claim("f" * 64, "a.docx", "a.docx") is True
    assert store.claim("f" * 64, "copy.docx", "copy.docx") is False  # the fingerprint row makes it atomic
    store.save("f" * 64, {"status": "needs_review", "title": "Ứng dụng sáng kiến", "min_confidence": 0.5})
    assert [row["title"] for row in store.review_queue()] == ["Ứng dụng sáng kiến"]
    store.engine.dispose()
