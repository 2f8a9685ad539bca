"""Migration operations that run raw SQL on PostgreSQL only (SQLite has no such features)."""

from django.db import migrations


def postgres_only(forward_sql: str, backward_sql: str) -> migrations.RunPython:
    def run(sql: str):
        def operation(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                # params=None: several statements in one call, no placeholder parsing.
                schema_editor.execute(sql, params=None)

        return operation

    return migrations.RunPython(run(forward_sql), run(backward_sql))
