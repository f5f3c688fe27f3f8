"""Payment core: gateway adapters, the simulator, the webhook inbox, the append-only
ledger and the charge state machine. Knows *payables* (order id, amount, owner), never
parking. See ``docs/payments.md``."""
