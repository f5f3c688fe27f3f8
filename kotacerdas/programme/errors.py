class ProgrammeInputError(ValueError):
    """Refused input; the message is Indonesian and safe to show the user."""
