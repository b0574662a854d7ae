"""How a person exports their calendar for IMM, in English and Dutch (the Calendars view, `imm status`, README).

Lines that start with two spaces continue the item above (the app joins and wraps them to its width)."""

from __future__ import annotations

HOWTO: dict[str, str] = {
    "en": """\
How to export a calendar for IMM (ask for it again when the state is stale or partial):
- Classic Outlook (Windows): open the Calendar, File > Save Calendar > More Options: Date Range
  "Specify dates" (1 January to today), Detail "Full details" > OK > Save. The .ics states its range.
- New Outlook / Outlook on the web: Settings > Calendar > Shared calendars > Publish a calendar: choose
  your calendar and "Can view all details" > Publish; open the ICS link in your browser and save the .ics.
- Google Calendar: Settings > Import & export > Export: a .zip with one .ics per calendar; unzip it and
  hand in the .ics of your own calendar.
Put the file in imports/<person-id>/ (or name it <person-id>.ics) and run imm import, or use the Import tab.""",
    "nl": """\
Zo exporteer je een agenda voor IMM (vraag hem opnieuw op als de toestand verouderd of gedeeltelijk is):
- Klassiek Outlook (Windows): open de Agenda, Bestand > Agenda opslaan > Meer opties: Datumbereik
  "Datums opgeven" (1 januari tot vandaag), Details "Alle details" > OK > Opslaan. De .ics noemt zijn bereik.
- Nieuwe Outlook / Outlook op het web: Instellingen > Agenda > Gedeelde agenda's > Een agenda publiceren:
  kies je agenda en "Kan alle details weergeven" > Publiceren; open de ICS-koppeling in je browser en sla
  de .ics op.
- Google Agenda: Instellingen > Importeren en exporteren > Exporteren: een .zip met een .ics per agenda;
  pak hem uit en lever de .ics van je eigen agenda aan.
Zet het bestand in imports/<persoon-id>/ (of noem het <persoon-id>.ics) en voer imm import uit, of gebruik
  het tabblad Importeren.""",
}
