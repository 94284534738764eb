"""Role rules of the briefing pages (format: yuqing.accounts.matrix).

A briefing is read by whoever may see everything it contains: a special report by those who may
see its incident, a periodic briefing that lists incidents by those who may see each of them
(yuqing.briefings.access). Others get 404, as if it did not exist.
"""

from yuqing.accounts.matrix import LOGGED_IN, Page, Permission, obj

PERMISSIONS = {
    "briefing.generate": Permission(("admin", "leader", "analyst", "duty_officer", "editor", "chief_editor"),
                                    "generate briefings and special reports, edit drafts, send them for sign-off, delete them"),
    "briefing.sign": Permission(("admin", "leader", "chief_editor"), "sign off a briefing, or return it to the writers"),
}
OUTSIDE = {"officer": 404, "unit_head": 404}  # may not see the sample briefing's incident
BRIEFING = {"pk": obj("briefing")}
RULES = [
    Page("briefings:list", "GET", LOGGED_IN, "the briefings a user may read"),
    Page("briefings:list", "POST", "briefing.generate", "generate a briefing", ok=200),
    Page("briefings:dashboard_data", "GET", LOGGED_IN, "the overview's figures (incidents: those a user may see)"),
    Page("briefings:map_file", "GET", LOGGED_IN, "a map file the office installed for the dashboard", query={"name": "41"},
         ok=404, note="404 where none is installed"),
    Page("briefings:incident", "POST", "briefing.generate", "the special report of an incident",
         args={"pk": obj("incident")}),
    Page("briefings:detail", "GET", LOGGED_IN, "one briefing", args=BRIEFING, expect=OUTSIDE,
         note="who may see all it contains"),
    Page("briefings:edit", "GET", "briefing.generate", "the form to edit a draft", args=BRIEFING),
    Page("briefings:edit", "POST", "briefing.generate", "save a draft's text", args=BRIEFING, ok=200),
    *[Page("briefings:step", "POST", who, what, args={**BRIEFING, "step": step}) for step, who, what in (
        ("submit", "briefing.generate", "send a draft for sign-off"), ("delete", "briefing.generate", "delete a draft"),
        ("return", "briefing.sign", "return it to the writers with a note"), ("sign_off", "briefing.sign", "sign it off"))],
    *[Page("briefings:file", "GET", LOGGED_IN, f"the briefing as {fmt}", args={**BRIEFING, "fmt": fmt},
           expect=OUTSIDE, note="who may see all it contains") for fmt in ("html", "docx", "pdf")],
]
