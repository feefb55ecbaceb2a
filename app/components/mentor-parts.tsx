import { Form } from '@remix-run/react';
import { pairHealthLabels, pairStatusLabels, type PairHealth, type PairStatus, type ScorePart } from '../mentoring/mentor-rules';

export function PairStatusBadge({ status }: { status: PairStatus }) {
  const tone = status === 'active' || status === 'confirmed' ? 'badge ok' : status === 'suggested' ? 'badge warn' : 'badge';
  return <span className={tone}>{pairStatusLabels[status]}</span>;
}

export function HealthBadge({ health }: { health: PairHealth }) {
  return <span className={health === 'on-track' ? 'badge ok' : 'badge error'}>{pairHealthLabels[health]}</span>;
}

export function ScoreParts({ score, parts }: { score: number; parts: ScorePart[] }) {
  return (
    <details>
      <summary>{score} poäng</summary>
      <ul>
        {parts.map((p) => (
          <li key={p.label}>
            +{p.points} {p.label}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** A table of suggested counterparts, each with a button that records a suggested pair. */
export function PairSuggestions({
  rows,
  hiddenName,
  emptyText,
}: {
  rows: { id: string; name: string; detail: string; score: number; parts: ScorePart[] }[];
  hiddenName: 'adeptId' | 'mentorId';
  emptyText: string;
}) {
  if (!rows.length) return <p>{emptyText}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Namn</th>
            <th scope="col">Om</th>
            <th scope="col">Poäng</th>
            <th scope="col">
              <span className="visually-hidden">Åtgärd</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.name}</th>
              <td>{r.detail}</td>
              <td>
                <ScoreParts score={r.score} parts={r.parts} />
              </td>
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="suggest" />
                  <input type="hidden" name={hiddenName} value={r.id} />
                  <button type="submit" className="secondary">
                    Föreslå par med {r.name}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
