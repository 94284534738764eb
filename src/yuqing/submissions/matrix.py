"""Role rules of the reporting pages and API (format: yuqing.accounts.matrix).

Sample objects: items of a county whose officer and unit head are the matrix's officer and unit
head. Office-wide roles (editors, chief editors, leaders, administrators) see items once they
are submitted; analysts and duty officers, who belong to no unit, see none (404).
"""

from yuqing.accounts.matrix import LOGGED_IN, Api, Page, Permission, obj

PERMISSIONS = {
    "submission.write": Permission(("officer", "unit_head"), "write, submit, withdraw items of one's own units; attach, link"),
    "submission.review": Permission(("editor", "chief_editor"), "take items for review, adopt, release"),
    "submission.decide": Permission(("editor", "chief_editor", "admin"), "return or reject an item (awaiting sign-off: "
                                                                         "the chief editor or an administrator)"),
    "submission.queue": Permission(("editor", "chief_editor", "admin"), "see the review queue"),
    "submission.sign_off": Permission(("chief_editor", "admin"), "sign off an adoption (two-level policy)"),
    "submission.record_adoption": Permission(("editor", "chief_editor", "unit_head"),
                                             "record adoptions at further levels (a unit head: the unit level)"),
    "submission.close_event": Permission(("officer", "unit_head", "editor", "chief_editor"),
                                         "close a sudden incident (its final report is then due)"),
    "submission.instruct": Permission(("leader", "admin"), "give a leader's instruction on an item"),
    "submission.task": Permission(("leader", "editor", "chief_editor", "admin"), "give a unit a follow-up task"),
    "submission.request": Permission(("editor", "chief_editor", "duty_officer", "admin"),
                                     "ask a unit for a sudden-incident report"),
    "need.publish": Permission(("editor", "chief_editor", "admin"), "publish information needs (约稿), attach files, close them"),
    "quota.set": Permission(("editor", "chief_editor", "admin"), "set monthly quotas"),
}
HIDDEN = {"analyst": 404, "duty_officer": 404}  # no unit, not office-wide: they see no item
UNIT_ONLY = {"editor": 404, "chief_editor": 404, "leader": 404, "admin": 404}  # drafts stay in their unit
ITEM, DRAFT, SUDDEN = {"pk": obj("submission")}, {"pk": obj("draft")}, {"pk": obj("sudden")}
NEED = {"pk": obj("need")}
VERBS = {  # verb: (permission, sample, what)
    "submit": ("submission.write", DRAFT, "submit a draft"),
    "withdraw": ("submission.write", ITEM, "withdraw a submitted item"),
    "attach": ("submission.write", DRAFT, "attach a file"),
    "link": ("submission.write", DRAFT, "link a document, event or incident the user may see"),
    "take": ("submission.review", ITEM, "take an item for review (locks it)"),
    "release": ("submission.review", ITEM, "release an item held for review"),
    "adopt": ("submission.review", ITEM, "adopt an item"),
    "return": ("submission.decide", ITEM, "return an item to its unit"),
    "reject": ("submission.decide", ITEM, "reject an item"),
    "sign_off": ("submission.sign_off", ITEM, "sign off a proposed adoption"),
    "record_adoption": ("submission.record_adoption", ITEM, "record an adoption at a further level"),
    "close_event": ("submission.close_event", SUDDEN, "close the sudden incident"),
    "instruct": ("submission.instruct", ITEM, "give an instruction"),
    "task": ("submission.task", ITEM, "give a follow-up task"),
}
API_VERBS = ("submit", "withdraw", "take", "release", "return", "reject", "adopt", "sign_off", "close_event",
             "record_adoption", "instruct")


def _page_verbs() -> list:
    return [Page("submissions:act", "POST", who, what, args={**sample, "verb": verb},
                 expect=UNIT_ONLY if sample is DRAFT else HIDDEN) for verb, (who, sample, what) in VERBS.items()]


def _api_verbs() -> list:
    return [Api("POST", "/api/submissions/{submission_id}/{verb}", VERBS[verb][0], VERBS[verb][2],
                args={"submission_id": VERBS[verb][1]["pk"], "verb": verb},
                expect=UNIT_ONLY if VERBS[verb][1] is DRAFT else HIDDEN) for verb in API_VERBS]


RULES = [
    Page("submissions:list", "GET", LOGGED_IN, "the items a user may see"),
    Page("submissions:create", "GET", "submission.write", "the form to write an item"),
    Page("submissions:create", "POST", "submission.write", "write an item", ok=200),
    Page("submissions:review", "GET", "submission.queue", "the review queue"),
    Page("submissions:deadlines", "GET", LOGGED_IN, "reporting clocks of the items a user may see"),
    Page("submissions:deadlines", "POST", "submission.request", "ask a unit for a report", ok=200),
    Page("submissions:tasks", "GET", LOGGED_IN, "instructions and follow-up tasks a user may see"),
    Page("submissions:complete_task", "POST", LOGGED_IN, "complete a follow-up task", args={"task_id": obj("task")},
         expect=HIDDEN, note="the tasked unit, or an editor"),
    Page("submissions:ranking", "GET", LOGGED_IN, "rankings of the units a user may see"),
    Page("submissions:assessment", "GET", LOGGED_IN, "the annual assessment of those units"),
    Page("submissions:quotas", "GET", LOGGED_IN, "quotas and progress of those units"),
    Page("submissions:quotas", "POST", "quota.set", "set quotas"),
    Page("submissions:detail", "GET", LOGGED_IN, "an item (opening it changes nothing)", args=ITEM, expect=HIDDEN),
    Page("submissions:edit", "GET", "submission.write", "the form to change a draft", args=DRAFT),
    Page("submissions:edit", "POST", "submission.write", "change a draft", args=DRAFT, ok=200),
    Page("submissions:follow_up", "GET", "submission.write", "the form for a follow-up report", args=SUDDEN),
    Page("submissions:follow_up", "POST", "submission.write", "write a follow-up report", args=SUDDEN, ok=200),
    Page("submissions:diff", "GET", LOGGED_IN, "what changed between versions", args=ITEM, expect=HIDDEN),
    *_page_verbs(),
    Page("submissions:attachment", "GET", LOGGED_IN, "download an attachment", ok=200, expect=HIDDEN,
         args={"pk": obj("submission"), "attachment_id": obj("attachment")}),
    Page("submissions:remove_attachment", "POST", "submission.write", "remove an attachment", expect=UNIT_ONLY,
         args={"pk": obj("draft"), "attachment_id": obj("draft_attachment")}),
    Page("submissions:needs", "GET", LOGGED_IN, "information needs a user may see (a unit: those asked of it)"),
    Page("submissions:need_create", "GET", "need.publish", "the form to publish a need"),
    Page("submissions:need_create", "POST", "need.publish", "publish a need to units", ok=200),
    Page("submissions:need", "GET", LOGGED_IN, "a need and who answered", args=NEED, expect=HIDDEN),
    Page("submissions:need_act", "POST", "submission.write", "decline a need for one's unit, saying why",
         args={**NEED, "verb": "decline"}, expect=HIDDEN),
    Page("submissions:need_act", "POST", "need.publish", "attach a file to a need", args={**NEED, "verb": "attach"}),
    Page("submissions:need_act", "POST", "need.publish", "close a need", args={**NEED, "verb": "close"}),
    Page("submissions:need_file", "GET", LOGGED_IN, "download a need's file", expect=HIDDEN,
         args={**NEED, "attachment_id": obj("need_file")}),
    Api("GET", "/api/submissions", LOGGED_IN, "the items a user may see"),
    Api("GET", "/api/submissions/needs", LOGGED_IN, "information needs a user may see"),
    Api("GET", "/api/submissions/needs/{need_id}", LOGGED_IN, "a need", args={"need_id": obj("need")}, expect=HIDDEN),
    Api("POST", "/api/submissions/needs/{need_id}/decline", "submission.write", "decline a need for one's unit",
        args={"need_id": obj("need")}),
    Api("POST", "/api/submissions", "submission.write", "write an item"),
    Api("GET", "/api/submissions/deadlines", LOGGED_IN, "reporting clocks"),
    Api("GET", "/api/submissions/ranking", LOGGED_IN, "rankings"),
    Api("GET", "/api/submissions/tasks", LOGGED_IN, "follow-up tasks"),
    Api("POST", "/api/submissions/tasks/{task_id}/complete", LOGGED_IN, "complete a follow-up task",
        args={"task_id": obj("task")}, note="the tasked unit, or an editor"),
    Api("GET", "/api/submissions/{submission_id}", LOGGED_IN, "an item", args={"submission_id": obj("submission")},
        expect=HIDDEN),
    Api("GET", "/api/submissions/{submission_id}/actions", LOGGED_IN, "what the user may do with an item",
        args={"submission_id": obj("submission")}, expect=HIDDEN),
    Api("PATCH", "/api/submissions/{submission_id}", "submission.write", "change a draft",
        args={"submission_id": obj("draft")}, expect=UNIT_ONLY),
    *_api_verbs(),
]
