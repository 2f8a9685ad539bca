"""`manage.py prune_jobs --days 30`: forget the jobs that ended long ago, and their files."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from mailleurs.background.models import Job

ENDED = [Job.Status.DONE, Job.Status.FAILED, Job.Status.CANCELLED]


class Command(BaseCommand):
    help = "Efface les tâches finies depuis plus de N jours, et les fichiers qu’elles gardaient."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Âge minimal, en jours (30).")

    def handle(self, *args, days: int, **options):
        limit = timezone.now() - datetime.timedelta(days=days)
        old = Job.objects.filter(status__in=ENDED, finished_at__lt=limit)
        count = 0
        for job in old.iterator():
            for kept in (job.result_file, job.input_file):
                if kept:
                    kept.delete(save=False)
            job.delete()
            count += 1
        self.stdout.write(f"{count} tâche(s) effacée(s).")
