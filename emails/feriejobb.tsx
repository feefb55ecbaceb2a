import { Button, Text } from '@react-email/components';
import { EmailLayout, button, paragraph } from './layout';

/**
 * The e-mails of feriejobb, to youths (and a guardian's copy of an offer for those under 18).
 * Plain Swedish for a 16-year-old reader: what happened, what to do, by when.
 */

const facts = { ...paragraph, backgroundColor: '#f4f4f2', padding: '12px 16px', whiteSpace: 'pre-line' } as const;

// --- Confirm the application --------------------------------------------------------------------

export const confirmApplicationSubject = (year: number) => `Bekräfta din ansökan om feriejobb ${year}`;
export function ConfirmApplicationEmail({ firstName, year, url, validHours }: { firstName: string; year: number; url: string; validHours: number }) {
  return (
    <EmailLayout preview={`Bekräfta din ansökan om feriejobb sommaren ${year}`}>
      <Text style={paragraph}>Hej {firstName}!</Text>
      <Text style={paragraph}>
        Tack för din ansökan om feriejobb hos Stockholms stad sommaren {year}. Din ansökan är inte klar förrän du har bekräftat den.
        Klicka på knappen för att bekräfta att det är din e-postadress.
      </Text>
      <Button href={url} style={button}>
        Bekräfta ansökan
      </Button>
      <Text style={paragraph}>
        Länken gäller i {validHours} timmar. Har du redan sökt i år? Då ersätter den här ansökan den förra när du bekräftar den – du har
        aldrig mer än en ansökan.
      </Text>
      <Text style={paragraph}>Om det inte var du som sökte kan du strunta i det här meddelandet.</Text>
    </EmailLayout>
  );
}

// --- Application registered ---------------------------------------------------------------------

export const applicationReceivedSubject = (year: number) => `Din ansökan om feriejobb ${year} är registrerad`;
export function ApplicationReceivedEmail({
  firstName,
  year,
  updated,
  summary,
}: {
  firstName: string;
  year: number;
  updated: boolean;
  summary: string;
}) {
  return (
    <EmailLayout preview={updated ? 'Vi har uppdaterat din ansökan om feriejobb' : 'Vi har tagit emot din ansökan om feriejobb'}>
      <Text style={paragraph}>Hej {firstName}!</Text>
      <Text style={paragraph}>
        {updated
          ? `Din ansökan om feriejobb sommaren ${year} är uppdaterad. Det här gäller nu:`
          : `Vi har tagit emot din ansökan om feriejobb sommaren ${year}. Det här har du sökt:`}
      </Text>
      <Text style={facts}>{summary}</Text>
      <Text style={paragraph}>
        Platserna fördelas rättvist: först efter prioriteringsgrupp och sedan genom lottning. När fördelningen är klar får du ett
        e-postmeddelande. Får du ett erbjudande svarar du med en länk i meddelandet.
      </Text>
    </EmailLayout>
  );
}

// --- An offer of a place ------------------------------------------------------------------------

export const offerSubject = (year: number) => `Du har fått ett feriejobb sommaren ${year} – svara senast på svarsdagen`;
export function OfferEmail({
  firstName,
  year,
  placeFacts,
  deadline,
  url,
  guardianCopy,
}: {
  firstName: string;
  year: number;
  placeFacts: string;
  deadline: string;
  url: string;
  guardianCopy?: boolean;
}) {
  return (
    <EmailLayout preview={`Erbjudande om feriejobb – svara senast ${deadline}`}>
      <Text style={paragraph}>{guardianCopy ? `Hej! Det här är en kopia till dig som vårdnadshavare för ${firstName}.` : `Hej ${firstName}!`}</Text>
      <Text style={paragraph}>{guardianCopy ? `${firstName} har` : 'Du har'} fått ett erbjudande om feriejobb sommaren {year}:</Text>
      <Text style={facts}>{placeFacts}</Text>
      <Text style={paragraph}>
        Svara senast {deadline}. Om du inte svarar går platsen vidare till någon annan. Du tackar ja eller nej på sidan som länken
        öppnar.
      </Text>
      <Button href={url} style={button}>
        Svara på erbjudandet
      </Button>
    </EmailLayout>
  );
}

// --- The youth's answer -------------------------------------------------------------------------

export const offerAnswerSubject = (accepted: boolean) => (accepted ? 'Du har tackat ja till ditt feriejobb' : 'Du har tackat nej till feriejobbet');
export function OfferAnswerEmail({ firstName, accepted, placeFacts }: { firstName: string; accepted: boolean; placeFacts: string }) {
  return (
    <EmailLayout preview={accepted ? 'Välkommen till ditt feriejobb' : 'Vi har tagit emot ditt svar'}>
      <Text style={paragraph}>Hej {firstName}!</Text>
      {accepted ? (
        <>
          <Text style={paragraph}>Välkommen! Du har tackat ja till ditt feriejobb:</Text>
          <Text style={facts}>{placeFacts}</Text>
          <Text style={paragraph}>Din handledare hör av sig före start med information om första dagen.</Text>
        </>
      ) : (
        <Text style={paragraph}>
          Du har tackat nej till feriejobbet. Platsen går vidare till någon annan. Tack för att du svarade.
        </Text>
      )}
    </EmailLayout>
  );
}
