/**
 * Closed word lists that drive proper-name chunking, classification and role extraction.
 *
 * Every list here is a *closed class* of English news vocabulary (titles, honorifics, organisation
 * and place head nouns, name particles, function words) written from general knowledge of English
 * news style — AP/Reuters conventions for titles and state abbreviations — not from the evaluation
 * data. Open classes (names themselves) come from the gazetteer and from the text.
 *
 * All entries are lower case; look-ups lower-case the word and drop a possessive first.
 */

function set(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

/**
 * Honorifics: stripped from a name and not reported as a role ("Mr. LaRue" → "LaRue").
 * They are strong person cues.
 */
export const HONORIFICS = set(`
  mr mrs ms miss mx mister madam madame mme mlle dr doctor prof sir dame lord lady rev reverend
  fr father sheikh sheik shaikh ayatollah hojatoleslam haji hajji mullah rabbi pastor brother sister
  herr frau monsieur senor señor senora señora signor don dona
`);

/**
 * Abbreviated titles that *are* roles, mapped to the full role ("Gov. Sarah Palin" → role
 * Governor). Also person cues.
 */
export const TITLE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['gov', 'Governor'],
  ['sen', 'Senator'],
  ['rep', 'Representative'],
  ['gen', 'General'],
  ['lt', 'Lieutenant'],
  ['col', 'Colonel'],
  ['capt', 'Captain'],
  ['cpt', 'Captain'],
  ['sgt', 'Sergeant'],
  ['adm', 'Admiral'],
  ['maj', 'Major'],
  ['cmdr', 'Commander'],
  ['cdr', 'Commander'],
  ['brig', 'Brigadier'],
  ['supt', 'Superintendent'],
  ['insp', 'Inspector'],
  ['det', 'Detective'],
  ['pres', 'President'],
  ['atty', 'Attorney'],
  ['amb', 'Ambassador'],
  ['cpl', 'Corporal'],
  ['pvt', 'Private'],
  ['sec', 'Secretary'],
  ['spc', 'Specialist'],
  ['pfc', 'Private First Class'],
  ['ssgt', 'Staff Sergeant'],
  ['gov.-elect', 'Governor-elect'],
]);

/**
 * Role head nouns: the word that names a position ("Minister", "Coach", "wide receiver").
 * A capitalised run of role words before a person's name is that person's role.
 */
export const ROLE_HEADS = set(`
  president president-elect vice-president minister secretary secretary-general chairman chairwoman
  chairperson chair director director-general governor senator congressman congresswoman
  representative spokesman spokeswoman spokesperson ambassador envoy commander commander-in-chief
  chief mayor judge magistrate officer premier chancellor king queen prince princess emperor empress
  sultan emir crown pope bishop archbishop cardinal imam cleric coach manager ceo cfo coo founder
  co-founder editor publisher lieutenant colonel captain sergeant brigadier admiral marshal general
  inspector detective sheriff attorney prosecutor lawyer counsel leader speaker treasurer
  commissioner superintendent constable trooper agent correspondent lawmaker legislator diplomat
  executive owner president-elect prime-minister specialist private corporal quarterback receiver lineman linebacker tackle
  cornerback safety striker midfielder defender goalkeeper goalie pitcher catcher shortstop
  outfielder infielder point-guard shooting-guard deputy vice-chairman rapporteur ombudsman auditor comptroller administrator
  headmaster principal dean provost rector chaplain general-secretary rep publicist consul consul-general vice-consul attache
`);

/**
 * Role modifiers: words that combine with a head into a role ("Defense Minister", "Prime
 * Minister", "Surgeon General", "wide receiver"). Alone they are not roles.
 */
export const ROLE_MODIFIERS = set(`
  defense defence foreign interior finance economy economic justice health education energy oil
  trade commerce agriculture labor labour transport transportation culture information intelligence
  security home prime deputy vice assistant acting former ex interim chief senior executive managing
  supreme state surgeon attorney national military army navy naval air first press environment
  housing treasury water industry tourism sports youth immigration homeland veterans opposition
  majority minority associate co principal special district county city municipal federal provincial
  regional general head defensive offensive wide tight running left right lead team club party
  petroleum communications affairs development planning welfare women interior-minister
  lieutenant brigadier major fleet police fire
`);

/**
 * Organisation head words: a name containing one is an organisation ("Central Elections
 * Commission", "Tasnim News Agency", "Microsoft Corp.").
 */
export const ORG_WORDS = set(`
  ministry agency council party inc corp corporation company co ltd llc plc lp sa ag gmbh nv bv
  group holdings department dept commission committee university college school academy institute
  foundation association federation union league bank army navy forces force police court
  parliament congress senate assembly government administration authority board bureau office
  service services organization organisation society club network news times post press herald
  journal tribune gazette magazine weekly daily reporter channel tv radio television media studios
  pictures records airlines airways airline church hospital clinic museum brigade battalion regiment
  corps guard movement front alliance coalition cabinet embassy consulate tribunal fund trust
  industries systems technologies motors petroleum telecom communications partners securities
  exchange fc cf afc united center centre laboratory laboratories lab labs secretariat directorate
  command unit squad nations prison jail
  publishing broadcasting studio productions entertainment enterprises ventures bancorp insurance
  airport railway railways mission survey
`);

/**
 * Designators: organisation words that can be dropped without changing the referent ("Microsoft"
 * = "Microsoft Corp.", "Staunton Police" = "Staunton Police Department", "TMZ" = "TMZ.com").
 */
export const DESIGNATORS = set(`
  inc corp corporation co company ltd llc plc lp sa ag gmbh nv bv group holdings department dept
  office magazine com org net newspaper agency news incorporated limited
`);

/** Place head words: a name containing one is a place ("Gulf of Aden", "Mount Cook"). */
export const PLACE_WORDS = set(`
  gulf sea ocean river mount mountain mountains mt lake island islands isle bay valley peninsula
  desert strait straits canal coast beach county province region district city town village
  street avenue ave boulevard blvd road square park bridge harbor harbour port hills heights
  springs falls canyon creek forest cape prefecture oblast governorate territory territories
  republic kingdom emirate emirates neighborhood neighbourhood borough arena stadium plaza
  airport highway freeway township parish state states basin plateau archipelago
`);

/** Lower-case particles that stay inside a person's name ("Osama bin Laden", "Ludwig van Beethoven"). */
export const NAME_PARTICLES = set(`
  al el bin ibn bint ben van von der den de da di du del della dos das do la le ter ten zu af av y
  abu abd abdul ul ud
`);

/** Hyphenated lower-case prefixes of Arabic names ("al-Hiyali", "el-Sisi"). */
export const HYPHEN_PREFIX_RE = /^(?:al|el|ad|ag|ar|as|ash|at|az|ad|an|ud|ul|abu|abd|bin|ibn|bint)[-‐]/i;

/** Generational suffixes and post-nominal letters that close a name and are not part of its key. */
export const NAME_SUFFIXES = set(`jr sr ii iii iv md phd esq dds rn mp qc kc obe mbe cbe`);

/** Words that connect parts of an organisation or place name ("Academy of Motion Picture Arts"). */
export const NAME_CONNECTORS = set(`of for and the de del du da di on &`);

/**
 * Institutional heads whose names enumerate portfolios joined by "and" ("Ministry of Culture and
 * Tourism", "Academy of Motion Picture Arts and Sciences").
 */
export const ENUMERATING_HEADS = set(`
  ministry department academy commission council institute school college university chamber
  society association federation board office bureau committee secretariat
`);

/** Days and months: capitalised but dates, never entities ("Sunday", "January"). */
export const DAYS = set(`monday tuesday wednesday thursday friday saturday sunday`);
/**
 * Time-zone abbreviations ("10:30 UTC", "at 5 p.m. BST"): in capitals, never a name. Only
 * unambiguous ones: WEST, IST, ICT are also words or other acronyms.
 */
export const TIME_ZONES = set(`
  utc gmt bst cet cest eet eest msk est edt cst cdt mst mdt pst pdt akst akdt hst
  aest aedt acst awst nzst nzdt jst hkt sgt
`);
/**
 * ISO 4217 codes of the currencies news quotes most ("500 million USD"): in capitals, an amount's
 * unit, never a name. Only codes that are no common acronym of something else.
 */
export const CURRENCY_CODES = set(`
  usd eur gbp jpy cny rmb chf aud nzd hkd sgd inr rub brl mxn krw zar sek nok dkk pln ils sar aed
  irr iqd egp pkr ngn kes
`);

/**
 * Participles that end a hyphenated compound adjective ("Saudi-led", "US-based", "Jamaican-born"):
 * the compound modifies the noun after it and is no name, though capitalised.
 */
export const COMPOUND_PARTICIPLES = set(`
  born based led backed owned run funded made bound controlled linked allied sponsored affiliated
  dominated held occupied administered brokered flagged registered trained supported inspired
  financed produced operated
`);

/**
 * Well-known organisations whose names carry no organisation word, so no cue types them:
 * militant and political movements, humanitarian and rights groups, news agencies. Without the
 * list, "al-Qaeda" and "Al Jazeera" read as people (an Arabic particle before a word is the
 * pattern of a surname) and "the Red Cross" as a person named Red. Keys are folded, with hyphens
 * as spaces. Like the place gazetteer, a list of what a newsroom knows; it is not exhaustive and
 * need not be: the cues handle names that state what they are.
 */
export const KNOWN_ORGANISATIONS: ReadonlySet<string> = new Set([
  'al qaeda', 'al qaida', 'al shabaab', 'al shabab', 'al nusra', 'al jazeera', 'al arabiya', 'al ahram', 'al fatah',
  'hezbollah', 'hizbollah', 'hizballah', 'hamas', 'fatah', 'taliban', 'isis', 'isil', 'daesh', 'boko haram',
  'houthis', 'houthi', 'ansar allah', 'farc', 'pkk', 'lashkar e taiba', 'jaish e mohammed',
  'red cross', 'red crescent', 'amnesty international', 'human rights watch', 'greenpeace', 'oxfam',
  'medecins sans frontieres', 'doctors without borders', 'save the children', 'transparency international',
  'reporters without borders', 'wikileaks', 'interpol', 'europol', 'frontex', 'opec', 'nato', 'asean', 'mercosur',
  'reuters', 'xinhua', 'itar tass', 'ria novosti', 'interfax', 'irna', 'isna', 'tasnim', 'yonhap', 'kyodo', 'kcna',
  'anadolu', 'bernama', 'politico',
]);
export const MONTHS = set(`
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
`);

/**
 * Function words and sentence adverbs that are capitalised only because they open a sentence or
 * a headline word ("After", "Yesterday", "Into"). Complements the shared STOPWORDS.
 */
export const FUNCTION_WORDS = set(`
  a an the this that these those it its it's he she they we i you his her their our my your him them
  us me who whom whose which what when where why how whether if unless because since although though
  while whereas after before during despite until till upon into onto within without across along
  among amongst around about above below beneath beside besides between beyond behind toward towards
  through throughout via per against under over near off out up down from with by for of in on at to
  and or but nor so yet also only even just still already again then now thus hence however
  meanwhile moreover furthermore instead indeed perhaps maybe yesterday today tomorrow tonight
  earlier later last next first second third finally once here there all both each every either
  neither some any many much more most several few no not nothing everything something anything
  someone everyone nobody anyone other another such same own is are was were be been being am has
  have had do does did will would shall should can could may might must let lets please yes oh well
  like as than too very really sources source according asked told said says say new
  mr mrs ms dr im ive youre youve theyre theyve weve hes shes thats whats theres dont doesnt didnt
  cant wont isnt arent wasnt werent couldnt wouldnt shouldnt lets id
  four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds
  thousand thousands million millions dozen dozens half none whatever whoever
`);

/**
 * Capitalised adjectives of ethnicity, religion or region that are not names of anything on their
 * own ("the Arab country", "Kurdish forces", "the Islamic republic"). Like demonyms, a chunk made of
 * one of them alone is not a mention.
 */
export const ADJECTIVAL_NAMES = set(`
  arab arabic kurdish kurd islamic muslim christian jewish shiite shia sunni catholic protestant
  orthodox hindu buddhist sikh persian pashtun baloch tamil hispanic latino latina western eastern
  northern southern european asian african caucasian jihadist islamist zionist evangelical
  democratic republican communist socialist conservative liberal
`);

/**
 * Lower-case words that, right after a name, make it an organisation ("Tasnim news agency",
 * "the Likud party").
 */
export const ORG_FOLLOWERS = set(`agency newspaper company corporation party magazine network daily group firm`);

/** Abbreviations that end with a period without ending a sentence ("Dr. Gupta", "Calif."). */
export const ABBREVIATIONS = set(`
  mr mrs ms dr prof sr jr st mt ft gov sen rep gen lt col capt cpt sgt adm maj cmdr cdr brig supt spc pfc
  insp det pres atty amb cpl pvt sec rev fr inc corp co ltd no nos vs etc jan feb mar apr jun jul
  aug sep sept oct nov dec ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass
  mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo ave blvd rd approx dept
  est vol fig op
`);

/**
 * First-level divisions that news text names without a country: US states (with AP
 * abbreviations), Canadian provinces, Australian states, UK nations. [name, abbreviations…].
 */
export const REGIONS: ReadonlyArray<readonly string[]> = [
  ['Alabama', 'Ala.'], ['Alaska'], ['Arizona', 'Ariz.'], ['Arkansas', 'Ark.'],
  ['California', 'Calif.'], ['Colorado', 'Colo.'], ['Connecticut', 'Conn.'], ['Delaware', 'Del.'],
  ['Florida', 'Fla.'], ['Georgia', 'Ga.'], ['Hawaii'], ['Idaho'], ['Illinois', 'Ill.'],
  ['Indiana', 'Ind.'], ['Iowa'], ['Kansas', 'Kan.', 'Kans.'], ['Kentucky', 'Ky.'],
  ['Louisiana', 'La.'], ['Maine'], ['Maryland', 'Md.'], ['Massachusetts', 'Mass.'],
  ['Michigan', 'Mich.'], ['Minnesota', 'Minn.'], ['Mississippi', 'Miss.'], ['Missouri', 'Mo.'],
  ['Montana', 'Mont.'], ['Nebraska', 'Neb.'], ['Nevada', 'Nev.'], ['New Hampshire', 'N.H.'],
  ['New Jersey', 'N.J.'], ['New Mexico', 'N.M.'], ['New York', 'N.Y.'], ['North Carolina', 'N.C.'],
  ['North Dakota', 'N.D.'], ['Ohio'], ['Oklahoma', 'Okla.'], ['Oregon', 'Ore.'],
  ['Pennsylvania', 'Pa.'], ['Rhode Island', 'R.I.'], ['South Carolina', 'S.C.'],
  ['South Dakota', 'S.D.'], ['Tennessee', 'Tenn.'], ['Texas', 'Tex.'], ['Utah'], ['Vermont', 'Vt.'],
  ['Virginia', 'Va.'], ['Washington', 'Wash.'], ['West Virginia', 'W.Va.'], ['Wisconsin', 'Wis.'],
  ['Wyoming', 'Wyo.'], ['District of Columbia', 'D.C.'],
  ['Alberta'], ['British Columbia'], ['Manitoba'], ['New Brunswick'], ['Newfoundland and Labrador'],
  ['Nova Scotia'], ['Ontario'], ['Prince Edward Island'], ['Quebec'], ['Saskatchewan'], ['Yukon'],
  ['Nunavut'], ['Northwest Territories'],
  ['New South Wales'], ['Queensland'], ['South Australia'], ['Tasmania'], ['Victoria'],
  ['Western Australia'], ['Northern Territory'],
  ['England'], ['Scotland'], ['Wales'], ['Northern Ireland'],
];

/** Continents and world regions named in news. */
export const WORLD_REGIONS: ReadonlyArray<string> = [
  'Africa', 'Asia', 'Europe', 'North America', 'South America', 'Latin America', 'Central America',
  'Oceania', 'Antarctica', 'Middle East', 'Near East', 'Far East', 'Caribbean', 'Balkans',
  'Scandinavia', 'Sahel', 'Maghreb', 'Persian Gulf', 'Arabian Peninsula', 'Central Asia',
  'Southeast Asia', 'South Asia', 'East Asia', 'West Africa', 'East Africa', 'North Africa',
  'Horn of Africa', 'Sub-Saharan Africa', 'Eastern Europe', 'Western Europe', 'Kurdistan',
  'Mediterranean', 'Pacific', 'Atlantic', 'Arctic', 'Gaza Strip', 'West Bank', 'Siberia',
];

/**
 * Common alternative names of countries that the country data lacks (it omits two-letter forms
 * such as "US"/"UK", which are ubiquitous in English news). [ISO alpha-3, names…].
 */
export const COUNTRY_EXTRAS: ReadonlyArray<readonly string[]> = [
  ['USA', 'US', 'U.S.', 'U.S.A.', 'America', 'United States of America'],
  ['GBR', 'UK', 'U.K.', 'Britain', 'Great Britain'],
  ['ARE', 'UAE', 'U.A.E.'],
  ['RUS', 'Russian Federation'],
  ['COD', 'DR Congo', 'DRC'],
  ['PRK', 'North Korea'],
  ['KOR', 'South Korea'],
  ['NLD', 'Holland'],
  ['CZE', 'Czech Republic'],
  ['MMR', 'Burma'],
  ['CIV', 'Ivory Coast'],
  ['TUR', 'Turkey'],
];

/** Demonyms the country data lacks, mapped to ISO alpha-3. */
export const DEMONYM_EXTRAS: ReadonlyArray<readonly [string, string]> = [
  ['British', 'GBR'], ['English', 'GBR'], ['Scottish', 'GBR'], ['Welsh', 'GBR'], ['Briton', 'GBR'],
  ['Iraqi', 'IRQ'], ['Emirati', 'ARE'], ['Turkish', 'TUR'], ['Dutch', 'NLD'], ['Palestinian', 'PSE'],
  ['Israeli', 'ISR'], ['Saudi', 'SAU'], ['Kiwi', 'NZL'], ['Yemeni', 'YEM'], ['Somali', 'SOM'],
];

/**
 * Descriptions: common nouns a report uses for a participant it also names ("the woman", a
 * headline's "Teen", "checks into rehab"). Resolution (rule 10 of resolve.ts) lets such a noun
 * stand for the most salient compatible entity of the article or story, so the list is limited to
 * nouns whose referent is normally the *principal* participant of a news report: sex and age
 * nouns, kinship nouns (headline style: "son held as mum and sister killed"), nouns of an
 * activity or trade that reports use as the subject's label (climber, host, mafioso, technician)
 * and the noun of nationality that is only a noun (Briton). Deliberately absent: participant-role
 * nouns that name one of several parties by their part in the event (victim, suspect, driver,
 * witness, neighbour, officer, policeman): salience cannot tell which party they mean. Role and title words
 * (coach, attorney, spokesman) are rule 9's, resolved through the name the text gives them.
 * `f`/`m`: the sex the noun states.
 */
export const PERSON_DESCRIPTORS: ReadonlyMap<string, 'f' | 'm' | ''> = new Map([
  ...['woman', 'girl', 'lady', 'mother', 'mum', 'mom', 'daughter', 'wife', 'sister', 'grandmother', 'grandma', 'granddaughter', 'aunt', 'niece', 'widow', 'bride', 'girlfriend', 'actress', 'heiress', 'businesswoman', 'schoolgirl', 'frenchwoman', 'englishwoman', 'irishwoman', 'scotswoman']
    .map((w) => [w, 'f'] as [string, 'f']),
  ...['man', 'boy', 'father', 'dad', 'son', 'husband', 'brother', 'grandfather', 'grandpa', 'grandson', 'uncle', 'nephew', 'widower', 'groom', 'boyfriend', 'actor', 'businessman', 'schoolboy', 'frenchman', 'englishman', 'irishman', 'scotsman', 'dutchman']
    .map((w) => [w, 'm'] as [string, 'm']),
  ...['teen', 'teenager', 'youth', 'child', 'kid', 'toddler', 'baby', 'infant', 'student', 'pupil', 'climber', 'mountaineer', 'hiker', 'skier', 'tourist', 'pilot', 'nurse', 'technician', 'mafioso', 'mobster', 'gangster', 'boss', 'singer', 'rapper', 'host', 'comedian', 'celebrity', 'star', 'starlet', 'musician', 'briton']
    .map((w) => [w, ''] as [string, '']),
]);

/**
 * Kinship nouns among the descriptors: relational ("his son"), so with "the" they point to a
 * relative of someone rather than to a participant; only headline style uses them bare for the
 * participants themselves ("Goth son held as mum and sister killed").
 */
export const KINSHIP_NOUNS = set(`
  mother mum mom daughter wife sister grandmother grandma granddaughter aunt niece widow father dad
  son husband brother grandfather grandpa grandson uncle nephew widower
`);

/**
 * Facility descriptions: nouns for a place of treatment or care used without its name ("checks
 * into rehab", "the facility"). Head words of names ("Center", "Clinic", "Hospital") are not here:
 * alone they already resolve head-final to the story's "… Center" (rule 4).
 */
export const FACILITY_DESCRIPTORS = set(`rehab facility`);

/** Facility nouns English uses bare for the institution ("checked into rehab", like "in hospital"). */
export const INSTITUTION_NOUNS = set(`rehab`);

/**
 * Head words that make a named organisation a facility a facility description can stand for
 * ("Promises Treatment Center", "Morningside Recovery", "Betty Ford Clinic").
 */
export const FACILITY_HEADS = set(`
  center centre clinic hospital facility rehab recovery treatment hospice sanatorium infirmary
`);

/** Determiners that make a description definite: it refers back to a participant already named. */
export const DEFINITE_DETERMINERS = set(`the this that`);
