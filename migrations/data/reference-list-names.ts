/**
 * Names of the category, business and interest items (migrations/data/reference-lists.ts) in
 * the languages besides English, by item id. Fixed data of its migration: a later language or
 * a corrected name is a new migration, never an edit here. Countries are not here: their names
 * come from CLDR through Intl.DisplayNames at run time.
 */
export interface ItemNames {
  nb: string;
  sv: string;
  da: string;
  fi: string;
  de: string;
}

export const CATEGORY_NAMES: ReadonlyArray<readonly [number, ItemNames]> = [
  [1, { nb: 'Kunde', sv: 'Kund', da: 'Kunde', fi: 'Asiakas', de: 'Kunde' }],
  [2, { nb: 'Prospekt', sv: 'Prospekt', da: 'Emne', fi: 'Prospekti', de: 'Interessent' }],
  [3, { nb: 'Partner', sv: 'Partner', da: 'Partner', fi: 'Kumppani', de: 'Partner' }],
  [4, { nb: 'Leverandør', sv: 'Leverantör', da: 'Leverandør', fi: 'Toimittaja', de: 'Lieferant' }],
  [5, { nb: 'VIP-kunde', sv: 'VIP-kund', da: 'VIP-kunde', fi: 'VIP-asiakas', de: 'VIP-Kunde' }],
  [6, { nb: 'Konkurrent', sv: 'Konkurrent', da: 'Konkurrent', fi: 'Kilpailija', de: 'Wettbewerber' }],
  [7, { nb: 'Presse', sv: 'Press', da: 'Presse', fi: 'Lehdistö', de: 'Presse' }],
];

export const BUSINESS_NAMES: ReadonlyArray<readonly [number, ItemNames]> = [
  [1, { nb: 'Informasjonsteknologi', sv: 'Informationsteknik', da: 'Informationsteknologi', fi: 'Tietotekniikka', de: 'Informationstechnologie' }],
  [2, { nb: 'Finans og forsikring', sv: 'Finans och försäkring', da: 'Finans og forsikring', fi: 'Rahoitus ja vakuutus', de: 'Finanzen und Versicherungen' }],
  [3, { nb: 'Varehandel', sv: 'Detaljhandel', da: 'Detailhandel', fi: 'Vähittäiskauppa', de: 'Einzelhandel' }],
  [4, { nb: 'Industri', sv: 'Tillverkning', da: 'Fremstilling', fi: 'Teollisuus', de: 'Fertigung' }],
  [5, { nb: 'Helse', sv: 'Hälso- och sjukvård', da: 'Sundhedsvæsen', fi: 'Terveydenhuolto', de: 'Gesundheitswesen' }],
  [6, { nb: 'Offentlig sektor', sv: 'Offentlig sektor', da: 'Offentlig sektor', fi: 'Julkinen sektori', de: 'Öffentlicher Sektor' }],
  [7, { nb: 'Telekommunikasjon', sv: 'Telekommunikation', da: 'Telekommunikation', fi: 'Tietoliikenne', de: 'Telekommunikation' }],
  [8, { nb: 'Bygg og anlegg', sv: 'Bygg och anläggning', da: 'Byggeri', fi: 'Rakentaminen', de: 'Bauwesen' }],
  [9, { nb: 'Energi', sv: 'Energi', da: 'Energi', fi: 'Energia', de: 'Energie' }],
  [10, { nb: 'Transport og logistikk', sv: 'Transport och logistik', da: 'Transport og logistik', fi: 'Kuljetus ja logistiikka', de: 'Transport und Logistik' }],
  [11, { nb: 'Utdanning', sv: 'Utbildning', da: 'Uddannelse', fi: 'Koulutus', de: 'Bildung' }],
  [12, { nb: 'Rådgivning', sv: 'Konsultverksamhet', da: 'Rådgivning', fi: 'Konsultointi', de: 'Beratung' }],
];

export const INTEREST_NAMES: ReadonlyArray<readonly [number, ItemNames]> = [
  [1, { nb: 'Nyhetsbrev', sv: 'Nyhetsbrev', da: 'Nyhedsbrev', fi: 'Uutiskirje', de: 'Newsletter' }],
  [2, { nb: 'Produktoppdateringer', sv: 'Produktuppdateringar', da: 'Produktopdateringer', fi: 'Tuotepäivitykset', de: 'Produktneuigkeiten' }],
  [3, { nb: 'Webinarer', sv: 'Webbinarier', da: 'Webinarer', fi: 'Webinaarit', de: 'Webinare' }],
  [4, { nb: 'Arrangementer og seminarer', sv: 'Evenemang och seminarier', da: 'Arrangementer og seminarer', fi: 'Tapahtumat ja seminaarit', de: 'Veranstaltungen und Seminare' }],
  [5, { nb: 'Opplæring', sv: 'Utbildning', da: 'Kurser', fi: 'Koulutus', de: 'Schulungen' }],
  [6, { nb: 'Kundemagasin', sv: 'Kundtidning', da: 'Kundemagasin', fi: 'Asiakaslehti', de: 'Kundenmagazin' }],
  [7, { nb: 'Partnerprogram', sv: 'Partnerprogram', da: 'Partnerprogram', fi: 'Kumppaniohjelma', de: 'Partnerprogramm' }],
  [8, { nb: 'Betaprogram', sv: 'Betaprogram', da: 'Betaprogram', fi: 'Beta-ohjelma', de: 'Betaprogramm' }],
];
