import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PRODUCTION_ENVIRONMENT = {
    # The variables README.md documents under "Mise en production".
    "DEBUG": "0",
    "SECRET_KEY": "x7Qp2vLr9sTz4wYk8mNb3cHd6fJg1aEu5iOo0pRq-ZtXyWvUs_KjLhGfDsAaQwEr",
    "DATABASE_URL": "postgres://mailleurs:motdepasse@127.0.0.1:5432/mailleurs",
    "ALLOWED_HOSTS": "mailleurs.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://mailleurs.example.org",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "BEHIND_PROXY": "1",
    "EMAIL_HOST": "smtp.example.org",
    "EMAIL_HOST_USER": "mailleurs",
    "EMAIL_HOST_PASSWORD": "secret",
}


def _check_deploy(extra: dict[str, str]) -> subprocess.CompletedProcess:
    # Only the variables under test: none of the test run's own (the browser tests set some).
    inherited = ("PATH", "HOME", "LANG", "PYTHONPATH")
    environment = {k: v for k, v in os.environ.items() if k in inherited}
    environment.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_production_variables():
    result = _check_deploy(PRODUCTION_ENVIRONMENT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_a_missing_secret_key():
    without_key = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != "SECRET_KEY"}
    result = _check_deploy(without_key)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_a_malformed_number_in_the_environment_stops_the_start_with_its_name_in_french():
    result = _check_deploy({**PRODUCTION_ENVIRONMENT, "DATABASE_CONN_MAX_AGE": "une minute"})
    assert result.returncode != 0
    assert "DATABASE_CONN_MAX_AGE doit être un nombre entier (reçu : 'une minute')" in result.stderr
    assert "invalid literal" not in result.stderr


def test_a_negative_limit_is_refused_and_a_french_decimal_comma_is_read():
    negative = _check_deploy({**PRODUCTION_ENVIRONMENT, "IMPORT_MAX_MEGABYTES": "-5"})
    assert "IMPORT_MAX_MEGABYTES ne peut pas être négatif (reçu : -5)" in negative.stderr
    comma = _check_deploy({**PRODUCTION_ENVIRONMENT, "AXES_COOLOFF_HOURS": "0,25"})
    assert comma.returncode == 0, comma.stdout + comma.stderr
