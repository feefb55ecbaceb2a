import { Text } from '@react-email/components';
import { EmailLayout, paragraph } from './layout';

/** Stockholmsmentor's e-mails: the introduction of a confirmed pair, and the coordinator's reminder. */

const facts = { ...paragraph, backgroundColor: '#f4f4f2', padding: '12px 16px', whiteSpace: 'pre-line' } as const;

export const introductionSubject = 'Välkommen till Stockholmsmentor – ni är ett mentorpar';
export function IntroductionEmail({
  recipientName,
  role,
  otherName,
  otherContact,
  programmeLabel,
  coordinatorName,
}: {
  recipientName: string;
  role: 'mentor' | 'adept';
  otherName: string;
  otherContact: string;
  programmeLabel: string;
  coordinatorName: string;
}) {
  return (
    <EmailLayout preview={`Du och ${otherName} är ett mentorpar i ${programmeLabel}`}>
      <Text style={paragraph}>Hej {recipientName}!</Text>
      <Text style={paragraph}>
        {role === 'mentor' ? `Tack för att du är mentor. Din adept är ${otherName}.` : `Välkommen till Stockholmsmentor! Din mentor är ${otherName}.`}{' '}
        Ni är ett par i programmet {programmeLabel}.
      </Text>
      <Text style={facts}>Kontakt: {otherContact}</Text>
      <Text style={paragraph}>Inför första mötet:</Text>
      <Text style={facts}>
        {[
          '• Boka ett första möte inom två veckor, gärna på en lugn plats som passar er båda (till exempel ett bibliotek eller ett café).',
          '• Berätta om er själva och om vad ni vill få ut av mentorskapet. Sätt gärna två eller tre mål tillsammans.',
          '• Kom överens om hur ofta ni ses (minst en gång i månaden) och hur ni håller kontakten mellan mötena.',
          '• Det som sägs mellan er stannar mellan er. Mentorn ger råd och delar erfarenheter men fattar inga beslut åt adepten.',
        ].join('\n')}
      </Text>
      <Text style={paragraph}>
        Har ni frågor, eller fungerar det inte? Hör av er till mentorsamordnaren {coordinatorName}. Vi följer upp hur det går efter några
        veckor.
      </Text>
    </EmailLayout>
  );
}

export const followUpReminderSubject = (count: number) => `${count} mentorpar behöver uppföljning`;
export function FollowUpReminderEmail({ coordinatorName, pairs, url }: { coordinatorName: string; pairs: string[]; url: string }) {
  return (
    <EmailLayout preview={`${pairs.length} mentorpar har inte loggat något möte på fem veckor`}>
      <Text style={paragraph}>Hej {coordinatorName},</Text>
      <Text style={paragraph}>De här paren har inte loggat något möte på fem veckor eller mer:</Text>
      <Text style={facts}>{pairs.map((p) => `• ${p}`).join('\n')}</Text>
      <Text style={paragraph}>Öppna Stockholmsmentor för att följa upp: {url}</Text>
    </EmailLayout>
  );
}
