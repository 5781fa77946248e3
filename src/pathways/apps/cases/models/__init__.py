"""Models of the cases app: participants, the shared assessment, plans, progress, referrals."""

from pathways.apps.cases.models.assessment import Assessment, PriorJob
from pathways.apps.cases.models.participants import Consent, Participant
from pathways.apps.cases.models.plans import CareerPlan, Milestone, WorkActivity
from pathways.apps.cases.models.requests import ContactRequest
from pathways.apps.cases.models.services import Referral

__all__ = ["Assessment", "CareerPlan", "Consent", "ContactRequest", "Milestone", "Participant",
           "PriorJob", "Referral", "WorkActivity"]
