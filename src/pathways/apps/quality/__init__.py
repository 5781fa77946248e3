"""System quality self-assessment: rounds, ratings, workshops, action plans (uses frameworks/)."""
