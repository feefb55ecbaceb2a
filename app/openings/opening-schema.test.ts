import { describe, expect, it } from 'vitest';
import { parseSubmission } from '../forms/submission';
import { openingKinds, type OpeningKind } from './opening-rules';
import { daysBetween, kindDetails, kindSubtype, openingSchema, transitionSchema, unpublishSchema } from './opening-schema';

/**
 * The opening form is validated the way its routes do it: a FormData through
 * parseSubmission (conform's parseWithZod: empty fields become "missing"), giving field → messages.
 */
type Values = Record<string, string | string[]>;

function submit(values: Values) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
  return parseSubmission(form, { schema: openingSchema });
}

function fieldErrors(values: Values) {
  const submission = submit(values);
  return submission.status === 'success' ? null : submission.error;
}

function parse(values: Values) {
  const submission = submit(values);
  if (submission.status !== 'success') throw new Error(JSON.stringify(submission.error));
  return submission.value;
}

function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const common = {
  title: 'Barnskötare på förskola',
  description: 'Lek, måltider och utevistelse i ett arbetslag.',
  workplaceAddress: 'Kistagången 12, Stockholm',
  district: '1',
  occupationCode: '5311',
  places: '2',
  swedishLevel: 'basic',
  contactName: 'Erik Johansson',
  contactEmail: 'erik.johansson@exempel.se',
  supervisorName: 'Anna Ek',
};

/** One valid form per kind (dates in 2027). */
const valid: Record<OpeningKind, Values> = {
  stockholmsjobb: {
    ...common,
    kind: 'stockholmsjobb',
    subtype: 'ungdomsanstallning',
    hoursPerWeek: '40',
    startDate: '2027-03-01',
    endDate: '2027-09-01',
    applicationDeadline: '2027-02-01',
  },
  feriejobb: {
    ...common,
    kind: 'feriejobb',
    interestArea: 'barn_och_unga',
    totalHours: '60',
    dailyStart: '08:00',
    dailyEnd: '16:00',
    ageMin: '16',
    ageMax: '19',
    startDate: '2027-06-14',
    endDate: '2027-06-30',
    applicationDeadline: '2027-04-30',
  },
  praktik: {
    ...common,
    kind: 'praktik',
    level: 'apl',
    lengthWeeks: '8',
    startDate: '2027-03-01',
    endDate: '2027-04-26',
    applicationDeadline: '2027-02-01',
  },
  mentor: {
    ...common,
    kind: 'mentor',
    programme: 'yrkesmentor',
    mentorOccupationCode: '2512',
    meetingFrequency: 'biweekly',
    startDate: '2027-03-01',
    endDate: '2027-09-01',
    applicationDeadline: '2027-02-01',
  },
};

const kindCases = openingKinds.map((kind) => [kind] as const);

describe('a valid opening of each kind', () => {
  it.each(kindCases)('%s passes', (kind) => {
    expect(fieldErrors(valid[kind])).toBeNull();
  });

  it('is normalised: numbers, checkboxes, lists, a lower-cased e-mail, and the kind-specific part as details', () => {
    const value = parse({
      ...valid.stockholmsjobb,
      places: '500',
      contactEmail: '  Erik.Johansson@Exempel.SE ',
      swedishRequired: 'on',
      wageSubsidy: 'on',
      languages: 'Arabiska, somaliska, arabiska, ',
      learningGoals: 'Yrkessvenska\n\n  Arbetsmiljö  \n',
      ageMin: '18',
      ageMax: '29',
    });
    expect(value).toMatchObject({
      kind: 'stockholmsjobb',
      places: 500,
      contactEmail: 'erik.johansson@exempel.se',
      swedishRequired: true,
      drivingLicence: false,
      criminalRecordRequired: false,
      languages: ['arabiska', 'somaliska'],
      ageMin: 18,
      ageMax: 29,
    });
    expect(kindDetails(value)).toEqual({
      subtype: 'ungdomsanstallning',
      hoursPerWeek: 40,
      wageSubsidy: true,
      learningGoals: ['Yrkessvenska', 'Arbetsmiljö'],
      combinableWithStudies: false,
    });
    expect(kindSubtype(value)).toBe('ungdomsanstallning');
  });

  it.each([
    ['feriejobb', 'barn_och_unga', { interestArea: 'barn_och_unga', totalHours: 60, dailyStart: '08:00', dailyEnd: '16:00', languageSupport: false, adaptedPlace: false }],
    ['praktik', 'apl', { level: 'apl', lengthWeeks: 8, canLeadToEmployment: false }],
    ['mentor', 'yrkesmentor', { programme: 'yrkesmentor', mentorOccupationCode: '2512', meetingFrequency: 'biweekly' }],
  ] as const)('keeps the %s details and its subtype (%s)', (kind, subtype, details) => {
    const value = parse(valid[kind]);
    expect(kindSubtype(value)).toBe(subtype);
    expect(kindDetails(value)).toEqual(details);
  });

  it('leaves optional ages out of a Stockholmsjobb and praktik when empty, and drops ages from a mentor slot', () => {
    expect(parse({ ...valid.stockholmsjobb, ageMin: '', ageMax: '' })).toMatchObject({ ageMin: undefined, ageMax: undefined });
    expect(parse({ ...valid.praktik, ageMin: '', ageMax: '' })).toMatchObject({ ageMin: undefined, ageMax: undefined });
    expect(parse({ ...valid.mentor, ageMin: '12', ageMax: '99' })).not.toHaveProperty('ageMin');
  });
});

describe('rules common to every kind', () => {
  const start = (kind: OpeningKind) => valid[kind].startDate as string;
  const mentorPeriod = 'En mentorsperiod är mellan 3 och 12 månader (oftast 6–8 månader)';

  // [case, values for the kind, expected errors (null = valid)]
  const table: Array<[string, (kind: OpeningKind) => Values, ((kind: OpeningKind) => Record<string, string[]>) | null]> = [
    ['places 0', () => ({ places: '0' }), () => ({ places: ['Antal platser måste vara minst 1'] })],
    ['places 1', () => ({ places: '1' }), null],
    ['places 500', () => ({ places: '500' }), null],
    ['places 501', () => ({ places: '501' }), () => ({ places: ['Antal platser får vara högst 500'] })],
    ['places not a number', () => ({ places: 'två' }), () => ({ places: ['Ange antal platser som ett heltal'] })],
    ['deadline on the start day', (k) => ({ applicationDeadline: start(k) }), null],
    ['deadline the day after the start', (k) => ({ applicationDeadline: addDays(start(k), 1) }), () => ({ applicationDeadline: ['Sista ansökningsdag måste vara senast startdagen'] })],
    [
      'end on the start day',
      (k) => ({ endDate: start(k) }),
      (k) => ({ endDate: k === 'mentor' ? ['Slutdatum måste vara efter startdatum', mentorPeriod] : ['Slutdatum måste vara efter startdatum'] }),
    ],
    [
      'end before the start',
      (k) => ({ endDate: addDays(start(k), -1), applicationDeadline: addDays(start(k), -2) }),
      (k) => ({ endDate: k === 'mentor' ? ['Slutdatum måste vara efter startdatum', mentorPeriod] : ['Slutdatum måste vara efter startdatum'] }),
    ],
    ['a date that does not exist', () => ({ applicationDeadline: '2027-02-30' }), () => ({ applicationDeadline: ['Ange ett datum som ÅÅÅÅ-MM-DD'] })],
    ['a date in another format', () => ({ applicationDeadline: '1/2 2027' }), () => ({ applicationDeadline: ['Ange ett datum som ÅÅÅÅ-MM-DD'] })],
    ['an SSYK code of three digits', () => ({ occupationCode: '531' }), () => ({ occupationCode: ['Välj ett yrke (en SSYK-kod med fyra siffror)'] })],
    ['no district', () => ({ district: '' }), () => ({ district: ['Välj stadsdelsområde, eller "Utanför Stockholm"'] })],
    ['a workplace outside Stockholm', () => ({ district: 'utanfor' }), null],
    ['an invalid contact e-mail', () => ({ contactEmail: 'erik@' }), () => ({ contactEmail: ['Ange en giltig e-postadress, till exempel namn@exempel.se'] })],
    ['an unknown Swedish level', () => ({ swedishLevel: 'expert' }), () => ({ swedishLevel: ['Välj krav på svenska'] })],
    ['a title of 121 characters', () => ({ title: 'x'.repeat(121) }), () => ({ title: ['Högst 120 tecken'] })],
    ['a title of only spaces', () => ({ title: '   ' }), () => ({ title: ['Ange en rubrik'] })],
  ];

  for (const kind of openingKinds) {
    it.each(table)(`${kind}: %s`, (_name, change, expected) => {
      expect(fieldErrors({ ...valid[kind], ...change(kind) })).toEqual(expected ? expected(kind) : null);
    });
  }

  it('asks for the kind first when it is missing or unknown', () => {
    expect(fieldErrors({})).toEqual({ kind: ['Välj vilken sorts plats det är'] });
    expect(fieldErrors({ ...valid.praktik, kind: 'sommarjobb' })).toEqual({ kind: ['Välj vilken sorts plats det är'] });
  });
});

describe('Stockholmsjobb', () => {
  const window = (min: number, max: number) => `måste ligga mellan ${min} och ${max} år för den här sortens plats`;
  it.each([
    ['ungdomsanstallning', '15', '29', { ageMin: [`Lägsta ålder ${window(16, 29)}`] }],
    ['ungdomsanstallning', '16', '29', null],
    ['ungdomsanstallning', '16', '30', { ageMax: [`Högsta ålder ${window(16, 29)}`] }],
    ['jobbstartsanstallning', '17', '29', { ageMin: [`Lägsta ålder ${window(18, 29)}`] }],
    ['jobbstartsanstallning', '18', '29', null],
    ['jobbstartsanstallning', '18', '30', { ageMax: [`Högsta ålder ${window(18, 29)}`] }],
    ['arbetslagsanstallning', '19', '29', { ageMin: [`Lägsta ålder ${window(20, 29)}`] }],
    ['arbetslagsanstallning', '20', '29', null],
    ['arbetslagsanstallning', '20', '30', { ageMax: [`Högsta ålder ${window(20, 29)}`] }],
    ['introjobbsanstallning', '16', '67', null],
    ['introjobbsanstallning', '15', '68', { ageMin: [`Lägsta ålder ${window(16, 67)}`], ageMax: [`Högsta ålder ${window(16, 67)}`] }],
    ['ungdomsanstallning', '25', '20', { ageMax: ['Högsta ålder kan inte vara lägre än lägsta ålder'] }],
  ])('%s with ages %s–%s', (subtype, ageMin, ageMax, expected) => {
    expect(fieldErrors({ ...valid.stockholmsjobb, subtype, ageMin, ageMax })).toEqual(expected);
  });

  it.each([
    ['no subtype', { subtype: '' }, { subtype: ['Välj anställningsform'] }],
    ['an unknown subtype', { subtype: 'sommaranstallning' }, { subtype: ['Välj anställningsform'] }],
    ['40 hours a week', { hoursPerWeek: '40' }, null],
    ['41 hours a week', { hoursPerWeek: '41' }, { hoursPerWeek: ['Timmar per vecka får vara högst 40'] }],
    ['0 hours a week', { hoursPerWeek: '0' }, { hoursPerWeek: ['Timmar per vecka måste vara minst 1'] }],
    ['ten learning goals', { learningGoals: Array.from({ length: 10 }, (_, i) => `Mål ${i}`).join('\n') }, null],
    ['eleven learning goals', { learningGoals: Array.from({ length: 11 }, (_, i) => `Mål ${i}`).join('\n') }, { learningGoals: ['Högst 10 rader'] }],
  ])('%s', (_name, change, expected) => {
    expect(fieldErrors({ ...valid.stockholmsjobb, ...change })).toEqual(expected);
  });
});

describe('feriejobb', () => {
  it.each([
    ['21 days (start and end day included)', { startDate: '2027-06-14', endDate: '2027-07-04' }, null],
    ['22 days', { startDate: '2027-06-14', endDate: '2027-07-05' }, { endDate: ['En feriejobbsperiod är högst tre veckor'] }],
    ['90 hours', { totalHours: '90' }, null],
    ['91 hours', { totalHours: '91' }, { totalHours: ['Antal timmar totalt får vara högst 90'] }],
    ['0 hours', { totalHours: '0' }, { totalHours: ['Antal timmar totalt måste vara minst 1'] }],
    ['a day from 06:00', { dailyStart: '06:00' }, null],
    ['a day from 05:59', { dailyStart: '05:59' }, { dailyStart: ['Arbetet får börja tidigast 06:00'] }],
    ['a day until 19:00', { dailyEnd: '19:00' }, null],
    ['a day until 19:01', { dailyEnd: '19:01' }, { dailyEnd: ['Arbetet får sluta senast 19:00'] }],
    ['a day that ends when it starts', { dailyStart: '10:00', dailyEnd: '10:00' }, { dailyEnd: ['Arbetsdagen måste sluta efter att den börjat'] }],
    ['a time without leading zero', { dailyStart: '8:00' }, { dailyStart: ['Ange en tid som TT:MM'] }],
    ['a time of 24:00', { dailyEnd: '24:00' }, { dailyEnd: ['Ange en tid som TT:MM'] }],
    ['a start on 1 June', { startDate: '2027-06-01', endDate: '2027-06-21' }, null],
    [
      'a start on 31 May',
      { startDate: '2027-05-31', endDate: '2027-06-10', applicationDeadline: '2027-05-01' },
      { startDate: ['Feriejobb ligger på sommaren: startdatum mellan 1 juni och 31 augusti'] },
    ],
    ['an end on 31 August', { startDate: '2027-08-25', endDate: '2027-08-31' }, null],
    ['an end on 1 September', { startDate: '2027-08-25', endDate: '2027-09-01' }, { endDate: ['Feriejobb ligger på sommaren: slutdatum senast 31 augusti'] }],
    [
      'a start on 1 September',
      { startDate: '2027-09-01', endDate: '2027-09-10' },
      { startDate: ['Feriejobb ligger på sommaren: startdatum mellan 1 juni och 31 augusti'], endDate: ['Feriejobb ligger på sommaren: slutdatum senast 31 augusti'] },
    ],
    ['ages 16–19', { ageMin: '16', ageMax: '19' }, null],
    ['a lowest age of 15', { ageMin: '15' }, { ageMin: ['Lägsta ålder måste vara minst 16'] }],
    ['a highest age of 20', { ageMax: '20' }, { ageMax: ['Högsta ålder får vara högst 19'] }],
    ['a lowest age of 20', { ageMin: '20' }, { ageMin: ['Lägsta ålder får vara högst 19'], ageMax: ['Högsta ålder kan inte vara lägre än lägsta ålder'] }],
    ['ages the wrong way round', { ageMin: '19', ageMax: '17' }, { ageMax: ['Högsta ålder kan inte vara lägre än lägsta ålder'] }],
    ['no ages (they are required)', { ageMin: '', ageMax: '' }, { ageMin: ['Ange lägsta ålder'], ageMax: ['Ange högsta ålder'] }],
    ['no interest area', { interestArea: '' }, { interestArea: ['Välj intresseområde'] }],
  ])('%s', (_name, change, expected) => {
    expect(fieldErrors({ ...valid.feriejobb, ...change })).toEqual(expected);
  });
});

describe('praktik', () => {
  it.each([
    ['a lowest age of 15', { ageMin: '15' }, { ageMin: ['Lägsta ålder måste ligga mellan 16 och 67 år för den här sortens plats'] }],
    ['ages 16–67', { ageMin: '16', ageMax: '67' }, null],
    ['a highest age of 68', { ageMax: '68' }, { ageMax: ['Högsta ålder måste ligga mellan 16 och 67 år för den här sortens plats'] }],
    ['52 weeks', { lengthWeeks: '52' }, null],
    ['53 weeks', { lengthWeeks: '53' }, { lengthWeeks: ['Längd i veckor får vara högst 52'] }],
    ['no level', { level: '' }, { level: ['Välj typ av praktik'] }],
  ])('%s', (_name, change, expected) => {
    expect(fieldErrors({ ...valid.praktik, ...change })).toEqual(expected);
  });
});

describe('mentor', () => {
  const start = '2027-03-01';
  const period = { endDate: ['En mentorsperiod är mellan 3 och 12 månader (oftast 6–8 månader)'] };
  it.each([
    [89, period],
    [90, null],
    [366, null],
    [367, period],
  ])('a period of %i days', (days, expected) => {
    const endDate = addDays(start, days);
    expect(daysBetween(start, endDate)).toBe(days);
    expect(fieldErrors({ ...valid.mentor, startDate: start, endDate })).toEqual(expected);
  });

  it.each([
    ['no mentor occupation', { mentorOccupationCode: '' }, { mentorOccupationCode: ['Välj mentorns yrke (SSYK)'] }],
    ['no programme', { programme: '' }, { programme: ['Välj mentorprogram'] }],
    ['an unknown meeting frequency', { meetingFrequency: 'daily' }, { meetingFrequency: ['Välj hur ofta ni träffas'] }],
  ])('%s', (_name, change, expected) => {
    expect(fieldErrors({ ...valid.mentor, ...change })).toEqual(expected);
  });
});

describe('every error at once', () => {
  it('reports field errors and the date and time rules together, each on its own field', () => {
    expect(
      fieldErrors({
        ...valid.feriejobb,
        title: '',
        places: '0',
        startDate: '2027-05-31',
        endDate: '2027-06-30',
        applicationDeadline: '2027-06-01',
        dailyStart: '05:59',
        dailyEnd: '19:01',
        totalHours: '91',
        ageMin: '15',
      }),
    ).toEqual({
      title: ['Ange en rubrik'],
      places: ['Antal platser måste vara minst 1'],
      totalHours: ['Antal timmar totalt får vara högst 90'],
      ageMin: ['Lägsta ålder måste vara minst 16'],
      applicationDeadline: ['Sista ansökningsdag måste vara senast startdagen'],
      startDate: ['Feriejobb ligger på sommaren: startdatum mellan 1 juni och 31 augusti'],
      endDate: ['En feriejobbsperiod är högst tre veckor'],
      dailyStart: ['Arbetet får börja tidigast 06:00'],
      dailyEnd: ['Arbetet får sluta senast 19:00'],
    });
  });

  it('shows the date rules even while required fields are still empty', () => {
    expect(fieldErrors({ ...valid.praktik, title: '', contactName: '', endDate: valid.praktik.startDate! })).toEqual({
      title: ['Ange en rubrik'],
      contactName: ['Ange kontaktperson'],
      endDate: ['Slutdatum måste vara efter startdatum'],
    });
  });

  it('does not judge an invalid date or time by the cross-field rules', () => {
    expect(fieldErrors({ ...valid.feriejobb, startDate: 'midsommar', dailyEnd: '7 pm' })).toEqual({
      startDate: ['Ange ett datum som ÅÅÅÅ-MM-DD'],
      dailyEnd: ['Ange en tid som TT:MM'],
    });
  });

  it.each([
    [
      'stockholmsjobb',
      { subtype: ['Välj anställningsform'], hoursPerWeek: ['Ange timmar per vecka'] },
    ],
    [
      'feriejobb',
      {
        ageMin: ['Ange lägsta ålder'],
        ageMax: ['Ange högsta ålder'],
        interestArea: ['Välj intresseområde'],
        totalHours: ['Ange antal timmar totalt'],
        dailyStart: ['Ange när arbetsdagen börjar'],
        dailyEnd: ['Ange när arbetsdagen slutar'],
      },
    ],
    ['praktik', { level: ['Välj typ av praktik'], lengthWeeks: ['Ange längd i veckor'] }],
    [
      'mentor',
      { programme: ['Välj mentorprogram'], mentorOccupationCode: ['Välj mentorns yrke (SSYK)'], meetingFrequency: ['Välj hur ofta ni träffas'] },
    ],
  ] as const)('an empty %s form lists every required field in Swedish', (kind, own) => {
    expect(fieldErrors({ kind })).toEqual({
      title: ['Ange en rubrik'],
      description: ['Beskriv platsen och arbetsuppgifterna'],
      workplaceAddress: ['Ange arbetsplatsens adress'],
      district: ['Välj stadsdelsområde, eller "Utanför Stockholm"'],
      occupationCode: ['Välj yrke (SSYK)'],
      places: ['Ange antal platser'],
      startDate: ['Ange startdatum'],
      endDate: ['Ange slutdatum'],
      applicationDeadline: ['Ange sista ansökningsdag'],
      swedishLevel: ['Välj krav på svenska'],
      contactName: ['Ange kontaktperson'],
      contactEmail: ['Ange kontaktpersonens e-postadress'],
      supervisorName: ['Ange handledare på arbetsplatsen'],
      ...own,
    });
  });
});

describe('the small schemas', () => {
  it('accepts only the transitions an employer may ask for', () => {
    for (const to of ['published', 'paused', 'filled', 'closed']) expect(transitionSchema.safeParse({ to }).success).toBe(true);
    for (const to of ['draft', 'expired', '']) expect(transitionSchema.safeParse({ to }).error?.issues[0]?.message).toBe('Ogiltig åtgärd');
  });

  it('requires a reason to unpublish, in Swedish', () => {
    const form = new FormData();
    form.append('reason', '   ');
    const submission = parseSubmission(form, { schema: unpublishSchema });
    expect(submission.status === 'error' && submission.error).toEqual({ reason: ['Ange varför platsen avpubliceras; texten skickas till kontaktpersonen'] });
    expect(unpublishSchema.parse({ reason: '  Rubriken är missvisande. ' })).toEqual({ reason: 'Rubriken är missvisande.' });
  });
});
