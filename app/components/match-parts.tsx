import type { ReactNode } from 'react';
import { formatPart, type ScorePart } from '../matching/match-scoring';
import { matchStatusLabels, type MatchStatus } from '../matching/match-rules';

/** The score and the parts it is made of; the parts add up to the score, and the list says so. */
export function ScoreExplanation({ score, parts, compact = false }: { score: number; parts: Array<Pick<ScorePart, 'points' | 'text'>>; compact?: boolean }) {
  if (!parts.length) return <span className="muted">0 poäng: inga faktorer gav poäng</span>;
  return (
    <ul className={compact ? 'explanation compact' : 'explanation'} aria-label={`Poäng ${score}, förklaring`}>
      {parts.map((p, i) => (
        <li key={`${p.text}-${i}`} className={p.points < 0 ? 'minus' : 'plus'}>
          {formatPart(p)}
        </li>
      ))}
      {compact ? null : (
        <li className="sum">
          <strong>= {score} poäng</strong>
        </li>
      )}
    </ul>
  );
}

export function MatchStatusBadge({ status }: { status: MatchStatus }) {
  return <span className={`badge status-${status}`}>{matchStatusLabels[status]}</span>;
}

const dateTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

export function formatDateTime(value: string | Date) {
  return dateTime.format(typeof value === 'string' ? new Date(value) : value);
}

/** The steps of a match in order, with who took them (names only for the coach's view). */
export function MatchTimeline({ events }: { events: Array<{ toStatus: MatchStatus; at: string; actorName?: string | null }> }) {
  return (
    <ol className="timeline">
      {events.map((e, i) => (
        <li key={i}>
          <time dateTime={e.at}>{formatDateTime(e.at)}</time> {matchStatusLabels[e.toStatus]}
          {e.actorName ? <span className="muted"> ({e.actorName})</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** Matching fell back to the database: fewer candidates than usual. */
export function MatchFallbackNotice() {
  return (
    <div className="alert alert-warn" role="status">
      <p>Sökmotorn svarar inte just nu. Förslagen är hämtade direkt ur databasen och kan vara färre än vanligt.</p>
    </div>
  );
}

/**
 * Ranked suggestions: rank, the row's own columns (the first one heads the row), score and its
 * explanation. Both directions of matching use it.
 */
export function SuggestionTable({
  columns,
  rows,
}: {
  columns: [string, ...string[]];
  rows: Array<{ key: string; cells: [ReactNode, ...ReactNode[]]; score: number; parts: Array<Pick<ScorePart, 'points' | 'text'>> }>;
}) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">Poäng</th>
            <th scope="col">Förklaring</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, cells: [head, ...rest], score, parts }, i) => (
            <tr key={key}>
              <td>{i + 1}</td>
              <th scope="row">{head}</th>
              {rest.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
              <td>{score}</td>
              <td>
                <ScoreExplanation score={score} parts={parts} compact />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
