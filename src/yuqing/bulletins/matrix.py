"""Role rules of the bulletin pages and API (format: yuqing.accounts.matrix).

An issue carries items of many units: it is for the office (editors, chief editors, leaders,
administrators). Units receive the exported file through its distribution list.
"""

from yuqing.accounts.matrix import Api, Page, Permission, obj

PERMISSIONS = {
    "bulletin.read": Permission(("editor", "chief_editor", "leader", "admin"), "read bulletin issues, export them"),
    "bulletin.compose": Permission(("editor", "chief_editor", "admin"), "compose issues, send corrections"),
    "bulletin.sign_off": Permission(("chief_editor", "admin"), "sign off (publish) an issue"),
    "bulletin.instruct": Permission(("leader", "admin"), "give an instruction on an item of an issue"),
}
ISSUE = {"pk": obj("issue")}
VERBS = {
    "update": ("bulletin.compose", "change the editor's note and distribution"),
    "add": ("bulletin.compose", "add an adopted item"), "remove": ("bulletin.compose", "remove an entry"),
    "up": ("bulletin.compose", "move an entry up"), "down": ("bulletin.compose", "move an entry down"),
    "edit": ("bulletin.compose", "edit an entry's text"), "correct": ("bulletin.compose", "send a correction"),
    "sign_off": ("bulletin.sign_off", "sign off the issue"), "instruct": ("bulletin.instruct", "give an instruction"),
}
API_ISSUE = {"issue_id": obj("issue")}
RULES = [
    Page("bulletins:list", "GET", "bulletin.read", "the issues"),
    Page("bulletins:list", "POST", "bulletin.compose", "start a new issue", ok=404, note="needs a periodical"),
    Page("bulletins:detail", "GET", "bulletin.read", "one issue", args=ISSUE),
    *[Page("bulletins:act", "POST", who, what, args={**ISSUE, "verb": verb}) for verb, (who, what) in VERBS.items()],
    Page("bulletins:export", "GET", "bulletin.read", "the issue as Word", args={**ISSUE, "kind": "docx"}),
    Page("bulletins:export", "GET", "bulletin.read", "the issue as PDF", args={**ISSUE, "kind": "pdf"}),
    Api("GET", "/api/bulletins", "bulletin.read", "the issues"),
    Api("POST", "/api/bulletins", "bulletin.compose", "start a new issue"),
    Api("GET", "/api/bulletins/{issue_id}", "bulletin.read", "one issue", args=API_ISSUE),
    Api("POST", "/api/bulletins/{issue_id}/entries", "bulletin.compose", "add an adopted item", args=API_ISSUE),
    Api("POST", "/api/bulletins/{issue_id}/sign_off", "bulletin.sign_off", "sign off the issue", args=API_ISSUE),
    Api("POST", "/api/bulletins/{issue_id}/correct", "bulletin.compose", "send a correction", args=API_ISSUE),
    Api("GET", "/api/bulletins/{issue_id}/export/{kind}", "bulletin.read", "the issue as Word or PDF",
        args={**API_ISSUE, "kind": "docx"}),
]
