import type { MetaFunction } from '@remix-run/node';
import { ErrorView } from '../components/error-view';
import { formatSwedishDate } from '../dates';

/*
 * The accessibility statement (tillgänglighetsredogörelse) required by lagen (2018:1937) om
 * tillgänglighet till digital offentlig service, in the structure of DIGG's model statement.
 * Public: no loader, no login. Keep it true to what the code and the tests actually do, and
 * review it with every release that changes the interface.
 *
 * The e-mail address and phone number are placeholders (the reserved .test domain and a number
 * that cannot exist) until the city's arbetsmarknadsförvaltning gives the real ones.
 */
const ACCESSIBILITY_STATEMENT_TITLE = 'Tillgänglighetsredogörelse – Insteg';
const STATEMENT_MADE_ON = '2026-11-23';
const STATEMENT_REVIEWED_ON = '2026-11-23';
const ACCESSIBILITY_CONTACT_EMAIL = 'tillganglighet@insteg.test';
/** Swedish numbers never start with 0 after the area code: this one cannot ring anybody. */
const ACCESSIBILITY_CONTACT_PHONE = { display: '08-000 00 00', tel: '+4680000000' };
const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';

function Contact() {
  return (
    <ul>
      <li>
        E-post: <a href={`mailto:${ACCESSIBILITY_CONTACT_EMAIL}`}>{ACCESSIBILITY_CONTACT_EMAIL}</a>
      </li>
      <li>
        Telefon: <a href={`tel:${ACCESSIBILITY_CONTACT_PHONE.tel}`}>{ACCESSIBILITY_CONTACT_PHONE.display}</a>
      </li>
    </ul>
  );
}

export default function AccessibilityStatement() {
  return (
    <article aria-labelledby="statement-title" style={{ maxWidth: '48rem' }}>
      <h1 id="statement-title">Tillgänglighetsredogörelse för Insteg</h1>
      <p>
        Stockholms stad, genom arbetsmarknadsförvaltningen, står bakom Insteg: tjänsten där arbetsgivare, jobbcoacher vid
        Jobbtorg Stockholm, mentorsamordnare i Stockholmsmentor och programadministratörer arbetar med Stockholmsjobb,
        feriejobb, praktik och mentorskap. Vi vill att så många som möjligt ska kunna använda tjänsten. Den här sidan
        beskriver hur Insteg uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka kända
        tillgänglighetsproblem som finns och hur du kan rapportera brister till oss så att vi kan åtgärda dem.
      </p>

      <h2>Hur tillgänglig är tjänsten?</h2>
      <p>
        Vi är medvetna om att delar av tjänsten inte är helt tillgängliga. Läs mer under{' '}
        <a href="#brister">Innehåll som inte är tillgängligt</a>.
      </p>

      <h2>Vad kan du göra om du inte kan använda delar av tjänsten?</h2>
      <p>
        Om du inte kan använda någon del av Insteg kan du kontakta oss, så hjälper vi dig att få informationen eller
        utföra uppgiften på ett annat sätt:
      </p>
      <Contact />
      <p>Vi svarar normalt inom fem arbetsdagar.</p>

      <h2>Rapportera brister i tjänstens tillgänglighet</h2>
      <p>
        Vi försöker hela tiden förbättra tillgängligheten. Om du upptäcker problem som inte beskrivs på den här sidan,
        eller om du anser att vi inte uppfyller lagens krav, kontakta oss på samma sätt som ovan så att vi får veta att
        problemet finns.
      </p>

      <h2>Tillsyn</h2>
      <p>
        Myndigheten för digital förvaltning (DIGG) har ansvaret för tillsyn över lagen om tillgänglighet till digital
        offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta DIGG och påpeka det:{' '}
        <a href={DIGG_REPORT_URL}>anmäl bristande tillgänglighet till DIGG</a>. Mer om myndigheten finns på{' '}
        <a href="https://www.digg.se">digg.se</a>.
      </p>

      <h2>Teknisk information om tjänstens tillgänglighet</h2>
      <p>
        Insteg är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som
        beskrivs nedan. Vi bedömer tjänsten mot kraven i standarden EN 301 549, som för webbinnehåll motsvarar WCAG 2.1
        på nivå AA.
      </p>

      <h2 id="brister">Innehåll som inte är tillgängligt</h2>
      <h3>Bristande förenlighet med lagkraven</h3>
      <ul>
        <li>
          <strong>Tidsgräns för inloggningen.</strong> Av säkerhetsskäl loggas du ut efter 60 minuter utan aktivitet och
          senast efter 12 timmar. Du får ingen varning innan och kan inte förlänga tiden. Text som du har skrivit i ett
          formulär men inte sparat går då förlorad. (WCAG 2.2.1 Justerbar tidsbegränsning.)
        </li>
      </ul>

      <h3>Andra kända problem</h3>
      <ul>
        <li>
          I formuläret för aspiranter skrivs andra språk och yrken som fritext, en rad per språk eller yrke i ett
          bestämt format (”språk: nivå” och ”SSYK-kod: år”). Formatet står i fältets etikett och felmeddelandet pekar ut
          raden som är fel, men fälten är svårare att fylla i än separata fält. Yrken anges med fyrsiffriga SSYK-koder
          och tjänsten har ännu ingen sökfunktion för att hitta koden.
        </li>
        <li>
          Datumfälten använder webbläsarens inbyggda datumväljare. Hur den fungerar med tangentbord och skärmläsare
          skiljer sig mellan webbläsare. Du kan alltid skriva datumet i stället för att använda väljaren.
        </li>
        <li>
          Registerutdraget för en aspirant laddas ned som en JSON-fil. Filen är maskinläsbar men inte utformad för att
          läsas direkt av en person.
        </li>
      </ul>

      <h3>Oskäligt betungande anpassning</h3>
      <p>Vi åberopar inte oskäligt betungande anpassning för något innehåll i Insteg.</p>

      <h3>Innehåll som inte omfattas av lagen</h3>
      <p>Vi känner inte till något innehåll i Insteg som är undantaget från lagen.</p>

      <h2>Hur vi har testat tjänsten</h2>
      <p>Vi har gjort en självskattning (intern testning) av Insteg:</p>
      <ul>
        <li>
          Automatiska tester med verktyget axe kontrollerar reglerna för WCAG 2.0, 2.1 och 2.2 på nivå A och AA i
          webbläsaren Chromium. De körs i projektets testsvit på startsidan, inloggningen, sidan för glömt lösenord,
          varje sida i menyn för varje roll, sidan Mitt konto, sidan som visas när åtkomst nekas och formulären för
          platser, aspiranter och användare, även när formulären visar felmeddelanden.
        </li>
        <li>Ett automatiskt test kontrollerar att länken ”Hoppa till huvudinnehållet” nås med tangentbordet och flyttar fokus till innehållet.</li>
        <li>E-post från tjänsten skickas både som HTML och som ren text. E-postmeddelandena ingår inte i de automatiska tillgänglighetstesterna.</li>
      </ul>
      <p>
        Automatiska tester hittar bara en del av alla tillgänglighetsproblem. Vi har ännu inte gjort någon fullständig
        manuell granskning med tangentbord och skärmläsare, och ingen extern granskning.
      </p>
      <p>
        Redogörelsen upprättades den <time dateTime={STATEMENT_MADE_ON}>{formatSwedishDate(STATEMENT_MADE_ON)}</time> och
        granskades senast den <time dateTime={STATEMENT_REVIEWED_ON}>{formatSwedishDate(STATEMENT_REVIEWED_ON)}</time>.
      </p>
    </article>
  );
}

export const meta: MetaFunction = () => [
  { title: ACCESSIBILITY_STATEMENT_TITLE },
  { name: 'description', content: 'Hur tillgänglig Insteg är, kända brister och hur du rapporterar problem.' },
];

export function ErrorBoundary() {
  return <ErrorView />;
}
