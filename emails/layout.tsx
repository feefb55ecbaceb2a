import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

/** The frame every Insteg e-mail shares: Swedish, plain, readable in any client. */
export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="sv">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f4f4f2', fontFamily: 'Arial, Helvetica, sans-serif', color: '#1b1b1b' }}>
        <Container style={{ backgroundColor: '#ffffff', padding: '32px', maxWidth: '560px' }}>
          <Text style={{ fontSize: '20px', fontWeight: 700, color: '#004b87', margin: '0 0 16px' }}>Insteg</Text>
          <Section>{children}</Section>
          <Hr style={{ margin: '32px 0 16px' }} />
          <Text style={{ fontSize: '12px', color: '#555555' }}>
            Insteg – Stockholms stads plattform för arbetsmarknadsinsatser. Det här meddelandet skickades automatiskt;
            svara inte på det.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph = { fontSize: '15px', lineHeight: '22px' } as const;
export const button = {
  backgroundColor: '#004b87',
  color: '#ffffff',
  padding: '12px 20px',
  borderRadius: '4px',
  textDecoration: 'none',
  display: 'inline-block',
  fontWeight: 700,
} as const;
