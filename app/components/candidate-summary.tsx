import { ageBandLabels } from '../aspirants/aspirant-bands';
import { educationLabels, languageLevelLabels, swedishLevelLabels } from '../aspirants/aspirant-rules';
import type { EmployerAspirantSummary } from '../aspirants/employer-projection';

type Summary = Omit<EmployerAspirantSummary, 'id' | 'languages' | 'occupations'> & {
  languages: Array<{ language: string; level: string }>;
  occupations: Array<{ code: string; years: number; name?: string }>;
  districtName?: string | null;
};

/** What an employer may see of a candidate: the consented profile summary, nothing else. */
export function CandidateSummary({ candidate }: { candidate: Summary }) {
  return (
    <dl>
      <dt>Namn</dt>
      <dd>{candidate.displayName}</dd>
      <dt>Ålder</dt>
      <dd>{ageBandLabels[candidate.ageBand]}</dd>
      {candidate.districtName ? (
        <>
          <dt>Bor i</dt>
          <dd>{candidate.districtName}</dd>
        </>
      ) : null}
      <dt>Svenska</dt>
      <dd>{swedishLevelLabels[candidate.swedishLevel as keyof typeof swedishLevelLabels] ?? candidate.swedishLevel}</dd>
      <dt>Andra språk</dt>
      <dd>
        {candidate.languages.length
          ? candidate.languages.map((l) => `${l.language} (${languageLevelLabels[l.level as keyof typeof languageLevelLabels] ?? l.level})`).join(', ')
          : '–'}
      </dd>
      <dt>Utbildning</dt>
      <dd>{educationLabels[candidate.education as keyof typeof educationLabels] ?? candidate.education}</dd>
      <dt>Yrkeserfarenhet och intressen</dt>
      <dd>{candidate.occupations.length ? candidate.occupations.map((o) => `${o.name ?? o.code}${o.years ? `, ${o.years} år` : ''}`).join('; ') : '–'}</dd>
      <dt>Körkort</dt>
      <dd>{candidate.drivingLicence ? 'Ja' : 'Nej'}</dd>
      <dt>Tillgänglig</dt>
      <dd>
        {candidate.availableFrom ? `från ${candidate.availableFrom}` : 'nu'}
        {candidate.hoursPerWeek ? `, ${candidate.hoursPerWeek} timmar per vecka` : ''}
      </dd>
    </dl>
  );
}
