"""Frontline: tooling for the first-response training curriculum."""
