"""Participants, intake, the shared assessment, career plans, milestones and referrals."""
