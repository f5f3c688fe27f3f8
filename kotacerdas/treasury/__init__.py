"""The regency treasury's view of the QRIS levy money: settlement reports, bank
statements and the three-way reconciliation that Bapenda signs off."""
