"""Every model, imported in one place so Alembic and create_all() see them all."""

from portal.accounts.models import (  # noqa: F401
    Invitation,
    PasswordReset,
    RecoveryCode,
    SecondFactor,
    SignIn,
    User,
)
from portal.audit.models import AuditEvent  # noqa: F401
from portal.availability.models import AvailabilityWindow, BlockedDay, BookingSettings  # noqa: F401
from portal.employers.models import EmailConfirmation, JoinRequest, Organisation  # noqa: F401
from portal.followups.models import FollowUpRecord, TaskAssessment  # noqa: F401
from portal.interest.models import Consent, Interest, Proposal  # noqa: F401
from portal.matching.models import CandidateDisclosure  # noqa: F401
from portal.meetings.models import CalendarFeedLink, Meeting, MeetingProposal  # noqa: F401
from portal.offers.models import Offer, OfferSnapshot, OfferTask  # noqa: F401
from portal.outbox.models import OutboxMessage  # noqa: F401
from portal.participants.models import Participant  # noqa: F401
from portal.placements.models import Placement  # noqa: F401
from portal.resume.models import FormResume  # noqa: F401
from portal.review.models import Review, ReviewComment  # noqa: F401
