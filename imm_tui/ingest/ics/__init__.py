"""The .ics reader: the library reader (icalendar, x-wr-timezone, recurring-ical-events) as the reference,
a fast scanner and series expander beside it for the shapes real exports are made of, and the text repairs
and time-zone names both rely on. `imm_tui.ingest.readers` chooses between this and the Outlook CSV reader.
"""
