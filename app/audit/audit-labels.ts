/**
 * Swedish names of the audit log's actions, for the admin log and the register extract.
 * An action without a label is shown as its code.
 */
const labels: Record<string, string> = {
  login: 'Inloggning',
  'login.throttled': 'Inloggning spärrad efter för många försök',
  logout: 'Utloggning',
  'logout.everywhere': 'Utloggning från alla enheter',
  'password.changed': 'Lösenord ändrat',
  'password.reset': 'Lösenord återställt',
  'password.reset-requested': 'Återställning av lösenord begärd',
  'password.reset-requested.unknown': 'Återställning begärd för okänd adress',
  'password.reset-throttled': 'Återställning stoppad: för många begäranden',
  'password.set-from-invitation': 'Lösenord valt från inbjudan',
  'user.created': 'Användare skapad',
  'user.deactivated': 'Användare inaktiverad',
  'user.reactivated': 'Användare aktiverad igen',
  'user.invite-resent': 'Inbjudan skickad igen',
  'organization.created': 'Organisation skapad',
  'organization.deactivated': 'Organisation inaktiverad',
  'organization.reactivated': 'Organisation aktiverad igen',
  'email.read': 'E-post läst',
  'email.retried': 'E-post skickad igen',
  'opening.created': 'Plats skapad',
  'opening.updated': 'Plats ändrad',
  'opening.deleted': 'Plats raderad',
  'opening.unpublished': 'Plats avpublicerad av administratör',
  'opening.published': 'Plats publicerad',
  'opening.paused': 'Plats pausad',
  'opening.filled': 'Plats tillsatt',
  'opening.closed': 'Plats stängd',
  'aspirant.enrolled': 'Inskrivning',
  'aspirant.updated': 'Uppgifter ändrade',
  'aspirant.viewed': 'Profilen lästes',
  'aspirant.personnummer-revealed': 'Hela personnumret visades',
  'aspirant.caseload-listed': 'Visades i aspirantlista',
  'aspirant.searched': 'Visades i sökresultat',
  'aspirant.due-list-viewed': 'Visades i att göra-lista',
  'aspirant.plan-saved': 'Handlingsplan sparad',
  'aspirant.activity-added': 'Aktivitet tillagd',
  'aspirant.activity-updated': 'Aktivitet ändrad',
  'aspirant.consent-given': 'Samtycke lämnat',
  'aspirant.consent-withdrawn': 'Samtycke återkallat',
  'aspirant.exported': 'Registerutdrag framställt',
  'aspirant.exited': 'Utskrivning',
  'aspirant.anonymised': 'Uppgifterna anonymiserade',
  'aspirant.criminal-record-noted': 'Utdrag ur belastningsregistret noterat',
  'aspirant.suggested': 'Visades i matchningsförslag',
  'aspirant.match-list-viewed': 'Visades i lista över matchningar',
  'aspirant.summary-listed': 'Profilsammanfattning visades för arbetsgivare (lista)',
  'aspirant.summary-viewed': 'Profilsammanfattning lästes av arbetsgivare',
  'match.proposed': 'Föreslagen till en plats',
  'match.status-changed': 'Matchning ändrad',
  'match.follow-up-recorded': 'Uppföljning efter placering registrerad',
  'match.weights-changed': 'Matchningens vikter ändrade',
};

export function auditActionLabel(action: string) {
  return labels[action] ?? action;
}

export const auditActions = Object.keys(labels);
