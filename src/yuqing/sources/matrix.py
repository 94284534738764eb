"""Role rules of the sources pages and API (format: yuqing.accounts.matrix)."""

from yuqing.accounts.matrix import LOGGED_IN, Api, Page, Permission, obj

PERMISSIONS = {
    "source.manage": Permission(("admin", "analyst"), "add, change, collect and remove sources; read the quarantine "
                                                      "(file sources: administrators only)"),
}
SOURCE = {"pk": obj("source")}
RULES = [
    Page("sources:list", "GET", LOGGED_IN, "the sources and their health"),
    Page("sources:add", "GET", "source.manage", "the form to add a source"),
    Page("sources:add", "POST", "source.manage", "add a source", ok=200),
    Page("sources:quarantine", "GET", "source.manage", "records that could not be taken, with their reasons"),
    Page("sources:import", "GET", "source.manage", "the import page: upload or pick a file, past imports"),
    Page("sources:import", "POST", "source.manage", "start an import", ok=200),
    Page("sources:import_job", "GET", "source.manage", "one import: columns, progress, quarantined rows",
         args={"pk": obj("import_job")}),
    Page("sources:import_job", "POST", "source.manage", "choose the columns, save the mapping, start the import",
         args={"pk": obj("import_job")}, ok=200),
    Page("sources:detail", "GET", LOGGED_IN, "one source, its runs", args=SOURCE),
    Page("sources:toggle", "POST", "source.manage", "switch a source on or off", args=SOURCE),
    Page("sources:collect", "POST", "source.manage", "collect a source now", args=SOURCE),
    Api("GET", "/api/sources", LOGGED_IN, "list sources"),
    Api("POST", "/api/sources", "source.manage", "add a source"),
    Api("GET", "/api/sources/{source_id}", LOGGED_IN, "one source", args={"source_id": obj("source")}),
    Api("PATCH", "/api/sources/{source_id}", "source.manage", "change a source", args={"source_id": obj("source")}),
    Api("DELETE", "/api/sources/{source_id}", "source.manage", "remove a source", args={"source_id": obj("source")},
        ok=204),
]
