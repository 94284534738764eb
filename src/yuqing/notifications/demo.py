"""Demo inbox and channels: a welcome note, and an office robot on a reserved .invalid name that
fails (like the demo's failing sources), so the failing-channel view has something to show."""

from __future__ import annotations

from django.contrib.auth import get_user_model

DEMO_ROBOT = "办公室值班群机器人（演示，将失败）"


def seed() -> str:
    from yuqing.notifications.models import Channel, Notification
    from yuqing.notifications.service import notify

    admin = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    made = []
    if admin and not Notification.objects.filter(user=admin, kind="welcome").exists():
        notify([admin], "欢迎使用演示工作区（虚构数据）",
               body="警报会出现在这里，也可以发到邮箱、企业微信、钉钉、飞书或签名 webhook：在“我的渠道”里设置。",
               link="/notifications/channels/", kind="welcome")
        made.append("welcome note")
    _, created = Channel.objects.get_or_create(
        name=DEMO_ROBOT, user=None,
        defaults={"kind": Channel.Kind.WECOM, "target": "https://robot.demo.invalid/cgi-bin/webhook/send?key=demo",
                  "min_severity": "high", "kinds": "alert"})
    if created:
        made.append("office robot (fails on purpose)")
    return "notifications: " + (", ".join(made) if made else "already present")
