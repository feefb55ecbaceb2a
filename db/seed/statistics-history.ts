import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.server';
import { feriejobbInterestAreas, type FeriejobbInterestArea, type PraktikLevel } from '../../app/openings/opening-rules';
import { planGoals } from './aspirants';

/**
 * A synthetic history of placements for the statistics (demo and benchmark): aspirants enrolled
 * over the years, the Stockholmsjobb and praktik openings they were placed at, the placements
 * themselves (matches in their final state, with their timeline), the follow-ups 3 and 6 months
 * after, and the accepted feriejobb offers of past summers. Everything is built set-based inside
 * PostgreSQL (generate_series and INSERT … SELECT), so a million placements take minutes.
 *
 * Randomness comes from hashing a row's number with the seed (hashint8extended), never from
 * random(): the same seed gives the same people, dates and outcomes whatever order PostgreSQL
 * works in. Only the uuids (gen_random_uuid) and the anonymisation time differ between runs.
 *
 * The history keeps every rule the application and the database enforce: an aspirant's
 * placements never overlap and lie between enrolment and exit; an opening never has more
 * placements than places; a match's timeline (published → proposed → answered → interview →
 * offer → placed → ended) is in order; follow-ups are due 3 and 6 months after the end and only
 * recorded once due; work through partnership is decided from the employer's state on the day
 * recorded, as recordFollowUp does. With `anonymised`, aspirants look as the retention job
 * (app/aspirants/retention.server.ts) leaves them: no identity, district, coach or action plan,
 * the birth date reduced to the year, and always exited.
 *
 * Mentor pairs are not generated: the application treats every adept without an open pair as
 * waiting for a mentor (cohortCandidates), so historic adepts would flood the coordinator's
 * pairing.
 */
export interface StatisticsHistoryOptions {
  /** How many placements (matches placed or ended) to create. */
  placements: number;
  /** Placements start from 1 January of this year … */
  fromYear: number;
  /** … to 31 December of this year, or `today` if earlier. */
  toYear: number;
  /** The last day of the history (YYYY-MM-DD): nothing starts later; placements running then stay placed. */
  today: string;
  seed: number;
  /**
   * Aspirants as they are after the retention period (no personnummer needed, so any size
   * works). Every placement has then ended and every aspirant has exited by `today`.
   */
  anonymised?: boolean;
}

export interface StatisticsHistoryCounts {
  aspirants: number;
  actionPlans: number;
  openings: number;
  placements: number;
  /** Placements still running on `today` (status placed). */
  currentPlacements: number;
  followUps: number;
  recordedFollowUps: number;
  workThroughPartnership: number;
  feriejobbSummers: number;
  feriejobbOffers: number;
}

/** The share of placed aspirants with a second placement; aspirants never placed, per placement. */
const SECOND_PLACEMENT_SHARE = 0.4;
const UNPLACED_PER_PLACEMENT = 0.25;
const STOCKHOLMSJOBB_SHARE = 0.6;
/** Placements per opening at most: Stockholmsjobb and praktik openings are small. */
const STOCKHOLMSJOBB_PER_OPENING = 4;
const PRAKTIK_PER_OPENING = 3;
/**
 * Accepted feriejobb offers per summer: per placement of a year, and at most (the city's target
 * is about 9,000 youths; the test series holds about 14,600 ordinary personnummer per summer).
 */
const FERIEJOBB_PER_PLACEMENT = 0.5;
const FERIEJOBB_MAX_PER_SUMMER = 9000;
const FERIEJOBB_PER_OPENING = 4;
/** Each of a person's (at most two) placements needs a part of the window at least this long. */
const MIN_WINDOW_DAYS = 120;

const womenNames = ['Amina', 'Fatima', 'Hodan', 'Sara', 'Leila', 'Nour', 'Yasmin', 'Hanna', 'Maryam', 'Ayan', 'Elif', 'Zahra', 'Anna', 'Emma', 'Maja', 'Elin', 'Sofia', 'Ida'];
const menNames = ['Mohammed', 'Ali', 'Ahmed', 'Yusuf', 'Abdi', 'Omar', 'Hassan', 'Mustafa', 'Elias', 'Dawit', 'Karim', 'Samir', 'Erik', 'Johan', 'Lars', 'Oskar', 'Viktor', 'Filip'];
const lastNames = ['Hassan', 'Yusuf', 'Abdi', 'Said', 'Ahmadi', 'Mohamed', 'Warsame', 'Haddad', 'Yilmaz', 'Tesfaye', 'Kaya', 'Nazari', 'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Lindberg', 'Holm', 'Ek', 'Berg'];
const streets = ['Kistagången', 'Rinkebystråket', 'Vällingbyplan', 'Farstaplan', 'Skärholmsvägen', 'Hornsgatan', 'Fleminggatan', 'Götgatan', 'Tenstaplan', 'Bagarmossvägen', 'Brommaplan', 'Drottninggatan'];
const mothers = ['arabiska', 'somaliska', 'tigrinja', 'dari', 'persiska', 'turkiska', 'spanska', 'polska', 'kurdiska', 'ukrainska'];
const occupationCodes = ['5311', '5321', '5330', '9111', '5152', '9412', '5312', '3423', '9622', '4410', '4322', '5120', '5223'];

/** [title, SSYK code, description]; every code is in the seeded SSYK table. */
const stockholmsjobbTemplates: ReadonlyArray<readonly [string, string, string]> = [
  ['Barnskötare på förskola', '5311', 'Du arbetar i ett arbetslag på förskolan med lek, måltider och utevistelse. Handledare finns på plats hela perioden.'],
  ['Undersköterska i hemtjänsten', '5321', 'Stöd till äldre i hemmet: personlig omvårdnad, inköp och sällskap. Introduktion och språkstöd ingår.'],
  ['Vårdbiträde på äldreboende', '5330', 'Du hjälper de boende i vardagen, med måltider och aktiviteter, tillsammans med erfarna kollegor.'],
  ['Lokalvårdare i stadens lokaler', '9111', 'Städning av kontor, skolor och idrottshallar. Arbetet sker dagtid och du får utbildning i miljövänliga metoder.'],
  ['Fastighetsskötare i bostadsområde', '5152', 'Tillsyn, enklare reparationer och skötsel av utemiljön tillsammans med en erfaren fastighetsskötare.'],
  ['Restaurangbiträde i skolkök', '9412', 'Förberedelse av skollunch, disk och servering. Livsmedelshygienkurs ingår.'],
  ['Elevassistent i grundskolan', '5312', 'Du stöttar elever i klassrummet och på rasterna, i nära samarbete med lärarna.'],
  ['Biblioteksassistent', '4410', 'Utlån, hyllning och hjälp till besökare, även på andra språk än svenska.'],
];
const praktikTemplates: ReadonlyArray<readonly [PraktikLevel, string, string, string]> = [
  ['sprak_introduktion', 'Språkpraktik i butik', '5223', 'Träna svenska i vardagliga kundmöten, påfyllning och kassa.'],
  ['arbetstraning', 'Arbetsträning på lager', '4322', 'Plock, packning och inleverans i eget tempo med stöd av handledare.'],
  ['forsta_steg', 'Praktik som kock', '5120', 'Praktik i restaurangkök med möjlighet till anställning efter godkänd period.'],
  ['apl', 'APL inom vård och omsorg', '5321', 'Arbetsplatsförlagt lärande för elever på vård- och omsorgsprogrammet.'],
  ['lia', 'LIA inom IT-support', '3512', 'Lärande i arbete för YH-studerande: felsökning, användarstöd och installationer.'],
  ['hogskolepraktik', 'Högskolepraktik inom systemutveckling', '2512', 'Praktik i ett utvecklingsteam som bygger digitala tjänster.'],
];
const feriejobbTemplates: ReadonlyArray<readonly [FeriejobbInterestArea, string, string, string]> = [
  ['barn_och_unga', 'Feriejobb på förskola', '5311', 'Följ med barnen i lek och utflykter under sommarverksamheten.'],
  ['aldreomsorg', 'Feriejobb inom äldreomsorgen', '5330', 'Sällskap, promenader och aktiviteter med äldre på ett vård- och omsorgsboende.'],
  ['lss', 'Feriejobb inom LSS', '5342', 'Stöd till personer med funktionsnedsättning i daglig verksamhet, med handledare.'],
  ['kultur_och_fritid', 'Feriejobb på fritidsgård', '3423', 'Planera och leda sommaraktiviteter för yngre barn.'],
  ['park_och_miljo', 'Feriejobb i park och natur', '6113', 'Skötsel av parker och lekplatser: plantering, ogräsrensning och skräpplockning.'],
  ['ovrigt', 'Feriejobb i kafé', '9413', 'Servering, kassa och enklare bakning i ett kafé i stadsdelen.'],
];

// The statements are SQL text: only these literals, validated numbers and dates are written into it.
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const textArray = (values: readonly string[]) => `array[${values.map(literal).join(', ')}]::text[]`;
const valuesList = (rows: ReadonlyArray<readonly string[]>) => `(values ${rows.map((r) => `(${r.map(literal).join(', ')})`).join(', ')})`;
/** A time of day on a date expression, in Stockholm. */
const at = (day: string, time: string) => `(((${day}) + time '${time}') at time zone 'Europe/Stockholm')`;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** The Luhn check digit of a 9-character SQL text expression, as luhnCheckDigit (random.ts) computes it. */
function luhnSql(digits: string) {
  const terms = Array.from({ length: 9 }, (_, k) => {
    const digit = `substr(${digits}, ${k + 1}, 1)::int`;
    return k % 2 === 0 ? `(2 * ${digit}) / 10 + (2 * ${digit}) % 10` : digit;
  });
  return `((10 - (${terms.join(' + ')}) % 10) % 10)::text`;
}

/**
 * Every test-series personnummer (serial 980–989, as testPersonnummer gives them) of the birth
 * dates between two SQL date expressions, coordination numbers (day + 60) included. Columns:
 * birth_date, coordination, personnummer. Materialised, so each number is computed once
 * however often the caller refers to it.
 */
function testSeries(from: string, to: string) {
  return `with slots as materialized (
      select d::date as birth_date, c.coordination,
        to_char(d, 'YYYYMM') || lpad((extract(day from d)::int + case when c.coordination then 60 else 0 end)::text, 2, '0') || s.serial as stem
      from generate_series(${from}, ${to}, interval '1 day') d
      cross join generate_series(980, 989) s(serial)
      cross join (values (false), (true)) c(coordination)
    )
    select birth_date, coordination, stem || ${luhnSql('substr(stem, 3)')} as personnummer from slots`;
}

export async function insertStatisticsHistory(db: DbOrTx, options: StatisticsHistoryOptions): Promise<StatisticsHistoryCounts> {
  const { placements: total, fromYear, toYear, today, seed } = options;
  const anonymised = options.anonymised ?? false;
  if (!Number.isSafeInteger(total) || total < 1) throw new Error('placements must be a positive integer');
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear < 2000 || fromYear > toYear) throw new Error('fromYear and toYear must be years with fromYear ≤ toYear');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(dayNumber(today))) throw new Error('today must be a date (YYYY-MM-DD)');
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 31) throw new Error('seed must be an integer from 0 to 2³¹ − 1');
  const windowStart = `${fromYear}-01-01`;
  const windowEnd = `${toYear}-12-31` < today ? `${toYear}-12-31` : today;
  const windowDays = dayNumber(windowEnd) - dayNumber(windowStart) + 1;
  if (windowDays < 2 * MIN_WINDOW_DAYS) throw new Error(`the history needs at least ${2 * MIN_WINDOW_DAYS} days from ${windowStart} to the earlier of 31 December ${toYear} and today`);

  const placedPeople = Math.ceil(total / (1 + SECOND_PLACEMENT_SHARE));
  const people = placedPeople + Math.round(total * UNPLACED_PER_PLACEMENT);
  const W0 = `date '${windowStart}'`;
  const W1 = `date '${windowEnd}'`;
  const TODAY = `date '${today}'`;
  /**
   * A uniform number in [0, 1) for a row key (a bigint expression) and a salt, one salt per drawn
   * property. The inner hash has constant arguments, so PostgreSQL computes it once per statement.
   */
  const u = (key: string, salt: number) => `((hashint8extended((${key})::bigint, hashint8extended(${salt}, ${seed})) & 2147483647)::float8 / 2147483648)`;
  /** An element of a SQL array expression of `length` elements, drawn by a uniform number. */
  const pick = (array: string, length: number, uniform: string) => `(${array})[1 + floor(${uniform} * ${length})::int]`;
  const women = textArray(womenNames);
  const men = textArray(menNames);
  /** A first name fitting the gender (either kind for 'annat' and 'uppgift_saknas'). */
  const firstName = (gender: string, chooser: string, uniform: string) =>
    `case when ${gender} = 'kvinna' or (${gender} <> 'man' and ${chooser} < 0.5) then ${pick(women, womenNames.length, uniform)} else ${pick(men, menNames.length, uniform)} end`;
  const lastName = (uniform: string) => pick(textArray(lastNames), lastNames.length, uniform);

  return db.transaction(async (tx) => {
    const run = (text: string) => tx.execute(sql.raw(text));
    const one = async <T extends Record<string, unknown>>(text: string) => (await tx.execute<T>(sql.raw(text)))[0]!;
    /** A temporary table from a query, analysed: the planner has no statistics of temporary tables otherwise. */
    const temp = async (name: string, query: string) => {
      await run(`create temp table ${name} as ${query}`);
      await run(`analyze ${name}`);
    };
    // The window functions below sort up to millions of rows: in memory rather than on disk.
    await run(`set local work_mem = '256MB'`);

    // -------------------------------------------------------------------------------------------
    // Where: organisations, Jobbtorg, districts and coaches, numbered in a stable order.
    await temp('history_city_units', `select (row_number() over (order by name) - 1)::int as n, id, district_id from organizations where kind = 'city_unit' and active`);
    await temp('history_members', `select (row_number() over (order by name) - 1)::int as n, id, district_id from organizations where kind = 'integrationspakt_member' and active`);
    await temp(
      'history_districts',
      `select (row_number() over (order by slug) - 1)::int as n, (row_number() over (partition by cluster_id order by slug) - 1)::int as cn, id, cluster_id from districts`,
    );
    await temp(
      'history_offices',
      `select (row_number() over (partition by j.youth order by j.slug) - 1)::int as n, j.id, j.cluster_id, j.youth,
        (select count(*) from districts d where d.cluster_id = j.cluster_id)::int as cluster_districts,
        (select count(*) from users c where c.role = 'coach' and c.active and c.jobbtorg_id = j.id)::int as coaches
      from jobbtorg j`,
    );
    await temp('history_coaches', `select (row_number() over (partition by jobbtorg_id order by email) - 1)::int as n, id, jobbtorg_id from users where role = 'coach' and active and jobbtorg_id is not null`);
    const sizes = await one<{ city_units: number; members: number; districts: number; youth: number; adult: number }>(`select
      (select count(*) from history_city_units)::int as city_units, (select count(*) from history_members)::int as members,
      (select count(*) from history_districts)::int as districts,
      (select count(*) from history_offices where youth)::int as youth, (select count(*) from history_offices where not youth)::int as adult`);
    if (!sizes.city_units || !sizes.members || !sizes.districts || !sizes.adult) {
      throw new Error('the history needs the reference data and the demo organisations (city units and Integrationspakten members)');
    }

    // -------------------------------------------------------------------------------------------
    // Who: age, gender, groups and Jobbtorg, drawn from the person's number alone. `age` is the age
    // before the birthday in the enrolment year (born in enrolment year − age − 1), so the age at
    // enrolment is `age` or one more: 16–64, about half 18–29. Youth offices serve 16–29.
    await temp(
      'history_people',
      `select p.*, o.id as jobbtorg_id, o.cluster_id, o.cluster_districts, o.coaches
      from (
        select a.*, ${sizes.youth > 0 ? `a.age <= 27 and ${u('a.i', 3)} < 0.45` : 'false'} as youth_office,
          case when ${u('a.i', 5)} < 0.02 then 'annat' when ${u('a.i', 5)} < 0.04 then 'uppgift_saknas' when ${u('a.i', 5)} < 0.52 then 'kvinna' else 'man' end::gender as gender,
          ${u('a.i', 6)} < 0.25 as newcomer, ${u('a.i', 7)} < 0.12 as disability,
          case when ${u('a.i', 8)} < 0.3 then 'forgymnasial' when ${u('a.i', 8)} < 0.75 then 'gymnasial' else 'eftergymnasial' end::education_level as education
        from (
          select i, case when ${u('i', 1)} < 0.05 then 16 + floor(${u('i', 2)} * 2) when ${u('i', 1)} < 0.5 then 18 + floor(${u('i', 2)} * 11)
            else 29 + floor(${u('i', 2)} * 35) end::int as age
          from generate_series(0, ${people - 1}) i
        ) a
      ) p
      join history_offices o on o.youth = p.youth_office and o.n = floor(${u('p.i', 4)} * case when p.youth_office then ${sizes.youth} else ${sizes.adult} end)::int`,
    );

    // -------------------------------------------------------------------------------------------
    // Placements. Placement j belongs to person j mod placedPeople, so the first (total −
    // placedPeople) people have two. A person's window is split in one part per placement: each
    // starts anywhere in its part and all but the last end inside it, so a person's placements
    // never overlap. An opening gathers the placements of one organisation, kind, subtype and
    // starting month, a few to each (`bucket`).
    const isLast = (alias: string) => `(${alias}.m = ${alias}.k - 1)`;
    await temp(
      'history_placements',
      `with parts as (
        select b.*, ${W0} + b.m * (${windowDays} / b.k) as part_start,
          case when ${isLast('b')} then ${W1} else ${W0} + (b.m + 1) * (${windowDays} / b.k) - 1 end as part_end
        from (
          select j, (j % ${placedPeople})::int as i, (j / ${placedPeople})::int as m, case when j % ${placedPeople} < ${total - placedPeople} then 2 else 1 end as k,
            ${u('j', 20)} < ${STOCKHOLMSJOBB_SHARE} as sj
          from generate_series(0, ${total - 1}) j
        ) b
      ),
      started as (
        select b.*, pe.age,
          b.part_start + floor(${u('b.j', 24)} * (b.part_end - b.part_start + 1 - case when ${isLast('b')} then 0 else 28 end))::int as start_on,
          case when b.sj then ${pick('array[90, 180, 180, 270, 365]', 5, u('b.j', 23))} else 7 * (4 + floor(${u('b.j', 23)} * 13))::int end as days
        from parts b join history_people pe on pe.i = b.i
      ),
      planned as (
        select s.*, s.start_on + case when ${isLast('s')} then s.days else least(s.days, s.part_end - s.start_on) end as planned_end,
          case when ${u('s.j', 25)} < 0.62 then 'enligt_plan' when ${u('s.j', 25)} < 0.76 then 'arbete' when ${u('s.j', 25)} < 0.81 then 'studier'
            when ${u('s.j', 25)} < 0.95 then 'avbruten' else 'annat' end as reason
        from started s
      ),
      ended as (
        select p.*, case when p.reason = 'enligt_plan' then p.planned_end
            else p.start_on + greatest(1, floor((p.planned_end - p.start_on) * (0.3 + 0.6 * ${u('p.j', 26)})))::int end as actual_end
        from planned p
      ),
      assigned as (
        select e.j, e.i, e.m, e.start_on, e.planned_end,
          case when e.sj then 'stockholmsjobb' else 'praktik' end::opening_kind as kind,
          coalesce(cu.id, mb.id) as organization_id, coalesce(cu.district_id, mb.district_id) as org_district_id,
          case when e.sj then cu.n else ${sizes.city_units} + mb.n end as org_order,
          case when e.sj then
            case when e.age >= 28 or ${u('e.j', 22)} >= 0.85 then 'introjobbsanstallning'
              when e.age >= 20 and ${u('e.j', 22)} < 0.3 then 'arbetslagsanstallning'
              when e.age >= 18 and ${u('e.j', 22)} < 0.55 then 'jobbstartsanstallning'
              else 'ungdomsanstallning' end
          else
            case when ${u('e.j', 22)} < 0.2 then 'sprak_introduktion' when ${u('e.j', 22)} < 0.5 then 'arbetstraning'
              when ${u('e.j', 22)} < 0.75 then 'forsta_steg' when ${u('e.j', 22)} < 0.85 then 'apl'
              when ${u('e.j', 22)} < 0.93 then 'lia' else 'hogskolepraktik' end
          end as subtype,
          ${
            anonymised
              ? `'ended'::match_status as status, least(e.actual_end, ${TODAY}) as end_date, e.reason::end_reason as end_reason`
              : `case when e.actual_end < ${TODAY} then 'ended' else 'placed' end::match_status as status,
                 case when e.actual_end < ${TODAY} then e.actual_end else e.planned_end end as end_date,
                 case when e.actual_end < ${TODAY} then e.reason end::end_reason as end_reason`
          }
        from ended e
        left join history_city_units cu on e.sj and cu.n = floor(power(${u('e.j', 21)}, 1.5) * ${sizes.city_units})::int
        left join history_members mb on not e.sj and mb.n = floor(power(${u('e.j', 21)}, 1.5) * ${sizes.members})::int
      )
      select a.*, date_trunc('month', a.start_on)::date as month,
        (row_number() over (partition by a.kind, a.org_order, a.subtype, date_trunc('month', a.start_on) order by ${u('a.j', 27)}, a.j) - 1)
          / case when a.kind = 'stockholmsjobb' then ${STOCKHOLMSJOBB_PER_OPENING} else ${PRAKTIK_PER_OPENING} end as bucket
      from assigned a`,
    );

    // -------------------------------------------------------------------------------------------
    // Aspirants: enrolled 1–21 weeks before their first placement (the never placed anywhere in
    // the window), most exited after their last placement, some followed up 6 months after exit.
    const exitCandidate = `case when e.placed then e.last_end + floor(${u('e.i', 31)} * 61)::int else e.enrolled_on + 30 + floor(${u('e.i', 31)} * 511)::int end`;
    await temp(
      'history_aspirants',
      `with agg as (
        select i, min(start_on) as first_start, max(end_date) as last_end, bool_or(status = 'placed') as in_placement,
          (array_agg(end_reason order by m desc))[1]::text as last_reason
        from history_placements group by i
      ),
      enrolled as (
        select pe.*, a.i is not null as placed, a.last_end, a.in_placement, a.last_reason,
          case when a.i is null then ${W0} - 180 + floor(${u('pe.i', 30)} * (${windowDays} + 166))::int
            else a.first_start - 7 - floor(${u('pe.i', 30)} * 140)::int end as enrolled_on
        from history_people pe left join agg a on a.i = pe.i
      ),
      exited as (
        select e.*,
          ${
            anonymised
              ? `least(${exitCandidate}, ${TODAY})`
              : `case when e.in_placement or ${exitCandidate} > ${TODAY} then null
                   when e.placed and ${u('e.i', 32)} < 0.08 and e.enrolled_on >= ${TODAY} - 540 then null
                   else ${exitCandidate} end`
          } as exited_on
        from enrolled e
      )
      select gen_random_uuid() as id, x.*, extract(year from x.enrolled_on)::int - x.age - 1 as birth_year, c.id as coach_user_id,
        case when x.exited_on is null then null
          when x.last_reason in ('arbete', 'studier') then x.last_reason
          when ${u('x.i', 33)} < case when x.placed then 0.35 else 0.2 end then 'arbete'
          when ${u('x.i', 33)} < case when x.placed then 0.5 else 0.35 end then 'studier'
          else 'annat' end::exit_reason as exit_reason,
        ${u('x.i', 34)} < 0.6 and x.exited_on + interval '6 months' <= ${TODAY} as six_month_checked
      from exited x
      left join history_coaches c on c.jobbtorg_id = x.jobbtorg_id and c.n = floor(${u('x.i', 35)} * x.coaches)::int`,
    );

    // Identity: the k-th aspirant born in a year gets the k-th free test-series personnummer of
    // that year (in the seed's shuffled order, ordinary numbers before coordination numbers).
    if (!anonymised) {
      await temp(
        'history_identity',
        `with series as materialized (${testSeries('make_date((select min(birth_year) from history_aspirants), 1, 1)', 'make_date((select max(birth_year) from history_aspirants), 12, 31)')}),
        free as (
          select t.birth_date, t.personnummer, extract(year from t.birth_date)::int as birth_year,
            row_number() over (partition by extract(year from t.birth_date) order by t.coordination, hashtextextended(t.personnummer, ${seed})) as k
          from series t
          where not exists (select 1 from aspirants a where a.personnummer = t.personnummer)
        ),
        wanted as (select i, birth_year, row_number() over (partition by birth_year order by ${u('i', 36)}, i) as k from history_aspirants)
        select w.i, f.personnummer, f.birth_date from wanted w join free f on f.birth_year = w.birth_year and f.k = w.k`,
      );
      const identities = await one<{ n: number }>(`select count(*)::int as n from history_identity`);
      if (identities.n !== people) throw new Error('the test series has too few free personnummer for this history; use anonymised: true for large histories');
    }

    const selfSupporting = `case when a.six_month_checked then case when a.exit_reason in ('arbete', 'studier') then ${u('a.i', 37)} < 0.8 else ${u('a.i', 37)} < 0.3 end end`;
    const checkedOn = `case when a.six_month_checked then least((a.exited_on + interval '6 months')::date + floor(${u('a.i', 38)} * 21)::int, ${TODAY}) end`;
    const statisticalGroups = [`case when a.newcomer then 'nyanland' end`, `case when a.disability then 'funktionsnedsattning' end`];
    const allGroups = [
      `case when ${u('a.i', 9)} < 0.5 then 'forsorjningsstod' end`,
      `case when a.age < 19 and ${u('a.i', 10)} < 0.6 then 'kaa' end`,
      `case when a.age between 20 and 28 and ${u('a.i', 10)} < 0.5 then 'uvas' end`,
      ...statisticalGroups,
      `case when a.education = 'forgymnasial' then 'kort_utbildning' end`,
      `case when ${u('a.i', 11)} < 0.2 then 'langtidsarbetslos' end`,
      `case when a.gender = 'kvinna' and ${u('a.i', 12)} < 0.2 then 'kvinna_svag_stallning' end`,
    ];
    const consent = `${u('a.i', 39)} < 0.6`;
    // Columns in the order of the INSERT below: identity to languages, then occupations to consent scope.
    const identityColumns = anonymised
      ? `null, null, null, null, make_date(a.birth_year, 1, 1), a.gender, null, array_remove(array[${statisticalGroups.join(', ')}], null), '[]'::jsonb`
      : `a.coach_user_id, ${firstName('a.gender', u('a.i', 40), u('a.i', 41))}, ${lastName(u('a.i', 42))}, x.personnummer, x.birth_date, a.gender,
         case when ${u('a.i', 13)} < 0.8 then dc.id when ${u('a.i', 13)} < 0.95 then dn.id end,
         array_remove(array[${allGroups.join(', ')}], null),
         jsonb_build_array(jsonb_build_object('language', 'svenska', 'level', ${pick(textArray(['grundlaggande', 'god', 'flytande']), 3, u('a.i', 43))}),
           jsonb_build_object('language', ${pick(textArray(mothers), mothers.length, u('a.i', 44))}, 'level', 'modersmal'))`;
    const profileColumns = anonymised
      ? `'[]'::jsonb, false, null, null, null`
      : `jsonb_build_array(jsonb_build_object('code', ${pick(textArray(occupationCodes), occupationCodes.length, u('a.i', 45))}, 'years', floor(${u('a.i', 46)} * 7)::int)),
         ${u('a.i', 47)} < 0.35, case when a.disability then 'Behöver möjlighet till pauser och en lugn arbetsplats.' end,
         case when ${consent} then ${at('a.enrolled_on', '10:00')} end, case when ${consent} then 'profile_summary' end`;
    await run(`insert into aspirants (id, jobbtorg_id, coach_user_id, first_name, last_name, personnummer, birth_date, gender, district_id,
        target_groups, languages, swedish_level, education, completed_upper_secondary, occupations, driving_licence, adaptation_needs,
        consent_at, consent_scope, enrolled_on, exited_on, exit_reason, self_supporting_6m, self_supporting_checked_on, anonymised_at, created_at, updated_at)
      select a.id, a.jobbtorg_id, ${identityColumns},
        ${pick(textArray(['none', 'basic', 'good', 'fluent']), 4, u('a.i', 48))}::swedish_level, a.education, a.education <> 'forgymnasial' and ${u('a.i', 49)} < 0.8,
        ${profileColumns},
        a.enrolled_on, a.exited_on, a.exit_reason, ${selfSupporting}, ${checkedOn}, ${anonymised ? 'now()' : 'null'},
        ${at('a.enrolled_on', '09:00')}, ${at(`coalesce(${checkedOn}, a.exited_on, a.enrolled_on)`, '16:00')}
      from history_aspirants a
      ${
        anonymised
          ? ''
          : `join history_identity x on x.i = a.i
             left join history_districts dc on dc.cluster_id = a.cluster_id and dc.cn = floor(${u('a.i', 14)} * a.cluster_districts)::int
             left join history_districts dn on dn.n = floor(${u('a.i', 14)} * ${sizes.districts})::int`
      }`);
    if (!anonymised) {
      // Retention deletes the action plan with the identity, so an anonymised history has none.
      await run(`insert into action_plans (aspirant_id, goal, created_on, created_at, updated_at)
        select p.id, p.goal, p.created_on, ${at('p.created_on', '11:00')}, ${at('p.created_on', '11:00')}
        from (
          select a.id, ${pick(textArray(planGoals), planGoals.length, u('a.i', 50))} as goal,
            a.enrolled_on + case when ${u('a.i', 51)} < 0.8 then floor(${u('a.i', 52)} * 6) else 6 + floor(${u('a.i', 52)} * 15) end::int as created_on
          from history_aspirants a where ${u('a.i', 53)} < 0.92
        ) p
        where p.created_on <= ${TODAY}`);
      await run(`insert into search_outbox (index_name, document_id, op) select 'aspirants', id::text, 'upsert' from history_aspirants`);
    }

    // -------------------------------------------------------------------------------------------
    // Openings: published ahead of their deadline, now in the state the housekeeping leaves a past
    // opening in (filled when every place went, otherwise expired); places ≥ placements.
    await temp(
      'history_openings',
      `select h.*, h.deadline - 14 - floor(${u('h.o', 62)} * 31)::int as published_on
      from (
        select g.*, gen_random_uuid() as id,
          least(500, g.taken + case when ${u('g.o', 60)} < 0.25 then 1 + floor(${u('g.o', 61)} * 2)::int else 0 end) as places,
          g.start_date - 7 - floor(${u('g.o', 63)} * 24)::int as deadline
        from (
          select row_number() over (order by kind, org_order, subtype, month, bucket) as o,
            kind, organization_id, org_district_id, org_order, subtype, month, bucket,
            min(start_on) as start_date, max(planned_end) as end_date, count(*)::int as taken
          from history_placements group by kind, organization_id, org_district_id, org_order, subtype, month, bucket
        ) g
      ) h`,
    );
    const anyone = textArray([...womenNames, ...menNames]);
    const person = (salt: number) => `${pick(anyone, womenNames.length + menNames.length, u('o.o', salt))} || ' ' || ${lastName(u('o.o', salt + 1))}`;
    const ageBound = (bound: 0 | 1) =>
      `case o.subtype when 'ungdomsanstallning' then ${[16, 29][bound]} when 'jobbstartsanstallning' then ${[18, 29][bound]}
        when 'arbetslagsanstallning' then ${[20, 29][bound]} when 'introjobbsanstallning' then ${[16, 67][bound]} end`;
    await run(`insert into openings (id, organization_id, kind, subtype, title, description, workplace_address, district_id, occupation_code, places,
        start_date, end_date, application_deadline, age_min, age_max, criminal_record_required, contact_name, contact_email, supervisor_name,
        details, status, published_at, created_at, updated_at)
      select o.id, o.organization_id, o.kind, o.subtype, coalesce(sj.title, pr.title), coalesce(sj.description, pr.description),
        ${pick(textArray(streets), streets.length, u('o.o', 64))} || ' ' || (1 + floor(${u('o.o', 65)} * 120)::int) || ', Stockholm',
        case when ${u('o.o', 66)} < 0.7 and o.org_district_id is not null then o.org_district_id else d.id end,
        coalesce(sj.occupation, pr.occupation), o.places, o.start_date, o.end_date, o.deadline, ${ageBound(0)}, ${ageBound(1)},
        coalesce(sj.occupation in ('5311', '5312'), false),
        o.contact_name, translate(lower(replace(o.contact_name, ' ', '.')), 'åäöé', 'aaoe') || '@exempel.se', ${person(68)},
        case when o.kind = 'stockholmsjobb' then jsonb_build_object('subtype', o.subtype, 'hoursPerWeek', ${pick('array[20, 30, 40]', 3, u('o.o', 71))},
            'wageSubsidy', ${u('o.o', 72)} < 0.5, 'learningGoals', jsonb_build_array('Grundläggande arbetsmiljökunskap', 'Yrkessvenska'),
            'combinableWithStudies', ${u('o.o', 73)} < 0.4)
          else jsonb_build_object('level', o.subtype, 'lengthWeeks', least(52, greatest(1, round((o.end_date - o.start_date) / 7.0)::int)),
            'canLeadToEmployment', ${u('o.o', 74)} < 0.5) end,
        case when o.places = o.taken then 'filled' else 'expired' end::opening_status,
        ${at('o.published_on', '09:00')}, ${at('o.published_on - 1', '15:00')}, ${at('o.published_on', '09:00')}
      from (select o.*, ${person(75)} as contact_name from history_openings o) o
      join history_districts d on d.n = floor(${u('o.o', 67)} * ${sizes.districts})::int
      left join ${valuesList(stockholmsjobbTemplates.map((t, n) => [String(n), ...t]))} sj(n, title, occupation, description)
        on o.kind = 'stockholmsjobb' and sj.n::int = floor(${u('o.o', 78)} * ${stockholmsjobbTemplates.length})::int
      left join ${valuesList(praktikTemplates)} pr(level, title, occupation, description) on o.kind = 'praktik' and pr.level = o.subtype`);
    await run(`insert into search_outbox (index_name, document_id, op) select 'openings', id::text, 'upsert' from history_openings`);

    // -------------------------------------------------------------------------------------------
    // Matches, in the final state the pipeline leaves them in: proposed between publication and
    // deadline, answered within three days, interview, offer, placed, and ended for most.
    await temp(
      'history_matches',
      `select m.*, m.interview_at + interval '1 day' as placed_at,
        case when m.status = 'ended' then least(now(), ${at('m.end_date + 1', '15:00')}) end as ended_at
      from (
        select p.j, p.start_on, p.end_date, p.status, p.end_reason, p.organization_id, gen_random_uuid() as id, o.id as opening_id,
          a.id as aspirant_id, a.coach_user_id, c.created_at,
          c.created_at + make_interval(hours => 2 + floor(${u('p.j', 81)} * 68)::int) as answered_at,
          c.created_at + make_interval(hours => 2 + floor(${u('p.j', 81)} * 68)::int, days => 1 + floor(${u('p.j', 82)} * 3)::int) as interview_at
        from history_placements p
        join history_openings o on o.kind = p.kind and o.org_order = p.org_order and o.subtype = p.subtype and o.month = p.month and o.bucket = p.bucket
        join history_aspirants a on a.i = p.i
        cross join lateral (
          select ${at(`o.published_on + floor(${u('p.j', 80)} * (o.deadline - o.published_on + 1))::int`, '09:00')}
            + make_interval(mins => floor(${u('p.j', 83)} * 480)::int) as created_at
        ) c
      ) m`,
    );
    // A new match must start as proposed (the matches_status_transition trigger), so that trigger is
    // off while these rows go in. That is safe: the rows are inserted in a consistent final state
    // that every CHECK constraint still checks, and matches_placement_check stays on and checks
    // capacity and overlap for the placements still running. ALTER TABLE holds an exclusive lock
    // on matches until the transaction ends and the trigger is on again before that, so no other
    // session can ever write a match while it is off.
    await run(`alter table matches disable trigger matches_status_transition`);
    // Rows go in in key order here and below: the indexes then grow at one end instead of being
    // written all over, which makes a million placements a good third faster.
    await run(`insert into matches (id, opening_id, aspirant_id, status, score, explanation, weights_version, proposed_by, interview_at,
        start_date, end_date, end_reason, answered_at, status_changed_at, created_at, updated_at)
      select m.id, m.opening_id, m.aspirant_id, m.status, 45 + floor(${u('m.j', 84)} * 50)::int, '[]'::jsonb, (select min(version) from match_weight_versions),
        m.coach_user_id, m.interview_at, m.start_on, m.end_date, m.end_reason, m.answered_at,
        coalesce(m.ended_at, m.placed_at), m.created_at, coalesce(m.ended_at, m.placed_at)
      from history_matches m
      order by m.id`);
    await run(`alter table matches enable trigger matches_status_transition`);
    await run(`insert into match_events (match_id, from_status, to_status, actor_user_id, at)
      select m.id, e.from_status::match_status, e.to_status::match_status, case when e.by_coach then m.coach_user_id end, e.at
      from history_matches m
      cross join lateral (values
        (null, 'proposed', true, m.created_at), ('proposed', 'reviewed', false, m.answered_at),
        ('reviewed', 'interview', false, m.answered_at + interval '1 hour'), ('interview', 'offer', false, m.interview_at + interval '2 hours'),
        ('offer', 'placed', true, m.placed_at), ('placed', 'ended', true, m.ended_at)
      ) e(from_status, to_status, by_coach, at)
      where e.at is not null
      order by m.id, e.at`);

    // -------------------------------------------------------------------------------------------
    // Follow-ups 3 and 6 months after each ended placement, created when it ended (as the pipeline
    // does), recorded by most once due; the reminder went out on the due day. A person's two
    // outcomes mostly agree, and a placement ended for work mostly leads to work.
    await temp(
      'history_follow_ups',
      `select f.*, case when f.outcome = 'arbete' then case when ${u('f.j', 94)} < 0.4 then f.organization_id when ${u('f.j', 94)} < 0.7 then mb.id end end as employer_id
      from (
        select d.*,
          case when not d.recorded then null
            when d.x < 0.38 then 'arbete' when d.x < 0.53 then 'studier' when d.x < 0.88 then 'varken' else 'okant' end::follow_up_outcome as outcome,
          case when d.recorded then least(d.due_on + floor(${u('d.j * 2 + d.checkpoint', 91)} * 21)::int, ${TODAY}) end as recorded_on
        from (
          select m.id as match_id, m.j, m.organization_id, m.coach_user_id, m.ended_at, cp.checkpoint,
            (m.end_date + make_interval(months => cp.checkpoint))::date as due_on,
            (m.end_date + make_interval(months => cp.checkpoint))::date <= ${TODAY}
              and ${u('m.j * 2 + cp.checkpoint', 90)} < case cp.checkpoint when 3 then 0.85 else 0.7 end as recorded,
            (0.85 * ${u('m.j', 92)} + 0.15 * ${u('m.j * 2 + cp.checkpoint', 93)}) * case when m.end_reason = 'arbete' then 0.3 else 1 end as x
          from history_matches m cross join (values (3), (6)) cp(checkpoint)
          where m.status = 'ended'
        ) d
      ) f
      left join history_members mb on mb.n = floor(${u('f.j', 95)} * ${sizes.members})::int`,
    );
    // Work through partnership as recordFollowUp decides it: a Plusmedlem, or a jobbpartnerskap in force that day.
    await run(`insert into placement_follow_ups (match_id, checkpoint, due_on, outcome, employer_organization_id, work_through_partnership,
        recorded_by, recorded_at, reminder_sent_at, created_at)
      select f.match_id, f.checkpoint, f.due_on, f.outcome, f.employer_id,
        f.employer_id is not null and (coalesce(o.membership_level = 'plus', false) or exists (select 1 from job_partnerships p where p.organization_id = o.id
          and p.signed_on <= f.recorded_on and (p.ended_on is null or p.ended_on >= f.recorded_on))),
        case when f.recorded then f.coach_user_id end, case when f.recorded then ${at('f.recorded_on', '11:00')} end,
        case when f.due_on <= ${TODAY} then ${at('f.due_on', '07:00')} end, f.ended_at
      from history_follow_ups f left join organizations o on o.id = f.employer_id
      order by f.match_id, f.checkpoint`);

    // -------------------------------------------------------------------------------------------
    // Feriejobb: for every summer of the window that has begun, a published allocation run whose
    // offers were all accepted, the applications behind them and the openings they filled.
    async function insertFeriejobbSummer(year: number, applicants: number) {
      const openingCount = Math.ceil(applicants / FERIEJOBB_PER_OPENING);
      // Salts of one summer: distinct from every other summer's and from the placements' above.
      const fu = (key: string, salt: number) => u(key, 1000 * year + salt);
      const periodStarts: string[] = [];
      for (let day = dayNumber(`${year}-06-01`); day + 18 <= dayNumber(`${year}-08-31`); day++) {
        if (new Date(day * 86_400_000).getUTCDay() === 1) periodStarts.push(new Date(day * 86_400_000).toISOString().slice(0, 10));
      }
      const published = `make_date(${year}, 5, 3)`;
      await temp(
        'history_fj_openings',
        `select o.n, gen_random_uuid() as id, t.area, t.title, t.occupation, t.description,
          coalesce(cu.id, mb.id) as organization_id, coalesce(cu.district_id, mb.district_id) as org_district_id,
          ${pick(textArray(periodStarts), periodStarts.length, fu('o.n', 1))}::date as start_date,
          (${Math.floor(applicants / openingCount)} + case when o.n < ${applicants % openingCount} then 1 else 0 end)::int as taken,
          ${fu('o.n', 2)} < 0.2 as extra_place
        from generate_series(0, ${openingCount - 1}) o(n)
        join ${valuesList(feriejobbTemplates)} t(area, title, occupation, description)
          on t.area = ${pick(textArray(feriejobbInterestAreas), feriejobbInterestAreas.length, fu('o.n', 3))}
        left join history_city_units cu on ${fu('o.n', 4)} < 0.7 and cu.n = floor(${fu('o.n', 5)} * ${sizes.city_units})::int
        left join history_members mb on ${fu('o.n', 4)} >= 0.7 and mb.n = floor(${fu('o.n', 5)} * ${sizes.members})::int`,
      );
      // Youths 16–19 on 1 June, each with a test-series personnummer no application of the summer has.
      await temp(
        'history_fj_applications',
        `with series as materialized (${testSeries(`date '${year - 20}-06-02'`, `date '${year - 16}-06-01'`)}),
        free as (
          select t.*, (row_number() over (order by t.coordination, hashtextextended(t.personnummer, hashint8extended(${1000 * year}, ${seed}))) - 1)::int as n
          from series t
          where not exists (select 1 from feriejobb_applications fa where fa.year = ${year} and fa.personnummer = t.personnummer)
        )
        select f.n, f.personnummer, f.birth_date, gen_random_uuid() as id, gen_random_uuid() as offer_id, o.id as opening_id, o.area,
          case when ${fu('f.n', 7)} < 0.03 then 'annat' when ${fu('f.n', 7)} < 0.52 then 'kvinna' else 'man' end::gender as gender,
          date_part('year', age(date '${year}-06-01', f.birth_date)) < 18 as minor,
          case when ${fu('f.n', 8)} < 0.3 then array_remove(array[
            case when ${fu('f.n', 9)} < 0.5 then 'first_time' end, case when ${fu('f.n', 10)} < 0.15 then 'school_incomplete' end,
            case when ${fu('f.n', 11)} < 0.1 then 'disability' end, case when ${fu('f.n', 12)} < 0.3 then 'newcomer' end,
            case when ${fu('f.n', 13)} < 0.08 then 'social_reasons' end], null) else '{}'::text[] end as priority_groups,
          ${at(`make_date(${year}, 2, 1) + floor(${fu('f.n', 14)} * 58)::int`, '12:00')} as consent_at,
          ${at(`${published} + floor(${fu('f.n', 15)} * 12)::int`, '18:00')} as responded_at
        from free f join history_fj_openings o on o.n = f.n % ${openingCount}
        where f.n < ${applicants}`,
      );
      const made = await one<{ n: number }>(`select count(*)::int as n from history_fj_applications`);
      if (made.n !== applicants) throw new Error(`the test series has too few free personnummer for the summer of ${year}`);

      const [runRow] = await tx.execute<{ id: string }>(
        sql.raw(`insert into feriejobb_runs (year, round, seed, status, progress, progress_label, answer_deadline,
          applicants, places, seats, da_placed, max_placed, blocking_pairs, created_at, started_at, heartbeat_at, finished_at, published_at)
        select ${year}, coalesce((select max(round) from feriejobb_runs where year = ${year}), 0) + 1, ${seed}, 'published', 100, 'Klar för granskning',
          make_date(${year}, 5, 15), ${applicants}, ${openingCount}, (select sum(taken + extra_place::int) from history_fj_openings)::int,
          ${applicants}, ${applicants}, 0, ${at(`${published} - 1`, '10:00')}, ${at(`${published} - 1`, '10:00')}, ${at(`${published} - 1`, '10:02')},
          ${at(`${published} - 1`, '10:02')}, ${at(published, '08:00')}
        returning id`),
      );
      await run(`insert into openings (id, organization_id, kind, subtype, title, description, workplace_address, district_id, occupation_code, places,
          start_date, end_date, application_deadline, age_min, age_max, criminal_record_required, contact_name, contact_email, supervisor_name,
          details, status, published_at, created_at, updated_at)
        select o.id, o.organization_id, 'feriejobb', o.area, o.title, o.description,
          ${pick(textArray(streets), streets.length, fu('o.n', 16))} || ' ' || (1 + floor(${fu('o.n', 17)} * 120)::int) || ', Stockholm',
          coalesce(o.org_district_id, d.id), o.occupation, o.taken + o.extra_place::int, o.start_date, o.start_date + 18, make_date(${year}, 4, 30),
          16, 19, o.area in ('barn_och_unga', 'lss'), 'Feriejobbsamordnaren', 'feriejobb@exempel.se', 'Handledare på arbetsplatsen',
          jsonb_build_object('interestArea', o.area, 'totalHours', ${pick('array[60, 75, 90]', 3, fu('o.n', 18))}, 'dailyStart', '08:00',
            'dailyEnd', ${pick(textArray(['15:00', '16:00']), 2, fu('o.n', 19))}, 'languageSupport', ${fu('o.n', 20)} < 0.3, 'adaptedPlace', ${fu('o.n', 21)} < 0.1),
          case when o.extra_place then 'expired' else 'filled' end::opening_status,
          ${at(`make_date(${year}, 3, 1) + floor(${fu('o.n', 22)} * 20)::int`, '09:00')}, ${at(`make_date(${year}, 2, 28)`, '15:00')}, ${at(published, '08:00')}
        from history_fj_openings o join history_districts d on d.n = floor(${fu('o.n', 23)} * ${sizes.districts})::int`);
      await run(`insert into search_outbox (index_name, document_id, op) select 'openings', id::text, 'upsert' from history_fj_openings`);
      await run(`insert into feriejobb_applications (id, year, personnummer, birth_date, first_name, last_name, gender, email, district_id,
          interest_areas, months, guardian_name, guardian_email, consent_at, priority_groups, priority_checked_at, adaptation_needs, created_at, updated_at)
        select a.id, ${year}, a.personnummer, a.birth_date, a.first_name, a.last_name, a.gender,
          translate(lower(a.first_name || '.' || a.last_name || '.${year}.' || a.n), 'åäöé', 'aaoe') || '@exempel.se', d.id,
          array[a.area] || array(select x from unnest(${textArray(feriejobbInterestAreas)}) x where x <> a.area
            order by hashtextextended(x || a.n, ${seed}) limit floor(${fu('a.n', 24)} * 5)::int),
          case when ${fu('a.n', 25)} < 0.8 then '{6,7,8}' when ${fu('a.n', 25)} < 0.9 then '{6,7}' else '{7,8}' end::smallint[],
          case when a.minor then ${pick(women, womenNames.length, fu('a.n', 26))} || ' ' || a.last_name end,
          case when a.minor then 'vardnadshavare.${year}.' || a.n || '@exempel.se' end,
          a.consent_at, a.priority_groups, case when cardinality(a.priority_groups) > 0 then ${at(`make_date(${year}, 4, 1) + floor(${fu('a.n', 27)} * 9)::int`, '09:00')} end,
          case when 'disability' = any (a.priority_groups) then 'Behöver korta pauser och tydliga instruktioner.' end,
          a.consent_at, a.consent_at
        from (
          select a.*, ${firstName('a.gender', fu('a.n', 28), fu('a.n', 29))} as first_name, ${lastName(fu('a.n', 30))} as last_name
          from history_fj_applications a
        ) a
        join history_districts d on d.n = floor(${fu('a.n', 31)} * ${sizes.districts})::int`);
      // Offers go in accepted, one at a time past the capacity trigger, which stays on. Only the
      // hash of a link's token is stored; these links never existed.
      await run(`insert into feriejobb_offers (id, run_id, application_id, opening_id, token_hash, status, deadline, responded_at, created_at)
        select a.offer_id, '${runRow!.id}', a.id, a.opening_id, encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'), 'accepted',
          make_date(${year}, 5, 15), a.responded_at, ${at(published, '08:00')}
        from history_fj_applications a`);
      await run(`insert into feriejobb_events (application_id, kind, details, at)
        select a.id, e.kind, e.details, e.at
        from history_fj_applications a
        cross join lateral (values
          ('confirmed', jsonb_build_object('revision', 1), a.consent_at + interval '1 hour'),
          ('offered', jsonb_build_object('runId', '${runRow!.id}', 'round', 1, 'openingId', a.opening_id), ${at(published, '08:00')}),
          ('offer-accepted', jsonb_build_object('offerId', a.offer_id), a.responded_at)
        ) e(kind, details, at)`);
      await run(`drop table history_fj_openings, history_fj_applications`);
    }

    const summers: number[] = [];
    for (let year = fromYear; year <= toYear; year++) if (`${year}-06-01` <= today) summers.push(year);
    const perSummer = Math.min(FERIEJOBB_MAX_PER_SUMMER, Math.round((total / (toYear - fromYear + 1)) * FERIEJOBB_PER_PLACEMENT));
    const feriejobbSummers = perSummer > 0 ? summers : [];
    for (const year of feriejobbSummers) await insertFeriejobbSummer(year, perSummer);

    const counts = await one<Omit<StatisticsHistoryCounts, 'feriejobbSummers' | 'feriejobbOffers'>>(`select
      (select count(*) from history_aspirants)::int as "aspirants",
      (select count(*) from action_plans p join history_aspirants a on a.id = p.aspirant_id)::int as "actionPlans",
      (select count(*) from history_openings)::int as "openings",
      (select count(*) from history_matches)::int as "placements",
      (select count(*) from history_matches where status = 'placed')::int as "currentPlacements",
      (select count(*) from history_follow_ups)::int as "followUps",
      (select count(*) from history_follow_ups where recorded)::int as "recordedFollowUps",
      (select count(*) from placement_follow_ups f join history_matches m on m.id = f.match_id where f.work_through_partnership)::int as "workThroughPartnership"`);
    await run(`drop table history_city_units, history_members, history_districts, history_offices, history_coaches, history_people,
      history_placements, history_aspirants, history_openings, history_matches, history_follow_ups${anonymised ? '' : ', history_identity'}`);
    return { ...counts, feriejobbSummers: feriejobbSummers.length, feriejobbOffers: feriejobbSummers.length * perSummer };
  });
}
