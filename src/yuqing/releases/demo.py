"""The demo publishes one release for its fictional incident (the 永城 chemical-plant fire): the
office's first statement, drafted by the editor and signed by the chief editor. Fictional, marked 演示."""

from __future__ import annotations

from django.contrib.auth import get_user_model

TITLE = "示例市侯岭街道一化工厂火情通报（演示）"


def seed() -> str:
    from yuqing.incidents.models import Statement
    from yuqing.releases import actions
    from yuqing.releases.models import Release

    if Release.objects.filter(title=TITLE).exists():
        return "releases: already present"
    statement = Statement.objects.filter(incident__title__contains="永城").order_by("published_at", "id").first()
    users = get_user_model().objects
    drafter = users.filter(username="editor1").first() or users.filter(is_superuser=True).order_by("pk").first()
    signer = users.filter(username="chief1").first() or users.filter(is_superuser=True).order_by("pk").first()
    if statement is None or drafter is None or signer is None:
        return "releases: no demo incident statement or no accounts, skipped"
    release = actions.draft_release(drafter, title=TITLE, issuer=statement.issuer, text=statement.text, statement=statement)
    actions.sign(signer, release, now=statement.published_at)
    return f"releases: one published release (/releases/{release.pk}/)"
