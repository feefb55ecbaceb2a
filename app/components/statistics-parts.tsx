import { Link } from '@remix-run/react';
import { indicatorById, targetSetterLabels, type IndicatorId } from '../statistics/indicators';
import { progressLabels, type Progress } from '../statistics/progress';
import { tertials } from '../statistics/tertial';
import { formatValue, SECONDARY_TEXT, type IndicatorCard, type StatTable } from '../statistics/stat-table';

/** A statistics table with its caption, hidden cells marked, and links to the table as CSV and XLSX. */
export function StatTableView({ table, exportHref, threshold }: { table: StatTable; exportHref?: (format: 'csv' | 'xlsx') => string; threshold: number }) {
  return (
    <div className="stat-table">
      <div className="table-wrap">
        <table id={`tabell-${table.id}`}>
          <caption>{table.title}</caption>
          <thead>
            <tr>
              <th scope="col">{table.rowHeader}</th>
              {table.columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.key} className={r.total ? 'total-row' : undefined}>
                <th scope="row">{r.href ? <Link to={r.href}>{r.label}</Link> : r.label}</th>
                {r.cells.map((c, i) => (
                  <td key={i} className="num">
                    {c.suppressed ? <abbr title={c.text === SECONDARY_TEXT ? 'Dold för att skydda en annan cell' : `Färre än ${threshold} personer`}>{c.text}</abbr> : c.text}
                    {c.base !== undefined && c.base !== null && c.value !== null ? <span className="muted"> (n={c.base})</span> : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {exportHref ? (
        <p className="export-links">
          Ladda ner tabellen: <a href={exportHref('csv')}>CSV</a> · <a href={exportHref('xlsx')}>Excel (XLSX)</a>
        </p>
      ) : null}
    </div>
  );
}

const COLORS = ['#1f5f99', '#b5471b', '#5b6770'];

/** A bar group's label on at most two lines of `width` characters, cut with an ellipsis. */
function labelLines(label: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (!line || `${line} ${word}`.length <= width) line = line ? `${line} ${word}` : word;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  const shown = lines.slice(0, 2);
  if (lines.length > 2 || shown.some((l) => l.length > width)) {
    const last = shown.length - 1;
    shown[last] = shown[last]!.length > width - 1 || lines.length > 2 ? `${shown[last]!.slice(0, width - 1)}…` : shown[last]!;
  }
  return shown.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
}

/**
 * Grouped bars for a table (rows are groups, columns bars; totals left out), as an SVG image
 * whose text alternative is the table itself: the chart names it in its description. Hidden
 * cells get no bar, and their label says why.
 */
export function BarChart({ table }: { table: StatTable }) {
  const rows = table.rows.filter((r) => !r.total);
  const series = table.columns.filter((c) => c !== 'Totalt');
  const values = rows.flatMap((r) => r.cells.slice(0, series.length).map((c) => c.value ?? 0));
  const max = Math.max(1, ...values);
  const barWidth = 24;
  const groupGap = 36;
  const height = 180;
  const top = 16;
  const left = 8;
  const groupWidth = series.length * barWidth + groupGap;
  const width = left + rows.length * groupWidth + 8;
  const titleId = `chart-${table.id}-title`;
  const descId = `chart-${table.id}-desc`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height + 48}`} width="100%" style={{ maxWidth: `${Math.round(width * 1.6)}px` }} role="img" aria-labelledby={`${titleId} ${descId}`} className="chart-svg">
        <title id={titleId}>{table.title}</title>
        <desc id={descId}>Stapeldiagram. Samma siffror finns i tabellen {table.title}.</desc>
        <line x1={left} x2={width - 4} y1={top + height} y2={top + height} stroke="#333" />
        {rows.map((r, gi) => (
          <g key={r.key}>
            {series.map((s, si) => {
              const cell = r.cells[si]!;
              const x = left + gi * groupWidth + si * barWidth;
              const h = cell.value === null ? 0 : (cell.value / max) * height;
              return (
                <g key={s}>
                  {h > 0 ? <rect x={x} y={top + height - h} width={barWidth - 3} height={h} fill={COLORS[si % COLORS.length]} /> : null}
                  <text x={x + (barWidth - 3) / 2} y={top + height - h - 3} fontSize="9" textAnchor="middle" fill="#222">
                    {cell.suppressed ? cell.text : cell.text.replace(' %', '%')}
                  </text>
                </g>
              );
            })}
            <text x={left + gi * groupWidth + (series.length * barWidth) / 2} y={top + height + 14} fontSize="10" textAnchor="middle" fill="#222">
              {labelLines(r.label, Math.floor(groupWidth / 6)).map((line, li) => (
                <tspan key={li} x={left + gi * groupWidth + (series.length * barWidth) / 2} dy={li === 0 ? 0 : 12}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="chart-legend">
        {series.map((s, i) => (
          <span key={s} className="legend-item">
            <svg width="12" height="12" aria-hidden="true" focusable="false">
              <rect width="12" height="12" fill={COLORS[i % COLORS.length]} />
            </svg>{' '}
            {s}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Progress towards an annual target, as text and a bar. */
export function ProgressView({ progress, label }: { progress: Progress; label: string }) {
  const share = progress.ofTarget;
  return (
    <div className="progress">
      <p>
        <span className={`badge progress-${progress.status}`}>{progressLabels[progress.status]}</span> {label}
        {share !== null ? ` – ${Math.round(share * 100)} % av målet, ${Math.round(progress.yearShare * 100)} % av året har gått` : null}
      </p>
      {share !== null ? (
        <svg width="100%" height="10" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false" className="progress-bar">
          <rect width="100" height="10" fill="#e4e9f0" />
          <rect width={Math.min(100, share * 100)} height="10" fill="#1f5f99" />
          <line x1={progress.yearShare * 100} x2={progress.yearShare * 100} y1="0" y2="10" stroke="#b5471b" strokeWidth="1.5" />
        </svg>
      ) : null}
    </div>
  );
}

/** The link to a table as CSV or XLSX, for the page's scope and period (its query). */
export function exportLinks(query: string) {
  return (tableId: string) => (format: 'csv' | 'xlsx') => `/statistik/export?${new URLSearchParams([...new URLSearchParams(query), ['tabell', tableId], ['format', format]])}`;
}

/** The period select (a whole year or one of its tertials), for a GET form. */
export function PeriodSelect({ years, value }: { years: number[]; value: string }) {
  return (
    <div className="field">
      <label htmlFor="period">Period</label>
      <select id="period" name="period" defaultValue={value}>
        {years.map((y) => (
          <optgroup key={y} label={String(y)}>
            <option value={String(y)}>Helår {y}</option>
            {tertials.map((t) => (
              <option key={t} value={`${y}-T${t}`}>
                T{t} {y}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** Where the user is: the city, a cluster, a Jobbtorg, an organisation. */
export function ScopeTrail({ trail }: { trail: Array<{ label: string; href: string }> }) {
  if (trail.length < 2) return null;
  return (
    <nav aria-label="Du är här" className="breadcrumbs">
      <ol>
        {trail.map((step, i) => (
          <li key={step.href}>{i === trail.length - 1 ? <span aria-current="page">{step.label}</span> : <Link to={step.href}>{step.label}</Link>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** How an indicator is counted, next to its figure. */
export function IndicatorDefinitionView({ id }: { id: IndicatorId }) {
  const def = indicatorById[id];
  return (
    <details className="definition">
      <summary>Så räknas måttet</summary>
      <dl>
        <dt>{def.unit === 'share' ? 'Täljare' : def.unit === 'average' ? 'Medelvärde av' : 'Räknas'}</dt>
        <dd>{def.counts}</dd>
        {def.outOf ? (
          <>
            <dt>{def.unit === 'share' ? 'Nämnare' : 'Bland'}</dt>
            <dd>{def.outOf}</dd>
          </>
        ) : null}
        <dt>Datum som avgör tertialen</dt>
        <dd>{def.dated}</dd>
        {def.once ? (
          <>
            <dt>Personer räknas en gång</dt>
            <dd>{def.once}</dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}

/** One indicator: its figure for the year, targets and progress, chart, tables and definition. */
export function IndicatorCardView({ card, threshold, exportHref }: { card: IndicatorCard; threshold: number; exportHref?: (tableId: string) => (format: 'csv' | 'xlsx') => string }) {
  const def = indicatorById[card.id];
  const headingId = `h-${card.id}`;
  return (
    <section className="card indicator-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{def.label}</h3>
      <p className="figure">
        {card.figureText}
        {def.unit === 'average' ? <span className="muted"> månader</span> : null}
      </p>
      {card.targets.length ? (
        card.targets.map((t) => (
          <ProgressView
            key={t.setBy}
            progress={t.progress}
            label={`Mål ${formatValue(def.unit, t.value)}${def.unit === 'average' ? ' månader' : ''} (${targetSetterLabels[t.setBy]}, satt för ${t.year})`}
          />
        ))
      ) : (
        <p className="muted">Inget mål satt för staden.</p>
      )}
      <IndicatorDefinitionView id={card.id} />
      <BarChart table={card.byTertial} />
      <StatTableView table={card.byTertial} threshold={threshold} exportHref={exportHref?.(card.byTertial.id)} />
      {card.byGroup ? <StatTableView table={card.byGroup} threshold={threshold} exportHref={exportHref?.(card.byGroup.id)} /> : null}
    </section>
  );
}
