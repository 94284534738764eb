from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yuqing.accounts.roles import has_role
from yuqing.errors import InputError, WorkflowError
from yuqing.notifications import actions
from yuqing.notifications.delivery import retry_now
from yuqing.notifications.service import unread_count
from yuqing.notifications.access import manageable_units, visible_channels
from yuqing.notifications.forms import ChannelForm
from yuqing.notifications.models import Channel, Delivery, Notification


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    items = Notification.objects.filter(user=request.user)
    unread_only = request.GET.get("show") != "all"
    if unread_only:
        items = items.filter(read_at__isnull=True)
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    unread = unread_count(request.user)
    return render(request, "notifications/inbox.html", {"page_obj": page, "unread_only": unread_only, "unread": unread})


@login_required
@require_POST
def read(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()]
    actions.mark_read(request.user, ids or None)
    return redirect("notifications:inbox")


@login_required
@require_POST
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(Notification, pk=pk, user=request.user)
    actions.mark_read(request.user, [note.pk])
    if note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts={request.get_host()}):
        return redirect(note.link)
    return redirect("notifications:inbox")


@login_required
def channel_list(request: HttpRequest) -> HttpResponse:
    channels = list(visible_channels(request.user))
    return render(request, "notifications/channels.html", {
        "channels": channels, "failing": [c for c in channels if c.failing],
        "manageable": {c.pk for c in channels if actions.can_manage(request.user, c)}})


@login_required
def channel_add(request: HttpRequest) -> HttpResponse:
    office_wide = has_role(request.user, *actions.OFFICE_WIDE_KEEPERS)
    form = ChannelForm(request.POST or None, may_office_wide=office_wide, units=manageable_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_channel(request.user, form.spec(), office_wide=form.cleaned_data.get("office_wide", False),
                                   unit=form.cleaned_data.get("unit"))
        except (InputError, WorkflowError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Channel added. Send a test message to check it."))
            return redirect("notifications:channels")
    return render(request, "notifications/channel_form.html", {"form": form})


@login_required
def channel_edit(request: HttpRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(visible_channels(request.user), pk=pk)
    if not actions.can_manage(request.user, channel):
        messages.error(request, _("You may change only your own channels"))
        return redirect("notifications:channels")
    form = ChannelForm(request.POST or None, initial=ChannelForm.initial_for(channel))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_channel(request.user, channel, form.spec())
        except (InputError, WorkflowError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Channel saved."))
            return redirect("notifications:channels")
    deliveries = channel.deliveries.all()[:20]
    return render(request, "notifications/channel_form.html", {"form": form, "channel": channel, "deliveries": deliveries})


def _channel_post(request: HttpRequest, pk: int, run) -> HttpResponse:
    channel = get_object_or_404(visible_channels(request.user), pk=pk)
    try:
        run(channel)
    except WorkflowError as error:
        messages.error(request, str(error))
    return redirect("notifications:channels")


@login_required
@require_POST
def channel_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    return _channel_post(request, pk, lambda c: actions.set_channel_enabled(request.user, c, enabled=not c.enabled))


@login_required
@require_POST
def channel_test(request: HttpRequest, pk: int) -> HttpResponse:
    def test(channel: Channel) -> None:
        actions.test_channel(request.user, channel)
        messages.success(request, _("Test message queued; its result appears under Deliveries."))

    return _channel_post(request, pk, test)


@login_required
@require_POST
def channel_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _channel_post(request, pk, lambda c: actions.delete_channel(request.user, c))


@login_required
def delivery_list(request: HttpRequest) -> HttpResponse:
    channels = visible_channels(request.user)
    deliveries = Delivery.objects.filter(channel__in=channels).select_related("channel")
    status = request.GET.get("status", "")
    if status in Delivery.Status.values:
        deliveries = deliveries.filter(status=status)
    page = Paginator(deliveries, 50).get_page(request.GET.get("page"))
    return render(request, "notifications/deliveries.html", {
        "page_obj": page, "status": status, "statuses": Delivery.Status.choices,
        "failing": [c for c in channels if c.failing]})


@login_required
@require_POST
def delivery_retry(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(Delivery, pk=pk, channel__in=visible_channels(request.user))
    if not actions.can_manage(request.user, delivery.channel):
        messages.error(request, _("You may retry only deliveries to your own channels"))
    else:
        retry_now(delivery)
        from yuqing.notifications.delivery import kick

        kick()
    return redirect("notifications:deliveries")
