"""Threshold monitoring: evaluating contributors against the limits (evaluation), looking
ahead at booked sessions (forecast), the safety-net sweep, alerts and what they say, and the
view an organisation may see."""
