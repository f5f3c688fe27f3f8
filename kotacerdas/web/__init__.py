"""Thin page layer shared by all modules: the Sampit Creative Hub home, layout, login,
health check and error pages."""
