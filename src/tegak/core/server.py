"""Running gunicorn in-process, so `tegak serve` needs no second command."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from tegak.config.wsgi import application

        return application


def run_server(*, bind: str, workers: int) -> None:
    """Serve until interrupted."""
    from django.conf import settings

    # WhiteNoise serves from the finders; an existing STATIC_ROOT keeps it quiet.
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    _Gunicorn(
        {
            "bind": bind,
            "workers": workers,
            "worker_class": "sync",
            "timeout": 120,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
        }
    ).run()
