"""Writes for the parking levy. Each function is one transaction with an audit record;
gateway calls happen outside row locks (see ``events.charge_create``)."""
