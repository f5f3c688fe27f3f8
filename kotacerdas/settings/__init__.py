"""Settings: ``base`` reads the environment; ``dev``, ``demo``, ``test`` and
``production`` only decide what may be defaulted and what must be given."""
