"""Role rules of the incident pages (format: yuqing.accounts.matrix).

Duty officers, analysts, leaders and administrators open and handle incidents; editors and chief
editors read them; anyone put in an incident's lead group reads and handles that incident
(checked on the incident: others get 403).
"""

from yuqing.accounts.matrix import LOGGED_IN, Page, Permission, obj

PERMISSIONS = {
    "incident.open": Permission(("admin", "leader", "duty_officer", "analyst"), "open and handle incidents"),
}
OUTSIDE = {"officer": 403, "unit_head": 403}  # not in the sample incident's lead group
INCIDENT = {"pk": obj("incident")}
HANDLE = "the lead group, duty officers, analysts, leaders and administrators; readers are told why not"
EDITS = [
    ("incidents:respond", "start the response", INCIDENT),
    ("incidents:edit", "rename or re-grade", INCIDENT),
    ("incidents:member_add", "add someone to the lead group", INCIDENT),
    ("incidents:member_remove", "remove someone from the lead group", {**INCIDENT, "member_id": obj("incident_member")}),
    ("incidents:task_add", "add a task", INCIDENT),
    ("incidents:task_done", "mark a task done", {**INCIDENT, "task_id": obj("incident_task")}),
    ("incidents:entry_add", "write in the action log", INCIDENT),
    ("incidents:statement_add", "record an official statement", INCIDENT),
    ("incidents:event_link", "link or unlink an event", INCIDENT),
    ("incidents:document_set", "include or exclude a document", INCIDENT),
    ("incidents:report_request", "ask a unit for a report", INCIDENT),
    ("incidents:close", "close the incident with its summary", INCIDENT),
]
RULES = [
    Page("incidents:list", "GET", LOGGED_IN, "the incidents a user may see (lead groups: their own)"),
    Page("incidents:new", "GET", "incident.open", "the form to open an incident"),
    Page("incidents:new", "POST", "incident.open", "open an incident", ok=200),
    Page("incidents:from_event", "GET", LOGGED_IN, "(goes back to the list; opening needs a POST)",
         args={"key": obj("event_key")}, ok=302),
    Page("incidents:from_event", "POST", "incident.open", "open an incident from an event", args={"key": obj("event_key")}),
    Page("incidents:detail", "GET", LOGGED_IN, "one incident", args=INCIDENT, expect=OUTSIDE,
         note="readers and its lead group"),
    *[Page(name, "POST", LOGGED_IN, what, args=args, expect=OUTSIDE, note=HANDLE) for name, what, args in EDITS],
]
