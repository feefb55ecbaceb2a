import { Button, Link, Text } from '@react-email/components';
import { EmailLayout, button, paragraph } from './layout';

export interface InvitationEmailProps {
  name: string;
  roleLabel: string;
  setPasswordUrl: string;
  validDays: number;
}

export const invitationSubject = 'Du har fått ett konto i Insteg';

export function InvitationEmail({ name, roleLabel, setPasswordUrl, validDays }: InvitationEmailProps) {
  return (
    <EmailLayout preview="Välj ett lösenord för att komma igång med Insteg">
      <Text style={paragraph}>Hej {name},</Text>
      <Text style={paragraph}>
        Du har fått ett konto i Insteg med rollen {roleLabel}. Välj ett lösenord för att logga in. Länken fungerar en
        gång och gäller i {validDays} dagar.
      </Text>
      <Button href={setPasswordUrl} style={button}>
        Välj lösenord
      </Button>
      <Text style={paragraph}>
        Om knappen inte fungerar, klistra in den här adressen i webbläsaren:{' '}
        <Link href={setPasswordUrl}>{setPasswordUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

export default InvitationEmail;
