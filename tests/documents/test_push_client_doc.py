"""The 20-line Python client in docs/collecting.md, run as written against a live server."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from yuqing.accounts.models import ApiToken
from yuqing.documents.models import Document

DOC = Path(__file__).parents[2] / "docs" / "collecting.md"


@pytest.mark.django_db(transaction=True)
def test_documented_client_pushes_a_file_and_a_retry_adds_nothing(live_server, admin_user, tmp_path, settings, capsys):
    settings.ALLOWED_HOSTS = ["*"]
    code = re.search(r"A client in 20 lines.*?```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    token = ApiToken.issue(admin_user, "collector", scope="ingest")[1]
    code = code.replace("http://127.0.0.1:8000", live_server.url).replace('"yq_…"', repr(token))
    rows = tmp_path / "rows.jsonl"
    rows.write_text("\n".join(json.dumps({"id": str(n), "text": f"演示推送 {n}", "site": "weibo.com"}, ensure_ascii=False)
                              for n in range(7)) + "\n", encoding="utf-8")
    sys_argv = sys.argv
    try:
        sys.argv = ["client.py", str(rows)]
        exec(compile(code, "client.py", "exec"), {"__name__": "__main__"})
        exec(compile(code, "client.py", "exec"), {"__name__": "__main__"})
    finally:
        sys.argv = sys_argv
    out = capsys.readouterr().out.splitlines()
    assert out == ["7 stored, 0 duplicates, 0 quarantined", "0 stored, 7 duplicates, 0 quarantined"]
    assert Document.objects.count() == 7
