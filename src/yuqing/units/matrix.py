"""Role rules of the organisation pages and API (format: yuqing.accounts.matrix).

Sample objects: a county unit, whose officer and unit head are the matrix's officer and unit head.
"""

from yuqing.accounts.matrix import LOGGED_IN, Api, Page, Permission, obj

PERMISSIONS = {
    "unit.manage": Permission(("admin", "chief_editor", "editor"), "add and change units, import them, hold trainings"),
    "user.manage": Permission(("admin",), "create user accounts with their roles and units, reset passwords, "
                                          "deactivate someone who left"),
    "officer.manage": Permission(("admin", "chief_editor", "editor", "unit_head"),
                                 "keep officers' files (a unit head: of their own units)"),
}
NO_UNIT = {"analyst": 404, "duty_officer": 404}  # roles without a unit see no unit's page
UNIT = {"pk": obj("unit")}
OFFICER = {"pk": obj("officer_file")}
TRAINING = {"pk": obj("training")}
ACCOUNT = {"pk": obj("account")}
RULES = [
    Page("units:list", "GET", LOGGED_IN, "the units a user may see"),
    Page("units:add", "GET", "unit.manage", "the form to add a unit"),
    Page("units:add", "POST", "unit.manage", "add a unit", ok=200),
    Page("units:import", "GET", "unit.manage", "the form to import units"),
    Page("units:import", "POST", "unit.manage", "import units from a spreadsheet", ok=200),
    Page("units:detail", "GET", LOGGED_IN, "one unit", args=UNIT, expect=NO_UNIT, note="units the user may see"),
    Page("units:edit", "GET", "unit.manage", "the form to change a unit", args=UNIT),
    Page("units:edit", "POST", "unit.manage", "change a unit", args=UNIT, ok=200),
    Page("units:officers", "GET", LOGGED_IN, "the officers of the units a user may see"),
    Page("units:officer_add", "GET", "officer.manage", "the form to add an officer's file"),
    Page("units:officer_add", "POST", "officer.manage", "add an officer's file", ok=200),
    Page("units:officer", "GET", LOGGED_IN, "an officer's file", args=OFFICER, expect=NO_UNIT, note="units the user may see"),
    Page("units:officer_edit", "GET", "officer.manage", "the form to change an officer's file", args=OFFICER),
    Page("units:officer_edit", "POST", "officer.manage", "change an officer's file", args=OFFICER, ok=200),
    Page("units:roster_import", "GET", "unit.manage", "the form to import the officer roster"),
    Page("units:roster_import", "POST", "unit.manage", "import the officer roster from a spreadsheet", ok=200),
    Page("units:users", "GET", "user.manage", "the user accounts, with their roles and units"),
    Page("units:user_add", "GET", "user.manage", "the form to add a user"),
    Page("units:user_add", "POST", "user.manage", "add a user with their unit, roles and officer file", ok=200),
    Page("units:user", "GET", "user.manage", "one user account and its changes", args=ACCOUNT),
    Page("units:user_edit", "GET", "user.manage", "the form to change a user's name, roles and unit", args=ACCOUNT),
    Page("units:user_edit", "POST", "user.manage", "change a user's name, roles and unit", args=ACCOUNT, ok=200),
    Page("units:user_password", "POST", "user.manage", "reset a user's password", args=ACCOUNT, ok=200),
    Page("units:user_deactivate", "POST", "user.manage", "deactivate someone who left", args=ACCOUNT),
    Page("units:user_activate", "POST", "user.manage", "activate an account again", args=ACCOUNT),
    Page("units:trainings", "GET", LOGGED_IN, "training meetings"),
    Page("units:training_add", "GET", "unit.manage", "the form to hold a training meeting"),
    Page("units:training_add", "POST", "unit.manage", "hold a training meeting", ok=200),
    Page("units:training", "GET", LOGGED_IN, "a training meeting and its attendance", args=TRAINING),
    Page("units:attendance", "POST", "unit.manage", "record attendance", args=TRAINING),
    Api("GET", "/api/units", LOGGED_IN, "the units a user may see"),
    Api("GET", "/api/units/officers", LOGGED_IN, "the officers of those units"),
    Api("GET", "/api/units/{unit_id}", LOGGED_IN, "one unit", args={"unit_id": obj("unit")}, expect=NO_UNIT),
]
