"""Rows for the pages every visitor shares (site) and for accounts."""

from tests.authz import COORDINATOR, Row, everyone, only, signed_in

ROWS = {
    ("static", "GET"): Row(everyone(200), {"filename": "css/site.css"}),
    ("site.home", "GET"): Row({"anonymous": 200, "employer": 302, "consultant": 302, "coordinator": 302, "admin": 302}),
    ("site.change_language", "POST"): Row(everyone(303), data={"language": "en", "next": "/"}),
    ("site.healthz", "GET"): Row(everyone(200)),
    ("site.dashboard", "GET"): Row(signed_in(200)),
    ("site.undelivered_mail", "GET"): Row(only(COORDINATOR)),
    ("accounts.sign_in", "GET"): Row({"anonymous": 200, "employer": 302, "consultant": 302, "coordinator": 302, "admin": 302}),
    ("accounts.sign_in", "POST"): Row(everyone(422)),
    ("accounts.sign_out", "POST"): Row(signed_in(303)),
    ("accounts.forgot_password", "GET"): Row(everyone(200)),
    ("accounts.forgot_password", "POST"): Row(everyone(422)),
    ("accounts.reset_password", "GET"): Row(everyone(404), {"token": "not-a-real-token"}),
    ("accounts.reset_password", "POST"): Row(everyone(404), {"token": "not-a-real-token"}),
    ("accounts.accept_invitation", "GET"): Row(everyone(404), {"token": "not-a-real-token"}),
    ("accounts.accept_invitation", "POST"): Row(everyone(404), {"token": "not-a-real-token"}),
    ("accounts.change_password", "GET"): Row(signed_in(200)),
    ("accounts.change_password", "POST"): Row(signed_in(422)),
    ("accounts.staff", "GET"): Row(only(COORDINATOR)),
    ("accounts.staff", "POST"): Row(only(COORDINATOR, status=422)),
    ("accounts.keep_alive", "POST"): Row(signed_in(303)),
    ("accounts.session_status", "GET"): Row(everyone(200)),
    ("accounts.sign_ins", "GET"): Row(signed_in(200)),
    # Another organisation's employer: a coordinator may switch any account off and on, no one else.
    ("accounts.deactivate", "POST"): Row(only(COORDINATOR, status=303), lambda w: {"user_id": w.foreign_offer.created_by_id}),
    ("accounts.reactivate", "POST"): Row(only(COORDINATOR, status=303), lambda w: {"user_id": w.foreign_offer.created_by_id}),
    ("site.security_txt", "GET"): Row(everyone(200)),
}

# The coordinator's follow-up of the audit log.
ROWS[("audit.search", "GET")] = Row(only(COORDINATOR))

# The record of processing (GDPR art. 30).
ROWS[("processing_record.show", "GET")] = Row(only(COORDINATOR))
