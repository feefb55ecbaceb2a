export * from './enums';
export * from './geography';
export * from './occupations';
export * from './organizations';
export * from './users';
export * from './audit';
export * from './outbox';
export * from './openings';
