import { Button, Text } from '@react-email/components';
import { EmailLayout, button, paragraph } from './layout';

/**
 * The e-mails of matching and the placement pipeline. The aspirant is only ever named by the
 * employer projection's display name ("Amina H."), passed in as `candidateName`, and only to the
 * employer's side. E-mails to coaches name the opening and say "din aspirant", never the person:
 * the answer and follow-up e-mails do not even take a name.
 */

const quote = { ...paragraph, borderLeft: '4px solid #004b87', paddingLeft: '12px', whiteSpace: 'pre-line' } as const;

// --- To the employer's contact person: a coach proposes a candidate -------------------------

export const proposalSubject = (openingTitle: string) => `Ny kandidat föreslagen: ${openingTitle}`;
export function ProposalEmail({
  contactName,
  openingTitle,
  organizationName,
  candidateName,
  coachName,
  jobbtorgName,
  message,
  url,
}: {
  contactName: string;
  openingTitle: string;
  organizationName: string;
  candidateName: string;
  coachName: string;
  jobbtorgName: string;
  message?: string | null;
  url: string;
}) {
  return (
    <EmailLayout preview={`${coachName} på ${jobbtorgName} föreslår ${candidateName} till ${openingTitle}`}>
      <Text style={paragraph}>Hej {contactName},</Text>
      <Text style={paragraph}>
        {coachName}, jobbcoach på {jobbtorgName}, föreslår {candidateName} till platsen ”{openingTitle}” hos {organizationName}.
      </Text>
      {message ? (
        <>
          <Text style={paragraph}>Jobbcoachen skriver:</Text>
          <Text style={quote}>{message}</Text>
        </>
      ) : null}
      <Text style={paragraph}>
        I Insteg ser du en sammanfattning av kandidatens profil och svarar direkt: om ni är intresserade, vill boka en intervju eller
        tackar nej. Jobbcoachen stöttar både kandidaten och er före, under och efter en anställning.
      </Text>
      <Button href={url} style={button}>
        Visa förslaget
      </Button>
    </EmailLayout>
  );
}

// --- To the coach: the employer's answer ----------------------------------------------------

export type EmployerAnswer = 'reviewed' | 'interview' | 'offer' | 'declined';

const answerSubjectText: Record<EmployerAnswer, string> = {
  reviewed: 'Arbetsgivaren är intresserad',
  interview: 'Intervju bokad',
  offer: 'Erbjudande',
  declined: 'Nej från arbetsgivaren',
};
const answerText: Record<EmployerAnswer, string> = {
  reviewed: 'är intresserad av din aspirant',
  interview: 'har bokat intervju med din aspirant',
  offer: 'har lämnat ett erbjudande till din aspirant',
  declined: 'har tackat nej till din aspirant',
};
/** What the detail is: a decline reason label, or the interview time. */
const detailLabel: Partial<Record<EmployerAnswer, string>> = {
  interview: 'Tid',
  declined: 'Skäl',
};

export const employerAnswerSubject = (openingTitle: string, answer: EmployerAnswer) => `${answerSubjectText[answer]}: ${openingTitle}`;
export function EmployerAnswerEmail({
  coachName,
  openingTitle,
  organizationName,
  answer,
  detail,
  url,
}: {
  coachName: string;
  openingTitle: string;
  organizationName: string;
  answer: EmployerAnswer;
  detail?: string | null;
  url: string;
}) {
  const label = detailLabel[answer];
  return (
    <EmailLayout preview={`${organizationName} ${answerText[answer]}`}>
      <Text style={paragraph}>Hej {coachName},</Text>
      <Text style={paragraph}>
        {organizationName} {answerText[answer]} för platsen ”{openingTitle}”.
      </Text>
      {detail ? <Text style={quote}>{label ? `${label}: ${detail}` : detail}</Text> : null}
      {answer === 'declined' ? (
        <Text style={paragraph}>Förslaget är avslutat. Du kan föreslå din aspirant till andra platser i Insteg.</Text>
      ) : null}
      <Button href={url} style={button}>
        Öppna matchningen
      </Button>
    </EmailLayout>
  );
}

// --- To the employer's contact person and the coach: an interview is booked -----------------

export const interviewSubject = (openingTitle: string) => `Intervju bokad: ${openingTitle}`;
export function InterviewConfirmationEmail({
  recipientName,
  openingTitle,
  organizationName,
  candidateName,
  when,
  place,
  url,
}: {
  recipientName: string;
  openingTitle: string;
  organizationName: string;
  /** The display name, for the employer's copy; leave it out of the coach's copy ("din aspirant"). */
  candidateName?: string | null;
  /** Preformatted in Swedish: "tisdag 1 december 2026 kl. 10:00". */
  when: string;
  place: string;
  url: string;
}) {
  return (
    <EmailLayout preview={`Intervju ${when}: ${openingTitle}`}>
      <Text style={paragraph}>Hej {recipientName},</Text>
      <Text style={paragraph}>
        En intervju med {candidateName || 'din aspirant'} för platsen ”{openingTitle}” hos {organizationName} är bokad:
      </Text>
      <Text style={quote}>
        {when}
        {'\n'}
        {place}
      </Text>
      <Text style={paragraph}>Behöver tiden ändras, kontakta varandra direkt. Jobbcoachen förbereder kandidaten inför intervjun.</Text>
      <Button href={url} style={button}>
        Visa i Insteg
      </Button>
    </EmailLayout>
  );
}

// --- To the employer's contact person and the supervisor: the placement is confirmed --------

export const placementSubject = (openingTitle: string) => `Placering bekräftad: ${openingTitle}`;
export function PlacementConfirmationEmail({
  recipientName,
  openingTitle,
  organizationName,
  candidateName,
  startDate,
  endDate,
  coachName,
  coachEmail,
  url,
}: {
  recipientName: string;
  openingTitle: string;
  organizationName: string;
  candidateName: string;
  startDate: string;
  endDate: string;
  coachName: string;
  coachEmail: string;
  url?: string;
}) {
  return (
    <EmailLayout preview={`${candidateName} börjar ${startDate}: ${openingTitle}`}>
      <Text style={paragraph}>Hej {recipientName},</Text>
      <Text style={paragraph}>
        {candidateName} börjar på platsen ”{openingTitle}” hos {organizationName} den {startDate}. Placeringen pågår till och med {endDate}.
      </Text>
      <Text style={paragraph}>
        Jobbcoachen {coachName} ({coachEmail}) finns med som stöd före, under och efter placeringen, för både er och {candidateName}, enligt
        arbetssättet Supported Employment.
      </Text>
      <Text style={paragraph}>
        Hör av er till jobbcoachen om något uppstår, till exempel frånvaro, behov av anpassning eller om placeringen behöver avslutas i förtid.
      </Text>
      {url ? (
        <Button href={url} style={button}>
          Visa i Insteg
        </Button>
      ) : null}
    </EmailLayout>
  );
}

// --- To the coach: a follow-up is due -------------------------------------------------------

export const followUpSubject = (checkpoint: 3 | 6) => `Dags för uppföljning ${checkpoint} månader efter en placering`;
export function FollowUpReminderEmail({
  coachName,
  openingTitle,
  checkpoint,
  dueOn,
  url,
}: {
  coachName: string;
  openingTitle: string;
  checkpoint: 3 | 6;
  dueOn: string;
  url: string;
}) {
  return (
    <EmailLayout preview={`Uppföljning efter ${checkpoint} månader, senast ${dueOn}`}>
      <Text style={paragraph}>Hej {coachName},</Text>
      <Text style={paragraph}>
        Det har gått {checkpoint} månader sedan din aspirants placering på ”{openingTitle}” avslutades. Det är dags att registrera vad
        personen gör nu: arbetar, studerar, varken eller, eller okänt. Uppföljningen ska vara registrerad senast {dueOn} och räknas i
        stadens statistik.
      </Text>
      <Button href={url} style={button}>
        Registrera uppföljningen
      </Button>
    </EmailLayout>
  );
}
