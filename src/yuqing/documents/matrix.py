"""Role rules of the documents pages and API (format: yuqing.accounts.matrix)."""

from yuqing.accounts.matrix import LOGGED_IN, Api, Page, obj

RULES = [
    Page("documents:list", "GET", LOGGED_IN, "search the stored documents"),
    Page("documents:detail", "GET", LOGGED_IN, "one document", args={"pk": obj("document")}),
    Api("GET", "/api/documents", LOGGED_IN, "search documents"),
    Api("GET", "/api/documents/{doc_id}", LOGGED_IN, "one document", args={"doc_id": obj("document")}),
]
