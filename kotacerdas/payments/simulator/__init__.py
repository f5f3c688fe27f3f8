"""A Midtrans Core API (QRIS subset) simulator for the demo and the tests, served under
``/simulator/midtrans/`` only when ``KOTACERDAS_SIMULATOR_ENABLED`` (never in production).
Its tables are simulator-only (``payments_simulator_*``)."""
