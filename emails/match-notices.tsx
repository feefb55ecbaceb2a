import { Button, Text } from '@react-email/components';
import { EmailLayout, button, paragraph } from './layout';

/**
 * The e-mails of matching and the placement pipeline. The aspirant is only ever named by the
 * employer projection's display name ("Amina H."), and only to the employer's side; e-mails to
 * coaches name the opening, never the person.
 */

const quote = { ...paragraph, borderLeft: '4px solid #004b87', paddingLeft: '12px', whiteSpace: 'pre-line' } as const;

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
    <EmailLayout preview={`${coachName} på ${jobbtorgName} föreslår ${candidateName}`}>
      <Text style={paragraph}>Hej {contactName},</Text>
      <Text style={paragraph}>
        {coachName}, jobbcoach på {jobbtorgName}, föreslår {candidateName} till platsen ”{openingTitle}” hos {organizationName}.
      </Text>
      {message ? <Text style={quote}>{message}</Text> : null}
      <Text style={paragraph}>
        Du ser en sammanfattning av kandidatens profil och svarar direkt i Insteg: om ni är intresserade, vill boka en intervju eller
        tackar nej. Jobbcoachen stöttar både kandidaten och er före, under och efter en anställning.
      </Text>
      <Button href={url} style={button}>
        Visa förslaget
      </Button>
    </EmailLayout>
  );
}

export type EmployerAnswer = 'reviewed' | 'interview' | 'offer' | 'declined';
const answerText: Record<EmployerAnswer, string> = {
  reviewed: 'är intresserade av din kandidat',
  interview: 'har bokat en intervju med din kandidat',
  offer: 'har erbjudit din kandidat platsen',
  declined: 'har tackat nej till din kandidat',
};
export const employerAnswerSubject = (openingTitle: string, answer: EmployerAnswer) =>
  `${answer === 'declined' ? 'Nej' : answer === 'offer' ? 'Erbjudande' : answer === 'interview' ? 'Intervju' : 'Intresse'}: ${openingTitle}`;
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
  return (
    <EmailLayout preview={`${organizationName} ${answerText[answer]}`}>
      <Text style={paragraph}>Hej {coachName},</Text>
      <Text style={paragraph}>
        {organizationName} {answerText[answer]} till platsen ”{openingTitle}”.
      </Text>
      {detail ? <Text style={quote}>{detail}</Text> : null}
      <Button href={url} style={button}>
        Öppna matchningen
      </Button>
    </EmailLayout>
  );
}

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
  candidateName: string;
  when: string;
  place: string;
  url: string;
}) {
  return (
    <EmailLayout preview={`Intervju ${when}`}>
      <Text style={paragraph}>Hej {recipientName},</Text>
      <Text style={paragraph}>
        En intervju för platsen ”{openingTitle}” hos {organizationName} med {candidateName} är bokad:
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
    <EmailLayout preview={`${candidateName} börjar ${startDate}`}>
      <Text style={paragraph}>Hej {recipientName},</Text>
      <Text style={paragraph}>
        {candidateName} börjar på platsen ”{openingTitle}” hos {organizationName} den {startDate}. Placeringen pågår till och med {endDate}.
      </Text>
      <Text style={paragraph}>
        Jobbcoachen {coachName} ({coachEmail}) finns med som stöd före, under och efter placeringen, för både er och {candidateName}. Hör
        av er till jobbcoachen om något uppstår, till exempel frånvaro, behov av anpassning eller om placeringen behöver avslutas.
      </Text>
      {url ? (
        <Button href={url} style={button}>
          Visa i Insteg
        </Button>
      ) : null}
    </EmailLayout>
  );
}

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
    <EmailLayout preview={`Uppföljning senast ${dueOn}`}>
      <Text style={paragraph}>Hej {coachName},</Text>
      <Text style={paragraph}>
        Det har gått {checkpoint} månader sedan placeringen på ”{openingTitle}” avslutades. Registrera vad personen gör nu: arbetar,
        studerar, varken eller, eller okänt. Uppföljningen räknas i stadens statistik.
      </Text>
      <Button href={url} style={button}>
        Registrera uppföljningen
      </Button>
    </EmailLayout>
  );
}
