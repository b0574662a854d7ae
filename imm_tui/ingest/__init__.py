"""Calendar readers (.ics, Outlook CSV), classification and the SQLite activity store. No textual."""
