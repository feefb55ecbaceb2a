import { Button, Link, Text } from '@react-email/components';
import { EmailLayout, button, paragraph } from './layout';

export interface PasswordResetEmailProps {
  name: string;
  resetUrl: string;
  validMinutes: number;
}

export const passwordResetSubject = 'Återställ ditt lösenord i Insteg';

export function PasswordResetEmail({ name, resetUrl, validMinutes }: PasswordResetEmailProps) {
  return (
    <EmailLayout preview="Välj ett nytt lösenord till Insteg">
      <Text style={paragraph}>Hej {name},</Text>
      <Text style={paragraph}>
        Någon (förhoppningsvis du) har bett om att få återställa lösenordet till ditt konto i Insteg. Välj ett nytt
        lösenord med knappen nedan. Länken fungerar en gång och gäller i {validMinutes} minuter.
      </Text>
      <Button href={resetUrl} style={button}>
        Välj nytt lösenord
      </Button>
      <Text style={paragraph}>
        Om knappen inte fungerar, klistra in den här adressen i webbläsaren: <Link href={resetUrl}>{resetUrl}</Link>
      </Text>
      <Text style={paragraph}>
        Har du inte bett om detta kan du bortse från meddelandet; ditt lösenord ändras inte.
      </Text>
    </EmailLayout>
  );
}

export default PasswordResetEmail;
