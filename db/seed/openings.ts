import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.server';
import { districts, openings, organizations, searchOutbox, type NewOpening } from '../schema';
import { createRandom } from './random';

/**
 * Deterministic synthetic openings for the demo and for benchmarks (size knob). Dates are laid
 * out from `today` so the demo always has current openings; everything else comes from the
 * seeded RNG.
 */
interface Template {
  title: string;
  occupation: string;
  description: string;
  languages?: string[];
}

const stockholmsjobbTemplates: Template[] = [
  { title: 'Barnskötare på förskola', occupation: '5311', description: 'Du arbetar i ett arbetslag på förskolan med lek, måltider och utevistelse. Handledare finns på plats hela perioden.' },
  { title: 'Undersköterska i hemtjänsten', occupation: '5321', description: 'Stöd till äldre i hemmet: personlig omvårdnad, inköp och sällskap. Introduktion och språkstöd ingår.' },
  { title: 'Vårdbiträde på äldreboende', occupation: '5330', description: 'Du hjälper de boende i vardagen, med måltider och aktiviteter, tillsammans med erfarna kollegor.' },
  { title: 'Lokalvårdare i stadens lokaler', occupation: '9111', description: 'Städning av kontor, skolor och idrottshallar. Arbetet sker dagtid och du får utbildning i miljövänliga metoder.' },
  { title: 'Fastighetsskötare i bostadsområde', occupation: '5152', description: 'Tillsyn, enklare reparationer och skötsel av utemiljön tillsammans med en erfaren fastighetsskötare.' },
  { title: 'Restaurangbiträde i skolkök', occupation: '9412', description: 'Förberedelse av skollunch, disk och servering. Livsmedelshygienkurs ingår.' },
  { title: 'Elevassistent i grundskolan', occupation: '5312', description: 'Du stöttar elever i klassrummet och på rasterna, i nära samarbete med lärarna.' },
  { title: 'Fritidsledare på fritidsgård', occupation: '3423', description: 'Aktiviteter för unga på kvällstid: idrott, musik och läxhjälp. Erfarenhet av ideellt arbete är meriterande.' },
  { title: 'Vaktmästare i kulturhus', occupation: '9622', description: 'Du ansvarar för lokaler, möblering inför evenemang och post. Körkort är meriterande.' },
  { title: 'Biblioteksassistent', occupation: '4410', description: 'Utlån, hyllning och hjälp till besökare, även på andra språk än svenska.', languages: ['arabiska', 'somaliska'] },
];

const feriejobbTemplates: Array<Template & { area: string }> = [
  { title: 'Feriejobb på förskola', occupation: '5311', area: 'barn_och_unga', description: 'Följ med barnen i lek och utflykter under sommarverksamheten.' },
  { title: 'Feriejobb inom äldreomsorgen', occupation: '5330', area: 'aldreomsorg', description: 'Sällskap, promenader och aktiviteter med äldre på ett vård- och omsorgsboende.' },
  { title: 'Feriejobb inom LSS', occupation: '5342', area: 'lss', description: 'Stöd till personer med funktionsnedsättning i daglig verksamhet, med handledare.' },
  { title: 'Feriejobb på bibliotek', occupation: '4410', area: 'kultur_och_fritid', description: 'Sommarläsning för barn, hyllning och hjälp till besökare.' },
  { title: 'Feriejobb i park och natur', occupation: '6113', area: 'park_och_miljo', description: 'Skötsel av parker och lekplatser: plantering, ogräsrensning och skräpplockning.' },
  { title: 'Feriejobb på fritidsgård', occupation: '3423', area: 'kultur_och_fritid', description: 'Planera och leda sommaraktiviteter för yngre barn.' },
  { title: 'Feriejobb i kafé', occupation: '9413', area: 'ovrigt', description: 'Servering, kassa och enklare bakning i ett kafé i stadsdelen.' },
];

const praktikTemplates: Array<Template & { level: string }> = [
  { title: 'Språkpraktik i butik', occupation: '5223', level: 'sprak_introduktion', description: 'Träna svenska i vardagliga kundmöten, påfyllning och kassa.' },
  { title: 'Arbetsträning på lager', occupation: '4322', level: 'arbetstraning', description: 'Plock, packning och inleverans i eget tempo med stöd av handledare.' },
  { title: 'Praktik som kock', occupation: '5120', level: 'forsta_steg', description: 'Praktik i restaurangkök med möjlighet till anställning efter godkänd period.' },
  { title: 'APL inom vård och omsorg', occupation: '5321', level: 'apl', description: 'Arbetsplatsförlagt lärande för elever på vård- och omsorgsprogrammet.' },
  { title: 'LIA inom IT-support', occupation: '3512', level: 'lia', description: 'Lärande i arbete för YH-studerande: felsökning, användarstöd och installationer.' },
  { title: 'Högskolepraktik inom systemutveckling', occupation: '2512', level: 'hogskolepraktik', description: 'Praktik i ett utvecklingsteam som bygger digitala tjänster.' },
  { title: 'Arbetsträning i städ', occupation: '9111', level: 'arbetstraning', description: 'Arbetsträning i lokalvård med fasta rutiner och tydligt stöd.' },
  { title: 'Praktik som fastighetsskötare', occupation: '5152', level: 'forsta_steg', description: 'Praktik i fastighetsskötsel med körkort som merit.' },
];

const mentorTemplates: Array<Template & { programme: string }> = [
  { title: 'Yrkesmentor inom vård', occupation: '5321', programme: 'yrkesmentor', description: 'Erfaren undersköterska delar sitt nätverk och sina erfarenheter av svensk vård.' },
  { title: 'Språkmentor på arbetsplatsen', occupation: '9111', programme: 'sprakmentor', description: 'Regelbundna samtal på svenska om arbete och vardag.', languages: ['arabiska', 'dari'] },
  { title: 'Ungdomsmentor för unga nyanlända', occupation: '3423', programme: 'ungdomsmentor', description: 'Stöd för unga i studier och steget till arbete.', languages: ['tigrinja', 'somaliska'] },
  { title: 'Yrkesmentor inom IT', occupation: '2512', programme: 'yrkesmentor', description: 'Systemutvecklare som mentor för nyanlända med IT-bakgrund.', languages: ['engelska', 'persiska'] },
];

const stockholmsjobbSubtypes = ['ungdomsanstallning', 'jobbstartsanstallning', 'arbetslagsanstallning', 'introjobbsanstallning'];
const ageWindows: Record<string, [number, number]> = {
  ungdomsanstallning: [16, 29],
  jobbstartsanstallning: [18, 29],
  arbetslagsanstallning: [20, 29],
  introjobbsanstallning: [16, 67],
};
const streets = ['Kistagången', 'Rinkebystråket', 'Vällingbyplan', 'Farstaplan', 'Skärholmsvägen', 'Hornsgatan', 'Fleminggatan', 'Götgatan', 'Bergsundsgatan', 'Tenstaplan', 'Bagarmossvägen', 'Brommaplan', 'Valhallavägen', 'Drottninggatan'];
const firstNames = ['Anna', 'Mohammed', 'Sara', 'Johan', 'Fatima', 'Erik', 'Amina', 'Lars', 'Hodan', 'Karin', 'Ali', 'Elin'];
const lastNames = ['Andersson', 'Hassan', 'Lindberg', 'Yusuf', 'Karlsson', 'Nilsson', 'Abdi', 'Ek', 'Said', 'Holm'];

function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface OpeningSeedOptions {
  count: number;
  seed?: number;
  today: string;
  /** Share of published openings (the rest drafts, paused, filled). */
  publishedShare?: number;
}

/** Builds `count` valid openings spread over the organisations that may post each kind. */
export async function buildOpenings(db: DbOrTx, options: OpeningSeedOptions): Promise<NewOpening[]> {
  const random = createRandom(options.seed ?? 7);
  const orgs = await db.select({ id: organizations.id, kind: organizations.kind }).from(organizations).where(eq(organizations.active, true));
  const districtIds = (await db.select({ id: districts.id }).from(districts)).map((d) => d.id);
  const cityUnits = orgs.filter((o) => o.kind === 'city_unit');
  const mentorOrgs = orgs.filter((o) => o.kind !== 'supplier');
  const nextSummer = Number(options.today.slice(0, 4)) + (options.today.slice(5) > '05-15' ? 1 : 0);
  const result: NewOpening[] = [];
  for (let i = 0; i < options.count; i++) {
    const roll = random.next();
    const kind = roll < 0.3 ? 'stockholmsjobb' : roll < 0.6 ? 'feriejobb' : roll < 0.88 ? 'praktik' : 'mentor';
    const contact = `${random.pick(firstNames)} ${random.pick(lastNames)}`;
    const supervisor = `${random.pick(firstNames)} ${random.pick(lastNames)}`;
    const common = {
      workplaceAddress: `${random.pick(streets)} ${random.int(1, 120)}, Stockholm`,
      districtId: random.chance(0.95) ? random.pick(districtIds) : null,
      contactName: contact,
      contactEmail: `${contact.toLowerCase().replace(/[^a-z]+/g, '.')}@exempel.se`,
      supervisorName: supervisor,
      swedishLevel: random.pick(['none', 'basic', 'basic', 'good', 'fluent'] as const),
      swedishRequired: random.chance(0.3),
      drivingLicence: random.chance(0.1),
      criminalRecordRequired: false,
      status: (random.chance(options.publishedShare ?? 0.85) ? 'published' : random.pick(['draft', 'paused', 'filled'] as const)) as NewOpening['status'],
    };
    const deadlineOffset = random.int(3, 60);
    const startOffset = deadlineOffset + random.int(1, 30);
    const deadline = addDays(options.today, deadlineOffset);
    const start = addDays(options.today, startOffset);
    if (kind === 'stockholmsjobb') {
      const t = random.pick(stockholmsjobbTemplates);
      const subtype = random.pick(stockholmsjobbSubtypes);
      const [min, max] = ageWindows[subtype]!;
      result.push({
        ...common,
        organizationId: random.pick(cityUnits).id,
        kind,
        subtype,
        title: t.title,
        description: t.description,
        occupationCode: t.occupation,
        languages: t.languages ?? [],
        places: random.int(1, 6),
        startDate: start,
        endDate: addDays(start, random.pick([90, 180, 270, 365])),
        applicationDeadline: deadline,
        ageMin: min,
        ageMax: max,
        criminalRecordRequired: ['5311', '5312', '3423'].includes(t.occupation),
        details: { subtype, hoursPerWeek: random.pick([20, 30, 40]), wageSubsidy: random.chance(0.5), learningGoals: ['Grundläggande arbetsmiljökunskap', 'Yrkessvenska'], combinableWithStudies: random.chance(0.4) },
      });
    } else if (kind === 'feriejobb') {
      const t = random.pick(feriejobbTemplates);
      const startDay = `${nextSummer}-${random.pick(['06-15', '06-22', '07-06', '07-20', '08-03'])}`;
      const ageMin = random.pick([16, 16, 17]);
      result.push({
        ...common,
        organizationId: random.pick(orgs).id,
        kind,
        subtype: t.area,
        title: t.title,
        description: t.description,
        occupationCode: t.occupation,
        languages: [],
        places: random.int(1, 12),
        startDate: startDay,
        endDate: addDays(startDay, 18),
        applicationDeadline: `${nextSummer}-04-30` >= addDays(options.today, 3) ? `${nextSummer}-04-30` : addDays(options.today, 3),
        ageMin,
        ageMax: 19,
        criminalRecordRequired: t.area === 'barn_och_unga' || t.area === 'lss',
        details: { interestArea: t.area, totalHours: random.pick([60, 75, 90]), dailyStart: '08:00', dailyEnd: random.pick(['15:00', '16:00']), languageSupport: random.chance(0.3), adaptedPlace: random.chance(0.1) },
      });
    } else if (kind === 'praktik') {
      const t = random.pick(praktikTemplates);
      const weeks = random.int(4, 16);
      result.push({
        ...common,
        organizationId: random.pick(orgs).id,
        kind,
        subtype: t.level,
        title: t.title,
        description: t.description,
        occupationCode: t.occupation,
        languages: t.languages ?? [],
        places: random.int(1, 4),
        startDate: start,
        endDate: addDays(start, weeks * 7),
        applicationDeadline: deadline,
        details: { level: t.level, lengthWeeks: weeks, canLeadToEmployment: random.chance(0.5) },
      });
    } else {
      const t = random.pick(mentorTemplates);
      result.push({
        ...common,
        organizationId: random.pick(mentorOrgs).id,
        kind,
        subtype: t.programme,
        title: t.title,
        description: t.description,
        occupationCode: t.occupation,
        languages: t.languages ?? ['svenska'],
        places: random.int(1, 3),
        startDate: start,
        endDate: addDays(start, random.pick([183, 213, 243])),
        applicationDeadline: deadline,
        details: { programme: t.programme, mentorOccupationCode: t.occupation, meetingFrequency: random.pick(['weekly', 'biweekly', 'monthly']) },
      });
    }
  }
  return result;
}

/** Inserts openings in batches and queues them for the search index. */
export async function insertOpenings(db: DbOrTx, rows: NewOpening[], batchSize = 1000) {
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize).map((r) => ({ ...r, publishedAt: r.status === 'draft' ? null : new Date() }));
    const ids = await db.insert(openings).values(batch).returning({ id: openings.id });
    await db.insert(searchOutbox).values(ids.map((o) => ({ indexName: 'openings', documentId: o.id, op: 'upsert' as const })));
  }
}
