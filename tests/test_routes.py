"""Walk the URL map: every route that changes data needs a role, so a new one cannot slip through."""

from __future__ import annotations

from factdb.vocab import Role

#: Routes that accept POST without a role check, and why.
OPEN_WRITE_ROUTES = {
    "auth.login": "logging in is how one gets a role",
    "auth.logout": "logging out needs no role",
}


def test_every_write_route_declares_a_role(app):
    unguarded = []
    for rule in app.url_map.iter_rules():
        if not (rule.methods or set()) & {"POST", "PUT", "PATCH", "DELETE"}:
            continue
        if rule.endpoint in OPEN_WRITE_ROUTES:
            continue
        view = app.view_functions[rule.endpoint]
        role = getattr(view, "required_role", None)
        if not isinstance(role, Role) or not role.at_least(Role.EDITOR):
            unguarded.append(rule.rule)
    assert unguarded == []


def test_every_read_route_needs_log_in(app, client):
    public = {"auth.login", "static", "health"}
    for rule in app.url_map.iter_rules():
        if rule.endpoint in public or "GET" not in (rule.methods or set()):
            continue
        url = rule.build({name: 1 for name in rule.arguments})[1]
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.location, url
