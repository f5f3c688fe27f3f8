"""The floor every domain app stands on: regency (tenant), OPDs, users and roles,
permissions, audit log, rate limits, money and time helpers."""
