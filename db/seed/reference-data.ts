/**
 * Geography from the 2023 cooperation agreement (DOMAIN.md "Geography"): the four local clusters,
 * the 13 stadsdelsområden and the 8 local Jobbtorg.
 */
export const clusterData = [
  { slug: 'jarva', name: 'Järva', afOffice: 'Arbetsförmedlingen Stockholm Järva' },
  { slug: 'vallingby-city', name: 'Vällingby–City', afOffice: 'Arbetsförmedlingen Stockholm City' },
  { slug: 'soderort-grona', name: 'Söderort, gröna linjen', afOffice: 'Arbetsförmedlingen Stockholm Globen' },
  { slug: 'soderort-roda', name: 'Söderort, röda linjen', afOffice: 'Arbetsförmedlingen Stockholm Globen' },
] as const;

export const districtData = [
  { slug: 'rinkeby-kista', name: 'Rinkeby-Kista', cluster: 'jarva' },
  { slug: 'spanga-tensta', name: 'Spånga-Tensta', cluster: 'jarva' },
  { slug: 'bromma', name: 'Bromma', cluster: 'vallingby-city' },
  { slug: 'hasselby-vallingby', name: 'Hässelby-Vällingby', cluster: 'vallingby-city' },
  { slug: 'kungsholmen', name: 'Kungsholmen', cluster: 'vallingby-city' },
  { slug: 'norrmalm', name: 'Norrmalm', cluster: 'vallingby-city' },
  { slug: 'ostermalm', name: 'Östermalm', cluster: 'vallingby-city' },
  { slug: 'sodermalm', name: 'Södermalm', cluster: 'vallingby-city' },
  { slug: 'enskede-arsta-vantor', name: 'Enskede-Årsta-Vantör', cluster: 'soderort-grona' },
  { slug: 'farsta', name: 'Farsta', cluster: 'soderort-grona' },
  { slug: 'skarpnack', name: 'Skarpnäck', cluster: 'soderort-grona' },
  { slug: 'hagersten-alvsjo', name: 'Hägersten-Älvsjö', cluster: 'soderort-roda' },
  { slug: 'skarholmen', name: 'Skärholmen', cluster: 'soderort-roda' },
] as const;

export const jobbtorgData = [
  { slug: 'kista', name: 'Jobbtorg Kista', cluster: 'jarva', youth: false },
  { slug: 'unga-kista', name: 'Jobbtorg Unga Kista', cluster: 'jarva', youth: true },
  { slug: 'city', name: 'Jobbtorg City', cluster: 'vallingby-city', youth: false },
  { slug: 'vallingby', name: 'Jobbtorg Vällingby', cluster: 'vallingby-city', youth: false },
  { slug: 'unga-globen', name: 'Jobbtorg Unga Globen', cluster: 'soderort-grona', youth: true },
  { slug: 'farsta', name: 'Jobbtorg Farsta', cluster: 'soderort-grona', youth: false },
  { slug: 'skarholmen', name: 'Jobbtorg Skärholmen', cluster: 'soderort-roda', youth: false },
  { slug: 'unga-skarholmen', name: 'Jobbtorg Unga Skärholmen', cluster: 'soderort-roda', youth: true },
] as const;

export type DistrictSlug = (typeof districtData)[number]['slug'];

/** The city's committees (fackförvaltningar) that provide Stockholmsjobb and feriejobb places. */
export const namnder: Array<{ name: string; district: DistrictSlug }> = [
  { name: 'Arbetsmarknadsnämnden', district: 'kungsholmen' },
  { name: 'Socialnämnden', district: 'kungsholmen' },
  { name: 'Utbildningsnämnden', district: 'kungsholmen' },
  { name: 'Kulturnämnden', district: 'norrmalm' },
  { name: 'Idrottsnämnden', district: 'kungsholmen' },
  { name: 'Trafiknämnden', district: 'kungsholmen' },
  { name: 'Miljö- och hälsoskyddsnämnden', district: 'kungsholmen' },
  { name: 'Äldrenämnden', district: 'kungsholmen' },
  { name: 'Exploateringsnämnden', district: 'kungsholmen' },
  { name: 'Stadsbyggnadsnämnden', district: 'kungsholmen' },
];

/** City-owned companies. */
export const bolag: Array<{ name: string; district: DistrictSlug }> = [
  { name: 'AB Stockholmshem', district: 'farsta' },
  { name: 'AB Familjebostäder', district: 'hagersten-alvsjo' },
  { name: 'AB Svenska Bostäder', district: 'hasselby-vallingby' },
  { name: 'Stockholm Vatten och Avfall AB', district: 'enskede-arsta-vantor' },
  { name: 'Stockholms Hamn AB', district: 'ostermalm' },
  { name: 'Stokab AB', district: 'norrmalm' },
  { name: 'Micasa Fastigheter i Stockholm AB', district: 'skarholmen' },
  { name: 'S:t Erik Markutveckling AB', district: 'kungsholmen' },
];

/** Synthetic Integrationspakten members: Plusmedlemmar with a jobbpartnerskap. */
export const plusMembers: Array<{ name: string; district: DistrictSlug; jobbspar: string[]; terms: string }> = [
  {
    name: 'Hallonbergens Vård och Omsorg AB',
    district: 'rinkeby-kista',
    jobbspar: ['Undersköterska inom äldreomsorg', 'Vårdbiträde med språkstöd'],
    terms: 'Minst sex praktikplatser per termin, handledare med handledarutbildning, anställningsintervju efter avslutad praktik.',
  },
  {
    name: 'Mälarstrands Fastighetsservice AB',
    district: 'kungsholmen',
    jobbspar: ['Fastighetsskötare', 'Lokalvårdare'],
    terms: 'Fyra platser per år i jobbspåret, introduktion på lätt svenska, minst två anställningar per år vid godkänd insats.',
  },
  {
    name: 'Söderhamnens Logistik AB',
    district: 'enskede-arsta-vantor',
    jobbspar: ['Lagermedarbetare med truckkort'],
    terms: 'Truckutbildning bekostas av företaget, tre platser per tertial, uppföljning med jobbcoach varannan vecka.',
  },
  {
    name: 'Kistaporten IT-konsult AB',
    district: 'rinkeby-kista',
    jobbspar: ['IT-support', 'Testare'],
    terms: 'Två platser per termin för högskoleutbildade nyanlända, mentor från företaget under hela praktiken.',
  },
  {
    name: 'Bagarmossens Bageri & Café AB',
    district: 'skarpnack',
    jobbspar: ['Bagare och konditor', 'Caféservering'],
    terms: 'Tre platser per år, arbetstider anpassade till SFI-studier, livsmedelshygienkurs ingår.',
  },
  {
    name: 'Nordstjärnans Hotell AB',
    district: 'norrmalm',
    jobbspar: ['Hotellstädning', 'Frukostservering'],
    terms: 'Fem platser per säsong, språkstöd på arbetsplatsen, anställning vid behov efter tre månader.',
  },
  {
    name: 'Tensta Bygg & Montage AB',
    district: 'spanga-tensta',
    jobbspar: ['Byggarbetare', 'Ställningsbyggare'],
    terms: 'Säkerhetsutbildning före start, två platser per tertial, lärling efter godkänd praktik.',
  },
  {
    name: 'Årstafältets Förskolor AB',
    district: 'enskede-arsta-vantor',
    jobbspar: ['Barnskötare'],
    terms: 'Utdrag ur belastningsregistret krävs, fyra platser per termin, kombineras med barnskötarutbildning.',
  },
];

/** Synthetic Integrationspakten members (not Plusmedlemmar). */
export const members: Array<{ name: string; district: DistrictSlug }> = [
  { name: 'Liljeholmens Elservice AB', district: 'hagersten-alvsjo' },
  { name: 'Vällingby Restauranggrupp AB', district: 'hasselby-vallingby' },
  { name: 'Föreningen Språkvänner Söder', district: 'sodermalm' },
  { name: 'Kungsholmens Redovisningsbyrå AB', district: 'kungsholmen' },
  { name: 'Farsta Bilverkstad AB', district: 'farsta' },
  { name: 'Skärholmens Städservice AB', district: 'skarholmen' },
  { name: 'Östermalms Tandvårdsklinik AB', district: 'ostermalm' },
  { name: 'Brommaplans Optik AB', district: 'bromma' },
  { name: 'Spånga Trädgård & Anläggning AB', district: 'spanga-tensta' },
  { name: 'Hornstulls Media AB', district: 'sodermalm' },
  { name: 'Gröndals Omsorgskooperativ ekonomisk förening', district: 'hagersten-alvsjo' },
  { name: 'Rinkeby Idrottsallians ideell förening', district: 'rinkeby-kista' },
];

/** Synthetic suppliers of procured places (adapted and entrepreneurship-oriented feriejobb). */
export const suppliers: Array<{ name: string; district: DistrictSlug }> = [
  { name: 'Arbetsträning Söder AB', district: 'farsta' },
  { name: 'Unga Entreprenörer Stockholm ideell förening', district: 'norrmalm' },
  { name: 'Anpassade Sommarjobb Norr AB', district: 'hasselby-vallingby' },
];

export const DEMO_PASSWORD = 'Insteg-demo-2026';

export const demoUsers = [
  { email: 'admin@insteg.test', name: 'Anna Lindqvist', role: 'admin' },
  { email: 'coach.kista@insteg.test', name: 'Samira Haddad', role: 'coach', jobbtorg: 'kista' },
  { email: 'coach.farsta@insteg.test', name: 'Johan Bergström', role: 'coach', jobbtorg: 'farsta' },
  { email: 'arbetsgivare.plus@insteg.test', name: 'Maria Nilsson', role: 'employer', organization: 'Hallonbergens Vård och Omsorg AB' },
  { email: 'arbetsgivare.stad@insteg.test', name: 'Erik Johansson', role: 'employer', organization: 'Rinkeby-Kista stadsdelsförvaltning' },
  { email: 'mentor.samordnare@insteg.test', name: 'Leila Ahmadi', role: 'mentor_coordinator' },
  { email: 'feriejobb.samordnare@insteg.test', name: 'Oskar Lundgren', role: 'feriejobb_coordinator' },
] as const;
