"""The bigram search index (FTS5 on SQLite, tsvector + GIN on PostgreSQL); see documents.index."""

from django.db import migrations


def create(apps, schema_editor):
    from yuqing.documents.index import create_index

    create_index(schema_editor.connection)


def drop(apps, schema_editor):
    from yuqing.documents.index import drop_index

    drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
