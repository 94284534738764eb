"""Role rules of the inbox, channels and deliveries (format: yuqing.accounts.matrix).

Everyone keeps their own inbox and may add channels of their own (where their messages go).
A unit's channels are kept by its unit heads; office-wide channels by the roles that own
monitoring; the check on the channel is in yuqing.notifications.actions.can_manage.
"""

from yuqing.accounts.matrix import LOGGED_IN, Api, Page, obj

MINE = {"pk": obj("my_channel")}
RULES = [
    Page("notifications:inbox", "GET", LOGGED_IN, "one's own notifications"),
    Page("notifications:read", "POST", LOGGED_IN, "mark one's notifications read"),
    Page("notifications:open", "POST", LOGGED_IN, "open one of one's notifications (marks it read)",
         args={"pk": obj("my_notification")}),
    Page("notifications:channels", "GET", LOGGED_IN, "the channels a user may see"),
    Page("notifications:channel_add", "GET", LOGGED_IN, "the form to add a channel"),
    Page("notifications:channel_add", "POST", LOGGED_IN, "add a channel (one's own; a unit's: its unit heads; "
                                                        "office-wide: administrators and analysts)", ok=200),
    Page("notifications:channel_edit", "GET", LOGGED_IN, "change one's channel", args=MINE),
    Page("notifications:channel_edit", "POST", LOGGED_IN, "change one's channel", args=MINE, ok=200),
    Page("notifications:channel_toggle", "POST", LOGGED_IN, "switch one's channel on or off", args=MINE),
    Page("notifications:channel_test", "POST", LOGGED_IN, "send a test message to one's channel", args=MINE),
    Page("notifications:channel_delete", "POST", LOGGED_IN, "remove one's channel", args=MINE),
    Page("notifications:deliveries", "GET", LOGGED_IN, "deliveries to the channels a user may see"),
    Page("notifications:delivery_retry", "POST", LOGGED_IN, "retry a delivery to one's channel",
         args={"pk": obj("my_delivery")}),
    Api("GET", "/api/notifications", LOGGED_IN, "one's notifications"),
    Api("GET", "/api/notifications/unread-count", LOGGED_IN, "how many are unread"),
    Api("POST", "/api/notifications/read", LOGGED_IN, "mark them read"),
    Api("GET", "/api/notifications/channels", LOGGED_IN, "the channels a user may see"),
    Api("POST", "/api/notifications/channels", LOGGED_IN, "add a channel (as on the page)"),
    Api("PUT", "/api/notifications/channels/{channel_id}", LOGGED_IN, "change one's channel",
        args={"channel_id": obj("my_channel")}),
    Api("DELETE", "/api/notifications/channels/{channel_id}", LOGGED_IN, "remove one's channel",
        args={"channel_id": obj("my_channel")}, ok=204),
    Api("POST", "/api/notifications/channels/{channel_id}/test", LOGGED_IN, "test one's channel",
        args={"channel_id": obj("my_channel")}, ok=202),
    Api("GET", "/api/notifications/deliveries", LOGGED_IN, "deliveries to the channels a user may see"),
    Api("POST", "/api/notifications/deliveries/{delivery_id}/retry", LOGGED_IN, "retry a delivery to one's channel",
        args={"delivery_id": obj("my_delivery")}, ok=202),
]
