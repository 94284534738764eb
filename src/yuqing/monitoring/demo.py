"""Demo schemes over the fictional posts (永城 fire, 商丘 rain, 郑州 lift, new bus line), a duty
roster for the week, and alerts made by replaying the last three days hour by hour, as they
would have been raised live: escalations included, older ones acknowledged."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

SCHEMES = [
    dict(name="永城化工厂火情", group="突发事件", place_words="永城", subject_words="化工厂 起火 火灾 爆炸 浓烟 火情",
         exclude_words="演习", rules=[dict(kind="every", severity="high"), dict(kind="spike", severity="critical", min_count=5, bucket_minutes=60),
                                      dict(kind="event_place", severity="high", places="永城", min_posts=3)]),
    dict(name="商丘暴雨内涝", group="突发事件", place_words="商丘 睢阳", subject_words="暴雨 积水 停电 排涝 进水",
         rules=[dict(kind="negative", severity="medium"), dict(kind="spread", severity="medium", min_sites=3)]),
    dict(name="郑州电梯安全", group="民生", place_words="郑州", subject_words="电梯",
         rules=[dict(kind="every", severity="low", digest="hourly")]),
    dict(name="城际公交（正面反馈）", group="民生", mode="advanced", expression="城际公交 AND sentiment:positive",
         rules=[dict(kind="every", severity="info", digest="daily")]),
]
# login, name, role (the duty officers stand the roster; the leader leads it)
DUTY_USERS = [("demo_duty_zhang", "张值班", "duty_officer"), ("demo_duty_li", "李值班", "duty_officer"),
              ("demo_leader_wang", "王带班", "leader")]


def seed() -> str:
    from yuqing.monitoring.models import Scheme

    admin = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if admin is None or Scheme.objects.filter(name=SCHEMES[0]["name"]).exists():
        return "monitoring: already present" if admin else "monitoring: no administrator account, skipped"
    now = timezone.now()
    people = _people()
    _roster(admin, people, now)
    schemes = [_scheme(admin, spec, now) for spec in SCHEMES]
    alerts = _replay(schemes, now, admin)
    return f"monitoring: {len(schemes)} schemes, a week's duty roster, {alerts} alerts from the last three days"


def _people() -> list:
    from django.contrib.auth.models import Group

    from yuqing.accounts.roles import ensure_roles

    ensure_roles()
    User = get_user_model()
    people = []
    for username, name, role in DUTY_USERS:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": name})
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=role))
        people.append(user)
    return people


def _roster(admin, people, now: datetime) -> None:
    from yuqing.monitoring.duty import plan_rotation

    first_day = timezone.localdate(now) - timedelta(days=3)
    if timezone.localtime(now).time() < time(8):
        first_day -= timedelta(days=1)
    plan_rotation(admin, officers=[people[0], people[1], admin], first_day=first_day, days=10, start_hour=8, hours=24,
                  leader=people[2])


def _scheme(admin, spec: dict, now: datetime):
    from yuqing.monitoring.schemes import RuleSpec, SchemeSpec, save_scheme

    fields = {k: v for k, v in spec.items() if k != "rules"}
    rules = [RuleSpec(**rule) for rule in spec["rules"]]
    scheme = save_scheme(admin, None, SchemeSpec(**fields, rules=rules), now=now - timedelta(days=10))
    scheme.matches.all().delete()  # the replay below records matches as they arrive
    return scheme


STEP = timedelta(minutes=10)  # the spike rules' bucket: a coarser replay would blur the spike


def _replay(schemes: list, now: datetime, admin) -> int:
    """Feed the last three days' documents through alerting in ten-minute steps, the clock running."""
    from yuqing.documents.models import Document
    from yuqing.monitoring.escalation import escalate_due, send_digests
    from yuqing.monitoring.handling import acknowledge
    from yuqing.monitoring.models import Alert
    from yuqing.monitoring.percolate import process

    start = now - timedelta(days=3)
    docs = list(Document.objects.filter(published_at__gte=start, published_at__lte=now).select_related("source")
                .order_by("published_at", "id"))
    step, position = start, 0
    while step < now:
        end = min(step + STEP, now)
        batch = []
        while position < len(docs) and docs[position].published_at < end:
            batch.append(docs[position])
            position += 1
        if batch:
            process(batch, now=end)
        escalate_due(end)
        send_digests(end)
        step = end
    waiting = Alert.objects.filter(status=Alert.Status.NEW).order_by("-created_at", "-id")
    for alert in waiting.select_related("scheme")[3:]:  # the newest three stay waiting
        acknowledge(admin, alert, now=alert.created_at + timedelta(minutes=40), note="演示：已知悉，持续关注")
    return Alert.objects.count()
