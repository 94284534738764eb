"""A delete action's audit row names what it deleted and keeps its main fields (never a secret)."""

from __future__ import annotations

import pytest

from yuqing.accounts.models import AuditEntry
from yuqing.notifications.actions import ChannelSpec, create_channel, delete_channel
from yuqing.sources.actions import delete_source
from yuqing.sources.models import Source

pytestmark = pytest.mark.django_db


def test_deleting_a_source_records_which_source_it_was(admin_user):
    source = Source.objects.create(name="示例日报", kind="feed", url="https://news.example/rss")
    pk = source.pk
    delete_source(admin_user, source)
    entry = AuditEntry.objects.get(action="source.delete")
    assert (entry.target_type, entry.target_id) == ("sources.source", str(pk))
    assert entry.detail["target"]["name"] == "示例日报" and entry.detail["target"]["url"] == "https://news.example/rss"


def test_deleting_a_channel_records_it_without_its_secret_or_robot_address(admin_user):
    channel = create_channel(admin_user, ChannelSpec(name="值班群", kind="webhook", target="https://robot.example/send?key=K123",
                                                     secret="S3CRET"), office_wide=True)
    pk = channel.pk
    delete_channel(admin_user, channel)
    entry = AuditEntry.objects.get(action="channel.delete")
    assert (entry.target_type, entry.target_id) == ("notifications.channel", str(pk))
    assert entry.detail["target"]["name"] == "值班群" and entry.detail["target"]["kind"] == "webhook"
    assert "S3CRET" not in str(entry.detail) and "K123" not in str(entry.detail)
