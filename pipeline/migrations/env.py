"""Alembic environment. The migrations are the one description of the schema (the store reflects it);
the connection comes from the caller (pipeline.store), never from an ini file."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
