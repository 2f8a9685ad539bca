"""Imports every app's admin module: the admin runs without autodiscovery (see settings)."""

import django.contrib.auth.admin  # noqa: F401  accounts and groups, for staff
import django_tasks_db.admin  # noqa: F401  the task worker's queue
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

import actors.admin  # noqa: F401
import experiences.admin  # noqa: F401
import glossary.admin  # noqa: F401
import mailleurs.accounts.admin  # noqa: F401
import mailleurs.background.admin  # noqa: F401
import mailleurs.grid.admin  # noqa: F401

admin.site.site_header = _("Mailleurs — administration")
admin.site.site_title = _("Mailleurs")
admin.site.index_title = _("Données de la plateforme")
