import { render } from '@react-email/render';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import {
  EmployerAnswerEmail,
  employerAnswerSubject,
  FollowUpReminderEmail,
  followUpSubject,
  InterviewConfirmationEmail,
  interviewSubject,
  PlacementConfirmationEmail,
  placementSubject,
  ProposalEmail,
  proposalSubject,
  type EmployerAnswer,
} from './match-notices';

const CANDIDATE = 'Amina H.';
const PAYLOAD = '<script>alert(1)</script>';
const ATTRIBUTE_PAYLOAD = '"><img src=x onerror=alert(2)>';

async function renderBoth(element: ReactElement) {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text: text.replace(/\s+/g, ' ') };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

/** Every string prop, set to an HTML payload, comes back escaped (each one of them), never as markup. */
async function expectEscaped(element: ReactElement<Record<string, unknown>>) {
  const html = await render(element);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img/i);
  const poisonedProps = Object.entries(element.props).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].includes('<'));
  expect(poisonedProps.length).toBeGreaterThanOrEqual(4);
  for (const [key, value] of poisonedProps) expect(html, key).toContain(escapeHtml(value));
  return html;
}

/** The same props with every string replaced by a payload (URLs keep a harmless scheme). */
function poisoned<T extends Record<string, unknown>>(props: T): T {
  return Object.fromEntries(
    Object.entries(props).map(([k, v]) => [
      k,
      typeof v !== 'string' ? v : k === 'url' ? `https://insteg.test/x?q=${ATTRIBUTE_PAYLOAD}${PAYLOAD}` : `${v} ${PAYLOAD}`,
    ]),
  ) as T;
}

describe('ProposalEmail (to the employer’s contact person)', () => {
  const props = {
    contactName: 'Karin Lund',
    openingTitle: 'Undersköterska, hemtjänst',
    organizationName: 'Järva hemtjänst AB',
    candidateName: CANDIDATE,
    coachName: 'Omar Coach',
    jobbtorgName: 'Jobbtorg Järva',
    message: 'Hon har två års erfarenhet från äldreomsorg.',
    url: 'https://insteg.test/arbetsgivare/forslag/m-1',
  };

  it('has a subject naming the opening', () => {
    expect(proposalSubject(props.openingTitle)).toBe('Ny kandidat föreslagen: Undersköterska, hemtjänst');
  });

  it('says who proposes whom, with the coach’s message and a button to answer', async () => {
    const { html, text } = await renderBoth(<ProposalEmail {...props} />);
    expect(text).toContain('Hej Karin Lund,');
    expect(text).toContain('Omar Coach, jobbcoach på Jobbtorg Järva, föreslår Amina H. till platsen ”Undersköterska, hemtjänst” hos Järva hemtjänst AB.');
    expect(text).toContain('Hon har två års erfarenhet från äldreomsorg.');
    expect(text).toContain('sammanfattning av kandidatens profil');
    expect(html).toContain('Visa förslaget');
    expect(html).toContain('href="https://insteg.test/arbetsgivare/forslag/m-1"');
  });

  it('leaves out the message block when there is none', async () => {
    const { text } = await renderBoth(<ProposalEmail {...props} message={null} />);
    expect(text).not.toContain('Jobbcoachen skriver');
  });

  it('escapes HTML in every prop', async () => {
    await expectEscaped(<ProposalEmail {...poisoned(props)} />);
  });
});

describe('EmployerAnswerEmail (to the coach)', () => {
  const props = {
    coachName: 'Omar Coach',
    openingTitle: 'Barnskötare, förskola',
    organizationName: 'Förskolan Solen',
    url: 'https://insteg.test/matchningar/m-1',
  };

  it.each([
    ['reviewed', 'Arbetsgivaren är intresserad: Barnskötare, förskola', 'Förskolan Solen är intresserad av din aspirant för platsen ”Barnskötare, förskola”.'],
    ['interview', 'Intervju bokad: Barnskötare, förskola', 'Förskolan Solen har bokat intervju med din aspirant'],
    ['offer', 'Erbjudande: Barnskötare, förskola', 'Förskolan Solen har lämnat ett erbjudande till din aspirant'],
    ['declined', 'Nej från arbetsgivaren: Barnskötare, förskola', 'Förskolan Solen har tackat nej till din aspirant'],
  ] as Array<[EmployerAnswer, string, string]>)('%s: subject and wording', async (answer, subject, sentence) => {
    expect(employerAnswerSubject(props.openingTitle, answer)).toBe(subject);
    const { html, text } = await renderBoth(<EmployerAnswerEmail {...props} answer={answer} />);
    expect(text).toContain('Hej Omar Coach,');
    expect(text).toContain(sentence);
    expect(html).toContain('href="https://insteg.test/matchningar/m-1"');
  });

  it('shows the decline reason or the interview time as the detail', async () => {
    const declined = await renderBoth(<EmployerAnswerEmail {...props} answer="declined" detail="Platsen är redan tillsatt" />);
    expect(declined.text).toContain('Skäl: Platsen är redan tillsatt');
    const interview = await renderBoth(<EmployerAnswerEmail {...props} answer="interview" detail="tisdag 1 december 2026 kl. 10:00" />);
    expect(interview.text).toContain('Tid: tisdag 1 december 2026 kl. 10:00');
    const none = await renderBoth(<EmployerAnswerEmail {...props} answer="declined" detail={null} />);
    expect(none.text).not.toContain('Skäl:');
  });

  it('never names the aspirant: it does not take a name at all', async () => {
    // @ts-expect-error the coach's e-mail has no candidateName
    const element = EmployerAnswerEmail({ ...props, answer: 'offer', detail: null, candidateName: CANDIDATE });
    const { html, text } = await renderBoth(element);
    expect(html).not.toContain('Amina');
    expect(text).toContain('din aspirant');
  });

  it('escapes HTML in every prop', async () => {
    for (const answer of ['reviewed', 'declined'] as const) {
      await expectEscaped(<EmployerAnswerEmail {...poisoned({ ...props, detail: 'Annat skäl' })} answer={answer} />);
    }
  });
});

describe('InterviewConfirmationEmail (to the contact person and the coach)', () => {
  const props = {
    recipientName: 'Karin Lund',
    openingTitle: 'Undersköterska, hemtjänst',
    organizationName: 'Järva hemtjänst AB',
    candidateName: CANDIDATE,
    when: 'tisdag 1 december 2026 kl. 10:00',
    place: 'Rinkebysvängen 1, Rinkeby',
    url: 'https://insteg.test/arbetsgivare/forslag/m-1',
  };

  it('has a subject naming the opening', () => {
    expect(interviewSubject(props.openingTitle)).toBe('Intervju bokad: Undersköterska, hemtjänst');
  });

  it('gives the candidate, the time and the place', async () => {
    const { text } = await renderBoth(<InterviewConfirmationEmail {...props} />);
    expect(text).toContain('Hej Karin Lund,');
    expect(text).toContain('En intervju med Amina H. för platsen ”Undersköterska, hemtjänst” hos Järva hemtjänst AB är bokad');
    expect(text).toContain('tisdag 1 december 2026 kl. 10:00');
    expect(text).toContain('Rinkebysvängen 1, Rinkeby');
  });

  it('says “din aspirant” in a copy without the name', async () => {
    const { html, text } = await renderBoth(<InterviewConfirmationEmail {...props} candidateName={null} recipientName="Omar Coach" />);
    expect(html).not.toContain('Amina');
    expect(text).toContain('En intervju med din aspirant för platsen');
  });

  it('escapes HTML in every prop', async () => {
    await expectEscaped(<InterviewConfirmationEmail {...poisoned(props)} />);
  });
});

describe('PlacementConfirmationEmail (to the contact person and the supervisor)', () => {
  const props = {
    recipientName: 'handledare',
    openingTitle: 'Parkarbetare',
    organizationName: 'Trafikkontoret',
    candidateName: CANDIDATE,
    startDate: '2027-06-14',
    endDate: '2027-08-20',
    coachName: 'Omar Coach',
    coachEmail: 'omar.coach@stockholm.se',
    url: 'https://insteg.test/arbetsgivare/forslag/m-1',
  };

  it('has a subject naming the opening', () => {
    expect(placementSubject(props.openingTitle)).toBe('Placering bekräftad: Parkarbetare');
  });

  it('gives the dates, the coach and what to do if something comes up', async () => {
    const { html, text } = await renderBoth(<PlacementConfirmationEmail {...props} />);
    expect(text).toContain('Amina H. börjar på platsen ”Parkarbetare” hos Trafikkontoret den 2027-06-14. Placeringen pågår till och med 2027-08-20.');
    expect(text).toContain('Jobbcoachen Omar Coach (omar.coach@stockholm.se) finns med som stöd före, under och efter placeringen');
    expect(text).toContain('Supported Employment');
    expect(text).toContain('Hör av er till jobbcoachen om något uppstår');
    expect(html).toContain('Visa i Insteg');
  });

  it('leaves out the button without a URL', async () => {
    const { html } = await renderBoth(<PlacementConfirmationEmail {...props} url={undefined} />);
    expect(html).not.toContain('Visa i Insteg');
    expect(html).toContain('2027-06-14');
  });

  it('escapes HTML in every prop', async () => {
    await expectEscaped(<PlacementConfirmationEmail {...poisoned(props)} />);
  });
});

describe('FollowUpReminderEmail (to the coach)', () => {
  const props = {
    coachName: 'Omar Coach',
    openingTitle: 'Parkarbetare',
    dueOn: '2027-11-20',
    url: 'https://insteg.test/matchningar/m-1',
  };

  it('has a subject per checkpoint', () => {
    expect(followUpSubject(3)).toBe('Dags för uppföljning 3 månader efter en placering');
    expect(followUpSubject(6)).toBe('Dags för uppföljning 6 månader efter en placering');
  });

  it.each([3, 6] as const)('asks, %i months after, what the person does now', async (checkpoint) => {
    const { html, text } = await renderBoth(<FollowUpReminderEmail {...props} checkpoint={checkpoint} />);
    expect(text).toContain('Hej Omar Coach,');
    expect(text).toContain(`Det har gått ${checkpoint} månader sedan din aspirants placering på ”Parkarbetare” avslutades.`);
    expect(text).toContain('registrera vad personen gör nu');
    expect(text).toContain('senast 2027-11-20');
    expect(html).toContain('Registrera uppföljningen');
  });

  it('never names the aspirant: it does not take a name at all', async () => {
    // @ts-expect-error the coach's e-mail has no candidateName
    const element = FollowUpReminderEmail({ ...props, checkpoint: 3, candidateName: CANDIDATE });
    const { html } = await renderBoth(element);
    expect(html).not.toContain('Amina');
  });

  it('escapes HTML in every prop', async () => {
    await expectEscaped(<FollowUpReminderEmail {...poisoned(props)} checkpoint={6} />);
  });
});
