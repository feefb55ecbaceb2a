import { describe, expect, it } from 'vitest';
import { testPersonnummer } from '../../db/seed/random';
import { parseSubmission } from '../forms/submission';
import { actionPlanSchema, activitySchema, aspirantSchema, exitSchema } from './aspirant-schema';

const PNR = testPersonnummer('1990-01-01', 980);
const valid = {
  firstName: 'Amina',
  lastName: 'Hassan',
  personnummer: PNR,
  gender: 'kvinna',
  district: '3',
  swedishLevel: 'good',
  education: 'gymnasial',
  enrolledOn: '2026-03-02',
};

function errorsOf(schema: Parameters<typeof parseSubmission>[1]['schema'], fields: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) fd.append(k, item);
  const submission = parseSubmission(fd, { schema });
  return submission.status === 'success' ? {} : submission.reply().error;
}

describe('aspirantSchema', () => {
  it('accepts a minimal enrolment and normalises the personnummer', () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ ...valid, personnummer: `${PNR.slice(2, 8)}-${PNR.slice(8)}` })) fd.append(k, v);
    const s = parseSubmission(fd, { schema: aspirantSchema });
    expect(s.status).toBe('success');
    if (s.status !== 'success') return;
    expect(s.value).toMatchObject({
      personnummer: { normalized: PNR, birthDate: '1990-01-01', coordinationNumber: false },
      targetGroups: [],
      languages: [],
      occupations: [],
      consent: false,
      drivingLicence: false,
    });
    expect(s.value.hoursPerWeek).toBeUndefined();
  });

  it.each<[string, Record<string, string | string[]>, Record<string, string[]>]>([
    ['empty names', { firstName: '', lastName: '' }, { firstName: ['Ange förnamn'], lastName: ['Ange efternamn'] }],
    ['a missing personnummer', { personnummer: '' }, { personnummer: ['Ange personnummer'] }],
    ['a malformed personnummer', { personnummer: '1990-01-01' }, { personnummer: ['Ange personnumret som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN'] }],
    ['a wrong check digit', { personnummer: `${PNR.slice(0, 11)}${(Number(PNR[11]) + 1) % 10}` }, { personnummer: ['Personnumret är inte giltigt: kontrollera datum och kontrollsiffra'] }],
    ['an unknown gender', { gender: 'x' }, { gender: ['Välj kön'] }],
    ['no district', { district: '' }, { district: ['Välj stadsdelsområde, eller "Utanför Stockholm"'] }],
    ['an unknown target group', { targetGroups: ['uvas', 'rik'] }, { 'targetGroups[1]': ['Välj målgrupper i listan'] }],
    ['a language without level', { languages: 'arabiska' }, { languages: ['Skriv "språk: nivå" med nivån grundläggande, god, flytande eller modersmål (rad "arabiska")'] }],
    ['no Swedish level', { swedishLevel: '' }, { swedishLevel: ['Välj nivå i svenska'] }],
    ['no education', { education: '' }, { education: ['Välj utbildningsnivå'] }],
    ['completed upper secondary with förgymnasial education', { education: 'forgymnasial', completedUpperSecondary: 'on' }, { completedUpperSecondary: ['Med förgymnasial utbildning är gymnasiet inte fullföljt'] }],
    ['a malformed occupation', { occupations: '532' }, { occupations: ['Skriv en SSYK-kod med fyra siffror och antal år, till exempel "5321: 3" (rad "532")'] }],
    ['a bad availability date', { availableFrom: '1 maj' }, { availableFrom: ['Ange ett datum som ÅÅÅÅ-MM-DD'] }],
    ['zero hours', { hoursPerWeek: '0' }, { hoursPerWeek: ['Timmar per vecka måste vara minst 1'] }],
    ['41 hours', { hoursPerWeek: '41' }, { hoursPerWeek: ['Timmar per vecka får vara högst 40'] }],
    ['fractional hours', { hoursPerWeek: '7.5' }, { hoursPerWeek: ['Ange timmar per vecka som ett heltal'] }],
    ['too long adaptation needs', { adaptationNeeds: 'x'.repeat(2001) }, { adaptationNeeds: ['Högst 2000 tecken'] }],
    ['no enrolment date', { enrolledOn: '' }, { enrolledOn: ['Ange inskrivningsdatum'] }],
    ['too long notes', { notes: 'x'.repeat(5001) }, { notes: ['Högst 5000 tecken'] }],
  ])('reports %s in Swedish on the field', (_name, overrides, expected) => {
    expect(errorsOf(aspirantSchema, { ...valid, ...overrides })).toEqual(expected);
  });

  it('accepts a coordination number', () => {
    expect(errorsOf(aspirantSchema, { ...valid, personnummer: testPersonnummer('1985-07-09', 983, { coordination: true }) })).toEqual({});
  });
});

describe('plan, activity and exit schemas', () => {
  it('require a goal and dates in order', () => {
    expect(errorsOf(actionPlanSchema, { goal: '', createdOn: '' })).toEqual({ goal: ['Beskriv målet med handlingsplanen'], createdOn: ['Ange datum för handlingsplanen'] });
    expect(errorsOf(actionPlanSchema, { goal: 'Jobb', createdOn: '2026-03-02', reviewedOn: '2026-03-01' })).toEqual({ reviewedOn: ['Uppföljningen kan inte vara före planens datum'] });
  });

  it('check an activity', () => {
    expect(errorsOf(activitySchema, { type: '', description: '', startOn: '', endOn: '', status: '' })).toEqual({
      type: ['Välj typ av aktivitet'],
      description: ['Beskriv aktiviteten'],
      startOn: ['Ange startdatum'],
      endOn: ['Ange slutdatum'],
      status: ['Välj status'],
    });
    expect(errorsOf(activitySchema, { type: 'praktik', description: 'x', startOn: '2026-03-02', endOn: '2026-03-01', status: 'planned', followUpOn: '2026-03-01' })).toEqual({
      endOn: ['Slutdatum kan inte vara före startdatum'],
      followUpOn: ['Uppföljningen kan inte vara före startdatum'],
    });
  });

  it('require a date and a reason to exit', () => {
    expect(errorsOf(exitSchema, {})).toEqual({ exitedOn: ['Ange datum för utskrivning'], exitReason: ['Välj orsak till utskrivningen'] });
  });
});
