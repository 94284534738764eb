"""Role rules for the pages every installation has: the overview, logging in and out, help, the
health check, the API's own documentation and the Django admin site (format: yuqing.accounts.matrix)."""

from yuqing.accounts.matrix import LOGGED_IN, PUBLIC, STAFF, Page, Permission

PERMISSIONS = {
    "account.unlock": Permission(("admin",), "see and lift lockouts after failed logins"),
}

RULES = [
    Page("home", "GET", LOGGED_IN, "the overview (dashboard)"),
    Page("login", "GET", PUBLIC, "the login page"),
    Page("login", "POST", PUBLIC, "log in (wrong or missing input shows the form again)", ok=200),
    Page("logout", "POST", PUBLIC, "log out"),
    Page("set_language", "POST", PUBLIC, "switch the interface language"),
    Page("help:rules", "GET", LOGGED_IN, "help on the rule language"),
    Page("account:password", "GET", LOGGED_IN, "the form to change one's own password"),
    Page("account:password", "POST", LOGGED_IN, "change one's own password (the policy applies)", ok=200),
    Page("account:lockouts", "GET", "account.unlock", "accounts and addresses locked after failed logins"),
    Page("account:lockout_lift", "POST", "account.unlock", "lift a lockout (audited)"),
    Page("health", "GET", PUBLIC, "health check for load balancers (document count only when logged in)"),
    Page("api-1:openapi-view", "GET", LOGGED_IN, "the API documentation"),
    Page("api-1:openapi-json", "GET", LOGGED_IN, "the OpenAPI description of the API"),
    Page("api-1:api-root", "GET", PUBLIC, "the API's root (nothing there)", ok=404),
    Page("admin:*", "*", STAFF, "the Django admin site (superusers and staff; it sends others to its login)",
         ok=200, expect={role: 302 for role in ("anonymous",) + tuple(
             ("admin", "analyst", "duty_officer", "officer", "unit_head", "editor", "chief_editor", "leader"))}),
]
