import { and, asc, eq } from 'drizzle-orm';
import { clusters, districts, jobbtorg, users } from '../../db/schema';
import { getDb } from '../services.server';

/** A coach's Jobbtorg with its cluster, the cluster's districts and the coach's colleagues. */
export async function jobbtorgOverview(jobbtorgId: number) {
  const db = getDb();
  const [office] = await db
    .select({ id: jobbtorg.id, name: jobbtorg.name, youth: jobbtorg.youth, clusterId: clusters.id, clusterName: clusters.name, afOffice: clusters.afOffice })
    .from(jobbtorg)
    .innerJoin(clusters, eq(clusters.id, jobbtorg.clusterId))
    .where(eq(jobbtorg.id, jobbtorgId));
  if (!office) return null;
  const [clusterDistricts, colleagues] = await Promise.all([
    db.select({ name: districts.name }).from(districts).where(eq(districts.clusterId, office.clusterId)).orderBy(asc(districts.name)),
    db
      .select({ name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.jobbtorgId, jobbtorgId), eq(users.active, true)))
      .orderBy(asc(users.name)),
  ]);
  return { ...office, districts: clusterDistricts.map((d) => d.name), colleagues };
}
