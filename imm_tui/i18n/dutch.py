"""The Dutch catalogue of the app's labels: English text → Dutch (see imm_tui.i18n)."""

from __future__ import annotations

# English → Dutch. Keep the placeholders; the test checks them.
DUTCH: dict[str, str] = {
    # engine: checklist questions (docs/method.md, Plan checklist)
    "Priority products ranked": "Prioriteit van producten bepaald",
    "Products quantified in targets": "Producten gekwantificeerd in doelen",
    "Priority customer groups ranked": "Prioriteit van klantgroepen bepaald",
    "Time split across customer groups quantified": "Tijdsverdeling over klantgroepen gekwantificeerd",
    "Allowed sales cost set and split own/support": "Toegestane verkoopkosten vastgesteld en verdeeld eigen/ondersteuning",
    "Plan split per quarter, month and week, with seasonality and events":
        "Plan verdeeld per kwartaal, maand en week, met seizoenen en evenementen",
    "Activities needed quantified": "Benodigde activiteiten gekwantificeerd",
    "New and existing customers to approach quantified": "Te benaderen nieuwe en bestaande klanten gekwantificeerd",
    "Growth and development per person written down": "Groei en ontwikkeling per persoon vastgelegd",
    "Each person can monitor their own figures (calendar linked)": "Ieder kan de eigen cijfers volgen (agenda gekoppeld)",
    "Review dates in the calendar (exported)": "Evaluatiedata in de agenda (geëxporteerd)",
    "no products: add them in the Plan tab (a in the products table)":
        "geen producten: voeg ze toe in het tabblad Plan (a in de tabel producten)",
    "1 product, priority {first}": "1 product, prioriteit {first}",
    "products share a priority: {products}": "producten delen een prioriteit: {products}",
    "{count} products, priorities {first}–{last}": "{count} producten, prioriteiten {first}–{last}",
    "no products": "geen producten",
    "no revenue target: {products}": "geen omzetdoel: {products}",
    "{total} in product targets": "{total} aan productdoelen",
    "no segments: add them in the Plan tab (a in the segments table), or as [[segments]] in plan.toml":
        "geen segmenten: voeg ze toe in het tabblad Plan (a in de tabel segmenten), of als [[segments]] in plan.toml",
    "every segment has the same priority": "alle segmenten hebben dezelfde prioriteit",
    "{count} segments": "{count} segmenten",
    "segments without frequency or channels: {segments}; people without a portfolio: {people}":
        "segmenten zonder frequentie of kanalen: {segments}; mensen zonder portefeuille: {people}",
    "segments without frequency or channels: {segments}": "segmenten zonder frequentie of kanalen: {segments}",
    "people without a portfolio: {people}": "mensen zonder portefeuille: {people}",
    "no segments": "geen segmenten",
    "portfolios and contact frequencies set": "portefeuilles en contactfrequenties ingevuld",
    "{budget}, {own} % own": "{budget}, {own} % eigen",
    "no sales budget: set costs.sales_budget in the Plan tab's settings (or [costs] in plan.toml)":
        "geen verkoopbudget: vul costs.sales_budget in bij de instellingen van het tabblad Plan (of [costs] in plan.toml)",
    "seasonality in {months}; events: {count}": "seizoensinvloed in {months}; evenementen: {count}",
    "no seasonality; events: {count}": "geen seizoensinvloed; evenementen: {count}",
    "every week weighs the same: no seasonality or events": "elke week weegt even zwaar: geen seizoenen of evenementen",
    "no people": "geen mensen",
    "nothing required of: {people}": "niets gevraagd van: {people}",
    "weekly requirement for every person": "wekelijkse behoefte voor iedereen",
    "both prospects and clients in portfolios": "zowel prospects als klanten in de portefeuilles",
    "portfolios hold only {kind} customers": "portefeuilles bevatten alleen {kind} klanten",
    "new": "nieuwe",
    "existing": "bestaande",
    "portfolios hold no customers": "portefeuilles bevatten geen klanten",
    "no growth goal: {people} (the people table's growth column in the Plan tab)":
        "geen groeidoel: {people} (kolom growth van de tabel mensen in het tabblad Plan)",
    "every person has a growth goal": "iedereen heeft een groeidoel",
    "no calendar imported for: {people} (import their export in the Import tab, or imm import)":
        "geen agenda geïmporteerd voor: {people} (importeer hun export in het tabblad Import, of met imm import)",
    "a calendar is imported for every person": "voor iedereen is een agenda geïmporteerd",
    "no review dates: set reviews.dates in the Plan tab's settings":
        "geen evaluatiedata: vul reviews.dates in bij de instellingen van het tabblad Plan",
    "{count} reviews exported": "{count} evaluaties geëxporteerd",
    "{count} review dates, not exported yet: ctrl+p → Export review dates as invitations (or imm reviews)":
        "{count} evaluatiedata, nog niet geëxporteerd: ctrl+p → Evaluatiedata als uitnodigingen exporteren (of imm reviews)",
    # engine: statuses, drivers, signals
    "on track": "op koers",
    "behind": "achter",
    "at risk": "in gevaar",
    "none": "geen",
    "coverage": "dekking",
    "funnel": "trechter",
    "norm": "norm",
    "minimum": "minimum",
    "no calendar": "geen agenda",
    "needs help": "heeft hulp nodig",
    "remarkable": "opvallend goed",
    "target too low": "doel te laag",
    "No calendar of {who} has been imported: the figures say nothing yet.":
        "Van {who} is geen agenda geïmporteerd: de cijfers zeggen nog niets.",
    "{who} made {visits} of the {asked} visits the plan asks to date ({attainment}, below {threshold}).":
        "{who} legde {visits} van de {asked} bezoeken af die het plan tot nu toe vraagt ({attainment}, onder {threshold}).",
    "{who} needs {visits} visits per order against {organisation} in the organisation: "
    "{more} % more visits for each order (index {index}).":
        "{who} heeft {visits} bezoeken per order nodig tegen {organisation} in de organisatie: "
        "{more} % meer bezoeken voor elke order (index {index}).",
    "{who} is at {attainment} of the visits asked to date and converts well: "
    "{visits} visits per order against {organisation} (index {index}).":
        "{who} staat op {attainment} van de tot nu toe gevraagde bezoeken en converteert goed: "
        "{visits} bezoeken per order tegen {organisation} (index {index}).",
    "{who} is on track for revenue ({revenue} against {target} to date) with only "
    "{attainment} of the visits asked: the target may ask too little.":
        "{who} ligt op koers voor de omzet ({revenue} tegen {target} tot nu toe) met maar "
        "{attainment} van de gevraagde bezoeken: het doel vraagt misschien te weinig.",
    # report: the review in Markdown (Insights tab)
    "{plan} — review as of {day} (week {week})": "{plan} — evaluatie per {day} (week {week})",
    "{plan} — review as of {day} (before week 1)": "{plan} — evaluatie per {day} (voor week 1)",
    "The hands": "De handen",
    "Do we have them? {seated} of {budgeted} budgeted FTE are in a seat; {available} FTE available in week {week}; "
    "{uncovered} of the year's work has nobody ({visits} visits).":
        "Hebben we ze? {seated} van de {budgeted} begrote fte zijn bezet; {available} fte beschikbaar in week {week}; "
        "voor {uncovered} van het werk van het jaar is niemand ({visits} bezoeken).",
    "Do they move? Visits to date: {attainment} of what the plan asks (the {measured} of {people} people whose calendar "
    "is imported).":
        "Bewegen ze? Bezoeken tot nu toe: {attainment} van wat het plan vraagt (de {measured} van {people} mensen van wie "
        "de agenda is geïmporteerd).",
    "Quality: {quality} of contacts won a commitment.": "Kwaliteit: {quality} van de contacten leverde een toezegging op.",
    "Conversion (organisation):": "Conversie (organisatie):",
    "{visits} visits per order, {per_request} per request, {offers} offers per order.":
        "{visits} bezoeken per order, {per_request} per aanvraag, {offers} offertes per order.",
    "{visits} visits per order, no requests yet, {offers} offers per order.":
        "{visits} bezoeken per order, nog geen aanvragen, {offers} offertes per order.",
    "no orders in the calendars yet.": "nog geen orders in de agenda's.",
    "Signals": "Signalen",
    "No calendar imported yet for {count} people:": "Nog geen agenda geïmporteerd voor {count} mensen:",
    "person": "persoon",
    "team": "team",
    "visits": "bezoeken",
    "asked to date": "gevraagd tot nu",
    "attainment": "realisatie",
    "status": "status",
    "catch-up / week": "inhalen / week",
    "forecast orders": "prognose orders",
    "quality": "kwaliteit",
    "prospect visits (plan)": "prospectbezoeken (plan)",
    "People": "Mensen",
    "Plan checklist": "Plan-checklist",
    # the app
    "IMM — Interaction Management Monitor": "IMM — Interactie Management Monitor",
    "Quit": "Stoppen",
    "Save plan": "Plan opslaan",
    "Reload": "Opnieuw laden",
    "Theme": "Thema",
    "Help": "Hulp",
    "Go to {tab}": "Naar {tab}",
    "Show the {tab} tab (key {key})": "Toon het tabblad {tab} (toets {key})",
    "Write plan.toml, keeping its comments (key w)": "Schrijf plan.toml, met behoud van het commentaar (toets w)",
    "Reload workspace": "Werkmap opnieuw laden",
    "Read plan.toml, classify.toml and the store again (key r)": "Lees plan.toml, classify.toml en de opslag opnieuw (toets r)",
    "Fold or open all teams": "Alle teams in- of uitklappen",
    "In the Requirement and Monitor tables (key f)": "In de tabellen Behoefte en Monitor (toets f)",
    "Export review to Excel": "Evaluatie naar Excel exporteren",
    "exports/review-<as of>.xlsx, in the background": "exports/review-<peildatum>.xlsx, op de achtergrond",
    "Export review to Excel, anonymised": "Evaluatie naar Excel exporteren, geanonimiseerd",
    "Names, e-mail addresses and accounts replaced": "Namen, e-mailadressen en klanten vervangen",
    "Export review to Markdown": "Evaluatie naar Markdown exporteren",
    "exports/review-<as of>.md": "exports/review-<peildatum>.md",
    "Export review dates as invitations": "Evaluatiedata als uitnodigingen exporteren",
    "exports/reviews.ics for Outlook or Google": "exports/reviews.ics voor Outlook of Google",
    "Switch dark / light theme": "Wissel donker / licht thema",
    "Key t": "Toets t",
    "Keys": "Toetsen",
    "What every key does (key ?)": "Wat elke toets doet (toets ?)",
    "Quit IMM": "IMM afsluiten",
    "Asks first when the plan has unsaved changes (key q)": "Vraagt eerst als het plan niet-opgeslagen wijzigingen heeft (toets q)",
    "Teams fold in the Requirement and Monitor tabs": "Teams klappen in op de tabbladen Behoefte en Monitor",
    "Exporting the review ({kind}) …": "De evaluatie wordt geëxporteerd ({kind}) …",
    "Export failed: {error}": "Export mislukt: {error}",
    "Review written to {path}": "Evaluatie geschreven naar {path}",
    "Review invitations written to {path}": "Uitnodigingen voor de evaluaties geschreven naar {path}",
    "1–6 tabs · Enter edits a plan cell, opens a person or folds a team · f fold all teams · n (person) rule from an item · "
    "w save · r reload · Y other plan year · y copy table · v full cell · j/k move · t theme · q quit · ctrl+p every command":
        "1–6 tabbladen · Enter wijzigt een plancel, opent een persoon of klapt een team in · f alle teams inklappen · "
        "n (persoon) regel van een item · w opslaan · r opnieuw laden · Y ander planjaar · y tabel kopiëren · v hele cel · j/k bewegen · "
        "t thema · q stoppen · ctrl+p alle opdrachten",
    "Plan saved (the previous version is plan.toml.bak)": "Plan opgeslagen (de vorige versie is plan.toml.bak)",
    "not covered": "niet gedekt",
    "Visits per request {per_request} (index {request_index}); requests per order {requests} (index {requests_index}); "
    "offers per order {offers} (index {offers_index}).":
        "Bezoeken per aanvraag {per_request} (index {request_index}); aanvragen per order {requests} (index {requests_index}); "
        "offertes per order {offers} (index {offers_index}).",
    "people": "mensen",
    "visits per request": "bezoeken per aanvraag",
    "visits per order": "bezoeken per order",
    "requests per order": "aanvragen per order",
    "offers per order": "offertes per order",
    "forecast revenue": "omzetprognose",
    "revenue target": "omzetdoel",
    "Teams and divisions": "Teams en divisies",
    "division": "divisie",
    "Ratios pooled over the people with a calendar; in brackets the index against the organisation (100 = the same).":
        "Verhoudingen over de mensen met een agenda samen; tussen haakjes de index tegen de organisatie (100 = gelijk).",
    "Calendar: none imported yet; weeks are not judged.": "Agenda: nog niets geïmporteerd; weken worden niet beoordeeld.",
    "Calendar: covers {periods} ({weeks} of {happened} weeks so far), {state}; last import {day}.":
        "Agenda: dekt {periods} ({weeks} van {happened} weken tot nu), {state}; laatste import {day}.",
    "leaves on {day}": "vertrekt op {day}",
    "stale": "verouderd",
    "partial": "gedeeltelijk",
    "ok": "in orde",
    "Calendars as of {day}: {summary} — s sorts (now: {key}), h how to export":
        "Agenda's per {day}: {summary} — s sorteert (nu: {key}), h hoe exporteren",
    "Sort calendars": "Agenda's sorteren",
    "How to export": "Hoe exporteren",
    "state": "toestand",
    "covered": "gedekt",
    "weeks": "weken",
    "last import": "laatste import",
    "unclassified share": "aandeel niet ingedeeld",
    "items": "items",
    "Plan not saved: {reason}. Your edits are kept.": "Plan niet opgeslagen: {reason}. Je wijzigingen blijven bewaard.",
    "Not written to classify.toml: {reason}": "Niet geschreven naar classify.toml: {reason}",
    "Unexpected error: {error}. Your edits are kept.": "Onverwachte fout: {error}. Je wijzigingen blijven bewaard.",
    "Details in {path}": "Details in {path}",
    "Reloaded the workspace": "Werkmap opnieuw geladen",
    "Plan": "Plan",
    "Requirement": "Behoefte",
    "Monitor": "Monitor",
    "Insights": "Inzichten",
    "Checklist": "Checklist",
    "Import": "Importeren",
    "Cancel": "Annuleren",
    "Enter to take the value, Escape to leave it": "Enter neemt de waarde over, Escape laat hem staan",
    "Refused: {reason}": "Geweigerd: {reason}",
    "plan.toml was changed on disk since IMM opened it.": "plan.toml is op schijf gewijzigd sinds IMM het opende.",
    "Reload drops your unsaved edits; Keep mine writes your version over the other one.":
        "Opnieuw laden gooit je niet-opgeslagen wijzigingen weg; Mijn versie schrijft jouw versie over de andere heen.",
    "Keep mine": "Mijn versie",
    "Stay": "Blijven",
    "The plan has changes that are not saved.": "Het plan heeft wijzigingen die niet zijn opgeslagen.",
    "Save and quit": "Opslaan en stoppen",
    "Quit without saving": "Stoppen zonder opslaan",
    "week": "week",
    "day": "dag",
    "time": "tijd",
    "activity": "activiteit",
    "rule": "regel",
    "commitment": "toezegging",
    "account": "klant",
    "subject": "onderwerp",
    "No imported items to make a rule from": "Geen geïmporteerde items om een regel van te maken",
    "A private item without categories: only its categories could be matched":
        "Een privé-item zonder categorieën: alleen de categorieën zouden herkend kunnen worden",
    "Rule added to classify.toml: {change} counted items for {person}":
        "Regel toegevoegd aan classify.toml: {change} getelde items voor {person}",
    "counted": "geteld",
    "unclassified": "niet ingedeeld",
    "skipped": "overgeslagen",
    "own": "eigen",
    "organisation": "organisatie",
    "Back": "Terug",
    "Rule from item": "Regel van item",
    "{name} ({person}) — {activity} per week, as of {day}": "{name} ({person}) — {activity} per week, per {day}",
    "asked": "gevraagd",
    "done": "gedaan",
    "Imported items (n on an unclassified one makes a rule that counts it)":
        "Geïmporteerde items (n op een niet-ingedeeld item maakt een regel die het telt)",
    "A vacancy: nobody's calendar to show.": "Een vacature: er is geen agenda om te tonen.",
    "Visits {visits} of {asked} asked to date ({attainment}); orders {orders}, forecast {forecast} ({basis} conversion), "
    "run rate {run_rate}.":
        "Bezoeken {visits} van {asked} gevraagd tot nu ({attainment}); orders {orders}, prognose {forecast} (conversie: {basis}), "
        "huidig tempo {run_rate}.",
    "Visits per order {visits} (index {index}); quality {quality}; prospect visits {prospects} (plan {planned}).":
        "Bezoeken per order {visits} (index {index}); kwaliteit {quality}; prospectbezoeken {prospects} (plan {planned}).",
    "Subject contains": "Onderwerp bevat",
    "Category is": "Categorie is",
    "New rule from: {item}": "Nieuwe regel uit: {item}",
    "(no subject)": "(geen onderwerp)",
    "Enter adds it to classify.toml, after the other rules: items they count keep their activity.":
        "Enter voegt hem toe aan classify.toml, na de andere regels: items die zij tellen houden hun activiteit.",
    "Type a word to match": "Typ een woord om op te zoeken",
    "the plan has no review dates: add them under Settings (reviews.dates)":
        "het plan heeft geen evaluatiedata: voeg ze toe onder Instellingen (reviews.dates)",
    "'{text}' is not a date: write it as 2027-03-31": "'{text}' is geen datum: schrijf hem als 2027-03-31",
    "{day} is outside the plan year ({first} to {last}, ISO weeks)": "{day} valt buiten het planjaar ({first} tot {last}, ISO-weken)",
    "Files or folder": "Bestanden of map",
    "not found: {path}": "niet gevonden: {path}",
    "nothing counted": "niets geteld",
    ", {count} failed": ", {count} mislukt",
    "Σ organisation": "Σ organisatie",
    "per": "per",
    "month": "maand",
    "quarter": "kwartaal",
    "driver": "bepaald door",
    "year": "jaar",
    "As of": "Peildatum",
    "as of": "peildatum",
    "catch-up": "inhalen",
    "W{week:02d}": "W{week:02d}",
    "{when}; done/asked per week; Σ: imported calendars only; Enter opens a person or folds a team":
        "{when}; gedaan/gevraagd per week; Σ: alleen geïmporteerde agenda's; Enter opent een persoon of klapt een team in",
    "week {week}": "week {week}",
    "before week 1: no week has happened yet": "voor week 1: er is nog geen week voorbij",
    "question": "vraag",
    "what is missing": "wat ontbreekt",
    "Fold teams": "Teams inklappen",
    "Activity": "Activiteit",
    "segment": "segment",
    "product": "product",
    "January": "januari",
    "February": "februari",
    "March": "maart",
    "April": "april",
    "May": "mei",
    "June": "juni",
    "July": "juli",
    "August": "augustus",
    "September": "september",
    "October": "oktober",
    "November": "november",
    "December": "december",
    "Products — revenue targets": "Producten — omzetdoelen",
    "Settings — plan, calendar and seasonality, norms, funnel, costs, reviews, monitor thresholds":
        "Instellingen — plan, kalender en seizoenen, normen, trechter, kosten, evaluaties, drempels van de monitor",
    "Weight of the weeks of {month} (1 = an ordinary month).": "Gewicht van de weken van {month} (1 = een gewone maand).",
    "{meaning} (edit in plan.toml)": "{meaning} (wijzig in plan.toml)",
    "setting": "instelling",
    "value": "waarde",
    "meaning": "betekenis",
    "a list: separate the values with commas": "een lijst: scheid de waarden met komma's",
    "name=number pairs separated by commas, e.g. key=8, mid=25": "naam=getal-paren gescheiden door komma's, bijv. key=8, mid=25",
    "Copied {rows} rows as TSV": "{rows} rijen gekopieerd als TSV",
    "Cell": "Cel",
    "Up": "Omhoog",
    "Down": "Omlaag",
    "Left": "Links",
    "Right": "Rechts",
    "Page up": "Pagina omhoog",
    "Page down": "Pagina omlaag",
    "Top": "Begin",
    "Bottom": "Einde",
    "Select": "Kiezen",
    "Copy TSV": "Kopieer TSV",
    "Full value": "Hele waarde",
    "Folder up": "Map omhoog",
    "Choose calendars on the left (Enter), then press i to import.": "Kies links agenda's (Enter) en druk dan op i om te importeren.",
    "Session ended.": "Sessie beëindigd.",
    "Restart": "Opnieuw starten",
    # Textual's own bindings that the footer shows
    "palette": "opdrachten",
    "Focus next": "Volgende veld",
    "Focus previous": "Vorige veld",
    # model: the meaning of each setting (the field docstrings in model/plan.py, shown in Settings)
    "Shown in titles and exports.": "Getoond in titels en exports.",
    "The plan covers the ISO weeks (52 or 53) of this ISO year.": "Het plan beslaat de ISO-weken (52 of 53) van dit ISO-jaar.",
    "Which derivation sets the requirement: coverage, funnel, or the larger of the two.":
        "Welke afleiding de behoefte bepaalt: dekking, trechter, of de grootste van de twee.",
    "IANA time zone; calendar items count in the ISO week of their start in this zone.":
        "IANA-tijdzone; agenda-items tellen in de ISO-week van hun begin in deze zone.",
    "Language of the app's labels.": "Taal van de teksten in de app.",
    "Working days are the first `days_per_week` days of an ISO week, Monday first.":
        "Werkdagen zijn de eerste `days_per_week` dagen van een ISO-week, maandag eerst.",
    "ISO weeks with no customer work at all.": "ISO-weken zonder enig klantwerk.",
    "Single days off for everyone; a holiday on a working day lowers that week's capacity.":
        "Losse vrije dagen voor iedereen; een feestdag op een werkdag verlaagt de capaciteit van die week.",
    "Special events that multiply the weight of their weeks.": "Bijzondere evenementen die het gewicht van hun weken vermenigvuldigen.",
    "Visits per FTE per week; the annual visit requirement never falls below it.":
        "Bezoeken per fte per week; de jaarlijkse bezoekbehoefte komt nooit onder deze norm.",
    "Hunters' norm is `appointments_per_week × hunter_factor` (at most half).":
        "De norm van jagers is `appointments_per_week × hunter_factor` (hoogstens de helft).",
    "Count video calls towards the visit norm.": "Tel videogesprekken mee voor de bezoeknorm.",
    "Revenue of an average order, in the plan's currency.": "Omzet van een gemiddelde order, in de valuta van het plan.",
    "Offers made for each order won.": "Offertes per gewonnen order.",
    "Customer requests for each offer made.": "Klantaanvragen per uitgebrachte offerte.",
    "Visits for each customer request.": "Bezoeken per klantaanvraag.",
    "Calls for each visit.": "Telefoongesprekken per bezoek.",
    "The year's cost of sales, in the plan's currency.": "De verkoopkosten van het jaar, in de valuta van het plan.",
    "Share spent by the sales team itself; the rest by sales support.":
        "Deel dat het verkoopteam zelf besteedt; de rest de verkoopondersteuning.",
    "Days of the plan reviews, exported as calendar invitations (imm reviews).":
        "Dagen van de planevaluaties, geëxporteerd als agenda-uitnodigingen (imm reviews).",
    "Attainment from which a person is on track.": "Realisatie vanaf welke iemand op koers ligt.",
    "Attainment from which a person is behind (below it: at risk).": "Realisatie vanaf welke iemand achter ligt (eronder: in gevaar).",
    "Visit attainment below which a person needs help.": "Realisatie van bezoeken waaronder iemand hulp nodig heeft.",
    "Visits-per-order index above which a person needs help converting.":
        "Index bezoeken per order waarboven iemand hulp nodig heeft bij het converteren.",
    "Visit attainment from which a person's results are remarkable (with a low index).":
        "Realisatie van bezoeken vanaf welke iemands resultaten opvallend goed zijn (met een lage index).",
    "Visits-per-order index below which a person's conversion is remarkable.":
        "Index bezoeken per order waaronder iemands conversie opvallend goed is.",
    "Visit attainment below which, with revenue on target, the revenue target may ask too little.":
        "Realisatie van bezoeken waaronder, bij een omzet op doel, het omzetdoel misschien te weinig vraagt.",
    "Days after which a person's newest calendar data is stale (their export should be asked for again).":
        "Dagen waarna de nieuwste agendagegevens van iemand verouderd zijn (vraag de export opnieuw op).",
    "From this many orders a person's own conversion drives their forecast.":
        "Vanaf zoveel orders bepaalt iemands eigen conversie de prognose.",
    # issue 14: why this number (report/explain.py, tui/screens/why.py)
    "the sum of the weeks: each week the larger of its share of the year and the own minimum":
        "de som van de weken: elke week het grootste van zijn deel van het jaar en het eigen minimum",
    "the norm floor and the own minimum can only raise it": "de normvloer en het eigen minimum kunnen het alleen verhogen",
    "A week's share of the year is its capacity × weight over the sum of every week's; weight = seasonality of the month of its "
    "Thursday × the factors of the events that list it.":
        "Het deel van een week in het jaar is zijn capaciteit × gewicht gedeeld door de som daarvan over alle weken; gewicht = "
        "seizoensfactor van de maand van zijn donderdag × de factoren van de gebeurtenissen die de week noemen.",
    "Per week: its share of the year is its capacity × weight over the sum of every week's; weight = seasonality of the month of "
    "its Thursday × the factors of the events that list it.":
        "Per week: zijn deel van het jaar is capaciteit × gewicht gedeeld door de som over alle weken; gewicht = seizoensfactor van "
        "de maand van de donderdag × de factoren van de gebeurtenissen in die week.",
    "Monday": "maandag",
    "FTE": "fte",
    "seasonality": "seizoen",
    "events": "gebeurtenissen",
    "weight": "gewicht",
    "share": "aandeel",
    "from the year": "uit het jaar",
    "own minimum": "eigen minimum",
    "required": "nodig",
    "orders": "orders",
    "offers": "offertes",
    "requests": "aanvragen",
    "calls": "telefoongesprekken",
    "jan": "jan", "feb": "feb", "mar": "mrt", "apr": "apr", "may": "mei", "jun": "jun", "jul": "jul", "aug": "aug", "sep": "sep",
    "oct": "okt", "nov": "nov", "dec": "dec",
    "{segment}: {accounts} accounts × {offers} offers per account = {value}":
        "{segment}: {accounts} accounts × {offers} offertes per account = {value}",
    "{segment}: {accounts} accounts × {contacts} contacts × {per_year} a year × {share} share = {value}":
        "{segment}: {accounts} accounts × {contacts} contactpersonen × {per_year} per jaar × aandeel {share} = {value}",
    "no segment of the portfolio asks for it": "geen segment van de portefeuille vraagt erom",
    "a vacancy has no revenue target": "een vacature heeft geen omzetdoel",
    "{norm} a week × {factor} (field of play) × {weeks} FTE-weeks of capacity":
        "{norm} per week × {factor} (speelveld) × {weeks} fte-weken capaciteit",
    "norm floor": "normvloer",
    "{minimum} a week at full capacity; raised {count} of {weeks} weeks":
        "{minimum} per week bij volle capaciteit; verhoogt {count} van {weeks} weken",
    "basis coverage: coverage where it defines the activity, else the funnel":
        "basis dekking: de dekking waar die de activiteit bepaalt, anders de trechter",
    "basis funnel: the funnel where it defines the activity, else coverage":
        "basis trechter: de trechter waar die de activiteit bepaalt, anders de dekking",
    "basis max: the larger of coverage and funnel": "basis max: het grootste van dekking en trechter",
    "set by coverage": "bepaald door de dekking",
    "set by the funnel": "bepaald door de trechter",
    "raised to the norm floor": "verhoogd tot de normvloer",
    "raised by the own minimum": "verhoogd door het eigen minimum",
    "nothing asks for it": "niets vraagt erom",
    "{name} ({person}), {activity}: {required} in the year, {what}": "{name} ({person}), {activity}: {required} in het jaar, {what}",
    "{month} seasonality ×{factor}": "seizoen {month} ×{factor}",
    "the year": "het jaar",
    "part": "deel",
    "a year": "per jaar",
    "how": "hoe",
    "No column for week {week} here": "Hier is geen kolom voor week {week}",
    "Why this number: put the cursor on a person's row": "Waarom dit getal: zet de cursor op de regel van een persoon",
    "required per {period}; Enter on a person: why; on a Σ row folds it, f folds all":
        "nodig per {period}; Enter op een persoon: waarom; op een Σ-regel klapt die in, f klapt alles in",
    "Why this number": "Waarom dit getal",
    # issue 14: tables people can work in (tui/widgets/table.py, panes.py)
    "Leave field": "Veld verlaten",
    "Filter": "Filteren",
    "As-of week": "Peilweek",
    "filter": "filter",
    "person, team (/)": "persoon, team (/)",
    "Back to the table's own order": "Terug naar de eigen volgorde van de tabel",
    "Sorted by {column}, {direction} (s again: {next})": "Gesorteerd op {column}, {direction} (nog eens s: {next})",
    "descending": "aflopend",
    "ascending": "oplopend",
    "the table's own order": "de eigen volgorde van de tabel",
    "Sort": "Sorteren",
    # issue 14: the whole plan in the app, safe editing (app.py, session.py, plan_edits.py, plan_pane.py, modals.py)
    "Undone (ctrl+y redoes)": "Ongedaan gemaakt (ctrl+y doet het opnieuw)",
    "Nothing to undo": "Niets om ongedaan te maken",
    "Redone": "Opnieuw gedaan",
    "Nothing to redo": "Niets om opnieuw te doen",
    "Undo": "Ongedaan maken",
    "Redo": "Opnieuw",
    "unsaved": "niet bewaard",
    "Take back the last plan edit (ctrl+z)": "De laatste wijziging van het plan terugdraaien (ctrl+z)",
    "Make the edit undone last again (ctrl+y)": "De laatst teruggedraaide wijziging opnieuw doen (ctrl+y)",
    "there is nothing there to remove": "daar is niets om te verwijderen",
    "team {team} still has people ({people}), {seats} vacancies and {teams} teams under it: move them first":
        "team {team} heeft nog mensen ({people}), {seats} vacatures en {teams} teams eronder: verplaats die eerst",
    "segment {segment} also left {count} portfolios": "segment {segment} is ook uit {count} portefeuilles gehaald",
    "a plan keeps at least one person": "een plan houdt minstens één persoon",
    "nothing can be added to {section}": "aan {section} kan niets worden toegevoegd",
    "give the new one an id (letters, digits, - _ .)": "geef de nieuwe een id (letters, cijfers, - _ .)",
    "the id {id} is taken: choose another": "de id {id} is al in gebruik: kies een andere",
    "{field}: {reason}": "{field}: {reason}",
    "add a team first: every person and vacancy belongs to one": "voeg eerst een team toe: elke persoon en vacature hoort bij een team",
    "nothing can be removed from {section}": "uit {section} kan niets worden verwijderd",
    "Reloading reads plan.toml again and drops them (the as-of day you chose stays).":
        "Opnieuw laden leest plan.toml opnieuw en laat ze vallen (de gekozen peildatum blijft).",
    "Reload and drop my edits": "Opnieuw laden, wijzigingen weg",
    "Enter edits a cell · a adds · c copies · x removes · ctrl+z undoes · w saves":
        "Enter wijzigt een cel · a voegt toe · c kopieert · x verwijdert · ctrl+z maakt ongedaan · w bewaart",
    "{field} is a list of tables: edit it in its own table above":
        "{field} is een lijst van tabellen: wijzig die in zijn eigen tabel hierboven",
    "An id stays as it is (files and portfolios use it): copy the row with c, give the copy the new id, then remove the old one with x":
        "Een id blijft zoals hij is (bestanden en portefeuilles gebruiken hem): kopieer de regel met c, geef de kopie de nieuwe id "
        "en verwijder de oude met x",
    "Put the cursor in the table to add to (segments, people, products, teams, vacancies, events)":
        "Zet de cursor in de tabel waaraan u iets toevoegt (segmenten, mensen, producten, teams, vacatures, gebeurtenissen)",
    "Nothing to copy yet": "Nog niets om te kopiëren",
    "name": "naam",
    "id": "id",
    "Copy of this {thing}: its {what}": "Kopie van deze {thing}: de {what}",
    "New {thing}: its {what}": "Nieuw(e) {thing}: de {what}",
    "Added {thing} {key}: Enter on a cell fills it in (ctrl+z undoes)":
        "{thing} {key} toegevoegd: Enter op een cel vult die in (ctrl+z maakt ongedaan)",
    "Put the cursor on the row to remove": "Zet de cursor op de regel die weg moet",
    "Removed {thing} {key} (ctrl+z brings it back)": "{thing} {key} verwijderd (ctrl+z haalt het terug)",
    "Segments — contact pattern per customer group": "Segmenten — contactpatroon per klantgroep",
    "People — field of play, targets, portfolio and time away": "Mensen — speelveld, doelen, portefeuille en afwezigheid",
    "Teams and divisions (a team with a parent belongs to that division)":
        "Teams en divisies (een team met een parent hoort bij die divisie)",
    "Vacancies — budgeted seats with nobody in them": "Vacatures — begrote plaatsen zonder iemand erop",
    "vacancy": "vacature",
    "Calendar events — weeks that ask more (or less) work": "Agendagebeurtenissen — weken die meer (of minder) werk vragen",
    "event": "gebeurtenis",
    "periods separated by ;, e.g. 2027-07-12..2027-07-30 holiday; 2027-10-04 dentist":
        "perioden gescheiden door ;, bijvoorbeeld 2027-07-12..2027-07-30 vakantie; 2027-10-04 tandarts",
    "Add": "Toevoegen",
    "Copy": "Kopiëren",
    "Remove": "Verwijderen",
    # issue 14: the meanings of the fields edited in the Plan tab's tables (model/plan.py docstrings)
    "Short name used in portfolios (`key`); letters, digits, - _ .":
        "Korte naam die portefeuilles gebruiken (`key`); letters, cijfers, - _ .",
    "How the segment is shown.": "Hoe het segment wordt getoond.",
    "Rank of the customer group, 1 first (plan checklist question 3).": "Rang van de klantgroep, 1 eerst (vraag 3 van de plantoets).",
    "Contact persons per account.": "Contactpersonen per account.",
    "How often each contact person is met per year.": "Hoe vaak elke contactpersoon per jaar wordt gesproken.",
    "Offers per account per year.": "Offertes per account per jaar.",
    "Share of contacts per activity (visit, call, video…); the shares sum to 1.":
        "Aandeel van de contacten per activiteit (bezoek, telefoon, video…); de aandelen tellen op tot 1.",
    "`existing` (farming) or `new` (hunting/prospects).":
        "`existing` (bestaande klanten, farming) of `new` (nieuwe klanten, hunting/prospects).",
    "Short name of the person, used for calendar files (`imports/<id>/`); letters, digits, - _ .":
        "Korte naam van de persoon, gebruikt voor agendabestanden (`imports/<id>/`); letters, cijfers, - _ .",
    "Full name, as shown.": "Volledige naam, zoals getoond.",
    "E-mail address; calendar files and orders are matched to the person by it.":
        "E-mailadres; agendabestanden worden er de persoon mee toegewezen.",
    "The team (id) the person belongs to.": "Het team (id) waar de persoon bij hoort.",
    "Working time as a share of a full-time job (0.8 = four days of five).":
        "Werktijd als deel van een volledige baan (0,8 = vier van de vijf dagen).",
    "Field of play: farmer (existing customers), hunter (new) or mixed.":
        "Speelveld: farmer (bestaande klanten), hunter (nieuwe) of mixed (gemengd).",
    "For `mixed`: share of effort spent on new business.": "Bij `mixed`: deel van de inspanning voor nieuwe klanten.",
    "The person's revenue target for the year, in the plan's currency; the funnel reasons back from it.":
        "Het omzetdoel van de persoon voor het jaar, in de valuta van het plan; de trechter rekent ervan terug.",
    "Accounts held per segment id.": "Accounts per segment-id in de portefeuille.",
    "Self-set weekly minimums per activity (at full capacity).": "Zelfgekozen wekelijkse minima per activiteit (bij volle capaciteit).",
    "First working day in the plan year, when the person joins during it.":
        "Eerste werkdag in het planjaar, als de persoon in de loop ervan begint.",
    "Last working day, when the person leaves during the year.": "Laatste werkdag, als de persoon in de loop van het jaar vertrekt.",
    "Periods away (holiday, long-term sick), both days inclusive: no capacity then.":
        "Perioden van afwezigheid (vakantie, langdurig ziek), beide dagen inbegrepen: dan geen capaciteit.",
    "Growth and development goal for the year.": "Groei- en ontwikkeldoel voor het jaar.",
    "Short name of the product; letters, digits, - _ .": "Korte naam van het product; letters, cijfers, - _ .",
    "How the product is shown.": "Hoe het product wordt getoond.",
    "Rank of the product, 1 first (plan checklist question 1).": "Rang van het product, 1 eerst (vraag 1 van de plantoets).",
    "The product's revenue target for the year, in the plan's currency.":
        "Het omzetdoel van het product voor het jaar, in de valuta van het plan.",
    "Short name of the team, used by people, vacancies and child teams; letters, digits, - _ .":
        "Korte naam van het team, gebruikt door mensen, vacatures en onderliggende teams; letters, cijfers, - _ .",
    "How the team is shown.": "Hoe het team wordt getoond.",
    "The division (another team's id) this team belongs to; empty for a top-level team.":
        "De divisie (de id van een ander team) waar dit team bij hoort; leeg voor een team bovenaan.",
    "The team (id) the seat is budgeted in.": "Het team (id) waarin de plaats is begroot.",
    "Working time of the seat as a share of a full-time job.": "Werktijd van de plaats als deel van een volledige baan.",
    "Accounts per segment id that the seat would hold (its work shows as uncovered).":
        "Accounts per segment-id die de plaats zou hebben (dat werk telt als onbemand).",
    "What the event is (a trade fair, a campaign); shown where a week's weight is explained.":
        "Wat de gebeurtenis is (een beurs, een campagne); getoond waar het gewicht van een week wordt uitgelegd.",
    "ISO week numbers of the plan year.": "ISO-weeknummers van het planjaar.",
    "Multiplier of the weeks' weight (1.5 = half again as much work).":
        "Vermenigvuldiger van het gewicht van de weken (1,5 = de helft meer werk).",
    # issue 14: charts (tui/screens/chart.py, widgets/charts.py)
    "the organisation": "de organisatie",
    "{name}: {activity} per week, asked and done (as of {day})": "{name}: {activity} per week, gevraagd en gedaan (peildatum {day})",
    "plan": "plan",
    "{activity}: year to date against the plan": "{activity}: het jaar tot nu tegen het plan",
    "required in the year": "nodig in het jaar",
    "done so far": "tot nu gedaan",
    "Funnel": "Trechter",
    "{activity} per week, asked and done": "{activity} per week, gevraagd en gedaan",
    "Charts": "Grafieken",
    "Chart": "Grafiek",
    "People (Enter opens a person's year; s sorts, / filters)": "Mensen (Enter opent iemands jaar; s sorteert, / filtert)",
    # issue 14: the Import tab's person chooser and full per-file report (tui/widgets/import_pane.py)
    "warning": "waarschuwing",
    "{files}: {imported} imported, {unchanged} unchanged, {failed} failed":
        "{files}: {imported} geïmporteerd, {unchanged} ongewijzigd, {failed} mislukt",
    "counted: {summary}; unclassified: {count}; skipped: {skipped}": "geteld: {summary}; niet ingedeeld: {count}; overgeslagen: {skipped}",
    "retention: removed {count} items older than {months} months": "bewaartermijn: {count} items ouder dan {months} maanden verwijderd",
    "Imported {files}": "{files} geïmporteerd",
    "{count} file": "{count} bestand",
    "{count} files": "{count} bestanden",
    "belongs to": "hoort bij",
    "its folder or e-mail address": "volgens map of e-mailadres",
    # issue 14: plurals in the app (one and many)
    "segment {segment} also left 1 portfolio": "segment {segment} is ook uit 1 portefeuille gehaald",
    "Copied 1 row as TSV": "1 rij gekopieerd als TSV",
    "1 segment": "1 segment",
    "1 review exported": "1 evaluatie geëxporteerd",
    "1 review date, not exported yet: ctrl+p → Export review dates as invitations (or imm reviews)":
        "1 evaluatiedatum, nog niet geëxporteerd: ctrl+p → Evaluatiedata als uitnodigingen exporteren (of imm reviews)",
    "No calendar imported yet for 1 person:": "Nog geen agenda geïmporteerd voor 1 persoon:",
    # issue 15: internal time, the review queue of the organisation (tui/widgets/import_pane.py, report/markdown.py)
    "(private or not kept)": "(privé of niet bewaard)",
    "1 subject": "1 onderwerp",
    "{count} subjects": "{count} onderwerpen",
    "Hours to date of the people with a calendar: customer = counted as an activity, internal = a rule with internal = true; "
    "the share is of the hours a rule placed (unclassified hours are said apart).":
        "Uren tot nu van de mensen met een agenda: klant = geteld als activiteit, intern = een regel met internal = true; "
        "het aandeel is van de uren die een regel indeelde (niet ingedeelde uren staan apart).",
    "Customer and internal time": "Klanttijd en interne tijd",
    "Press u for the review queue (unclassified subjects), then n on one":
        "Druk u voor de wachtrij (niet ingedeelde onderwerpen), dan n op een ervan",
    "New rule": "Nieuwe regel",
    "Review queue": "Wachtrij",
    "Review queue: {items} unclassified items in {subjects}, most frequent first — n makes a rule, u back to calendars":
        "Wachtrij: {items} niet ingedeelde items in {subjects}, de meest voorkomende eerst — n maakt een regel, u terug naar agenda's",
    "Rule added to classify.toml: {count} items left the review queue": "Regel toegevoegd aan classify.toml: {count} items uit de wachtrij",
    "categories": "categorieën",
    "customer hours": "klanturen",
    "customer hours per person-week": "klanturen per persoonsweek",
    "customer share": "aandeel klant",
    "first": "eerste",
    "last": "laatste",
    "hours": "uren",
    "Ignore (not counted)": "Negeren (niet geteld)",
    "internal hours": "interne uren",
    "Internal time (not counted)": "Interne tijd (niet geteld)",
    "unclassified hours": "niet ingedeelde uren",
    # issue 15: revenue and products from a CRM export (report/markdown.py), targets reconciled (engine/checklist.py)
    "From the imported orders export: revenue is what was won, the target to date is the year's target times the share of the "
    "year's work that has happened.": "Uit de geïmporteerde orderexport: omzet is wat gewonnen is, het doel tot nu is het jaardoel maal "
                                      "het deel van het werk van het jaar dat voorbij is.",
    "Revenue and products": "Omzet en producten",
    "Won to date: {revenue} against {target} to date ({attainment}); {orders} orders of {value} on average; forecast for the year "
    "{forecast} against {year}.": "Gewonnen tot nu: {revenue} tegen {target} tot nu ({attainment}); {orders} orders van gemiddeld "
                                  "{value}; prognose voor het jaar {forecast} tegen {year}.",
    "other products": "overige producten",
    "priority": "prioriteit",
    "revenue to date": "omzet tot nu",
    "share of revenue": "aandeel omzet",
    "share of targets": "aandeel doelen",
    "target to date": "doel tot nu",
    "{total} in product targets against {people} in people's targets: {gap} apart ({share}); the two should tell the same year":
        "{total} aan productdoelen tegen {people} aan persoonlijke doelen: {gap} verschil ({share}); "
        "beide horen hetzelfde jaar te vertellen",
    "{total} in product targets, matching people's targets": "{total} aan productdoelen, gelijk aan de persoonlijke doelen",
    # issue 15: accounts covered (report/markdown.py), and its setting (model/plan.py)
    "Weeks without a contact after which an account of accounts.csv has gone quiet.":
        "Weken zonder contact waarna een account uit accounts.csv stil is gevallen.",
    "Gone quiet (no contact for {weeks} weeks or more):": "Stilgevallen (geen contact in {weeks} weken of langer):",
    "Accounts": "Accounts",
    "Behind on contacts:": "Achter met contacten:",
    "Reached to date: {new} prospects and {existing} clients of accounts.csv; the portfolios hold {portfolio_new} new and "
    "{portfolio_existing} existing accounts.": "Tot nu bereikt: {new} prospects en {existing} klanten uit accounts.csv; de portefeuilles "
                                               "tellen {portfolio_new} nieuwe en {portfolio_existing} bestaande accounts.",
    "The {count} accounts of accounts.csv: contacts to date against what their segment asks by now ({share} of the year).":
        "De {count} accounts uit accounts.csv: contacten tot nu tegen wat hun segment tot nu vraagt ({share} van het jaar).",
    "contacts": "contacten",
    "accounts": "accounts",
    "and {count} more": "en nog {count}",
    "gone quiet": "stilgevallen",
    "no contact for {weeks} weeks (last {day})": "geen contact in {weeks} weken (laatste {day})",
    "no contact this year": "dit jaar geen contact",
    "no segment": "geen segment",
    "reached": "bereikt",
    "{contacts} of {asked} contacts asked to date": "{contacts} van de {asked} gevraagde contacten tot nu",
    "{count} contacts were with an account another person holds (accounts.csv owner).":
        "{count} contacten waren met een account dat iemand anders beheert (eigenaar in accounts.csv).",
    "Earlier ISO years whose calendar items an import keeps besides the plan year (for year-on-year).":
        "Eerdere ISO-jaren waarvan een import de agenda-items bewaart naast het planjaar (voor jaar-op-jaar).",
    # issue 15: year on year (report/markdown.py, tui/screens/chart.py)
    "Weeks 1 to {week} of both years, counted by this year's rules; in each cell this year, then last year.":
        "Week 1 tot en met {week} van beide jaren, geteld met de regels van dit jaar; per cel eerst dit jaar, dan vorig jaar.",
    "change": "verschil",
    "revenue": "omzet",
    "{activity}: {year} against {last}": "{activity}: {year} tegen {last}",
    "{year} against {last}": "{year} tegen {last}",
    "Show the year {year}": "Toon het jaar {year}",
    "Its plan and calendar items, against the year before (key Y)": "Het plan en de agenda-items ervan, tegen het jaar ervoor (toets Y)",
    "Only one plan year here: keep last year's plan beside plan.toml as plan-{year}.toml":
        "Hier is maar één planjaar: bewaar het plan van vorig jaar naast plan.toml als plan-{year}.toml",
    "Showing {year}: {plan}": "Nu {year}: {plan}",
    "Other year": "Ander jaar",
    # issue 15: a person's year (tui/screens/person.py)
    "Revenue won {revenue} of {target} to date ({attainment}); {value} per order ({basis}); forecast {forecast}.":
        "Omzet gewonnen {revenue} van {target} tot nu ({attainment}); {value} per order ({basis}); prognose {forecast}.",
    "Hours to date: customer {customer}, internal {internal}, unclassified {unclassified} ({share} customer time).":
        "Uren tot nu: klant {customer}, intern {internal}, niet ingedeeld {unclassified} ({share} klanttijd).",
    "own orders": "eigen orders",
    "organisation's orders": "orders van de organisatie",
    "average order value": "gemiddelde orderwaarde",
}
