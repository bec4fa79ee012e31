"""Consultants' available times: windows, blocked days, settings, the preview, and who may do what."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.availability import queries, services
from portal.availability.models import AvailabilityWindow, BlockedDay, BookingSettings
from portal.availability.slots import STOCKHOLM, Slot
from portal.errors import FieldError
from portal.meetings import feeds
from tests import factories

MON, TUE, WED, THU, FRI = range(5)


def local(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def utc(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


def page_of(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def consultant(db):
    return factories.make_user(role=Role.CONSULTANT, preferred_language="en")


# Services: the rules


def test_a_weekly_window_is_stored_as_wall_clock_times_with_an_audit_row(db, consultant):
    window = services.add_weekly_window(
        consultant, weekday=TUE, start_time=time(9), end_time=time(12), valid_from=date(2027, 1, 1)
    )
    db.session.commit()

    stored = db.session.get(AvailabilityWindow, window.id)
    assert (stored.weekday, stored.on_date, stored.start_time, stored.end_time) == (TUE, None, time(9), time(12))
    assert stored.valid_from == date(2027, 1, 1) and stored.valid_to is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "availability.window_added"))
    assert event.actor_id == consultant.id and event.detail["start"] == "09:00"


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (time(12), time(9), "end_time"),
        (time(9), time(9), "end_time"),
        (time(9, 3), time(12), "start_time"),
        (time(9), time(11, 58), "end_time"),
    ],
)
def test_a_window_must_end_after_it_starts_on_five_minute_steps(db, consultant, start, end, field):
    with pytest.raises(FieldError) as raised:
        services.add_weekly_window(consultant, weekday=TUE, start_time=start, end_time=end)
    assert raised.value.field == field
    with pytest.raises(FieldError) as raised:
        services.add_one_off_window(consultant, on_date=date(2099, 1, 5), start_time=start, end_time=end)
    assert raised.value.field == field
    assert db.session.scalars(select(AvailabilityWindow)).all() == []


def test_overlapping_weekly_windows_on_the_same_day_are_refused_not_merged(db, consultant):
    services.add_weekly_window(consultant, weekday=TUE, start_time=time(9), end_time=time(12))

    with pytest.raises(FieldError) as raised:
        services.add_weekly_window(consultant, weekday=TUE, start_time=time(11), end_time=time(13))
    assert raised.value.field == "start_time"
    assert "09:00–12:00" in raised.value.message

    # Touching is not overlapping; another weekday or another consultant is no conflict either.
    services.add_weekly_window(consultant, weekday=TUE, start_time=time(12), end_time=time(14))
    services.add_weekly_window(consultant, weekday=WED, start_time=time(9), end_time=time(12))
    services.add_weekly_window(factories.make_user(), weekday=TUE, start_time=time(9), end_time=time(12))
    assert len(queries.weekly_windows_of(consultant)) == 3


def test_weekly_windows_may_overlap_in_time_when_their_dates_do_not(db, consultant):
    services.add_weekly_window(
        consultant, weekday=TUE, start_time=time(9), end_time=time(12), valid_to=date(2027, 1, 31)
    )
    services.add_weekly_window(
        consultant, weekday=TUE, start_time=time(10), end_time=time(12), valid_from=date(2027, 2, 1)
    )
    with pytest.raises(FieldError):
        services.add_weekly_window(
            consultant, weekday=TUE, start_time=time(8), end_time=time(9, 30), valid_from=date(2027, 1, 31)
        )


def test_valid_to_may_not_be_before_valid_from(db, consultant):
    with pytest.raises(FieldError) as raised:
        services.add_weekly_window(
            consultant,
            weekday=MON,
            start_time=time(9),
            end_time=time(10),
            valid_from=date(2027, 2, 1),
            valid_to=date(2027, 1, 31),
        )
    assert raised.value.field == "valid_to"
    services.add_weekly_window(
        consultant, weekday=MON, start_time=time(9), end_time=time(10), valid_from=date(2027, 2, 1), valid_to=date(2027, 2, 1)
    )


def test_editing_a_window_does_not_conflict_with_itself(db, consultant):
    window = services.add_weekly_window(consultant, weekday=TUE, start_time=time(9), end_time=time(12))
    services.update_weekly_window(
        window, weekday=TUE, start_time=time(10), end_time=time(12), valid_from=None, valid_to=None
    )
    assert window.start_time == time(10)


def test_single_times_in_the_past_and_overlapping_single_times_are_refused(db, consultant, clock):
    clock.set(local(2026, 12, 14, 10))
    with pytest.raises(FieldError) as raised:
        services.add_one_off_window(consultant, on_date=date(2026, 12, 11), start_time=time(9), end_time=time(10))
    assert raised.value.field == "on_date"
    services.add_one_off_window(consultant, on_date=date(2026, 12, 16), start_time=time(9), end_time=time(10))
    with pytest.raises(FieldError):
        services.add_one_off_window(consultant, on_date=date(2026, 12, 16), start_time=time(9, 30), end_time=time(11))


def test_blocked_days_cover_a_range_and_keep_the_note_out_of_the_audit_log(db, consultant, clock):
    clock.set(local(2026, 12, 14, 10))
    blocked = services.block_days(consultant, first_day=date(2026, 12, 28), last_day=date(2026, 12, 30), note=" Semester ")
    assert blocked.note == "Semester"
    assert services.blocked_dates([blocked]) == {date(2026, 12, 28), date(2026, 12, 29), date(2026, 12, 30)}
    single = services.block_days(consultant, first_day=date(2027, 1, 4))
    assert single.last_day == date(2027, 1, 4)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "availability.days_blocked"))
    assert "Semester" not in str(event.detail)

    with pytest.raises(FieldError) as raised:
        services.block_days(consultant, first_day=date(2027, 1, 5), last_day=date(2027, 1, 4))
    assert raised.value.field == "last_day"


def test_booking_settings_are_the_defaults_until_changed_and_stored_once(db, consultant):
    first = services.booking_settings_for(consultant)
    rules = first.as_rule()
    assert (rules.lengths_minutes, rules.buffer_minutes, rules.notice_working_days, rules.horizon_weeks) == ((60,), 0, 1, 8)
    # Reading never inserts, so two first bookings at once cannot race on the unique row.
    db.session.flush()
    assert db.session.scalar(select(BookingSettings).where(BookingSettings.consultant_id == consultant.id)) is None

    services.update_booking_settings(
        consultant, lengths_minutes=[30, 60], buffer_minutes=15, notice_working_days=1, horizon_weeks=8
    )
    stored = db.session.scalar(select(BookingSettings).where(BookingSettings.consultant_id == consultant.id))
    assert stored is services.booking_settings_for(consultant)
    assert stored.lengths_minutes == [30, 60]


def test_booking_settings_are_checked(db, consultant):
    settings = services.update_booking_settings(
        consultant, lengths_minutes=[60, 30, 30], buffer_minutes=15, notice_working_days=2, horizon_weeks=4
    )
    assert settings.lengths_minutes == [30, 60]
    for bad, field in (
        ({"lengths_minutes": []}, "lengths_minutes"),
        ({"lengths_minutes": [20]}, "lengths_minutes"),
        ({"buffer_minutes": 61}, "buffer_minutes"),
        ({"notice_working_days": -1}, "notice_working_days"),
        ({"horizon_weeks": 0}, "horizon_weeks"),
    ):
        values = {"lengths_minutes": [30], "buffer_minutes": 0, "notice_working_days": 1, "horizon_weeks": 8, **bad}
        with pytest.raises(FieldError) as raised:
            services.update_booking_settings(consultant, **values)
        assert raised.value.field == field


# free_slots_for: the rows fed to slots.free_slots


def test_free_slots_for_reads_the_consultants_own_windows_blocks_and_settings(db, consultant):
    now = local(2027, 1, 11, 8)  # a Monday
    services.add_weekly_window(consultant, weekday=TUE, start_time=time(9), end_time=time(11))
    services.add_weekly_window(consultant, weekday=WED, start_time=time(9), end_time=time(10), valid_to=date(2027, 1, 13))
    services.add_one_off_window(consultant, on_date=date(2027, 1, 15), start_time=time(14), end_time=time(15))
    services.block_days(consultant, first_day=date(2027, 1, 19))
    services.update_booking_settings(
        consultant, lengths_minutes=[45, 60], buffer_minutes=15, notice_working_days=1, horizon_weeks=2
    )
    other = factories.make_user()
    services.add_weekly_window(other, weekday=THU, start_time=time(9), end_time=time(12))

    slots = services.free_slots_for(consultant, 45, now, [])

    # 45 minutes plus a 15-minute break; the 19th is blocked, the Wednesday ends on the 13th,
    # the 26th is past the two-week horizon, and the other consultant's Thursday is not here.
    assert [s.start_utc.astimezone(STOCKHOLM).strftime("%m-%d %H:%M") for s in slots] == [
        "01-12 09:00", "01-12 10:00", "01-13 09:00", "01-15 14:00",
    ]
    assert slots[0] == Slot(utc(2027, 1, 12, 8), utc(2027, 1, 12, 8, 45))
    with pytest.raises(ValueError):
        services.free_slots_for(consultant, 30, now, [])


def test_nothing_is_busy_and_no_calendar_events_exist_until_meetings_do(db, consultant):
    assert services.busy_intervals_of(consultant) == []
    assert feeds.calendar_events_for(consultant) == []


# The page "Mina tider"


def _every_weekday(consultant, start=time(9), end=time(10), **validity):
    for weekday in range(5):
        services.add_weekly_window(consultant, weekday=weekday, start_time=start, end_time=end, **validity)


def _preview_rows(page: str) -> list[tuple[str, str]]:
    """(day, start times) for each row of the preview tables."""
    return re.findall(r'<tr><th scope="row">([^<]+)</th><td>([^<]*)</td></tr>', page)


def _skipped(page: str) -> list[str]:
    section = page.split('id="skipped"')[1].split("</ul>")[0]
    return [re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li>(.*?)</li>", section, re.S)]


def test_the_pages_read_the_default_settings_without_storing_them(client, db, login_as):
    consultant = login_as("consultant")
    for path in ("/availability", "/availability/settings"):
        assert client.get(path).status_code == 200
    assert db.session.scalar(select(BookingSettings).where(BookingSettings.consultant_id == consultant.id)) is None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "booking_settings.changed")) is None


def test_the_preview_skips_christmas_and_says_why(client, db, login_as, clock):
    clock.set(local(2026, 12, 14, 10))  # Monday 14 December 2026
    consultant = login_as("consultant", preferred_language="sv")
    _every_weekday(consultant)
    services.block_days(consultant, first_day=date(2026, 12, 22))
    db.session.commit()

    response = client.get("/availability")

    assert response.status_code == 200
    page = page_of(response)
    rows = _preview_rows(page)
    # One working day's notice: from Tuesday 15th; the 22nd is blocked; the 24th and 25th are holidays.
    assert rows == [
        ("tisdag 15 december 2026", "09:00"),
        ("onsdag 16 december 2026", "09:00"),
        ("torsdag 17 december 2026", "09:00"),
        ("fredag 18 december 2026", "09:00"),
        ("måndag 21 december 2026", "09:00"),
        ("onsdag 23 december 2026", "09:00"),
    ]
    skipped = _skipped(page)
    assert skipped[0].startswith("22 december – ")
    assert skipped[1:] == ["24 december – julafton", "25 december – juldagen"]


def test_the_preview_lists_each_offered_length_in_the_users_language(client, db, login_as, clock):
    clock.set(local(2026, 12, 14, 10))
    consultant = login_as("consultant", preferred_language="en")
    services.add_weekly_window(consultant, weekday=TUE, start_time=time(13), end_time=time(14, 30))
    services.update_booking_settings(
        consultant, lengths_minutes=[30, 60], buffer_minutes=0, notice_working_days=1, horizon_weeks=8
    )
    db.session.commit()

    page = page_of(client.get("/availability"))

    thirty, sixty = page.split("Meetings of 30 minutes")[1].split("Meetings of 60 minutes")
    assert ("Tuesday, December 15, 2026", "1:00\u202fPM, 1:30\u202fPM, 2:00\u202fPM") in _preview_rows(thirty)
    assert ("Tuesday, December 15, 2026", "1:00\u202fPM") in _preview_rows(sixty)
    assert "December 24 – Christmas Eve" in _skipped(page)


@pytest.mark.parametrize(
    ("now", "days"),
    [
        # 2026: the clocks go forward on Sunday 29 March; Friday 27th is CET, Monday 30th CEST.
        (local(2026, 3, 23, 8), [(date(2026, 3, 27), utc(2026, 3, 27, 8)), (date(2026, 3, 30), utc(2026, 3, 30, 7))]),
        # 2027: forward on Sunday 28 March, which is Easter Day, so the Friday before and the
        # Monday after are holidays; Thursday 25th (CET) and Tuesday 30th (CEST) carry the times.
        (local(2027, 3, 22, 8), [(date(2027, 3, 25), utc(2027, 3, 25, 8)), (date(2027, 3, 30), utc(2027, 3, 30, 7))]),
    ],
)
def test_times_around_the_change_to_summer_time_stay_at_the_same_wall_clock_time(client, db, login_as, clock, now, days):
    clock.set(now)
    consultant = login_as("consultant", preferred_language="sv")
    for weekday in (MON, TUE, THU, FRI):
        services.add_weekly_window(
            consultant, weekday=weekday, start_time=time(9), end_time=time(10),
            valid_from=days[0][0], valid_to=days[1][0],
        )
    db.session.commit()

    response = client.get("/availability")
    slots = services.free_slots_for(consultant, 60, now, [])

    assert response.status_code == 200
    page = page_of(response)
    assert [s.start_utc for s in slots] == [start for _, start in days]
    shown = _preview_rows(page)
    assert [time_text for _, time_text in shown] == ["09:00", "09:00"]
    if now.year == 2027:
        assert _skipped(page) == ["26 mars – långfredagen", "29 mars – annandag påsk"]


def test_the_page_lists_windows_blocked_days_and_settings_of_the_consultant_only(client, db, login_as, clock):
    clock.set(local(2026, 12, 14, 10))
    consultant = login_as("consultant", preferred_language="en")
    services.add_weekly_window(consultant, weekday=TUE, start_time=time(9), end_time=time(12), valid_to=date(2027, 6, 30))
    services.add_one_off_window(consultant, on_date=date(2026, 12, 17), start_time=time(13), end_time=time(15, 30))
    services.block_days(consultant, first_day=date(2027, 1, 7), last_day=date(2027, 1, 8), note="Kurs i Umeå")
    other = factories.make_user()
    services.add_weekly_window(other, weekday=FRI, start_time=time(7, 5), end_time=time(8))
    services.block_days(other, first_day=date(2027, 1, 4), note="Someone else's note")
    db.session.commit()

    page = page_of(client.get("/availability"))

    assert "9:00\u202fAM–12:00\u202fPM" in page
    assert "Until Jun 30, 2027" in page
    assert "Thursday, December 17, 2026" in page and "1:00\u202fPM–3:30\u202fPM" in page
    assert "Kurs i Umeå" in page
    assert "7:05" not in page and "Someone else" not in page
    assert "60 minutes" in page and "1 working day" in page and "8 weeks" in page


def test_the_page_shows_the_defaults_before_any_are_stored(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    response = client.get("/availability")
    assert response.status_code == 200
    assert "60 minutes" in response.get_data(as_text=True)
    assert db.session.scalar(select(BookingSettings).where(BookingSettings.consultant_id == consultant.id)) is None


# Forms on their own pages


def test_adding_a_weekly_window(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    assert 'type="time"' in page_of(client.get("/availability/weekly/new"))

    response = client.post(
        "/availability/weekly/new",
        data={"weekday": "1", "start_time": "09:00", "end_time": "12:00", "valid_from": "", "valid_to": ""},
    )

    assert response.status_code == 303
    assert response.location == "/availability"
    (window,) = queries.weekly_windows_of(consultant)
    assert (window.weekday, window.start_time, window.end_time) == (TUE, time(9), time(12))
    assert "The weekly time has been added." in page_of(client.get("/availability"))


def test_a_mistake_gets_a_422_with_the_error_summary_and_every_value_kept(client, db, login_as):
    login_as("consultant", preferred_language="en")
    data = {"weekday": "3", "start_time": "12:00", "end_time": "09:00", "valid_from": "2027-01-01", "valid_to": "2027-06-30"}

    response = client.post("/availability/weekly/new", data=data)

    assert response.status_code == 422
    page = page_of(response)
    assert "<title>Error: Add a weekly time – Brygga</title>" in page
    assert 'class="error-summary"' in page
    assert '<a href="#end_time">The end time must be after the start time.</a>' in page
    assert 'aria-invalid="true"' in page
    for name, value in data.items():
        if name == "weekday":
            assert '<option selected value="3">' in page
        else:
            assert re.search(rf'name="{name}"[^>]*value="{value}"', page), name
    assert db.session.scalars(select(AvailabilityWindow)).all() == []


def test_a_time_off_the_five_minute_steps_and_an_overlap_are_shown_beside_the_field(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    services.add_weekly_window(consultant, weekday=TUE, start_time=time(9), end_time=time(12))
    db.session.commit()

    off_step = client.post("/availability/weekly/new", data={"weekday": "1", "start_time": "13:02", "end_time": "14:00"})
    overlap = client.post("/availability/weekly/new", data={"weekday": "1", "start_time": "11:00", "end_time": "13:00"})
    missing = client.post("/availability/weekly/new", data={"weekday": "1", "start_time": "", "end_time": "nonsense"})

    assert off_step.status_code == overlap.status_code == missing.status_code == 422
    assert "Use a time on a 5-minute step" in page_of(off_step)
    assert "This overlaps your time 09:00–12:00 on the same day." in page_of(overlap)
    assert "Enter the time you are free from" in page_of(missing)
    assert "Enter a time like 09:00" in page_of(missing)


def test_the_messages_are_in_the_users_language(client, db, login_as):
    login_as("consultant", preferred_language="sv")
    page = page_of(client.post("/availability/weekly/new", data={"weekday": "1", "start_time": "12:00", "end_time": "09:00"}))
    assert "Sluttiden måste vara efter starttiden." in page
    assert "Fel:" in page


def test_adding_a_single_time_and_changing_it(client, db, login_as, clock):
    clock.set(local(2026, 12, 14, 10))
    consultant = login_as("consultant")

    added = client.post("/availability/one-off/new", data={"on_date": "2026-12-16", "start_time": "13:00", "end_time": "15:00"})
    assert added.status_code == 303
    (window,) = queries.one_off_windows_of(consultant)
    form = page_of(client.get(f"/availability/windows/{window.id}/edit"))
    assert 'value="2026-12-16"' in form and 'value="13:00"' in form

    changed = client.post(
        f"/availability/windows/{window.id}/edit", data={"on_date": "2026-12-17", "start_time": "13:00", "end_time": "14:00"}
    )
    assert changed.status_code == 303
    db.session.refresh(window)
    assert (window.on_date, window.end_time) == (date(2026, 12, 17), time(14))


def test_changing_a_weekly_window_shows_its_values_and_saves_them(client, db, login_as):
    consultant = login_as("consultant")
    window = factories.make_window(consultant, weekday=TUE, valid_from=date(2027, 1, 1))
    db.session.commit()

    form = page_of(client.get(f"/availability/windows/{window.id}/edit"))
    assert '<option selected value="1">' in form and 'value="09:00"' in form and 'value="2027-01-01"' in form

    response = client.post(
        f"/availability/windows/{window.id}/edit",
        data={"weekday": "3", "start_time": "10:00", "end_time": "11:30", "valid_from": "", "valid_to": ""},
    )
    assert response.status_code == 303
    db.session.refresh(window)
    assert (window.weekday, window.start_time, window.end_time, window.valid_from) == (THU, time(10), time(11, 30), None)


def test_removing_a_window_asks_first_then_removes_it_on_post(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    window = factories.make_window(consultant)
    db.session.commit()

    confirm = client.get(f"/availability/windows/{window.id}/remove")
    assert confirm.status_code == 200
    page = page_of(confirm)
    assert "Remove this time?" in page
    assert f'<form method="post" action="/availability/windows/{window.id}/remove">' in page
    assert queries.weekly_windows_of(consultant) != []

    response = client.post(f"/availability/windows/{window.id}/remove")
    assert response.status_code == 303
    assert queries.weekly_windows_of(consultant) == []


def test_removing_needs_the_csrf_token(client, db, login_as, csrf_enabled):
    consultant = login_as("consultant")
    window = factories.make_window(consultant)
    db.session.commit()
    assert client.post(f"/availability/windows/{window.id}/remove").status_code == 400
    assert queries.weekly_windows_of(consultant) != []


def test_blocking_and_opening_days(client, db, login_as, clock):
    clock.set(local(2026, 12, 14, 10))
    consultant = login_as("consultant", preferred_language="en")

    bad = client.post("/availability/blocked/new", data={"first_day": "2027-01-08", "last_day": "2027-01-07", "note": "Kurs"})
    assert bad.status_code == 422
    assert "The last day must be the same as or after the first day." in page_of(bad)
    assert 'value="Kurs"' in page_of(bad)

    assert client.post("/availability/blocked/new", data={"first_day": "2027-01-07", "note": "Kurs"}).status_code == 303
    (blocked,) = queries.blocked_days_of(consultant)
    assert (blocked.first_day, blocked.last_day, blocked.note) == (date(2027, 1, 7), date(2027, 1, 7), "Kurs")

    assert client.get(f"/availability/blocked/{blocked.id}/remove").status_code == 200
    assert client.post(f"/availability/blocked/{blocked.id}/remove").status_code == 303
    assert queries.blocked_days_of(consultant) == []


def test_changing_the_booking_settings(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    form = page_of(client.get("/availability/settings"))
    assert 'id="lengths_minutes-2"' in form and re.search(r'checked[^>]*value="60"|value="60"[^>]*checked', form)

    empty = client.post("/availability/settings", data={"buffer_minutes": "15", "notice_working_days": "2", "horizon_weeks": "4"})
    assert empty.status_code == 422
    page = page_of(empty)
    assert '<a href="#lengths_minutes-0">Choose at least one meeting length</a>' in page
    assert '<option selected value="15">' in page and '<option selected value="4">' in page

    saved = client.post(
        "/availability/settings",
        data={"lengths_minutes": ["30", "45"], "buffer_minutes": "15", "notice_working_days": "2", "horizon_weeks": "4"},
    )
    assert saved.status_code == 303
    settings = services.booking_settings_for(consultant)
    db.session.refresh(settings)
    assert (settings.lengths_minutes, settings.buffer_minutes, settings.notice_working_days, settings.horizon_weeks) == (
        [30, 45], 15, 2, 4,
    )


# Who sees what


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("action", ["edit", "remove"])
def test_another_consultants_window_is_not_found(client, db, login_as, method, action):
    login_as("consultant")
    theirs = factories.make_window(factories.make_user(role=Role.CONSULTANT))
    db.session.commit()
    response = client.open(f"/availability/windows/{theirs.id}/{action}", method=method, data={"start_time": "10:00", "end_time": "11:00", "weekday": "1"})
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(AvailabilityWindow, theirs.id).start_time == time(9)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_another_consultants_blocked_day_is_not_found(client, db, login_as, method):
    login_as("consultant")
    theirs = factories.make_blocked_day(factories.make_user(role=Role.CONSULTANT))
    db.session.commit()
    assert client.open(f"/availability/blocked/{theirs.id}/remove", method=method).status_code == 404
    assert db.session.get(BlockedDay, theirs.id) is not None


@pytest.mark.parametrize("role", ["employer", "coordinator"])
def test_only_consultants_manage_available_times(client, db, login_as, role):
    login_as(role)
    assert client.get("/availability").status_code == 403
    assert client.post("/availability/weekly/new", data={"weekday": "1", "start_time": "09:00", "end_time": "10:00"}).status_code == 403
    assert db.session.scalars(select(AvailabilityWindow)).all() == []


def test_the_menu_links_to_the_pages_each_role_may_use(client, db, login_as):
    login_as("consultant", preferred_language="en")
    page = page_of(client.get("/dashboard"))
    assert 'href="/availability"' in page and 'href="/calendar"' in page
    client.post("/sign-out")
    login_as("employer", preferred_language="en")
    page = page_of(client.get("/dashboard"))
    assert 'href="/availability"' not in page and 'href="/calendar"' in page
    client.post("/sign-out")
    login_as("coordinator", preferred_language="en")
    page = page_of(client.get("/dashboard"))
    assert 'href="/availability"' not in page and 'href="/calendar"' not in page
