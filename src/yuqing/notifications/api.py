from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.responses import Status

from yuqing.errors import WorkflowError
from yuqing.notifications import actions
from yuqing.notifications.access import visible_channels
from yuqing.notifications.delivery import kick, retry_now
from yuqing.notifications.models import Channel, Delivery, Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    link: str
    kind: str
    severity: str
    created_at: datetime
    read_at: datetime | None


class ReadIn(Schema):
    ids: list[int] | None = None


class ChannelIn(Schema):
    name: str = ""
    kind: str
    target: str = ""
    secret: str = ""
    min_severity: str = "info"
    kinds: str = ""
    enabled: bool = True
    office_wide: bool = False
    unit_id: int | None = None


class ChannelOut(Schema):
    id: int
    name: str
    kind: str
    target: str
    has_secret: bool
    min_severity: str
    kinds: str
    enabled: bool
    office_wide: bool
    unit_id: int | None
    failing: bool
    consecutive_failures: int
    last_error: str
    last_error_at: datetime | None
    last_success_at: datetime | None

    @staticmethod
    def resolve_target(channel: Channel) -> str:
        return channel.masked_target

    @staticmethod
    def resolve_has_secret(channel: Channel) -> bool:
        return bool(channel.secret)


class DeliveryOut(Schema):
    id: int
    channel_id: int
    title: str
    kind: str
    severity: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str
    response_code: int | None
    created_at: datetime
    sent_at: datetime | None


@router.get("", response=list[NotificationOut], summary="My notifications, newest first")
def list_notifications(request, unread: bool = False, limit: int = 50, offset: int = 0):
    items = Notification.objects.filter(user=request.user)
    if unread:
        items = items.filter(read_at__isnull=True)
    return items[max(offset, 0) : max(offset, 0) + min(max(limit, 0), 200)]


@router.get("/unread-count", summary="How many of my notifications are unread")
def unread_count(request) -> dict:
    return {"unread": Notification.objects.filter(user=request.user, read_at__isnull=True).count()}


@router.post("/read", summary="Mark my notifications read (all unread ones when ids is omitted)")
def read(request, payload: ReadIn) -> dict:
    return {"marked": actions.mark_read(request.user, payload.ids)}


def _channels(user):
    return visible_channels(user)


def _managed(request, channel_id: int) -> Channel:
    channel = get_object_or_404(_channels(request.user), pk=channel_id)
    if not actions.can_manage(request.user, channel):
        raise WorkflowError("you may change only your own channels")
    return channel


def _spec(payload: ChannelIn) -> actions.ChannelSpec:
    return actions.ChannelSpec(**payload.dict(exclude={"office_wide", "unit_id"}))


@router.get("/channels", response=list[ChannelOut])
def list_channels(request):
    return _channels(request.user)


@router.post("/channels", response={201: ChannelOut})
def create_channel(request, payload: ChannelIn):
    from yuqing.units.models import Unit

    unit = get_object_or_404(Unit, pk=payload.unit_id) if payload.unit_id else None
    return Status(201, actions.create_channel(request.user, _spec(payload), office_wide=payload.office_wide, unit=unit))


@router.put("/channels/{channel_id}", response=ChannelOut, summary="Replace a channel's settings (empty secret keeps the stored one)")
def update_channel(request, channel_id: int, payload: ChannelIn):
    return actions.update_channel(request.user, _managed(request, channel_id), _spec(payload))


@router.delete("/channels/{channel_id}", response={204: None})
def delete_channel(request, channel_id: int):
    actions.delete_channel(request.user, _managed(request, channel_id))
    return Status(204, None)


@router.post("/channels/{channel_id}/test", response={202: DeliveryOut}, summary="Queue a test message")
def test_channel(request, channel_id: int):
    return Status(202, actions.test_channel(request.user, _managed(request, channel_id)))


@router.get("/deliveries", response=list[DeliveryOut], summary="Delivery log of the channels I can see")
def list_deliveries(request, status: str = "", channel: int | None = None, limit: int = 50, offset: int = 0):
    deliveries = Delivery.objects.filter(channel__in=_channels(request.user))
    if status:
        deliveries = deliveries.filter(status=status)
    if channel is not None:
        deliveries = deliveries.filter(channel_id=channel)
    return deliveries[max(offset, 0) : max(offset, 0) + min(max(limit, 0), 200)]


@router.post("/deliveries/{delivery_id}/retry", response={202: DeliveryOut})
def retry_delivery(request, delivery_id: int):
    delivery = get_object_or_404(Delivery, pk=delivery_id)
    _managed(request, delivery.channel_id)
    retry_now(delivery)
    kick()
    delivery.refresh_from_db()
    return Status(202, delivery)
