"""spaCy components and rules that correct and cluster named-entity mentions.

Everything here is pure and deterministic: functions take a Doc (or plain values) and
return new values; the only mutation is the component assigning ``doc.ents``.

What the rules do, in order (``resolve_mentions``):

1. clean each model span: split at line breaks and spaced dashes, drop editorial
   square-bracket parts ("[Vladimir] Putin" -> "Putin"), strip a leading "the",
   honorifics ("Mr"), titles of persons, a trailing possessive, punctuation and
   score numbers; drop spans without a capital letter or a letter at all;
2. drop topic slugs of headlines ("CRICKET - ...") and mark sports documents;
3. datelines ("LONDON 1996-08-30") are places;
4. cluster mentions within the article (same name, surname -> full name,
   honorific + surname, acronym -> full name) and label each cluster by vote, with
   certain rules outranking the model (an honorific means a person; a known country,
   city or nationality keeps its gazetteer label unless the cluster is a person);
5. add missed mentions: other occurrences of a cluster's names (also in ALL-CAPS
   lines) and gazetteer places and nationalities the model missed;
6. in sports results, a city or county followed by a score is a team (ORG).
"""

from __future__ import annotations

import bisect
import contextlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from transforms.quote_rules import FIRST_NAME_GENDER, ORGANISATION_NOUNS

ENTITY_LABELS: tuple[str, ...] = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "PRODUCT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)

# --------------------------------------------------------------------- word lists


def _words(text: str) -> list[str]:
    return text.split()


HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "sir",
        "dame",
        "madam",
        "mme",
        "mlle",
        "messrs",
        "mrs.",
        "mr.",
        "ms.",
        "dr.",
    ]
)
# Titles that, written before a name, say the name is a person (a vote, not certain).
PERSON_TITLES = frozenset(
    _words(
        """president vice-president premier chancellor senator sen governor gov mayor
    minister secretary spokesman spokeswoman spokesperson general gen colonel col
    lieutenant lt captain capt commander admiral sergeant sgt judge ambassador envoy
    coach manager boss chairman chairwoman striker midfielder defender goalkeeper
    prosecutor inspector professor prof rev reverend sheikh ayatollah rabbi king
    queen prince princess pope leader champion all-rounder batsman bowler skipper
    winger forward rep congressman congresswoman mp deputy speaker dictator
    chief director ceo founder officer aide adviser advisor official diplomat
    spinner off-spinner paceman keeper playmaker veteran compatriot fly-half
    scrum-half full-back flanker sprinter athlete swimmer cyclist golfer boxer jockey
    actor actress singer rapper comedian presenter novelist playwright poet author
    writer journalist columnist correspondent economist lawyer attorney solicitor
    barrister billionaire tycoon mogul magnate businessman businesswoman entrepreneur
    philanthropist dj commentator strategist pollster nominee candidate lawmaker
    legislator assemblyman assemblywoman councillor councilman councilwoman pitcher
    quarterback catcher shortstop outfielder linebacker"""
    )
)
# Titles that are part of the name people know ("Prince Charles", "Pope Benedict").
NAME_TITLES = frozenset(_words("king queen prince princess pope sheikh ayatollah"))
# Titles stripped from the start of a PERSON span (CoNLL leaves them out); so is any
# other person title written capitalised before a name ("Striker Thierry Henry").
STRIPPED_TITLES = frozenset(
    _words(
        """president vice-president premier chancellor senator sen governor gov mayor
    minister secretary general gen colonel col lieutenant lt captain capt commander
    admiral sergeant sgt judge ambassador coach professor prof spokesman
    spokeswoman prime foreign defence defense finance interior deputy vice
    rep rev reverend"""
    )
)
CUT_TITLES = STRIPPED_TITLES | (PERSON_TITLES - NAME_TITLES)
SPORTS_SLUGS = frozenset(
    {
        "CRICKET", "SOCCER", "FOOTBALL", "TENNIS", "GOLF", "BASEBALL", "BASKETBALL",
        "RUGBY", "RUGBY UNION", "RUGBY LEAGUE", "ATHLETICS", "BOXING", "CYCLING",
        "MOTOR RACING", "MOTORCYCLING", "HORSE RACING", "ICE HOCKEY", "HOCKEY",
        "AMERICAN FOOTBALL", "SWIMMING", "SKIING", "ALPINE SKIING", "SQUASH",
        "BADMINTON", "ROWING", "SAILING", "YACHTING", "FORMULA ONE", "NFL", "NBA",
        "NHL", "VOLLEYBALL", "HANDBALL", "SNOOKER", "DARTS", "JUDO", "WRESTLING",
        "GYMNASTICS", "TRIATHLON", "EQUESTRIANISM", "CHESS", "TABLE TENNIS",
    }
)  # fmt: skip
# Table headers and other capitalised words the model takes for names.
NOT_NAMES = frozenset(
    _words(
        """attendance extras total totals avg average scorer scorers winner winners
    result results standings notes next halftime half-time women men fall
    wickets overs innings pct gb played won lost drawn points pts"""
    )
)
# Headline words glued to a name in ALL-CAPS titles ("WORLD CUP QUALIFIER").
HEADLINE_WORDS = frozenset(
    _words(
        """qualifier qualifiers results result standings summary summaries scoreboard
    table tables leading scores score preview fixtures draw wins beats beat"""
    )
)
# Speech verbs as headlines write them ("Obama Says", "Clinton Slams"): never part of
# a name. Not "states", "shows" or "reports": they end names ("United States").
HEADLINE_VERBS = frozenset(
    _words(
        """says said tells told slams blasts warns urges claims calls rips defends denies
    admits insists praises mocks hails bashes asks vows accuses explains reveals
    predicts"""
    )
)
# Last words of competition names, which CoNLL calls MISC (spaCy EVENT).
EVENT_HEADS = frozenset(
    _words(
        """cup open championship championships games olympics tour series trophy prix
    classic masters tournament grand-prix"""
    )
)
SPORTS_EVENT_HEADS = frozenset({"league", "division", "conference"})
# Nouns that describe only organisations: not "producer", "film-maker", "broadcaster"
# or "publisher" (people as well) nor "copper producer" or "flag carrier" (countries).
COMPANY_NOUNS = ORGANISATION_NOUNS - {"producer", "maker", "carrier", "broadcaster", "publisher"}
# What only an organisation has: "Yukos' shareholders", "the club's board".
ORGANISATION_PARTS = frozenset(
    _words(
        """shareholders shareholder shares board profits profit revenues revenue turnover
    subsidiary subsidiaries headquarters"""
    )
)
# Month names the model glues to the front of an organisation ("September Treasury").
MONTHS = frozenset(
    _words(
        """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec"""
    )
)
# Legal forms that end a company name: the name is an organisation, whatever the model says.
ORG_SUFFIXES = frozenset(
    _words(
        """inc incorporated corp corporation co cos ltd limited plc llc llp spa bhd
    bancorp bancshares gmbh"""
    )
)
# Words that announce a fixture in sports results ("BOSTON AT OAKLAND").
FIXTURE_WORDS = frozenset({"at", "v", "vs", "vs.", "v."})
# Place names too common as ordinary words or surnames to add where the model saw nothing.
AMBIGUOUS_PLACES = frozenset(
    _words(
        """nice split reading bath mobile chad jordan georgia turkey guinea niger holland
    washington kingston santiago rio victoria wellington charlotte columbus phoenix
    buffalo portland austin lincoln orlando sydney perth hamilton jersey pole polish
    scot turk dane finn lao thai christian catholic protestant jewish jew liberal
    gulf pacific atlantic baltic arctic western national conservative kiwi
    jamaica lima nauru mali malta oman chile cambridge oxford leeds norwich reading
    derby hull"""
    )
)

_COUNTRIES = (
    "Afghanistan|Albania|Algeria|Andorra|Angola|Antigua|Argentina|Armenia|Australia|Austria|"
    "Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Byelorussia|Belgium|Belize|"
    "Benin|Bhutan|Bolivia|Bosnia|Bosnia and Herzegovina|Bosnia-Herzegovina|Herzegovina|"
    "Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|"
    "Cape Verde|Central African Republic|Chile|China|Colombia|Comoros|Congo|Costa Rica|"
    "Croatia|Cuba|Cyprus|Czech Republic|Czechia|Czechoslovakia|Denmark|Djibouti|Dominica|"
    "Dominican Republic|East Timor|Timor-Leste|Ecuador|Egypt|El Salvador|Equatorial Guinea|"
    "Eritrea|Estonia|Eswatini|Swaziland|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Germany|"
    "Ghana|Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|"
    "Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|"
    "Kazakhstan|Kazakstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Kirghizia|Laos|Latvia|"
    "Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Macedonia|"
    "North Macedonia|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|"
    "Mauritania|Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|"
    "Mozambique|Myanmar|Burma|Namibia|Nauru|Nepal|Netherlands|the Netherlands|Holland|"
    "New Zealand|Nicaragua|Niger|Nigeria|North Korea|Norway|Oman|Pakistan|Palau|Palestine|"
    "Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|"
    "Russian Federation|Rwanda|Saint Lucia|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|"
    "Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|"
    "South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|"
    "Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad|Trinidad and Tobago|"
    "Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|UAE|"
    "United Kingdom|UK|U.K.|Britain|Great Britain|England|Scotland|Wales|Northern Ireland|"
    "United States|United States of America|USA|U.S.|US|U.S.A.|America|Uruguay|Uzbekistan|"
    "Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Yugoslavia|Zambia|Zimbabwe|Zaire|Soviet Union|"
    "USSR|Greenland|Puerto Rico|Hong Kong|Macau|Macao|Gibraltar|Faroe Islands|Faroes|"
    "Bermuda|Chechnya|Kashmir|Tibet|Kurdistan|Gaza|West Bank|Gaza Strip|Korea|Abkhazia|"
    "Crimea|Transnistria|Catalonia|Flanders|Wallonia|Bavaria|Quebec|Ontario|Siberia"
)
_REGIONS = (
    "Wall Street|West End|Silicon Valley|"
    "Africa|Asia|Europe|North America|South America|Latin America|Central America|"
    "Antarctica|Oceania|Middle East|Far East|Near East|Balkans|Baltic|Baltics|Caribbean|"
    "Caucasus|Scandinavia|Arctic|Sahara|Mediterranean|Pacific|Atlantic|Indian Ocean|Gulf|"
    "Persian Gulf|Black Sea|Caspian|Caspian Sea|North Sea|Red Sea|Baltic Sea|Eastern Europe|"
    "Western Europe|Central Europe|Southeast Asia|South Asia|East Asia|Central Asia|"
    "Horn of Africa|West Africa|East Africa|North Africa|Southern Africa|Sub-Saharan Africa|"
    "Himalayas|Alps|Amazon|Nile|Danube|Rhine|Mekong|Yangtze|Andes|Sinai|Golan Heights|Golan|"
    "Korean Peninsula"
)
_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    "Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    "New Hampshire|New Jersey|New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|"
    "Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|"
    "Virginia|West Virginia|Wisconsin|Wyoming"
)
_CITIES = (
    "London|Paris|Berlin|Bonn|Madrid|Rome|Milan|Lisbon|Dublin|Brussels|Amsterdam|The Hague|"
    "Rotterdam|Luxembourg|Vienna|Prague|Warsaw|Budapest|Bucharest|Sofia|Belgrade|Zagreb|"
    "Ljubljana|Sarajevo|Skopje|Tirana|Athens|Ankara|Istanbul|Nicosia|Valletta|Bern|Geneva|"
    "Zurich|Basel|Lausanne|Stockholm|Oslo|Copenhagen|Helsinki|Reykjavik|Tallinn|Riga|"
    "Vilnius|Minsk|Kiev|Kyiv|Chisinau|Moscow|St Petersburg|St. Petersburg|Saint Petersburg|"
    "Volgograd|Novosibirsk|Yekaterinburg|Vladivostok|Grozny|Tbilisi|Yerevan|Baku|Dushanbe|"
    "Tashkent|Almaty|Alma-Ata|Astana|Bishkek|Ashgabat|Kabul|Islamabad|Karachi|Lahore|"
    "New Delhi|Delhi|Mumbai|Bombay|Calcutta|Kolkata|Madras|Chennai|Bangalore|Colombo|Dhaka|"
    "Kathmandu|Beijing|Peking|Shanghai|Guangzhou|Shenzhen|Tianjin|Wuhan|Chongqing|Taipei|"
    "Seoul|Pyongyang|Tokyo|Osaka|Kyoto|Yokohama|Manila|Jakarta|Bangkok|Hanoi|"
    "Ho Chi Minh City|Saigon|Phnom Penh|Vientiane|Yangon|Rangoon|Kuala Lumpur|Singapore|"
    "Canberra|Sydney|Melbourne|Brisbane|Perth|Adelaide|Auckland|Wellington|Christchurch|"
    "Tehran|Baghdad|Basra|Damascus|Beirut|Amman|Jerusalem|Tel Aviv|Riyadh|Jeddah|Mecca|"
    "Medina|Dubai|Abu Dhabi|Doha|Manama|Muscat|Sanaa|Kuwait City|Cairo|Alexandria|Tripoli|"
    "Tunis|Algiers|Rabat|Casablanca|Khartoum|Addis Ababa|Nairobi|Mogadishu|Kampala|Kigali|"
    "Bujumbura|Dar es Salaam|Lusaka|Harare|Maputo|Pretoria|Johannesburg|Cape Town|Durban|"
    "Windhoek|Gaborone|Luanda|Kinshasa|Brazzaville|Lagos|Abuja|Accra|Dakar|Abidjan|Freetown|"
    "Monrovia|Bamako|Niamey|Ouagadougou|Nouakchott|Conakry|Lome|Cotonou|Yaounde|Libreville|"
    "Ottawa|Toronto|Montreal|Vancouver|Calgary|Edmonton|Winnipeg|Washington|New York|"
    "New York City|Los Angeles|Chicago|Houston|Philadelphia|Phoenix|San Antonio|San Diego|"
    "Dallas|San Jose|Austin|San Francisco|Seattle|Denver|Boston|Detroit|Nashville|Memphis|"
    "Baltimore|Milwaukee|Atlanta|Miami|Minneapolis|Cleveland|New Orleans|Tampa|Pittsburgh|"
    "Cincinnati|St Louis|St. Louis|Kansas City|Oakland|Sacramento|Portland|Las Vegas|"
    "Salt Lake City|Honolulu|Anaheim|Orlando|Indianapolis|Charlotte|Columbus|Buffalo|Newark|"
    "Anchorage|Mexico City|Guadalajara|Monterrey|Havana|Kingston|Port-au-Prince|"
    "Santo Domingo|San Juan|Guatemala City|San Salvador|Tegucigalpa|Managua|Panama City|"
    "Bogota|Caracas|Quito|Lima|La Paz|Santiago|Buenos Aires|Montevideo|Asuncion|Brasilia|"
    "Sao Paulo|Rio de Janeiro|Rio|Manchester|Liverpool|Birmingham|Leeds|Glasgow|Edinburgh|"
    "Cardiff|Belfast|Bristol|Sheffield|Newcastle|Nottingham|Leicester|Southampton|Oxford|"
    "Cambridge|Hamburg|Munich|Frankfurt|Cologne|Stuttgart|Dusseldorf|Dresden|Leipzig|"
    "Hanover|Marseille|Lyon|Toulouse|Bordeaux|Strasbourg|Lille|Naples|Turin|Florence|Venice|"
    "Genoa|Bologna|Palermo|Barcelona|Valencia|Seville|Bilbao|Porto|Oporto|Antwerp|Ghent|"
    "Gothenburg|Malmo|Bergen|Krakow|Gdansk|Lodz|Wroclaw|Odessa|Kharkiv|Kharkov|Donetsk|Lviv|"
    "Sevastopol|Mariupol|Gaza City|Ramallah|Hebron|Bethlehem|Nablus|Haifa|Mosul|Arbil|Erbil|"
    "Kirkuk|Aleppo|Homs|Kandahar|Herat|Srinagar|Hong Kong|Macau|Kowloon|Bratislava|Kosice|"
    "Brno|Novi Sad|Podgorica|Pristina|Split|Dubrovnik|Mostar|Tuzla|Banja Luka|Plovdiv|Varna|"
    "Constanta|Cluj|Salonika|Thessaloniki|Izmir|Antalya|Surabaya|Medan|Peshawar|Quetta|"
    "Rawalpindi|Hyderabad|Ahmedabad|Pune|Jaipur|Lucknow|Kanpur"
)
_DEMONYMS = (
    "Afghan|Afghans|Albanian|Albanians|Algerian|Algerians|American|Americans|Angolan|"
    "Argentine|Argentinian|Armenian|Armenians|Australian|Australians|Austrian|Austrians|"
    "Azerbaijani|Azeri|Azeris|Bahraini|Bangladeshi|Belarussian|Belarusian|Belgian|Belgians|"
    "Beninese|Bolivian|Bosnian|Bosnians|Brazilian|Brazilians|British|Briton|Britons|"
    "Bulgarian|Bulgarians|Burmese|Burundian|Cambodian|Cameroonian|Canadian|Canadians|"
    "Chilean|Chinese|Colombian|Colombians|Congolese|Croatian|Croat|Croats|Cuban|Cubans|"
    "Cypriot|Cypriots|Czech|Czechs|Danish|Dane|Danes|Dutch|Ecuadorean|Egyptian|Egyptians|"
    "English|Eritrean|Estonian|Ethiopian|European|Europeans|Filipino|Filipinos|Finnish|Finn|"
    "Finns|French|Georgian|German|Germans|Ghanaian|Greek|Greeks|Guatemalan|Haitian|Honduran|"
    "Hungarian|Hungarians|Icelandic|Indian|Indians|Indonesian|Iranian|Iranians|Iraqi|Iraqis|"
    "Irish|Israeli|Israelis|Italian|Italians|Ivorian|Jamaican|Japanese|Jordanian|Kazakh|"
    "Kenyan|Korean|Koreans|Kosovar|Kurd|Kurds|Kurdish|Kuwaiti|Kyrgyz|Lao|Latvian|Lebanese|"
    "Liberian|Libyan|Lithuanian|Luxembourgish|Macedonian|Malagasy|Malawian|Malaysian|Malian|"
    "Maltese|Mauritanian|Mexican|Mexicans|Moldovan|Mongolian|Montenegrin|Moroccan|"
    "Mozambican|Namibian|Nepalese|Nepali|Nicaraguan|Nigerian|Nigerians|Nigerien|Norwegian|"
    "Omani|Pakistani|Pakistanis|Palestinian|Palestinians|Panamanian|Paraguayan|Persian|"
    "Peruvian|Philippine|Polish|Pole|Poles|Portuguese|Qatari|Romanian|Romanians|Russian|"
    "Russians|Rwandan|Salvadoran|Saudi|Saudis|Scottish|Scot|Scots|Senegalese|Serb|Serbs|"
    "Serbian|Sierra Leonean|Singaporean|Slovak|Slovaks|Slovakian|Slovene|Slovenian|Somali|"
    "Somalis|South African|South Africans|South Korean|South Koreans|North Korean|"
    "North Koreans|Soviet|Spanish|Spaniard|Spaniards|Sri Lankan|Sudanese|Swede|Swedes|"
    "Swedish|Swiss|Syrian|Syrians|Taiwanese|Tajik|Tajiks|Tanzanian|Thai|Tibetan|Tunisian|"
    "Turk|Turks|Turkish|Turkmen|Ugandan|Ukrainian|Ukrainians|Uruguayan|Uzbek|Venezuelan|"
    "Vietnamese|Welsh|Yemeni|Yugoslav|Yugoslavs|Zairean|Zambian|Zimbabwean|Arab|Arabs|"
    "Arabic|Asian|Asians|African|Africans|Latin American|Chechen|Chechens|Hutu|Hutus|Tutsi|"
    "Tutsis|Muslim|Muslims|Moslem|Moslems|Christian|Christians|Catholic|Catholics|"
    "Protestant|Protestants|Jewish|Jew|Jews|Hindu|Hindus|Sikh|Sikhs|Buddhist|Buddhists|"
    "Shi'ite|Shiite|Shi'ites|Shiites|Sunni|Sunnis|Islamic|Basque|Basques|Catalan|Flemish|"
    "Walloon|Bavarian|Quebecois|Sinhalese|Tamil|Tamils|Pashtun|Uighur|Uighurs|Scandinavian|"
    "Balkan|Baltic|Caribbean|Nordic|Zionist|Nazi|Nazis"
)


def _items(chunks: Iterable[str]) -> tuple[str, ...]:
    return tuple(x.strip() for x in "".join(chunks).split("|") if x.strip())


def norm_key(text: str) -> str:
    """Normalised form of a name for matching: NFKC, casefolded, straight quotes, one space."""
    text = unicodedata.normalize("NFKC", str(text or "")).replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _build_gazetteer() -> dict[str, str]:
    gaz: dict[str, str] = {}
    for label, chunks in (
        ("NORP", _DEMONYMS),
        ("LOC", _REGIONS),
        ("GPE", _CITIES),
        ("GPE", _US_STATES),
        ("GPE", _COUNTRIES),
    ):
        for name in _items(chunks):
            gaz[norm_key(name)] = label
    return gaz


GAZETTEER: dict[str, str] = _build_gazetteer()
COUNTRY_KEYS: frozenset[str] = frozenset(norm_key(x) for x in _items(_COUNTRIES))
_GAZ_MAX_TOKENS = 4

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_NUMBERISH = re.compile(r"^[\d.,:/\-\u2013+()]+$")
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_QUOTES = frozenset({'"', "'", "\u2018", "\u2019", "\u201c", "\u201d", "`", "``", "''"})
_BRACKETS_QUOTES = _QUOTES | {"[", "]", "(", ")"}
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019", "'S", "\u2019S"})
_DATELINE = re.compile(
    r"^[ \t]*([A-Z][A-Z.'\-]*(?:[ \t]+[A-Z][A-Z.'\-]*){0,3})"
    r"(?:,[ \t]+[A-Z][A-Za-z.]+)?[ \t]+(?:\d{4}-\d{2}-\d{2}|\(\w+\))",
    re.MULTILINE,
)
_SLUG = re.compile(r"^[ \t]*([A-Z][A-Z &/]*?[A-Z])[ \t]+[-\u2013][ \t]", re.MULTILINE)


def label_from_gazetteer(text: str) -> str | None:
    """GPE for a known country or city, LOC for a region, NORP for a nationality."""
    return GAZETTEER.get(norm_key(text))


def is_honorific(word: str) -> bool:
    return norm_key(word).rstrip(".") in {h.rstrip(".") for h in HONORIFICS}


def _is_title(word: str, titles: frozenset[str]) -> bool:
    return norm_key(word).rstrip(".") in titles


def _has_upper(text: str) -> bool:
    return any(c.isupper() for c in text)


def _has_alpha(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _is_punct(text: str) -> bool:
    return bool(text) and not any(c.isalnum() for c in text)


def _headline_verb(doc: Doc, i: int) -> bool:
    """ "Hillary Clinton Slams Donald Trump", "Obama Says ...": a speech verb in a
    title-case headline, or opening a sentence ("Said Comey, ..."), which the model
    runs into the name beside it."""
    word = doc[i].text
    if not (word[:1].isupper() and word[1:].islower()) or word.lower() not in HEADLINE_VERBS:
        return False
    if doc[i].is_sent_start:
        return True
    start = doc.text.rfind("\n", 0, doc[i].idx) + 1
    end = doc.text.find("\n", doc[i].idx)
    # title case capitalises every word of four letters or more ("from" and "with"
    # may stay small)
    line = doc.text[start : end if end >= 0 else None]
    words = [w for w in _WORD.findall(line) if len(w) > 3 and w not in STOP_WORDS]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _industry_giant(noun: Token) -> bool:
    """ "giant" after the noun of an industry ("oil giant", "software giant"): a company
    (not "literary giant"; a two-word name is left alone: "jazz giant Miles Davis")."""
    return (
        noun.tag_ == "NN"
        and noun.lower_ == "giant"
        and any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in noun.lefts)
    )


def _described_as_organisation(doc: Doc, start: int, end: int) -> bool:
    """The name doc[start:end] is described by an organisation noun right beside it
    ("the oil firm Yukos", "Gazprom, the gas firm", a one-word name after "oil giant";
    not "U.S. firm", where the name describes the noun) or owns an organisation's parts
    ("Yukos' shareholders")."""
    head = doc[end - 1]

    def beside(a: int, b: int) -> bool:
        return all(t.is_punct for t in doc[a:b])

    near = [
        t
        for t in head.children
        if (t.dep_ == "appos" and t.i >= end and beside(end, t.left_edge.i))
        or (t.dep_ in ("appos", "compound") and t.i < start and beside(t.i + 1, start))
    ]
    if head.dep_ == "appos" and head.head.i < start and beside(head.head.i + 1, start):
        near.append(head.head)
    if any(t.tag_ == "NN" and t.lower_ in COMPANY_NOUNS for t in near):
        return True
    if end - start == 1 and any(_industry_giant(t) for t in near):
        return True
    return head.dep_ == "poss" and head.head.lower_ in ORGANISATION_PARTS


_RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose"})


def _joined_organisation(doc: Doc, tok: Token, mention_at: dict[int, Mention]) -> bool:
    """``tok`` is in a mention other than a person's that starts right after "and"."""
    m = mention_at.get(tok.i)
    return m is not None and m.label != "PERSON" and doc[m.start - 1].lower_ in ("and", "&")


def _with_article(doc: Doc, start: int, end: int, mention_at: dict[int, Mention]) -> bool:
    """ "the" right before doc[start:end], and the name heads its own noun phrase ("the
    Lib Dems were second", "losing the Oscar"; not "the Blair government", where the
    article goes with the noun, nor a person taken as a type, "the Eminem of
    Argentina"). ``mention_at`` gives the mention each token is in."""
    det = doc[start - 1] if start > 0 else None
    if det is None or det.lower_ != "the" or not start <= det.head.i < end:
        return False
    if end < len(doc) and (doc[end].tag_ in ("NN", "NNS") or doc[end].lower_ in _RELATIVE_PRONOUNS):
        return False  # a noun the parse left out ("the Stephen King adaptation"), or
        # one person of several ("the Clinton who shines")
    heads = [det.head, *det.head.conjuncts]
    if any(h.pos_ == "NOUN" or _joined_organisation(doc, h, mention_at) for h in heads[1:]):
        return False  # the article goes with a noun or a longer name: "the Clinton and
        # Obama eras", "the Bill and Melinda Gates Foundation"
    return not any(c.dep_ == "prep" and c.lower_ == "of" for h in heads for c in h.rights)


def _named_with_article(
    doc: Doc, mentions: list[Mention], members: dict[int, list[int]], labels: dict[int, str]
) -> list[int]:
    """Clusters voted PERSON that the text writes with "the" ("the Lib Dems", "the Tate",
    "the Gunners"): teams, parties, institutions and works, as people are named without
    an article. Not a name with a title ("the Queen", "the Rt Rev Michael Scott-Joynt"),
    a demonym ("the Welshman"), a family or a name of a person the article names ("the
    Clintons" beside President Clinton, "the Donald" beside Donald Trump), a name also
    given by its surname alone ("Hillary Clinton" ... "Clinton"), nor a cluster with an
    honorific, a title or a certain label."""
    mention_at = {i: m for m in mentions for i in range(m.start, m.end)}
    found = []
    for c, cluster in _unsure_people(mentions, members, labels):
        if not any(_with_article(doc, m.start, m.end, mention_at) for m in cluster):
            continue
        words = {norm_key(w).rstrip(".") for m in cluster for w in m.words}
        if words & (PERSON_TITLES | HONORIFICS):
            continue
        canon = mentions[canonical_index(mentions, members[c])]
        surname = _key(canon.words[_last_word(doc, canon.start, canon.end) - canon.start :])
        if len(canon.words) > len(surname) and any(_key(m.words) == surname for m in cluster):
            continue  # named as people are, in full and then by surname ("Hillary Clinton")
        if len(canon.words) == 1:
            word = norm_key(canon.words[0])
            others = {
                norm_key(w)
                for m in mentions
                if m.cluster != c and m.label == "PERSON"
                for w in m.words
            }
            family = {word, word.removesuffix("s"), word.removesuffix("es")}
            if word.endswith(("man", "men")) or family & others:
                continue
        found.append(c)
    return found


# Titles held in an organisation, never in a person's service ("Everton manager David
# Moyes", "Lib Dem leader Charles Kennedy"; unlike "Clinton spokesman", "Bush aide")
EMPLOYER_TITLES = frozenset(
    _words(
        """boss manager coach chairman chairwoman leader owner captain skipper mp mep
    backbencher striker midfielder defender goalkeeper winger prop hooker flanker
    fly-half scrum-half full-back"""
    )
)


def _unsure_people(
    mentions: list[Mention], members: dict[int, list[int]], labels: dict[int, str]
) -> Iterator[tuple[int, list[Mention]]]:
    """Clusters voted PERSON on the model's word alone (no honorific, title or certain
    label), with their mentions."""
    for c, ms in members.items():
        cluster = [mentions[k] for k in ms]
        if labels[c] == "PERSON" and not any(m.certain or m.honorific or m.title for m in cluster):
            yield c, cluster


def _employers(
    doc: Doc, mentions: list[Mention], members: dict[int, list[int]], labels: dict[int, str]
) -> list[int]:
    """Clusters voted PERSON that the text names as the employer of a person: the name
    just before a title held in an organisation, itself before a person's name ("Everton
    manager David Moyes", "Lib Dem leader Charles Kennedy"): a club, party or company."""
    person_starts = {m.start for m in mentions if m.label == "PERSON"}

    def employs(m: Mention) -> bool:
        if m.end >= len(doc):
            return False
        title_end = _word_end(doc, m.end)
        return (
            doc[title_end].pos_ == "NOUN"
            and m.end <= doc[m.end - 1].head.i <= title_end
            and _is_title(doc[m.end : title_end + 1].text, EMPLOYER_TITLES)
            and title_end + 1 in person_starts
        )

    unsure = _unsure_people(mentions, members, labels)
    return [c for c, cluster in unsure if any(map(employs, cluster))]


_PLURAL_VERBS = frozenset({"are", "have", "'re", "'ve"})
_JOINING_WORDS = frozenset({"and", "&", "or", "nor", ",", "-", "\u2013", "\u2014"})


def _plural_subjects(
    doc: Doc, mentions: list[Mention], members: dict[int, list[int]], labels: dict[int, str]
) -> list[int]:
    """Clusters voted PERSON that are the lone subject of a plural verb ("Norwich have
    signed", "Bath are top"): British English treats a club, party or firm as plural,
    while one person takes "has" and "is" (not "were", which may be a subjunctive)."""

    def plural_subject(m: Mention) -> bool:
        head = doc[m.end - 1]
        if (
            head.dep_ != "nsubj"
            or head.left_edge.i != m.start
            or head.right_edge.i != m.end - 1
            or (m.start > 0 and doc[m.start - 1].lower_ in _JOINING_WORDS)
        ):
            return False  # only a name that is the whole subject: not "Knight and Size"
        verbs = [head.head, *(t for t in head.head.children if t.dep_ == "aux")]
        nxt = doc[m.end] if m.end < len(doc) else None
        # the plural verb right after the name; a verb before it asks a question ("would
        # Terry have"), a comma between calls out ("Donald Trump, are you")
        return (
            nxt in verbs
            and nxt.tag_ == "VBP"
            and nxt.lower_ in _PLURAL_VERBS
            and all(v.i > head.i for v in verbs)
        )

    unsure = _unsure_people(mentions, members, labels)
    return [c for c, cluster in unsure if any(map(plural_subject, cluster))]


# what goes out on a medium ("posted on Twitter", "a video on YouTube") and what a
# medium holds for its users ("his Twitter account", "Facebook page")
_MEDIUM_VERBS = frozenset(
    _words("post write say tweet share announce publish upload reply respond")
)
_POSTING_VERBS = frozenset(_words("post tweet share upload publish"))  # "posted a comment on"
_MEDIUM_POSTS = frozenset(_words("post message video tweet photo picture livestream"))
_MEDIUM_HOLDINGS = frozenset(_words("account page feed follower handle profile user"))


def _media(
    doc: Doc, mentions: list[Mention], members: dict[int, list[int]], labels: dict[int, str]
) -> list[int]:
    """Clusters voted PERSON, named by one word only, that the text names as the medium
    of a message ("posted on Twitter", "said on Facebook", "posted a comment on Twitter",
    "took to Twitter", "his Twitter account"): a platform. People are written to, or
    about, not posted on ("a comment on Clinton" is about her)."""

    def medium(m: Mention) -> bool:
        tok = doc[m.start]
        if tok.dep_ == "compound":
            return tok.head.lemma_.lower() in _MEDIUM_HOLDINGS
        if tok.dep_ != "pobj":
            return False
        prep, governor = tok.head, tok.head.head
        lemma = governor.lemma_.lower()
        if prep.lower_ in ("on", "via"):
            return (governor.pos_ == "VERB" and lemma in _MEDIUM_VERBS) or (
                governor.pos_ == "NOUN"
                and (
                    lemma in _MEDIUM_POSTS
                    or (governor.dep_ == "dobj" and governor.head.lemma_.lower() in _POSTING_VERBS)
                )
            )
        return prep.lower_ == "to" and lemma == "take"

    unsure = _unsure_people(mentions, members, labels)
    return [
        c
        for c, cluster in unsure
        if all(m.end - m.start == 1 for m in cluster) and any(map(medium, cluster))
    ]


def _line_is_caps(line: str) -> bool:
    """True when the line is in capitals (headline, table)."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


# ----------------------------------------------------------------- boundaries


@dataclass
class Part:
    """A cleaned mention candidate: token offsets and what was stripped from it."""

    start: int
    end: int
    honorific: bool = False
    title: bool = False


def clean_bounds(doc: Doc, start: int, end: int, label: str = "") -> list[Part]:
    """Split and trim the token range [start, end) of a model span into clean mentions.

    Splits at line breaks and spaced dashes; keeps the part outside editorial square
    brackets; strips leading "the", honorifics (and person titles when label is PERSON),
    quotes and brackets, trailing possessives, punctuation and score numbers.
    """
    start = max(0, min(start, len(doc)))
    end = max(start, min(end, len(doc)))
    pieces: list[tuple[int, int]] = []
    cur = start
    for i in range(start, end):
        tok = doc[i]
        split = "\n" in tok.text or (tok.is_space and "\n" in tok.text)
        if not split and tok.text in _DASHES:
            before = i > 0 and bool(doc[i - 1].whitespace_)
            split = before and bool(tok.whitespace_)
        if not split and tok.text in ("(", ")"):
            split = True
        if not split and _headline_verb(doc, i):
            pieces.append((cur, i))
            # what the verb is about is a name only when it opens with one
            # ("Slams Donald Trump", not "Says He Never")
            cur = i + 1 if i + 1 < end and doc[i + 1].lower_ not in STOP_WORDS else end
            continue
        if split:
            pieces.append((cur, i))
            cur = i + 1
    pieces.append((cur, end))
    out: list[Part] = []
    for s, e in pieces:
        # square brackets: editorial insertions; keep the last bracket-free segment
        segs: list[tuple[int, int]] = []
        seg_start = s
        for i in range(s, e):
            if doc[i].text in ("[", "]") or "[" in doc[i].text or "]" in doc[i].text:
                segs.append((seg_start, i))
                seg_start = i + 1
        segs.append((seg_start, e))
        segs = [(a, b) for a, b in segs if b > a]
        if not segs:
            continue
        if len(segs) > 1:
            segs = [segs[-1]]
        a, b = segs[0]
        part = _trim(doc, a, b, label)
        if part is not None:
            out.append(part)
    return out


def _trim(doc: Doc, a: int, b: int, label: str) -> Part | None:
    honorific = title = False
    while a < b:
        text = doc[a].text
        if (
            doc[a].is_space
            or _is_punct(text)
            or text in _QUOTES
            or text.lower() == "the"
            and b - a > 1
        ):
            a += 1
        elif b - a > 1 and is_honorific(text):
            honorific = True
            a += 1
        elif b - a > 1 and label == "ORG" and _is_title(text, MONTHS):
            a += 1
        elif (
            b - a > 1
            and label == "PERSON"
            and _is_title(text, CUT_TITLES)
            and doc[a + 1].text[:1].isupper()
        ):
            title = True
            a += 1
        elif b - a > 2 and label == "PERSON" and _not_a_name_word(doc[a], doc[a + 1]):
            a += 1
        else:
            break
    while b > a:
        text = doc[b - 1].text
        if (
            doc[b - 1].is_space
            or text in _POSSESSIVE
            or _is_punct(text)
            or b - a > 1
            and text.isupper()
            and norm_key(text) in HEADLINE_WORDS
            or _NUMBERISH.match(text)
            and b - a > 1
            or b - a > 1  # "Interfax news agency", "CFDT union": the name ends before
            and label == "ORG"
            and text.isalpha()
            and text.islower()
        ):
            b -= 1
        else:
            break
    if b <= a:
        return None
    span_text = doc[a:b].text
    if not _has_alpha(span_text) or not _has_upper(span_text):
        return None
    if b - a == 1 and norm_key(span_text) in NOT_NAMES:
        return None
    return Part(a, b, honorific, title)


# parts of speech no first name is tagged with (not AUX: "Will Young", "Will Smith")
_NOT_NAME_POS = frozenset({"ADV", "DET", "PRON", "SCONJ", "CCONJ", "ADP", "PART"})


def _not_a_name_word(tok: Token, nxt: Token) -> bool:
    """A word the model ran into a person's name from before it: "Certainly Donald
    Trump", "Nevertheless Franz Ferdinand", "Telling Jeb Bush", "That's Jeb Bush" (and
    the "'s" left of it), before a capitalised word. (Only before two words or more: the
    one word left of "My Turn", a book, would be no name either.)"""
    return (nxt.text[:1].isupper() or nxt.text in _POSSESSIVE) and (
        tok.pos_ in _NOT_NAME_POS or tok.tag_ == "VBG" or tok.text in _POSSESSIVE
    )


def _title_noun_before(doc: Doc, start: int, end: int) -> bool:
    """The word before doc[start:end] is a person's title that the parse makes a noun
    modifying the name ("coach" in "England coach Sven-Goran Eriksson"), not an
    adjective ("the official Xinhua News Agency") nor an award's category ("the best
    supporting actress Academy Award")."""
    title = doc[start - 1] if start > 0 else None
    return (
        title is not None
        and title.pos_ == "NOUN"
        and not any(t.lower_ == "best" for t in doc[max(0, start - 3) : start - 1])
        # either way round: "coach" modifies the name, or the name is in apposition
        # to "striker" ("their Welsh striker Craig Bellamy")
        and (start <= title.head.i < end or doc[end - 1].head.i == title.i)
        and _is_title(_word_ending_at(doc, title.i), PERSON_TITLES)
    )


def _title_in_apposition_after(doc: Doc, start: int, end: int) -> bool:
    """A person's title, one of them, heads a phrase in apposition after a comma
    ("Maryam Violet, an Iranian journalist", "Curt Schilling, a former All-Star pitcher"),
    as "Gazprom, the gas firm" describes a company. Not the plural a team is given
    ("Chelsea, the champions"), a title of a name after it ("the Caucus, former governor
    Douglas Wilder"), a relative clause's ("National Front, whose leader") or a subject
    the parse took for an apposition with its finite verb ("Trump National Doral, the
    candidate boasts"; a "boasted" tagged as a past participle still passes)."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    first = doc[end + 1]
    for t in doc[end - 1].children:
        after = t.right_edge.i + 1
        if (
            t.dep_ == "appos"
            and t.i > end
            and t.tag_ == "NN"
            and _is_title(t.text, PERSON_TITLES)
            and (first.i == t.i or (first.pos_ in ("DET", "ADJ", "NOUN") and first.tag_ != "WP$"))
            and (t.i + 1 == len(doc) or doc[t.i + 1].pos_ != "PROPN")
            and (after == len(doc) or doc[after].is_punct)
            and not any(c.dep_ == "acl" and c.tag_ in ("VBD", "VBZ", "VBP") for c in t.children)
        ):
            return True
    return False


def _hyphen_joins(doc: Doc, i: int) -> bool:
    """Token ``i`` is a hyphen joining the word before it to a capitalised one
    ("Kilroy-Silk": the tokenizer splits it in three)."""
    return _hyphen_between_letters(doc, i) and _capitalised(doc, i + 1)


def _through_surname_hyphen(
    doc: Doc, end: int, ent_starts: set[int], person_words: set[str]
) -> int:
    """End of a person's name the model cut at a hyphen ("Quincy Owusu" of "Quincy
    Owusu-Abeyie"): through the hyphen and the capitalised word after it, unless that
    word is a name of its own (another entity, or a word of another person's name:
    "Bush-Cheney", "Obama-Clinton") or the whole describes a noun after it ("the
    Dodd-Frank reforms")."""
    while (
        _hyphen_joins(doc, end)
        and not {end, end + 1} & ent_starts
        and norm_key(doc[end + 1].text) not in person_words
        and doc[end + 1].head.i <= end + 1  # not "the Reagan-Schweiker alliance"
    ):
        end += 2
    return end


def _last_word(doc: Doc, start: int, end: int) -> int:
    """First token of the last word of doc[start:end], a hyphenated one whole ("Kilroy-Silk"
    of "Robert Kilroy-Silk")."""
    k = end - 1
    while k > start and not doc[k - 1].whitespace_:
        k -= 1
    return k


def _word_end(doc: Doc, i: int) -> int:
    """Last token of the word that token ``i`` begins ("fly - half" split at its hyphen)."""
    while _hyphen_between_letters(doc, i + 1):
        i += 2
    return i


def _hyphen_between_letters(doc: Doc, i: int) -> bool:
    """Token ``i`` is a hyphen with no space on either side, a letter after it."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].text[:1].isalpha()
    )


def _word_ending_at(doc: Doc, i: int) -> str:
    """The word that token ``i`` ends, with the parts of a hyphenated word the tokenizer
    split ("fly-half", "all-rounder")."""
    j = i
    while (
        j >= 2
        and doc[j - 1].text == "-"
        and not doc[j - 1].whitespace_
        and not doc[j - 2].whitespace_
    ):
        j -= 2
    return doc[j : i + 1].text


def preceding_evidence(doc: Doc, start: int) -> tuple[bool, bool]:
    """(honorific, person title) written just before token ``start``, skipping brackets."""
    i = start - 1
    while i >= 0 and doc[i].text in _BRACKETS_QUOTES:
        i -= 1
    if i < 0:
        return False, False
    word = doc[i].text
    if is_honorific(word):
        return True, False
    if word == "," and i > 0 and doc[i - 1].dep_ != "compound":
        # "the party's Holyrood leader, Nicola Sturgeon": a name in apposition
        # to a person's title
        return False, _is_title(doc[i - 1].text, PERSON_TITLES) and "appos" in (
            doc[start].dep_,
            doc[start].head.dep_,
        )
    return False, _is_title(_word_ending_at(doc, i), PERSON_TITLES)


HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f"}
HONORIFIC_GENDER |= {"dame": "f", "lady": "f", "madam": "f", "mme": "f", "mlle": "f"}


def honorific_gender(doc: Doc, start: int) -> str | None:
    """ "m" or "f" when the word before token ``start`` is a gendered honorific."""
    i = start - 1
    while i >= 0 and doc[i].text in _BRACKETS_QUOTES:
        i -= 1
    return HONORIFIC_GENDER.get(norm_key(doc[i].text).rstrip(".")) if i >= 0 else None


def sports_slug(doc: Doc) -> tuple[int, int] | None:
    """Character range of a sports topic slug at the start of the text ("SOCCER - ")."""
    m = _SLUG.match(doc.text)
    if m and m.group(1) in SPORTS_SLUGS:
        return m.start(1), m.end(1)
    return None


def datelines(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of places that open a dateline ("LONDON 1996-08-30")."""
    out = []
    for m in _DATELINE.finditer(doc.text):
        out.append((m.start(1), m.end(1)))
    return out


# ------------------------------------------------------------------ clustering


@dataclass
class Mention:
    """One mention inside a Doc while the rules run (token offsets, end-exclusive)."""

    start: int
    end: int
    label: str
    words: tuple[str, ...]
    honorific: bool = False
    gender: str | None = None  # "m" or "f" where an honorific says so ("Mrs Clinton")
    title: bool = False
    caps: bool = False
    modifier: bool = False  # a noun's modifier ("the [Trump] campaign"): a weak vote
    certain: str | None = None
    source: str = "model"
    cluster: int = -1


# lower-case words that begin a surname ("de Marigny", "van Persie", "bin Laden")
SURNAME_PARTICLES = frozenset(
    _words("de da das di do dos du del della der den van von ter ten la le bin ibn al el")
)
_FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "de", "la", "du", "des", "&", "on", "in"})


def _key(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(norm_key(w) for w in words)


def initials(words: Iterable[str]) -> str:
    """ "North Atlantic Treaty Organization" -> "NATO" (function words skipped)."""
    out = []
    for w in words:
        if norm_key(w) in _FUNCTION_WORDS or not w[:1].isalpha():
            continue
        out.append(w[0].upper())
    return "".join(out)


def _last_before(mentions: list[Mention], members: list[int], token: int) -> int:
    """Start of the last of ``members`` before ``token`` (-1 if none is)."""
    return max((mentions[k].start for k in members if mentions[k].start < token), default=-1)


def cluster_mentions(mentions: list[Mention]) -> list[int]:
    """Cluster mentions of one article; returns a cluster index per mention.

    Same normalised name -> same cluster ("Nato", "NATO"). A shorter name that ends a
    longer person name joins it ("Rutte", "Mr Rutte" -> "Mark Rutte"), choosing the
    nearest preceding full name (else the nearest following) so two people sharing a
    surname stay apart. An all-caps acronym joins the name it abbreviates.
    """
    n = len(mentions)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    by_key: dict[tuple[str, ...], list[int]] = {}
    for i, m in enumerate(mentions):
        by_key.setdefault(_key(m.words), []).append(i)
    genders: dict[tuple[str, ...], str] = {}  # full name -> gender its honorifics said

    def person_like(members: list[int]) -> bool:
        ms = [mentions[i] for i in members]
        if any(m.honorific or m.title for m in ms):
            return True
        votes = Counter(m.label for m in ms if m.source == "model")
        return votes.get("PERSON", 0) * 2 >= max(1, sum(votes.values()))

    for key in sorted(by_key, key=lambda k: (len(k), k)):
        members = by_key[key]
        honorific = any(mentions[i].honorific for i in members)
        is_place = bool(label_from_gazetteer(" ".join(key))) and not honorific
        host_keys = []
        for other, other_members in by_key.items():
            if not key or len(other) <= len(key) or other[-len(key) :] != key:
                continue
            if person_like(other_members) or (honorific and not is_place):
                host_keys.append(other)
        if not host_keys and len(key) == 1:
            raw = mentions[members[0]].words[0]
            if raw.isupper() and 2 <= len(raw) <= 6 and raw.isalpha():
                for other, other_members in by_key.items():
                    if len(other) >= 2 and initials(mentions[other_members[0]].words) == raw:
                        host_keys.append(other)
        if len(host_keys) <= 1:
            group = members + (by_key[host_keys[0]][:1] if host_keys else [])
            for j in group[1:]:
                union(group[0], j)
            continue
        # several full names end with this one: each mention joins the nearest before
        # it that its honorific fits ("Hillary Clinton ... Bill Clinton ... Mrs.
        # Clinton" is hers), as learnt from the honorifics joined so far
        hosts = sorted((i for k in host_keys for i in by_key[k]), key=lambda i: mentions[i].start)
        for i in members:
            before = [h for h in hosts if mentions[h].start < mentions[i].start] or hosts[:1]
            g = mentions[i].gender
            known = {h: genders.get(_key(mentions[h].words)) for h in before}
            fitting = [h for h in before if known[h] == g] if g else []
            if not fitting and g:
                fitting = [h for h in before if known[h] is None]
            host = (fitting or before)[-1]
            union(host, i)
            if g:
                genders.setdefault(_key(mentions[host].words), g)

    roots: dict[int, int] = {}
    out = []
    for i in range(n):
        r = find(i)
        roots.setdefault(r, len(roots))
        out.append(roots[r])
    return out


def canonical_index(mentions: list[Mention], members: list[int]) -> int:
    """The fullest form of a cluster: most words, not all caps, most frequent, earliest;
    not a person's name with words before a more frequent first name and surname
    ("Crooked Hillary Clinton" once beside "Hillary Clinton" and "Clinton"; "Hillary
    Rodham Clinton" is fuller). (A title before a name is cut from the mention.)"""
    counts = Counter(_key(mentions[i].words) for i in members)
    # names of the cluster written as a first name and a surname also used alone (not a
    # surname with its particle, "de Marigny" beside "Marigny")
    full_names = [
        k for k in counts if len(k) >= 2 and k[-1:] in counts and k[0] not in SURNAME_PARTICLES
    ]

    def before_a_full_name(key: tuple[str, ...]) -> bool:
        return any(
            len(key) > len(k) and key[-len(k) :] == k and counts[k] > counts[key]
            for k in full_names
        )

    def rank(i: int) -> tuple:
        m = mentions[i]
        text = " ".join(m.words)
        key = _key(m.words)
        return (
            m.label == "PERSON" and before_a_full_name(key),
            -len(m.words),
            text.isupper() and len(text) > 4,
            -counts[key],
            -len(text),
            m.start,
        )

    return min(members, key=rank)


# last words that make a given name part of a place, an event or a thing's name
# ("Beverly Hills", "Stanley Park", "the Rose Bowl", "the Adam Smith Lecture")
NOT_SURNAMES = frozenset(
    _words(
        """hills park bowl street road square hall house centre center foundation
    institute university college school lecture prize prizes award awards cup trophy
    stadium arena parade show party statement golf bridge island lake river bay county
    council hotel"""
    )
)


def given_name_and_surname(words: tuple[str, ...]) -> bool:
    """ "Donald Trump", "Donald J. Trump", "Carly Fiorina": a common given name and a
    surname, which the model may tag an organisation or a place wherever the surname
    also names a company, a campaign or a state ("the Trump campaign", "Kasich's Ohio")."""
    if not 2 <= len(words) <= 3 or words[0].lower() not in FIRST_NAME_GENDER:
        return False
    if len(words) == 3 and not re.fullmatch(r"[A-Z]\.?", words[1]):
        return False  # only a middle initial between
    last = words[-1]
    return (
        last[:1].isupper()
        and last.replace("-", "").replace("'", "").isalpha()
        and norm_key(last) not in ORGANISATION_NOUNS | NOT_SURNAMES
        and label_from_gazetteer(last) is None
    )


def vote_label(mentions: list[Mention], members: list[int], sports: bool = False) -> str:
    """Label of a cluster: certain rules first, then a weighted vote of the model."""
    ms = [mentions[i] for i in members]
    if any(m.honorific for m in ms):
        return "PERSON"
    certain = [m.certain for m in ms if m.certain]
    if certain:
        return Counter(certain).most_common(1)[0][0]
    canon = mentions[canonical_index(mentions, members)]
    gaz = label_from_gazetteer(" ".join(canon.words))
    if gaz and (not sports or gaz != "GPE" or norm_key(" ".join(canon.words)) in COUNTRY_KEYS):
        return gaz
    votes: dict[str, float] = {}
    # a person's name modifying a noun ("the Trump campaign", "Trump supporters"), which
    # the model often calls an organisation, counts a quarter where the name is also
    # written as a person's, with a given name or a title (the model's PERSON elsewhere
    # is not enough: "Labour leader", "Mac mini", "Firefox browser")
    person_form = [m.title or given_name_and_surname(m.words) for m in ms]
    person_seen = any(person_form)
    for m, as_person in zip(ms, person_form, strict=True):
        if m.source != "model":
            continue
        weak = m.modifier and person_seen and m.label != "PERSON"
        votes[m.label] = votes.get(m.label, 0.0) + (0.5 if m.caps else 0.25 if weak else 1.0)
        if as_person:
            votes["PERSON"] = votes.get("PERSON", 0.0) + 1.5
    if gaz:
        votes[gaz] = votes.get(gaz, 0.0) + 0.75
    if not votes:
        return canon.label
    best = max(votes.values())
    tied = sorted(label for label, v in votes.items() if v == best)
    return canon.label if canon.label in tied else tied[0]


# ------------------------------------------------------------------ the document


@dataclass(frozen=True)
class ResolvedMention:
    """A final mention: token and character offsets, labels and its cluster."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    label: str
    cluster: int
    entity_name: str
    entity_label: str


def _caps_surface(words: Iterable[str]) -> bool:
    return all(w.isupper() or not w.isalpha() for w in words)


def _capitalised(doc: Doc, i: int) -> bool:
    t = doc[i].text
    return t[:1].isupper() and t[:1].isalpha()


def _isolated(doc: Doc, a: int, b: int, caps: bool) -> bool:
    """No capitalised word glued on either side (so "New York" in "New York Times" is not)."""
    if caps:
        return True
    if a > 0 and not doc[a - 1].is_space and _capitalised(doc, a - 1):
        prev = doc[a - 1]
        if not (prev.is_sent_start if doc.has_annotation("SENT_START") else a - 1 == 0):
            return False
    return not (b < len(doc) and _capitalised(doc, b))


def _score_follows(doc: Doc, end: int) -> bool:
    """A score right after the name ("Somerset 83", "Atlanta 5"), not a date."""
    if end >= len(doc) or not doc[end].text[:1].isdigit():
        return False
    text = doc[end].text
    return bool(_NUMBERISH.match(text)) and not re.match(r"^(1[89]|20)\d\d\b", text)


def _in_fixture(doc: Doc, m: Mention) -> bool:
    """ "BOSTON AT OAKLAND", "England v Pakistan": both sides are teams."""
    if m.end < len(doc) and doc[m.end].text in ("AT", "V", "VS", "v", "vs"):
        return True
    return m.start > 0 and doc[m.start - 1].text in ("AT", "V", "VS", "v", "vs")


RESOLVED_KEY = "newsdesk_resolved_mentions"


def resolve_mentions(doc: Doc) -> list[ResolvedMention]:
    """Apply every rule to ``doc.ents`` and return the final mentions, sorted. Never raises.

    The result is kept in ``doc.user_data`` (as plain lists, which survive
    ``Doc.to_bytes``): the pipeline component resolves once and the row builders reuse
    it (resolving its own output again gives the same mentions)."""
    cached = doc.user_data.get(RESOLVED_KEY)
    if cached is None:
        resolved = _resolve_or_fall_back(doc)
        doc.user_data[RESOLVED_KEY] = [list(astuple(m)) for m in resolved]
        return resolved
    return [ResolvedMention(*fields) for fields in cached]


def _resolve_or_fall_back(doc: Doc) -> list[ResolvedMention]:
    try:
        return _resolve(doc)
    except Exception:  # noqa: BLE001  (rules must never break a run: fall back to the model)
        out = []
        for k, ent in enumerate(e for e in doc.ents if e.label_ in ENTITY_LABELS):
            out.append(
                ResolvedMention(
                    ent.start, ent.end, ent.start_char, ent.end_char, ent.text,
                    ent.label_, k, ent.text, ent.label_,
                )
            )  # fmt: skip
        return out


def _resolve(doc: Doc) -> list[ResolvedMention]:
    n_tok = len(doc)
    if n_tok == 0:
        return []
    covered = [False] * n_tok
    blocked = [False] * n_tok  # non-entity spans of the model (dates, numbers)
    mentions: list[Mention] = []
    text = doc.text  # built once: `doc.text` joins every token anew
    line_starts = [0] + [k + 1 for k, c in enumerate(text) if c == "\n"]
    caps_cache: dict[int, bool] = {}  # per line, not per token: a line is read once

    def caps_at(i: int) -> bool:
        line = bisect.bisect_right(line_starts, doc[i].idx) - 1
        if line not in caps_cache:
            end = line_starts[line + 1] - 1 if line + 1 < len(line_starts) else len(text)
            caps_cache[line] = _line_is_caps(text[line_starts[line] : end])
        return caps_cache[line]

    def add(start: int, end: int, label: str, **kw) -> Mention | None:
        if end <= start or any(covered[start:end]):
            return None
        words = tuple(t.text for t in doc[start:end])
        gender = honorific_gender(doc, start)
        last = doc[end - 1]
        modifier = last.dep_ == "compound" and last.head.i >= end and last.head.pos_ == "NOUN"
        m = Mention(
            start, end, label, words, caps=caps_at(start), gender=gender, modifier=modifier, **kw
        )
        mentions.append(m)
        for i in range(start, end):
            covered[i] = True
        return m

    slug = sports_slug(doc)
    sports = slug is not None
    slug_end_tok = 0
    if slug:
        while slug_end_tok < n_tok and doc[slug_end_tok].idx < slug[1]:
            covered[slug_end_tok] = True
            slug_end_tok += 1
    for a, b in datelines(doc):
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is not None and len(span):
            add(span.start, span.end, "GPE", certain="GPE", source="dateline")

    ent_starts = {ent.start for ent in doc.ents}
    person_words = {norm_key(t.text) for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            for i in range(ent.start, ent.end):
                blocked[i] = True
            continue
        start = max(ent.start, slug_end_tok) if slug else ent.start
        pieces = [(start, ent.end)]
        if sports:  # "Haitai 2 Samsung 0": split results lines at scores
            pieces, cur = [], start
            for i in range(start, ent.end):
                if (doc[i].text[:1].isdigit() and _NUMBERISH.match(doc[i].text)) or (
                    doc[i].text in ("AT", "V", "VS", "v", "vs") and i > start
                ):
                    pieces.append((cur, i))
                    cur = i + 1
            pieces.append((cur, ent.end))
        for s, e in pieces:
            if e <= s:
                continue
            for part in clean_bounds(doc, s, e, ent.label_):
                hon, title = preceding_evidence(doc, part.start)
                end = part.end
                if ent.label_ == "PERSON" and end == ent.end:
                    end = _through_surname_hyphen(doc, end, ent_starts, person_words)
                add(
                    part.start, end, ent.label_,
                    honorific=part.honorific or hon, title=part.title or title,
                )  # fmt: skip

    # a legal form at the end ("Pirelli SpA", "Lear Corp") makes a company
    for m in mentions:
        if len(m.words) > 1 and not m.certain and _is_title(m.words[-1], ORG_SUFFIXES):
            m.certain = "ORG"

    # described as a company ("the oil firm Yukos", "Gazprom, the gas firm") or owning
    # what only organisations have ("Yukos' shareholders"): an organisation
    for m in mentions:
        if (
            not m.certain
            and not m.honorific
            and norm_key(" ".join(m.words)) not in COUNTRY_KEYS
            and _described_as_organisation(doc, m.start, m.end)
        ):
            m.certain = "ORG"

    # a person's title written as a noun on a name of two words or more, none of them a
    # place or a nationality ("England coach Sven-Goran Eriksson", "director Mira
    # Nair"): a person, however often the model says otherwise (it repeats one error
    # on every mention of a rare name). One word after a title may be a team or a
    # company ("champion Arsenal", "market leader Nintendo"), and so may a name headed
    # by an organisation noun ("Vivendi advisor Deutsche Bank"). So does a title in
    # apposition after the name ("Maryam Violet, an Iranian journalist").
    for m in mentions:
        if (
            not m.certain
            and len(m.words) > 1
            and (
                (m.title and _title_noun_before(doc, m.start, m.end))
                or _title_in_apposition_after(doc, m.start, m.end)
            )
            and not any(label_from_gazetteer(w) for w in m.words)
            and norm_key(m.words[-1]) not in ORGANISATION_NOUNS
        ):
            m.certain = "PERSON"

    # honorific + capitalised word the model missed ("Mr Hegseth", "Mr Kilroy-Silk")
    for i in range(n_tok - 1):
        if is_honorific(doc[i].text) and not covered[i + 1] and not blocked[i + 1]:
            j = i + 1
            while j < n_tok and _capitalised(doc, j) and not covered[j] and j - i <= 3:
                j += 1
            while _hyphen_joins(doc, j) and not covered[j] and not covered[j + 1]:
                j += 2
            if j > i + 1:
                add(i + 1, j, "PERSON", honorific=True)

    # a person's title in lower case before a given name and a surname the model missed
    # ("boss Mikel Arteta", "striker Ivan Toney"); not before a longer capitalised run,
    # nor a place or a nationality
    for i in range(n_tok - 2):
        if not (doc[i].text.islower() and doc[i].text in PERSON_TITLES):
            continue
        j = i + 1
        while j < n_tok and _capitalised(doc, j) and not covered[j] and not blocked[j]:
            j += 1
        if (
            j - i - 1 == 2
            and (j == n_tok or not _capitalised(doc, j))
            and all(doc[k].pos_ == "PROPN" and doc[k].is_alpha for k in range(i + 1, j))
            and not any(label_from_gazetteer(doc[k].text) for k in range(i + 1, j))
            and doc[j - 1].text.lower() not in NOT_SURNAMES
        ):
            add(i + 1, j, "PERSON", title=True)

    # sports results: "Pete Sampras (U.S.)" is a player
    if sports:
        for i in range(n_tok - 3):
            if doc[i + 2].text != "(" and doc[i + 1].text != "(":
                continue
            for n in (2, 1):
                if doc[i + n].text != "(" or i + n + 1 >= n_tok:
                    continue
                if label_from_gazetteer(doc[i + n + 1].text) != "GPE":
                    continue
                capitalised = all(
                    _capitalised(doc, j) and not doc[j].is_space for j in range(i, i + n)
                )
                if not capitalised or not (n == 2 or (i > 0 and doc[i - 1].text in (".", "\n"))):
                    continue
                if not any(covered[i : i + n]):
                    add(i, i + n, "PERSON", title=True)
                else:
                    for m in mentions:
                        if m.start == i and m.end == i + n:
                            m.title = True

    # gazetteer places and nationalities the model missed
    i = 0
    while i < n_tok:
        if covered[i] or blocked[i] or not _capitalised(doc, i):
            i += 1
            continue
        hit = None
        for n in range(min(_GAZ_MAX_TOKENS, n_tok - i), 0, -1):
            if any(covered[i : i + n]) or any(blocked[i : i + n]):
                continue
            span = doc[i : i + n]
            if any(t.is_space for t in span):
                continue
            key = norm_key(span.text)
            if key not in GAZETTEER or (n == 1 and key in AMBIGUOUS_PLACES):
                continue
            words = [t.text for t in span]
            caps = _caps_surface(words)
            if caps and len(span.text) <= 2 and not caps_at(i):
                pass
            elif not caps and not all(w[:1].isupper() for w in words if w.isalpha()):
                continue
            if caps and not caps_at(i) and len(span.text) > 3:
                continue
            if not _isolated(doc, i, i + n, caps_at(i)):
                continue
            hit = (n, GAZETTEER[key])
            break
        if hit:
            add(i, i + hit[0], hit[1], source="gazetteer")
            i += hit[0]
        else:
            i += 1

    mentions.sort(key=lambda m: m.start)
    cluster_of = cluster_mentions(mentions)
    members: dict[int, list[int]] = {}
    for k, c in enumerate(cluster_of):
        mentions[k].cluster = c
        members.setdefault(c, []).append(k)
    labels = {c: vote_label(mentions, ms, sports) for c, ms in members.items()}
    for rule in (_named_with_article, _employers, _plural_subjects, _media):
        for c in rule(doc, mentions, members, labels):
            labels[c] = "ORG"

    # other occurrences of a cluster's names, also in ALL-CAPS lines
    forms: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for c, ms in sorted(members.items()):
        seen: set[tuple[str, ...]] = set()
        for k in ms:
            seen.add(_key(mentions[k].words))
        canon = mentions[canonical_index(mentions, ms)]
        surname = _last_word(doc, canon.start, canon.end)
        if labels[c] == "PERSON" and surname > canon.start:
            seen.add(_key(canon.words[surname - canon.start :]))
        for f in seen:
            if not f or (len(f) == 1 and (f[0] in STOP_WORDS or len(f[0]) < 3)):
                continue
            if not any(ch.isalpha() for ch in "".join(f)):
                continue
            forms.setdefault(f[0], []).append((f, c))
    for lst in forms.values():
        lst.sort(key=lambda fc: (-len(fc[0]), fc[1]))
    genders = {c: {mentions[k].gender for k in ms} - {None} for c, ms in members.items()}
    new: list[Mention] = []
    for i in range(n_tok):
        if covered[i] or blocked[i] or not _capitalised(doc, i):
            continue
        fits: list[tuple[tuple[str, ...], int]] = []
        for f, c in forms.get(norm_key(doc[i].text), ()):
            n = len(f)
            if fits and n < len(fits[0][0]):
                break
            if i + n > n_tok or any(covered[i : i + n]) or any(blocked[i : i + n]):
                continue
            if _key(t.text for t in doc[i : i + n]) != f:
                continue
            surface = tuple(t.text for t in doc[i : i + n])
            if not all(w[:1].isupper() for w in surface if w[:1].isalpha()):
                continue
            if not _isolated(doc, i, i + n, caps_at(i)):
                continue
            fits.append((f, c))
        if not fits:
            continue
        # a surname two people share ("Clinton"): with an honorific ("Mrs."), the one
        # it fits, named last before it
        c = fits[0][1]
        g = honorific_gender(doc, i)
        fitting = [c for _, c in fits if g in genders[c]]
        if g and fitting:
            c = max(fitting, key=lambda c: _last_before(mentions, members[c], i))
        added = add(i, i + len(fits[0][0]), labels[c], source="propagated")
        if added is not None:
            added.cluster = c
            new.append(added)
    for m in new:
        members[m.cluster].append(mentions.index(m))

    # competitions: "Hong Kong Open", "World Cup", in sports also "American League"
    for c, ms in members.items():
        canon = mentions[canonical_index(mentions, ms)]
        last = norm_key(canon.words[-1])
        if len(canon.words) < 2 or any(mentions[k].honorific for k in ms):
            continue
        if last in EVENT_HEADS or (sports and last in SPORTS_EVENT_HEADS):
            labels[c] = "EVENT"

    # sports results: a city, county or club followed by a score or in a fixture is a team
    if sports:
        for c, ms in members.items():
            if any(mentions[k].certain or mentions[k].honorific for k in ms):
                continue
            canon = mentions[canonical_index(mentions, ms)]
            key = norm_key(" ".join(canon.words))
            if key in COUNTRY_KEYS or GAZETTEER.get(key) in ("LOC", "NORP"):
                continue
            if labels[c] == "PERSON":
                if len(canon.words) > 1 or any(mentions[k].title for k in ms):
                    continue
            elif labels[c] not in ("GPE", "LOC"):
                continue
            if any(
                _score_follows(doc, mentions[k].end) or _in_fixture(doc, mentions[k]) for k in ms
            ):
                labels[c] = "ORG"

    out = []
    for c, ms in members.items():
        canon = mentions[canonical_index(mentions, ms)]
        name = " ".join(doc[canon.start : canon.end].text.split())
        for k in ms:
            m = mentions[k]
            span = doc[m.start : m.end]
            out.append(
                ResolvedMention(
                    m.start, m.end, span.start_char, span.end_char, span.text,
                    labels[c], c, name, labels[c],
                )
            )  # fmt: skip
    out.sort(key=lambda r: (r.start_char, r.end_char))
    return out


def apply_rules(doc: Doc) -> Doc:
    """Replace the entity mentions of ``doc.ents`` with the resolved ones (others kept)."""
    resolved = resolve_mentions(doc)
    taken = [False] * len(doc)
    spans: list[Span] = []
    for r in resolved:
        spans.append(Span(doc, r.start, r.end, label=r.label))
        for i in range(r.start, r.end):
            taken[i] = True
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS and not any(taken[ent.start : ent.end]):
            spans.append(ent)
    spans.sort(key=lambda s: (s.start, s.end))
    with contextlib.suppress(ValueError):  # overlaps cannot happen; keep the model's then
        doc.ents = spans
    return doc


@Language.component("newsdesk_entity_rules_v1", requires=["doc.ents"], assigns=["doc.ents"])
def entity_rules(doc: Doc) -> Doc:
    """Clean, relabel, cluster-vote and complete the entity mentions of ``doc``."""
    return apply_rules(doc)
