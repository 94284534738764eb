"""The delivery queue: claim, send, log, retry with backoff, give up after the last attempt.

Deliveries are rows, so nothing is lost when the process stops: the worker's job
(`notifications.deliver`, every tick) sends whatever is due. New deliveries do not wait for
the tick: `kick()` wakes a sender thread right after the notifying transaction commits, so the
first attempt leaves within milliseconds and a slow robot never holds up the caller.

Settings: YUQING_NOTIFY_SEND = "thread" (default), "inline" (send in the committing thread), or
"worker" (only the background job sends; tests use it to drive the clock themselves).
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connections
from django.db.models import F
from django.utils import timezone

from yuqing import failures
from yuqing.notifications.models import Channel, Delivery

log = logging.getLogger("yuqing.notifications")
# Waits after the 1st, 2nd, ... failed attempt; after the last one the delivery is given up.
BACKOFF = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10), timedelta(minutes=30),
           timedelta(hours=2))
MAX_ATTEMPTS = len(BACKOFF) + 1
STALE_CLAIM = timedelta(minutes=10)  # a "sending" row this old belonged to a process that died


def deliver_due(now: datetime | None = None, limit: int = 200, client=None) -> int:
    """Attempt every delivery that is due; returns how many were attempted."""
    from yuqing.notifications.senders import make_client

    now = now or timezone.now()
    Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=Delivery.Status.PENDING)
    due = list(Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
               .order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit])
    if not due:
        return 0
    owns = client is None
    client = client or make_client()
    try:
        return sum(1 for pk in due if _claim(pk, now) and attempt(pk, now, client))
    finally:
        if owns:
            client.close()


def _claim(pk: int, now: datetime) -> bool:
    """Take the row for this sender; another thread or process that got it first wins."""
    return bool(Delivery.objects.filter(pk=pk, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SENDING, claimed_at=now))


def attempt(pk: int, now: datetime, client=None) -> bool:
    from yuqing.notifications.senders import Outcome, send

    delivery = Delivery.objects.select_related("channel", "channel__user").get(pk=pk)
    if not delivery.channel.enabled:
        outcome = Outcome(False, None, failures.stored("ChannelDisabled", "the channel was disabled before this message was sent"))
        delivery.attempts = MAX_ATTEMPTS - 1  # no point retrying
    else:
        try:
            outcome = send(delivery, client)
        except Exception as error:  # noqa: BLE001 - a row left "sending" would never be sent nor failed
            log.exception("delivery %s: sending raised", pk)
            outcome = Outcome(False, None, failures.stored(error)[:2000])
    record(delivery, outcome.ok, outcome.response_code, outcome.error, now)
    return True


def record(delivery: Delivery, ok: bool, code: int | None, error: str, now: datetime) -> None:
    delivery.attempts += 1
    delivery.response_code, delivery.last_error = code, error
    channel = Channel.objects.filter(pk=delivery.channel_id)
    if ok:
        delivery.status, delivery.sent_at = Delivery.Status.SENT, now
        if channel.filter(consecutive_failures__gt=0).update(last_success_at=now, consecutive_failures=0):
            log.info("channel %s (%s) works again", delivery.channel_id, delivery.channel.name)
        else:
            channel.update(last_success_at=now)
    else:
        give_up = delivery.attempts >= MAX_ATTEMPTS
        delivery.status = Delivery.Status.FAILED if give_up else Delivery.Status.PENDING
        if not give_up:
            delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
        _failed(delivery, channel, error, now, give_up)
    delivery.save(update_fields=["attempts", "response_code", "last_error", "status", "sent_at", "next_attempt_at"])


def _failed(delivery: Delivery, channel, error: str, now: datetime, give_up: bool) -> None:
    """Say once, when a working channel starts failing, that it fails and why; its retries and
    the deliveries given up are on the channels and deliveries pages, not one log line each (a
    robot that cannot be reached would otherwise log every message it misses, six times)."""
    first = channel.filter(consecutive_failures=0).update(last_error=error, last_error_at=now, consecutive_failures=1)
    if not first:
        channel.update(last_error=error, last_error_at=now, consecutive_failures=F("consecutive_failures") + 1)
        log.debug("delivery %s to channel %s failed (attempt %d%s): %s", delivery.pk, delivery.channel_id,
                  delivery.attempts, ", giving up" if give_up else "", error)
        return
    log.warning("channel %s (%s) fails: %s. Its messages are retried for about %d hours, then given up; "
                "the channels page shows it until it works again", delivery.channel_id, delivery.channel.name,
                error, round(sum(BACKOFF, timedelta()).total_seconds() / 3600))


def retry_now(delivery: Delivery, now: datetime | None = None) -> None:
    """Put a given-up delivery back in the queue (from the deliveries page)."""
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.PENDING, next_attempt_at=now or timezone.now())


class _Sender(threading.Thread):
    def __init__(self) -> None:
        super().__init__(name="yuqing-notify", daemon=True)
        self.wake = threading.Event()

    def run(self) -> None:
        while True:
            self.wake.wait()
            self.wake.clear()
            try:
                close_old_connections()
                deliver_due()
            except Exception:  # the worker's job retries; never let the thread die
                log.exception("sending notifications failed; the background job will retry")
            finally:
                connections.close_all()


_sender: _Sender | None = None
_sender_lock = threading.Lock()


def kick() -> None:
    """Send what is due now, the way YUQING_NOTIFY_SEND says."""
    global _sender
    mode = getattr(settings, "YUQING_NOTIFY_SEND", "thread")
    if mode == "inline":
        deliver_due()
    elif mode == "thread":
        with _sender_lock:
            if _sender is None or not _sender.is_alive():
                _sender = _Sender()
                _sender.start()
        _sender.wake.set()
