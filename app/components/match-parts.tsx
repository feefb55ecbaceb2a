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
