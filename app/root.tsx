import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { getUser } from './auth/auth.server';
import { roleLabels } from './auth/roles';
import { ErrorView } from './components/error-view';
import { navigation } from './components/navigation';
import stylesheet from './styles/app.css';
import { useNonce } from './nonce';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return json({
    user: user ? { name: user.name, role: user.role, roleLabel: roleLabels[user.role] } : null,
    nav: user ? navigation[user.role] : [],
  });
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const nonce = useNonce();
  return (
    <html lang="sv">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Hoppa till huvudinnehållet
        </a>
        <header className="site-header">
          <div className="container header-inner">
            <Link to="/" className="brand">
              Insteg<span className="brand-sub">Stockholms stad</span>
            </Link>
            {data?.user ? (
              <div className="user-menu">
                <span>
                  {data.user.name} <span className="muted">({data.user.roleLabel})</span>
                </span>
                <Link to="/konto">Mitt konto</Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">
                    Logga ut
                  </button>
                </Form>
              </div>
            ) : null}
          </div>
          {data?.nav.length ? (
            <nav aria-label="Huvudmeny" className="main-nav">
              <ul className="container">
                {data.nav.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.to.split('/').length <= 2}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" tabIndex={-1} className="container">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>Insteg – Stockholms stads arbetsmarknadsinsatser: Stockholmsjobb, feriejobb, praktik och Stockholmsmentor.</p>
            <p>
              <Link to="/tillganglighet">Tillgänglighet</Link>
            </p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export const meta: MetaFunction = () => [{ title: 'Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
