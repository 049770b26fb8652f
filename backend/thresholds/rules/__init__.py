"""Threshold rules: the figures and who they apply to, loaded from the rules file."""
