"""Role rules of official releases (format: yuqing.accounts.matrix).

What is published is public (no login). Drafting: those who handle incidents and the editors;
signing — publishing in the office's name — chief editors, leaders and administrators.
"""

from yuqing.accounts.matrix import PUBLIC, Page, Permission, obj

PERMISSIONS = {
    "release.draft": Permission(("admin", "leader", "duty_officer", "analyst", "editor", "chief_editor"),
                                "draft releases, propose corrections and withdrawals, see drafts"),
    "release.sign": Permission(("chief_editor", "leader", "admin"), "sign a release (publish it in the office's name)"),
}
RELEASE = {"pk": obj("release")}
RULES = [
    Page("releases:list", "GET", PUBLIC, "published releases"),
    Page("releases:detail", "GET", PUBLIC, "one published release", args=RELEASE),
    Page("releases:feed", "GET", PUBLIC, "the Atom feed"),
    Page("releases:json", "GET", PUBLIC, "the JSON feed"),
    Page("releases:manage", "GET", "release.draft", "releases with their drafts"),
    Page("releases:new", "GET", "release.draft", "the form to draft a release"),
    Page("releases:new", "POST", "release.draft", "draft a release", ok=200),
    Page("releases:manage_detail", "GET", "release.draft", "one release, its versions", args=RELEASE),
    *[Page("releases:act", "POST", "release.draft", what, args={**RELEASE, "verb": verb}) for verb, what in (
        ("edit", "edit the draft"), ("discard", "discard the draft"), ("correct", "propose a correction"),
        ("withdraw", "propose a withdrawal"))],
    Page("releases:act", "POST", "release.sign", "sign the pending version", args={**RELEASE, "verb": "sign"}),
]
