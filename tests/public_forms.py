"""Sending a public form (contact, error report, account request) as a person would: the page's
token from a minute ago, the hidden field left empty, from one IP address."""

import time

from mailleurs.guarded_forms import shown_at_token


def post_as_person(client, url: str, data: dict, *, ip: str = "192.0.2.1", seconds_ago=60):
    fields = {"website": "", "shown_at": shown_at_token(time.time() - seconds_ago), **data}
    return client.post(url, fields, REMOTE_ADDR=ip)
