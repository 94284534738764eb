"""PostgreSQL: drop the `varchar_pattern_ops` ("_like") companions Django adds to every indexed
text column of documents_document.

They serve only `LIKE 'prefix%'`, which no query on this table runs (search matches sites by
suffix and authors by infix, which no btree serves). Every one of them is written on each insert
and on the analysis owner's update of each document (no update is heap-only: the analysed columns
are indexed), and that update is the serial part of N workers (bench/owner_batch.py). The plain
indexes on the same columns stay. SQLite has no such indexes: nothing to do there.

Also dropped on PostgreSQL: the single-column indexes on `site` and `source_id`, which the
composite indexes doc_thread / doc_site_id (site, …) and doc_source_time (source_id, …) begin
with, so every query they served is served as well (search compares lower(site), which neither
serves).
"""

from django.db import migrations


def _like_indexes(apps, schema_editor):
    model = apps.get_model("documents", "Document")
    table = model._meta.db_table
    for field in model._meta.local_fields:
        if (field.db_index or field.unique) and field.get_internal_type() in ("CharField", "TextField", "SlugField"):
            yield model, field, schema_editor._create_index_name(table, [field.column], suffix="_like")


REDUNDANT = ("site", "source")  # the first column of a composite index


def _redundant_indexes(apps, schema_editor):
    model = apps.get_model("documents", "Document")
    for name in REDUNDANT:
        field = model._meta.get_field(name)
        yield model, field, schema_editor._create_index_name(model._meta.db_table, [field.column])


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _model, _field, name in [*_like_indexes(apps, schema_editor), *_redundant_indexes(apps, schema_editor)]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, field, _name in _like_indexes(apps, schema_editor):
        statement = schema_editor._create_like_index_sql(model, field)
        if statement is not None:
            schema_editor.execute(statement)
    for model, field, _name in _redundant_indexes(apps, schema_editor):
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))


class Migration(migrations.Migration):
    dependencies = [("documents", "0012_prepared_posts")]
    operations = [migrations.RunPython(drop, restore)]
