import { organizationTypeLabel } from './organization-list';

interface OrganizationDetails {
  name: string;
  orgNumber: string | null;
  kind: 'integrationspakt_member' | 'city_unit' | 'supplier';
  membershipLevel: 'member' | 'plus' | null;
  cityUnitType: 'namnd' | 'stadsdelsforvaltning' | 'bolag' | null;
  memberSince: string | null;
  active: boolean;
  districtName: string | null;
  clusterName: string | null;
  partnership: { signedOn: string; terms: string; jobbspar: string[] } | null;
  contacts: Array<{ name: string; email: string }>;
}

export function OrganizationFacts({ org }: { org: OrganizationDetails }) {
  return (
    <>
      <dl className="facts card">
        <dt>Typ</dt>
        <dd>{organizationTypeLabel(org)}</dd>
        {org.orgNumber ? (
          <>
            <dt>Organisationsnummer</dt>
            <dd>{org.orgNumber}</dd>
          </>
        ) : null}
        <dt>Stadsdelsområde</dt>
        <dd>{org.districtName ? `${org.districtName} (${org.clusterName})` : 'Inte angivet'}</dd>
        {org.memberSince ? (
          <>
            <dt>Medlem i Integrationspakten sedan</dt>
            <dd>{org.memberSince}</dd>
          </>
        ) : null}
        <dt>Status</dt>
        <dd>{org.active ? 'Aktiv' : 'Inaktiverad'}</dd>
      </dl>
      {org.partnership ? (
        <section aria-labelledby="h-partnership">
          <h2 id="h-partnership">Jobbpartnerskap</h2>
          <div className="card">
            <p>Undertecknat {org.partnership.signedOn}.</p>
            <p>{org.partnership.terms}</p>
            {org.partnership.jobbspar.length ? (
              <>
                <h3>Jobbspår</h3>
                <ul>
                  {org.partnership.jobbspar.map((j) => (
                    <li key={j}>{j}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="h-contacts">
        <h2 id="h-contacts">Kontaktpersoner i Insteg</h2>
        {org.contacts.length ? (
          <ul>
            {org.contacts.map((c) => (
              <li key={c.email}>
                {c.name} – <a href={`mailto:${c.email}`}>{c.email}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>Organisationen har ännu ingen kontaktperson med konto.</p>
        )}
      </section>
    </>
  );
}
