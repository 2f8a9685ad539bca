"""Statements PostgreSQL plans once per connection instead of at every request.

A fiche page runs five short statements whose plans never depend on their parameters (a fiche
by its address, its lists by its id). PostgreSQL took longer to plan each of them (0.3–0.9 ms)
than to run it (0.05–0.15 ms). Django sends every statement with its parameters written in, so
none can be prepared; the statements given to `prepared_cursor` go through psycopg's
server-side binding instead, which prepares a statement once it has run
`DATABASES["default"]["OPTIONS"]["prepare_threshold"]` times on the connection.

The ORM's own statements are left as they are: many depend on their parameters (a broad word
against a narrow one), where a plan made once would be wrong for the next.
"""

from contextlib import contextmanager
from functools import cache

from django.core.exceptions import FullResultSet
from django.db import connection


def prepares_statements() -> bool:
    """False on SQLite, and on PostgreSQL when the settings leave prepared statements off
    (behind a connection pooler in transaction mode, for example)."""
    if connection.vendor != "postgresql":
        return False
    return connection.settings_dict.get("OPTIONS", {}).get("prepare_threshold") is not None


@contextmanager
def prepared_cursor():
    """A Django cursor (errors, query logging and health checks as usual) whose statements
    are bound on the server, hence prepared after a few runs. Plain `connection.cursor()`
    where statements are not prepared."""
    with connection.cursor() as cursor:
        if prepares_statements():
            # Django's own class for `server_side_binding`, on the same connection: only the
            # way parameters travel changes.
            from django.db.backends.postgresql.base import ServerBindingCursor

            client_side, cursor.cursor = cursor.cursor, ServerBindingCursor(connection.connection)
            client_side.close()
        yield cursor


def instance_from_row(model, fields: tuple[str, ...], values):
    """An instance of `model` from a row of its `fields` (attribute names, in the model's order),
    read as the ORM reads them: each column through Django's converters (JSON, booleans and
    dates on SQLite…)."""
    values = list(values)
    for index, converters, column in _converters(model, fields):
        for convert in converters:
            values[index] = convert(values[index], column, connection)
    return model.from_db(connection.alias, fields, values)


@cache  # per model and columns: the same for every row
def _converters(model, fields: tuple[str, ...]) -> list:
    found = []
    for index, name in enumerate(fields):
        column = model._meta.get_field(name).get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if converters:
            found.append((index, converters, column))
    return found


def where_sql(queryset) -> tuple[str, list]:
    """The condition of `queryset`, compiled by the ORM, as SQL naming its table unaliased
    (`"actors_actor"."status" = %s`) with its parameters: a rule kept in a query set or a
    policy stays written there when a prepared statement applies it. `1 = 1` when it has none."""
    query = queryset.query
    try:
        sql, params = query.where.as_sql(query.get_compiler(connection=connection), connection)
    except FullResultSet:  # what Django raises for a query set left unfiltered
        return "1 = 1", []
    return (f"({sql})", list(params)) if sql else ("1 = 1", [])
