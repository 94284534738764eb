"""Role rules of the documents pages and API (format: yuqing.accounts.matrix)."""

from yuqing.accounts.matrix import LOGGED_IN, Api, Page, Permission, obj
from yuqing.accounts.roles import ROLE_ORDER

PERMISSIONS = {
    "document.correct": Permission(("admin", "analyst", "duty_officer"),
                                   "correct a document's sentiment, risk and type (training data for the models)"),
}
RULES = [
    Page("documents:list", "GET", LOGGED_IN, "search the stored documents"),
    Page("documents:detail", "GET", LOGGED_IN, "one document", args={"pk": obj("document")}),
    Page("documents:selection", "POST", LOGGED_IN, "act on selected documents: mark, export, hand over to an incident, "
                                                   "a briefing or a submission (each action checks its own roles)"),
    Page("documents:export", "GET", LOGGED_IN, "a search's results as a spreadsheet", query={"q": "化工"}),
    Page("documents:correct", "POST", "document.correct", "correct a document's labels", args={"pk": obj("document")}),
    Page("documents:event", "GET", LOGGED_IN, "an event: its posts and comments over time", args={"key": obj("event_key")}),
    Api("GET", "/api/documents", LOGGED_IN, "search documents"),
    Api("POST", "/api/documents", LOGGED_IN, "push a batch of documents", expect={role: 403 for role in ROLE_ORDER},
        note="only with an ingest-scoped token (yuqing createtoken USER --scope ingest); other tokens get 403"),
    Api("GET", "/api/documents/{doc_id}", LOGGED_IN, "one document", args={"doc_id": obj("document")}),
]
