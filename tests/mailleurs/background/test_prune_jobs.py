import datetime
import os
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from mailleurs.background.models import Job

pytestmark = pytest.mark.django_db


def test_old_ended_jobs_go_with_their_files_recent_and_running_ones_stay(member):
    long_ago = timezone.now() - datetime.timedelta(days=40)
    old = Job.objects.create(owner=member, kind="essai", label="Vieil export", status="done",
                             finished_at=long_ago)  # fmt: skip
    old.result_file.save("vieux.csv", ContentFile(b"Nom\n"))
    path = old.result_file.path
    recent = Job.objects.create(owner=member, kind="essai", label="Récent", status="failed",
                                finished_at=timezone.now())  # fmt: skip
    running = Job.objects.create(owner=member, kind="essai", label="En cours", status="running")
    output = StringIO()

    call_command("prune_jobs", "--days", "30", stdout=output)

    assert set(Job.objects.all()) == {recent, running}
    assert not os.path.exists(path)
    assert "1 tâche(s) effacée(s)." in output.getvalue()
