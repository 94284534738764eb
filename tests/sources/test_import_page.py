"""Excel imports and the import page: merged header cells, dates typed as text, the column mapping
guessed and saved, a preview, the queued run, and the summary with quarantined rows and reasons."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yuqing.cli import main
from yuqing.collect.files import read_records
from yuqing.collect.items import CollectedItem, Rejected
from yuqing.documents.models import Document
from yuqing.sources.importing import run_pending
from yuqing.sources.models import ImportJob, ImportMapping, QuarantinedRecord

ROWS = [
    ("演示：县城暴雨积水", "演示：多条道路积水，交警疏导", "https://news.example.cn/a/1", "2025/11/20 8:30", "演示日报", "演示记者甲", "河南"),
    ("演示：停电抢修", "演示：供电公司连夜抢修", "https://news.example.cn/a/2", "2025年11月20日 09:05", "演示网", "", ""),
    ("演示：时间坏了", "演示：这一行的时间写错了", "https://news.example.cn/a/3", "明天上午", "演示网", "", ""),
    ("", "", "https://news.example.cn/a/4", "2025-11-20", "演示网", "", ""),
]


def vendor_export(path: Path) -> Path:
    """A 舆情 platform's export: a title row, a merged group header, merged-down columns, dates as text."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["演示县舆情信息导出（2025年11月）"])
    sheet.merge_cells("A1:G1")
    sheet.append(["基本信息", None, None, "发布时间", "来源", "作者", "IP属地"])
    sheet.merge_cells("A2:C2")
    for column in "DEFG":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.append(["标题", "正文", "链接"])
    for row in ROWS:
        sheet.append(list(row))
        sheet.cell(sheet.max_row, 4).number_format = "@"  # the date column is formatted as text
    book.save(path)
    return path


def test_merged_headers_and_text_dates_are_read(tmp_path):
    records = list(read_records(vendor_export(tmp_path / "export.xlsx"), require_id_or_url=False))
    first, second, bad_time, empty = records
    assert isinstance(first, CollectedItem) and (first.title, first.site, first.author, first.ip_location) == (
        "演示：县城暴雨积水", "演示日报", "演示记者甲", "河南")
    assert first.url == "https://news.example.cn/a/1" and first.position == 4
    assert first.published_at.isoformat() == "2025-11-20T00:30:00+00:00"  # read as Beijing time
    assert second.published_at.isoformat() == "2025-11-20T01:05:00+00:00"
    assert isinstance(bad_time, Rejected) and "created_at" in bad_time.reason and bad_time.position == 6
    assert isinstance(empty, Rejected) and "neither title nor text" in empty.reason


@pytest.mark.django_db
def test_yuqing_import_takes_an_xlsx(tmp_path):
    assert main(["import", str(vendor_export(tmp_path / "export.xlsx"))]) == 0
    assert Document.objects.count() == 2 and QuarantinedRecord.objects.count() == 2


def _limits(settings, **changes) -> None:
    settings.YUQING = dataclasses.replace(settings.YUQING, **changes)


@pytest.mark.django_db
def test_import_page_upload_map_preview_save_run_and_summary(logged_client, tmp_path):
    data = vendor_export(tmp_path / "export.xlsx").read_bytes()
    upload = SimpleUploadedFile("演示导出.xlsx", data)
    response = logged_client.post(reverse("sources:import"), {"file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("sources:import_job", args=[job.pk])
    page = logged_client.get(reverse("sources:import_job", args=[job.pk])).content.decode()
    for header in ("标题", "正文", "链接", "发布时间", "来源", "作者"):
        assert f"<td>{header}</td>" in page  # every column listed with its guess
    assert 'value="created_at" selected' in page and "演示：县城暴雨积水" in page and "明天上午" in page
    columns = {f"col_{i}": field for i, field in enumerate(["title", "text", "url", "created_at", "site", "author", "ip_location"])}
    logged_client.post(reverse("sources:import_job", args=[job.pk]), {**columns, "save_as": "演示平台导出", "start": "1"})
    assert ImportMapping.objects.get(name="演示平台导出").mapping["发布时间"] == "created_at"
    job.refresh_from_db()
    assert job.status == "pending"
    assert "refresh" in logged_client.get(reverse("sources:import_job", args=[job.pk])).content.decode()
    assert run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.total_rows, job.run.items_new, job.run.items_rejected) == ("done", 4, 2, 2)
    summary = logged_client.get(reverse("sources:import_job", args=[job.pk])).content.decode()
    assert "bad created_at" in summary and "neither title nor text" in summary and 'http-equiv="refresh"' not in summary
    assert main(["import", str(tmp_path / "export.xlsx"), "--mapping", "演示平台导出"]) == 0  # the saved mapping, from the shell


@pytest.mark.django_db
def test_upload_refused_on_content_length_before_the_body_is_read(logged_client, settings):
    _limits(settings, upload_max_bytes=1024)
    response = logged_client.post(reverse("sources:import"), {"file": SimpleUploadedFile("big.csv", b"x" * 10)},
                                  CONTENT_LENGTH=str(50 * 1024 * 1024))  # declared, never sent: reading would fail
    assert response.status_code == 413 and ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_who_may_import_and_pick_server_files(client, django_user_model, tmp_path, settings):
    from django.contrib.auth.models import Group

    folder = tmp_path / "imports"
    folder.mkdir()
    (folder / "list.csv").write_text("标题,正文\n演示,演示正文\n", encoding="utf-8")
    _limits(settings, import_dirs=(folder,))
    analyst = django_user_model.objects.create_user("analyst1", password="pw-for-tests-1")
    analyst.groups.add(Group.objects.get_or_create(name="analyst")[0])
    officer = django_user_model.objects.create_user("officer1", password="pw-for-tests-1")
    client.force_login(officer)
    assert client.get(reverse("sources:import")).status_code == 403
    client.force_login(analyst)
    page = client.get(reverse("sources:import")).content.decode()
    assert "list.csv" not in page  # picking a file on the server is an administrator's
    client.post(reverse("sources:import"), {"folder_file": "list.csv"})
    assert ImportJob.objects.count() == 0
    admin = django_user_model.objects.create_superuser("root", "", "pw-for-tests-1")
    client.force_login(admin)
    assert "list.csv" in client.get(reverse("sources:import")).content.decode()
    client.post(reverse("sources:import"), {"folder_file": "../imports/../../etc/passwd"})
    assert ImportJob.objects.count() == 0
    client.post(reverse("sources:import"), {"folder_file": "list.csv"})
    assert ImportJob.objects.get().source.url == str((folder / "list.csv").resolve())


@pytest.mark.django_db
def test_an_uploads_place_on_the_server_is_shown_only_to_administrators(client, django_user_model):
    from django.contrib.auth.models import Group

    analyst = django_user_model.objects.create_user("analyst2", password="pw-for-tests-1")
    analyst.groups.add(Group.objects.get_or_create(name="analyst")[0])
    client.force_login(analyst)
    client.post(reverse("sources:import"), {"file": SimpleUploadedFile("名单.csv", "标题,正文\n演示,演示正文\n".encode())})
    job = ImportJob.objects.get()
    assert "/imports/" in job.source.url  # kept under the workspace's media folder
    listed = {s["kind"]: s["url"] for s in client.get("/api/sources").json()}
    assert listed["upload"] == "名单.csv"
    assert job.source.url not in client.get(reverse("sources:detail", args=[job.source.pk])).content.decode()
