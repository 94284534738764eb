"""Role rules of schemes, alerts and the duty roster (format: yuqing.accounts.matrix).

Schemes decide what pages the duty officer and posts to the office's robots, so only the roles
that own monitoring write them. Alerts are handled by duty officers, analysts, leaders and
administrators, and by whoever holds the alert (yuqing.monitoring.handling.can_handle).
"""

from yuqing.accounts.matrix import LOGGED_IN, Api, Page, Permission, obj

PERMISSIONS = {
    "scheme.manage": Permission(("admin", "analyst"), "write, switch and preview monitoring schemes"),
    "duty.plan": Permission(("admin", "leader", "duty_officer"), "plan the duty roster"),
}
HANDLING = "the alert's holder, duty officers, analysts, leaders and administrators; others are told why"
WEEK = {"since": "2026-11-02T00:00:00+08:00", "until": "2026-11-09T00:00:00+08:00"}
# Officers and unit heads see only alerts they hold or whose scheme they own (yuqing.monitoring.access):
# the sample alert is neither, so the lists refuse them and the alert is not found.
UNIT_ROLES_REFUSED = {"officer": 403, "unit_head": 403}
UNIT_ROLES_NOT_FOUND = {"officer": 404, "unit_head": 404}
READERS = "duty officers, analysts, leaders, editors, administrators; others: alerts they hold or whose scheme they own"
SCHEME, ALERT, SHIFT = {"pk": obj("scheme")}, {"pk": obj("alert")}, {"pk": obj("shift")}
RULES = [
    Page("monitoring:schemes", "GET", LOGGED_IN, "the monitoring schemes", expect=UNIT_ROLES_REFUSED, note=READERS),
    Page("monitoring:scheme_new", "GET", "scheme.manage", "the form to write a scheme"),
    Page("monitoring:scheme_new", "POST", "scheme.manage", "save a new scheme", ok=200),
    Page("monitoring:preview", "GET", "scheme.manage", "the live preview of a scheme being written"),
    Page("monitoring:scheme", "GET", LOGGED_IN, "one scheme, its matches and alerts", args=SCHEME,
         expect=UNIT_ROLES_REFUSED, note=READERS),
    Page("monitoring:scheme_edit", "GET", "scheme.manage", "the form to change a scheme", args=SCHEME),
    Page("monitoring:scheme_edit", "POST", "scheme.manage", "save a scheme (a new version)", args=SCHEME, ok=200),
    Page("monitoring:scheme_toggle", "POST", "scheme.manage", "switch a scheme on or off", args=SCHEME),
    Page("monitoring:alerts", "GET", LOGGED_IN, "the alerts", expect=UNIT_ROLES_REFUSED, note=READERS),
    Page("monitoring:alert", "GET", LOGGED_IN, "one alert and its log", args=ALERT, expect=UNIT_ROLES_NOT_FOUND, note=READERS),
    Page("monitoring:alert_acknowledge", "POST", LOGGED_IN, "acknowledge an alert", args=ALERT, note=HANDLING,
         expect=UNIT_ROLES_NOT_FOUND),
    Page("monitoring:alert_escalate", "POST", LOGGED_IN, "pass an alert on", args=ALERT, note=HANDLING,
         expect=UNIT_ROLES_NOT_FOUND),
    Page("monitoring:alert_take", "POST", LOGGED_IN, "take an alert up (opens an incident)", args=ALERT, note=HANDLING,
         expect=UNIT_ROLES_NOT_FOUND),
    Page("monitoring:duty", "GET", LOGGED_IN, "the duty calendar"),
    Page("monitoring:shift_add", "POST", "duty.plan", "add a shift"),
    Page("monitoring:rotation", "POST", "duty.plan", "plan a rotation"),
    Page("monitoring:shift_delete", "POST", "duty.plan", "remove a shift", args=SHIFT),
    Page("monitoring:handover", "POST", LOGGED_IN, "write a hand-over note", args=SHIFT,
         note="the people of the shift and duty planners"),
    Api("GET", "/api/monitoring/schemes", LOGGED_IN, "the schemes"),
    Api("POST", "/api/monitoring/schemes", "scheme.manage", "write a scheme"),
    Api("GET", "/api/monitoring/schemes/{scheme_id}", LOGGED_IN, "one scheme", args={"scheme_id": obj("scheme")}),
    Api("PUT", "/api/monitoring/schemes/{scheme_id}", "scheme.manage", "replace a scheme (a new version)",
        args={"scheme_id": obj("scheme")}),
    Api("GET", "/api/monitoring/schemes/{scheme_id}/versions", LOGGED_IN, "a scheme's versions",
        args={"scheme_id": obj("scheme")}),
    Api("POST", "/api/monitoring/preview", "scheme.manage", "what a scheme would match"),
    Api("GET", "/api/monitoring/alerts", LOGGED_IN, "the alerts a user may see"),
    Api("GET", "/api/monitoring/alerts/counts", LOGGED_IN, "how many alerts a user may see, by status"),
    Api("GET", "/api/monitoring/alerts/{alert_id}", LOGGED_IN, "one alert", args={"alert_id": obj("alert")},
        expect=UNIT_ROLES_NOT_FOUND),
    Api("GET", "/api/monitoring/alerts/{alert_id}/steps", LOGGED_IN, "an alert's log", args={"alert_id": obj("alert")},
        expect=UNIT_ROLES_NOT_FOUND),
    Api("POST", "/api/monitoring/alerts/{alert_id}/acknowledge", LOGGED_IN, "acknowledge an alert",
        args={"alert_id": obj("alert")}, note=HANDLING, expect=UNIT_ROLES_NOT_FOUND),
    Api("POST", "/api/monitoring/alerts/{alert_id}/escalate", LOGGED_IN, "pass an alert on",
        args={"alert_id": obj("alert")}, note=HANDLING, expect=UNIT_ROLES_NOT_FOUND),
    Api("POST", "/api/monitoring/alerts/{alert_id}/take", LOGGED_IN, "take an alert up",
        args={"alert_id": obj("alert")}, note=HANDLING, expect=UNIT_ROLES_NOT_FOUND),
    Api("GET", "/api/monitoring/duty/shifts", LOGGED_IN, "shifts in a period", query=WEEK),
    Api("POST", "/api/monitoring/duty/shifts", "duty.plan", "add a shift"),
    Api("GET", "/api/monitoring/duty/gaps", LOGGED_IN, "stretches no shift covers", query=WEEK),
    Api("GET", "/api/monitoring/duty/now", LOGGED_IN, "who is on duty now (204: nobody)", ok=204),
    Api("DELETE", "/api/monitoring/duty/shifts/{shift_id}", "duty.plan", "remove a shift",
        args={"shift_id": obj("shift")}, ok=204),
    Api("POST", "/api/monitoring/duty/shifts/{shift_id}/handover", LOGGED_IN, "write a hand-over note",
        args={"shift_id": obj("shift")}, note="the people of the shift and duty planners"),
]
