"""The parking levy (retribusi parkir tepi jalan umum): spots, Perda tariffs, attendants,
dynamic and vest QRIS, receipts, cash, deposits, revenue shares and summaries."""
