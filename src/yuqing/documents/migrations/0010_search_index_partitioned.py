"""PostgreSQL: the search index becomes partitioned by the day each document was stored (documents.index).

The existing rows are kept: the old table is renamed, every day present gets its partition, the rows
are copied with their document's day (a row whose document is gone gets today's), and the old table
is dropped. SQLite keeps its FTS5 table: nothing to do there. Going back converts the other way.
"""

from django.db import migrations

OLD = "document_search_unpartitioned"


def forward(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor == "sqlite":
        return
    from yuqing.documents import index

    with conn.cursor() as cursor:
        cursor.execute("SELECT c.relkind FROM pg_class c WHERE c.relname = 'document_search' AND pg_table_is_visible(c.oid)")
        row = cursor.fetchone()
        if row and row[0] == "p":
            return  # already partitioned
        if row:
            cursor.execute(f"ALTER TABLE document_search RENAME TO {OLD}")
            cursor.execute(f"ALTER TABLE {OLD} RENAME CONSTRAINT document_search_pkey TO {OLD}_pkey")
            cursor.execute(f"ALTER INDEX IF EXISTS document_search_tsv RENAME TO {OLD}_tsv")
    index.forget_partitions()
    index.create_index(conn)
    if not row:
        return
    with conn.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT (d.collected_at AT TIME ZONE 'UTC')::date FROM {OLD} s "
            "JOIN documents_document d ON d.id = s.doc_id"
        )
        days = [r[0] for r in cursor.fetchall()]
    index.ensure_partitions(days, conn)
    with conn.cursor() as cursor:
        cursor.execute(
            "INSERT INTO document_search (doc_id, day, tsv) "
            "SELECT s.doc_id, COALESCE((d.collected_at AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date), s.tsv "
            f"FROM {OLD} s LEFT JOIN documents_document d ON d.id = s.doc_id"
        )
        cursor.execute(f"DROP TABLE {OLD}")


def backward(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor == "sqlite":
        return
    from yuqing.documents import index

    with conn.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {OLD} (doc_id bigint PRIMARY KEY, tsv tsvector NOT NULL)")
        cursor.execute(
            f"INSERT INTO {OLD} (doc_id, tsv) SELECT doc_id, tsv FROM document_search ON CONFLICT (doc_id) DO NOTHING"
        )
        cursor.execute("DROP TABLE document_search")
        cursor.execute(f"ALTER TABLE {OLD} RENAME TO document_search")
        cursor.execute(f"ALTER TABLE document_search RENAME CONSTRAINT {OLD}_pkey TO document_search_pkey")
        cursor.execute("CREATE INDEX document_search_tsv ON document_search USING gin (tsv)")
    index.forget_partitions()


class Migration(migrations.Migration):
    dependencies = [("documents", "0009_analysis_checkpoint")]
    operations = [migrations.RunPython(forward, backward)]
