"""WSGI entry point (gunicorn tegak.config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegak.config.settings")
application = get_wsgi_application()
