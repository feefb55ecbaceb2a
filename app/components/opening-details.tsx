import {
  feriejobbInterestAreaLabels,
  meetingFrequencyLabels,
  mentorProgrammeLabels,
  openingKindLabels,
  openingStatusLabels,
  praktikLevelLabels,
  swedishLevelLabels,
  type OpeningKind,
  type OpeningStatus,
  type SwedishLevel,
} from '../openings/opening-rules';

export interface OpeningDetailsData {
  kind: OpeningKind;
  subtypeLabel: string;
  title: string;
  description: string;
  organizationName: string;
  workplaceAddress: string;
  districtName: string | null;
  clusterName: string | null;
  occupationCode: string;
  occupationName: string;
  places: number;
  startDate: string;
  endDate: string;
  applicationDeadline: string;
  ageMin: number | null;
  ageMax: number | null;
  swedishLevel: SwedishLevel;
  swedishRequired: boolean;
  languages: string[];
  drivingLicence: boolean;
  criminalRecordRequired: boolean;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  supervisorName: string;
  adaptations: string | null;
  status: OpeningStatus;
  details: Record<string, unknown>;
}

const yesNo = (v: unknown) => (v ? 'Ja' : 'Nej');

export function statusBadgeClass(status: OpeningStatus) {
  return status === 'published' ? 'ok' : status === 'draft' || status === 'paused' ? 'warn' : 'error';
}

/** Everything about an opening, as staff and the owning employer see it. */
export function OpeningDetails({ opening: o }: { opening: OpeningDetailsData }) {
  const d = o.details;
  return (
    <>
      <p className="hit-meta">
        <span className="badge">{openingKindLabels[o.kind]}</span>
        <span>{o.subtypeLabel}</span>
        <span className={`badge ${statusBadgeClass(o.status)}`}>{openingStatusLabels[o.status]}</span>
      </p>
      <div className="card">
        <p style={{ whiteSpace: 'pre-wrap' }}>{o.description}</p>
      </div>
      <h2>Fakta</h2>
      <dl className="facts card">
        <dt>Organisation</dt>
        <dd>{o.organizationName}</dd>
        <dt>Arbetsplats</dt>
        <dd>
          {o.workplaceAddress}, {o.districtName ? `${o.districtName} (${o.clusterName})` : 'utanför Stockholm'}
        </dd>
        <dt>Yrke</dt>
        <dd>
          {o.occupationName} (SSYK {o.occupationCode})
        </dd>
        <dt>Antal platser</dt>
        <dd>{o.places}</dd>
        <dt>Period</dt>
        <dd>
          {o.startDate} – {o.endDate}
        </dd>
        <dt>Sista ansökningsdag</dt>
        <dd>{o.applicationDeadline}</dd>
        {o.ageMin !== null || o.ageMax !== null ? (
          <>
            <dt>Ålder</dt>
            <dd>
              {o.ageMin ?? '–'}–{o.ageMax ?? '–'} år
            </dd>
          </>
        ) : null}
        {o.kind === 'stockholmsjobb' ? (
          <>
            <dt>Timmar per vecka</dt>
            <dd>{String(d.hoursPerWeek)}</dd>
            <dt>Lönesubvention</dt>
            <dd>{yesNo(d.wageSubsidy)}</dd>
            <dt>Kan kombineras med studier</dt>
            <dd>{yesNo(d.combinableWithStudies)}</dd>
          </>
        ) : null}
        {o.kind === 'feriejobb' ? (
          <>
            <dt>Intresseområde</dt>
            <dd>{feriejobbInterestAreaLabels[d.interestArea as keyof typeof feriejobbInterestAreaLabels]}</dd>
            <dt>Timmar totalt</dt>
            <dd>{String(d.totalHours)}</dd>
            <dt>Arbetstid</dt>
            <dd>
              {String(d.dailyStart)}–{String(d.dailyEnd)}
            </dd>
            <dt>Språkstöd</dt>
            <dd>{yesNo(d.languageSupport)}</dd>
            <dt>Anpassad plats</dt>
            <dd>{yesNo(d.adaptedPlace)}</dd>
          </>
        ) : null}
        {o.kind === 'praktik' ? (
          <>
            <dt>Typ av praktik</dt>
            <dd>{praktikLevelLabels[d.level as keyof typeof praktikLevelLabels]}</dd>
            <dt>Längd</dt>
            <dd>{String(d.lengthWeeks)} veckor</dd>
            <dt>Kan leda till anställning</dt>
            <dd>{yesNo(d.canLeadToEmployment)}</dd>
          </>
        ) : null}
        {o.kind === 'mentor' ? (
          <>
            <dt>Program</dt>
            <dd>{mentorProgrammeLabels[d.programme as keyof typeof mentorProgrammeLabels]}</dd>
            <dt>Mentorns yrke</dt>
            <dd>SSYK {String(d.mentorOccupationCode)}</dd>
            <dt>Träffar</dt>
            <dd>{meetingFrequencyLabels[d.meetingFrequency as keyof typeof meetingFrequencyLabels]}</dd>
          </>
        ) : null}
        <dt>Svenska</dt>
        <dd>
          {swedishLevelLabels[o.swedishLevel]}
          {o.swedishLevel !== 'none' ? (o.swedishRequired ? ' (krav)' : ' (önskemål)') : ''}
        </dd>
        {o.languages.length ? (
          <>
            <dt>Språk</dt>
            <dd>{o.languages.join(', ')}</dd>
          </>
        ) : null}
        <dt>Körkort</dt>
        <dd>{o.drivingLicence ? 'Krävs' : 'Krävs inte'}</dd>
        <dt>Utdrag ur belastningsregistret</dt>
        <dd>{o.criminalRecordRequired ? 'Krävs' : 'Krävs inte'}</dd>
        {o.adaptations ? (
          <>
            <dt>Anpassningar</dt>
            <dd>{o.adaptations}</dd>
          </>
        ) : null}
        <dt>Kontaktperson</dt>
        <dd>
          {o.contactName}, <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a>
          {o.contactPhone ? `, ${o.contactPhone}` : ''}
        </dd>
        <dt>Handledare</dt>
        <dd>{o.supervisorName}</dd>
      </dl>
      {o.kind === 'stockholmsjobb' && Array.isArray(d.learningGoals) && d.learningGoals.length ? (
        <>
          <h2>Lärandemål</h2>
          <ul>
            {(d.learningGoals as string[]).map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
