"""Walk the URL map: every route declares who may use it, so a new one cannot slip through."""

from __future__ import annotations

from factdb.vocab import Role

#: Routes that accept writes without a role check, and why.
OPEN_WRITE_ROUTES = {
    "auth.login": "logging in is how one gets a role",
    "auth.logout": "logging out needs no role",
}
#: Write routes that any logged-in user may use, because they touch only the user's own things.
OWN_THINGS = {
    "profile.create",
    "profile.revoke",
    "views.create",  # a saved view is its owner's until shared
    "views.delete",
    "views.share",
    "team.read_notifications",
    "jobs.cancel",  # a job is its starter's to cancel (or an admin's): the domain checks
    "api.cancel_job",
    "api.create_view",
    "api.delete_view",
    "api.read_notifications",
}
#: Pages anyone may read: the log-in page, static files, the health check and the API's description.
PUBLIC = {"auth.login", "static", "health", "api.openapi", "api.reference"}


def test_every_write_route_declares_a_role(app):
    unguarded = []
    for rule in app.url_map.iter_rules():
        if (
            not (rule.methods or set()) & {"POST", "PUT", "PATCH", "DELETE"}
            or rule.endpoint in OPEN_WRITE_ROUTES
        ):
            continue
        role = getattr(app.view_functions[rule.endpoint], "required_role", None)
        needed = Role.VIEWER if rule.endpoint in OWN_THINGS else Role.EDITOR
        if not isinstance(role, Role) or not role.at_least(needed):
            unguarded.append(rule.rule)
    assert unguarded == []


def test_every_read_route_needs_log_in(app, client):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC or "GET" not in (rule.methods or set()):
            continue
        url = rule.build({name: 1 for name in rule.arguments})[1]
        response = client.get(url)
        if rule.endpoint.startswith("api."):
            assert response.status_code == 401 and response.is_json, url
        else:
            assert response.status_code == 302 and "/login" in response.location, url


def test_api_writes_refuse_anonymous_and_cookie_requests(app, client, auth, make):
    make.user(Role.ADMIN, email="admin@example.org")
    writes = [
        r
        for r in app.url_map.iter_rules()
        if r.endpoint.startswith("api.") and (r.methods or set()) & {"POST", "PATCH"}
    ]
    assert writes
    for rule in writes:
        url = rule.build({name: 1 for name in rule.arguments})[1]
        method = "PATCH" if "PATCH" in (rule.methods or set()) else "POST"
        assert client.open(url, method=method, json={}).status_code == 401, url
    auth.login("admin@example.org")  # a session cookie is not enough to write through the API
    for rule in writes:
        url = rule.build({name: 1 for name in rule.arguments})[1]
        method = "PATCH" if "PATCH" in (rule.methods or set()) else "POST"
        response = client.open(url, method=method, json={})
        assert response.status_code == 401 and response.get_json()["code"] == "token_required", url
