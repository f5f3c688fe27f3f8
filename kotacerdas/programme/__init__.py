"""The smart-city programme itself: Kominfo's six dimensions, the masterplan and its
programmes, the KPI catalogue with manual and automatic values, the yearly Kominfo
evaluation (Indeks Smart City), the public dashboard and open data."""
