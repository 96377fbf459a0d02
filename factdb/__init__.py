"""factdb: track claims, who they are attributed to, where they appear, and their review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factdb import config
from factdb.paths import templates_dir

if TYPE_CHECKING:
    from flask import Flask

__version__ = "0.1.0"


def settings_of(test_config: dict[str, Any] | None = None) -> dict[str, Any]:
    """The settings factdb runs with: the environment, `test_config` on top, and the default
    database in the data folder when none is named. Shared by the app and the commands
    that need only the database (an export builds no app: that imports every page)."""
    settings = config.from_environment()
    settings.update(test_config or {})
    if not settings.get("DATABASE_URL"):
        instance = config.data_dir(settings)
        config.make_data_dir(instance)
        settings["DATABASE_URL"] = config.default_database_url(instance)
        settings["DATABASE_URL_IS_DEFAULT"] = True
    return settings


def create_app(test_config: dict[str, Any] | None = None, *, pages: bool = True) -> Flask:
    """Build the web app: settings from the environment, then `test_config` on top.

    Without `pages` it has the database and the job queue only: a command such as `factdb
    import` needs no more, and importing every page (the article reader among them) cost
    it seconds.
    """
    # Flask is imported here, so that `factdb --help` (which imports this package) does not.
    from flask import Flask

    settings = settings_of(test_config)
    instance = config.data_dir(settings)
    app = Flask(
        __name__,
        instance_path=str(instance),
        instance_relative_config=True,
        template_folder=str(templates_dir()),
        static_folder="static",
    )
    if not settings.get("SECRET_KEY"):
        settings["SECRET_KEY"] = config.instance_secret_key(instance)
    app.config.update(settings)
    if weak := config.weak_secret_key(settings["SECRET_KEY"]):
        app.logger.warning(weak)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        # A log-in lasts 31 days from when it was made; re-signing the cookie on every
        # response would slide that window and cost every page a signature.
        SESSION_REFRESH_EACH_REQUEST=False,
        MAX_CONTENT_LENGTH=8 * 1024 * 1024,
    )

    if app.config["PROXY_COUNT"]:
        # Behind a reverse proxy: trust its X-Forwarded-For/-Proto/-Host, so that HTTPS is
        # recognised (Secure cookies, HSTS) and rate limits see the real client address.
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]

    if pages:
        from factdb.web import init_app as init_web

        init_web(app)
    else:
        from factdb.web.database import init_app as init_database

        init_database(app)
    from factdb.jobs.app import init_app as init_jobs

    init_jobs(app)
    return app
