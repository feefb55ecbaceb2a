import { Button, Text } from '@react-email/components';
import { EmailLayout, button, paragraph } from './layout';

interface OpeningRef {
  contactName: string;
  title: string;
  kindLabel: string;
  organizationName: string;
  url: string;
}

export const openingPublishedSubject = (title: string) => `Din plats är publicerad: ${title}`;
export function OpeningPublishedEmail({ contactName, title, kindLabel, organizationName, url, deadline }: OpeningRef & { deadline: string }) {
  return (
    <EmailLayout preview={`${title} är publicerad i Insteg`}>
      <Text style={paragraph}>Hej {contactName},</Text>
      <Text style={paragraph}>
        Platsen ”{title}” ({kindLabel}) hos {organizationName} är nu publicerad i Insteg. Jobbcoacher på Jobbtorg Stockholm kan
        hitta den och föreslå kandidater. Sista ansökningsdag är {deadline}.
      </Text>
      <Button href={url} style={button}>
        Visa platsen
      </Button>
    </EmailLayout>
  );
}

export const openingUnpublishedSubject = (title: string) => `Din plats har avpublicerats: ${title}`;
export function OpeningUnpublishedEmail({ contactName, title, kindLabel, organizationName, url, reason }: OpeningRef & { reason: string }) {
  return (
    <EmailLayout preview={`${title} har tagits bort från listningen`}>
      <Text style={paragraph}>Hej {contactName},</Text>
      <Text style={paragraph}>
        Platsen ”{title}” ({kindLabel}) hos {organizationName} har avpublicerats av Arbetsmarknadsförvaltningen och syns inte
        längre för jobbcoacher. Skälet:
      </Text>
      <Text style={{ ...paragraph, borderLeft: '4px solid #004b87', paddingLeft: '12px' }}>{reason}</Text>
      <Text style={paragraph}>Platsen finns kvar som utkast. Du kan ändra den och publicera den igen.</Text>
      <Button href={url} style={button}>
        Öppna platsen
      </Button>
    </EmailLayout>
  );
}

const daysLeftText = (days: number) => (days <= 0 ? 'Sista ansökningsdag i dag' : days === 1 ? 'En dag kvar till sista ansökningsdag' : `${days === 2 ? 'Två' : 'Tre'} dagar kvar till sista ansökningsdag`);
export const openingDeadlineSubject = (title: string, daysLeft = 3) => `${daysLeftText(daysLeft)}: ${title}`;
export function OpeningDeadlineReminderEmail({ contactName, title, kindLabel, organizationName, url, deadline }: OpeningRef & { deadline: string }) {
  return (
    <EmailLayout preview={`Sista ansökningsdag för ${title} är ${deadline}`}>
      <Text style={paragraph}>Hej {contactName},</Text>
      <Text style={paragraph}>
        Sista ansökningsdag för ”{title}” ({kindLabel}) hos {organizationName} är {deadline}. Efter den dagen tas platsen bort
        från listningen automatiskt. Behöver ni mer tid kan ni flytta sista ansökningsdag i Insteg.
      </Text>
      <Button href={url} style={button}>
        Visa platsen
      </Button>
    </EmailLayout>
  );
}
